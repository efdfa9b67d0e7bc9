"""The RDF built from a fixture Extraction: labels, regions, evidence, observations."""

from __future__ import annotations

from pyoxigraph import Store as OxStore

from graph_fixtures import extraction
from regionkg.graph.iris import entity_iri
from regionkg.graph.model import Span
from regionkg.graph.rdf import build, decimal, period_bounds, sentence_around
from regionkg.ontology import SPARQL_PREFIXES


def _store(*exs) -> OxStore:
    ox = OxStore()
    for ex in exs:
        ox.extend(build(ex, ingested_at="2026-01-01T00:00:00Z").quads)
    return ox


def _select(ox: OxStore, query: str) -> list[tuple[str, ...]]:
    rows = ox.query(SPARQL_PREFIXES + query, use_default_graph_as_union=True)
    return sorted(tuple(t.value if t else "" for t in row) for row in rows)


def test_every_entity_has_simplified_and_traditional_labels() -> None:
    ox = _store(extraction())
    missing = _select(ox, """
        SELECT ?e WHERE {
          { ?e rkg:mentionedIn ?d .
            FILTER NOT EXISTS { ?e skos:prefLabel ?h FILTER(langMatches(lang(?h), "zh-Hans")) } }
          UNION
          { ?e rkg:mentionedIn ?d .
            FILTER NOT EXISTS { ?e skos:prefLabel ?t FILTER(langMatches(lang(?t), "zh-Hant")) } } }""")
    assert missing == []
    hant = _select(ox, f"""SELECT ?l WHERE {{ <{entity_iri("Region", "上饶市")}> skos:prefLabel ?l
                                             FILTER(langMatches(lang(?l), "zh-Hant")) }}""")
    assert hant == [("上饒市",)]


def test_region_hierarchy_comes_from_the_code_list() -> None:
    ox = _store(extraction())
    rows = _select(ox, f"""SELECT ?code ?pcode WHERE {{
        <{entity_iri("Region", "上饶市")}> a rkg:City ; rkg:divisionCode ?code ; rkg:partOf ?p .
        ?p a rkg:Province ; rkg:divisionCode ?pcode }}""")
    assert rows == [("361100", "360000")]
    # the fixture names 江西省 as the parent of 赣江新区 (not in GB/T 2260)
    assert ox.query(SPARQL_PREFIXES + f"""ASK {{ <{entity_iri("Region", "赣江新区")}> a rkg:NationalNewArea ;
                      rkg:partOf <{entity_iri("Region", "江西省")}> }}""", use_default_graph_as_union=True)


def test_evidence_selectors_point_at_the_original_text() -> None:
    ex = extraction()
    ox = _store(ex)
    rows = _select(ox, """SELECT DISTINCT ?t ?start ?end ?exact WHERE {
        { ?x rkg:evidence ?t } UNION { ?x oa:hasTarget ?t }
        ?t oa:hasSelector ?p , ?q . ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact }""")
    spans = sum(len(e.mentions) for e in ex.entities) + len(ex.relations) + len(ex.indicators)
    assert len(rows) == spans > 10
    for _, start, end, exact in rows:
        assert ex.doc.original[int(start):int(end)] == exact


def test_holds_role_is_a_direct_triple_and_an_org_membership() -> None:
    ox = _store(extraction())
    rows = _select(ox, f"""SELECT ?title ?role WHERE {{
        <{entity_iri("Person", "王娟")}> rkg:holdsRole ?o .
        ?m a org:Membership ; org:member <{entity_iri("Person", "王娟")}> ; org:organization ?o ;
           org:role ?r ; rkg:roleTitle ?title . ?r skos:prefLabel ?role FILTER(lang(?role) = "zh-hans") }}""")
    assert rows == [("执行院长", "执行院长")]


def test_indicator_is_an_observation_with_normalised_decimal() -> None:
    ox = _store(extraction())
    rows = _select(ox, """SELECT ?v ?u ?sv ?su ?start ?end WHERE {
        ?o a qb:Observation ; rkg:value ?v ; rkg:unit ?u ; rkg:statedValue ?sv ; rkg:statedUnit ?su ;
           rkg:periodStart ?start ; rkg:periodEnd ?end }""")
    assert rows == [("118800000000", "CNY", "1188", "亿元", "2024-01-01", "2024-12-31")]


def test_same_extraction_gives_same_quads_and_two_documents_stay_apart() -> None:
    a1, a2 = build(extraction(), ingested_at="t"), build(extraction(), ingested_at="t")
    assert [str(q) for q in a1.quads] == [str(q) for q in a2.quads]
    b = build(extraction("other.txt"), ingested_at="t")
    assert {q.graph_name for q in b.quads}.isdisjoint({q.graph_name for q in a1.quads})


def test_unknown_relation_ends_are_reported_not_invented() -> None:
    ex = extraction()
    ex.relations[0].o = "不存在的地方"
    built = build(ex)
    assert built.relations == len(ex.relations) - 1
    assert any("不存在的地方" in w for w in built.warnings)


def test_helpers() -> None:
    assert decimal(1.188e11).value == "118800000000"
    assert decimal(0.035).value == "0.035"
    assert decimal(1219.36 * 1e8).value == "121936000000"
    assert decimal(12).value == "12"
    assert period_bounds("2024-H1") == ("2024-01-01", "2024-06-30")
    assert period_bounds("2024-Q1..Q3") == ("2024-01-01", "2024-09-30")
    assert period_bounds("2016..2024") == ("2016-01-01", "2024-12-31")
    assert period_bounds("2024-02") == ("2024-02-01", "2024-02-29")
    assert period_bounds("前三季度") is None
    text = "第一句。第二句有证据，还有后文！第三句"
    assert sentence_around(text, Span(7, 9, "证据")) == "第二句有证据，还有后文！"
