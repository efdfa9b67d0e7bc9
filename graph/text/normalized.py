"""The result of normalising one article: clean text that still points at the original."""

from __future__ import annotations

from dataclasses import dataclass, field

from regionkg.graph.model import Repair, Span


@dataclass
class NormalizedText:
    """Clean simplified text plus everything needed to point back at the original.

    ``offsets[i]`` is the ``(start, end)`` span of the decoded ``original`` that clean
    character ``text[i]`` came from; starts and ends never decrease. Where a repair rewrote a
    run, spans may be shared or overlap (a character rebuilt from the bytes of two damaged ones
    maps to both). ``quarantined`` lists clean-text spans that must never yield names
    (irreparable or still-damaged mojibake). ``sentences`` are clean-text spans. ``title`` is
    the headline-shaped first line, ``date`` the publication date (ISO ``YYYY-MM-DD``) when a
    page's meta tags, a dateline or a byline give one; extraction resolves 今年/去年 against it.
    ``written_text`` is the clean text before simplification, aligned with ``text`` (None in
    the rare case simplification changed its length): see ``as_written``.
    """

    path: str
    sha256: str
    encoding: str
    original: str
    text: str
    offsets: list[tuple[int, int]]
    repairs: list[Repair] = field(default_factory=list)
    dropped: list[Span] = field(default_factory=list)
    quarantined: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    title: str | None = None
    date: str | None = None
    written_text: str | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean-text span ``[start, end)`` to the span of the original it came from."""
        if start >= end:
            pos = self.offsets[start][0] if start < len(self.offsets) else len(self.original)
            return pos, pos
        return self.offsets[start][0], self.offsets[end - 1][1]

    def span(self, start: int, end: int) -> Span:
        """The original-text ``Span`` behind clean-text ``[start, end)``."""
        ostart, oend = self.to_original(start, end)
        return Span(ostart, oend, self.original[ostart:oend])

    def as_written(self, start: int, end: int) -> str:
        """Clean ``[start, end)`` in the article's own script: ``數字經濟`` where the original
        reads ``數(shù)字經(jīng)濟(jì)`` and ``text`` reads ``数字经济`` (for zh-Hant labels)."""
        source = self.written_text if self.written_text is not None else self.text
        return source[start:end]

    def is_quarantined(self, start: int, end: int) -> bool:
        """True when clean-text ``[start, end)`` overlaps a quarantined run."""
        return any(start < qe and qs < end for qs, qe in self.quarantined)
