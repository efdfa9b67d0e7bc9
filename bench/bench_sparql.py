"""SPARQL benchmark: regionkg's query layer vs raw pyoxigraph vs rdflib's engine, one run.

On the synthetic corpus of ``bench/synth.py`` (built by regionkg's own RDF builder), two
mixes: ``store`` (SPARQL a user of the endpoint sends over regionkg's graph shape: an entity's
whole neighbourhood, path, aggregate, text, top-k, policies and evidence; the REST API's cards
are read with ``Store.match`` lookups instead, measured by ``bench_api.py``) and ``notes`` (Q1–Q8b of ``../shared/notes/sparql-engines.md``, the mix the
GUIDE's target is designed by, written for regionkg's ontology). The same query text runs on
every engine that can run it. Each query runs on:

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
disk/rkg (what serving from memory buys). Geometric means, per mix and over both, count an
rdflib timeout as the timeout (so that ratio is a lower bound) and leave out what an engine
cannot run (GRAPH queries on rdflib's single graph, LATERAL on rdflib and the endpoint guard).

    python bench/bench_sparql.py --triples 100000 1000000 [--mix notes]
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

from regionkg.errors import QueryError  # noqa: E402
from regionkg.graph.iris import ONTOLOGY_GRAPH  # noqa: E402
from regionkg.graph.sparql.worker import QueryJob, run_query  # noqa: E402
from regionkg.graph.store import OxigraphStore, uses_named_graphs  # noqa: E402
from regionkg.ontology import ONTOLOGY_TTL, SPARQL_PREFIXES  # noqa: E402

QUERIES = {  # the store mix (bench_api.py sends it to /sparql): cards, paths, aggregates, text, evidence
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


# The mix of ../shared/notes/sparql-engines.md (Q1–Q8b), written for regionkg's RDF shape.
NOTES_MIX = {
    "Q1": """SELECT ?dir ?p ?other WHERE { ?e skos:prefLabel "{hub}"@zh-Hans .
        { ?e ?p ?other . ?p rdfs:subPropertyOf rkg:relation BIND("out" AS ?dir) }
        UNION { ?other ?p ?e . ?p rdfs:subPropertyOf rkg:relation BIND("in" AS ?dir) } }""",
    "Q2": """SELECT DISTINCT ?e WHERE { ?prov skos:prefLabel "{province}"@zh-Hans .
        ?e a rkg:Enterprise ; rkg:locatedIn ?park . ?park rkg:locatedIn ?r . ?r rkg:partOf+ ?prov }""",
    "Q3": """SELECT ?prov ?ind (COUNT(DISTINCT ?e) AS ?n) WHERE { ?prov a rkg:Province .
        ?e a rkg:Enterprise ; rkg:focusesOn ?ind ; rkg:locatedIn ?park . ?park rkg:locatedIn ?r .
        ?r rkg:partOf* ?prov } GROUP BY ?prov ?ind""",
    "Q4": """SELECT ?pol ?title (GROUP_CONCAT(DISTINCT ?issuer; separator="、") AS ?issuers) WHERE {
        ?r skos:prefLabel "{district}"@zh-Hans ; rkg:partOf* ?t . ?pol rkg:targets ?t ; skos:prefLabel ?title
        FILTER(langMatches(lang(?title), "zh-Hans"))
        OPTIONAL { ?pol rkg:issuedBy ?agency . ?agency skos:prefLabel ?issuer FILTER(langMatches(lang(?issuer), "zh-Hans")) } }
        GROUP BY ?pol ?title""",
    "Q5": """SELECT DISTINCT ?s ?p ?o WHERE { ?e skos:prefLabel "{hub}"@zh-Hans .
        { { ?e ?p ?o BIND(?e AS ?s) } UNION { ?s ?p ?e BIND(?e AS ?o) } }
        UNION
        { { ?e ?p1 ?n } UNION { ?n ?p1 ?e } ?p1 rdfs:subPropertyOf rkg:relation .
          { ?n ?p ?o BIND(?n AS ?s) } UNION { ?s ?p ?n BIND(?n AS ?o) } }
        ?p rdfs:subPropertyOf rkg:relation } LIMIT 5000""",
    "Q6": """SELECT ?e ?l WHERE { ?e skos:prefLabel ?l FILTER(CONTAINS(?l, "{infix}")) }
        ORDER BY STRLEN(?l) ?l LIMIT 100""",
    "Q7": """SELECT ?e ?name ?cny WHERE { ?m skos:prefLabel "营业收入"@zh-Hans .
        ?o rkg:metric ?m ; rkg:period "2023" ; rkg:refEntity ?e ; rkg:statedValue ?v ; rkg:statedUnit ?u .
        ?e skos:prefLabel ?name FILTER(langMatches(lang(?name), "zh-Hans"))
        BIND(IF(?u = "亿元", ?v * 100000000, IF(?u = "万元", ?v * 10000, ?v)) AS ?cny) }
        ORDER BY DESC(?cny) ?e LIMIT 10""",
}
# An entity card: 10 OPTIONALs, the last two reached by incoming edges; Q8b puts those two
# inside LATERAL (an Oxigraph extension), the shape the notes measured at 0.84 ms against 238 ms.
_CARD = """SELECT * WHERE { ?e skos:prefLabel "{card}"@zh-Hans .
        OPTIONAL { ?e a ?type }
        OPTIONAL { ?e skos:prefLabel ?hant FILTER(langMatches(lang(?hant), "zh-Hant")) }
        OPTIONAL { ?e skos:altLabel ?alias }
        OPTIONAL { ?e rkg:locatedIn ?park . ?park skos:prefLabel ?parkName FILTER(langMatches(lang(?parkName), "zh-Hans")) }
        OPTIONAL { ?e rkg:locatedIn/rkg:locatedIn/rkg:partOf* ?province . ?province a rkg:Province }
        OPTIONAL { ?e rkg:focusesOn ?industry }
        OPTIONAL { ?e rkg:partnerOf ?partner }
        OPTIONAL { ?e rkg:divisionCode ?code }
        {incoming} }"""
_INCOMING = ["{ ?person rkg:holdsRole ?e }", "{ ?obs rkg:refEntity ?e ; rkg:period ?year ; rkg:value ?revenue }"]
NOTES_MIX["Q8"] = _CARD.replace("{incoming}", "\n        ".join(f"OPTIONAL {b}" for b in _INCOMING))
NOTES_MIX["Q8b"] = _CARD.replace("{incoming}", "\n        ".join(f"LATERAL {{ OPTIONAL {b} }}" for b in _INCOMING))
OXIGRAPH_ONLY = {"Q8b"}  # rdflib's parser (rdflib's engine, the endpoint's guard) has no LATERAL
MIXES = {"store": QUERIES, "notes": NOTES_MIX}

_RDFLIB: Graph | None = None  # set in the parent before forking, inherited by children


def _params(ox: OxStore) -> dict[str, str]:
    """The hub enterprise, the province with most enterprises, a district policies target, a card."""
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
    # an ordinary enterprise with a park, a role holder and an observation, the fewest of them
    params["card"] = one("""SELECT ?l WHERE { ?e a rkg:Enterprise ; rkg:locatedIn ?park .
        ?person rkg:holdsRole ?e . ?obs rkg:refEntity ?e . ?e skos:prefLabel ?l FILTER(langMatches(lang(?l), "zh-Hans")) }
        GROUP BY ?l ORDER BY COUNT(*) ?l LIMIT 1""")
    params["infix"] = params["hub"][0]  # a name character about one synthetic name in ten contains
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


def _endpoint_runs(rkg: OxigraphStore, query: str) -> bool:
    """Whether the endpoint path accepts ``query`` (its guard parses with rdflib's grammar)."""
    try:
        run_query(rkg, QueryJob(query, max_rows=1_000_000))
    except QueryError:
        return False
    return True


def _run_mix(name: str, mix: dict[str, str], params: dict[str, str], stores: tuple[OxStore, OxStore],
             rkg: OxigraphStore, disk: OxigraphStore, runs: int, rdflib_runs: int,
             timeout_s: float) -> list[dict[str, object]]:
    mem, union = stores
    table = []
    for qname, template in mix.items():
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
        if not _endpoint_runs(rkg, query):
            del variants["raw+json"], variants["endpoint"]
        ms = _interleaved(variants, runs)
        rows, rows2, rows3 = (variants[k]() for k in ("raw", "rkg", "disk"))
        assert rows == rows2 == rows3, (qname, rows, rows2, rows3)
        # rdflib holds the union as one Graph (no named graphs): GRAPH queries are not run there
        rdflib_run = raw_store is union and qname not in OXIGRAPH_ONLY
        lib, lib_rows = _rdflib_time(query, rdflib_runs, timeout_s) if rdflib_run else (None, None)
        if lib_rows is not None and lib_rows != rows:
            print(f"  note: {qname}: rdflib returned {lib_rows} rows, Oxigraph {rows}", file=sys.stderr)
        table.append({"mix": name, "query": qname, "rows": rows, **ms, "rdflib": lib,
                      "rdflib_rows": lib_rows, "rdflib_run": rdflib_run})
        print(f"  {name} {qname}: {rows} rows, rkg {ms['rkg']:.2f} ms, rdflib "
              f"{'—' if not rdflib_run else _fmt(lib, timeout_s)}", file=sys.stderr)
    return table


def bench(n: int, mixes: list[str], runs: int, rdflib_runs: int,
          timeout_s: float) -> tuple[int, list[dict[str, object]]]:
    """Quads loaded and one row per query of each mix in ``mixes``."""
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
        table = [row for m in mixes for row in
                 _run_mix(m, MIXES[m], params, (mem, union), rkg, disk, runs, rdflib_runs, timeout_s)]
        _RDFLIB = None
        disk.close()
        return size, table


def _times(ratio: float) -> str:
    return f"{ratio:,.0f}" if ratio >= 10 else f"{ratio:.2f}"


def _fmt(ms: float | None, timeout_s: float) -> str:
    return f">{timeout_s * 1000:,.0f}" if ms is None else f"{ms:,.2f}"


def _ratios(r: dict[str, object], timeout_s: float) -> dict[str, float]:
    """The row's ratios; an rdflib timeout counts as the timeout (a lower bound)."""
    raw, rkg, disk = (float(r[k]) for k in ("raw", "rkg", "disk"))  # type: ignore[arg-type]
    out = {"rkg/raw": rkg / raw, "disk/rkg": disk / rkg}
    if "endpoint" in r:
        out["ep/json"] = float(r["endpoint"]) / float(r["raw+json"])  # type: ignore[arg-type]
    if r["rdflib_run"]:
        out["rdflib/rkg"] = (float(r["rdflib"]) if r["rdflib"] is not None else timeout_s * 1000) / rkg  # type: ignore[arg-type]
    return out


def _geomeans(rows: list[dict[str, object]], timeout_s: float) -> dict[str, float]:
    logs: dict[str, list[float]] = {k: [] for k in ("rkg/raw", "ep/json", "disk/rkg", "rdflib/rkg")}
    for r in rows:
        for k, v in _ratios(r, timeout_s).items():
            logs[k].append(math.log(v))
    return {k: math.exp(sum(v) / len(v)) for k, v in logs.items() if v}


def _geo_row(label: str, rows: list[dict[str, object]], timeout_s: float) -> str:
    g = _geomeans(rows, timeout_s)
    return (f"| **{label}** | | | | **{g['rkg/raw']:.2f}** | | | **{g['ep/json']:.2f}** | | "
            f"**{g['disk/rkg']:.1f}** | | **{_times(g['rdflib/rkg'])}** |")


def report(size: int, table: list[dict[str, object]], timeout_s: float) -> None:
    """One Markdown table per mix with its geometric means, then the means over every query."""
    dash = "—"
    for mix in dict.fromkeys(r["mix"] for r in table):
        rows = [r for r in table if r["mix"] == mix]
        print(f"\n### {mix} mix, {size:,} quads (ms, median)\n")
        print("| query | rows | raw pyoxigraph | regionkg | rkg/raw | raw+json | endpoint path | endpoint/raw+json"
              " | on disk | disk/rkg | rdflib | rdflib/rkg |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            q = _ratios(r, timeout_s)
            ep = (f"{float(r['raw+json']):,.2f} | {float(r['endpoint']):,.2f} | {q['ep/json']:.2f}"  # type: ignore[arg-type]
                  if "endpoint" in r else f"{dash} | {dash} | {dash}")
            lib = _fmt(r["rdflib"], timeout_s) if r["rdflib_run"] else dash  # type: ignore[arg-type]
            lib_ratio = (_times(q["rdflib/rkg"]) + ("+" if r["rdflib"] is None else "")) if r["rdflib_run"] else dash
            print(f"| {r['query']} | {r['rows']} | {float(r['raw']):,.2f} | {float(r['rkg']):,.2f} "  # type: ignore[arg-type]
                  f"| {q['rkg/raw']:.2f} | {ep} | {float(r['disk']):,.2f} | {q['disk/rkg']:.1f} "  # type: ignore[arg-type]
                  f"| {lib} | {lib_ratio} |")
        print(_geo_row(f"geometric mean, {mix}", rows, timeout_s))
    print(f"\n{_geo_row('geometric mean, all queries', table, timeout_s)}")
    print(f"\nrdflib: one run per query in a forked process killed at {timeout_s:,.0f} s; a timeout "
          f"(or crash) counts as {timeout_s:,.0f} s, so its ratio (marked +) is a lower bound. "
          "\"—\": not run (rdflib: GRAPH queries, as it holds one graph here, and LATERAL, which its "
          "parser lacks; endpoint path: a query its guard refuses).")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, nargs="+", default=[100_000])
    parser.add_argument("--mix", choices=sorted(MIXES), nargs="+", default=list(MIXES))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rdflib-runs", type=int, default=1)
    parser.add_argument("--rdflib-timeout", type=float, default=60.0)
    args = parser.parse_args()
    for n in args.triples:
        print(f"benchmarking ~{n:,} quads", file=sys.stderr)
        size, table = bench(n, args.mix, args.runs, args.rdflib_runs, args.rdflib_timeout)
        report(size, table, args.rdflib_timeout)


if __name__ == "__main__":
    main()
