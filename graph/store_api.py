"""The ``Store`` interface: what every backend (embedded Oxigraph, remote SPARQL 1.1) offers.

Kept small so a remote server can implement it. Query results use pyoxigraph's result types
(``QuerySolutions``, ``QueryBoolean``, ``QueryTriples``) for every backend: a remote backend
parses the server's response with ``pyoxigraph.parse_query_results``.

The query dataset: by default the union of all named graphs (one per document) and the
ontology graph; ``default_graphs``/``named_graphs`` restrict it to graphs inside the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import IO, Protocol

from pyoxigraph import Quad, QueryBoolean, QuerySolutions, QueryTriples, Triple

QueryResult = QuerySolutions | QueryBoolean | QueryTriples
Pattern = tuple[str | None, str | None, str | None]  # (subject, predicate, object) IRIs; None: any
Match = Quad | Triple  # read through .subject, .predicate, .object (made only when read)


class Store(Protocol):
    """A quad store holding one named graph per document plus the ontology graph."""

    def query(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> QueryResult:
        """Run a read-only SPARQL 1.1 query over the union dataset (or the given graphs)."""
        ...

    def match(self, patterns: Sequence[Pattern], limit: int) -> list[list[Match]]:
        """For each pattern, up to ``limit`` triples of the union graph that match it, in one call.
        The read path of the REST routes: many small lookups from known IRIs, which the embedded
        store answers from its indexes with no query to plan and a remote one in one request."""
        ...

    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> bool:
        """Atomically replace named graph ``graph``; return False when nothing changed."""
        ...

    def drop_graph(self, graph: str) -> bool:
        """Remove named graph ``graph``; return False when it did not exist."""
        ...

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs in the store."""
        ...

    def dump(self, out: IO[bytes], media_type: str) -> None:
        """Serialise the whole dataset (quads formats) or the union graph (triple formats)."""
        ...

    def close(self) -> None:
        """Release files and connections."""
        ...
