"""The working state of one extraction: clean text, mentions and clause/sentence geometry."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from regionkg.graph.extract.mention import Mention
from regionkg.graph.text.normalized import NormalizedText

_SENT_END = re.compile(r"[。！？!?\n]+")
_CLAUSE_END = re.compile(r"[。！？!?\n,，;；:：]+")
_CLAUSE_OPENER = re.compile(r"(?:[“”\"\s]|在|由|而|但|同时|此外|目前|如今|近年来|(?:19|20)\d\d年(?:[上下]半年|前?[一二三四]季度|\d{1,2}月)?)*")
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
    _sent: list[int] = field(default_factory=list)
    _clause: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.text = self.nt.text
        self._sent = _bounds(self.text, _SENT_END)
        self._clause = _bounds(self.text, _CLAUSE_END)
        self.top = [m for m in self.mentions if not m.nested]

    @staticmethod
    def _around(bounds: list[int], pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(bounds, pos) - 1
        return bounds[max(i, 0)], bounds[min(i + 1, len(bounds) - 1)]

    def sentence(self, pos: int) -> tuple[int, int]:
        return self._around(self._sent, pos)

    def clause(self, pos: int) -> tuple[int, int]:
        return self._around(self._clause, pos)

    def within(self, start: int, end: int, types: frozenset[str] | set[str] | None = None,
               nested: bool = False) -> list[Mention]:
        pool = self.mentions if nested else self.top
        return [m for m in pool if start <= m.start and m.end <= end
                and (types is None or m.type in types)]

    def last_before(self, pos: int, lo: int, types: frozenset[str] | set[str]) -> Mention | None:
        """The nearest top-level mention of ``types`` ending at or before ``pos`` and after ``lo``."""
        best = None
        for m in self.top:
            if m.end > pos:
                break
            if m.start >= lo and m.type in types:
                best = m
        return best

    def first_after(self, pos: int, hi: int, types: frozenset[str] | set[str]) -> Mention | None:
        for m in self.top:
            if m.start >= pos and m.end <= hi and m.type in types:
                return m
        return None

    def subject(self, pos: int) -> str | None:
        """Who acts at ``pos``: the nearest region or organisation that opens a clause of the
        sentence before ``pos`` (江西赣江新区聚焦…, 上饶还携手…), else the article's region —
        Chinese drops the subject the article is about (新区紧扣…, “我们将…”)."""
        ss, _ = self.sentence(pos)
        best = None
        for m in self.top:
            if m.end > pos:
                break
            if m.start < ss or m.type not in ACTOR_TYPES or m.subtype == "MacroRegion":
                continue
            if self._opens_clause(m):
                best = m
        return best.name if best else self.main

    def _opens_clause(self, m: Mention) -> bool:
        """True when only a time phrase or adjacent region names precede ``m`` in its clause."""
        cs, _ = self.clause(m.start)
        prefix = self.text[cs:m.start]
        for r in self.top:
            if r.type == "Region" and r.end == m.start and r.start >= cs:
                prefix = self.text[cs:r.start]
        return bool(_CLAUSE_OPENER.fullmatch(prefix))
