"""Views in headless Chromium: counts match the store, nothing leaves the machine, nothing runs.

Screenshots land in test-output/viz/ for a person to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from regionkg.graph import analytics
from regionkg.graph.model import PREDICATES
from regionkg.ontology import SPARQL_PREFIXES
from regionkg.viz.render import write_html

from tests.viz.conftest import XSS_IMG, XSS_SCRIPT

RELATIONS = "VALUES ?p { " + " ".join(f"rkg:{p}" for p in PREDICATES) + " }"


def relation_triples(store) -> set[tuple[str, str, str]]:
    """Every distinct entity-to-entity relation in the store (independent of analytics)."""
    rows = store.query(SPARQL_PREFIXES + f"SELECT DISTINCT ?s ?p ?o {{ {RELATIONS} ?s ?p ?o }}")
    return {(r["s"].value, r["p"].value, r["o"].value) for r in rows}


def page_of(view, tmp_path: Path, name: str) -> str:
    path = tmp_path / f"{name}.html"
    write_html(view, path)
    return path.as_uri()


def assert_clean(loaded: Any) -> None:
    assert loaded.external() == []
    assert loaded.violations == []
    assert loaded.page.evaluate("[typeof window.__x, typeof window.__y]") == ["undefined", "undefined"]


def test_overview_of_the_articles_shows_the_whole_graph(articles_store, load_view, tmp_path) -> None:
    view = analytics.overview(articles_store)
    triples = relation_triples(articles_store)
    entities = {s for s, _, _ in triples} | {o for _, _, o in triples}
    assert view.graph["colour_by"] == "type" and set(view.nodes) == entities
    loaded = load_view(page_of(view, tmp_path, "overview"))
    assert loaded.counts() == (len(entities), len(triples))
    assert_clean(loaded)
    loaded.screenshot("articles-overview")


def test_neighbourhood_of_the_best_linked_entity(articles_store, load_view, tmp_path) -> None:
    overview = analytics.overview(articles_store)
    hub = max(overview.nodes, key=lambda n: (overview.nodes[n]["degree"], n))
    view = analytics.neighbourhood(articles_store, hub, depth=1)
    triples = relation_triples(articles_store)
    expected_nodes = {hub} | {o for s, _, o in triples if s == hub} | {s for s, _, o in triples if o == hub}
    expected_edges = {t for t in triples if t[0] in expected_nodes and t[2] in expected_nodes}
    loaded = load_view(page_of(view, tmp_path, "neighbourhood"))
    assert loaded.counts() == (len(expected_nodes), len(expected_edges))
    assert_clean(loaded)
    loaded.screenshot("articles-neighbourhood-depth1")
    deep = load_view(page_of(analytics.neighbourhood(articles_store, hub, depth=2), tmp_path, "deep"))
    assert deep.counts()[0] > len(expected_nodes)
    deep.screenshot("articles-neighbourhood-depth2")


def test_policy_view_of_an_article_policy(articles_store, load_view, tmp_path) -> None:
    rows = articles_store.query(SPARQL_PREFIXES + "SELECT ?p (COUNT(*) AS ?n) { ?p rkg:issuedBy|rkg:targets|"
                                "rkg:supports|rkg:basedOn ?x } GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT 1")
    policy, links = [(r["p"].value, int(r["n"].value)) for r in rows][0]
    view = analytics.policy_view(articles_store, policy)
    loaded = load_view(page_of(view, tmp_path, "policy"))
    assert loaded.counts() == (view.number_of_nodes(), view.number_of_edges())
    assert view.number_of_edges() == links
    assert_clean(loaded)
    loaded.screenshot("articles-policy")


def _hover_and_click_everything(loaded: Any) -> None:
    """Show every node's tooltip and card: the paths where article text meets the DOM."""
    points = loaded.page.evaluate("""() => { const n = window.__vizNetwork;
        const box = n.body.container.getBoundingClientRect();
        return Object.values(n.getPositions()).map(p => { const d = n.canvasToDOM(p);
            return [d.x + box.left, d.y + box.top]; }); }""")
    for x, y in points:
        loaded.page.mouse.move(x, y)
        loaded.page.wait_for_timeout(200)
        loaded.page.mouse.click(x, y)


@pytest.mark.parametrize("bypass_csp", [True, False], ids=["escaping-alone", "with-csp"])
def test_hostile_labels_never_run(hostile_store, load_view, tmp_path, bypass_csp: bool) -> None:
    centre = analytics.find_entity(hostile_store, XSS_IMG)
    view = analytics.neighbourhood(hostile_store, centre, depth=2)
    loaded = load_view(page_of(view, tmp_path, "hostile"), bypass_csp=bypass_csp)
    assert loaded.counts() == (view.number_of_nodes(), view.number_of_edges())
    _hover_and_click_everything(loaded)
    assert_clean(loaded)
    assert not any(u.endswith("/x") for u in loaded.requests)  # the <img src=x> was never parsed
    assert XSS_IMG in loaded.page.locator("h1").inner_text()  # shown as text, whole
    centre_xy = loaded.page.evaluate("""() => { const n = window.__vizNetwork;
        const box = n.body.container.getBoundingClientRect(); const d = n.canvasToDOM(n.getPositions(['n0']).n0);
        return [d.x + box.left, d.y + box.top]; }""")
    loaded.page.mouse.click(*centre_xy)
    card = loaded.page.locator("#card").inner_text()
    assert XSS_IMG in card and f"营业收入{XSS_SCRIPT}" in card  # name and indicator, as text
    assert_clean(loaded)
    loaded.screenshot(f"hostile-{'no-csp' if bypass_csp else 'csp'}")
