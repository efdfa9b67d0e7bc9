"""SPARQL benchmark: regionkg's query layer vs raw pyoxigraph vs rdflib's engine, one run.

On the synthetic corpus of ``bench/synth.py`` (built by regionkg's own RDF builder), each
query of the mix runs on:

- ``raw``: ``pyoxigraph.Store.query`` on the in-memory data regionkg answers that query from
  (the union-only copy, or the full copy for queries that use ``GRAPH``), every term of every
  row touched;
- ``rkg``: ``OxigraphStore.query`` (what the CLI and the query workers call) on the same store;
- ``raw+json`` / ``endpoint``: raw query + pyoxigraph's JSON writer, against the endpoint path
  in-process (``graph.sparql.worker.run_query``: parse-tree safety check, query, capped JSON);
- ``disk``: ``OxigraphStore.query`` on the on-disk (RocksDB) store;
- ``rdflib``: rdflib's own engine on an rdflib ``Graph`` of the same triples, each query in a
  forked process killed at ``--rdflib-timeout``.

Medians of ``--runs`` after one warm-up, the Oxigraph variants interleaved run by run so a
load spike on a shared machine hits them all (rdflib: ``--rdflib-runs``, no warm-up). Ratios:
rkg/raw and endpoint/raw+json (target ≤ 1.5), rdflib/rkg (target ≥ 50 at 1M triples),
disk/rkg (what serving from memory buys). Geometric means count an rdflib timeout as the
timeout (so that ratio is a lower bound).

    python bench/bench_sparql.py --triples 100000 1000000
"""

from __future__ import annotations

import argparse
import gc
import io
import math
import multiprocessing
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, QueryResultsFormat, QuerySolutions, RdfFormat
from pyoxigraph import Store as OxStore
from rdflib import Graph

sys.path.insert(0, str(Path(__file__).parent))
from synth import quads as synth_quads  # noqa: E402

from regionkg.graph.iris import ONTOLOGY_GRAPH  # noqa: E402
from regionkg.graph.sparql.worker import QueryJob, run_query  # noqa: E402
from regionkg.graph.store import OxigraphStore, uses_named_graphs  # noqa: E402
from regionkg.ontology import ONTOLOGY_TTL, SPARQL_PREFIXES  # noqa: E402

QUERIES = {
    "card": """SELECT ?p ?o ?dir WHERE { ?e skos:prefLabel "{hub}"@zh-Hans .
        { ?e ?p ?o BIND("out" AS ?dir) } UNION { ?o ?p ?e BIND("in" AS ?dir) } }""",
    "path": """SELECT DISTINCT ?e WHERE { ?prov skos:prefLabel "{province}"@zh-Hans .
        ?e a rkg:Enterprise ; rkg:locatedIn/(rkg:locatedIn|rkg:partOf)* ?prov }""",
    "aggregate": """SELECT ?prov ?ind (COUNT(DISTINCT ?e) AS ?n) WHERE {
        ?prov a rkg:Province . ?e a rkg:Enterprise ; rkg:focusesOn ?ind ;
        rkg:locatedIn/(rkg:locatedIn|rkg:partOf)* ?prov } GROUP BY ?prov ?ind ORDER BY DESC(?n) ?prov ?ind""",
    "text": """SELECT DISTINCT ?e ?l WHERE { ?e skos:prefLabel ?l FILTER(CONTAINS(?l, "{infix}")) }
        ORDER BY STRLEN(?l) ?l LIMIT 100""",
    "top10": """SELECT ?e ?v WHERE { ?m skos:prefLabel "营业收入"@zh-Hans .
        ?o rkg:metric ?m ; rkg:period "2023" ; rkg:refEntity ?e ; rkg:value ?v }
        ORDER BY DESC(?v) ?e LIMIT 10""",
    "policies": """SELECT ?pol (GROUP_CONCAT(DISTINCT ?tl; separator=",") AS ?where) WHERE {
        ?r skos:prefLabel "{district}"@zh-Hans ; rkg:partOf* ?t . ?pol rkg:targets ?t .
        OPTIONAL { ?t skos:prefLabel ?tl FILTER(langMatches(lang(?tl), "zh-Hans")) } } GROUP BY ?pol ORDER BY ?pol""",
    "evidence": """SELECT ?p ?o ?exact ?start WHERE { ?e skos:prefLabel "{hub}"@zh-Hans .
        ?st rdf:subject ?e ; rdf:predicate ?p ; rdf:object ?o ; rkg:evidence ?ev .
        ?ev oa:hasSelector ?s1 , ?s2 . ?s1 oa:start ?start . ?s2 oa:exact ?exact }""",
    "evidence-doc": """SELECT ?doc ?p ?o ?exact WHERE { ?e skos:prefLabel "{hub}"@zh-Hans .
        GRAPH ?doc { ?st rdf:subject ?e ; rdf:predicate ?p ; rdf:object ?o ; rkg:evidence ?ev .
        ?ev oa:hasSelector ?s2 . ?s2 oa:exact ?exact } }""",
}

_RDFLIB: Graph | None = None  # set in the parent before forking, inherited by children


def _params(ox: OxStore) -> dict[str, str]:
    """The hub enterprise, the province with most enterprises, a district policies target."""
    def one(q: str) -> str:
        row = next(iter(ox.query(SPARQL_PREFIXES + q)))
        return row[0].value

    params = {
        "hub": one("""SELECT ?l WHERE { { SELECT ?e (COUNT(*) AS ?n) WHERE { ?e a rkg:Enterprise .
            { ?e ?p ?x . ?p rdfs:subPropertyOf rkg:relation } UNION
            { ?x ?p ?e . ?p rdfs:subPropertyOf rkg:relation } } GROUP BY ?e ORDER BY DESC(?n) LIMIT 1 }
            ?e skos:prefLabel ?l FILTER(langMatches(lang(?l), "zh-Hans")) }"""),
        "province": one("""SELECT ?l WHERE { { SELECT ?p (COUNT(DISTINCT ?e) AS ?n) WHERE {
            ?p a rkg:Province . ?e a rkg:Enterprise ; rkg:locatedIn/(rkg:locatedIn|rkg:partOf)* ?p }
            GROUP BY ?p ORDER BY DESC(?n) LIMIT 1 } ?p skos:prefLabel ?l FILTER(langMatches(lang(?l), "zh-Hans")) }"""),
        "district": one("""SELECT ?l WHERE { ?d a rkg:District ; rkg:partOf+ ?t . ?pol rkg:targets ?t .
            ?d skos:prefLabel ?l FILTER(langMatches(lang(?l), "zh-Hans")) } ORDER BY ?l LIMIT 1"""),
    }
    params["infix"] = params["hub"][:2]  # a label fragment that matches a few hundred labels
    return params


def _consume(result: object) -> int:
    if isinstance(result, QuerySolutions):
        names = result.variables
        n = 0
        for row in result:
            for v in names:
                row[v]
            n += 1
        return n
    return len(list(result))  # type: ignore[call-overload]


def _interleaved(variants: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """Median ms of each variant; runs alternate between variants so load spikes hit all."""
    for fn in variants.values():
        fn()  # warm-up
    times: dict[str, list[float]] = {k: [] for k in variants}
    for _ in range(runs):
        for key, fn in variants.items():
            start = time.perf_counter()
            fn()
            times[key].append(time.perf_counter() - start)
    return {k: statistics.median(v) * 1000 for k, v in times.items()}


def _rdflib_child(query: str, runs: int, conn: multiprocessing.connection.Connection) -> None:
    assert _RDFLIB is not None
    for _ in range(runs):
        start = time.perf_counter()
        n = len(list(_RDFLIB.query(query)))
        conn.send((time.perf_counter() - start, n))


def _rdflib_time(query: str, runs: int, timeout_s: float) -> tuple[float | None, int | None]:
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_rdflib_child, args=(query, runs, child))
    proc.start()
    times, rows = [], None
    for _ in range(runs):
        if not parent.poll(timeout_s):
            proc.kill()
            proc.join()
            return None, None
        try:
            elapsed, rows = parent.recv()
        except EOFError:  # the engine crashed on this query: counted like a timeout
            proc.join()
            return None, None
        times.append(elapsed)
    proc.join()
    return statistics.median(times) * 1000, rows


def _load(n: int, workdir: Path) -> tuple[OxStore, OxStore, OxigraphStore, int]:
    """In-memory (full, union-only) and on-disk stores of ``n`` synthetic quads + ontology."""
    start = time.perf_counter()
    data = list(synth_quads(n))
    gen_s = time.perf_counter() - start
    mem = OxStore()
    start = time.perf_counter()
    mem.bulk_extend(data)
    load_s = time.perf_counter() - start
    disk = OxStore(str(workdir / "store"))
    disk.bulk_extend(data)
    for ox in (mem, disk):
        ox.load(path=str(ONTOLOGY_TTL), format=RdfFormat.TURTLE, to_graph=NamedNode(ONTOLOGY_GRAPH))
        ox.bulk_extend([Quad(q.subject, q.predicate, q.object) for q in ox])  # the union
    union = OxStore()  # the union-only copy open_store(in_memory=True) serves most queries from
    union.bulk_extend(mem.quads_for_pattern(None, None, None, DefaultGraph()))
    print(f"  {len(data):,} quads: generated in {gen_s:.1f} s, loaded in memory at "
          f"{len(data) / load_s:,.0f} quads/s", file=sys.stderr)
    return mem, union, OxigraphStore(disk), len(data)


def bench(n: int, runs: int, rdflib_runs: int, timeout_s: float) -> list[dict[str, object]]:
    global _RDFLIB
    with tempfile.TemporaryDirectory(prefix="rkg-bench-") as tmp:
        mem, union, disk, size = _load(n, Path(tmp))
        rkg = OxigraphStore(mem, union=union, writable=False)
        params = _params(union)
        print(f"  parameters: {params}", file=sys.stderr)
        buf = io.BytesIO()
        rkg.dump(buf, "application/n-triples")
        start = time.perf_counter()
        _RDFLIB = Graph()
        _RDFLIB.parse(data=buf.getvalue(), format="nt")
        print(f"  rdflib: {len(_RDFLIB):,} triples loaded in {time.perf_counter() - start:.1f} s",
              file=sys.stderr)
        del buf
        gc.collect()
        table = []
        for name, template in QUERIES.items():
            query = SPARQL_PREFIXES + template
            for key, value in params.items():
                query = query.replace("{" + key + "}", value)
            raw_store = mem if uses_named_graphs(query) else union  # the data regionkg queries
            variants: dict[str, Callable[[], object]] = {
                "raw": lambda: _consume(raw_store.query(query)),
                "rkg": lambda: _consume(rkg.query(query)),
                "raw+json": lambda: raw_store.query(query).serialize(format=QueryResultsFormat.JSON),
                "endpoint": lambda: run_query(rkg, QueryJob(query, max_rows=1_000_000)),
                "disk": lambda: _consume(disk.query(query)),
            }
            ms = _interleaved(variants, runs)
            rows, rows2, rows3 = (variants[k]() for k in ("raw", "rkg", "disk"))
            # rdflib holds the union as one Graph (no named graphs): GRAPH queries are not run there
            lib, lib_rows = (None, None) if raw_store is mem else _rdflib_time(query, rdflib_runs, timeout_s)
            assert rows == rows2 == rows3, (name, rows, rows2, rows3)
            if lib_rows is not None and lib_rows != rows:
                print(f"  note: {name}: rdflib returned {lib_rows} rows, Oxigraph {rows}", file=sys.stderr)
            table.append({"query": name, "rows": rows, **ms, "rdflib": lib, "size": size,
                          "rdflib_run": raw_store is not mem})
            print(f"  {name}: done", file=sys.stderr)
        _RDFLIB = None
        disk.close()
        return table


def _fmt(ms: float | None, timeout_s: float) -> str:
    return f">{timeout_s * 1000:,.0f}" if ms is None else f"{ms:,.2f}"


def report(table: list[dict[str, object]], timeout_s: float) -> None:
    size = table[0]["size"]
    print(f"\n### {size:,} quads (ms, median)\n")
    print("| query | rows | raw pyoxigraph | regionkg | rkg/raw | raw+json | endpoint path | endpoint/raw+json"
          " | on disk | disk/rkg | rdflib | rdflib/rkg |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    logs: dict[str, list[float]] = {k: [] for k in ("rkg/raw", "ep/json", "disk/rkg", "rdflib/rkg")}
    for r in table:
        raw, rkg, rj, ep, disk = (float(r[k]) for k in ("raw", "rkg", "raw+json", "endpoint", "disk"))
        lib = r["rdflib"]
        lib_ms = float(lib) if lib is not None else timeout_s * 1000
        ratios = {"rkg/raw": rkg / raw, "ep/json": ep / rj, "disk/rkg": disk / rkg, "rdflib/rkg": lib_ms / rkg}
        if not r["rdflib_run"]:
            del ratios["rdflib/rkg"]
        for k, v in ratios.items():
            logs[k].append(math.log(v))
        lib_ratio = "—" if not r["rdflib_run"] else f"{ratios['rdflib/rkg']:,.0f}" + ("" if lib is not None else "+")
        print(f"| {r['query']} | {r['rows']} | {raw:,.2f} | {rkg:,.2f} | {ratios['rkg/raw']:.2f} | {rj:,.2f} "
              f"| {ep:,.2f} | {ratios['ep/json']:.2f} | {disk:,.2f} | {ratios['disk/rkg']:.1f} "
              f"| {_fmt(lib, timeout_s) if r['rdflib_run'] else '—'} | {lib_ratio} |")
    geo = {k: math.exp(sum(v) / len(v)) for k, v in logs.items()}
    print(f"| **geometric mean** | | | | **{geo['rkg/raw']:.2f}** | | | **{geo['ep/json']:.2f}** | | "
          f"**{geo['disk/rkg']:.1f}** | | **{geo['rdflib/rkg']:,.0f}** |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, nargs="+", default=[100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rdflib-runs", type=int, default=1)
    parser.add_argument("--rdflib-timeout", type=float, default=60.0)
    args = parser.parse_args()
    for n in args.triples:
        print(f"benchmarking ~{n:,} quads", file=sys.stderr)
        report(bench(n, args.runs, args.rdflib_runs, args.rdflib_timeout), args.rdflib_timeout)


if __name__ == "__main__":
    main()
