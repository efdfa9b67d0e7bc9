"""Character-level cleaning steps, each an edit of a ``MappedText``.

Compatibility folding is deliberately narrower than NFKC. Folded: full-width ASCII letters,
digits and symbols (``ＡＢ１２％`` → ``AB12%``), half-width katakana/forms, the ideographic and
other typographic spaces, Kangxi radicals and CJK compatibility ideographs (both look like
ordinary hanzi but are different code points). Kept: Chinese punctuation ``，。、；：？！（）
《》“”`` — it marks clauses, quotations and titles that extraction reads — and NFKC's
lossy foldings such as ``①`` → ``1``, ``²`` → ``2`` or ``㎡`` → ``m2``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from regionkg.graph.text.mapped import MappedText

KEPT_PUNCT = "，；：？！（）"
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f"  # C0 (but tab, LF, CR) and C1 controls
    "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff]+"  # zero-width, bidi
)
_COMBINING = re.compile(r"[^\u0300-\u036f][\u0300-\u036f]+")
_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# A parenthesised pinyin syllable with a tone mark, or its tail right after a lost-byte marker
# (a GBK byte-shift can swallow the opening bracket).
PINYIN_GLOSS = re.compile(
    rf"[(（][a-zü]*[{_TONE}][a-zü]*[)）]|(?<=[?\ufffd])[a-zü]*[{_TONE}][a-zü]*[)）]"
)


@cache
def fold_table() -> dict[int, str]:
    """One-to-one compatibility foldings considered safe (see the module docstring)."""
    ranges = [
        (0xFF01, 0xFF5E),  # full-width ASCII
        (0xFF61, 0xFFEE),  # half-width katakana and forms
        (0x2F00, 0x2FD5),  # Kangxi radicals
        (0xF900, 0xFAFF),  # CJK compatibility ideographs
        (0x2F800, 0x2FA1F),  # CJK compatibility ideographs supplement
    ]
    table: dict[int, str] = {}
    for low, high in ranges:
        for code in range(low, high + 1):
            char = chr(code)
            folded = unicodedata.normalize("NFKC", char)
            if len(folded) == 1 and folded != char and char not in KEPT_PUNCT:
                table[code] = folded
    for space in [0x00A0, 0x3000, *range(0x2000, 0x200B), 0x202F, 0x205F]:
        table[space] = " "
    return table


def remove_invisible(mapped: MappedText) -> MappedText:
    """Drop control, zero-width and bidi characters; compose combining accents (NFC)."""
    edits = [(m.start(), m.end(), "") for m in _INVISIBLE.finditer(mapped.text)]
    mapped = mapped.edit(edits)
    composed = [
        (m.start(), m.end(), unicodedata.normalize("NFC", m.group()))
        for m in _COMBINING.finditer(mapped.text)
    ]
    return mapped.edit(e for e in composed if e[2] != mapped.text[e[0] : e[1]])


def fold(mapped: MappedText) -> MappedText:
    """Apply the safe compatibility foldings (one character to one character)."""
    return mapped.translate(fold_table())


def pinyin_glosses(text: str) -> list[tuple[int, int]]:
    """Spans of pinyin glosses such as ``(shù)`` inserted after polyphonic characters."""
    return [(m.start(), m.end()) for m in PINYIN_GLOSS.finditer(text)]


_LINE_ENDS = re.compile(r"\r\n?|[ \t]+(?=[\r\n])|(?<=\n)[ \t]+")
_BLANKS = re.compile(r"\n{3,}|\A\s+|\s+\Z")


def layout(mapped: MappedText) -> MappedText:
    """Unify line breaks, trim line ends, allow at most one blank line between paragraphs."""
    mapped = mapped.edit(
        (m.start(), m.end(), "\n" if m.group().startswith("\r") else "")
        for m in _LINE_ENDS.finditer(mapped.text)
    )
    edits = []
    for m in _BLANKS.finditer(mapped.text):
        inner = 0 < m.start() and m.end() < len(mapped.text)
        edits.append((m.start(), m.end(), "\n\n" if inner else ""))
    return mapped.edit(edits)
