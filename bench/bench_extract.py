"""Extraction throughput: articles of ~3,000 characters per second, single process.

Builds articles by concatenating the seed and test articles' paragraphs (in a fixed shuffled
order) to 3,000 characters, normalises them once, then times ``extract`` alone and
``normalize`` + ``extract`` side by side. Target: >= 100 articles/s per core for extraction,
i.e. per CPU-second of this single process (wall-clock rates are printed too; on a shared
machine they also count time spent waiting for a core).

    .venv/bin/python bench/bench_extract.py [N]
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from regionkg.graph.extract import extract
from regionkg.graph.text import normalize

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(p for p in (ROOT / "tests" / "data").glob("gold*/[0-9]*_*") if p.suffix != ".json")
SOURCES += sorted((ROOT.parent / "shared" / "seeds").glob("0*_*.txt"))


def articles(n: int, size: int = 3000) -> list[bytes]:
    """``n`` articles of ``size`` characters, each made of distinct paragraphs (the text layer
    drops repeated paragraphs, so an article must not repeat one)."""
    pool = sorted({p for f in SOURCES for p in normalize(f.read_bytes(), str(f)).text.split("\n")
                   if len(p) > 20})
    rng = random.Random(7)
    out = []
    for _ in range(n):
        rng.shuffle(pool)
        buf = ""
        for para in pool:
            if len(buf) >= size:
                break
            buf += para + "\n"
        out.append(buf[:size].encode("utf-8"))
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    docs = articles(n)
    extract(normalize(docs[0], "warm-up"))  # builds automata and lexicons once
    nts = [normalize(d, f"a{i}") for i, d in enumerate(docs)]
    mean = sum(len(nt.text) for nt in nts) / n
    t0, c0 = time.perf_counter(), time.process_time()
    for nt in nts:
        extract(nt)
    t_ext, c_ext = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    for i, d in enumerate(docs):
        extract(normalize(d, f"b{i}"))
    t_all, c_all = time.perf_counter() - t0, time.process_time() - c0
    # per core = per CPU-second of this process; wall time also counts waiting for a shared core
    print(f"{n} articles, {mean:.0f} clean characters on average  per CPU-second   per wall-second")
    print(f"extract only        : {n / c_ext:14.1f} {n / t_ext:17.1f}")
    print(f"normalize + extract : {n / c_all:14.1f} {n / t_all:17.1f}")


if __name__ == "__main__":
    main()
