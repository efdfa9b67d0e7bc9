"""Extraction scored against both gold sets, with the floors of GUIDE section 4."""

from __future__ import annotations

from pathlib import Path

import pytest

from regionkg.graph.extract.evaluate import evaluate

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
HELD_OUT = ROOT / "tests" / "data" / "gold"


@pytest.fixture(scope="module")
def seed_report() -> dict:
    if not SEEDS.is_dir():
        pytest.skip("shared seed articles not present")
    return evaluate(SEEDS)


def test_seed_floors(seed_report: dict) -> None:
    assert seed_report["entities"]["total"]["f1"] >= 0.95, seed_report["entities"]
    assert seed_report["relations"]["total"]["f1"] >= 0.85, seed_report["relations"]
    assert seed_report["indicators"]["total"]["f1"] >= 0.90, seed_report["indicators"]


def test_seed_must_not_appear(seed_report: dict) -> None:
    assert seed_report["must_not_appear"] == []


def test_held_out_floors() -> None:
    """The second set measures generalisation; its floors are lower and reported honestly."""
    report = evaluate(HELD_OUT)
    assert report["must_not_appear"] == []
    assert report["entities"]["total"]["f1"] >= 0.80, report["entities"]
    assert report["relations"]["total"]["f1"] >= 0.55, report["relations"]
    assert report["indicators"]["total"]["f1"] >= 0.30, report["indicators"]
