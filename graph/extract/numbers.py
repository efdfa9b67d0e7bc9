"""Numbers with units and time periods, as written in Chinese statistics.

``1188亿元`` → (1188, 亿元); ``1万多个`` → (10000, 个, more_than); ``三百二十亿元`` →
(320, 亿元); ``百分之三十五点二`` → (35.2, %). Chinese numerals go through cn2an, but only on a
span already recognised as a number followed by a unit (on running text cn2an would turn
二十大 into 20大). Periods: ``2024年`` → 2024, ``今年前三季度`` → 2024-Q1..Q3 when the
document's year is known, else the relative form Y-Q1..Q3 (Y = the year of the document);
去年/明年 of an undated article have no period (None). ``二〇二三年`` → 2023.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import cn2an

from regionkg.graph.extract import lexicon

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿点"
_MULT = {"万亿": 1e12, "万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}
_QUAL_BEFORE = {"约": "about", "大约": "about", "近": "about", "将近": "about", "超过": "more_than",
                "超": "more_than", "逾": "more_than", "不到": "less_than", "不足": "less_than",
                "约为": "about", "多于": "more_than", "少于": "less_than"}


_QUAL_AFTER = re.compile(r"以上|以下|左右")
_QUAL_AFTER_KIND = {"以上": "more_than", "以下": "less_than", "左右": "about"}


@dataclass(frozen=True)
class Quantity:
    """A number with its unit at clean-text ``[start, end)`` (qualifier words included)."""

    start: int
    end: int
    num_start: int
    value: float
    unit: str
    normalized_value: float
    normalized_unit: str
    qualifier: str | None


@lru_cache(maxsize=None)
def _quantity_re() -> re.Pattern[str]:
    units = sorted(lexicon.units(), key=len, reverse=True)
    quals = sorted(_QUAL_BEFORE, key=len, reverse=True)
    return re.compile(
        # cheap first-character test before the alternatives are tried at a position
        rf"(?=[\d{_CN_DIGITS}{''.join(sorted({q[0] for q in quals}))}])"
        rf"(?P<qual>{'|'.join(quals)})?"
        rf"(?:百分之(?P<pct>[{_CN_DIGITS}\d.]+)|(?P<tenth>[一二三四五六七八九\d](?:\.\d)?)成(?![本果为功员立效交绩])|"
        rf"(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千点]+)"
        r"(?P<mult>万亿|万|亿|千|百)?(?P<more>多|余)?"
        rf"(?P<unit>{'|'.join(map(re.escape, units))}))"
    )


def parse_number(s: str) -> float | None:
    """A number written in digits (1,234.5) or Chinese numerals (三百二十, 三十五点二)."""
    s = s.replace(",", "")
    try:
        return float(s)
    except ValueError:
        pass
    if not s or not all(c in _CN_DIGITS for c in s):
        return None
    try:
        return float(cn2an.cn2an(s.replace("〇", "零"), "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def find_quantities(text: str) -> list[Quantity]:
    """Every number-with-unit in ``text``; ordinals (第十八个) and grades (千亿元级) are skipped."""
    out: list[Quantity] = []
    table = lexicon.units()
    for m in _quantity_re().finditer(text):
        if m.start() > 0 and text[m.start() - 1] in "第每" or text.startswith("级", m.end()):
            continue
        if m.group("unit") == "个" and text.startswith("月", m.end()):
            continue  # 前十个月: a period
        if m.group("tenth") is not None:  # 八成 = 80%
            tenth = parse_number(m.group("tenth"))
            value, unit, mult, num_start = (tenth * 10 if tenth is not None else None), "%", "", m.start("tenth")
        elif m.group("pct") is not None:
            value, unit, mult, num_start = parse_number(m.group("pct")), "%", "", m.start("pct") - 3
        else:
            value, unit, mult = parse_number(m.group("num")), m.group("unit"), m.group("mult") or ""
            num_start = m.start("num")
            if value is None:
                continue
            chinese = not m.group("num")[0].isdigit()
            if chinese and value < 10 and not mult and unit != "%":
                continue  # 一家, 两个: counting words, not statistics
            if mult + unit in table:
                unit, mult = mult + unit, ""
            elif mult:
                value = float(f"{value * _MULT[mult]:.12g}")  # 2.3亿 is 230000000, not …99.99
        if value is None:
            continue
        if m.start() > 0 and text[m.start() - 1].isdigit():
            continue
        norm_unit, factor = table[unit]
        qual = _QUAL_BEFORE.get(m.group("qual") or "")
        if m.group("more"):
            qual = "more_than"
        after = _QUAL_AFTER.match(text, m.end())
        if after:
            qual = _QUAL_AFTER_KIND[after.group()]
        out.append(Quantity(m.start(), m.end(), num_start, value, unit, float(f"{value * factor:.12g}"),
                            norm_unit, qual))
    return out


_CN_Q = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_PERIOD = re.compile(
    # the look-ahead keeps the scan from matching the empty string at every position; the
    # one-character class before it (every character a period can start with) rejects most
    # positions in one test (find_period scans whole sentences: twice as fast)
    r"(?=[\d一二三四今去上前明当下第全])"
    r"(?=(?:19|20)\d\d年|[一二][〇零九][〇零一二三四五六七八九]{2}年|[今去上前明当]年|[上下]半年|前|第?[一二三四1-4]季度|\d{1,2}[-—~至到]\d{1,2}月|全年|\d{1,2}月[底末])"
    r"(?:(?P<year>(?:19|20)\d\d)年|(?P<cnyear>[一二][〇零九][〇零一二三四五六七八九]{2})年|(?P<rel>今年|去年|上年|前年|明年|当年))?"
    r"(?P<sub>上半年|下半年|前(?P<nq>[一二三四1-4])(?:个)?季度|第?(?P<q>[一二三四1-4])季度|"
    r"(?P<m1>\d{1,2})[-—~至到](?P<m2>\d{1,2})月|前(?P<nm>\d{1,2}|[一二三四五六七八九十]{1,2})个月|全年|"
    r"(?P<mon>\d{1,2})月(?:底|末)(?!\d))?"
)
_CN_DIGIT_YEAR = "〇一二三四五六七八九零"  # index % 10 is the digit (零 = 〇)
_REL_OFFSET = {"今年": 0, "当年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}


def find_period(text: str, start: int, end: int, doc_year: int | None) -> str | None:
    """The last time expression in ``text[start:end]`` as a period string, or None."""
    best = None
    for m in _PERIOD.finditer(text, start, end):
        if m.group() and (m.group("year") or m.group("cnyear") or m.group("rel") or m.group("sub")):
            best = m
    if best is None:
        return None
    if best.group("year"):
        year = best.group("year")
    elif best.group("cnyear"):  # 二〇二三年: digit by digit, not as a quantity
        year = "".join(str(_CN_DIGIT_YEAR.index(c) % 10) for c in best.group("cnyear"))
    elif best.group("rel"):
        off = _REL_OFFSET[best.group("rel")]
        if not doc_year and off:
            return None  # 去年/明年 of an undated article: the year is unknown, not "Y-1"
        year = str(doc_year + off) if doc_year else "Y"
    else:
        year = str(doc_year) if doc_year else "Y"
    return year + _sub_period(best)


def _sub_period(m: re.Match[str]) -> str:
    sub = m.group("sub") or ""
    if sub in ("", "全年"):
        return ""
    if sub == "上半年":
        return "-H1"
    if sub == "下半年":
        return "-H2"
    if m.group("nq"):
        return f"-Q1..Q{_CN_Q[m.group('nq')]}"
    if m.group("q"):
        return f"-Q{_CN_Q[m.group('q')]}"
    if m.group("mon"):
        return f"-{int(m.group('mon')):02d}"
    if m.group("m1"):
        return f"-{int(m.group('m1')):02d}..{int(m.group('m2')):02d}"
    n = parse_number(m.group("nm")) or 0
    return f"-01..{int(n):02d}"


def parse_period(period: str | None) -> tuple[str | None, str]:
    """(year or None, sub-period) of a period string in any of the forms above or of gold files
    (2024, 2024-H1, Y-Q1..Q3, 前三季度): the comparison key used by evaluation."""
    if not period:
        return None, ""
    if re.fullmatch(r"(?:19|20)\d\d(?:\.\.|-)(?:19|20)\d\d", period):
        return period[:4] + ".." + period[-4:], ""
    if re.match(r"^(?:19|20)\d\d", period):
        return period[:4], period[5:] if len(period) > 4 else ""
    if period.startswith("Y"):
        rest = re.match(r"^Y(?:[+-][1-9](?=$|-))?-?(.*)$", period)  # Y-1 is a year offset, Y-06 a month
        return None, rest.group(1) if rest else ""
    pm = _PERIOD.fullmatch(period)
    return (None, _sub_period(pm).lstrip("-")) if pm else (None, period)
