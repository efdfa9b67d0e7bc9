"""/sparql in-process: methods, formats, content negotiation, error codes, caps."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results

COUNT_TYPES = "SELECT ?t (COUNT(*) AS ?n) WHERE { ?e a ?t } GROUP BY ?t"
ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


def test_get_form_and_direct_post_give_the_same_rows(client) -> None:
    by_get = client.get("/sparql", params={"query": COUNT_TYPES}).json()
    by_form = client.post("/sparql", data={"query": COUNT_TYPES}).json()
    direct = client.post("/sparql", content=COUNT_TYPES, headers={"Content-Type": "application/sparql-query"}).json()
    rows = sorted(json.dumps(b, sort_keys=True) for b in by_get["results"]["bindings"])
    assert rows and rows == sorted(json.dumps(b, sort_keys=True) for b in by_form["results"]["bindings"])
    assert rows == sorted(json.dumps(b, sort_keys=True) for b in direct["results"]["bindings"])


@pytest.mark.parametrize("accept,media,fmt", [
    ("application/sparql-results+json", "application/sparql-results+json", QueryResultsFormat.JSON),
    ("application/sparql-results+xml", "application/sparql-results+xml", QueryResultsFormat.XML),
    ("text/csv", "text/csv", None),
    ("text/tab-separated-values", "text/tab-separated-values", QueryResultsFormat.TSV),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml", QueryResultsFormat.XML),
    ("text/html, */*;q=0.1", "application/sparql-results+json", QueryResultsFormat.JSON),
])
def test_select_formats_parse_back(client, accept: str, media: str, fmt: QueryResultsFormat | None) -> None:
    resp = client.get("/sparql", params={"query": COUNT_TYPES}, headers={"Accept": accept})
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith(media)
    assert resp.headers["vary"] == "Accept"
    if fmt is None:  # CSV is lossy: pyoxigraph will not parse it, the csv module will
        rows = list(csv.DictReader(io.StringIO(resp.text)))
        assert rows and all(int(r["n"]) > 0 for r in rows)
        return
    rows = list(parse_query_results(resp.content, format=fmt))
    assert rows and all(int(r["n"].value) > 0 for r in rows)


@pytest.mark.parametrize("accept,fmt", [
    ("text/turtle", RdfFormat.TURTLE), ("application/n-triples", RdfFormat.N_TRIPLES),
    ("application/ld+json", RdfFormat.JSON_LD), ("application/rdf+xml", RdfFormat.RDF_XML),
])
def test_construct_and_describe_formats(client, accept: str, fmt: RdfFormat) -> None:
    q = "CONSTRUCT { ?e a ?t } WHERE { ?e a ?t } LIMIT 5"
    resp = client.post("/sparql", data={"query": q}, headers={"Accept": accept})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith(fmt.media_type)
    assert len(list(parse(resp.content, format=fmt))) == 5
    d = client.get("/sparql", params={"query": "DESCRIBE <https://w3id.org/regionkg/ontology#Region>"},
                   headers={"Accept": accept})
    assert d.status_code == 200 and list(parse(d.content, format=fmt))


def test_ask_in_json_and_xml_but_not_csv(client) -> None:
    assert client.get("/sparql", params={"query": "ASK { ?s a ?t }"}).json()["boolean"] is True
    xml = client.get("/sparql", params={"query": "ASK { ?s a ?t }"}, headers={"Accept": "application/sparql-results+xml"})
    assert ET.fromstring(xml.content).find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"
    no = client.get("/sparql", params={"query": "ASK { ?s a ?t }"}, headers={"Accept": "text/csv"})
    assert no.status_code == 406 and no.json()["error"]["code"] == "not_acceptable"


def test_row_cap_flags_truncation(client, settings) -> None:
    full = client.get("/sparql", params={"query": ALL})
    assert full.headers["x-regionkg-truncated"] == "true"
    body = full.json()
    assert len(body["results"]["bindings"]) == settings.max_rows
    assert body["head"]["link"] == ["urn:regionkg:truncated"]
    small = client.get("/sparql", params={"query": ALL + " LIMIT 3"})
    assert small.headers["x-regionkg-truncated"] == "false" and "link" not in small.json()["head"]
    as_csv = client.get("/sparql", params={"query": ALL}, headers={"Accept": "text/csv"})
    assert as_csv.headers["x-regionkg-truncated"] == "true"
    assert len(list(csv.reader(io.StringIO(as_csv.text)))) == settings.max_rows + 1


def test_service_description_without_query(client) -> None:
    resp = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/turtle")
    triples = list(parse(resp.content, format=RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert any(t.object.value == sd + "Service" for t in triples)
    assert any(t.predicate.value == sd + "name" and t.object.value.startswith("https://w3id.org/regionkg/doc/")
               for t in triples)


@pytest.mark.parametrize("kwargs,status,code", [
    ({"params": {"query": "SELECT * WHERE { ?s ?p "}}, 400, "bad_query"),
    ({"params": {"query": ["ASK {}", "ASK {}"]}}, 400, "bad_query"),
    ({"content": "ASK {}", "headers": {"Content-Type": "text/plain"}}, 415, "unsupported_media_type"),
    ({"content": "ASK {}"}, 415, "unsupported_media_type"),
    ({"content": "ASK {}".encode("utf-16"), "headers": {"Content-Type": "application/sparql-query; charset=UTF-16"}},
     415, "unsupported_media_type"),
    ({"content": b"ASK {\xff}", "headers": {"Content-Type": "application/sparql-query"}}, 400, "bad_query"),
    ({"params": {"query": "ASK {}"}, "headers": {"Accept": "image/png"}}, 406, "not_acceptable"),
    ({"content": "CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}}, 403, "read_only"),
    ({"data": {"update": "DROP ALL"}}, 403, "read_only"),
    ({"params": {"update": "CLEAR ALL"}}, 400, "bad_query"),
])
def test_errors_share_one_json_shape(client, kwargs: dict, status: int, code: str) -> None:
    method = "GET" if "content" not in kwargs and "data" not in kwargs else "POST"
    resp = client.request(method, "/sparql", **kwargs)
    assert resp.status_code == status, resp.text
    error = resp.json()["error"]
    assert error["status"] == status and error["code"] == code and error["message"]


def test_method_not_allowed_and_unknown_route_use_the_error_shape(client) -> None:
    put = client.put("/sparql", params={"query": "ASK {}"})
    assert put.status_code == 405 and put.json()["error"]["code"] == "method_not_allowed"
    missing = client.get("/no/such/route")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_body_size_cap_is_413(client, settings) -> None:
    big = "ASK {} #" + "x" * settings.max_body_bytes
    resp = client.post("/sparql", content=big, headers={"Content-Type": "application/sparql-query"})
    assert resp.status_code == 413 and resp.json()["error"]["code"] == "payload_too_large"

    def chunks():  # no Content-Length: counted while streaming
        yield b"ASK {} #"
        for _ in range(settings.max_body_bytes // 1024 + 2):
            yield b"x" * 1024

    streamed = client.post("/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"})
    assert streamed.status_code == 413


def test_browsers_asking_for_the_endpoint_get_the_query_page(client) -> None:
    resp = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
                      follow_redirects=False)
    assert resp.status_code == 303 and resp.headers["location"] == "/query"
