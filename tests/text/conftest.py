"""Fixtures for the text layer: the bundled seed articles and their gold files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from regionkg.graph.text import NormalizedText, normalize

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
SEED_000 = ARTICLES / "000_de803dfcae37c84f.txt"
SEED_002 = ARTICLES / "002_f068a4fc0f954f2f.txt"
GOLD = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seed_000() -> NormalizedText:
    return normalize(SEED_000.read_bytes(), str(SEED_000))


@pytest.fixture(scope="session")
def seed_002() -> NormalizedText:
    return normalize(SEED_002.read_bytes(), str(SEED_002))


@pytest.fixture(scope="session")
def must_not_appear_002() -> list[str]:
    """The gold file's forbidden strings, or the ones its notes name when it is not present."""
    gold = GOLD / "002.gold.json"
    if gold.exists():
        return json.loads(gold.read_text(encoding="utf-8"))["must_not_appear"]
    return ["北本┪众A科技股份有限公司", "拔覀円钊雽W", "鄙橡埵形饕"]
