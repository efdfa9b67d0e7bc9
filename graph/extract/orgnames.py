"""Organisation names by suffix (有限公司, 研究院, 大学, 管理局, 产业园区 ...).

From each suffix occurrence the name is grown leftwards over name characters until a
punctuation mark, a boundary word (的, 在, 由, 来到, 携手 ...) or 25 characters; balanced
brackets are kept inside (晶科能源(上饶)有限公司). Every suffix occurrence yields a candidate,
so nested names survive: 江西财经大学 inside 江西财经大学人工智能评测研究院.
"""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick

from regionkg.graph.extract import gazetteer, lexicon
from regionkg.graph.extract.mention import Mention, canonical, looks_damaged

_MAX_LEN = 25
_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·•・()（）]")
# a suffix directly followed by these characters is part of another word (大学生, 银行业)
_NOT_FOLLOWED = {"局": "长势面", "厅": "长", "司": "长", "管理局": "长", "大学": "生城堂", "学院": "派", "银行": "业卡", "集团": "化军", "联盟": "国"}
# agencies keep 和 inside (发展和改革委员会, 工业和信息化局)
_AGENCY_INNER = {"和"}
_GENERIC_BODY = re.compile(r"(?:国家级|省级|市级|国家|省|市|县|区|重点|新型|该|本|各类|一批|校企|校地|产学研|联合)+")
_LEGAL_FORM = re.compile(r"(?:股份)?有限(?:责任)?公司")
_ZONE_AFTER = re.compile(r"[\u4e00-\u9fff]{4,12}?(?:合作区|示范区|自贸区|新区|经济区)")
_ZONE_SUFFIX = re.compile(r"(?:经济技术|高新技术产业|经济|工业)?开发区|高新区|经开区|工业园区")
_TRAIL_PLACE = re.compile(r"[(（]([\u4e00-\u9fff]{2,6})[)）]")
_NOT_PRECEDED = {"局": "布格结大全开时当赌饭骗出入", "司": "公上"}
_NEEDS_REGION = {"厅", "局"}  # 财政厅, 统计局: only after a region or 省/市 (not 大厅, 格局)
_LEADING_JUNK = re.compile(r"(?:[该这其各此本]|[0-9一二三四五六七八九十百千万]+[个家所])")
# tokens that are never a whole name body: 本报, 新区, 全省 ...
_BAD_BODY = re.compile(r"^(?:[全本该各省市县区国]|[省市县区][(（][省市县区][)）])$")  # 县(区)人民政府
# an organisation named by its region plus a political body: 上饶市委, 江西省人民政府
_REGION_BODY = re.compile(r"(?:委(?![员会托])|人民政府|政府(?!工作))")


@lru_cache(maxsize=None)
def _suffix_re() -> re.Pattern[str]:
    return re.compile(lexicon.alternation(lexicon.org_suffixes()))


@lru_cache(maxsize=None)
def _boundary_automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for w in lexicon.name_boundaries():
        auto.add_word(w, w)
    auto.make_automaton()
    return auto


@lru_cache(maxsize=2)  # organisation names and infrastructure scan the same text
def boundary_ends(text: str) -> dict[int, list[str]]:
    """Position → the boundary words that end there (one scan of the text)."""
    ends: dict[int, list[str]] = {}
    for end_idx, word in _boundary_automaton().iter(text):
        ends.setdefault(end_idx + 1, []).append(word)
    return ends


_CONTENT_TAGS = {"a", "n", "b", "nz", "ns"}  # 自由 (a), 理由 (n): not function words


def _closes_word(text: str, end: int, word: str) -> bool:
    """A one-character boundary word that closes a content word (自由 in 自由贸易试验区) is
    part of that word, not a preposition."""
    if len(word) != 1 or word == "的" or end < 2:
        return False
    tags, freq = gazetteer.jieba_words()
    w = text[end - 2:end]
    return tags.get(w) in _CONTENT_TAGS and freq.get(w, 0) >= 1000  # 任由 (239) is noise


def _balanced(s: str) -> bool:
    s = s.replace("（", "(").replace("）", ")")
    depth = 0
    for ch in s:
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return False
    return depth == 0


def left_edge(text: str, end: int, ends: dict[int, list[str]],
              keep_inner: frozenset[str] = frozenset()) -> int:
    """Where a name whose body ends at ``end`` starts; ``ends`` is ``boundary_ends(text)``."""
    i = end
    limit = max(0, end - _MAX_LEN)
    while i > limit and _NAME_CHAR.match(text[i - 1]):
        hit = any(w not in keep_inner and (len(w) > 1 or not _closes_word(text, i, w)) for w in ends.get(i, ()))
        if hit and (end > i or text[i - 1] != "的"):  # 美的集团: 的 right at the suffix is not one
            break
        i -= 1
    # do not start inside brackets: 晶科能源(上饶)… is fine, "上饶)有限公司" is not
    while i < end and not _balanced(text[i:end]):
        i += 1
    return i


def find(text: str, taken: list[Mention]) -> list[Mention]:
    """Suffix-rule organisation mentions (may overlap ``taken``; resolution comes later)."""
    out: list[Mention] = []
    suffixes = lexicon.org_suffixes()
    ends = boundary_ends(text)
    regions: dict[int, list[Mention]] = {}
    for t in taken:
        if t.type == "Region":
            regions.setdefault(t.start, []).append(t)
    for m in _suffix_re().finditer(text):
        suf = m.group()
        nxt = text[m.end()] if m.end() < len(text) else ""
        if nxt and nxt in _NOT_FOLLOWED.get(suf, ""):
            continue
        if m.start() > 0 and text[m.start() - 1] in _NOT_PRECEDED.get(suf, ""):
            continue  # 布局, 格局, 当局: words, not bureaus
        kind = suffixes[suf]
        inner = frozenset(_AGENCY_INNER) if kind == "GovernmentAgency" else frozenset()
        start = left_edge(text, m.start(), ends, inner)
        start = _after_region_of_zone(text, start, m.start(), regions)
        if start > 0 and looks_damaged(text[max(0, start - 3):start]):
            continue  # the name runs into decoding debris: no trustworthy left edge
        if kind == "Enterprise":
            start = left_edge(text, m.start(), ends, frozenset({"建设"}))
        start = _college_of(text, start, m.start(), ends)
        if _LEADING_JUNK.match(text, start, m.start()):
            continue  # 各市州人民政府, 该公司: a generic reference, not a name
        body = text[start:m.start()]
        if "各" in body:
            continue  # 省政府各厅委: an addressee list, not a name
        if suf in _NEEDS_REGION and not re.match(r"[省市县区]|国家", body) and not _starts_with_region(
                regions, start):
            continue
        if suf == "司" and not any(t.start == start and t.type == "GovernmentAgency" for t in taken):
            continue  # 科技司 only inside a ministry's name (工业和信息化部科技司)
        if len(body) < 2 or _BAD_BODY.match(body) or looks_damaged(text[start:m.end()]):
            continue
        if kind == "Organization" and suf == "学院" and _starts_with_region(regions, start) \
                and "大学" not in body:  # 浙江大学…学院 is a college of a university
            kind = "University"
        if _GENERIC_BODY.fullmatch(body) or _LEGAL_FORM.match(text, m.end()):
            continue  # 国家级重点实验室: a category; 天能控股集团|有限公司: part of a longer name
        end = m.end()
        trail = _TRAIL_PLACE.match(text, end)
        if trail and kind != "Enterprise" and any(t.start == trail.start(1) and t.end == trail.end(1)
                                                  and t.type == "Region" for t in taken):
            end = trail.end()
        out.append(Mention(start, end, canonical(text[start:end]), kind, "suffix",
                           lexicon.suffix_subtypes().get(suf)))
    out.extend(_region_bodies(text, taken))
    return out


_UNIVERSITY_BEFORE = re.compile(r"大学[\u4e00-\u9fff]{2,10}$")


def _college_of(text: str, start: int, suffix_start: int, ends: dict[int, list[str]]) -> int:
    """浙江大学计算机科学与技术学院: a college or lab of a university keeps the 与/和/及 of its
    discipline name when the university's name runs straight into it."""
    if start < 3 or text[start - 1] not in "与和及":
        return start
    wider = left_edge(text, suffix_start, ends, frozenset({"与", "和", "及"}))
    return wider if _UNIVERSITY_BEFORE.search(text, wider, start - 1) else start


def _after_region_of_zone(text: str, start: int, suffix_start: int, regions: dict[int, list[Mention]]) -> int:
    """广东省横琴粤澳深度合作区(执行委员会): a zone's own name starts after the province that
    precedes it, and after the full name of its county or district; 长兴经济技术开发区 keeps 长兴
    (nothing but the region before the suffix). ``regions``: region mentions by start."""
    for t in regions.get(start, ()):
        if t.subtype in ("Province", "City") and _ZONE_AFTER.match(text, t.end, suffix_start + 10):
            return t.end
        if t.subtype in ("County", "District") and text[t.start:t.end] == t.name and \
                suffix_start - t.end >= 2 and _ZONE_SUFFIX.match(text, suffix_start):
            return t.end  # 伊金霍洛旗|蒙苏经济开发区: a zone named on its own inside its county
    return start


def _starts_with_region(regions: dict[int, list[Mention]], start: int) -> bool:
    return start in regions


def _region_bodies(text: str, taken: list[Mention]) -> list[Mention]:
    """上饶市委, 江西省人民政府: a full division name followed by a political body."""
    out = []
    for t in taken:
        if t.type != "Region" or t.subtype == "MacroRegion" or text[t.start:t.end] != t.name:
            continue
        m = _REGION_BODY.match(text, t.end)
        if m:
            out.append(Mention(t.start, m.end(), t.name + m.group(), "GovernmentAgency", "region-body"))
    return out
