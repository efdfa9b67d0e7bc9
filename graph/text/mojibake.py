"""Mojibake that is recognisable by its characters: UTF-8 read as Latin-1/CP1252, and the
irreparable kinds whose bytes are gone (``锟斤拷``, ``烫烫烫``, ``屯屯屯``, U+FFFD runs).

UTF-8 bytes of Chinese are all ≥ 0x80, so UTF-8 read as CP1252 shows as a run of Latin-1
letters and CP1252 symbols with no ASCII inside (``æ•°å­—`` for ``数字``). Only such runs are
handed to ftfy, and a fix is kept only when ftfy changes the run into something else, so
ordinary accented words (café) are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ftfy

# Characters CP1252/Latin-1 decoding produces from bytes 0x80-0xFF.
_CP1252 = (
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a"
    "\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_LATIN1_RUN = re.compile(rf"[\u0080-\u00ff{_CP1252}]{{2,}}")
_HIGH_LATIN = re.compile(r"[\u00c2-\u00ef]")  # lead bytes of 2-4 byte UTF-8 sequences
# What GBK tools print for UTF-8 U+FFFD pairs (锟斤拷) and MSVC for uninitialised memory.
_KNOWN_GARBAGE = r"(?:锟斤拷)+|烫{3,}|屯{3,}"
_KNOWN = re.compile(_KNOWN_GARBAGE)
IRREPARABLE = re.compile(_KNOWN_GARBAGE + r"|\ufffd+")


@dataclass
class Fix:
    """A replacement found in a text: ``text[start:end]`` should read ``repaired``."""

    start: int
    end: int
    original: str
    repaired: str


def latin1_fixes(text: str) -> list[Fix]:
    """Runs of UTF-8-read-as-CP1252 that ftfy restores."""
    fixes = []
    for match in _LATIN1_RUN.finditer(text):
        run = match.group()
        if not _HIGH_LATIN.search(run):
            continue
        repaired = ftfy.fix_encoding(run)
        if repaired != run and not _LATIN1_RUN.fullmatch(repaired):
            fixes.append(Fix(match.start(), match.end(), run, repaired))
    return fixes


def irreparable_runs(text: str) -> list[tuple[int, int]]:
    """Spans of mojibake whose original characters cannot be recovered."""
    return [(m.start(), m.end()) for m in IRREPARABLE.finditer(text)]


def mask_known_garbage(text: str) -> str:
    """``text`` with the well-known irreparable runs blanked out (same length), so that other
    repairs neither use them as evidence nor extend into them."""
    return _KNOWN.sub(lambda m: " " * len(m.group()), text)
