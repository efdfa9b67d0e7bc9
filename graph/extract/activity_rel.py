"""What regions and organisations do: focusesOn (聚焦A、B等…赛道, 发展X产业), produces
(生产A、B等产品), foundedBy
(由A与B联合组建, 携手A共建B) and partnerOf (A携手B)."""

from __future__ import annotations

import re

from regionkg.graph.extract.context import ACTOR_TYPES, ORG_TYPES, Context
from regionkg.graph.extract.industries import Enumeration
from regionkg.graph.extract.relations import rel
from regionkg.graph.model import Relation

_FOCUS_VERB = re.compile(r"(?:聚焦|布局|发展|培育|抓住|深耕|做强|壮大|打造|主攻|瞄准|突出|专注|致力于|巩固)[^,，。;；]{0,2}$")
_FOUND = re.compile(r"由(?P<founders>[^。；;]{2,80}?)(?:联合|共同|合作)?(?:组建|发起成立|发起设立|设立|成立|创办|创建|共建|打造)")
_COBUILD = re.compile(r"(?:携手|联合|与|同|和)(?P<partner>[^,，。；;]{2,30}?(?:签署[^,，。；;]{0,12}[,，])?)(?:共建|合建|共同建设|联合成立|共同成立|合作共建|共同打造|共同出资设立|共同出资成立|合资设立|合资成立|合资组建|共同投资设立)")
_FOUNDER_TYPES = ACTOR_TYPES | {"Person"}


_AGREE = re.compile(r"(?:与|同|和)(?P<partner>[^,，。；;]{2,30}?)(?:签署|签订)(?:了)?[^,，。；;]{0,8}?(?:协议|备忘录|合同)|(?:与|同|和)(?P<partner2>[^,，。；;]{2,30}?)(?:达成|开展)(?:战略)?合作|(?:与|同|和)(?P<partner3>[^,，。；;]{2,30}?)(?:共同|携手)(?:推动|推进|举办|承办)")
_CO_FOUND = re.compile(r"(?:等[\u4e00-\u9fff]{0,4})?(?:共同|联合)(?:发起成立|发起设立|发起|成立|组建|设立)")
_INVEST = re.compile(r"投资[^,，。；;]{0,12}?[,，]?[^。；;]{0,4}?在$")
_BUILD_AFTER = re.compile(r"(?:建设|新建|投建|布局|建成|打造)")


def find(ctx: Context, enums: list[Enumeration]) -> list[Relation]:
    return (_focus(ctx, enums) + _produces(ctx, enums) + _founded(ctx) + _cobuilt(ctx) + _agreements(ctx)
            + _co_founded(ctx) + _invests(ctx) + _joins(ctx))


_JOIN = re.compile(r"(?:正式|已|已经|先后)?(?:加入|入选|成为)$")
_GROUPS = ("联盟", "协会", "学会", "商会", "促进会", "联合会", "共同体")


def _joins(ctx: Context) -> list[Relation]:
    """A加入X联盟 / A成为X协会会员 → A memberOf X (a group, alliance or association)."""
    out = []
    for m in ctx.top:
        if m.type != "Organization" or not m.name.endswith(_GROUPS):
            continue
        cs, _ = ctx.clause(m.start)
        verb = _JOIN.search(ctx.text, cs, m.start)
        if not verb:
            continue
        who = ctx.last_before(verb.start(), cs, _FOUNDER_TYPES - {"Person"})
        name = who.name if who and who.end == verb.start() else ctx.subject(verb.start())
        if name and name != m.name:
            out.append(rel(ctx, name, "memberOf", m.name, verb.start(), m.end))
    return out


def _agreements(ctx: Context) -> list[Relation]:
    """A与B签署合作协议 / 达成合作 → partnerOf."""
    out = []
    for a in _AGREE.finditer(ctx.text):
        group = next(g for g in ("partner", "partner2", "partner3") if a.group(g))
        lead = ctx.last_before(a.start(), ctx.clause(a.start())[0], _FOUNDER_TYPES - {"Person"})
        partners = ctx.within(a.start(group), a.end(group), _FOUNDER_TYPES - {"Person"})
        name = lead.name if lead and lead.end == a.start() else ctx.subject(a.start())
        for p in partners:
            if name and name != p.name:
                out.append(rel(ctx, name, "partnerOf", p.name, a.start(), a.end()))
    return out


def _co_founded(ctx: Context) -> list[Relation]:
    """A、B、C等单位共同发起成立X → X foundedBy A, B, C."""
    out = []
    for c in _CO_FOUND.finditer(ctx.text):
        cs, ce = ctx.clause(c.start())
        made = ctx.first_after(c.end(), ce, ORG_TYPES)
        if made is None or made.start != c.end():
            continue
        for m in ctx.within(cs, c.start(), _FOUNDER_TYPES):
            out.append(rel(ctx, made.name, "foundedBy", m.name, cs, made.end))
    return out


def _invests(ctx: Context) -> list[Relation]:
    """E(计划)投资N亿元，在L建设… → E investsIn L."""
    out = []
    for k, e in enumerate(ctx.top):
        if e.type != "Enterprise":
            continue
        for loc in ctx.top[k + 1:k + 4]:
            if loc.type not in ("Region", "Park"):
                continue
            between = ctx.text[e.end:loc.start]
            if _INVEST.search(between) and _BUILD_AFTER.match(ctx.text, loc.end):
                out.append(rel(ctx, e.name, "investsIn", loc.name, e.start, loc.end))
            break
    return out


def _focus(ctx: Context, enums: list[Enumeration]) -> list[Relation]:
    out = []
    for e in enums:
        if e.companies or e.products:
            continue
        pos = e.items[0].start
        subjects = _listed_subjects(ctx, pos)
        ss, _ = ctx.sentence(pos)
        if not subjects or ctx.last_before(pos, ss, {"Policy"}) or any(
                a <= pos < b for a, b in ctx.proposals):
            continue  # a policy's list is what it supports, handled with the policy
        for s in subjects:
            for item in e.items + ([e.head] if e.head else []):
                out.append(rel(ctx, s, "focusesOn", item.name, e.start, e.end))
    for a, b in zip(ctx.top, ctx.top[1:]):  # 成都高新区集成电路产业实现…: the region's industry
        if (a.type in ("Region", "Park") and a.subtype != "MacroRegion" and b.type == "Industry"
                and a.end == b.start and ctx.text.startswith("产业", b.end)):
            out.append(rel(ctx, a.name, "focusesOn", b.name, a.start, b.end + 2))
    for k, m in enumerate(ctx.top):
        lead = m
        while k > 0 and ctx.top[k - 1].type == "Industry" and ctx.text[ctx.top[k - 1].end:lead.start] in "和与及、":
            k, lead = k - 1, ctx.top[k - 1]  # 巩固在动力电池和储能领域: the verb governs both
        if m.type == "Industry" and m.rule != "enumeration" and _FOCUS_VERB.search(
                ctx.text, max(0, lead.start - 6), lead.start):
            s = ctx.subject(m.start)
            if any(a <= m.start < b for a, b in ctx.proposals):
                continue  # what a policy proposes is what it supports, not what a region does
            if s and not ctx.last_before(m.start, ctx.sentence(m.start)[0], {"Policy"}):
                out.append(rel(ctx, s, "focusesOn", m.name, ctx.clause(m.start)[0], m.end))
    return out


def _produces(ctx: Context, enums: list[Enumeration]) -> list[Relation]:
    """(公司)生产A、B和C等产品 → the acting enterprise produces A, B and C."""
    out = []
    for e in enums:
        if not e.products:
            continue
        maker = ctx.subject(e.items[0].start)
        kind = next((m.type for m in ctx.mentions if m.name == maker), None)
        if maker and kind == "Enterprise":
            out.extend(rel(ctx, maker, "produces", i.name, ctx.clause(e.start)[0], e.end) for i in e.items)
    return out


def _listed_subjects(ctx: Context, pos: int) -> list[str]:
    """长沙市、株洲市、湘潭市重点发展…: every region of a list opening the clause, else the subject."""
    cs, _ = ctx.clause(pos)
    regions = [m for m in ctx.within(cs, pos, {"Region"}) if m.subtype != "MacroRegion"]
    if len(regions) > 1 and all(ctx.text[a.end:b.start] in ("、", "和", "与", "及")
                                for a, b in zip(regions, regions[1:])) and regions[0].start == cs:
        return [m.name for m in regions]
    s = ctx.subject(pos)
    return [s] if s else []


_LEAD_FOUND = re.compile(r"(?:牵头|联合|共同|出资|投资)?(?:组建|发起成立|发起设立|出资设立|设立|创办|创建)")


def _founded(ctx: Context) -> list[Relation]:
    out = []
    for k, a in enumerate(ctx.top[:-1]):  # A牵头组建X
        f = _LEAD_FOUND.match(ctx.text, a.end)
        made = ctx.top[k + 1]
        if f and a.type in _FOUNDER_TYPES and made.start == f.end() and made.type in ORG_TYPES:
            out.append(rel(ctx, made.name, "foundedBy", a.name, a.start, made.end))
    for f in _FOUND.finditer(ctx.text):
        ss, _ = ctx.sentence(f.start())
        after = ctx.first_after(f.end() + 1, ctx.clause(f.end())[1], ORG_TYPES)
        if ctx.text.startswith("的", f.end()) and after and after.start == f.end() + 1:
            thing = after  # 由A与B联合组建的X: the thing founded follows
        else:
            thing = ctx.last_before(f.start(), ss, ORG_TYPES)
        if thing is None:
            continue
        for m in ctx.within(f.start("founders"), f.end("founders"), _FOUNDER_TYPES):
            if m.type == "Region" and _inside_name(ctx.text, m):
                continue  # 中车株洲所: a place inside a name nobody recognised is no founder
            out.append(rel(ctx, thing.name, "foundedBy", m.name, f.start(), f.end()))
    return out + _both_found(ctx)


_LIST_EDGE = "由与和及、同，,"


def _inside_name(text: str, m) -> bool:
    """Whether name characters run into ``m`` on either side (not a list edge)."""
    before, after = text[m.start - 1:m.start], text[m.end:m.end + 1]
    return bool(re.match(r"[\u4e00-\u9fff]", before) and before not in _LIST_EDGE) or bool(
        re.match(r"[\u4e00-\u9fff]", after) and after not in _LIST_EDGE + "联共等合")


_BOTH_FOUND = re.compile(r"双方(?:将|还|已|拟)?(?:共同|联合|合作)?(?:组建|共建|成立|设立|创建|打造)")


def _both_found(ctx: Context) -> list[Relation]:
    """A与B签署…，双方将共同组建X → X foundedBy A and B (双方 = the last pair A与B before)."""
    out = []
    for f in _BOTH_FOUND.finditer(ctx.text):
        made = ctx.first_after(f.end(), ctx.clause(f.end())[1], ORG_TYPES)
        if made is None or made.start != f.end():
            continue
        actors = ctx.within(ctx.sentence(f.start())[0], f.start(), _FOUNDER_TYPES - {"Person"})
        pair = next(((a, b) for a, b in reversed(list(zip(actors, actors[1:])))
                     if ctx.text[a.end:b.start] in ("与", "和", "同")), None)
        for m in pair or ():
            out.append(rel(ctx, made.name, "foundedBy", m.name, pair[0].start, made.end))
    return out


def _cobuilt(ctx: Context) -> list[Relation]:
    out = []
    for c in _COBUILD.finditer(ctx.text):
        partners = ctx.within(c.start("partner"), c.end("partner"), _FOUNDER_TYPES)
        built = ctx.first_after(c.end(), ctx.clause(c.end())[1], ORG_TYPES)
        before = ctx.last_before(c.start(), ctx.clause(c.start())[0], _FOUNDER_TYPES - {"Person"})
        lead = before.name if before and before.end == c.start() else ctx.subject(c.start())
        if not partners:
            continue
        for p in partners:
            if lead:
                out.append(rel(ctx, lead, "partnerOf", p.name, c.start(), c.end()))
            if built:
                out.append(rel(ctx, built.name, "foundedBy", p.name, c.start(), built.end))
        if built and lead:
            out.append(rel(ctx, built.name, "foundedBy", lead, c.start(), built.end))
    return out
