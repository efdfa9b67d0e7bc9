"""``RemoteStore`` against a real Oxigraph server (PyPI ``oxigraph``) on 127.0.0.1."""

from __future__ import annotations

import io
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graph_fixtures import extraction
from regionkg.errors import QueryError
from regionkg.graph.ingest import ingest
from regionkg.graph.iris import ONTOLOGY_GRAPH
from regionkg.graph.rdf import build
from regionkg.graph.remote import RemoteStore, endpoints
from regionkg.graph.store import open_store
from regionkg.settings import Settings

SERVER = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
ARTICLES = Path(__file__).resolve().parents[2] / "data" / "articles"
pytestmark = pytest.mark.skipif(not Path(SERVER).exists(), reason="the oxigraph server (test extra) is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen([SERVER, "serve", "--location", str(tmp_path / "ox"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(url + "/query", params={"query": "ASK {}"}, timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


def test_endpoint_urls() -> None:
    assert endpoints("http://h:7878") == ("http://h:7878/query", "http://h:7878/update")
    assert endpoints("http://h/ds/query") == ("http://h/ds/query", "http://h/ds/update")
    assert endpoints("http://h/sparql/") == ("http://h/sparql", "http://h/sparql")


def test_remote_store_behaves_like_the_embedded_one(server: str, settings: Settings) -> None:
    remote = open_store(settings.with_(store_url=server))
    assert isinstance(remote, RemoteStore)
    local = open_store(settings)
    for store in (remote, local):
        assert [r.status for r in ingest(store, [ARTICLES])] == ["added", "added"]
        assert [r.status for r in ingest(store, [ARTICLES])] == ["unchanged", "unchanged"]
    assert remote.graphs() == local.graphs()
    # everything but the ingest times, which differ by a second or so
    query = """SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(?p != <http://www.w3.org/ns/prov#endedAtTime>) }
               ORDER BY ?s ?p ?o"""
    assert [tuple(map(str, r)) for r in remote.query(query)] == [tuple(map(str, r)) for r in local.query(query)]
    in_docs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a ?c } } ORDER BY ?g"
    assert [r["g"].value for r in remote.query(in_docs)] == [r["g"].value for r in local.query(in_docs)]
    assert bool(remote.query("ASK { ?s <https://w3id.org/regionkg/ontology#divisionCode> \"361100\" }"))
    dumps = []
    for store in (remote, local):
        buf = io.BytesIO()
        store.dump(buf, "application/n-quads")
        dumps.append(sorted(line for line in buf.getvalue().splitlines() if b"endedAtTime" not in line))
    assert len(dumps[0]) > 1000 and dumps[0] == dumps[1]
    with pytest.raises(QueryError):
        remote.query("SELECT ?x WHERE {")
    doc = next(g for g in remote.graphs() if g != ONTOLOGY_GRAPH)
    assert remote.drop_graph(doc) and not remote.drop_graph(doc)
    assert doc not in remote.graphs()
    remote.close()
    local.close()


def test_remote_replace_is_one_transaction(server: str) -> None:
    store = RemoteStore(server)
    built = build(extraction(), ingested_at="t")
    assert store.replace_graph(built.graph, built.quads) is True
    assert store.replace_graph(built.graph, built.quads) is False
    before = store.graph_lines(built.graph)
    with pytest.raises(QueryError):
        store._update(f"DROP SILENT GRAPH <{built.graph}> ; INSERT DATA {{ GRAPH <{built.graph}> {{ <urn:a> <urn:b> ?x }} }}")
    assert store.graph_lines(built.graph) == before
    store.close()


def test_remote_match_and_cards_equal_the_embedded_ones(server: str, settings: Settings) -> None:
    from fastapi.testclient import TestClient

    from regionkg.api.app import create_app
    from regionkg.graph.iris import iri_from_id

    remote = open_store(settings.with_(store_url=server))
    local = open_store(settings)
    for store in (remote, local):
        ingest(store, [ARTICLES])
    city = iri_from_id("Region/上饶市")
    patterns = [(city, None, None), (None, None, city), (None, "https://w3id.org/regionkg/ontology#partOf", city),
                (city, "urn:nothing", None)]
    for limit in (1, 1000):
        got = [[str(m.subject), str(m.predicate), str(m.object)] for ms in remote.match(patterns, limit) for m in ms]
        want = [[str(m.subject), str(m.predicate), str(m.object)] for ms in local.match(patterns, limit) for m in ms]
        assert len(got) == len(want) and (limit == 1 or sorted(got) == sorted(want))
    ids = ["Region/上饶市", "Region/江西省"]
    with TestClient(create_app(settings.with_(store_url=server), remote)) as r, \
            TestClient(create_app(settings, local)) as e:
        for ident in ids:
            a, b = r.get(f"/api/entities/{ident}").json(), e.get(f"/api/entities/{ident}").json()
            assert (a["outgoing"] or a["incoming"]) and _unordered(a) == _unordered(b)
        assert r.get("/api/entities/Region/无此地").status_code == 404
    remote.close()
    local.close()


def _unordered(card: dict) -> str:
    """A card with its lists sorted: stores may list matches in different orders."""
    import json

    def norm(x: object) -> object:
        if isinstance(x, dict):
            return {k: norm(v) for k, v in x.items()}
        if isinstance(x, list):
            return sorted((norm(v) for v in x), key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        return x
    return json.dumps(norm(card), sort_keys=True, ensure_ascii=False)
