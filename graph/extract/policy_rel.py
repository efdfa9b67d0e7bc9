"""Policy relations: A出台/制定/印发《P》 → issuedBy; 根据《P》…制定《Q》 → basedOn;
《P》提出要促进X / regions and industries named in the title → targets / supports."""

from __future__ import annotations

import re

from regionkg.graph.extract.context import ACTOR_TYPES, Context
from regionkg.graph.extract.relations import rel
from regionkg.graph.model import Relation

_ISSUE = re.compile(r"(?:出台|制定|印发|发布|颁布|推出|编制|审议通过|出台实施|研究制定)了?的?$")
_ADVERBS = re.compile(r"(?:关于|配套|先后|相继|联合|正式|近日|日前|专门|还|也|又|再|已|已经|率先|研究|,|，)*$")
_BASIS = re.compile(r"(?:根据|依据|按照|依照|贯彻|落实|对照)$")
# 为贯彻落实《P》…，制定本方案: the document itself (its first other policy title) is based on P
_OWN = re.compile(r"(?:制定|出台|编制|印发)本(?:方案|办法|意见|规划|计划|细则|措施|规定|通知)|现?提出(?:如下|以下)(?:意见|措施)")
_PROPOSE = re.compile(r"[,，]?(?:明确)?(?:提出|要求|指出|强调)")
_GROUP = re.compile(r"等[\u4e00-\u9fff]{0,3}(?:部门|单位|机构|部委)?$")
_BY = re.compile(r"(?:该|这一|此|上述)(?:方案|意见|规划|计划|政策|办法|文件|通知|措施)由(?P<actors>[^,，。；;]{2,40}?)(?:联合|共同)?(?:印发|发布|出台|制定|颁布)")
_GENERIC_REGION = ("MacroRegion",)


def find(ctx: Context) -> list[Relation]:
    out: list[Relation] = []
    policies = [m for m in ctx.top if m.type == "Policy"]
    for p in policies:
        out += _issued_by(ctx, p) + _issuer_in_title(ctx, p)
        out += _title_targets(ctx, p)
        out += _proposes(ctx, p)
    out += _based_on(ctx, policies)
    out += _issued_by_ref(ctx, policies)
    return out


def _issued_by(ctx: Context, p) -> list[Relation]:
    ss, _ = ctx.sentence(p.start)
    head = ctx.text[ss:p.start]
    m = _ISSUE.search(head)
    if not m:
        return []
    verb_start = ss + m.start()
    adv = _ADVERBS.search(ctx.text, ss, verb_start)
    actor_end = adv.start() if adv else verb_start
    group = _GROUP.search(ctx.text, ss, actor_end)
    if group:
        actor_end = group.start()  # 工业和信息化部、国家发展改革委、科技部等七部门联合印发
    actor = ctx.last_before(actor_end, ss, ACTOR_TYPES)
    if actor is not None and actor.end == actor_end and actor.subtype != "MacroRegion":
        return [rel(ctx, p.name, "issuedBy", a.name, a.start, p.end) for a in _chain(ctx, actor)]
    name = ctx.subject(verb_start)
    return [rel(ctx, p.name, "issuedBy", name, ss, p.end)] if name else []


def _issuer_in_title(ctx: Context, p) -> list[Relation]:
    """国务院关于推动…的实施意见: the agency that opens a 关于 title issued it."""
    inner = ctx.text.find("关于", p.start, p.end)
    if inner < 0:
        return []
    heads = [n for n in ctx.within(p.start, inner + 1, {"GovernmentAgency"}, nested=True)
             if n.end == inner]
    return [rel(ctx, p.name, "issuedBy", max(heads, key=lambda n: n.end - n.start).name, p.start, p.end)] if heads else []


def _chain(ctx: Context, last) -> list:
    """The actors of a list ``A、B和C`` that ends with ``last``."""
    chain = [last]
    for m in reversed(ctx.within(ctx.clause(last.start)[0], last.start, ACTOR_TYPES)):
        if ctx.text[m.end:chain[-1].start] in ("、", "和", "与", "及", "，"):
            chain.append(m)
        else:
            break
    return chain[::-1]


def _issued_by_ref(ctx: Context, policies) -> list[Relation]:
    """该方案由中共中央、国务院印发 → the policy last named is issued by each of them."""
    out = []
    for m in _BY.finditer(ctx.text):
        before = [p for p in policies if p.end <= m.start()]
        if not before or ctx.text.count("。", before[-1].end, m.start()) > 1:
            continue
        actors = ctx.within(m.start("actors"), m.end("actors"), ACTOR_TYPES)
        out += [rel(ctx, before[-1].name, "issuedBy", a.name, m.start(), m.end()) for a in actors]
    return out


def _title_targets(ctx: Context, p) -> list[Relation]:
    out = []
    for n in ctx.within(p.start, p.end, nested=True):
        if n is p:
            continue
        if n.type == "Region":
            out.append(rel(ctx, p.name, "targets", n.name, p.start, p.end))
        elif n.type == "Industry":
            out.append(rel(ctx, p.name, "supports", n.name, p.start, p.end))
    return out


def _proposes(ctx: Context, p) -> list[Relation]:
    """《P》，提出要促进赣江新区加快培育发展数字经济… → targets the regions, supports the industries."""
    if not _PROPOSE.match(ctx.text, p.end):
        return []
    se = ctx.text.find("\n", p.end)
    se = len(ctx.text) if se < 0 else se  # what a policy 提出 runs to the end of its paragraph
    stop = ctx.text.find("《", p.end)
    end = se if stop < 0 else min(se, stop)
    ctx.proposals.append((p.end, end))
    out = []
    for n in ctx.within(p.end, end):
        if n.type == "Region" and n.subtype not in _GENERIC_REGION:
            out.append(rel(ctx, p.name, "targets", n.name, p.start, n.end))
        elif n.type == "Industry":
            out.append(rel(ctx, p.name, "supports", n.name, p.start, n.end))
    return out


def _based_on(ctx: Context, policies) -> list[Relation]:
    out = []
    for a in policies:
        ss, se = ctx.sentence(a.start)
        own = _OWN.search(ctx.text, a.end, se)
        this = next((p for p in policies if p.name != a.name), None)
        if own and this and _BASIS.search(ctx.text, ss, a.start):
            out.append(rel(ctx, this.name, "basedOn", a.name, a.start, own.end()))
    for a, b in zip(policies, policies[1:]):
        if ctx.sentence(a.start) != ctx.sentence(b.start):
            continue
        if _BASIS.search(ctx.text, ctx.sentence(a.start)[0], a.start) and _ISSUE.search(
                ctx.text, a.end, b.start):
            out.append(rel(ctx, b.name, "basedOn", a.name, a.start, b.end))
    return out
