"""Projections of the store: caps, ranking, aggregates, policy view, overview, name lookup."""

from __future__ import annotations

import pytest

from regionkg.errors import NotFoundError
from regionkg.graph import analytics
from regionkg.graph.iris import entity_iri
from regionkg.graph.model import PREDICATES
from regionkg.ontology import SPARQL_PREFIXES

HUB = entity_iri("Enterprise", "枢纽集团")


def neighbours(store, iri: str) -> set[str]:
    """Distinct entities linked to ``iri`` by a relation, counted independently of analytics."""
    preds = " ".join(f"rkg:{p}" for p in PREDICATES)
    rows = store.query(SPARQL_PREFIXES + f"""SELECT DISTINCT ?x {{ VALUES ?p {{ {preds} }}
        {{ <{iri}> ?p ?x }} UNION {{ ?x ?p <{iri}> }} }}""")
    return {r["x"].value for r in rows}


def test_cap_keeps_direct_neighbours_first_and_counts_the_rest(hub_store) -> None:
    view = analytics.neighbourhood(hub_store, HUB, depth=2, max_nodes=40)
    assert view.number_of_nodes() <= 40
    direct = neighbours(hub_store, HUB)
    shown = {n for n, d in view.nodes(data=True) if d.get("level") == 1 and not d.get("more")}
    assert shown < direct  # the cap cut some direct neighbours...
    assert all(d["level"] < 2 for _, d in view.nodes(data=True) if not d.get("more"))  # ...no 2nd level
    more = sum(d["more"] for _, d in view.nodes(data=True) if d.get("more") and d["parent"] == HUB)
    assert len(shown) + more == len(direct)  # the "+M more" nodes account for every cut one


def test_cut_neighbours_are_the_least_linked(hub_store) -> None:
    view = analytics.neighbourhood(hub_store, HUB, depth=1, max_nodes=40)
    shown = {n for n, d in view.nodes(data=True) if d.get("level") == 1 and not d.get("more")}
    degree = {n: len(neighbours(hub_store, n)) for n in neighbours(hub_store, HUB)}
    cut = set(degree) - shown
    assert cut and min(degree[n] for n in shown) >= max(degree[n] for n in cut)


def test_small_neighbourhood_is_complete(hub_store) -> None:
    firm = entity_iri("Enterprise", "企业003")
    view = analytics.neighbourhood(hub_store, firm, depth=1, max_nodes=300)
    assert set(view.nodes) == neighbours(hub_store, firm) | {firm}
    assert view.nodes[firm]["label"] == "企业003" and view.nodes[firm]["type"] == "Enterprise"
    assert view.nodes[firm]["docs"] == ["hub.txt"]
    assert not any(d.get("more") for _, d in view.nodes(data=True))


def test_depth_two_reaches_parks_of_partners(hub_store) -> None:
    firm = entity_iri("Enterprise", "企业003")
    view = analytics.neighbourhood(hub_store, firm, depth=2, max_nodes=300)
    assert view.nodes[entity_iri("Park", "园区4")]["level"] == 2  # 企业003 partnerOf 企业004 in 园区4


def test_policy_view_shows_issuer_targets_supports_basis(hub_store) -> None:
    policy = entity_iri("Policy", "政策甲")
    view = analytics.policy_view(hub_store, policy)
    assert {d["predicate"] for _, _, d in view.edges(data=True)} == {"issuedBy", "targets", "supports", "basedOn"}
    assert {d["type"] for _, d in view.nodes(data=True)} == {"Policy", "GovernmentAgency", "Region", "Industry"}
    with pytest.raises(NotFoundError):
        analytics.policy_view(hub_store, HUB)


def test_overview_whole_graph_when_small_top_entities_when_large(hub_store) -> None:
    everything = analytics.overview(hub_store, max_nodes=1000)
    linked = {r["x"].value for r in hub_store.query(SPARQL_PREFIXES + "SELECT DISTINCT ?x { VALUES ?p { "
              + " ".join(f"rkg:{p}" for p in PREDICATES) + " } { ?x ?p ?o } UNION { ?o ?p ?x } }")}
    assert set(everything.nodes) == linked and everything.graph["colour_by"] == "type"
    top = analytics.overview(hub_store, max_nodes=20)
    assert top.number_of_nodes() == 20 and top.graph["colour_by"] == "community"
    assert HUB in top  # the best-linked entity is always in
    assert all(isinstance(d["community"], int) for _, d in top.nodes(data=True))


def test_find_entity_by_label_or_id(hub_store) -> None:
    assert analytics.find_entity(hub_store, "枢纽集团") == HUB
    assert analytics.find_entity(hub_store, "Enterprise/枢纽集团") == HUB
    with pytest.raises(NotFoundError):
        analytics.find_entity(hub_store, "没有这个")
    with pytest.raises(NotFoundError):
        analytics.find_entity(hub_store, "枢纽集团", "Policy")
