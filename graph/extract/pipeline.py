"""``extract(nt)``: every rule run once over the clean text, then resolution, relations, indicators."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from pathlib import Path

from regionkg.errors import InputError
from regionkg.graph.extract import industries, infrastructure, lexicon, lexmatch, orgnames, people, titles
from regionkg.graph.extract.context import Context
from regionkg.graph.extract.indicators import find_indicators
from regionkg.graph.extract.mention import Mention, select_outer, working_text
from regionkg.graph.extract.relations import find_relations
from regionkg.graph.extract.resolve import ZONE_ABBR, build_entities, main_region, unify_names
from regionkg.graph.model import Document, Extraction, Relation
from regionkg.graph.text import NormalizedText, normalize


def collect_mentions(nt: NormalizedText) -> tuple[list[Mention], list[people.RoleMention],
                                                   list[industries.Enumeration]]:
    """All mentions (outer and nested), role mentions and enumerations of one text."""
    text = working_text(nt.text)
    lex = lexmatch.find(text)
    enums = industries.find_enumerations(text, frozenset(m.end for m in lex))
    in_enum = {(i.start, i.end) for e in enums for i in e.items}
    lex = industries.keep_in_context(text, lex, in_enum)
    found = lex + orgnames.find(text, lex) + titles.find(text) + infrastructure.find(text, lex)
    industries.extend_left(text, lex)
    roles = people.find_roles(text) + people.find_bylines(text)
    found += [r.person for r in roles] + people.find_speakers(text) + people.role_companies(text, roles)
    found += titles.industries_in_titles(text, [m for m in found if m.type == "Policy"])
    found = [m for m in found if not nt.is_quarantined(m.start, m.end)]
    mentions = select_outer(found)
    taken = [m for m in mentions if not m.nested]
    starts = [m.start for m in taken]
    extra: list[Mention] = []
    for enum in enums:
        for item in enum.items + ([enum.head] if enum.head else []):
            if nt.is_quarantined(item.start, item.end):
                continue
            near = taken[max(0, bisect.bisect_left(starts, item.start) - 1):bisect.bisect_left(starts, item.end)]
            if any(t.overlaps(item) and not (item.contains(t) and (t.type == "Industry" or (
                    t.type == "Region" and item.type == "Enterprise" and t.rule == "gazetteer"))) for t in near):
                continue  # 光伏新能源 as a listed item outranks 光伏 and 新能源 inside it, 大众安徽 安徽
            extra.append(item)
    extra += _organs_in_titles(text, roles, taken)
    mentions = select_outer(mentions + extra + _repeat_learned(text, mentions + extra))
    short = _short_names(text, mentions)
    if short:
        mentions = select_outer(mentions + short)
    unify_names(text, mentions)
    return mentions, roles, enums


_DATELINE = re.compile(r"[0-9０-９]{1,2}月[0-9０-９]{1,2}日(?:电|讯)")
_ORGANS = ("管理委员会", "管委会", "党工委", "人民政府", "政府", "党委")


def _organs_in_titles(text: str, roles: list[people.RoleMention], taken: list[Mention]) -> list[Mention]:
    """成都高新区党工委委员、管委会副主任王蓉: a bare organ word inside a title chain is the
    organ of the region that opens the chain (成都高新区管委会)."""
    out = []
    for r in roles:
        organ = next((o for o in _ORGANS if text.endswith(o, 0, r.role_start)), None)
        if organ is None or r.org_end != r.role_start:
            continue
        at = r.role_start - len(organ)
        if any(t.end == r.role_start for t in taken) or text[at - 1:at] not in ("、", ""):
            continue
        lo = max(0, at - 20, *(k + 1 for k in range(max(0, at - 20), at) if text[k] in ",，。;；:：\n"))
        region = next((t for t in reversed(taken) if lo <= t.start and t.end <= at and t.type == "Region"), None)
        if region and re.fullmatch(r"[\u4e00-\u9fff、]+", text[region.end:at]):
            out.append(Mention(at, r.role_start, region.name + organ, "GovernmentAgency", "organ",
                               why=f"the {organ} of {region.name}, named in the same title chain"))
    return out


_SHORT = re.compile(r"[（(](?:以下简称|下称|简称)[“\"「《]?([\u4e00-\u9fffA-Za-z0-9]{2,10})[”\"」》]?[)）]")


def _short_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """X（以下简称“Y”）: every later Y is a mention of X."""
    out = []
    for m in mentions:
        s = _SHORT.match(text, m.end)
        if m.nested or not s:
            continue
        short = s.group(1)
        why = f"declared short name (以下简称“{short}”)"
        for other in mentions:
            if other.name == short and other.type == m.type:
                other.name, other.why = m.name, why
        i = text.find(short)
        while i >= 0:
            out.append(Mention(i, i + len(short), m.name, m.type, "short-name", why=why))
            i = text.find(short, i + len(short))
    return out


_PLACE_BODY = re.compile(r"^([\u4e00-\u9fff]{2,4}?)(?:产业园区|工业园区|产业园|工业园|科学城|科技城|科创园|软件园)$")


def trade_name(name: str, regions: Sequence[str]) -> str | None:
    """京东方科技集团股份有限公司 → 京东方: drop brackets, a leading region (``regions`` longest
    first), then form and industry words from the end; None when fewer than two characters
    would remain."""
    core = re.sub(r"[(（][^)）]*[)）]", "", name)
    for r in regions:
        if core.startswith(r) and len(core) > len(r) + 2:
            core = core[len(r):]
            break
    changed = True
    while changed:
        changed = False
        for w in lexicon.trade_words():
            if core.endswith(w) and len(core) - len(w) >= 2:
                core, changed = core[: -len(w)], True
    return core if core != name and len(core) >= 2 else None


def _agency_tail(name: str, regions: list[str]) -> str | None:
    """高雄市政府经济发展局 → 经济发展局: what a later sentence calls the agency; None when the
    rest would be a bare generic word (人民政府, 委员会) or shorter than four characters."""
    for r in regions:  # longest first
        if name.startswith(r):
            tail = re.sub(r"^(?:人民政府|政府)", "", name[len(r):])
            if len(tail) >= 4 and tail not in lexicon.org_suffixes():
                return tail
            return None
    return None


def _repeat_learned(text: str, mentions: list[Mention]) -> list[Mention]:
    """Names learned from one construction (an enumeration item) found again elsewhere."""
    learned = {m.name: m for m in mentions if m.rule in ("enumeration", "role-org")}
    regions = {m.name for m in mentions if m.type == "Region"} | {
        text[m.start:m.end] for m in mentions if m.type == "Region"}
    traded: set[str] = set()
    by_length = lexicon.longest_first(regions)
    for m in mentions:
        if m.type == "Enterprise" and not m.nested and m.name not in traded:
            traded.add(m.name)
            trade = trade_name(m.name, by_length)
            if trade:
                learned.setdefault(trade, Mention(m.start, m.end, m.name, m.type, "trade-name",
                                                  why="the trade name (字号) of the full name"))
        tail = _agency_tail(m.name, by_length) if m.type == "GovernmentAgency" and not m.nested else None
        if tail:
            learned.setdefault(tail, Mention(m.start, m.end, m.name, m.type, "abbreviation",
                               why="the agency's name without its region (经济发展局 of 高雄市政府经济发展局)"))
        body = _PLACE_BODY.match(m.name) if (m.type == "Park" or m.subtype == "DevelopmentZone") else None
        if body and body.group(1) not in regions and len(body.group(1)) >= 2 and m.rule == "suffix":
            learned.setdefault(body.group(1), Mention(m.start, m.end, m.name, m.type, "abbreviation",
                               m.subtype, why="the place name without its 园区/科学城 suffix"))
        if m.subtype == "DevelopmentZone" and not any(m.name.startswith(r) for r in regions):
            learned.setdefault(m.name[:2], Mention(m.start, m.end, m.name, m.type, "abbreviation",
                               m.subtype, why="the place name that opens the zone's name"))
        for long, short in ZONE_ABBR:
            if m.subtype == "DevelopmentZone" and m.name.endswith(long) and len(m.name) > len(long):
                abbr = m.name[: -len(long)] + short
                learned[abbr] = Mention(m.start, m.end, m.name, m.type, "abbreviation", m.subtype,
                                        why="the customary abbreviation of the zone's name")
    have = {(m.start, m.end) for m in mentions}
    spans_of: dict[str, list[tuple[int, int]]] = {}
    for m in mentions:
        spans_of.setdefault(m.name, []).append((m.start, m.end))
    cover = [0] * (len(text) + 1)  # cover[i]: the furthest end of a mention that covers i
    for x in mentions:
        if x.nested:
            continue  # its outer mention covers it and ends no earlier
        end = x.end  # one slice per mention: a per-character loop costs more than the rest
        cover[x.start:end] = [c if c > end else end for c in cover[x.start:end]]
    out = []
    for name, m in learned.items():
        i = text.find(name)
        while i >= 0:
            inside = any(s <= i and i + len(name) <= e for s, e in spans_of.get(m.name, ())) or (
                m.rule not in ("enumeration", "role-org") and cover[i] >= i + len(name))
            if (i, i + len(name)) not in have and not inside:
                out.append(Mention(i, i + len(name), m.name, m.type, "repeat", m.subtype, why=m.why))
            i = text.find(name, i + len(name))
    return out


def extract(nt: NormalizedText) -> Extraction:
    """Entities, relations and indicators of one normalised article, with evidence spans."""
    mentions, roles, enums = collect_mentions(nt)
    ctx = Context(nt, mentions)  # a dateline's city (新华社南宁4月22日电) is where it was filed
    ctx.main = main_region([m for m in mentions if not _DATELINE.match(ctx.text, m.end)])
    rels = find_relations(ctx, roles, enums)
    # entities come from outer mentions, from nested organisations, and from nested names that
    # also occur on their own; relations may add nothing that has no entity
    outer_names = {(m.name, m.type) for m in mentions if not m.nested}
    outer_names |= _jurisdictions(mentions)
    keep = [m for m in mentions if not m.nested or m.type in ("Enterprise", "University",
            "ResearchInstitute", "GovernmentAgency", "Organization")
            or (m.name, m.type) in outer_names]
    ents = build_entities(nt, keep)
    for alias, name, why in ctx.aliases:
        for (ename, _t), ent in ents.items():
            if ename == name and alias not in ent.aliases:
                ent.aliases.append(alias)
                ent.merges.append(f"{alias} → {name}: {why}")
    names = {k[0] for k in ents}
    relations = [r for r in rels if r.s in names and r.o in names]
    indicators = find_indicators(ctx)
    doc = Document(nt.path, nt.sha256, nt.encoding, nt.original,
                   title=getattr(nt, "title", None), date=getattr(nt, "date", None),
                   repairs=list(nt.repairs))
    return Extraction(doc, list(ents.values()), _dedupe(relations), indicators)


def _jurisdictions(mentions: list[Mention]) -> set[tuple[str, str]]:
    """Regions that open an agency's or a zone's name (江苏省 in 江苏省人民政府): real subjects."""
    heads = [m for m in mentions if not m.nested and (
        m.type == "GovernmentAgency" or m.subtype in ("DevelopmentZone", "NationalNewArea"))]
    out = set()
    for m in mentions:
        if m.nested and m.type == "Region" and m.subtype != "MacroRegion" and any(
                h.start == m.start and h.end > m.end for h in heads):
            out.add((m.name, m.type))
    return out


def _dedupe(relations: list[Relation]) -> list[Relation]:
    seen: set[tuple] = set()
    out = []
    for r in relations:
        key = (r.s, r.p, r.o, r.role)
        if key not in seen and r.s != r.o:
            seen.add(key)
            out.append(r)
    return out


def extract_file(path: str | Path) -> Extraction:
    """Read, normalise and extract one article file."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path=str(p)) from exc
    return extract(normalize(data, str(p)))
