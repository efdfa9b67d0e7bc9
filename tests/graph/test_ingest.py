"""End to end on the bundled articles: real normalisation and extraction into the store."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from graph_fixtures import ARTICLES, digest
from regionkg.errors import NotFoundError
from regionkg.graph.ingest import ingest, remove
from regionkg.graph.iris import ONTOLOGY_GRAPH, doc_iri, entity_iri
from regionkg.graph.store import OxigraphStore
from regionkg.graph.validate import store_graph, validate_graph, validate_store
from regionkg.ontology import RKG, SPARQL_PREFIXES

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_query(name: str) -> str:
    """The SPARQL block after ``<!-- sparql NAME -->`` in the README (docs cannot drift)."""
    match = re.search(rf"<!-- sparql {name} -->\s*```sparql\n(.+?)\n```", README, re.S)
    assert match, f"README has no sparql block {name}"
    return SPARQL_PREFIXES + match.group(1)


def rows(store: OxigraphStore, query: str) -> list[dict[str, str]]:
    result = store.query(query)
    return [{v.value: (row[v].value if row[v] else "") for v in result.variables} for row in result]


@pytest.fixture
def filled(store: OxigraphStore) -> OxigraphStore:
    results = ingest(store, [ARTICLES])
    assert [r.status for r in results] == ["added", "added"], [r.errors for r in results]
    return store


def test_reingest_is_idempotent(filled: OxigraphStore) -> None:
    before = digest(filled)
    again = ingest(filled, [ARTICLES])
    assert [r.status for r in again] == ["unchanged", "unchanged"]
    assert digest(filled) == before


def test_changed_file_replaces_its_graph_and_bad_files_fail_alone(store: OxigraphStore, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    article = folder / "000_de803dfcae37c84f.txt"
    shutil.copy(ARTICLES / article.name, article)
    ingest(store, [folder])
    graph = doc_iri(str(article))
    first = store.graph_lines(graph)
    article.write_text("江西省上饶市发布消息。", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    results = {Path(r.path).name: r for r in ingest(store, [folder])}
    assert results["000_de803dfcae37c84f.txt"].status == "replaced"
    assert results["empty.txt"].status == "failed" and "empty.txt" in results["empty.txt"].errors[0]
    assert doc_iri("empty.txt") not in store.graphs()
    second = store.graph_lines(graph)
    assert len(second) < len(first) / 5
    assert not any("赣江新区" in line for line in second)


def test_remove_drops_only_what_that_document_supported(filled: OxigraphStore) -> None:
    doc_000, doc_002 = (doc_iri(p.name) for p in sorted(ARTICLES.glob("*.txt")))
    ganjiang = entity_iri("Region", "赣江新区")
    jiangxi = entity_iri("Region", "江西省")
    ask = "SELECT (COUNT(*) AS ?n) WHERE {{ <{}> ?p ?o }}"
    assert int(rows(filled, ask.format(ganjiang))[0]["n"]) > 0
    assert remove(filled, "000_de803dfcae37c84f.txt") == doc_000
    assert int(rows(filled, ask.format(ganjiang))[0]["n"]) == 0  # only 000 named it
    assert int(rows(filled, ask.format(jiangxi))[0]["n"]) > 0  # 002 names it too
    assert filled.graphs() == sorted([ONTOLOGY_GRAPH, doc_002])
    with pytest.raises(NotFoundError):
        remove(filled, "000_de803dfcae37c84f.txt")


def test_built_graph_passes_shacl_and_a_broken_one_fails(filled: OxigraphStore) -> None:
    conforms, violations = validate_store(filled)
    assert conforms, violations[:5]
    broken = store_graph(filled)
    city = URIRef(entity_iri("Region", "上饶市"))
    for label in list(broken.objects(city, SKOS.prefLabel)):
        broken.remove((city, SKOS.prefLabel, label))
    broken.add((URIRef(entity_iri("Person", "王娟")), URIRef(RKG + "holdsRole"), Literal("x")))
    conforms, violations = validate_graph(broken)
    assert not conforms
    focus = {v.focus for v in violations}
    assert str(city) in focus and entity_iri("Person", "王娟") in focus


def test_labels_in_both_scripts(filled: OxigraphStore) -> None:
    found = rows(filled, SPARQL_PREFIXES + f"""SELECT ?l WHERE {{
        <{entity_iri("Region", "上饶市")}> skos:prefLabel ?l }}""")
    assert {"上饶市", "上饒市"} <= {r["l"] for r in found}
    missing = rows(filled, SPARQL_PREFIXES + """SELECT DISTINCT ?e WHERE { ?e rkg:mentionedIn ?d .
        FILTER NOT EXISTS { ?e skos:prefLabel ?t FILTER(langMatches(lang(?t), "zh-Hant")) } }""")
    assert missing == []


def test_every_evidence_span_is_exact(filled: OxigraphStore) -> None:
    texts = {doc_iri(p.name): p.read_bytes() for p in ARTICLES.glob("*.txt")}
    from regionkg.graph.text import normalize

    originals = {g: normalize(b, g).original for g, b in texts.items()}
    spans = rows(filled, SPARQL_PREFIXES + """SELECT DISTINCT ?doc ?start ?end ?exact WHERE {
        ?t oa:hasSource ?doc ; oa:hasSelector ?p , ?q . ?p oa:start ?start ; oa:end ?end .
        ?q oa:exact ?exact }""")
    assert len(spans) > 100
    for s in spans:
        assert originals[s["doc"]][int(s["start"]):int(s["end"])] == s["exact"]


# The README's example queries, answered from the real extraction of data/articles.

def test_readme_policies_issued_by_the_state_council(filled: OxigraphStore) -> None:
    found = {r["policy"] for r in rows(filled, readme_query("policies-issued-by"))}
    assert "新时代推动中部地区加快崛起的若干政策措施" in found


def test_readme_founders(filled: OxigraphStore) -> None:
    found = {r["founder"] for r in rows(filled, readme_query("founders"))}
    assert {"赣江新区", "欢瑞世纪", "阶跃星辰", "江西财经大学人工智能评测研究院"} <= found


def test_readme_industries(filled: OxigraphStore) -> None:
    found = {r["industry"] for r in rows(filled, readme_query("industries"))}
    assert {"数字文创", "数字营销", "光伏新能源", "智能网联汽车", "信息安全"} <= found


def test_readme_gdp(filled: OxigraphStore) -> None:
    assert rows(filled, readme_query("gdp")) == [
        {"value": "118800000000", "unit": "CNY", "stated": "1188", "statedUnit": "亿元"}
    ]


def test_readme_enterprises_in_shangrao(filled: OxigraphStore) -> None:
    found = {(r["enterprise"], r["via"]) for r in rows(filled, readme_query("enterprises-in"))}
    assert ("江西远赛医疗科技有限公司", "沙溪产业园区") in found
    assert ("晶科能源(上饶)有限公司", "") in found


def test_readme_evidence(filled: OxigraphStore) -> None:
    [hit] = rows(filled, readme_query("evidence"))
    original = (ARTICLES / "000_de803dfcae37c84f.txt").read_text(encoding="utf-8")
    assert hit["doc"] == doc_iri("000_de803dfcae37c84f.txt")
    assert original[int(hit["start"]):int(hit["end"])] == hit["exact"]
    assert "阶跃星辰" in hit["exact"] and hit["exact"] in hit["sentence"]
