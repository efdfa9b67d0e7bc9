"""``RemoteStore``: the ``Store`` interface over a SPARQL 1.1 server (``--store URL``).

Reads use the SPARQL 1.1 Protocol (form POST to the query URL); writes are one SPARQL 1.1
Update request each, built exactly as the embedded store builds them (``change_update``), so a
server that runs an update request in one transaction (Oxigraph server does) swaps a document
atomically and keeps the same de-duplicated union of all graphs in its default graph (start the
server *without* a union-default-graph option).

``URL`` may be the server root (Oxigraph: ``http://127.0.0.1:7878`` → ``/query``, ``/update``),
a ``…/query`` URL (updates go to ``…/update``) or one endpoint for both (``…/sparql``).
Results come back as pyoxigraph result objects, like the embedded store's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import IO

import httpx
from pyoxigraph import DefaultGraph, NamedNode, QueryResultsFormat, Quad, RdfFormat, Triple, parse, parse_query_results
from pyoxigraph import Store as OxStore

from regionkg.errors import QueryError, StoreError
from regionkg.formats import get as get_format
from regionkg.graph.store import change_update, triple_lines
from regionkg.graph.store_api import Match, Pattern, QueryResult
from regionkg.ontology import PREFIXES

_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
_MATCH_BATCH = 100  # patterns per request: one UNION branch each


def _term(iri: str | None, var: str) -> str:
    return f"?{var}" if iri is None else str(NamedNode(iri))  # NamedNode checks the IRI


def endpoints(url: str) -> tuple[str, str]:
    """(query URL, update URL) of a server given by root, ``/query`` or single endpoint URL."""
    url = url.rstrip("/")
    if url.endswith("/query"):
        return url, url[: -len("query")] + "update"
    if url.endswith(("/sparql", "/update")):
        return url, url
    return url + "/query", url + "/update"


class RemoteStore:
    """A remote SPARQL 1.1 server holding regionkg's graphs."""

    def __init__(self, url: str, *, timeout_s: float = 30.0) -> None:
        self.query_url, self.update_url = endpoints(url)
        self._http = httpx.Client(timeout=timeout_s)
        self._named: list[str] | None = None

    def _post(self, url: str, data: dict[str, object], accept: str | None = None) -> httpx.Response:
        try:
            resp = self._http.post(url, data=data, headers={"Accept": accept} if accept else {})
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL server at {url}: {exc}") from exc
        if resp.status_code == 400:
            raise QueryError(f"the SPARQL server refused the request: {resp.text[:500]}")
        if resp.status_code >= 300:
            raise StoreError(f"the SPARQL server answered {resp.status_code}: {resp.text[:500]}")
        return resp

    def query(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> QueryResult:
        """Run a query over the server's dataset (union default graph + document graphs)."""
        data: dict[str, object] = {"query": sparql}
        if default_graphs is not None or named_graphs is not None:
            data["default-graph-uri"] = default_graphs or []
            data["named-graph-uri"] = named_graphs or []
        resp = self._post(self.query_url, data, _ACCEPT)
        media = resp.headers.get("content-type", "").split(";")[0].strip()
        if media == "application/sparql-results+json":
            return parse_query_results(resp.content, format=QueryResultsFormat.JSON)
        triples = OxStore()
        triples.extend(Quad(t.subject, t.predicate, t.object) for t in parse(resp.content, format=RdfFormat.N_TRIPLES))
        return triples.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")

    def match(self, patterns: Sequence[Pattern], limit: int) -> list[list[Match]]:
        """Each batch of patterns is one SELECT: a UNION of LIMITed branches tagged by ``?k``."""
        found: list[list[Match]] = [[] for _ in patterns]
        for first in range(0, len(patterns), _MATCH_BATCH):
            branches = " UNION ".join(
                f"{{ SELECT ({k} AS ?k) ?s ?p ?o WHERE {{ {_term(s, 's')} {_term(p, 'p')} {_term(o, 'o')} }} LIMIT {limit} }}"
                for k, (s, p, o) in enumerate(patterns[first:first + _MATCH_BATCH], start=first))
            for row in self.query(f"SELECT ?k ?s ?p ?o WHERE {{ {branches} }}"):  # type: ignore[union-attr]
                k = int(row["k"].value)
                s, p, o = patterns[k]
                found[k].append(Triple(row["s"] if s is None else NamedNode(s), row["p"] if p is None else NamedNode(p),
                                       row["o"] if o is None else NamedNode(o)))
        return found

    def _construct(self, graph: str | None) -> list[Quad]:
        """The triples of ``graph`` (None: the default graph) as quads in that graph."""
        where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        resp = self._post(self.query_url, {"query": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}"},
                          "application/n-triples")
        g = NamedNode(graph) if graph else DefaultGraph()
        return [Quad(t.subject, t.predicate, t.object, g) for t in parse(resp.content, format=RdfFormat.N_TRIPLES)]

    def graph_lines(self, graph: str) -> set[str]:
        """The triples of ``graph`` as N-Triples lines."""
        return triple_lines(self._construct(graph))

    def _update(self, update: str) -> None:
        self._named = None
        self._post(self.update_url, {"update": update})

    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> bool:
        """Swap ``graph``'s content in one update request (False: nothing changed)."""
        new, exists = triple_lines(quads), graph in self.graphs()
        old = self.graph_lines(graph) if exists else set()
        if exists and old == new:
            return False
        self._update(change_update(graph, old, new))
        return True

    def drop_graph(self, graph: str) -> bool:
        """Remove ``graph`` and every triple only it stated (False when it was not there)."""
        if graph not in self.graphs():
            return False
        self._update(change_update(graph, self.graph_lines(graph), set()))
        return True

    def graphs(self) -> list[str]:
        """Document and ontology graphs on the server."""
        if self._named is None:
            resp = self._post(self.query_url, {"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
                              "application/sparql-results+json")
            rows = parse_query_results(resp.content, format=QueryResultsFormat.JSON)
            self._named = sorted(r["g"].value for r in rows)  # type: ignore[union-attr]
        return list(self._named)

    def dump(self, out: IO[bytes], media_type: str) -> None:
        """Write the document and ontology graphs (quads formats) or their union (triples)."""
        fmt = get_format("graph", media_type)
        assert fmt.rdf is not None
        copy = OxStore()
        for graph in self.graphs() if fmt.is_dataset else [None]:
            copy.extend(self._construct(graph))
        if fmt.is_dataset:
            copy.dump(out, fmt.rdf, prefixes=PREFIXES)
        else:
            copy.dump(out, fmt.rdf, from_graph=DefaultGraph(), prefixes=PREFIXES)

    def close(self) -> None:
        """Close the HTTP connections."""
        self._http.close()
