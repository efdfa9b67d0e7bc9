"""Text that remembers, for every character, the span of the decoded original it came from.

Every cleaning step is expressed as a list of edits on a ``MappedText`` so that the offset map
is maintained in one place. A same-length replacement keeps the per-character map (folding
``１`` to ``1`` or ``著`` to ``着``); any other replacement maps each new character to the whole
span it replaced, which is coarse but never misaligned.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass


Sources = list[tuple[int, int]]


@dataclass
class MappedText:
    """``text[i]`` came from ``original[starts[i]:ends[i]]``."""

    text: str
    starts: list[int]
    ends: list[int]

    @classmethod
    def identity(cls, original: str) -> MappedText:
        """The original itself: every character maps to its own position."""
        n = len(original)
        return cls(original, list(range(n)), list(range(1, n + 1)))

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """The original span behind ``text[start:end]`` (empty spans map to a point)."""
        if start < end:
            return self.starts[start], self.ends[end - 1]
        if start < len(self.text):
            pos = self.starts[start]
        else:
            pos = self.ends[-1] if self.ends else 0
        return pos, pos

    def edit(self, edits: Iterable[tuple[int, int, str]]) -> MappedText:
        """Apply ``(start, end, replacement)`` edits given in this text's coordinates.

        Edits must not overlap; they are applied in order of ``start``.
        """
        return self.edit_mapped((start, end, new, None) for start, end, new in edits)

    def edit_mapped(self, edits: Iterable[tuple[int, int, str, Sources | None]]) -> MappedText:
        """Like ``edit``; each replacement may say which replaced characters each of its
        characters came from, as ``(start, end)`` offsets relative to the replaced span."""
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for start, end, new, sources in sorted(edits, key=lambda e: (e[0], e[1])):
            if start < pos:
                raise ValueError(f"overlapping edit at {start}")
            pieces.append(self.text[pos:start])
            starts.extend(self.starts[pos:start])
            ends.extend(self.ends[pos:start])
            if sources is not None:
                starts.extend(self.starts[start + s] for s, _ in sources)
                ends.extend(self.ends[start + e - 1] for _, e in sources)
            elif len(new) == end - start:
                starts.extend(self.starts[start:end])
                ends.extend(self.ends[start:end])
            elif new:
                ostart, oend = self.orig_span(start, end)
                starts.extend([ostart] * len(new))
                ends.extend([oend] * len(new))
            pieces.append(new)
            pos = end
        pieces.append(self.text[pos:])
        starts.extend(self.starts[pos:])
        ends.extend(self.ends[pos:])
        return MappedText("".join(pieces), starts, ends)

    def translate(self, table: dict[int, str]) -> MappedText:
        """A one-to-one character mapping (every value a single character): map unchanged."""
        return MappedText(self.text.translate(table), self.starts, self.ends)

    def to_clean(self, ostart: int, oend: int) -> tuple[int, int] | None:
        """The clean-text span of the characters that came from inside original ``[ostart, oend)``."""
        first = bisect_left(self.starts, ostart)
        last = first
        while last < len(self.text) and self.ends[last] <= oend and self.starts[last] < oend:
            last += 1
        return (first, last) if last > first else None
