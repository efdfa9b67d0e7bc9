"""The W3C SPARQL 1.1 Protocol tests, read from the manifest, against a real `regionkg serve`.

The store holds the manifest's data files, each in the named graph its ``ut:graphData`` label
gives; the graph ``data0.rdf``, which requests name but no data file supplies, exists empty
(the suite assumes the four kasei.us graphs are in the store; the endpoint never fetches one).
Tests listed in ``w3c_expectations.json`` as refused must get that refusal; all others pass.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pyoxigraph import NamedNode, Quad, RdfFormat, parse
from rdflib import RDF, RDFS, Graph, Namespace
from rdflib.collection import Collection

from regionkg.graph.store import open_store
from regionkg.settings import Settings

W3C = Path(__file__).resolve().parents[3] / "shared" / "w3c-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"
EXPECTATIONS = json.loads((Path(__file__).with_name("w3c_expectations.json")).read_text(encoding="utf-8"))
FORMATS = {
    "boolean": ("application/sparql-results+json", "application/sparql-results+xml"),
    "tabular": ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"),
    "RDF": ("application/rdf+xml", "text/turtle", "application/n-triples", "application/ld+json"),
}
DATA0 = "http://kasei.us/2009/09/sparql/data/data0.rdf"

manifest = Graph().parse(W3C / "manifest.ttl", format="turtle")
root = next(manifest.subjects(RDF.type, MF.Manifest))
TESTS = list(Collection(manifest, manifest.value(root, MF.entries)))


def name_of(test) -> str:
    return str(test).rsplit("#", 1)[-1]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory, real_server) -> Iterator[str]:
    data = tmp_path_factory.mktemp("w3c-store")
    store = open_store(Settings(data_dir=data))
    graphs = {(str(manifest.value(gd, RDFS.label)), str(manifest.value(gd, UT.graph)))
              for gd in manifest.objects(None, UT.graphData)}
    for name, file in sorted(graphs):
        path = W3C / file.rsplit("/", 1)[-1]
        triples = parse(path=str(path), format=RdfFormat.N_TRIPLES)
        store.replace_graph(name, [Quad(t.subject, t.predicate, t.object, NamedNode(name)) for t in triples])
    store.engine.add_graph(NamedNode(DATA0))
    store.close()
    with real_server(data) as base:
        yield base + "/sparql"


def requests_of(test) -> list:
    action = manifest.value(test, MF.action)
    return list(Collection(manifest, manifest.value(action, HT.requests)))


def send(endpoint: str, req) -> httpx.Response:
    path = str(manifest.value(req, HT.absolutePath))
    assert path.startswith("/sparql/")
    url = endpoint + path[len("/sparql"):].removeprefix("/")  # the suite's /sparql/ is our /sparql
    headers = {}
    hlist = manifest.value(req, HT.headers)
    if hlist is not None:
        for h in Collection(manifest, hlist):
            headers[str(manifest.value(h, HT.fieldName))] = str(manifest.value(h, HT.fieldValue))
    body = manifest.value(req, HT.body)
    content = None
    if body is not None:
        encoding = str(manifest.value(body, CNT.characterEncoding) or "UTF-8")
        content = str(manifest.value(body, CNT.chars)).encode(encoding)
    return httpx.request(str(manifest.value(req, HT.methodName)), url, headers=headers, content=content, timeout=30)


def boolean_of(resp: httpx.Response) -> bool:
    if "json" in resp.headers["content-type"]:
        return resp.json()["boolean"]
    ns = "{http://www.w3.org/2005/sparql-results#}"
    return ET.fromstring(resp.content).find(f"{ns}boolean").text == "true"


def check(req, resp: httpx.Response) -> list[str]:
    """What in ``resp`` breaks the manifest's expectations (empty: the request passes)."""
    expected = manifest.value(req, HT.resp)
    problems = []
    classes = {int(str(s)[len(HTS)]) for s in manifest.objects(expected, MF.expectedStatus)}
    if resp.status_code // 100 not in classes:
        problems.append(f"status {resp.status_code}, expected {sorted(classes)}xx")
        return problems
    fmt = manifest.value(expected, MF.expectedFormat)
    media = resp.headers.get("content-type", "").split(";")[0].strip()
    if fmt is not None and media not in FORMATS[str(fmt)]:
        problems.append(f"content type {media} is not a {fmt} format")
    want = manifest.value(expected, MF.expectedBoolean)
    if want is not None and boolean_of(resp) != want.toPython():
        problems.append(f"boolean {boolean_of(resp)}, expected {want}")
    return problems


@pytest.mark.parametrize("test", TESTS, ids=name_of)
def test_protocol(endpoint: str, test) -> None:
    refused = EXPECTATIONS["refused"].get(name_of(test))
    reqs = requests_of(test)
    if refused:
        resp = send(endpoint, reqs[0])
        assert resp.status_code == refused["status"], resp.text
        assert resp.json()["error"]["code"] == refused["code"]
        return
    for req in reqs:
        resp = send(endpoint, req)
        assert not check(req, resp), (check(req, resp), resp.text[:300])


def test_manifest_is_the_expected_suite() -> None:
    """34 tests, 7 of them updates, and every refused test exists in the manifest."""
    ids = {name_of(t) for t in TESTS}
    assert len(ids) == 34
    assert set(EXPECTATIONS["refused"]) <= ids
    assert len(EXPECTATIONS["refused"]) == 7
