"""Ingest throughput: articles per second through normalize → extract → RDF → store, per stage.

The bundled articles are copied under ``--copies`` distinct file names (each copy is its own
document and named graph) into a fresh on-disk store, on one core.

    python bench/bench_ingest.py --copies 100
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from regionkg.graph.extract import extract
from regionkg.graph.iris import doc_iri
from regionkg.graph.rdf import build
from regionkg.graph.store import open_store
from regionkg.graph.text import normalize
from regionkg.settings import Settings

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50)
    args = parser.parse_args()
    sources = [(p.name, p.read_bytes()) for p in sorted(ARTICLES.glob("*.txt"))]
    stages = dict.fromkeys(("normalize", "extract", "rdf", "store"), 0.0)
    quads = 0
    with tempfile.TemporaryDirectory(prefix="rkg-ingest-") as tmp:
        store = open_store(Settings(data_dir=Path(tmp)))
        for i in range(args.copies):
            for name, data in sources:
                path = f"{i:05d}_{name}"
                t0 = time.perf_counter()
                nt = normalize(data, path)
                t1 = time.perf_counter()
                ex = extract(nt)
                t2 = time.perf_counter()
                built = build(ex, ingested_at="2026-01-01T00:00:00Z")
                t3 = time.perf_counter()
                store.replace_graph(doc_iri(path), built.quads)
                t4 = time.perf_counter()
                for key, dt in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                    stages[key] += dt
                quads += len(built.quads)
        store.close()
    n = args.copies * len(sources)
    total = sum(stages.values())
    print(f"{n} articles, {quads:,} quads, {total:.2f} s: {n / total:.1f} articles/s on one core\n")
    print("| stage | total s | ms per article | share |")
    print("|---|---:|---:|---:|")
    for key, secs in stages.items():
        print(f"| {key} | {secs:.2f} | {secs / n * 1000:.1f} | {secs / total:.0%} |")


if __name__ == "__main__":
    main()
