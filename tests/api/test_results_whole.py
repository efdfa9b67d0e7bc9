"""Whole-result serialisation: the row count read off pyoxigraph's output never under-counts,
so a result over the cap is always written by the capped writer."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from regionkg.graph.sparql.results import RESULT_MEDIA_TYPES, serialise_whole

TRICKY = ['{"s":{"type":"', "{}", "<result>", "a\nb\r\nc", '"},{"s":', "\t", "上饶"]


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store()
    for i, text in enumerate(TRICKY * 3):
        s.add(Quad(NamedNode(f"http://e/{i}"), NamedNode("http://e/p"), Literal(text)))
    return s


@pytest.mark.parametrize("media_type", RESULT_MEDIA_TYPES)
@pytest.mark.parametrize("query", [
    "SELECT ?s ?o WHERE { ?s ?p ?o }",
    "SELECT ?o WHERE { ?s ?p ?o }",
    "SELECT ?x WHERE { ?s ?p ?o OPTIONAL { ?s <http://e/none> ?x } }",  # every row empty
    "SELECT ?s ?x WHERE { ?s ?p ?o OPTIONAL { ?s <http://e/none> ?x } }",
    "SELECT * WHERE { }",
])
def test_row_count_bounds_the_true_count(store: Store, media_type: str, query: str) -> None:
    rows = len(list(store.query(query)))
    whole = serialise_whole(store.query(query), media_type, max_rows=10_000)
    if whole is not None:
        assert whole.rows >= rows and not whole.truncated
    if "xml" in media_type or "tab" in media_type:  # exact counts: always the whole-result path
        assert whole is not None and whole.rows == rows
    assert serialise_whole(store.query(query), media_type, max_rows=rows - 1) is None


def test_a_result_past_the_byte_budget_is_left_to_the_capped_writer(store: Store) -> None:
    many = "SELECT ?s ?o WHERE { ?s ?p ?o VALUES ?n { " + " ".join(map(str, range(3000))) + " } }"
    assert serialise_whole(store.query(many), "application/sparql-results+json", max_rows=10) is None
