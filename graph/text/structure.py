"""Paragraph- and sentence-level structure of clean text: repeats, sentences, title, date.

Scraped pages repeat blocks of paragraphs, not always in the same order and sometimes cut off
mid-sentence. A line is dropped when it repeats an earlier line, or is the beginning of an
earlier line (a truncated repeat); within a kept line, a sentence that repeats an earlier one
verbatim is dropped too, so a reworded paragraph keeps only what is new. Short lines (headings
like ``——``) and short sentences are never dropped: they repeat legitimately.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort

MIN_LINE = 4
MIN_SENTENCE = 10
_TERMINATORS = "。！？；!?;"
_OPEN_QUOTES = "“「『"
_CLOSE_QUOTES = "”」』"
_TRAILERS = _TERMINATORS + _CLOSE_QUOTES + "’）)"
_MAX_QUOTED = 200  # an unclosed quote (damaged text) stops protecting after this many chars


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]``: split at 。！？；!?; outside quotes and at line breaks."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    begin, depth, i = start, 0, start
    while i < end:
        char = text[i]
        if char in _OPEN_QUOTES:
            depth += 1
        elif char in _CLOSE_QUOTES:
            depth = max(depth - 1, 0)
        if char == "\n":
            spans.append((begin, i))
            begin, depth = i + 1, 0
        elif char in _TERMINATORS and (depth == 0 or i - begin > _MAX_QUOTED):
            i += 1
            while i < end and text[i] in _TRAILERS:
                i += 1
            spans.append((begin, i))
            begin, depth = i, 0
            continue
        i += 1
    spans.append((begin, end))
    return [s for span in spans if (s := _trim(text, *span))]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def repeated_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` (whole lines or sentences) that repeat what came before."""
    drops: list[tuple[int, int]] = []
    seen_lines: set[str] = set()
    kept_lines: list[str] = []  # sorted, so "is this the beginning of a kept line" is a bisect
    seen_sentences: set[str] = set()
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        key = line.strip()
        if len(key) >= MIN_LINE and key in seen_lines:
            drops.append((start, end))
            continue
        if len(key) >= MIN_SENTENCE and _begins_any(kept_lines, key):
            drops.append((start, end))
            continue
        sentences = sentence_spans(text, start, end)
        repeats = [(s, e) for s, e in sentences if e - s >= MIN_SENTENCE and text[s:e] in seen_sentences]
        if sentences and len(repeats) == len(sentences):
            drops.append((start, end))
            continue
        drops.extend(repeats)
        seen_sentences.update(text[s:e] for s, e in sentences)
        if key:
            seen_lines.add(key)
            insort(kept_lines, key)
    return drops


def _begins_any(sorted_lines: list[str], prefix: str) -> bool:
    """Does any line of ``sorted_lines`` start with ``prefix``?"""
    index = bisect_left(sorted_lines, prefix)
    return index < len(sorted_lines) and sorted_lines[index].startswith(prefix)


_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?:年(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日|[-/.](?P<m2>\d{1,2})[-/.](?P<d2>\d{1,2})(?!\d))"
)
_HEADER_LINES = 6
_SHORT = 40  # a dateline or byline anywhere in the text
_HEADLINE = 60
_STACKED = 2  # lines this short at the top are pieces of a headline


def title_of(text: str) -> str | None:
    """The first non-empty line that is headline-shaped: 4-60 characters, no final 。.

    A headline scraped one character per line (``以``/``数``/``—``/``—``) is joined onto the
    line that follows it."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    stacked = 0
    while stacked < len(lines) and len(lines[stacked]) <= _STACKED:
        stacked += 1
    prefix = "".join(lines[:stacked]) if stacked >= 2 else ""
    for line in lines[stacked if prefix else 0 :]:
        if 4 <= len(line) <= _HEADLINE and not line.endswith(("。", ".", "!", "！")):
            return prefix + line
        if len(line) > _HEADLINE:
            return None
    return None


def date_of(text: str) -> str | None:
    """The publication date (ISO) from the first lines or a short byline-like line."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    header = [line for line in lines[:_HEADER_LINES] if len(line) <= _HEADLINE]
    candidates = header + [line for line in lines if len(line) <= _SHORT]
    for line in candidates:
        match = _DATE.search(line)
        if match:
            month = int(match["m1"] or match["m2"])
            day = int(match["d1"] or match["d2"])
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{match['y']}-{month:02d}-{day:02d}"
    return None
