"""Markdown → text as edits on a ``MappedText``: markup characters go, the words stay mapped.

Only what articles saved as ``.md`` actually carry: ATX headings, block quotes, list bullets,
emphasis, inline code ticks, links and images (their text or alt text is kept, the URL goes),
and horizontal rules. Anything else is left as text.
"""

from __future__ import annotations

import re

from regionkg.graph.text.mapped import MappedText

_BLOCK_PREFIX = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,3}[.)][ \t]+)", re.M)
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$", re.M)
_RULE = re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.M)
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|`+")


def is_markdown(path: str) -> bool:
    return path.lower().endswith((".md", ".markdown"))


def markdown_to_text(mapped: MappedText) -> MappedText:
    """Strip Markdown markup from ``mapped`` keeping the offset map."""
    text = mapped.text
    edits: list[tuple[int, int, str]] = []
    for pattern in (_RULE, _BLOCK_PREFIX, _CLOSING_HASHES, _EMPHASIS):
        edits += [(m.start(), m.end(), "") for m in pattern.finditer(text)]
    for m in _LINK.finditer(text):
        edits.append((m.start(), m.start(1), ""))  # "[" or "!["
        edits.append((m.end(1), m.end(), ""))  # "](url)"
    return mapped.edit(_without_overlaps(edits))


def _without_overlaps(edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    end = -1
    for edit in sorted(edits):
        if edit[0] >= end and edit[1] > edit[0]:
            kept.append(edit)
            end = edit[1]
    return kept
