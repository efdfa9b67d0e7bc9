"""Throughput of the text layer (``normalize``) in characters per second.

Measures, in one run and side by side:
- cold start: the first ``normalize`` of both seed articles in this process (loads OpenCC,
  the character table and, for the damaged seed, the word table);
- warm: both seed articles normalised repeatedly;
- a generated corpus built from the seed sentences in every input shape the layer handles
  (UTF-8, GB18030, Big5 traditional, UTF-16, HTML with a meta charset, repeated paragraphs);
- as a reference, plain OpenCC ``t2s`` over the same decoded text (the one step every article
  needs), so the ratio shows what the rest of the pipeline costs;
- repair quality on simulated GBK byte loss: seed sentences encoded as GBK lose one lead byte
  (left as ``?`` or silently dropped) and are decoded leniently; reported are the share of
  damaged sentences fully restored, the mean similarity to the truth before and after, and the
  number of garbage characters left outside quarantine (should be 0).

Run: ``.venv/bin/python bench/bench_text.py [--docs 300] [--rounds 5]``.
"""

from __future__ import annotations

import argparse
import difflib
import random
import time
from pathlib import Path

from opencc_pyo3 import OpenCC

from regionkg.graph.text import normalize
from regionkg.graph.text.freq import logp

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data" / "articles").glob("*.txt"))


def generated_corpus(count: int, seed: int = 7) -> list[tuple[bytes, str]]:
    """Articles made of seed sentences, in rotating encodings and shapes."""
    rng = random.Random(seed)
    sentences = []
    for path in SEEDS:
        doc = normalize(path.read_bytes(), str(path))
        sentences += [doc.text[s:e] for s, e in doc.sentences if e - s > 8 and not doc.is_quarantined(s, e)]
    s2t = OpenCC("s2t")
    shapes = ["utf-8", "gb18030", "big5", "utf-16", "html", "repeats"]
    corpus = []
    for index in range(count):
        paragraphs = ["".join(rng.sample(sentences, 3)) for _ in range(rng.randint(4, 12))]
        shape = shapes[index % len(shapes)]
        if shape == "big5":
            text = s2t.convert("\n".join(paragraphs))
            data = text.encode("big5", errors="ignore")
        elif shape == "html":
            body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
            page = f'<html><head><meta charset="gbk"><script>var a=1;</script></head><body>{body}</body></html>'
            data = page.encode("gb18030")
        elif shape == "repeats":
            data = "\n\n".join(paragraphs + paragraphs[:3]).encode("utf-8")
        else:
            data = "\n".join(paragraphs).encode(shape)
        corpus.append((data, f"gen/{index}.{'html' if shape == 'html' else 'txt'}"))
    return corpus


def throughput(docs: list[tuple[bytes, str]], rounds: int) -> tuple[int, float]:
    """(decoded characters per round, best seconds per round)."""
    chars = sum(len(normalize(data, path).original) for data, path in docs)
    best = float("inf")
    for _ in range(rounds):
        logp.cache_clear()  # repeated rounds must not profit from the repair search's score cache
        start = time.perf_counter()
        for data, path in docs:
            normalize(data, path)
        best = min(best, time.perf_counter() - start)
    return chars, best


def opencc_reference(docs: list[tuple[bytes, str]], rounds: int) -> float:
    texts = [normalize(data, path).original for data, path in docs]
    t2s = OpenCC("t2s")
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            t2s.convert(text)
        best = min(best, time.perf_counter() - start)
    return best


def gbk_without_lead_byte(sentence: str, which: int, marker: bytes = b"") -> bytes:
    """GBK bytes of ``sentence`` with the lead byte of its ``which``-th double-byte character lost
    (replaced by ``marker``, as some converters write ``?`` for a byte they cannot place)."""
    data = sentence.encode("gbk")
    leads, i = [], 0
    while i < len(data):
        if data[i] >= 0x80:
            leads.append(i)
        i += 2 if data[i] >= 0x80 else 1
    k = leads[which]
    return data[:k] + marker + data[k + 1 :]


def repair_quality(count: int, seed: int = 11) -> dict[str, tuple[float, float, float, int]]:
    """Per damage shape: (fully restored share, similarity before, after, leaked characters)."""
    doc = normalize(SEEDS[0].read_bytes(), str(SEEDS[0]))
    sentences = [doc.text[s:e] for s, e in doc.sentences if e - s > 15]
    rng = random.Random(seed)
    results = {}
    for shape, marker in (("lost byte shown as ?", b"?"), ("lost byte dropped", b"")):
        restored, before, after, leaked = 0, 0.0, 0.0, 0
        for _ in range(count):
            truth = rng.choice(sentences)
            wide = sum(len(c.encode("gbk")) == 2 for c in truth)  # neither the first nor the last
            damaged = gbk_without_lead_byte(truth, rng.randrange(1, wide - 1), marker).decode("gbk", errors="replace")
            clean = normalize(damaged.encode("utf-8"), "damaged.txt")
            restored += clean.text == truth
            before += difflib.SequenceMatcher(None, damaged, truth, autojunk=False).ratio()
            matcher = difflib.SequenceMatcher(None, clean.text, truth, autojunk=False)
            after += matcher.ratio()
            for tag, i1, i2, _, _ in matcher.get_opcodes():
                if tag in ("replace", "delete"):
                    leaked += sum(not clean.is_quarantined(i, i + 1) for i in range(i1, i2))
        results[shape] = (restored / count, before / count, after / count, leaked)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300, help="generated articles")
    parser.add_argument("--rounds", type=int, default=5, help="best of N rounds")
    parser.add_argument("--damaged", type=int, default=60, help="simulated damaged sentences")
    args = parser.parse_args()

    seeds = [(p.read_bytes(), str(p)) for p in SEEDS]
    start = time.perf_counter()
    for data, path in seeds:
        normalize(data, path)
    cold = time.perf_counter() - start

    seed_chars, seed_time = throughput(seeds, args.rounds * 4)
    corpus = generated_corpus(args.docs)
    corpus_chars, corpus_time = throughput(corpus, args.rounds)
    reference = opencc_reference(corpus, args.rounds)

    print(f"seeds, cold start (first call, loads tables): {cold * 1000:.0f} ms for {len(seeds)} articles")
    print(f"seeds, warm: {seed_time * 1000:.1f} ms for {seed_chars} chars = {seed_chars / seed_time:,.0f} chars/s")
    print(
        f"generated corpus: {len(corpus)} articles, {corpus_chars} chars in {corpus_time:.3f} s"
        f" = {corpus_chars / corpus_time:,.0f} chars/s = {len(corpus) / corpus_time:,.0f} articles/s"
    )
    print(
        f"reference, OpenCC t2s alone on the same text: {reference:.3f} s"
        f" (normalize costs {corpus_time / reference:.1f}x a bare t2s pass)"
    )
    for shape, (restored, before, after, leaked) in repair_quality(args.damaged).items():
        print(
            f"GBK byte loss, {shape}: {restored:.0%} of {args.damaged} sentences fully restored;"
            f" similarity to the truth {before:.3f} -> {after:.3f};"
            f" garbage characters outside quarantine: {leaked}"
        )


if __name__ == "__main__":
    main()
