"""The guard's fast path: a query is left unparsed only when the lexical scan proves it cannot
hold SERVICE, a dataset clause or an update. Checked against rdflib's full parse on generated
queries that hide the keywords in every lexical place, and against Oxigraph's own lexing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyparsing import ParseBaseException
from rdflib.plugins.sparql.parser import parseQuery

from regionkg.errors import QueryError, UnsafeQueryError
from regionkg.graph.sparql import check_query
from regionkg.graph.sparql.depth import scan
from regionkg.graph.sparql.guard import GUARDED

KEYWORDS = ["service", "from", "named", "load", "select", "lateral", "where"]


def spellings(word: str) -> st.SearchStrategy[str]:
    """The word in any letter case, some letters as ``\\u``/``\\U`` escapes."""
    def letter(c: str) -> st.SearchStrategy[str]:
        return st.sampled_from([c.lower(), c.upper(), f"\\u{ord(c.upper()):04X}", f"\\U{ord(c):08x}"])
    return st.tuples(*(letter(c) for c in word)).map("".join)


keyword = st.sampled_from(KEYWORDS).flatmap(spellings)
plain_keyword = st.sampled_from(KEYWORDS).flatmap(lambda w: st.sampled_from([w, w.upper(), w.title()]))
separator = st.sampled_from([" ", "\n", "\r", "\r\n", "\t", ""])
text_bit = st.one_of(plain_keyword, keyword, st.sampled_from(["{", "}", "<", ">", " ", "#", "\n", "'", "\\'",
                                                              '\\"', "\\u0022", "\\u0027", "\\u000A"]))
free_text = st.lists(text_bit, max_size=6).map("".join)
SERVICE_BODY = "<http://127.0.0.1:9/sparql> { ?a ?b ?c }"

piece = st.one_of(
    st.just("?s ?p ?o ."),
    st.builds("?s ex:{} ?o .".format, keyword),                     # local part of a prefixed name
    st.builds("?s {}:x ?o .".format, plain_keyword),                # prefix label
    st.builds("?{} ?p ?o .".format, plain_keyword),                 # variable
    st.builds("${} ?p ?o .".format, plain_keyword),
    st.builds('?s ?p "{}" .'.format, free_text),                    # strings of every kind
    st.builds("?s ?p '{}' .".format, free_text),
    st.builds('?s ?p """{}""" .'.format, free_text),
    st.builds("?s ?p '''{}''' .".format, free_text),
    st.builds("# {}\n".format, free_text),                          # comment (\r and \n end it)
    st.builds("?s ?p <http://x/{}> .".format, keyword),             # IRI
    spellings("service").map(lambda k: f"{k} {SERVICE_BODY}"),     # a real SERVICE clause
    spellings("service").map(lambda k: f"{k} SILENT ?u {{ ?a ?b ?c }}"),
    st.builds("?s ?p 1{} .".format, keyword),                       # glued to a number
    st.builds(lambda a, b: f"{a}#x\n{b} {SERVICE_BODY}", st.just("SERV"), st.just("ICE")),  # split by a comment
)
dataset = st.one_of(st.just(""), st.builds("{} <http://127.0.0.1:9/g>".format, spellings("from")),
                    st.builds("{} NAMED <http://127.0.0.1:9/g>".format, spellings("from")),
                    st.builds("# {}\n".format, free_text))


@st.composite
def queries(draw: st.DrawFn) -> str:
    body = "".join(draw(piece) + draw(separator) for _ in range(draw(st.integers(1, 4))))
    return f"PREFIX ex: <http://e/> SELECT *{draw(separator)}{draw(dataset)} WHERE {{ {body} }}"


def parser_sees_service_or_dataset(text: str) -> bool | None:
    """What rdflib's full parse finds (None when it cannot parse the text)."""
    try:
        tree = repr(parseQuery(text))
    except (ParseBaseException, ValueError):
        return None
    return "ServiceGraphPattern" in tree or "DatasetClause" in tree


@settings(max_examples=400, deadline=None)
@given(queries())
def test_whenever_the_parser_sees_service_or_from_the_fast_path_does_not_skip(text: str) -> None:
    if parser_sees_service_or_dataset(text):
        assert scan(text).words & GUARDED, text
        with pytest.raises(UnsafeQueryError):
            check_query(text, store_graphs=[])


@pytest.mark.parametrize("text", [
    # Oxigraph ends a comment at \r and runs the SERVICE after it; rdflib does not parse this
    "SELECT * WHERE { ?s ?p ?o # c\rSERVICE SILENT <http://127.0.0.1:9/> { ?a ?b ?c } }",
    "SELECT * WHERE { ?s ?p 1SERVICE <http://127.0.0.1:9/> {} }",  # Oxigraph reads 1 then SERVICE
    "PREFIX : <http://127.0.0.1:9/> SELECT * WHERE { SERVICE SILENT:x { ?a ?b ?c } }",
    "PREFIX : <http://127.0.0.1:9/> SELECT * FROM:x WHERE { ?a ?b ?c }",
    "SELECT * WHERE { ?s ?p ?o.SERVICE <http://127.0.0.1:9/> {} }",
    "SELECT * WHERE { ?s ?p ?o } #\\u000ASERVICE",  # a newline only for the spec's escape reading
])
def test_keywords_oxigraph_would_run_are_never_skipped(text: str) -> None:
    assert scan(text).words & GUARDED
    with pytest.raises(QueryError):
        check_query(text, store_graphs=[])


@pytest.mark.parametrize("text,form", [
    ('PREFIX ex: <http://e/> SELECT ?service ?from WHERE { ?service ex:x "SERVICE FROM" } # LOAD', "SELECT"),
    ("PREFIX ex: <http://e/> ASK { ?s ex:service ?o ; ex:from <http://x/SERVICE> }", "ASK"),
    ("PREFIX select: <http://e/> CONSTRUCT { ?s select:x ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
    # LATERAL is Oxigraph syntax rdflib cannot parse: passing at all proves the parse was skipped
    ("SELECT * WHERE { ?s ?p ?o LATERAL { SELECT ?x WHERE { ?s ?x ?o } LIMIT 1 } }", "SELECT"),
])
def test_queries_without_guarded_keywords_skip_the_parse(text: str, form: str) -> None:
    assert not scan(text).words & GUARDED
    assert check_query(text, store_graphs=[]).form == form


def test_a_keyword_as_prefix_label_takes_the_full_parse_and_passes() -> None:
    text = "PREFIX service: <http://e/> SELECT * WHERE { ?s service:x ?o }"
    assert "SERVICE" in scan(text).words  # a lenient parser could read ``service:x`` as SERVICE :x
    assert check_query(text, store_graphs=[]).form == "SELECT"


def test_lateral_runs_through_the_endpoint(client) -> None:
    q = "SELECT ?e ?t WHERE { ?e a ?t LATERAL { SELECT ?l WHERE { ?e ?p ?l } LIMIT 1 } } LIMIT 3"
    resp = client.get("/sparql", params={"query": q})
    assert resp.status_code == 200, resp.text
    assert len(resp.json()["results"]["bindings"]) == 3


def test_engine_syntax_errors_are_still_bad_requests(client) -> None:
    resp = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert resp.status_code == 400 and resp.json()["error"]["code"] == "bad_query"
