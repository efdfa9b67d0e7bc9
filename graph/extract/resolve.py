"""Entity resolution: mentions → one entity per real thing, with every merge explained.

Forms that are merged: a division's short form and full name (上饶 ↔ 上饶市, via the
gazetteer code), traditional and simplified spellings (上饒市 ↔ 上饶市, via the text layer),
full-width and ASCII forms (（）↔ ()), names with and without 《》 or the middle dot
(麟跃·赣江AI实验室 ↔ 麟跃赣江AI实验室), and a region-prefixed form (江西赣江新区 ↔ 赣江新区).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from opencc_pyo3 import OpenCC

from regionkg.graph.model import Entity
from regionkg.graph.text.normalized import NormalizedText
from regionkg.graph.extract.mention import Mention, canonical

_DOTS = "·•・"


@lru_cache(maxsize=None)
def _s2t() -> OpenCC:
    return OpenCC("s2t")


def _add_alias(ent: Entity, alias: str, why: str) -> None:
    if alias and alias != ent.name and alias not in ent.aliases:
        ent.aliases.append(alias)
        ent.merges.append(f"{alias} → {ent.name}: {why}")


def build_entities(nt: NormalizedText, mentions: list[Mention]) -> dict[tuple[str, str], Entity]:
    """Group mentions by (canonical name, type) and collect aliases and evidence spans."""
    ents: dict[tuple[str, str], Entity] = {}
    text = nt.text
    for m in mentions:
        key = (m.name, m.type)
        ent = ents.get(key)
        if ent is None:
            ent = ents[key] = Entity(m.name, m.type, subtype=m.subtype, code=m.code, parent=m.parent)
        ent.code = ent.code or m.code
        span = nt.span(m.start, m.end)
        if span not in ent.mentions:
            ent.mentions.append(span)
        surface = text[m.start:m.end]
        if m.type == "Policy" and surface.startswith("《"):
            _add_alias(ent, surface, "the same title with its 《》 marks")
        elif canonical(surface) != m.name:
            why = ("short form of the division (GB/T 2260 " + ent.code + ")" if ent.code
                   else "another written form of the name")
            _add_alias(ent, canonical(surface), why)
        orig = span.text
        if len(orig) == m.end - m.start and orig != surface:
            alias = orig.strip("《》") if m.type == "Policy" else canonical(orig)
            _add_alias(ent, alias, "traditional spelling in the original text")
    for ent in ents.values():
        if any(d in ent.name for d in _DOTS):
            _add_alias(ent, "".join(c for c in ent.name if c not in _DOTS),
                       "the same name without the middle dot")
        if "(" in ent.name:
            _add_alias(ent, ent.name.replace("(", "（").replace(")", "）"),
                       "full-width brackets")
        ent.hant = _s2t().convert(ent.name)
    return ents


def main_region(mentions: list[Mention]) -> str | None:
    """The region the article is about: the most mentioned non-macro region (earliest on ties)."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in mentions:
        if m.type == "Region" and m.subtype != "MacroRegion" and not m.nested:
            counts[m.name] += 1
            first.setdefault(m.name, m.start)
    if not counts:
        return None
    return max(counts, key=lambda n: (counts[n], -first[n]))
