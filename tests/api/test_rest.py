"""/api, /id, pages and docs in-process, on the bundled articles ingested for real."""

from __future__ import annotations

import pytest
from pyoxigraph import RdfFormat, parse


def test_search_traditional_input_finds_the_simplified_entity(client) -> None:
    hits = client.get("/api/entities", params={"q": "上饒"}).json()["results"]
    assert hits[0]["id"] == "Region/上饶市"
    ranks = [("exact", "prefix", "contains").index(h["match"]) for h in hits]
    assert ranks == sorted(ranks)
    only = client.get("/api/entities", params={"q": "上饶", "type": "Enterprise"}).json()["results"]
    assert only and all(h["type"] == "Enterprise" for h in only)
    assert client.get("/api/entities", params={"q": "上饶", "type": "Planet"}).status_code == 400
    assert client.get("/api/entities").json()["error"]["code"] == "bad_request"


def test_entity_card_has_labels_relations_and_evidence(client) -> None:
    card = client.get("/api/entities/Region/上饶市").json()
    assert card["labels"] == {"zh-Hans": "上饶市", "zh-Hant": "上饒市"}
    assert card["divisionCode"] == "361100" and "City" in card["types"]
    part_of = [r for r in card["outgoing"] if r["predicate"] == "partOf"]
    assert part_of[0]["other"]["label"] == "江西省"
    assert card["incoming"] and all(r["other"]["label"] for r in card["incoming"])
    spans = [s for r in card["outgoing"] + card["incoming"] for s in r["evidence"]]
    assert spans and all(s["end"] > s["start"] and s["document"]["id"].endswith(".txt") for s in spans)
    assert client.get("/api/entities/Region/不存在市").status_code == 404


@pytest.fixture
def card_cache_as(client):
    """``card_cache_as(cache)`` serves the test's cards through ``cache`` (None: no cache)."""
    kept = client.app.state.card_cache
    yield lambda cache: setattr(client.app.state, "card_cache", cache)
    client.app.state.card_cache = kept


def test_card_lists_are_bounded_and_say_so(client, monkeypatch, card_cache_as) -> None:
    from regionkg.api import cards
    full = client.get("/api/entities/Region/上饶市").json()
    assert not full["truncated"] and full["documents"] and len(full["incoming"]) > 1
    monkeypatch.setattr(cards, "CARD_LIMIT", 1)
    card_cache_as(None)
    small = client.get("/api/entities/Region/上饶市").json()
    assert small["truncated"]
    assert len(small["documents"]) == 1 and len(small["incoming"]) == 1 and len(small["outgoing"]) == 1
    assert small["documents"][0] in full["documents"] and small["incoming"][0] in full["incoming"]


def test_costly_cards_are_kept_for_the_snapshot_only(client, settings, monkeypatch, card_cache_as) -> None:
    from regionkg.api import card_cache
    from regionkg.graph.store import open_store
    cache = card_cache.CardCache(size=2)
    card_cache_as(cache)
    monkeypatch.setattr(card_cache, "COSTLY_S", 0.0)  # every card counts as costly
    first = client.get("/api/entities/Region/上饶市").json()
    assert len(cache) == 1 and client.get("/api/entities/Region/上饶市").json() == first
    third = next(r["other"]["id"] for r in first["incoming"] if r["other"]["id"] != "Region/江西省")
    for ident in ("Region/江西省", "Region/上饶市", third):
        assert client.get(f"/api/entities/{ident}").status_code == 200
    assert len(cache) == 2 and cache.get("Region/江西省") is None  # least recently used left
    monkeypatch.setattr(card_cache, "COSTLY_S", 3600.0)
    client.get("/api/entities/Region/江西省")
    assert cache.get("Region/江西省") is None  # a cheap card is not kept
    writable = open_store(settings.with_(data_dir=settings.data_dir.parent / "cache-writable"))
    try:
        assert card_cache.for_store(writable) is None and card_cache.for_store(client.app.state.store) is not None
    finally:
        writable.close()


def test_evidence_spans_index_the_original_article(client) -> None:
    from pathlib import Path
    from regionkg.graph.text import normalize
    card = client.get("/api/entities/Region/上饶市").json()
    span = next(s for r in card["outgoing"] for s in r["evidence"])
    path = Path(__file__).resolve().parents[2] / "data" / "articles" / span["document"]["id"]
    original = normalize(path.read_bytes(), str(path)).original
    assert original[span["start"]:span["end"]] == span["text"]


def test_indicators_on_cards(client) -> None:
    subjects = {r["subject"] for doc in ("000_de803dfcae37c84f.txt", "002_f068a4fc0f954f2f.txt")
                for r in client.get(f"/api/documents/{doc}").json()["indicators"]}
    card = client.get(f"/api/entities/{sorted(subjects)[0]}").json()
    assert card["indicators"] and all("value" in i and i["evidence"] for i in card["indicators"])


def test_relations_filter_by_direction_and_predicate(client) -> None:
    out = client.get("/api/entities/Region/上饶市/relations", params={"direction": "out", "predicate": "partOf"}).json()
    assert [r["other"]["id"] for r in out["relations"]] == ["Region/江西省"]
    inc = client.get("/api/entities/Region/上饶市/relations", params={"direction": "in"}).json()["relations"]
    assert inc and all(r["direction"] == "in" for r in inc)
    assert client.get("/api/entities/Region/上饶市/relations", params={"predicate": "eats"}).status_code == 400


def test_paths(client) -> None:
    found = client.get("/api/paths", params={"from": "Region/上饶市", "to": "Region/江西省"}).json()
    assert found["length"] == 1 and found["paths"][0][0]["p"] == "partOf"
    card = client.get("/api/entities/Region/上饶市").json()
    two_away = next(r["other"]["id"] for r in card["incoming"] if r["other"]["id"])
    longer = client.get("/api/paths", params={"from": two_away, "to": "Region/江西省", "max": 3}).json()
    assert longer["length"] == 2
    assert client.get("/api/paths", params={"from": "Region/上饶市", "to": "Region/无此地"}).status_code == 404


def test_document_and_stats(client) -> None:
    doc = client.get("/api/documents/002_f068a4fc0f954f2f.txt").json()
    assert doc["sha256"] and doc["entities"] and doc["relations"]
    assert client.get("/api/documents/nope.txt").status_code == 404
    stats = client.get("/api/stats").json()
    assert stats["documents"] == 2 and stats["triples"] > 1000 and stats["entitiesByType"]["Region"] >= 1


@pytest.mark.parametrize("accept,fmt", [("text/turtle", RdfFormat.TURTLE), ("application/ld+json", RdfFormat.JSON_LD)])
def test_entity_iris_dereference_as_rdf(client, accept: str, fmt: RdfFormat) -> None:
    resp = client.get("/id/Region/上饶市", headers={"Accept": accept})
    assert resp.status_code == 200 and resp.headers["vary"] == "Accept"
    assert any(t.object.value == "上饶市" for t in parse(resp.content, format=fmt))


def test_entity_iris_dereference_as_escaped_html(client) -> None:
    page = client.get("/id/Region/上饶市", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.headers["content-type"].startswith("text/html") and "<h1>上饶市</h1>" in page.text
    assert "<script" not in page.text
    assert client.get("/id/Region/上饶市", headers={"Accept": "image/png"}).status_code == 406


def test_pages_and_docs_use_local_assets_only(client) -> None:
    for path in ("/", "/query", "/docs"):
        page = client.get(path)
        assert page.status_code == 200
        assert "cdn" not in page.text.lower() and "https://" not in page.text.split("<body")[0]
    assert "国务院" in client.get("/query").text
    assert client.get("/static/yasgui/yasgui.min.js").status_code == 200
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
    spec = client.get("/openapi.json").json()
    for route in ("/sparql", "/api/entities", "/api/entities/{entity_id}", "/api/paths", "/api/stats",
                  "/api/documents/{doc_id}", "/health"):
        assert route in spec["paths"], route


def test_health(client) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["workers"]["workers"] == 2
