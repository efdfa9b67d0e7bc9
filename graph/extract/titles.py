"""Policy documents and media: 《…》 titles, report references, and newspaper/site names.

A 《…》 title is a Policy when it ends like an official document (措施, 方案, 规划, 意见 ...),
an Organization when it names a newspaper or site (《经济日报》), otherwise it is a work
(book, film, programme) and is left out. 党的二十大报告 and 政府工作报告 are policies named
without 《》.
"""

from __future__ import annotations

import re
from functools import lru_cache

from regionkg.graph.extract import lexicon
from regionkg.graph.extract.anchored import finditer_near
from regionkg.graph.extract.mention import Mention, canonical, looks_damaged

_TITLE = re.compile(r"《([^《》\n]{2,60})》")
_MEDIA_TITLE = re.compile(r"(?:日报|晚报|早报|时报|商报|周刊|杂志|网|报)$")
_NUM = "一二三四五六七八九十"
# a line that is itself a document's title: 江苏省人民政府关于加快培育发展未来产业的指导意见
_TITLE_LINE = re.compile(r"(?m)^[ \t]*([\u4e00-\u9fff]{2,30}关于[^《》\n]{4,60}的(?:指导意见|实施意见|若干意见|意见|通知|决定|办法|规定|方案|批复))[ \t]*$")
_REPORT = re.compile(rf"党的[{_NUM}]+大报告|(?:(?:19|20)\d\d年)?(?:国务院|[\u4e00-\u9fff]{{2,4}}[省市县区])?政府工作报告")
_REPORT_ANCHOR = re.compile("党的|政府工作报告")  # at most 10 characters into a report's name
# media named as a site or paper: 中国西藏网, 中国经济网; and "来源：X"
_MEDIA = re.compile(r"(?:中国|人民|新华|央视|光明|中新)[\u4e00-\u9fff]{0,4}(?:网(?![络站页民格点])|日报|晚报)|新华社|中新社")
_PAPER_NEWS = re.compile(r"[【\[]([\u4e00-\u9fff]{2,8}?(?:报|社|台|网))讯[】\]]")
_SOURCE = re.compile(r"来源[:：]\s*([\u4e00-\u9fff]{2,10}?(?:网|报|台|社))(?=[\s\"”'’,，。;；)）]|$)")


@lru_cache(maxsize=None)
def _policy_end() -> re.Pattern[str]:
    return re.compile("(?:" + lexicon.alternation(lexicon.policy_suffixes()) + r")(?:[(（][^)）]*[)）])?$")


def find(text: str) -> list[Mention]:
    """Policy and media mentions."""
    out: list[Mention] = []
    for m in _TITLE.finditer(text):
        inner = m.group(1).strip()
        if looks_damaged(inner):
            continue
        if _policy_end().search(inner):
            out.append(Mention(m.start(), m.end(), canonical(inner), "Policy", "title"))
        elif _MEDIA_TITLE.search(inner) and len(inner) <= 8:
            out.append(Mention(m.start(), m.end(), canonical(inner), "Organization", "title"))
    for m in _TITLE_LINE.finditer(text):
        if looks_damaged(m.group(1)):
            continue
        out.append(Mention(m.start(1), m.end(1), canonical(m.group(1)), "Policy", "title-line"))
    for m in finditer_near(_REPORT, _REPORT_ANCHOR, 10, text):
        out.append(Mention(m.start(), m.end(), m.group(), "Policy", "report"))
    for m in _MEDIA.finditer(text):
        out.append(Mention(m.start(), m.end(), m.group(), "Organization", "media"))
    for m in _PAPER_NEWS.finditer(text):
        out.append(Mention(m.start(1), m.end(1), m.group(1), "Organization", "media"))
    for m in _SOURCE.finditer(text):
        out.append(Mention(m.start(1), m.end(1), m.group(1), "Organization", "source"))
    return out


_TITLE_INDUSTRY = re.compile(r"(?:支持|促进|推动|加快|发展|培育|壮大)([\u4e00-\u9fffA-Za-z0-9]{2,8}?)(?:产业|行业)")


def industries_in_titles(text: str, policies: list[Mention]) -> list[Mention]:
    """支持X产业 inside a policy title names the industry X the policy supports."""
    out = []
    for p in policies:
        for m in _TITLE_INDUSTRY.finditer(text, p.start, p.end):
            end = m.end(1) + (2 if len(m.group(1)) == 2 else 0)  # 未来产业, 数据产业 keep 产业
            out.append(Mention(m.start(1), end, text[m.start(1):end], "Industry", "title-industry"))
    return out
