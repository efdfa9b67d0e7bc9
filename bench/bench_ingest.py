"""Ingest throughput: articles per second through normalize → extract → RDF → store, per stage.

Articles of ~3,000 characters made by ``bench_extract.articles`` (distinct paragraphs of the
seed and test articles) are written to a folder and ingested into fresh on-disk stores:

- stages: normalize, extract and RDF timed one by one, then the store written the way a
  single-file ingest does it (one transaction per document, ``replace_graph``);
- batched: ``regionkg.graph.ingest.ingest`` over the whole folder end to end (new documents
  through the bulk add, ``OxigraphStore.add_graphs``), on a second fresh store;
- replace: each stored document replaced by one that differs only in its ingest time (the
  store writes only the difference), store time only.

Per core = per CPU-second of this process (the bulk loader's threads included); wall-clock
rates are printed too (on a shared machine they also count waiting for a core).

    .venv/bin/python bench/bench_ingest.py [--articles 200] [--seeds]

``--seeds`` ingests copies of the bundled articles (``data/articles``) under distinct names
instead (seed 002 carries ~200 text repairs).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from regionkg.graph.extract import extract
from regionkg.graph.ingest import ingest
from regionkg.graph.iris import doc_iri
from regionkg.graph.rdf import build
from regionkg.graph.store import open_store
from regionkg.graph.text import normalize
from regionkg.settings import Settings

sys.path.insert(0, str(Path(__file__).parent))
from bench_extract import articles  # noqa: E402

SEEDS = sorted((Path(__file__).resolve().parents[1] / "data" / "articles").glob("*.txt"))


class Clock:
    """CPU and wall seconds of a block, added to a running total."""

    def __init__(self) -> None:
        self.cpu = self.wall = 0.0

    def __enter__(self) -> Clock:
        self._c, self._w = time.process_time(), time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.cpu += time.process_time() - self._c
        self.wall += time.perf_counter() - self._w


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seeds", action="store_true", help="copies of data/articles instead")
    args = parser.parse_args()
    n = args.articles
    if args.seeds:
        corpus = [SEEDS[i % len(SEEDS)].read_bytes() for i in range(n)]
    else:
        corpus = articles(n)
    extract(normalize(articles(1)[0], "warm-up"))  # builds automata and lexicons once
    with tempfile.TemporaryDirectory(prefix="rkg-ingest-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for i, data in enumerate(corpus):
            (folder / f"{i:05d}.txt").write_bytes(data)
        files = sorted(folder.iterdir())
        stages = {name: Clock() for name in ("normalize", "extract", "rdf", "store, 1 transaction per doc")}
        quads, extractions = 0, []
        store = open_store(Settings(data_dir=Path(tmp) / "one"))
        for path in files:
            with stages["normalize"]:
                nt = normalize(path.read_bytes(), str(path))
            with stages["extract"]:
                ex = extract(nt)
            with stages["rdf"]:
                built = build(ex, ingested_at="2026-01-01T00:00:00Z")
            with stages["store, 1 transaction per doc"]:
                store.replace_graph(doc_iri(str(path)), built.quads)
            quads += len(built.quads)
            extractions.append(ex)
        replace = Clock()  # a re-ingest that changes little: here only the ingest time
        for path, ex in zip(files, extractions):
            built = build(ex, ingested_at="2026-01-02T00:00:00Z")
            with replace:
                store.replace_graph(doc_iri(str(path)), built.quads)
        store.close()
        batched = Clock()
        store = open_store(Settings(data_dir=Path(tmp) / "batched"))
        with batched:
            results = ingest(store, [folder])
        store.close()
    assert all(r.status == "added" for r in results), [r.errors for r in results if r.errors][:3]
    stage_cpu = sum(c.cpu for c in stages.values())
    stage_wall = sum(c.wall for c in stages.values())
    kind = "copies of data/articles" if args.seeds else "generated articles of ~3,000 characters"
    print(f"{n} {kind}, {quads / n:,.0f} quads each\n")
    print("| stage | ms CPU per article | ms wall per article |")
    print("|---|---:|---:|")
    for name, c in stages.items():
        print(f"| {name} | {c.cpu / n * 1000:.1f} | {c.wall / n * 1000:.1f} |")
    print("\n| end to end | articles per CPU-second | articles per wall-second |")
    print("|---|---:|---:|")
    print(f"| stages in turn, 1 transaction per doc | {n / stage_cpu:.1f} | {n / stage_wall:.1f} |")
    print(f"| `ingest` of the folder (batched bulk add) | {n / batched.cpu:.1f} | {n / batched.wall:.1f} |")
    print(f"| store only: replacing a stored document whose ingest time changed | {n / replace.cpu:.1f} | {n / replace.wall:.1f} |")
    write = batched.cpu - sum(stages[s].cpu for s in ("normalize", "extract", "rdf"))
    print(f"\nstore writes in `ingest`, CPU (its total minus the stages above): {write / n * 1000:.1f} ms per article")


if __name__ == "__main__":
    main()
