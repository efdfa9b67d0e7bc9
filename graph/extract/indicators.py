"""Indicators: number + unit + measure + subject + period, growth rates as their own measure.

The measure is the noun phrase before the number, after the subject and before the verb
(赣江新区|地区生产总值|比成立之初翻番,达|1188亿元); a transitive verb puts it between verb and
number (实现|营业收入|367.8亿元) or, for counts, after the unit (开通|1万多个|5G基站 → 5G基站数量).
A clause without its own measure (同比增长35.2%) reads the previous one: a growth verb makes a
growth rate of the previous measure (base_metric). ``全省3.5%的经济总量`` is a share
(经济总量占全省比重). Subjects dropped by Chinese syntax come from ``Context.subject``.
"""

from __future__ import annotations

import bisect
import re

from regionkg.graph.extract.context import Context
from regionkg.graph.extract.numbers import Quantity, find_period, find_quantities
from regionkg.graph.model import Indicator

_GROWTH = re.compile(r"(?P<yoy>同比|环比|比上年|较上年|比去年)?(?P<verb>增长|提升|提高|增加|上升|下降|减少|回落)了?$")
_LINK = re.compile(r"(?:分别|已经|已|将|共|累计|合计|总计|实现|完成|达到|达|为|突破|超过|至|到|占|增至|提升至|提高到|增长到|约为)+$")
_TRANSITIVE = re.compile(r"(?:实现|完成|创造|录得|拥有|新增|累计完成|累计实现|集聚|聚集|已有|共有|现有|引进|培育|建成|开通|安排)(?P<rest>.*)$")
_KEEP_VERB = re.compile(r"新增|集聚|聚集|引进|培育|开通|入驻")
_COUNT_VERB = re.compile(r"(?:设立|组建|成立|开通|建成|新建|建设|引进|培育|新增|拥有|落地|签约|招引|集聚|认定|入驻|布局|打造|部署|推动|带动|服务|吸引|帮助|支持)(?:了)?$")
_LEAD_JUNK = re.compile(r"^(?:省财政|市财政|每年|每年度|区内|开发区|高新区|园区|新区|研究中心|研究院|实验室|首期|全省|全市|全区|全县|我省|我市|本市|本省|公司|该公司|其中|此外|同时|全年|当年|目前|截至目前|总体看|以及|和|与|及|,|，|的|先后)+")
_SHARE = re.compile(r"(?P<scope>全省|全市|全国|全区|全县|全球)?$")
_TIME = re.compile(r"(?:(?:[\u4e00-\u9fff]{0,6}?(?:提出|明确|要求)|力争|计划|预计|争取)?[到至]?(?:(?:19|20)\d\d年|[一二][〇零九][〇零一二三四五六七八九]{2}年)(?:底|末)?|今年|去年|上年|前年|当年)?(?:上半年|下半年|前[一二三四1-4]个?季度|第?[一二三四1-4]季度|\d{1,2}[-—~至到]\d{1,2}月|前\d{1,2}个月|全年)?")
_NOUN_AFTER = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,14}?(?=[,，。;；、和与及]|$)")
_TOPIC = re.compile(r"^.*?(?:产业|行业|企业)(?=.)")
_HEAD_OF = re.compile(r"的(?:比重|占比|比例|份额|增速|规模|总量|数量)$")  # 占GDP的比重 stays whole
_SUBJECT_TYPES = {"Region", "Enterprise", "Park", "University", "ResearchInstitute", "Organization",
                  "GovernmentAgency", "Infrastructure"}


def _year(ctx: Context) -> int | None:
    date = getattr(ctx.nt, "date", None)
    return int(date[:4]) if date and date[:4].isdigit() else None


def find_indicators(ctx: Context) -> list[Indicator]:
    text = ctx.text
    year = _year(ctx)
    inside = [(m.start, m.end) for m in ctx.top if m.type not in ("Region", "Industry")]
    inside_starts = [s for s, _ in inside]
    out: list[Indicator] = []
    seen: dict[tuple, int] = {}
    prev: tuple[int, str] | None = None  # (sentence start, metric) of the last measure
    prev_subject: str | None = None
    prev_end = 0
    frames: dict[int, str | None] = {}  # sentence start → the paragraph's time frame before it
    for q in find_quantities(text):
        k = bisect.bisect_right(inside_starts, q.start) - 1
        if (k >= 0 and q.start < inside[k][1]) or ctx.nt.is_quarantined(q.start, q.end):
            continue
        ss, se = ctx.sentence(q.start)
        last = prev[1] if prev and prev[0] == ss else None
        found = _measure(ctx, q, last)
        if found is None:
            continue
        metric, base = found
        subject = _listed_subject(ctx, q) or _subject(
            ctx, q.start, prev_subject if prev and prev[0] == ss else None, prev_end)
        if subject is None:
            continue
        period = find_period(text, ss, q.start, year) or frames.setdefault(ss, find_period(
            text, text.rfind("\n", 0, ss) + 1, ss, year))  # the paragraph's time frame
        key = (subject, metric, q.value, q.unit)
        if key not in seen or (out[seen[key]].period is None and period):
            # a headline repeats a figure the body dates: the dated one replaces it
            ind = Indicator(subject, metric, q.value, q.unit, ctx.span(_evidence_start(ctx, q), q.end),
                            period, q.qualifier, q.normalized_value, q.normalized_unit, base)
            if key in seen:
                out[seen[key]] = ind
            else:
                seen[key] = len(out)
                out.append(ind)
        prev_subject, prev_end = subject, q.end
        if base is None:
            prev = (ss, metric)
    return _without_headline_repeats(ctx, out)


def _without_headline_repeats(ctx: Context, found: list[Indicator]) -> list[Indicator]:
    first_line = ctx.nt.span(0, max(1, ctx.text.find("\n"))).end if "\n" in ctx.text else -1
    body = {(i.subject, i.value, i.unit) for i in found if i.evidence.start >= first_line}
    return [i for i in found if i.evidence.start >= first_line or (i.subject, i.value, i.unit) not in body]


def _subject(ctx: Context, pos: int, previous: str | None, prev_end: int) -> str | None:
    """The clause's own subject (全省…, 公司…, an actor opening it), else an actor opening a
    clause since the previous indicator (A投资…；由B组建的C，将投资…), else the previous
    indicator's subject in the same sentence (同比增长…), else the sentence's subject."""
    ref = ctx.reference(pos)
    if ref:
        return ref
    cs, _ = ctx.clause(pos)
    since = max(prev_end, ctx.sentence(pos)[0]) if previous else cs
    own = next((m for m in reversed(ctx.within(since, pos, _SUBJECT_TYPES)) if ctx.opens_clause(m)
                and m.subtype != "MacroRegion"), None)
    if own:
        return own.name
    return previous or ctx.subject(pos)


def _evidence_start(ctx: Context, q: Quantity) -> int:
    return ctx.clause(q.start)[0]


def _measure(ctx: Context, q: Quantity, last: str | None) -> tuple[str, str | None] | None:
    """(metric, base metric of a growth rate) for quantity ``q``, or None when unreadable."""
    text = ctx.text
    cs, ce = ctx.clause(q.start)
    left = text[cs:q.start]
    after = text[q.end:ce]
    if "分别" in left:
        return _respectively(ctx, q, cs, ce)
    if left.endswith("、"):
        return None  # a value list without 分别: nothing to align it with
    if after.startswith("的"):
        return _share(ctx, q, left, after)
    if re.match(r"[长宽高深重]的", after):
        return None  # 6.1公里长的试驾道路: a description, not a statistic
    growth = _GROWTH.search(left)
    if growth and q.unit in ("%", "倍", "个百分点"):
        own = _noun(ctx, left[: growth.start()], cs)
        base = own or last
        if not base:
            return None
        return base + (growth.group("yoy") or "") + growth.group("verb"), base
    core = _LINK.sub("", left)
    if re.search(r"(?:年产|年产能|产能)$", core):  # 年产20吉瓦时新型储能电池项目
        noun = _NOUN_AFTER.match(after)
        return ((noun.group() if noun else "") + "年产能", None)
    if core.endswith("等") and q.normalized_unit == "count":  # A、B等3个千亿级产业集群
        noun = _NOUN_AFTER.match(after)
        return (noun.group() + "数量", None) if noun else None
    if _COUNT_VERB.search(core) and q.normalized_unit in ("count", "person"):
        noun = _NOUN_AFTER.match(after)
        return (noun.group() + "数量", None) if noun else None
    if not core.strip() and q.normalized_unit == "count":
        noun = _NOUN_AFTER.match(after) or re.match(r"[\u4e00-\u9fff]{2,4}", after)
        if noun:
            return noun.group()[:4] + "数", None
    metric = _noun(ctx, re.sub(r"^[\d.]+[个家项名所]", "", core), cs)
    if not metric:
        prev_clause = ctx.clause(cs - 1)[0] if cs > 0 else cs
        if prev_clause < cs and ctx.sentence(prev_clause) == ctx.sentence(q.start):
            metric = _noun(ctx, text[prev_clause:cs - 1], prev_clause)
    if not metric:
        return None
    if last and metric and not _TOPIC.match(metric) and _TOPIC.match(last) and left == text[cs:q.start] \
            and _TRANSITIVE.match(core):
        metric = _TOPIC.match(last).group() + metric
    if q.normalized_unit == "count" and not metric.endswith(("数", "量")):
        metric += "数"
    return metric, None


_LIST_SEP = re.compile(r"[、和与及]")


def _respectively(ctx: Context, q: Quantity, cs: int, ce: int) -> tuple[str, str | None] | None:
    """A、B分别增长7.2%、12%: the k-th value belongs to the k-th listed measure; a list whose
    length differs from the number of values is left alone (guessing would misassign).
    城镇和农村居民人均可支配收入 shares its tail: 城镇 → 城镇居民人均可支配收入."""
    text = ctx.text
    at = text.rfind("分别", cs, q.start)
    values = [v for v in _after_respectively(ctx, at, ce) if v.unit == q.unit]
    k = next((i for i, v in enumerate(values) if v.start + at == q.start), None)
    items = [x for x in _LIST_SEP.split(_noun(ctx, text[cs:at], cs)) if x]
    if k is not None and len(items) == 1 and len(listed_subjects(ctx, cs, at)) == len(values) > 1:
        items = items * len(values)  # 福州港、厦门港货物吞吐量分别为…: one measure, listed subjects
    if k is None or len(items) != len(values) or len(items) < 2:
        return None
    last = items[-1]
    if all(len(x) <= 2 for x in items[:-1]) and len(last) > 4:
        items = [x + last[len(x):] for x in items[:-1]] + [last]
    verb = text[at + 2:at + values[0].start]
    growth = _GROWTH.search(verb)
    if growth and q.unit in ("%", "倍", "个百分点"):
        return items[k] + (growth.group("yoy") or "") + growth.group("verb"), items[k]
    return items[k], None


def listed_subjects(ctx: Context, cs: int, at: int) -> list[str]:
    """The actors listed (A、B和C) right before the measure of a 分别 clause."""
    found = ctx.within(cs, at, _SUBJECT_TYPES)
    run = found[-1:]
    for a, b in zip(reversed(found[:-1]), reversed(found[1:])):
        if ctx.text[a.end:b.start] not in ("、", "和", "与", "及"):
            break
        run.insert(0, a)
    return [m.name for m in run] if len(run) > 1 else []


def _after_respectively(ctx: Context, at: int, ce: int) -> list[Quantity]:
    """The quantities of ``text[at:ce]`` (offsets relative to ``at``), once per 分别 clause."""
    key = (at, ce)
    if key not in ctx.scratch:
        ctx.scratch[key] = find_quantities(ctx.text[at:ce])
    return ctx.scratch[key]


def _listed_subject(ctx: Context, q: Quantity) -> str | None:
    """The k-th listed actor for the k-th value of a 分别 clause, if the counts agree."""
    if "分别" not in ctx.text:
        return None
    cs, ce = ctx.clause(q.start)
    at = ctx.text.rfind("分别", cs, q.start)
    if at < 0:
        return None
    names = listed_subjects(ctx, cs, at)
    values = [v.start + at for v in _after_respectively(ctx, at, ce) if v.unit == q.unit]
    return names[values.index(q.start)] if q.start in values and len(values) == len(names) else None


def _noun(ctx: Context, phrase: str, offset: int) -> str:
    """The measure inside ``phrase`` (clean text starting at ``offset``): drop the time phrase,
    the subject, comparisons, linking verbs; keep what a transitive verb governs."""
    phrase = _LINK.sub("", phrase)
    cut = re.match(r"^(.*?)(?:(?<!占)比(?![重例])|较|相比|同比)", phrase)
    if cut and cut.group(1):
        phrase = cut.group(1)
    start = 0
    for m in ctx.within(offset, offset + len(phrase), _SUBJECT_TYPES):
        start = max(start, m.end - offset)
    topic = phrase[start:]
    t = _TRANSITIVE.search(topic)
    if t:  # keep a topic before the verb (数字经济产业|实现|营业收入), drop anything else
        before = topic[: t.start()]
        verb = t.group()[: len(t.group()) - len(t.group("rest"))]
        kept = verb if _KEEP_VERB.fullmatch(verb) else ""  # 集聚企业 and 企业 are different counts
        topic = (before if re.search(r"(?:产业|行业|领域)$", before) else "") + kept + t.group("rest")
    if topic[:1] in ("“", "\"", "「", "我"):  # “我们今年营收… (a quote)
        topic = re.sub(r"^[“\"「]?(?:我们|我市|我省|我区|我县)?", "", topic)
    topic = _TIME.sub("", topic, count=1) if _TIME.match(topic) else topic
    if "等" in topic:  # A、B等集成电路企业 → 集成电路企业
        topic = topic.rsplit("等", 1)[1]
    topic = _LEAD_JUNK.sub("", topic)
    if "的" in topic and not _HEAD_OF.search(topic):
        topic = topic.rsplit("的", 1)[1]
    if "“" in topic or "\"" in topic:  # 专精特新“小巨人”企业
        topic = re.sub(r"[“\"]([^”\"]{1,6})[”\"]", r"\1", topic)
    if len(topic) < 2 or len(topic) > 20 or re.search(r"[“”\"《》]", topic):
        return ""
    return topic


def _share(ctx: Context, q: Quantity, left: str, after: str) -> tuple[str, str | None] | None:
    """全省3.5%的经济总量 → 经济总量占全省比重; 不到江西3%的国土面积 → 国土面积占江西比重."""
    if q.unit != "%":
        return None
    noun = _NOUN_AFTER.match(after[1:])
    if not noun:
        return None
    scope = _SHARE.search(left).group("scope")
    if not scope:
        region = next((m for m in reversed(ctx.top) if m.end == q.start - (len(left) - len(left.rstrip()))
                       and m.type == "Region"), None)
        region = region or next((m for m in ctx.top if m.end == q.start and m.type == "Region"), None)
        if region is None:
            return None
        scope = {"Province": "全省", "City": "全市"}.get(region.subtype or "", region.name)
    return noun.group() + "占" + scope + "比重", None

