"""A mention: one typed name found at a clean-text position, before entity resolution."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Characters that never occur in a real name but do in mojibake (box drawing, private use,
# replacement character, half-width katakana and other debris of a wrong decoding).
_DEBRIS = re.compile(r"[\u2500-\u259f\ue000-\uf8ff\ufffd\uff61-\uff9f\u3040-\u30ff]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(slots=True)  # slots: an article makes hundreds of mentions and reads their fields often
class Mention:
    """``text[start:end]`` names ``name`` (canonical) of ``type``; ``rule`` says which rule found it."""

    start: int
    end: int
    name: str
    type: str
    rule: str
    subtype: str | None = None
    code: str | None = None
    parent: str | None = None
    nested: bool = False
    why: str | None = None  # why the surface differs from ``name`` (recorded as a merge)

    def overlaps(self, other: "Mention") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: "Mention") -> bool:
        """True when ``other`` lies within this mention and is not an equal mention (a different
        span settles that without comparing every field)."""
        return self.start <= other.start and other.end <= self.end and (
            self.start != other.start or self.end != other.end or self != other)


# full-width ASCII (２０２４，％，Ａ) → ASCII, one character for one, so offsets do not move
_FULLWIDTH = re.compile("[\uff01-\uff5e]")


def _to_ascii(m: re.Match[str]) -> str:
    return chr(ord(m.group()) - 0xFEE0)


def working_text(text: str) -> str:
    """The text the rules read: the clean text with full-width ASCII folded to ASCII.

    A regex substitution visits only the full-width characters (a few dozen in an article);
    ``str.translate`` with a mapping looks every character up (four times slower here)."""
    return _FULLWIDTH.sub(_to_ascii, text)


@lru_cache(maxsize=8192)
def canonical(surface: str) -> str:
    """The canonical written form of a name: NFKC (full-width → ASCII brackets), no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", surface))


@lru_cache(maxsize=4096)
def looks_damaged(name: str) -> bool:
    """True for names carrying mojibake debris or characters outside GB2312 in numbers
    that real names do not have (decoding debris such as 覀円雽)."""
    if _DEBRIS.search(name):
        return True
    rare = 0
    for ch in name:
        if _CJK.match(ch):
            try:
                ch.encode("gb2312")
            except UnicodeEncodeError:
                rare += 1
    return rare >= 2


def select_outer(mentions: list[Mention]) -> list[Mention]:
    """Mark mentions contained in a longer one as nested; among equal overlaps keep the longest,
    then the earliest. Returns all mentions, sorted by position."""
    ordered = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    outer: Mention | None = None  # outer mentions never overlap, so only the last can clash
    for m in ordered:
        m.nested = False
        if outer is None or outer.end <= m.start:
            kept.append(m)
            outer = m
        elif outer.contains(m) or (outer.start, outer.end) == (m.start, m.end):
            m.nested = True
            kept.append(m)
        # a partial overlap with a longer, earlier mention: the later one is dropped
    return sorted(kept, key=lambda m: (m.start, m.end))
