"""Whole-store counts for ``/api/stats`` (a few aggregate queries, run once and cached)."""

from __future__ import annotations

from regionkg.api.queries import select
from regionkg.graph.iris import DOC_BASE
from regionkg.graph.model import ENTITY_TYPES, PREDICATES
from regionkg.graph.store_api import Store
from regionkg.ontology import RKG


def _count(store: Store, sparql: str) -> int:
    return next((int(r["n"].value) for r in select(store, sparql)), 0)  # type: ignore[union-attr]


def statistics(store: Store) -> dict:
    """Triples, graphs, documents, entities per type, relations per predicate, observations."""
    graphs = store.graphs()
    types = " ".join(f"rkg:{t}" for t in ENTITY_TYPES)
    per_type = {r["t"].value.removeprefix(RKG): int(r["n"].value) for r in select(  # type: ignore[union-attr]
        store, f"SELECT ?t (COUNT(DISTINCT ?e) AS ?n) {{ VALUES ?t {{ {types} }} ?e a ?t }} GROUP BY ?t")}
    preds = " ".join(f"rkg:{p}" for p in PREDICATES)
    per_pred = {r["p"].value.removeprefix(RKG): int(r["n"].value) for r in select(  # type: ignore[union-attr]
        store, f"SELECT ?p (COUNT(*) AS ?n) {{ VALUES ?p {{ {preds} }} ?s ?p ?o }} GROUP BY ?p")}
    return {
        "triples": _count(store, "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"),
        "graphs": len(graphs),
        "documents": sum(1 for g in graphs if g.startswith(DOC_BASE)),
        "entities": sum(per_type.values()),
        "entitiesByType": dict(sorted(per_type.items())),
        "relations": sum(per_pred.values()),
        "relationsByPredicate": dict(sorted(per_pred.items())),
        "observations": _count(store, "SELECT (COUNT(*) AS ?n) { ?o a rkg:Observation }"),
    }
