"""A real `regionkg serve` on loopback: the safety list end to end, and the hard deadline."""

from __future__ import annotations

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server(articles_dir, real_server):
    with real_server(articles_dir, REGIONKG_QUERY_TIMEOUT="2", REGIONKG_QUERY_WORKERS="2") as base:
        yield base


@pytest.fixture()
def canary():
    """A loopback listener that counts every connection made to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    sock.settimeout(0.2)
    hits: list[int] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
                hits.append(1)
                conn.close()
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/", hits
    stop.set()
    thread.join(2)
    sock.close()


def test_nothing_reaches_the_canary(server, canary) -> None:
    url, hits = canary
    attempts = [
        ("GET", {"params": {"query": f"SELECT * WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}"}}, 400),
        ("GET", {"params": {"query": f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}"}}, 400),
        ("GET", {"params": {"query": f"SELECT * WHERE {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}"}}, 400),
        ("GET", {"params": {"query": f"SELECT * FROM <{url}g> WHERE {{ ?s ?p ?o }}"}}, 400),
        ("GET", {"params": {"query": "ASK {}", "default-graph-uri": f"{url}g"}}, 400),
        ("GET", {"params": {"query": "ASK {}", "named-graph-uri": f"{url}g"}}, 400),
        ("POST", {"content": f"LOAD <{url}data.ttl>", "headers": {"Content-Type": "application/sparql-update"}}, 403),
        ("POST", {"data": {"update": f"LOAD <{url}x> INTO GRAPH <{url}g>"}}, 403),
    ]
    for method, kwargs, status in attempts:
        resp = httpx.request(method, server + "/sparql", timeout=10, **kwargs)
        assert resp.status_code == status, resp.text
        assert resp.json()["error"]["code"] in ("forbidden_query", "read_only")
    # Oxigraph would run these (a comment ends at \r; LATERAL skips rdflib's parse if unguarded)
    for query in (f"SELECT * WHERE {{ ?s ?p ?o # c\rSERVICE SILENT <{url}> {{ ?a ?b ?c }} }}",
                  f"SELECT * WHERE {{ ?s ?p ?o LATERAL {{ SERVICE <{url}> {{ ?s ?x ?y }} }} }}"):
        resp = httpx.get(server + "/sparql", params={"query": query}, timeout=10)
        assert resp.status_code == 400, resp.text
    time.sleep(0.5)
    assert hits == []


def test_file_iris_are_never_read(server) -> None:
    resp = httpx.get(server + "/sparql", params={"query": "SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }"})
    assert resp.status_code == 400 and "root:" not in resp.text
    rows = httpx.get(server + "/sparql", params={"query": "SELECT * { GRAPH <file:///etc/passwd> { ?s ?p ?o } }"})
    assert rows.status_code == 200 and rows.json()["results"]["bindings"] == []


def test_deep_nesting_does_not_crash_the_server(server) -> None:
    deep = "SELECT * WHERE " + "{" * 5000 + "?s ?p ?o" + "}" * 5000
    resp = httpx.post(server + "/sparql", data={"query": deep}, timeout=10)
    assert resp.status_code == 400 and "nests" in resp.json()["error"]["message"]
    assert httpx.get(server + "/health").json()["status"] == "ok"


def test_runaway_query_is_killed_while_health_and_cheap_queries_answer(server) -> None:
    with ThreadPoolExecutor(1) as ex:
        started = time.monotonic()
        runaway = ex.submit(httpx.get, server + "/sparql", params={"query": RUNAWAY}, timeout=30)
        time.sleep(0.3)
        worst_health = 0.0
        while not runaway.done():
            t = time.monotonic()
            assert httpx.get(server + "/health", timeout=5).status_code == 200
            worst_health = max(worst_health, time.monotonic() - t)
            cheap = httpx.get(server + "/sparql", params={"query": "ASK { ?s a ?t }"}, timeout=5)
            assert cheap.status_code == 200 and cheap.json()["boolean"] is True
            time.sleep(0.1)
        resp = runaway.result()
        elapsed = time.monotonic() - started
    assert resp.status_code == 503 and resp.json()["error"]["code"] == "timeout"
    assert elapsed < 6
    assert worst_health < 0.5
    deadline = time.monotonic() + 20
    while httpx.get(server + "/health").json()["workers"]["workers"] < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    status = httpx.get(server + "/health").json()["workers"]
    assert status["killed"] >= 1 and status["workers"] == 2


def test_rest_routes_over_real_http(server) -> None:
    assert httpx.get(server + "/api/entities", params={"q": "上饒"}).json()["results"][0]["id"] == "Region/上饶市"
    assert httpx.get(server + "/api/entities/Region/上饶市").json()["divisionCode"] == "361100"
    assert httpx.get(server + "/docs").status_code == 200


def test_several_server_processes_share_out_the_query_workers(articles_dir, real_server) -> None:
    with real_server(articles_dir, "--workers", "2", REGIONKG_QUERY_WORKERS="2") as base:
        cards = [httpx.get(base + "/api/entities/Region/上饶市", timeout=10) for _ in range(6)]
        assert all(c.status_code == 200 and c.json()["labels"]["zh-Hans"] == "上饶市" for c in cards)
        assert httpx.get(base + "/health").json()["workers"]["size"] == 1  # 2 query workers over 2 processes
        rows = httpx.get(base + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"})
        assert len(rows.json()["results"]["bindings"]) == 3
