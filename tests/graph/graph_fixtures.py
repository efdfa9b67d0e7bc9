"""Helpers of the graph tests: small Extractions built from the model and a store digest.

The Extractions have spans computed from real text (never typed in). Used where the test is
about the graph side (RDF shape, store behaviour), not about extraction quality; end-to-end
tests use the real extraction of data/articles (``ARTICLES``). A module of its own, not
``conftest``: several test folders have a ``conftest`` module and only one can be imported
under that name when they are collected together.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from regionkg.graph.model import Document, Entity, Extraction, Indicator, Relation, Repair, Span
from regionkg.graph.store import OxigraphStore

ARTICLES = Path(__file__).resolve().parents[2] / "data" / "articles"

TEXT = (
    "上饶市是江西省的地级市。沙溪产业园区位于上饶市。江西远赛医疗科技有限公司落户沙溪产业园区。"
    "国务院出台《新时代推动中部地区加快崛起的若干政策措施》,支持数字经济。"
    "2024年,赣江新区地区生产总值1188亿元。王娟是华东数字医学工程研究院执行院长。"
)


def span(text: str, needle: str, after: int = 0) -> Span:
    """The span of the first ``needle`` in ``text`` at or after ``after``."""
    start = text.index(needle, after)
    return Span(start, start + len(needle), needle)


def mentions(text: str, needle: str) -> list[Span]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(Span(i, i + len(needle), needle))
        i = text.find(needle, i + 1)
    return out


def extraction(name: str = "fixture.txt", text: str = TEXT) -> Extraction:
    """A hand-built Extraction over ``text`` (offsets computed, never typed in)."""
    doc = Document(
        path=f"tests/data/{name}",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        encoding="utf-8",
        original=text,
        repairs=[Repair("pinyin_gloss", 0, 1, text[0], text[0], note="fixture")],
    )
    ents = [
        ("上饶市", "Region"), ("江西省", "Region"), ("沙溪产业园区", "Park"),
        ("江西远赛医疗科技有限公司", "Enterprise"), ("国务院", "GovernmentAgency"),
        ("新时代推动中部地区加快崛起的若干政策措施", "Policy"), ("数字经济", "Industry"),
        ("赣江新区", "Region"), ("王娟", "Person"), ("华东数字医学工程研究院", "ResearchInstitute"),
    ]
    entities = [Entity(n, t, mentions=mentions(text, n)) for n, t in ents]
    entities[7].subtype = "NationalNewArea"
    entities[7].parent = "江西省"
    entities[5].aliases = ["《新时代推动中部地区加快崛起的若干政策措施》"]

    def rel(s: str, p: str, o: str, evidence: str, role: str | None = None) -> Relation:
        return Relation(s, p, o, span(text, evidence), role)

    relations = [
        rel("沙溪产业园区", "locatedIn", "上饶市", "沙溪产业园区位于上饶市"),
        rel("江西远赛医疗科技有限公司", "locatedIn", "沙溪产业园区", "江西远赛医疗科技有限公司落户沙溪产业园区"),
        rel("新时代推动中部地区加快崛起的若干政策措施", "issuedBy", "国务院", "国务院出台"),
        rel("新时代推动中部地区加快崛起的若干政策措施", "supports", "数字经济", "支持数字经济"),
        rel("王娟", "holdsRole", "华东数字医学工程研究院", "王娟是华东数字医学工程研究院执行院长", "执行院长"),
    ]
    indicators = [
        Indicator("赣江新区", "地区生产总值", 1188, "亿元", span(text, "地区生产总值1188亿元"),
                  period="2024", normalized_value=118800000000, normalized_unit="CNY"),
    ]
    return Extraction(doc, entities, relations, indicators)


def digest(store: OxigraphStore) -> str:
    """A content hash of the whole dataset that ignores quad order."""
    buf = io.BytesIO()
    store.dump(buf, "nq")
    return hashlib.sha256(b"\n".join(sorted(buf.getvalue().splitlines()))).hexdigest()
