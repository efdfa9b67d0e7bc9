"""Every evidence span of every fact, applied to the original text, returns exactly its text."""

from __future__ import annotations

from pathlib import Path

import pytest

from regionkg.graph.extract import extract_file
from regionkg.graph.text import normalize

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted(p for d in ("gold", "gold_fresh", "gold_blind", "gold_blind2", "gold_blind3", "gold_holdout", "gold_holdout2", "gold_blind4")
                  for p in (ROOT / "tests" / "data" / d).glob("[0-9]*_*") if p.suffix != ".json")
ARTICLES += sorted((ROOT.parent / "shared" / "seeds").glob("0*_*.txt"))


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_every_span_is_exact(path: Path) -> None:
    ext = extract_file(path)
    original = normalize(path.read_bytes(), str(path)).original
    spans = [m for e in ext.entities for m in e.mentions]
    spans += [r.evidence for r in ext.relations] + [i.evidence for i in ext.indicators]
    assert spans
    for s in spans:
        assert original[s.start:s.end] == s.text


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_relations_point_at_entities(path: Path) -> None:
    ext = extract_file(path)
    names = {e.name for e in ext.entities}
    for r in ext.relations:
        assert r.s in names and r.o in names, r


def test_mojibake_never_becomes_a_name() -> None:
    """A damaged run before a company suffix yields no entity (seed 002 before repair)."""
    from regionkg.graph.extract.orgnames import find

    text = "”北本┪众A科技股份有限公司董事长付福前说"
    assert find(text, []) == []
