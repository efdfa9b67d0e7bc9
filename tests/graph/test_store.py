"""The embedded store: atomic replace, drop, the query dataset, in-memory copy, dumps."""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import Quad

from graph_fixtures import digest, extraction
from regionkg.errors import QueryError, StoreError
from regionkg.graph.iris import ONTOLOGY_GRAPH
from regionkg.graph.rdf import build
from regionkg.graph.store import OxigraphStore, change_update, open_store, triple_lines
from regionkg.settings import Settings


def test_replace_is_a_no_op_when_nothing_changed(store: OxigraphStore) -> None:
    built = build(extraction(), ingested_at="2026-01-01T00:00:00Z")
    assert store.replace_graph(built.graph, built.quads) is True
    before = digest(store)
    assert store.replace_graph(built.graph, built.quads) is False
    assert digest(store) == before
    assert store.graphs() == sorted([ONTOLOGY_GRAPH, built.graph])


def test_failed_replace_leaves_the_store_as_it_was(store: OxigraphStore) -> None:
    built = build(extraction(), ingested_at="2026-01-01T00:00:00Z")
    store.replace_graph(built.graph, built.quads)
    before = digest(store)

    def broken() -> Iterator[Quad]:  # the new content fails half way through
        yield from built.quads[:10]
        raise RuntimeError("extraction crashed")

    with pytest.raises(RuntimeError):
        store.replace_graph(built.graph, broken())
    assert digest(store) == before
    # the engine refuses the second half of a DROP + INSERT request: the DROP is rolled back too
    with pytest.raises(StoreError):
        store._update(f"DROP SILENT GRAPH <{built.graph}> ; "
                      f"INSERT DATA {{ GRAPH <{built.graph}> {{ <urn:a> <urn:b> ?broken }} }}")
    assert digest(store) == before


def test_replace_swaps_the_whole_graph(store: OxigraphStore) -> None:
    old = build(extraction(), ingested_at="t1")
    store.replace_graph(old.graph, old.quads)
    changed = extraction()
    changed.relations = changed.relations[:2]
    new = build(changed, ingested_at="t2")
    assert new.graph == old.graph
    assert store.replace_graph(new.graph, new.quads) is True
    assert len(new.quads) < len(old.quads)
    assert store.graph_lines(new.graph) == {f"{q.subject} {q.predicate} {q.object} ." for q in new.quads}


def test_drop_graph(store: OxigraphStore) -> None:
    built = build(extraction())
    store.replace_graph(built.graph, built.quads)
    assert store.drop_graph(built.graph) is True
    assert store.drop_graph(built.graph) is False
    assert store.graphs() == [ONTOLOGY_GRAPH]


def test_query_dataset_is_the_union_and_can_be_restricted(store: OxigraphStore) -> None:
    a, b = build(extraction("a.txt")), build(extraction("b.txt"))
    store.replace_graph(a.graph, a.quads)
    store.replace_graph(b.graph, b.quads)
    count = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?e <https://w3id.org/regionkg/ontology#mentionedIn> ?d }"
    assert int(next(iter(store.query(count)))["n"].value) == 2
    assert int(next(iter(store.query(count, default_graphs=[a.graph])))["n"].value) == 1
    named = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert [r["g"].value for r in store.query(named, named_graphs=[b.graph])] == [b.graph]
    with pytest.raises(QueryError):
        store.query(count, default_graphs=["https://example.org/not-here"])
    with pytest.raises(QueryError):
        store.query("SELECT * WHERE { ?s ?p }")


def test_in_memory_copy_answers_the_same_and_writes_through(settings: Settings) -> None:
    built = build(extraction())
    disk = open_store(settings)
    disk.replace_graph(built.graph, built.quads)
    expected = digest(disk)
    disk.close()
    del disk
    gc.collect()
    mem = open_store(settings, in_memory=True)
    assert digest(mem) == expected
    other = build(extraction("other.txt"))
    mem.replace_graph(other.graph, other.quads)
    expected = digest(mem)
    mem.close()
    del mem
    gc.collect()
    snapshot = open_store(settings, read_only=True, in_memory=True)
    assert digest(snapshot) == expected
    with pytest.raises(StoreError):
        snapshot.drop_graph(other.graph)


def test_triple_dumps_are_the_deduplicated_union(store: OxigraphStore) -> None:
    a, b = build(extraction("a.txt")), build(extraction("b.txt"))
    store.replace_graph(a.graph, a.quads)
    store.replace_graph(b.graph, b.quads)
    buf = io.BytesIO()
    store.dump(buf, "application/n-triples")
    lines = buf.getvalue().decode().splitlines()
    assert len(lines) == len(set(lines))
    label = '<https://w3id.org/regionkg/id/Region/%E4%B8%8A%E9%A5%B6%E5%B8%82> <http://www.w3.org/2004/02/skos/core#prefLabel> "上饶市"@zh-hans .'
    assert lines.count(label) == 1
    ttl = io.BytesIO()
    store.dump(ttl, "text/turtle")
    assert b"@prefix rkg:" in ttl.getvalue()


def test_default_graph_is_a_set_and_shared_triples_survive_until_the_last_document(
    store: OxigraphStore,
) -> None:
    a, b = build(extraction("a.txt")), build(extraction("b.txt"))
    store.replace_graph(a.graph, a.quads)
    store.replace_graph(b.graph, b.quads)
    city = "<https://w3id.org/regionkg/id/Region/%E4%B8%8A%E9%A5%B6%E5%B8%82>"
    label = f'SELECT ?l WHERE {{ {city} <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }}'
    assert len(list(store.query(label))) == 2  # zh-Hans and zh-Hant, once each, not per document
    in_docs = f"SELECT ?g WHERE {{ GRAPH ?g {{ {city} a ?c }} }}"
    assert {r["g"].value for r in store.query(in_docs)} == {a.graph, b.graph}
    store.drop_graph(a.graph)
    assert len(list(store.query(label))) == 2
    store.drop_graph(b.graph)
    assert list(store.query(label)) == []
    assert len(store) == len(store.graph_lines(ONTOLOGY_GRAPH))


def test_in_memory_union_copy_stays_in_step_with_writes(settings: Settings) -> None:
    store = open_store(settings, in_memory=True)
    a, b = build(extraction("a.txt")), build(extraction("b.txt"))
    changed = extraction("b.txt")
    changed.relations = changed.relations[:1]
    everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    for step in (lambda: store.replace_graph(a.graph, a.quads), lambda: store.replace_graph(b.graph, b.quads),
                 lambda: store.replace_graph(b.graph, build(changed).quads), lambda: store.drop_graph(a.graph)):
        step()
        union_copy = [tuple(map(str, r)) for r in store.query(everything)]
        full_copy = [tuple(map(str, r)) for r in store.query(everything + " # graph")]  # routed to the full copy
        assert union_copy == full_copy and union_copy
    store.close()


def test_replace_writes_only_the_difference_and_ends_where_a_fresh_store_ends(
    store: OxigraphStore, tmp_path: Path
) -> None:
    a1, b = build(extraction("a.txt"), ingested_at="t1"), build(extraction("b.txt"), ingested_at="t1")
    store.replace_graph(a1.graph, a1.quads)
    store.replace_graph(b.graph, b.quads)
    changed = extraction("a.txt")
    changed.relations = changed.relations[:2]
    a2 = build(changed, ingested_at="t2")
    update = change_update(a2.graph, store.graph_lines(a1.graph), triple_lines(a2.quads))
    assert "DROP" not in update and update.count("\n") < len(a2.quads) / 2
    store.replace_graph(a2.graph, a2.quads)
    fresh = open_store(Settings(data_dir=tmp_path / "fresh"))
    fresh.replace_graph(b.graph, b.quads)
    fresh.replace_graph(a2.graph, a2.quads)
    assert digest(store) == digest(fresh)  # type: ignore[arg-type]
    fresh.close()
