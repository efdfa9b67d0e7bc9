"""A small Chinese language model: how likely is a string to be real modern Chinese?

Characters are scored from ``data/char_freq.tsv``, words from ``data/zh_words.txt`` (both built
from jieba's dictionary by ``data/build_char_freq.py``); the word table loads lazily, only when
a repair has to be chosen. Text is simplified before scoring, so traditional text scores like
simplified. Both tables load once per process.
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache
from pathlib import Path

from regionkg.graph.text.convert import to_simplified

_DATA = Path(__file__).with_name("data")
MAX_WORD = 4
# Per-character log-probabilities for what is not a dictionary character.
# Punctuation: the usual marks score like a common character, the rarer ones lower.
PUNCT_LOGP = {
    **dict.fromkeys("。，", -3.5),
    **dict.fromkeys("、“”", -4.5),
    **dict.fromkeys("：；？！《》（）", -5.5),
    **dict.fromkeys("‘’「」『』【】—…·", -7.0),
}
ASCII_LOGP = -7.0
UNKNOWN_LOGP = -19.0
DAMAGE_LOGP = -16.0  # '?' or U+FFFD: a byte the decoder could not place
CJK_PUNCT = frozenset(PUNCT_LOGP)


@cache
def char_counts() -> dict[str, int]:
    """Character → count in modern simplified Chinese (jieba dictionary usage)."""
    counts: dict[str, int] = {}
    with (_DATA / "char_freq.tsv").open(encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("#"):
                char, count = line.rstrip("\n").split("\t")
                counts[char] = int(count)
    return counts


@cache
def _char_logp() -> dict[str, float]:
    counts = char_counts()
    total = sum(counts.values())
    return {c: math.log(n / total) for c, n in counts.items()}


class _Words:
    """Word → count as read (``str``); logp converts only the few words a text contains."""

    def __init__(self) -> None:
        content = (_DATA / "zh_words.txt").read_text(encoding="utf-8")
        self.counts = dict(_WORD_LINE.findall(content))
        self.log_total = math.log(sum(map(int, self.counts.values())))


_WORD_LINE = re.compile(r"^(\S+) (\d+)$", re.M)


@cache
def _word_logp() -> _Words:
    """Words of 2-4 characters from jieba's dictionary (``data/zh_words.txt``)."""
    return _Words()


@cache
def rare_hanzi(threshold: int) -> re.Pattern[str]:
    """A pattern matching CJK unified ideographs rarer than ``threshold`` (scans in C)."""
    counts = char_counts()
    ranges: list[str] = []
    run_start = None
    for code in range(0x3400, 0xA000 + 1):
        rare = code < 0xA000 and counts.get(chr(code), 0) < threshold
        if rare and run_start is None:
            run_start = code
        elif not rare and run_start is not None:
            ranges.append(f"{chr(run_start)}-{chr(code - 1)}")
            run_start = None
    return re.compile(f"[{''.join(ranges)}]")


def char_count(char: str) -> int:
    """How common ``char`` is in modern Chinese (traditional forms count as their simplified
    form); 0 when unknown."""
    return char_counts().get(char, 0)


def _unit_logp(text: str, i: int, chars: dict[str, float]) -> float:
    char = text[i]
    if char in chars:
        return chars[char]
    if char in PUNCT_LOGP:
        return PUNCT_LOGP[char]
    if char in "?\ufffd":
        return DAMAGE_LOGP
    if char.isascii() or _in_script_run(text, i):
        return ASCII_LOGP
    return UNKNOWN_LOGP


def _script(char: str) -> int:
    """A coarse script id: the 128-code-point block, which separates Cyrillic, Greek, kana,
    box drawing, enclosed numbers..."""
    return ord(char) >> 7


def _in_script_run(text: str, i: int) -> bool:
    """A non-Chinese character next to one of its own script is a word of that script (Россия,
    ソニー, a ┌──┐ table); shifted GBK scatters such symbols singly between hanzi."""
    if "\u3400" <= text[i] <= "\u9fff" or text[i] >= "\U00020000":
        return False  # an unknown hanzi is just rare
    script = _script(text[i])
    return (i > 0 and _script(text[i - 1]) == script) or (
        i + 1 < len(text) and _script(text[i + 1]) == script
    )


@lru_cache(maxsize=65536)  # repair search scores many identical candidates
def logp(text: str) -> float:
    """Log-probability of ``text`` under the best segmentation into dictionary words."""
    text = to_simplified(text)
    chars, words = _char_logp(), _word_logp()
    counts, log_total = words.counts, words.log_total
    best = [0.0] + [-math.inf] * len(text)
    for end in range(1, len(text) + 1):
        score = best[end - 1] + _unit_logp(text, end - 1, chars)
        for size in range(2, min(MAX_WORD, end) + 1):
            count = counts.get(text[end - size : end])
            if count is not None:
                score = max(score, best[end - size] + math.log(int(count)) - log_total)
        best[end] = score
    return best[-1]


def mean_logp(text: str) -> float:
    """Per-character log-probability, comparable across strings of different lengths."""
    return logp(text) / max(len(text), 1)
