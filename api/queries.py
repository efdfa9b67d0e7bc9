"""Small, bounded SPARQL queries the REST routes run on the store in-process (the trusted path:
no guard, no worker process).

A document page or the search index is a handful of queries from known IRIs (``VALUES``, a
``LIMIT`` on every open-ended pattern) instead of one big query: Oxigraph evaluates an OPTIONAL
reached through an incoming edge as a join over every such triple (see the engine notes).
Entity cards use ``Store.match`` lookups instead (``cards.py``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from pyoxigraph import Literal, QuerySolutions

from regionkg.graph.sparql.build import batches, values
from regionkg.graph.store_api import Store
from regionkg.ontology import SPARQL_PREFIXES

ROW_LIMIT = 2000  # per open-ended pattern: a card is a summary, /sparql is for everything


def select(store: Store, sparql: str) -> Iterator[dict[str, object]]:
    """Rows of a SELECT as ``{variable: pyoxigraph term}`` (unbound variables left out)."""
    result = store.query(SPARQL_PREFIXES + sparql)
    assert isinstance(result, QuerySolutions)
    names = [v.value for v in result.variables]
    for row in result:
        yield {n: term for n, term in zip(names, row) if term is not None}


def properties(store: Store, nodes: Iterable[str]) -> dict[str, list[tuple[str, object]]]:
    """Every (predicate IRI, object term) of each node (capped per batch)."""
    out: dict[str, list[tuple[str, object]]] = defaultdict(list)
    todo = sorted(set(nodes))
    for batch in batches(todo):
        for row in select(store, f"SELECT ?x ?p ?o {{ {values('x', batch)} ?x ?p ?o }} LIMIT {ROW_LIMIT * 4}"):
            out[row["x"].value].append((row["p"].value, row["o"]))  # type: ignore[union-attr]
    return out


def literals(props: list[tuple[str, object]], predicate: str) -> list[Literal]:
    return [o for p, o in props if p == predicate and isinstance(o, Literal)]
