"""Safety checks: refused on the parse tree (not by regex), before the engine runs."""

from __future__ import annotations

import pytest

from regionkg.errors import QueryError, ReadOnlyError, UnsafeQueryError
from regionkg.graph.sparql import check_query, check_update
from regionkg.graph.sparql.depth import nesting_depth

GRAPHS = ["https://w3id.org/regionkg/doc/a.txt"]


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    r"SELECT * WHERE { \u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    r"SELECT * WHERE { \U00000053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?e ?p ?o SERVICE SILENT ?endpoint { ?s ?p ?o } }",
    "select * where { { ?s ?p ?o } union { service <http://x/> { ?s ?p ?o } } }",
    "ASK { FILTER EXISTS { SERVICE <http://x/> { ?s ?p ?o } } }",
])
def test_service_in_any_spelling_is_refused(query: str) -> None:
    with pytest.raises(UnsafeQueryError, match="SERVICE"):
        check_query(query, store_graphs=GRAPHS)


def test_service_inside_a_string_or_comment_is_just_text() -> None:
    checked = check_query('SELECT * WHERE { ?s ?p "SERVICE <http://x/> {}" } # SERVICE <http://x/> {}',
                          store_graphs=GRAPHS)
    assert checked.form == "SELECT"


@pytest.mark.parametrize("query,where", [
    ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM"),
    ("SELECT * FROM NAMED <http://127.0.0.1:9/g> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM"),
    (r"SELECT * FROM <\u0066ile:///etc/passwd> WHERE { ?s ?p ?o }", "FROM"),
])
def test_dataset_outside_the_store_is_refused(query: str, where: str) -> None:
    with pytest.raises(UnsafeQueryError, match=where):
        check_query(query, store_graphs=GRAPHS)


def test_protocol_dataset_outside_the_store_is_refused_inside_is_kept() -> None:
    with pytest.raises(UnsafeQueryError, match="default-graph-uri"):
        check_query("ASK {}", store_graphs=GRAPHS, default_graphs=["file:///etc/passwd"])
    with pytest.raises(UnsafeQueryError):
        check_query("ASK {}", store_graphs=GRAPHS, named_graphs=["http://127.0.0.1:9/"])
    checked = check_query(f"SELECT * FROM <{GRAPHS[0]}> {{ ?s ?p ?o }}", store_graphs=GRAPHS,
                          default_graphs=GRAPHS)
    assert checked.from_graphs == tuple(GRAPHS)


@pytest.mark.parametrize("update", ["LOAD <http://127.0.0.1:9/data.ttl>", "LOAD <file:///etc/passwd> INTO GRAPH <g:x>",
                                    "INSERT DATA { <a:b> <a:c> <a:d> }", "CLEAR ALL", r"\u004cOAD <http://x/>"])
def test_updates_and_load_are_refused(update: str) -> None:
    with pytest.raises(ReadOnlyError):
        check_update(update)


def test_malformed_update_is_a_bad_request_not_a_refusal() -> None:
    with pytest.raises(QueryError) as caught:
        check_update("CLEAR XYZ")
    assert not isinstance(caught.value, ReadOnlyError)
    with pytest.raises(QueryError, match="using-graph-uri"):
        check_update("WITH <g:a> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", using_named_graphs=["g:b"])


@pytest.mark.parametrize("depth", [65, 3000, 100_000])
def test_deep_nesting_is_refused_before_parsing(depth: int) -> None:
    query = "SELECT * WHERE " + "{" * depth + " ?s ?p ?o " + "}" * depth
    with pytest.raises(UnsafeQueryError, match="nests"):
        check_query(query, store_graphs=GRAPHS, max_depth=64)


@pytest.mark.parametrize("text,expected", [
    ("ASK { { } }", 2),
    (r"ASK { \u007B \u007B ?s ?p ?o \u007D \u007D }", 3),  # escapes count: SPARQL expands them first
    ('ASK { ?s ?p "{{{{" }', 1),  # inside a string
    ('ASK { ?s ?p """{{ \n {{""" }', 1),
    ("ASK { ?s ?p <http://x/))))> { { } } }", 3),  # parentheses inside an IRI do not close anything
    ("ASK { ?s ex:a\\'b ?o . { { } } ?s ex:c\\'d ?o }", 3),  # escaped quote in a name is no string
    ("ASK { # {{{{{\n }", 1),
])
def test_depth_scanner_follows_sparql_lexing(text: str, expected: int) -> None:
    assert nesting_depth(text) == expected
