"""Dictionary mentions: regions, central agencies and industry names via one Aho-Corasick automaton.

The automaton is built once per process. Matches are leftmost-longest; a region's short form
must not run into a following name character that would make it part of a longer word
(江西 in 江西省 is handled by longest match; 上饶 in 上饶县城 is still 上饶).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ahocorasick_rs import AhoCorasick, MatchKind

from regionkg.graph.extract import gazetteer, lexicon
from regionkg.graph.extract.mention import Mention

_FEATURE = re.compile(r"[湖山江河路街桥岛湾峰寺港]")
_Entry = tuple[str, str, tuple]  # (type, canonical, extra)


@lru_cache(maxsize=None)
def _table() -> dict[str, list[_Entry]]:
    """Surface → its readings, a central agency first (国务院 is never read as a place)."""
    table: dict[str, list[_Entry]] = {}
    for surface, cands in gazetteer.places().items():
        table.setdefault(surface, []).append(("Region", cands[0].name, cands))
    for name in lexicon.central_agencies():
        table.setdefault(name, []).insert(0, ("GovernmentAgency", name, ()))
    for name in lexicon.industries():
        table.setdefault(name, []).append(("Industry", name, ()))
    return table


@lru_cache(maxsize=None)
def _surfaces() -> tuple[str, ...]:
    return tuple(_table())


@lru_cache(maxsize=None)
def _automaton() -> AhoCorasick:
    # ahocorasick-rs, not pyahocorasick: iter_long of pyahocorasick 2.3 loses a match reached
    # through a failure link when the text ends inside a longer candidate (大连 in 吉五大连)
    return AhoCorasick(_surfaces(), matchkind=MatchKind.LeftmostLongest)


def matches(text: str) -> list[tuple[int, int, str]]:
    """Leftmost-longest, non-overlapping dictionary surfaces in ``text`` as (start, end, surface),
    before any filtering; offsets index ``text`` as a str (code points, also outside the BMP)."""
    surfaces = _surfaces()
    return [(start, end, surfaces[i]) for i, start, end in _automaton().find_matches_as_indexes(text)]


def find(text: str) -> list[Mention]:
    """All leftmost-longest dictionary mentions in ``text``."""
    out: list[Mention] = []
    table = _table()
    for start, end, surface in matches(text):
        kind, name, extra = table[surface][0]
        if kind == "Region" and surface != extra[0].name and _FEATURE.match(text, end):
            continue  # 鄱阳湖, 黄山路: a short form naming a lake, mountain or street
        if kind == "Region" and surface != extra[0].name and gazetteer.inside_word(text, start, end):
            continue  # 创新平台, 大城市: the short form is part of an ordinary word
        if kind == "Region":
            place = extra[0]
            if place.confirm and place.name not in text:
                continue  # 寿光 is 寿光市 only in a text that also writes 寿光市
            out.append(Mention(start, end, place.name, "Region", "gazetteer", place.subtype,
                               place.code if len(extra) == 1 else None, place.parent))
        else:
            out.append(Mention(start, end, name, kind, "lexicon"))
    return out
