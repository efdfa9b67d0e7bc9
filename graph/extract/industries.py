"""Industries and companies named in enumerations, and industry-vocabulary mentions in context.

``聚焦A、B、C等数字经济细分赛道``: the items are industries (the head 数字经济 too, once its
modifiers 细分/重点/新兴 are stripped); ``A、B等通用大模型企业``: the items are enterprises.
An industry-vocabulary word in running text counts only with an industry cue around it
(…产业/赛道/领域, 发展/培育/聚焦…), so 大数据中心 or 人工智能为技术奇点 do not make industries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from regionkg.graph.extract import lexicon
from regionkg.graph.extract.mention import Mention, canonical, looks_damaged

_ITEM = r"[\u4e00-\u9fffA-Za-z0-9]{2,14}"
_ENUM = re.compile(
    rf"(?P<items>{_ITEM}(?:、{_ITEM})*)(?:等|(?=[两二三四五六七八九十\d][个大项]))(?:[两二三四五六七八九十\d][个大项])?"
    r"(?P<head>[\u4e00-\u9fffA-Za-z0-9]{0,10}?)"
    r"(?P<noun>产业赛道|细分赛道|赛道|产业链|产业集群|产业|行业|领域|方向|业态|服务业|制造业|企业|公司|厂商|机构|产品)"
)
_BREAK = re.compile(r"[,，。;；:：!！?？\n“”\"]")
_COMPANY_NOUNS = {"企业", "公司", "厂商", "机构"}
# words that open an enumeration: the first item starts after the last of them
_LEADS = ("重点推进", "推进", "重点发展", "大力发展", "加快发展", "聚焦于", "聚焦", "布局", "围绕", "深耕", "培育",
          "发展", "打造", "做强", "壮大", "涵盖", "覆盖", "包括", "引进", "吸引", "集聚", "聚集",
          "推动", "支持", "旗下", "在", "由", "与", "和", "如", "及", "以", "对", "向", "将", "把")
_CONJ = {"与", "和", "及"}
# verbs that open a list of products (生产A、B等产品); only for lists headed by 产品, since
# 生产 also lies inside item names elsewhere (安全生产)
_PRODUCT_LEAD = re.compile(r".*?(?:生产|制造|研发|主营|推出|出口|销售|提供)")
_MODIFIERS = re.compile(r"(?:细分|重点|新兴|战略性新兴|核心|优势|特色|主导|未来|通用|相关|前沿|传统)+$")
_CUE_AFTER = re.compile(r"(?:[和与及、][\u4e00-\u9fff]{2,6}?)?(?:产业|行业|赛道|领域|产业链|集群|基地|企业|(?:创新)?(?:发展|应用)?(?:试验区|先导区|示范区))")
_CUE_BEFORE = re.compile(r"(?:发展|支持|培育|聚焦|布局|壮大|做强|深耕|抓住|促进|推动|专注|致力于|巩固)[^,，。;；]{0,2}$")
_TRAILING_NOUN = re.compile(r"(?:产业|行业)$")


@dataclass
class Enumeration:
    """One ``A、B、C等…`` list: its item mentions, its head and the kind of head noun."""

    start: int
    end: int
    items: list[Mention]
    head: Mention | None
    companies: bool
    products: bool = False  # 生产A、B和C等产品: what a company makes (produces)


def _trim_first(text: str, start: int, end: int, name_ends: frozenset[int], later: bool = False) -> int:
    """Start of the first item: after the last lead word inside it. A conjunction leads only
    after a name (赣江新区与|欢瑞世纪…), not inside an item (科技研发和高端制造), and only in the
    first item: later it joins words of one item (机器人及智能装备) or the last two items."""
    best = start
    for lead in _LEADS:
        i = text.rfind(lead, start, end - 1)
        if lead in _CONJ and (later or i not in name_ends):
            continue
        if i >= 0 and i + len(lead) > best and end - (i + len(lead)) >= 2:
            best = i + len(lead)
    return best


def _clauses_with_deng(text: str):
    """Clauses (punctuation other than 、 ends them) that contain 等: the only places to look."""
    seen = -1
    for d in re.finditer("等|[两二三四五六七八九十\\d][个大项]", text):
        if d.start() < seen:
            continue
        b = _BREAK.search(text, d.start())
        end = b.start() if b else len(text)
        starts = [x.end() for x in _BREAK.finditer(text, max(0, d.start() - 200), d.start())]
        seen = end
        yield (starts[-1] if starts else max(0, d.start() - 200)), end


def find_enumerations(text: str, name_ends: frozenset[int] = frozenset()) -> list[Enumeration]:
    out: list[Enumeration] = []
    matches = (m for cs, ce in _clauses_with_deng(text) for m in _ENUM.finditer(text, cs, ce))
    for m in matches:
        companies = m.group("noun") in _COMPANY_NOUNS
        products = m.group("noun") == "产品"
        kind = "Enterprise" if companies else "Industry"
        items: list[Mention] = []
        pos = m.start("items")
        parts = m.group("items").split("、")
        for k, part in enumerate(parts):
            s, e = pos, pos + len(part)
            pos = e + 1
            trimmed = _trim_first(text, s, e, name_ends, later=k > 0)
            if trimmed > s and k > 0:
                items.clear()  # 长沙市、湘潭市重点发展整车制造、…: the list starts after the verb
            s = trimmed
            if products and k == 0:
                lead = _PRODUCT_LEAD.match(text, s, e)
                if not lead or e - lead.end() < 2:
                    break  # 晶硅、电池等产品的…率: products named, but nobody said who makes them
                s = lead.end()
            name = text[s:e]
            if k == len(parts) - 1 and (k > 0 or products) and kind == "Industry":
                last = re.fullmatch(r"(.{2,}?)(?:和|及|与)(.{2,})", name)
                if last:  # …、未来空间和未来健康: the last two items joined by 和
                    a = last.group(1)
                    items.append(Mention(s, s + len(a), canonical(a), kind, "enumeration"))
                    s += len(a) + 1
                    name = last.group(2)
            if kind == "Industry" and _TRAILING_NOUN.sub("", name) in lexicon.industries():
                name = _TRAILING_NOUN.sub("", name)  # 生物医药产业 → 生物医药; 高新技术产业 stays
            if k == len(parts) - 1 and name.endswith("等"):
                name = name[:-1]  # 海洋信息等3个…: the 等 before a count
            if len(name) < 2 or looks_damaged(name):
                continue
            items.append(Mention(s, s + len(name), canonical(name), kind, "enumeration"))
        if not items or (len(items) == 1 and "等" not in text[m.end("items"):m.start("head")]):
            continue  # 首批设立8个研究方向: a count, not a list
        head = None
        if not companies and not products:
            h = _MODIFIERS.sub("", re.sub(r"^[十百千万]*亿?级", "", m.group("head")))  # 千亿级产业集群
            if m.group("noun") in ("服务业", "制造业"):
                h = m.group("head") + m.group("noun")  # 现代服务业 names an industry itself
            if len(h) >= 2:
                hs = m.start("head")
                head = Mention(hs, hs + len(h), h, "Industry", "enumeration-head")
        out.append(Enumeration(m.start(), m.end(), items, head, companies, products))
    return out


def has_cue(text: str, start: int, end: int, name: str) -> bool:
    """Whether an industry word at ``[start, end)`` is used as an industry here."""
    if name.endswith(("经济", "产业")):
        return True
    return bool(_CUE_AFTER.match(text, end)) or bool(
        _CUE_BEFORE.search(text, max(0, start - 6), start))


def keep_in_context(text: str, lex: list[Mention], in_enum: set[tuple[int, int]]) -> list[Mention]:
    """Drop vocabulary industries used without an industry cue; a word coordinated with an
    accepted one (人形机器人、量子计算、新型储能…) is accepted with it."""
    ok = [m.type != "Industry" or (m.start, m.end) in in_enum or has_cue(text, m.start, m.end, m.name)
          for m in lex]
    changed = True
    while changed:
        changed = False
        for k in range(len(lex)):
            if ok[k] or lex[k].type != "Industry":
                continue
            for j in (k - 1, k + 1):
                if 0 <= j < len(lex) and ok[j] and lex[j].type == "Industry":
                    a, b = sorted((lex[k], lex[j]), key=lambda m: m.start)
                    if text[a.end:b.start] in ("、", "和", "与", "及"):
                        ok[k] = changed = True
    return [m for m, keep in zip(lex, ok) if keep]



_EXT_AFTER = re.compile(r"产业|[、等和]")


def extend_left(text: str, mentions: list[Mention]) -> None:
    """光电子信息 / 新一代电子信息: a vocabulary industry preceded by one of the closed class of
    industry modifiers (data/industry_modifiers.txt) is named with it, when a list or 产业
    follows."""
    mods = lexicon.industry_modifiers()
    for m in mentions:
        if m.type != "Industry" or m.rule != "lexicon" or not _EXT_AFTER.match(text, m.end):
            continue
        for mod in mods:
            if text.endswith(mod, 0, m.start):
                m.start, m.name = m.start - len(mod), mod + m.name
                break
