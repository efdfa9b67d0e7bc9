"""IRIs are stable, readable back, and depend only on type + canonical name."""

from __future__ import annotations

import subprocess
import sys

import pytest

from regionkg.errors import InputError, NotFoundError
from regionkg.graph.iris import (
    ID_BASE, doc_iri, doc_name, entity_id, entity_iri, fact_iri, iri_from_id, metric_iri,
)


def test_entity_iri_depends_on_type_and_canonical_name() -> None:
    iri = entity_iri("Region", "上饶市")
    assert iri == ID_BASE + "Region/%E4%B8%8A%E9%A5%B6%E5%B8%82"
    assert entity_iri("Region", " 上饶市 ") == iri
    assert entity_iri("Enterprise", "晶科能源（上饶）有限公司") == entity_iri("Enterprise", "晶科能源(上饶)有限公司")
    assert entity_iri("GovernmentAgency", "上饶市") != iri


def test_short_id_round_trips() -> None:
    for iri in (entity_iri("ResearchInstitute", "麟跃·赣江AI实验室"), metric_iri("地区生产总值"),
                entity_iri("Industry", "AI/大模型")):
        ident = entity_id(iri)
        assert iri_from_id(ident) == iri
        assert iri_from_id(ident.replace("·", "%C2%B7")) == iri
    assert entity_id(entity_iri("Region", "上饶市")) == "Region/上饶市"


def test_bad_ids_and_types_are_refused() -> None:
    with pytest.raises(InputError):
        entity_iri("City", "上饶市")
    with pytest.raises(InputError):
        entity_iri("Region", "   ")
    for bad in ("上饶市", "Planet/地球"):
        with pytest.raises(NotFoundError):
            iri_from_id(bad)
    with pytest.raises(NotFoundError):
        entity_id("https://example.org/x")


def test_document_identity_is_the_file_name() -> None:
    assert doc_iri("data/articles/000_a.txt") == doc_iri("/elsewhere/000_a.txt")
    assert doc_name(doc_iri("data/articles/报道 1.txt")) == "报道 1.txt"
    assert fact_iri("d", "m", 1, 2) == fact_iri("d", "m", 1, 2) != fact_iri("d", "m", 1, 3)


def test_iris_are_the_same_in_another_process() -> None:
    code = (
        "from regionkg.graph.iris import entity_iri, fact_iri;"
        "print(entity_iri('Policy', '促进国家级新区高质量建设行动计划'), fact_iri('d', 'r', 'x', 7))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    here = f"{entity_iri('Policy', '促进国家级新区高质量建设行动计划')} {fact_iri('d', 'r', 'x', 7)}"
    assert out.stdout.strip() == here
