"""The working state of one extraction: clean text, mentions and clause/sentence geometry."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from regionkg.graph.extract.mention import Mention, working_text
from regionkg.graph.model import Span
from regionkg.graph.text.normalized import NormalizedText

_SENT_END = re.compile(r"[。！？!?\n]+")
_CLAUSE_END = re.compile(r"[。！？!?\n,，;；:： \u3000]+")
# a time phrase may be introduced by a verb of planning (提出到2027年全省…, 力争到2025年…)
# 由A与B联合组建的X, 与A共建的X and 片区内的X also leave X as the clause's subject, and so
# does a dateline with its byline (新华社武汉6月3日电（记者 李华）X…)
_CLAUSE_OPENER = re.compile(r"(?:[“”\"\s]|[\u4e00-\u9fff]{0,10}\d{1,2}月\d{1,2}日(?:电|讯)|[（(](?:本报|特约)?(?:记者|通讯员)[^）)]{0,30}[）)]|^[^（()）,，。]{0,12}[）)]|(?:由|与|和|同)[^,，。；;]{2,40}?(?:组建|成立|设立|投资|兴建|建设|打造|发起|共建|合建)的|(?:片区|园区|新区|开发区|区|市|省|县)内的|而|但|同时|此外|目前|如今|近年来|(?:[\u4e00-\u9fff]{0,6}?(?:提出|明确|要求)|力争|计划|预计|争取)?[到至]?(?:(?:19|20)\d\d年(?:底|末)?)?(?:[上下]半年|前?[一二三四]季度|\d{1,2}月(?:\d{1,2}日)?(?:[上中下]旬|底|末)?)?|据了解|据介绍|其中|此外|(?:我们|公司|集团)?旗下的?)*")
_FOUNDED_END = re.compile(r"(?:共建|组建|成立|设立|建设|打造)[^,，。;；]{2,30}$")
_SPEECH_END = re.compile(r"(?:表示|说|介绍|指出|认为|强调|透露|称)$")
# a clause opened by a bare head noun refers to the article's entity with that head
ANAPHORA = ("片区", "科学城", "科技城", "合作区", "示范区", "自贸区", "开发区", "高新区", "园区", "新区", "研究中心", "研究院", "实验室", "大学", "学院")
_SCOPE = {"全省": "Province", "我省": "Province", "本省": "Province", "省财政": "Province",
          "省级": "Province", "市财政": "City", "市级": "City", "全市": "City",
          "我市": "City", "本市": "City", "全区": "District", "全县": "County"}
ORG_TYPES = frozenset({"Enterprise", "University", "ResearchInstitute", "GovernmentAgency",
                       "Organization", "Park"})
ACTOR_TYPES = ORG_TYPES | {"Region"}


def _bounds(text: str, pattern: re.Pattern[str]) -> list[int]:
    return [0] + [m.end() for m in pattern.finditer(text)] + [len(text)]


@dataclass
class Context:
    nt: NormalizedText
    mentions: list[Mention]
    main: str | None = None
    aliases: list[tuple[str, str, str]] = field(default_factory=list)  # (alias, name, why)
    proposals: list[tuple[int, int]] = field(default_factory=list)  # what policies 提出 (spans)
    scratch: dict = field(default_factory=dict)  # per-document caches of the rules
    _sent: list[int] = field(default_factory=list)
    _clause: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.text = working_text(self.nt.text)
        self._sent = _bounds(self.text, _SENT_END)
        self._clause = _bounds(self.text, _CLAUSE_END)
        self.top = [m for m in self.mentions if not m.nested]
        self._most: dict[str, str | None] = {}
        self._refs: dict[int, str | None] = {}
        self._spans: dict[tuple[int, int], Span] = {}
        # top-level mentions never overlap (select_outer), so their ends rise with their starts
        self._top_starts = [m.start for m in self.top]
        self._top_ends = [m.end for m in self.top]
        self._all_starts = [m.start for m in self.mentions]

    @staticmethod
    def _around(bounds: list[int], pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(bounds, pos)  # bounds[i - 1] <= pos < bounds[i]
        return bounds[i - 1] if i else bounds[0], bounds[i] if i < len(bounds) else bounds[-1]

    def span(self, start: int, end: int) -> Span:
        """The original-text span of clean ``[start, end)`` (cached: rules repeat evidence)."""
        key = (start, end)
        if key not in self._spans:
            self._spans[key] = self.nt.span(start, end)
        return self._spans[key]

    def sentence(self, pos: int) -> tuple[int, int]:
        return self._around(self._sent, pos)

    def clause(self, pos: int) -> tuple[int, int]:
        return self._around(self._clause, pos)

    def within(self, start: int, end: int, types: frozenset[str] | set[str] | None = None,
               nested: bool = False) -> list[Mention]:
        pool, starts = (self.mentions, self._all_starts) if nested else (self.top, self._top_starts)
        lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        return [m for m in pool[lo:hi] if m.end <= end and (types is None or m.type in types)]

    def last_before(self, pos: int, lo: int, types: frozenset[str] | set[str]) -> Mention | None:
        """The nearest top-level mention of ``types`` ending at or before ``pos`` and after ``lo``."""
        for k in range(bisect.bisect_right(self._top_ends, pos) - 1, -1, -1):
            m = self.top[k]
            if m.start < lo:
                return None
            if m.type in types:
                return m
        return None

    def first_after(self, pos: int, hi: int, types: frozenset[str] | set[str]) -> Mention | None:
        """The first top-level mention of ``types`` starting at or after ``pos`` and ending by ``hi``."""
        for k in range(bisect.bisect_left(self._top_starts, pos), len(self.top)):
            m = self.top[k]
            if m.end > hi:
                return None
            if m.type in types:
                return m
        return None

    def subject(self, pos: int) -> str | None:
        """Who acts at ``pos``: the nearest region or organisation that opens a clause of the
        sentence before ``pos`` (江西赣江新区聚焦…, 上饶还携手…), else the article's region —
        Chinese drops the subject the article is about (新区紧扣…, “我们将…”)."""
        ss, _ = self.sentence(pos)
        cs = self.clause(pos)[0]
        while True:
            ref = self.reference(cs)
            if ref:
                return ref
            opener = next((m for m in reversed(self.within(cs, pos, ACTOR_TYPES))
                           if m.subtype != "MacroRegion" and self.opens_clause(m)), None)
            if opener:
                return opener.name
            if cs <= ss:
                return self.main or self.most_mentioned(lambda m: m.type == "Enterprise", "Enterprise")
            pos, cs = cs, self.clause(cs - 1)[0]
            if _SPEECH_END.search(self.text, cs, pos - 1):
                # X表示，…: what follows is said; its subject is the speaker's 公司/全市… or dropped
                return self.reference(cs) or self.main
            founded = _FOUNDED_END.search(self.text, cs, pos - 1)
            if founded:  # 共建X，重点布局…: X goes on as the subject
                made = self.last_before(pos - 1, cs, ORG_TYPES)
                if made and made.end == pos - 1:
                    return made.name

    def opens_clause(self, m: Mention) -> bool:
        """True when only a time phrase or adjacent region names precede ``m`` in its clause."""
        cs, _ = self.clause(m.start)
        start = m.start
        for r in reversed(self.within(cs, m.start, {"Region"})):  # 浙江省湖州市长兴县
            if r.end == start:
                start = r.start
        return bool(_CLAUSE_OPENER.fullmatch(self.text[cs:start]))

    def reference(self, pos: int) -> str | None:
        """A clause opened by 全省/全市… names the article's region of that level; one opened
        by 公司/该公司 the article's company (the most mentioned of each)."""
        cs, ce = self.clause(pos)
        if cs in self._refs:
            return self._refs[cs]
        self._refs[cs] = ref = self._reference(cs, ce)
        return ref

    def _reference(self, cs: int, ce: int) -> str | None:
        head = _CLAUSE_OPENER.sub("", self.text[cs:ce], count=1).lstrip("到至")
        if head.startswith(("该", "这", "联合")):  # 联合实验室首批设立… → the 实验室
            head = re.sub(r"^(?:该|这家|这个|联合)", "", head)
        if head.startswith("我们"):
            speaker = self._speaker_org(cs)
            if speaker:
                return speaker
        for word, level in _SCOPE.items():
            if head.startswith(word):
                return self.most_mentioned(lambda m: m.type == "Region" and m.subtype == level, level)
        if head.startswith(("区内", "园区内", "开发区内")):
            return self.most_mentioned(lambda m: m.subtype == "DevelopmentZone" or m.type == "Park", "zone")
        if head.startswith(("公司", "该公司", "集团", "该集团")):
            return self.most_mentioned(lambda m: m.type == "Enterprise", "Enterprise")
        for noun in ANAPHORA:
            if head.startswith(noun):
                return self.most_mentioned(lambda m: m.name.endswith(noun) and m.name != noun, noun)
        return None

    def _speaker_org(self, pos: int) -> str | None:
        """“我们…”蔚来汽车总裁秦力洪说: inside a quote, 我们 is the organisation named right
        after the closing quote (before the speaker's title and name); an agency's official
        speaks for the region, which the usual rules find."""
        opened, closed = self.text.rfind("“", 0, pos + 1), self.text.find("”", pos)
        if opened < 0 or closed < 0 or self.text.rfind("”", opened, pos) >= 0:
            return None
        k = bisect.bisect_left(self._top_starts, closed + 1)
        org = self.top[k] if k < len(self.top) and self.top[k].start == closed + 1 else None
        return org.name if org and org.type in ORG_TYPES - {"GovernmentAgency"} else None

    def anaphor(self, end: int) -> str | None:
        """The article's entity named by a bare head noun ending at ``end`` (，实验室主任 → the
        article's 实验室); a noun that ends a longer name is not bare."""
        for noun in ANAPHORA:
            bare = end == len(noun) or not re.match(r"[\u4e00-\u9fffA-Za-z0-9]", self.text[end - len(noun) - 1])
            if self.text.endswith(noun, 0, end) and bare:
                return self.most_mentioned(lambda m: m.name.endswith(noun) and m.name != noun, noun)
        return None

    def most_mentioned(self, keep, key: str | None = None) -> str | None:
        """The most mentioned name among mentions passing ``keep`` (cached under ``key``)."""
        if key is not None and key in self._most:
            return self._most[key]
        counts: dict[str, int] = {}
        for m in self.mentions:
            if keep(m):
                counts[m.name] = counts.get(m.name, 0) + 1
        best = max(counts, key=counts.get) if counts else None
        if key is not None:
            self._most[key] = best
        return best
