"""Views on a large graph: time to generate a page and to render it in headless Chromium.

On the synthetic corpus of ``bench/synth.py`` (regionkg's own RDF builder, Zipf links), served
from an in-memory store as ``regionkg serve`` does, this measures for

- the neighbourhood view (depth 2, default cap) of the biggest hub,
- the same hub with ``--max-nodes 3000``,
- a 3,000-node view: the overview of the top 3,000 entities by degree, coloured by community,

the generation time (store queries + networkx + HTML) and the render time in Chromium: from
navigation start to the first stable paint (the page's first ``afterDrawing``, which vis-network
fires after any stabilisation), and the time of one redraw after a zoom (is it usable?).
Medians of ``--runs`` runs after one warm-up. Target: < 3 s each.

    python bench/bench_viz.py --triples 1000000
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pyoxigraph import RdfFormat, Store as OxStore, parse, serialize

sys.path.insert(0, str(Path(__file__).parent))
from synth import quads as synth_quads  # noqa: E402

from regionkg.graph import analytics  # noqa: E402
from regionkg.graph.model import PREDICATES  # noqa: E402
from regionkg.graph.store import OxigraphStore, ensure_union  # noqa: E402
from regionkg.viz.render import render_html  # noqa: E402

OUT = Path(__file__).parent / "out"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TARGET_S = 3.0


def load_store(triples: int) -> OxigraphStore:
    """The synthetic graph in an in-memory store (as served); N-Quads cached in bench/out/."""
    cache = OUT / f"synth-{triples}.nq"
    store = OxStore()
    if cache.exists():
        store.bulk_extend(parse(path=str(cache), format=RdfFormat.N_QUADS))
    else:
        data = list(synth_quads(triples))
        OUT.mkdir(exist_ok=True)
        cache.write_bytes(serialize(data, format=RdfFormat.N_QUADS))
        store.bulk_extend(data)
    served = OxigraphStore(store)
    ensure_union(served)  # the store's query dataset: the union graph it keeps materialised
    print(f"  store: {len(served):,} quads in document graphs", file=sys.stderr)
    return served


def biggest_hub(store: OxigraphStore) -> tuple[str, int]:
    """The entity with the most relations (the measure the views rank by)."""
    values = "VALUES ?p { " + " ".join(f"rkg:{p}" for p in PREDICATES) + " }"
    rows = analytics._rows(store, f"""SELECT ?n (COUNT(*) AS ?d) {{ {values}
        {{ ?n ?p ?x }} UNION {{ ?x ?p ?n }} FILTER(isIRI(?x)) }} GROUP BY ?n ORDER BY DESC(?d) LIMIT 1""")
    hub, degree = next(rows)
    assert hub and degree
    return hub, int(degree)


def median_time(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    fn()  # warm-up
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def render_times(browser: object, html: Path, runs: int, shot: Path) -> tuple[float, float, int, int]:
    """Median first stable paint and redraw-after-zoom (s), and the page's node/edge counts;
    a screenshot of the first paint goes to ``shot``."""
    paints, redraws, counts = [], [], (0, 0)
    for i in range(runs + 1):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page.goto(html.as_uri())
        page.wait_for_function("window.__vizReady !== undefined", timeout=120_000)
        paint = page.evaluate("window.__vizReady") / 1000
        if i == runs:
            page.screenshot(path=str(shot))
        redraw = page.evaluate("""() => new Promise(done => { const n = window.__vizNetwork;
            const t = performance.now(); n.once('afterDrawing', () => done(performance.now() - t));
            n.moveTo({scale: n.getScale() * 2}); })""") / 1000
        counts = tuple(page.evaluate("[window.__vizNetwork.body.data.nodes.length, "
                                     "window.__vizNetwork.body.data.edges.length]"))
        page.close()
        if i:  # the first load warms the browser's caches
            paints.append(paint)
            redraws.append(redraw)
    return statistics.median(paints), statistics.median(redraws), counts[0], counts[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    store = load_store(args.triples)
    hub_s, (hub, degree) = median_time(lambda: biggest_hub(store), 1)
    print(f"  biggest hub: {hub} with {degree:,} relations (found in {hub_s:.2f} s)", file=sys.stderr)
    views = {
        "neighbourhood of the hub (depth 2, 300 nodes)":
            lambda: analytics.neighbourhood(store, hub, 2, analytics.DEFAULT_MAX_NODES),
        "hub, depth 2, --max-nodes 3000": lambda: analytics.neighbourhood(store, hub, 2, 3000),
        "3,000-node view: overview of the top 3,000 by degree, communities": lambda: analytics.overview(store, 3000),
    }
    results = []
    with tempfile.TemporaryDirectory(prefix="rkg-viz-") as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        for i, (name, make) in enumerate(views.items()):
            gen_s, html = median_time(lambda: render_html(make()), args.runs)
            page = Path(tmp) / f"view{i}.html"
            page.write_text(str(html), encoding="utf-8")
            OUT.mkdir(exist_ok=True)
            paint_s, redraw_s, nodes, edges = render_times(browser, page, args.runs, OUT / f"bench_viz_{i}.png")
            results.append({"view": name, "nodes": nodes, "edges": edges, "html_bytes": page.stat().st_size,
                            "generate_s": round(gen_s, 3), "first_stable_paint_s": round(paint_s, 3),
                            "redraw_after_zoom_s": round(redraw_s, 3),
                            "within_target": gen_s < TARGET_S and paint_s < TARGET_S})
            print(f"  {name}: {results[-1]}", file=sys.stderr)
        browser.close()
    print(f"\n{len(store):,} quads; hub {degree:,} relations; medians of {args.runs} runs; target < {TARGET_S} s\n")
    print(f"| view | nodes | edges | page KiB | generate s | first stable paint s | redraw after zoom s |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(f"| {r['view']} | {r['nodes']:,} | {r['edges']:,} | {r['html_bytes'] // 1024:,} | {r['generate_s']} "
              f"| {r['first_stable_paint_s']} | {r['redraw_after_zoom_s']} |")
    OUT.mkdir(exist_ok=True)
    (OUT / "bench_viz.json").write_text(json.dumps({"quads": len(store), "hub_degree": degree,
                                                    "results": results}, ensure_ascii=False, indent=2),
                                        encoding="utf-8")


if __name__ == "__main__":
    main()
