"""The embedded Oxigraph store: the default ``Store`` backend, on disk under ``data_dir``.

Design (see ``../shared/notes/sparql-engines.md``):

- Durable copy: a RocksDB-backed ``pyoxigraph.Store`` in ``<data_dir>/store``.
- Serving copy: ``open_store(settings, in_memory=True)`` loads the on-disk store into memory
  (a full copy, and a union-only copy that answers queries without ``GRAPH``/``FROM``); on the
  ``bench/bench_sparql.py`` mix that is 2–2.6× faster than the disk store. Writes go to the
  disk first, then to the copies.
- Query dataset: the default graph is the union of all named graphs (documents + ontology) as
  an RDF merge, i.e. a *set* of triples. Oxigraph's own union default graph is a multiset (a
  triple stated by 300 documents is matched 300 times, and joins through it multiply), so the
  store keeps that merge materialised in its *default graph*, updated in the same transaction
  as every document change (querying a named graph of the in-memory store is 10× slower than
  querying its default graph at 1M quads, so the union is not a named graph). ``GRAPH ?g``
  sees the document and ontology graphs; ``default_graphs``/``named_graphs`` restrict the
  dataset to graphs of the store.
- Atomic replace: one SPARQL Update request (delete from the document graph what it no longer
  states, insert what is new there and in the union, delete from the union what no named graph
  states any more) runs in a single transaction; a new document is one transactional ``extend``. A failed change leaves
  the store exactly as it was.
- Many new documents at once (``add_graphs``, what a folder ingest uses): pyoxigraph's bulk
  loader, 2–3× cheaper per quad than a transaction but not transactional itself. Atomicity comes
  from a journal of the graphs being added (``<data_dir>/store.pending``): a failure, or a
  journal found at the next writable open after a crash, drops exactly those graphs and the
  union triples no graph states any more; none of them existed before, so that is the store
  as it was.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Store as OxStore

from regionkg.errors import QueryError, StoreError
from regionkg.formats import get as get_format
from regionkg.graph.iris import ONTOLOGY_GRAPH
from regionkg.graph.store_api import Match, Pattern, QueryResult, Store
from regionkg.ontology import ONTOLOGY_TTL, PREFIXES
from regionkg.settings import Settings


def store_path(settings: Settings) -> Path:
    """Where the durable on-disk store lives: ``<data_dir>/store``."""
    return Path(settings.data_dir) / "store"


def journal_path(settings: Settings) -> Path:
    """The journal of an unfinished bulk add: ``<data_dir>/store.pending`` (see ``add_graphs``)."""
    return Path(settings.data_dir) / "store.pending"


#: A statement as its terms (what ``rdf.DocumentGraph.triples`` holds).
TermTriple = tuple[NamedNode | BlankNode, NamedNode, NamedNode | BlankNode | Literal]

#: Deletes from the union (default) graph every triple no named graph states.
UNION_CLEANUP = "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"


def triple_lines(quads: Iterable[Quad]) -> set[str]:
    """Triples as N-Triples lines, which are also valid SPARQL terms."""
    return {f"{q.subject} {q.predicate} {q.object} ." for q in quads}


def change_update(graph: str, old: set[str], new: set[str]) -> str:
    """The one SPARQL Update that makes ``graph`` hold ``new`` instead of ``old`` and keeps the
    union in step. Only the difference is written: a re-ingest that changes a few facts (or
    just the ingest time) touches a few triples, not the whole document. The lines hold no
    blank nodes (``DELETE DATA`` refuses them): the RDF builder and the ontology name every node."""
    g = f"<{graph}>"
    gone, added = old - new, new - old
    parts = []
    if not new:
        parts.append(f"DROP SILENT GRAPH {g}")
    elif gone:
        parts.append(f"DELETE DATA {{ GRAPH {g} {{\n{chr(10).join(sorted(gone))}\n}} }}")
    if added:
        body = "\n".join(sorted(added))
        parts += [f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}", f"INSERT DATA {{\n{body}\n}}"]
    if gone:  # delete from the union what no named graph states any more
        rows = "\n".join(f"({line[:-2]})" for line in sorted(gone))
        parts.append(
            f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES (?s ?p ?o) {{\n{rows}\n}}\n"
            "FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"
        )
    return " ;\n".join(parts) or f"DROP SILENT GRAPH {g}"


_DATASET_WORDS = re.compile(r"graph|from", re.IGNORECASE)


def uses_named_graphs(sparql: str) -> bool:
    """False when a query cannot reach a named graph (no ``GRAPH``, no ``FROM``), so the
    union-only copy can answer it; a false positive only costs speed."""
    return bool(_DATASET_WORDS.search(sparql))


def _node(iri: str | None) -> NamedNode | None:
    return None if iri is None else NamedNode(iri)


class OxigraphStore:
    """``Store`` over pyoxigraph, optionally served from in-memory copies kept in step.

    ``mirror`` is an in-memory copy of everything; ``union`` an in-memory store holding only
    the union (default) graph. pyoxigraph's in-memory storage answers default-graph patterns
    several times slower when the same triples also sit in many named graphs, so queries that
    cannot reach a named graph run on ``union``.
    """

    def __init__(
        self,
        ox: OxStore,
        *,
        mirror: OxStore | None = None,
        union: OxStore | None = None,
        writable: bool = True,
        journal: Path | None = None,
    ) -> None:
        self._durable: OxStore | None = ox
        self._mirror = mirror
        self._union = union
        self._writable = writable
        self._journal = journal

    @property
    def writable(self) -> bool:
        """False for a read-only store (what ``regionkg serve`` answers from: a snapshot)."""
        return self._writable

    @property
    def engine(self) -> OxStore:
        """The pyoxigraph store queries run on (the in-memory copy when there is one)."""
        engine = self._mirror or self._durable
        if engine is None:
            raise StoreError("the store is closed")
        return engine

    def query(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> QueryResult:
        """Run a SPARQL query over the union dataset or over the given graphs of this store."""
        kwargs: dict[str, object] = {}
        engine = self.engine
        if default_graphs is None and named_graphs is None and self._union is not None:
            engine = self.engine if uses_named_graphs(sparql) else self._union
        if default_graphs is not None:
            kwargs["default_graph"] = [self._known(g) for g in default_graphs] or [DefaultGraph()]
        if named_graphs is not None:
            kwargs["named_graphs"] = [self._known(g) for g in named_graphs]
        try:
            return engine.query(sparql, **kwargs)  # type: ignore[arg-type]
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"the store failed to answer: {exc}") from exc

    def match(self, patterns: Sequence[Pattern], limit: int) -> list[list[Match]]:
        """Index lookups on the union graph: a few µs each, where planning even a small SPARQL
        query costs 0.05–0.4 ms."""
        engine = self._union if self._union is not None else self.engine
        return [list(itertools.islice(engine.quads_for_pattern(_node(s), _node(p), _node(o), DefaultGraph()), limit))
                for s, p, o in patterns]

    def _known(self, graph: str) -> NamedNode:
        node = NamedNode(graph)
        if not self.engine.contains_named_graph(node):
            raise QueryError(f"graph <{graph}> is not in the store")
        return node

    def graph_lines(self, graph: str) -> set[str]:
        """The triples of ``graph`` as N-Triples lines (used to detect no-op replaces)."""
        return triple_lines(self.engine.quads_for_pattern(None, None, None, NamedNode(graph)))

    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> bool:
        """Swap the content of ``graph`` for ``quads`` in one transaction (False: no change)."""
        self._check_writable()
        quads = list(quads)
        if not self.engine.contains_named_graph(NamedNode(graph)):
            self._add_new(graph, quads)
            return True
        new = triple_lines(quads)
        old = self.graph_lines(graph)
        if old == new:
            return False
        self._change(graph, old, new)
        return True

    def _add_new(self, graph: str, quads: list[Quad]) -> None:
        """A graph not yet in the store: one transactional ``extend`` (no SPARQL to parse)
        adding it and its triples to the union graph."""
        g = NamedNode(graph)
        batch = [Quad(q.subject, q.predicate, q.object, g) for q in quads]
        batch += [Quad(q.subject, q.predicate, q.object) for q in quads]
        try:
            for ox in (self._durable, self._mirror):
                if ox is not None:
                    ox.extend(batch)
            if self._union is not None:
                self._union.extend(Quad(q.subject, q.predicate, q.object) for q in quads)
        except OSError as exc:
            raise StoreError(f"the store refused the change, nothing was written: {exc}") from exc

    def add_graphs(self, docs: Mapping[str, Sequence[TermTriple]]) -> None:
        """Add documents not yet in the store (graph IRI → its triples as term tuples) in one
        bulk load. Term tuples, not quads: the graph and the union copies are made here once.

        All or nothing: on any failure the graphs already written are dropped again and
        ``StoreError`` is raised (see the module docstring). Without a journal (a store not
        opened by ``open_store``) each document is added in its own transaction instead.
        """
        self._check_writable()
        if self._durable is None or self._journal is None:
            for graph, triples in docs.items():
                g = NamedNode(graph)
                self.replace_graph(graph, [Quad(s, p, o, g) for s, p, o in triples])
            return
        names = [NamedNode(g) for g in docs]
        if there := [g.value for g in names if self.engine.contains_named_graph(g)]:
            raise StoreError(f"{there[0]} is already in the store; replace it with replace_graph")
        if empty := [g for g, triples in docs.items() if not triples]:
            raise StoreError(f"{empty[0]} has no triples to add")
        named = [Quad(s, p, o, g) for g, triples in zip(names, docs.values()) for s, p, o in triples]
        union = [Quad(s, p, o) for s, p, o in dict.fromkeys(t for triples in docs.values() for t in triples)]
        with open(self._journal, "w", encoding="utf-8") as journal:
            journal.write("".join(f"{g}\n" for g in docs))
            journal.flush()
            os.fsync(journal.fileno())
        try:
            self._durable.bulk_extend(itertools.chain(named, union))
            if lost := [g.value for g in names if not self._durable.contains_named_graph(g)]:
                raise StoreError(f"the bulk load did not write {lost[0]}")
        except BaseException as exc:
            self.undo_bulk()
            if isinstance(exc, Exception) and not isinstance(exc, StoreError):
                raise StoreError(f"the store refused the change, nothing was written: {exc}") from exc
            raise
        self._journal.unlink()
        if self._mirror is not None:
            self._mirror.extend(itertools.chain(named, union))
        if self._union is not None:
            self._union.extend(union)

    def undo_bulk(self) -> list[str]:
        """Undo an unfinished ``add_graphs`` whose journal is on disk; returns the graphs dropped.

        Drops the journal's graphs and the union triples no other graph states, in one
        transaction, then deletes the journal (a crash before that only repeats the undo).
        """
        if self._durable is None or self._journal is None or not self._journal.exists():
            return []
        graphs = self._journal.read_text(encoding="utf-8").split()
        self._update(" ;\n".join([*(f"DROP SILENT GRAPH <{g}>" for g in graphs), UNION_CLEANUP]))
        self._durable.flush()
        self._journal.unlink()
        return graphs

    def drop_graph(self, graph: str) -> bool:
        """Remove ``graph`` and every triple only it stated (False when it was not there)."""
        self._check_writable()
        if not self.engine.contains_named_graph(NamedNode(graph)):
            return False
        self._change(graph, self.graph_lines(graph), set())
        return True

    def _change(self, graph: str, old: set[str], new: set[str]) -> None:
        """Apply ``change_update`` everywhere, then bring the union-only copy in step."""
        self._update(change_update(graph, old, new))
        if self._union is None or self._mirror is None:
            return
        gone = old - new
        if gone:  # what the full copy's union no longer holds leaves the union-only copy too
            rows = "\n".join(f"({line[:-2]})" for line in sorted(gone))
            left = self._mirror.query(
                f"SELECT ?s ?p ?o WHERE {{ VALUES (?s ?p ?o) {{\n{rows}\n}} FILTER NOT EXISTS {{ ?s ?p ?o }} }}"
            )
            gone = {f"{r['s']} {r['p']} {r['o']} ." for r in left}  # type: ignore[union-attr]
        added = new - old
        parts = [f"DELETE DATA {{\n{chr(10).join(sorted(gone))}\n}}"] if gone else []
        parts += [f"INSERT DATA {{\n{chr(10).join(sorted(added))}\n}}"] if added else []
        if parts:
            self._union.update(" ;\n".join(parts))

    def _update(self, update: str) -> None:
        try:
            for ox in (self._durable, self._mirror):
                if ox is not None:
                    ox.update(update)
        except (SyntaxError, OSError) as exc:
            raise StoreError(f"the store refused the change, nothing was written: {exc}") from exc

    def _check_writable(self) -> None:
        if not self._writable:
            raise StoreError("the store is open read-only")

    def graphs(self) -> list[str]:
        """IRIs of the document and ontology graphs, sorted."""
        return sorted(g.value for g in self.engine.named_graphs() if isinstance(g, NamedNode))

    def dump(self, out: IO[bytes], media_type: str) -> None:
        """Write the document and ontology graphs (N-Quads, TriG) or their union (triple formats)."""
        fmt = get_format("graph", media_type)
        assert fmt.rdf is not None
        if not fmt.is_dataset:
            self.engine.dump(out, fmt.rdf, from_graph=DefaultGraph(), prefixes=PREFIXES)
            return
        dataset = OxStore()
        for graph in self.engine.named_graphs():
            dataset.extend(self.engine.quads_for_pattern(None, None, None, graph))
        dataset.dump(out, fmt.rdf, prefixes=PREFIXES)

    def __len__(self) -> int:
        """Quads in the document and ontology graphs (the union copy not counted)."""
        union = sum(1 for _ in self.engine.quads_for_pattern(None, None, None, DefaultGraph()))
        return len(self.engine) - union

    def close(self) -> None:
        """Flush and let go of the pyoxigraph stores (RocksDB unlocks once they are freed)."""
        if self._durable is not None and self._writable:
            self._durable.flush()
        self._durable = self._mirror = self._union = None


def ensure_union(store: OxigraphStore) -> None:
    """Fill the union (default) graph of a store written before it existed (else a no-op)."""
    if store.graphs() and not any(True for _ in store.engine.quads_for_pattern(None, None, None, DefaultGraph())):
        store._update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


def ensure_ontology(store: Store) -> bool:
    """Load (or refresh) the ontology into its own graph; True when it changed."""
    onto = OxStore()
    onto.load(path=str(ONTOLOGY_TTL), to_graph=NamedNode(ONTOLOGY_GRAPH))
    return store.replace_graph(ONTOLOGY_GRAPH, onto)


def open_store(settings: Settings, *, in_memory: bool = False, read_only: bool = False) -> Store:
    """Open the store the settings point at: remote when ``store_url`` is set, else embedded.

    ``in_memory=True`` serves queries from an in-memory copy of the on-disk store (3–8× faster);
    writes still reach the disk first. ``read_only=True`` opens the disk store without taking
    the writer's lock (pyoxigraph ``Store.read_only``); with ``in_memory`` too, the result is a
    snapshot in memory and the disk store is released right away (what query workers use).
    """
    if settings.store_url:
        from regionkg.graph.remote import RemoteStore

        remote = RemoteStore(settings.store_url, timeout_s=settings.query_timeout_s)
        if not read_only:
            ensure_ontology(remote)
        return remote
    path = store_path(settings)
    try:
        if read_only:
            if not path.exists():
                raise StoreError(f"no store at {path}; run `regionkg ingest` first")
            durable = OxStore.read_only(str(path))
        else:
            path.mkdir(parents=True, exist_ok=True)
            durable = OxStore(str(path))
            OxigraphStore(durable, journal=journal_path(settings)).undo_bulk()  # an add_graphs cut off by a crash
    except OSError as exc:
        raise StoreError(f"cannot open the store at {path}: {exc}") from exc
    if in_memory:
        mirror = OxStore()
        mirror.bulk_extend(durable)
        for graph in durable.named_graphs():  # quads do not carry empty named graphs
            mirror.add_graph(graph)
        union = OxStore()
        union.bulk_extend(durable.quads_for_pattern(None, None, None, DefaultGraph()))
        if read_only:  # a serving snapshot: let go of the disk store at once
            return OxigraphStore(mirror, union=union, writable=False)
        store = OxigraphStore(durable, mirror=mirror, union=union, journal=journal_path(settings))
    else:
        store = OxigraphStore(durable, writable=not read_only, journal=journal_path(settings))
    if not read_only:
        ensure_union(store)
        ensure_ontology(store)
    return store
