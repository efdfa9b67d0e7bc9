"""Bulk adds of many new documents: same store as one transaction each, all or nothing, crash-safe."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest
from pyoxigraph import Quad, Store as OxStore

from graph_fixtures import ARTICLES, digest, extraction
from regionkg.errors import StoreError
from regionkg.graph.ingest import ingest
from regionkg.graph.iris import ONTOLOGY_GRAPH
from regionkg.graph.rdf import DocumentGraph, build
from regionkg.graph.store import OxigraphStore, journal_path, open_store
from regionkg.settings import Settings


def documents(*names: str) -> list[DocumentGraph]:
    return [build(extraction(name), ingested_at="2026-01-01T00:00:00Z") for name in names]


class FailingBulk:
    """A pyoxigraph store whose bulk loader writes half of what it is given, then fails."""

    def __init__(self, inner: OxStore) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def bulk_extend(self, quads: list[Quad]) -> None:
        quads = list(quads)
        self.inner.bulk_extend(quads[: len(quads) // 2])
        raise OSError("No space left on device")


def test_bulk_add_equals_one_transaction_per_document(tmp_path: Path) -> None:
    one, bulk = (open_store(Settings(data_dir=tmp_path / name)) for name in ("one", "bulk"))
    assert isinstance(one, OxigraphStore) and isinstance(bulk, OxigraphStore)
    docs = documents("a.txt", "b.txt", "c.txt")
    for doc in docs:
        one.replace_graph(doc.graph, doc.quads)
    bulk.add_graphs({doc.graph: doc.triples for doc in docs})
    assert digest(bulk) == digest(one)
    assert bulk.graphs() == one.graphs() == sorted([ONTOLOGY_GRAPH, *(d.graph for d in docs)])
    assert not journal_path(Settings(data_dir=tmp_path / "bulk")).exists()
    with pytest.raises(StoreError, match="already in the store"):
        bulk.add_graphs({docs[0].graph: docs[0].triples})
    for store in (one, bulk):
        store.close()


def test_failed_bulk_add_leaves_the_store_as_it_was(store: OxigraphStore) -> None:
    [kept] = documents("kept.txt")
    store.replace_graph(kept.graph, kept.quads)
    before, graphs = digest(store), store.graphs()
    store._durable = FailingBulk(store._durable)  # type: ignore[assignment]
    with pytest.raises(StoreError, match="No space left"):
        store.add_graphs({d.graph: d.triples for d in documents("a.txt", "b.txt")})
    assert digest(store) == before and store.graphs() == graphs


def test_bulk_add_cut_off_by_a_crash_is_undone_at_the_next_open(settings: Settings) -> None:
    store = open_store(settings)
    assert isinstance(store, OxigraphStore)
    [kept] = documents("kept.txt")
    store.replace_graph(kept.graph, kept.quads)
    before = digest(store)
    store._durable = FailingBulk(store._durable)  # type: ignore[assignment]
    store.undo_bulk = lambda: []  # type: ignore[method-assign]  # the process dies before it can undo
    with pytest.raises(StoreError):
        store.add_graphs({d.graph: d.triples for d in documents("a.txt", "b.txt")})
    assert journal_path(settings).exists() and digest(store) != before
    store._durable = store._durable.inner  # type: ignore[attr-defined]
    store.close()
    del store
    gc.collect()
    reopened = open_store(settings)
    assert digest(reopened) == before  # type: ignore[arg-type]
    assert not journal_path(settings).exists()
    reopened.close()


def test_folder_ingest_in_batches_and_a_refused_batch_falls_back_to_one_document_at_a_time(
    store: OxigraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        for article in ARTICLES.glob("*.txt"):
            shutil.copy(article, folder / f"{i}_{article.name}")
    (folder / "broken.txt").write_bytes(b"")
    results = ingest(store, [folder], batch_quads=2_000)
    assert sorted(r.status for r in results) == ["added"] * 6 + ["failed"]
    assert len(store.graphs()) == 7
    batched = {g: store.graph_lines(g) for g in store.graphs()}

    def refuse(self: OxigraphStore, docs: object) -> None:
        raise StoreError("refused")

    monkeypatch.setattr(OxigraphStore, "add_graphs", refuse)
    for g in store.graphs():
        if g != ONTOLOGY_GRAPH:
            store.drop_graph(g)
    results = ingest(store, [folder])
    assert sorted(r.status for r in results) == ["added"] * 6 + ["failed"]
    alone = {g: store.graph_lines(g) for g in store.graphs()}
    assert alone.keys() == batched.keys()
    for g in alone:  # the same facts; only the ingest time may differ
        assert {x for x in alone[g] if "endedAtTime" not in x} == {x for x in batched[g] if "endedAtTime" not in x}


def test_bulk_add_reaches_the_in_memory_copies(settings: Settings) -> None:
    store = open_store(settings, in_memory=True)
    assert isinstance(store, OxigraphStore)
    docs = documents("a.txt", "b.txt")
    store.add_graphs({d.graph: d.triples for d in docs})
    everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    union_copy = [tuple(map(str, r)) for r in store.query(everything)]
    full_copy = [tuple(map(str, r)) for r in store.query(everything + " # graph")]  # routed to the full copy
    assert union_copy == full_copy and len(union_copy) > len(docs[0].triples)
    in_memory = digest(store)
    store.close()
    del store
    gc.collect()
    disk = open_store(settings)
    assert digest(disk) == in_memory  # type: ignore[arg-type]
    disk.close()
