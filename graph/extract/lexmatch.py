"""Dictionary mentions: regions, central agencies and industry names via one Aho-Corasick automaton.

The automaton is built once per process. Matches are leftmost-longest; a region's short form
must not run into a following name character that would make it part of a longer word
(江西 in 江西省 is handled by longest match; 上饶 in 上饶县城 is still 上饶).
"""

from __future__ import annotations

from functools import lru_cache

import ahocorasick

from regionkg.graph.extract import gazetteer, lexicon
from regionkg.graph.extract.mention import Mention

_Entry = tuple[str, str, tuple]  # (type, canonical, extra)


@lru_cache(maxsize=None)
def _automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    table: dict[str, list[_Entry]] = {}
    for surface, cands in gazetteer.places().items():
        table.setdefault(surface, []).append(("Region", cands[0].name, cands))
    for name in lexicon.central_agencies():
        table.setdefault(name, []).insert(0, ("GovernmentAgency", name, ()))
    for name in lexicon.industries():
        table.setdefault(name, []).append(("Industry", name, ()))
    for surface, entries in table.items():
        auto.add_word(surface, (surface, entries))
    auto.make_automaton()
    return auto


def find(text: str) -> list[Mention]:
    """All leftmost-longest dictionary mentions in ``text``."""
    found: list[tuple[int, int, list[_Entry]]] = []
    for end_idx, (surface, entries) in _automaton().iter(text):
        start = end_idx - len(surface) + 1
        found.append((start, end_idx + 1, entries))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[Mention] = []
    last_end = -1
    for start, end, entries in found:
        if start < last_end:
            continue
        kind, name, extra = entries[0]
        if kind == "Region":
            place = extra[0]
            out.append(Mention(start, end, place.name, "Region", "gazetteer", place.subtype,
                               place.code if len(extra) == 1 else None, place.parent))
        else:
            out.append(Mention(start, end, name, kind, "lexicon"))
        last_end = end
    return out


def places_for(surface: str) -> tuple[gazetteer.Place, ...]:
    """Every place a surface form may denote (for resolving ambiguous names in context)."""
    return gazetteer.places().get(surface, ())
