"""Counts describing what the store holds (``regionkg stats``, the API's health page)."""

from __future__ import annotations

from regionkg.graph.iris import DOC_BASE, ID_BASE
from regionkg.graph.store_api import Store
from regionkg.ontology import SPARQL_PREFIXES

_QUERIES = {
    "entities": f"""SELECT ?k (COUNT(DISTINCT ?e) AS ?n) WHERE {{
        ?e rkg:mentionedIn ?d . BIND(STRBEFORE(STRAFTER(STR(?e), "{ID_BASE}"), "/") AS ?k)
      }} GROUP BY ?k ORDER BY ?k""",
    "relations": """SELECT ?k (COUNT(*) AS ?n) WHERE {
        SELECT DISTINCT ?s ?p ?o ?k WHERE {
          ?p rdfs:subPropertyOf rkg:relation . ?s ?p ?o . BIND(STRAFTER(STR(?p), "#") AS ?k) }
      } GROUP BY ?k ORDER BY ?k""",
    "facts": """SELECT ?k (COUNT(DISTINCT ?x) AS ?n) WHERE {
        VALUES (?c ?k) { (rkg:Statement "relation statements") (rkg:Observation "observations")
                         (rkg:Mention "mentions") (rkg:Repair "repairs") (rkg:Document "documents") }
        ?x a ?c } GROUP BY ?k ORDER BY ?k""",
}


def store_stats(store: Store) -> dict[str, dict[str, int]]:
    """``{"store": {...}, "entities": {type: n}, "relations": {predicate: n}, "facts": {...}}``.

    Entities count those mentioned in some document (regions only implied by the code list are
    not counted); relations count distinct (subject, predicate, object) triples.
    """
    out: dict[str, dict[str, int]] = {}
    for name, query in _QUERIES.items():
        rows = store.query(SPARQL_PREFIXES + query)
        out[name] = {row["k"].value: int(row["n"].value) for row in rows}  # type: ignore[union-attr]
    graphs = store.graphs()
    total = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    out["store"] = {
        "named graphs": len(graphs),
        "document graphs": sum(g.startswith(DOC_BASE) for g in graphs),
        "quads": int(next(iter(total))["n"].value),  # type: ignore[arg-type]
    }
    return out
