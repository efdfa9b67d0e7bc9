"""Relations: structural ones (partOf, locatedIn, holdsRole) here; policy and activity
constructions in ``policy_rel.py`` and ``activity_rel.py``. ``find_relations`` runs them all."""

from __future__ import annotations

import re

from regionkg.graph.extract import gazetteer
from regionkg.graph.extract.context import ORG_TYPES, Context
from regionkg.graph.extract.industries import Enumeration
from regionkg.graph.extract.mention import Mention
from regionkg.graph.extract.people import CORPORATE as _CORPORATE, RoleMention
from regionkg.graph.model import Relation

# which organisation a bare title refers to when the name is not in front of it
_ROLE_FITS = {
    "院长": ("院",), "所长": ("所",), "校长": ("大学", "学院"), "局长": ("局",), "厅长": ("厅",),
    "主任": ("中心", "委员会", "办公室", "室", "委"), "会长": ("会",), "理事长": ("会",),
}
_HQ = re.compile(r"(?:总部|总部基地|注册地)(?:位于|设在|坐落于|落户于?)")
_LOCATING = re.compile(r"(?:位于|地处|坐落于|落户|在|于)$")
_SCOPE_NOUN = re.compile(r"(?:的)?(?:第[^,，。、]{1,3}个)?[^,，。]{0,4}?(?:国家级新区|新区|城市群|城市|省份|经济区|中心城市)")
_DATELINE = re.compile(r"[\u4e00-\u9fff]{0,6}\d{1,2}月\d{1,2}日电")
_ATTRACT = re.compile(r"(?:吸引|引进|集聚|聚集|汇聚)了?(?P<tail>[^。；;]{2,80}?)(?:等[\u4e00-\u9fff]{0,8}?)?(?:入驻|落户|落地|企业\d|企业[,，。])")
_SITS = re.compile(r"(?:位于|地处|坐落于|坐落在|落户|落户于|设在|总部位于)")
_SUBSIDIARY = re.compile(r"(?:的)?(?:全资|控股|参股)?(?:子公司|分公司)")
_BRACKET_PLACE = re.compile(r"[(（]([\u4e00-\u9fff]{2,8})[)）]")


def rel(ctx: Context, s: str, p: str, o: str, start: int, end: int,
        role: str | None = None) -> Relation:
    """A relation whose evidence is clean-text ``[start, end)`` mapped to the original."""
    return Relation(s, p, o, ctx.span(start, end), role)


def find_relations(ctx: Context, roles: list[RoleMention], enums: list[Enumeration]) -> list[Relation]:
    from regionkg.graph.extract import activity_rel, policy_rel

    out: list[Relation] = []
    out += part_of(ctx)
    out += located_in(ctx)
    out += holds_role(ctx, roles)
    out += policy_rel.find(ctx)
    out += activity_rel.find(ctx, enums)
    return out


def part_of(ctx: Context) -> list[Relation]:
    """Nested organisations, agencies named after their region, and divisions in their parent."""
    out = []
    for m in ctx.mentions:
        if m.nested or m.type not in ORG_TYPES | {"Region"}:
            continue
        if m.rule not in ("suffix", "region-body"):  # 合肥市政府 partOf 合肥市
            continue
        inner = [n for n in ctx.within(m.start, m.end, ORG_TYPES | {"Region"}, nested=True)
                 if n.start == m.start and n.end < m.end and n.subtype != "MacroRegion"]
        if not inner:
            continue
        n = max(inner, key=lambda k: k.end)  # the next level up: 长兴经济技术开发区, not 长兴
        chain = {k.start: k for k in ctx.within(m.start, m.end, {"Region"}, nested=True)
                 if k.subtype != "MacroRegion" and k.end < m.end}
        while n.type == "Region" and n.end in chain:  # 上海市浦东新区科技和经济委员会 → 浦东新区
            n = chain[n.end]
        if n.type in ORG_TYPES - {"Park"} or (
                n.type == "Region" and m.type in ("GovernmentAgency", "Region")):
            out.append(rel(ctx, m.name, "partOf", n.name, m.start, m.end))
    for m in ctx.top:  # 我们旗下的X / 公司旗下X: a subsidiary of the article's company
        if m.type == "Enterprise" and re.search(r"旗下的?$", ctx.text[max(0, m.start - 3):m.start]):
            owner = ctx.last_before(m.start, ctx.clause(m.start)[0], {"Enterprise"})
            parent = owner.name if owner else ctx.most_mentioned(
                lambda x: x.type == "Enterprise" and x.name != m.name, "Enterprise-owner")
            if parent and parent != m.name:
                out.append(rel(ctx, m.name, "partOf", parent, m.start - 2, m.end))
    for a, b in zip(ctx.top, ctx.top[1:]):
        link = _SUBSIDIARY.fullmatch(ctx.text, a.end, b.start)
        if a.type == "Enterprise" and b.type == "Enterprise" and link:
            out.append(rel(ctx, b.name, "partOf", a.name, a.start, b.end))
    for a, b in zip(ctx.top, ctx.top[1:]):  # 广东省横琴粤澳深度合作区执行委员会
        if a.type == "Region" and a.subtype in ("Province", "City") and a.end == b.start and b.type != "Region":
            zone = next((z for z in ctx.within(b.start, b.end, {"Region"}, nested=True)
                         if z.start == b.start and z.subtype in ("DevelopmentZone", "NationalNewArea")), None)
            if zone:
                out.append(rel(ctx, zone.name, "partOf", a.name, a.start, zone.end))
    regions = [m for m in ctx.top if m.type == "Region"]
    present = {m.name for m in ctx.mentions if m.type == "Region"}
    for a, b in zip(regions, regions[1:]):
        if a.end == b.start and b.subtype in ("DevelopmentZone", "NationalNewArea") and a.subtype in (
                "Province", "City", "County", "District"):
            out.append(rel(ctx, b.name, "partOf", a.name, a.start, b.end))
        if a.end == b.start and b.parent == a.name:
            ctx.aliases.append((ctx.text[a.start:b.end], b.name, f"{b.name} prefixed by its parent {a.name}"))
    seen: set[str] = set()
    for m in regions:
        if m.parent and m.parent in present and m.name not in seen:
            seen.add(m.name)
            out.append(rel(ctx, m.name, "partOf", m.parent, m.start, m.end))
    return out


def located_in(ctx: Context) -> list[Relation]:
    """位于L的O, 在L，O…, X(上饶)有限公司, parks of the article's region, and 中部地区的…新区."""
    out = []
    top = ctx.top
    for i, loc in enumerate(top):
        if loc.type not in ("Region", "Park") or i + 1 >= len(top):
            continue
        nxt = top[i + 1]
        gap = ctx.text[loc.end:nxt.start]
        cs, _ = ctx.clause(loc.start)
        lead = ctx.text[ctx.sentence(loc.start)[0]:loc.start]
        if nxt.type in ORG_TYPES and gap in ("", "的", ",", "，") and (
                _LOCATING.search(ctx.text, cs, loc.start) or re.search(r"(?:位于|地处|在)[^,，。]{0,30}$", lead)):
            out.append(rel(ctx, nxt.name, "locatedIn", loc.name, loc.start, nxt.end))
    for i, org in enumerate(top[:-1]):
        verb = _SITS.match(ctx.text, org.end)
        if org.type in ORG_TYPES and verb:
            chain = [m for m in top[i + 1:i + 4] if m.type in ("Region", "Park")]
            last = None
            pos = verb.end()
            for m in chain:
                if m.start != pos:
                    break
                last, pos = m, m.end
            if last:
                out.append(rel(ctx, org.name, "locatedIn", last.name, org.start, last.end))
    for hq in _HQ.finditer(ctx.text):  # 智源视觉成立于2011年，总部位于杭州市滨江区
        chain: list[Mention] = []
        for m in ctx.within(hq.end(), hq.end() + 30, {"Region"}):  # 杭州市|滨江区: the last one
            if m.start != (chain[-1].end if chain else hq.end()):
                break
            chain.append(m)
        owner = ctx.subject(hq.start())
        if chain and owner and any(m.name == owner and m.type in ORG_TYPES for m in top):
            out.append(rel(ctx, owner, "locatedIn", chain[-1].name, hq.start(), chain[-1].end))
    for m in top:
        if m.type == "Enterprise":
            b = _BRACKET_PLACE.search(m.name)
            if b:
                place = gazetteer.places().get(b.group(1))
                if place:
                    out.append(rel(ctx, m.name, "locatedIn", place[0].name, m.start, m.end))
        if m.type == "Region" and m.subtype == "MacroRegion":
            out += _in_macro(ctx, m)
    out += _attracted(ctx)
    located = {r.s for r in out}
    if ctx.main:
        for m in top:
            if m.type == "Park" and m.name not in located:
                located.add(m.name)
                out.append(rel(ctx, m.name, "locatedIn", ctx.main, m.start, m.end))
    return out


def _attracted(ctx: Context) -> list[Relation]:
    """洋浦经济开发区…已吸引A、B等企业入驻 → A and B are located in the zone."""
    out = []
    for m in _ATTRACT.finditer(ctx.text):
        ss, _ = ctx.sentence(m.start())
        place = ctx.last_before(m.start(), ss, {"Region", "Park"})
        if place is None or place.subtype not in ("DevelopmentZone", "NationalNewArea", None) or not (
                ctx.opens_clause(place)):
            continue
        for org in ctx.within(m.end(), m.end("tail"), ORG_TYPES - {"Park"}):
            out.append(rel(ctx, org.name, "locatedIn", place.name, place.start, m.end()))
    return out


def _in_macro(ctx: Context, macro: Mention) -> list[Relation]:
    """是…中部地区第二个国家级新区 / 作为中部地区的国家级新区 → the sentence's region is in it."""
    if not _SCOPE_NOUN.match(ctx.text, macro.end):
        return []
    ss, se = ctx.sentence(macro.start)
    before = ctx.text[ss:macro.start]
    if not re.search(r"(?:是|作为|为)", before):
        return []
    subj = next((m for m in ctx.within(ss, se, {"Region"})
                 if m.subtype not in ("MacroRegion",) and m is not macro), None)
    name = subj.name if subj else ctx.main
    if not name:
        return []
    return [rel(ctx, name, "locatedIn", macro.name, macro.start, macro.end)]


def holds_role(ctx: Context, roles: list[RoleMention]) -> list[Relation]:
    out = []
    last: tuple[int, str] | None = None  # (end of the last person, their organisation)
    for r in sorted(roles, key=lambda x: x.role_start):
        org = _role_org(ctx, r)
        if org is None and last and ctx.text[last[0]:r.role_start] in ("、", "，", ","):
            org = last[1]  # 公司总经理章晓军、首席技术官汪洋
        if org:
            last = (r.person.end, org)
        if org:
            start = r.role_start if r.org_end < 0 else min(r.role_start, r.org_end)
            out.append(rel(ctx, r.person.name, "holdsRole", org, start, r.person.end, r.role))
    return out


def _role_org(ctx: Context, r: RoleMention) -> str | None:
    """The organisation of a role: written right before the title, else the nearest fitting one."""
    if r.org_end < 0:
        line = ctx.text.rfind("\n", 0, r.role_start) + 1
        near = ctx.last_before(r.role_start, line, {"Organization"})
        if near and r.org_hint in (None, "本报") and (near.end >= r.role_start - 4 or _DATELINE.match(
                ctx.text, near.end)):
            return near.name  # 长江日报讯（记者 …）, 新华社贵阳3月2日电（记者 …）
        return _outlet(ctx, r.org_hint)
    direct = next((m for m in ctx.top if m.end == r.org_end and m.type in ORG_TYPES | {"Region"}), None)
    if direct and direct.type != "Region":
        return direct.name
    if direct:  # 杭州市副市长: the post is in the region's government, when the text names it
        body = "委" if r.role.endswith("书记") else "人民政府"
        gov = direct.name + body
        return gov if any(m.name == gov for m in ctx.mentions) else None
    if r.role in ("记者", "特约记者", "首席记者", "通讯员"):
        near = ctx.last_before(r.role_start, max(0, r.role_start - 20), {"Organization"})
        return near.name if near and near.end >= r.role_start - 4 else _outlet(ctx, None)
    if ctx.text.endswith(("公司", "该公司", "集团"), 0, r.role_start):
        return ctx.most_mentioned(lambda m: m.type == "Enterprise", "Enterprise")
    anaphor = ctx.anaphor(r.role_start)
    if anaphor:
        return anaphor  # 实验室主任由…担任: the article's 实验室
    if r.role_start > 0 and not re.match(r"[\s,，。;；:：!！?？…“”\"）)]", ctx.text[r.role_start - 1]):
        return None  # something unrecognised stands right before the title: do not guess
    fits = _ROLE_FITS.get(re.sub(r"^(?:执行|常务|副)+", "", r.role.split("、")[-1]))
    corporate = r.role.startswith(_CORPORATE)
    if not fits and not corporate:
        return None
    lo = max(0, r.role_start - 400)
    for m in reversed(ctx.within(lo, r.role_start, ORG_TYPES)):
        if (fits and m.name.endswith(fits)) or (corporate and m.type == "Enterprise"):
            return m.name
    return None


def _outlet(ctx: Context, hint: str | None) -> str | None:
    """本报 → the paper whose 记者 the article also quotes (经济日报记者…); a named outlet as is."""
    if hint and hint not in ("本报", "本台", "本刊"):
        return hint
    for m in ctx.top:
        if m.type == "Organization" and ctx.text.startswith("记者", m.end):
            return m.name
    return None
