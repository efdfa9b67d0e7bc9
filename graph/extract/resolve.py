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


@lru_cache(maxsize=8192)
def _hant(name: str) -> str:
    return _s2t().convert(name)


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
            why = m.why or ("short form of the division (GB/T 2260 " + ent.code + ")" if ent.code
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
        ent.hant = _hant(ent.name)
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


ZONE_ABBR = (("高新技术产业开发区", "高新区"), ("新技术开发区", "高新区"), ("经济技术开发区", "经开区"))
_ORGS = ("Enterprise", "University", "ResearchInstitute", "GovernmentAgency", "Organization", "Park")
_ZONE_HEADS = ("合作区", "开发区", "高新区", "经开区", "新区", "园区")
_LEVEL_OF = {"省": "Province", "市": "City", "县": "County", "区": "District"}


def _abbreviates(short: str, long: str) -> bool:
    """前海深港合作区 ↔ 前海深港现代服务业合作区: same first two characters, same last three,
    and the short form's characters appear in order in the long one."""
    if len(short) < 5 or len(short) >= len(long) or short[:2] != long[:2] or short[-3:] != long[-3:]:
        return False
    it = iter(long)
    return all(c in it for c in short)


def unify_names(text: str, mentions: list[Mention]) -> None:
    """Rename mentions written in a shorter form of a name the document also gives in full:
    未来产业研究中心 → 西湖大学未来产业研究中心 (the longer name is a known name plus this one);
    省财政厅 → 湖南省财政厅 (an agency named by level alone belongs to the article's region)."""
    names = {m.name for m in mentions}
    by_type: dict[str, set[str]] = {}
    for m in mentions:
        by_type.setdefault(m.type, set()).add(m.name)
    counts: Counter[tuple[str, str]] = Counter((m.name, m.subtype or "") for m in mentions
                                               if m.type == "Region" and not m.nested)
    decided: dict[tuple[str, str], tuple[str, str] | None] = {}
    for m in mentions:
        if m.type not in _ORGS and m.subtype != "DevelopmentZone":
            continue
        key = (m.name, m.type)
        if key not in decided:
            decided[key] = _fuller(m.name, m.type, names, by_type[m.type], counts)
        found = decided[key]
        if found and (found[1] != "level" or text[m.start:m.start + 1] == m.name[:1]):
            m.name, m.why = found[0], _WHY[found[1]].format(short=m.name, full=found[0])


_WHY = {"zone": "the customary abbreviation of {full}", "parent": "{full} without the name of its parent",
        "abbrev": "an abbreviation of {full}", "head": "{short} names an agency of the zone {full}",
        "level": "{short} names an agency of the article's region ({full})"}


def _fuller(name: str, kind: str, names: set[str], same_type: set[str],
            counts: Counter[tuple[str, str]]) -> tuple[str, str] | None:
    """The full name a short form stands for, with the kind of reason, or None."""
    for f, s in ZONE_ABBR:
        if name.endswith(s):
            for n in names:
                if n.endswith(f) and n != name and (n[: -len(f)] == name[: -len(s)] or (
                        n[: -len(f)].endswith(name[: -len(s)]) and len(name) > len(s) + 1)):
                    return n, "zone"
    longer = [y for y in same_type if len(name) >= 4 and y != name and y.endswith(name)
              and y[: -len(name)] in names]
    if len(longer) == 1:
        return longer[0], "parent"
    abbrev = [y for y in same_type if y[-3:] == name[-3:] and y != name and _abbreviates(name, y)]
    if len(abbrev) == 1:
        return abbrev[0], "abbrev"
    head = next((h for h in _ZONE_HEADS if name.startswith(h) and len(name) > len(h) + 1), None)
    if head and kind == "GovernmentAgency":
        zones = [n for n in names if n.endswith(head) and len(n) > len(head)]
        if len(zones) == 1:
            return zones[0] + name[len(head):], "head"
    level = _LEVEL_OF.get(name[:1])
    if kind == "GovernmentAgency" and level:
        regions = [(c, n) for (n, sub), c in counts.items() if sub == level]
        if regions:
            return max(regions)[1] + name[1:], "level"
    return None
