"""Repair GBK text that lost one byte: every following character pair decoded out of step.

How the damage arises: a GBK file loses one byte (typically the lead byte 0xA1 of a quotation
mark); a lenient decoder writes ``?`` for the orphan and then pairs each trail byte with the
next lead byte, producing rare characters (``北本┪众A`` for ``”北京沃赢``) until an ASCII byte
brings it back in step. A re-publisher may then fold full-width ``！`` to ``!`` and convert to
traditional characters; neither step hides the bytes, because the garbage is still GBK-encodable.

Repair: take a run that starts at the ``?``, re-encode it as GBK, put a candidate lost byte
back in front, decode again. Every lead byte 0x81–0xFE is tried; a Chinese language model
(``freq.mean_logp``) chooses. A run is repaired only when the repair reads far better than the
damage; within a document, the lost byte found by confident repairs is preferred for the rest
(the same fault recurs). Pairs that fell into GBK's user-defined area were dropped by the
decoder and cannot be restored from the bytes: such runs are marked ``damaged`` and guesses of
the lost characters are offered as suggestions only.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from regionkg.graph.text.convert import to_simplified
from regionkg.graph.text.freq import char_count, mean_logp
from regionkg.graph.text.lost_pairs import suggest

# A lost-byte marker, optional folded full-width punctuation, the out-of-step characters, and a
# possible last trail byte that is ASCII (0x40-0x7E) or a second marker where the decoder gave up.
_RUN = re.compile(r"[?\ufffd](?P<punct>[!,.:;?()]?)(?P<body>[^\x00-\x7f\s]*)(?P<tail>[?\ufffd@-~]?)")
_DAMAGED_SCORE = -8.0  # mean log-probability below which a run is worth trying to repair
_GAIN = 2.5  # how much better (per character) a repair must read to be applied on its own
_CONSENSUS_SLACK = 1.0  # how much worse the document's usual lost byte may score than the best
_COMMON = 1000  # a repaired character rarer than this is suspected to be still damaged


@dataclass
class ShiftRepair:
    """One repaired run, in the coordinates of the text it was found in."""

    start: int
    end: int
    original: str
    repaired: str
    lost_byte: int
    damaged: bool
    sources: list[tuple[int, int]]  # per repaired character: the run characters its bytes came from
    suggestions: list[str] = field(default_factory=list)


@dataclass
class _Option:
    score: float
    text: str
    raw: bytes
    suffix: str
    sources: list[tuple[int, int]]


@dataclass
class _Run:
    start: int
    end: int
    original: str
    options: dict[int, _Option]  # lost byte → its best reading
    score: float
    context: str


def find_shift_repairs(text: str) -> list[ShiftRepair]:
    """All byte-shift runs in ``text`` that a restored lost byte makes read as Chinese."""
    runs = [run for m in _RUN.finditer(text) if (run := _try(m, text)) is not None]
    confident = [max(r.options, key=lambda b: r.options[b].score) for r in runs if _gain(r) >= _GAIN]
    usual = Counter(confident).most_common(1)[0][0] if confident else None
    repairs = []
    for run in runs:
        best = max(run.options, key=lambda b: run.options[b].score)
        choice = best
        if usual is not None and usual in run.options:
            if run.options[usual].score >= run.options[best].score - _CONSENSUS_SLACK:
                choice = usual
        gain = run.options[choice].score - run.score
        if gain >= _GAIN or (choice == usual and gain > 0):
            repairs.append(_repair(run, choice))
    return repairs


def _gain(run: _Run) -> float:
    return max(option.score for option in run.options.values()) - run.score


def _try(match: re.Match[str], text: str) -> _Run | None:
    """Score every lost-byte hypothesis for a candidate run; None when it is not damage."""
    original = match.group()
    score = mean_logp(original)
    if score > _DAMAGED_SCORE or len(original) < 2:
        return None
    try:
        body = match["body"].encode("gbk")
    except UnicodeEncodeError:
        return None
    # owner[i]: which character of the run byte i of a candidate came from
    punct_at, body_at = 1, 1 + len(match["punct"])
    body_owner = [body_at + i for i, c in enumerate(match["body"]) for _ in c.encode("gbk")]
    tail_at = len(original) - 1
    options: dict[int, _Option] = {}
    for punct in _punct_bytes(match["punct"]):
        for tail, suffix in _tail_options(match["tail"]):
            owner = [0] + [punct_at] * len(punct) + body_owner + [tail_at] * len(tail)
            for lost in range(0x81, 0xFF):
                raw = bytes([lost]) + punct + body + tail
                text, sources = _decode(raw, owner)
                if suffix:
                    text, sources = text + suffix, [*sources, (tail_at, tail_at + 1)]
                score = mean_logp(text)
                if lost not in options or score > options[lost].score:
                    options[lost] = _Option(score, text, raw, suffix, sources)
    context = text[match.end() : match.end() + 6]
    return _Run(match.start(), match.end(), original, options, score, context)


def _decode(raw: bytes, owner: list[int]) -> tuple[str, list[tuple[int, int]]]:
    """GBK-decode ``raw`` leniently, with the run characters each decoded character spans."""
    chars, sources = [], []
    i = 0
    while i < len(raw):
        size = 1
        char = chr(raw[i]) if raw[i] < 0x80 else "\ufffd"
        if raw[i] >= 0x80 and i + 1 < len(raw):
            try:
                char, size = raw[i : i + 2].decode("gbk"), 2
            except UnicodeDecodeError:
                pass
        chars.append(char)
        sources.append((owner[i], owner[i + size - 1] + 1))
        i += size
    return "".join(chars), sources


def _punct_bytes(punct: str) -> list[bytes]:
    """A folded ASCII punctuation mark may have been a full-width GBK one (``!`` ← ``！``)."""
    if not punct:
        return [b""]
    return [chr(ord(punct) + 0xFEE0).encode("gbk"), punct.encode("ascii")]


def _tail_options(tail: str) -> list[tuple[bytes, str]]:
    """The tail is a trail byte, a character of its own, or a marker of further lost bytes."""
    if not tail:
        return [(b"", "")]
    if tail in "?\ufffd":
        return [(b"", "\ufffd")]
    return [(tail.encode("ascii"), ""), (b"", tail)]


def _repair(run: _Run, lost: int) -> ShiftRepair:
    option = run.options[lost]
    repaired = option.text
    damaged = "\ufffd" in repaired or any(
        "\u4e00" <= c <= "\u9fff" and char_count(c) < _COMMON for c in to_simplified(repaired)
    )
    return ShiftRepair(
        start=run.start,
        end=run.end,
        original=run.original,
        repaired=repaired,
        lost_byte=lost,
        damaged=damaged,
        sources=option.sources,
        suggestions=suggest(option.raw, option.suffix, run.context) if damaged else [],
    )
