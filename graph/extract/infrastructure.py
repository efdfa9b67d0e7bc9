"""Named infrastructure (rkg:Infrastructure): ports, airports, railways, corridors, hubs.

Two general shapes, both anchored on a place name so that generic words (5G基站, 铁路专用线,
绿色通道) never become entities: a division directly followed by 港 (钦州港, 芜湖港 — not 港口,
港澳, 港务), and a division or compass part (西部, 东北) plus at most six name characters plus a
facility word from ``data/infrastructure_suffixes.txt`` (芜湖宣州机场, 西部陆海新通道).
"""

from __future__ import annotations

import re
from functools import lru_cache

from regionkg.graph.extract import gazetteer, lexicon, orgnames
from regionkg.graph.extract.mention import Mention, canonical

# 港 followed by these characters belongs to another word (港口, 港澳, 港务, 港元, 港区 ...)
_NOT_AFTER_PORT = set("口澳股元币务台资人商城区湾")
_COMPASS = re.compile(r"(?:东北|西北|西南|东南|东部|西部|南部|北部|中部)")
_NAME_BODY = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]*")
_FUNCTION_CHARS = re.compile(r"[的在和与及将是为等则也还并已]")


@lru_cache(maxsize=None)
def _suffix_re() -> re.Pattern[str]:
    return re.compile(lexicon.alternation(lexicon.infrastructure_suffixes()))


def find(text: str, places: list[Mention]) -> list[Mention]:
    """Infrastructure mentions anchored on the place mentions ``places`` and compass words."""
    out = _ports(text)
    suffixes = list(_suffix_re().finditer(text))
    if not suffixes:
        return out
    anchors = {m.end: m.start for m in places if m.type == "Region" and not m.nested}
    anchors.update((c.end(), c.start()) for c in _COMPASS.finditer(text))
    ends = orgnames.boundary_ends(text)
    for suf in suffixes:
        # the farthest anchor at most six name characters before the facility word (淮安|涟水国际机场)
        for at in range(max(0, suf.start() - 6), suf.start() + 1):
            start, body = anchors.get(at, -1), text[at:suf.start()]
            if start >= 0 and not _FUNCTION_CHARS.search(body) and _NAME_BODY.fullmatch(body) \
                    and orgnames.left_edge(text, suf.start(), ends) <= start:
                out.append(Mention(start, suf.end(), canonical(text[start:suf.end()]), "Infrastructure", "facility"))
                break
    return out


def _ports(text: str) -> list[Mention]:
    """钦州港, 芜湖港: a division's name (full or short) directly before 港."""
    known = gazetteer.places()
    out = []
    i = text.find("港")
    while i >= 0:
        at, i = i, text.find("港", i + 1)
        if text[at + 1:at + 2] in _NOT_AFTER_PORT:
            continue
        size = next((n for n in (4, 3, 2) if at >= n and text[at - n:at] in known), 0)
        if size and known[text[at - size:at]][0].subtype != "MacroRegion":
            out.append(Mention(at - size, at + 1, canonical(text[at - size:at + 1]), "Infrastructure", "port"))
    return out
