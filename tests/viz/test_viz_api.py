"""The views served by a real `regionkg serve` on 127.0.0.1, loaded in headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest

from regionkg.graph import analytics
from regionkg.graph.iris import entity_id
from tests.api.conftest import serve


@pytest.fixture(scope="module")
def base_url(articles_settings) -> Iterator[str]:
    with serve(articles_settings.data_dir) as base:
        yield base


def test_pages_carry_csp_and_nosniff(base_url: str) -> None:
    r = httpx.get(base_url + "/viz")
    assert r.status_code == 200 and r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.headers["x-content-type-options"] == "nosniff"
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "script-src 'sha256-" in csp


def test_policy_page_by_name(base_url: str, articles_store) -> None:
    overview = analytics.overview(articles_store)
    policy = next(d["label"] for _, d in overview.nodes(data=True) if d["type"] == "Policy")
    page = httpx.get(base_url + "/viz/policies/" + quote(policy))
    assert page.status_code == 200 and "政策视图" in page.text


def test_unknown_entities_and_bad_caps_are_client_errors(base_url: str) -> None:
    assert httpx.get(base_url + "/viz/entities/" + quote("Region/没有这个地方")).status_code == 404
    assert httpx.get(base_url + "/viz/entities/Nothing/x").status_code == 404
    assert httpx.get(base_url + "/viz/policies/" + quote("没有这个政策")).status_code == 404
    assert httpx.get(base_url + "/viz", params={"max_nodes": 0}).status_code in (400, 422)


def test_served_overview_matches_the_store(base_url: str, articles_store, load_view) -> None:
    view = analytics.overview(articles_store)
    loaded = load_view(base_url + "/viz")
    assert loaded.counts() == (view.number_of_nodes(), view.number_of_edges())
    assert loaded.external() == [] and loaded.violations == []
    loaded.screenshot("served-overview")


def test_clicks_open_the_card_and_double_click_recentres(base_url: str, articles_store, load_view) -> None:
    overview = analytics.overview(articles_store)
    hub = max(overview.nodes, key=lambda n: (overview.nodes[n]["degree"], n))
    view = analytics.neighbourhood(articles_store, hub, depth=1)
    loaded = load_view(base_url + "/viz/entities/" + quote(entity_id(hub)) + "?depth=1")
    assert loaded.counts() == (view.number_of_nodes(), view.number_of_edges())
    page = loaded.page
    # The neighbour drawn farthest from the centre (n0): no other label lies over it.
    x, y = page.evaluate("""() => { const n = window.__vizNetwork; const pos = n.getPositions();
        const dist = id => Math.hypot(pos[id].x - pos.n0.x, pos[id].y - pos.n0.y);
        const far = Object.keys(pos).reduce((a, b) => dist(a) >= dist(b) ? a : b);
        const box = n.body.container.getBoundingClientRect(); const d = n.canvasToDOM(pos[far]);
        return [d.x + box.left, d.y + box.top]; }""")
    page.mouse.click(x, y)
    card_link = page.locator("#card a").first.get_attribute("href")
    assert card_link.startswith("/id/")
    card = httpx.get(base_url + card_link, headers={"Accept": "text/html"})
    assert card.status_code == 200 and card.headers["content-type"].startswith("text/html")
    with page.expect_navigation():
        page.mouse.dblclick(x, y)
    page.wait_for_function("document.body.dataset.ready === 'true'")
    assert "/viz/entities/" in page.url and quote(entity_id(hub)) not in page.url and "depth=1" in page.url
    assert loaded.external() == [] and loaded.violations == []
    loaded.screenshot("served-recentred")
