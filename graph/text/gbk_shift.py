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
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from regionkg.graph.text.convert import to_simplified
from regionkg.graph.text.freq import char_count, logp, mean_logp, rare_hanzi
from regionkg.graph.text.lost_pairs import gbk_char, suggest

# A lost-byte marker, optional folded full-width punctuation, the out-of-step characters, and a
# possible last trail byte that is ASCII (0x40-0x7E) or a second marker where the decoder gave up.
_RUN = re.compile(
    r"[?\ufffd](?P<punct>[!,.:;?()]?)(?P<body>[^\x00-\x7f\s\ufffd]*)(?P<tail>[?\ufffd@-~]?)"
)
# Without a marker: a stretch of non-ASCII text holding a character shifted GBK often yields
# (a very rare hanzi, kana, bopomofo, Greek, Cyrillic, box drawing, enclosed numbers, PUA).
_STRETCH = re.compile(r"(?P<body>[^\x00-\x7f\s\ufffd]+)(?P<tail>[\ufffd@-~]?)")
_ANCHOR_SYMBOL = re.compile(
    "[\u0391-\u03c9\u0401-\u0451\u2160-\u216b\u2460-\u249b\u2500-\u257f"
    "\u3041-\u30ff\u3105-\u3129\ue000-\uf8ff]"
)
_GARBLE_ALPHABET = re.compile(f"[\u3400-\u9fff{_ANCHOR_SYMBOL.pattern[1:-1]}]")  # not just punctuation
_ANCHOR_COUNT = 30
_MAX_LEAD_IN = 6  # how far before the first odd character the damage may start
_MAX_RUN = 12  # how far before a decoder failure (U+FFFD) the damage may start
_CLAUSE_ENDS = "，。、；：？！"
_DAMAGED_SCORE = -8.0  # mean log-probability below which a run is worth trying to repair
_GAIN = 2.5  # how much better (per character) a repair must read to be applied on its own
_CONSENSUS_SLACK = 1.0  # how much worse the document's usual lost byte may score than the best
_COMMON = 1000  # a repaired character rarer than this is suspected to be still damaged
_CLEAR_MARGIN = 4.0  # nats by which an unconfirmed lost byte must beat the next best


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
    suspect_start: int  # if damaged, the damage may have begun this early (unmarked runs)
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
    suspect_start: int  # where the damage may begin, should no repair be found
    marked: bool  # starts at a lost-byte marker


@dataclass
class _Candidate:
    """A stretch of text that may be out of step: ``[marker] punct body tail``."""

    start: int
    end: int
    marker: bool
    punct: str
    body: str
    tail: str
    prefix: str = ""  # intact text before it in the same stretch
    suspect_start: int | None = None


@dataclass
class ShiftScan:
    """What a scan found: repaired runs, and runs that look shifted but have no good repair."""

    repairs: list[ShiftRepair]
    unrepaired: list[tuple[int, int]]


def find_shift_repairs(text: str) -> ShiftScan:
    """All byte-shift runs in ``text`` that a restored lost byte makes read as Chinese.

    The lost byte only decides the first repaired character; unless the document confirms it
    (two confident repairs agree) or it clearly beats the alternatives, that character is
    uncertain and the run is treated as still damaged."""
    runs = _scored_runs(text)
    confident = Counter(_best(r) for r in runs if _gain(r) >= _GAIN).most_common(1)
    usual = confident[0][0] if confident else None
    confirmed = usual if confident and confident[0][1] >= 2 else None
    repairs, unrepaired = [], []
    done = 0
    for run in sorted(runs, key=lambda r: r.start):
        if run.start < done:  # a stretch's final U+FFFD may also start a marker run
            continue
        done = run.end
        choice = best = _best(run)
        if usual in run.options and run.options[usual].score >= run.options[best].score - _CONSENSUS_SLACK:
            choice = usual
        gain = run.options[choice].score - run.score
        if gain >= _GAIN or (choice == usual and gain > 0):
            repair = _repair(run, choice, certain=choice == confirmed or _clear_winner(run))
            if repair.damaged and not run.marked and not run.original.endswith("\ufffd"):
                continue  # no marker, no decoder failure, no clean reading: too little evidence
            repairs.append(repair)
        elif run.original.endswith("\ufffd"):  # the decoder failed here; "?" is often real
            unrepaired.append((run.suspect_start, run.end))
    return ShiftScan(repairs, unrepaired)


def _scored_runs(text: str) -> list[_Run]:
    """Candidate runs with every lost-byte reading scored: after markers first, then in the
    remaining stretches that hold odd characters (one run per stretch: the best start)."""
    runs = [run for c in _marker_candidates(text) if (run := _try(c, text)) is not None]
    taken = [(r.start, r.end) for r in runs]
    for stretch in _anchored_stretches(text, taken):
        tried = [(c, run) for c in stretch if (run := _try(c, text)) is not None]
        if tried:  # where the damage starts: the start that makes the whole stretch read best
            _, run = max(tried, key=lambda t: logp(t[0].prefix + t[1].options[_best(t[1])].text))
            runs.append(run)
    return runs


def _clear_winner(run: _Run) -> bool:
    """Does the best lost byte beat every other one by a clear margin (in total log-prob)?"""
    totals = sorted((o.score * len(o.text) for o in run.options.values()), reverse=True)
    return len(totals) < 2 or totals[0] - totals[1] >= _CLEAR_MARGIN


def _best(run: _Run) -> int:
    return max(run.options, key=lambda b: run.options[b].score)


def _gain(run: _Run) -> float:
    return run.options[_best(run)].score - run.score


def _marker_candidates(text: str) -> Iterator[_Candidate]:
    for m in _RUN.finditer(text):
        yield _Candidate(m.start(), m.end(), True, m["punct"], m["body"], m["tail"])


def _first_anchor(body: str) -> int | None:
    """Index of the first character that shifted GBK produces far more often than real text."""
    found = [m.start() for m in (_ANCHOR_SYMBOL.search(body), rare_hanzi(_ANCHOR_COUNT).search(body)) if m]
    return min(found) if found else None


def _anchored_stretches(text: str, taken: list[tuple[int, int]]) -> Iterator[list[_Candidate]]:
    """Without a marker the damage starts somewhere before the first odd character of a
    stretch; each stretch yields one candidate per possible start. ``taken``: the marker runs,
    in order and disjoint, whose stretches are skipped."""
    taken_ends = [end for _, end in taken]
    for m in _STRETCH.finditer(text):
        after = bisect_right(taken_ends, m.start())  # the first run ending inside or after m
        if after < len(taken) and taken[after][0] < m.end("body"):
            continue
        if (len(m["body"]) < 2 and m["tail"] != "\ufffd") or not _GARBLE_ALPHABET.search(m["body"]):
            continue
        body = m["body"]
        anchor = _first_anchor(body)
        lead_in = _MAX_LEAD_IN
        if m["tail"] == "\ufffd":  # the decoder failed here: the damage ends at the tail
            anchor, lead_in = len(body) - 1, _MAX_RUN
        if anchor is None:
            continue
        clause = max(body.rfind(p, 0, len(body) - 1) for p in _CLAUSE_ENDS) + 1
        suspect = m.start() + max(clause, anchor - lead_in, 0)
        yield [
            _Candidate(m.start() + i, m.end(), False, "", body[i:], m["tail"], body[:i], suspect)
            for i in range(max(0, anchor - lead_in), anchor + 1)
        ]


def _try(candidate: _Candidate, text: str) -> _Run | None:
    """Score every lost-byte hypothesis for a candidate run; None when it is not damage."""
    original = text[candidate.start : candidate.end]
    score = mean_logp(original)
    if len(original) < 2 or score > _DAMAGED_SCORE:
        return None
    try:
        body = candidate.body.encode("gbk")
    except UnicodeEncodeError:
        return None
    if not _could_be_out_of_step(candidate.body):
        inner_body = candidate.body[:-1]
        if not (candidate.marker and len(inner_body) >= 2 and _could_be_out_of_step(inner_body)):
            return None
        # The last pair may have swallowed an ASCII letter (``瑼I`` for ``江AI``). Real names
        # end like that too (``?陈燚AI``), so the run must read as damage without that pair.
        inner_end = candidate.end - len(candidate.tail) - 1
        shorter = _try(replace(candidate, end=inner_end, body=inner_body, tail=""), text)
        if shorter is None or _gain(shorter) < _GAIN:
            return None
    # owner[i]: which character of the run byte i of a candidate came from
    punct_at = int(candidate.marker)
    body_at = punct_at + len(candidate.punct)
    body_owner = [body_at + i for i, c in enumerate(candidate.body) for _ in c.encode("gbk")]
    tail_at = len(original) - 1
    options: dict[int, _Option] = {}
    for punct in _punct_bytes(candidate.punct):
        for tail, suffix in _tail_options(candidate.tail):
            rest = punct + body + tail
            owner = [0] + [punct_at] * len(punct) + body_owner + [tail_at] * len(tail)
            # The lost byte only pairs with the first byte of ``rest``: decode the two possible
            # remainders once (first byte taken, or not when the pair is invalid).
            after_pair = _decode(rest[1:], owner[2:])
            unpaired = _decode(rest, owner[1:])
            for lost in range(0x81, 0xFF):
                raw = bytes([lost]) + rest
                first = gbk_char(raw[:2]) if rest else None
                if first is not None:
                    decoded, sources = first + after_pair[0], [(0, owner[1] + 1), *after_pair[1]]
                else:
                    decoded, sources = "\ufffd" + unpaired[0], [(0, 1), *unpaired[1]]
                if suffix:
                    decoded, sources = decoded + suffix, [*sources, (tail_at, tail_at + 1)]
                option_score = mean_logp(decoded)
                if lost not in options or option_score > options[lost].score:
                    options[lost] = _Option(option_score, decoded, raw, suffix, sources)
    context = text[candidate.end : candidate.end + 6]
    suspect = candidate.start if candidate.suspect_start is None else candidate.suspect_start
    return _Run(candidate.start, candidate.end, original, options, score, context, suspect, candidate.marker)


def _could_be_out_of_step(body: str) -> bool:
    """Out of step, each decoded pair is (trail of one character, lead of the next), so its
    second byte is a lead byte (0x81 or more); real text full of GBK-extension characters
    (names such as 陈燚) fails this at once."""
    return all(len(b := c.encode("gbk")) != 2 or b[1] >= 0x81 for c in body)


def _decode(raw: bytes, owner: list[int]) -> tuple[str, list[tuple[int, int]]]:
    """GBK-decode ``raw`` leniently, with the run characters each decoded character spans."""
    chars, sources = [], []
    i = 0
    while i < len(raw):
        size = 1
        char = chr(raw[i]) if raw[i] < 0x80 else "\ufffd"
        pair = gbk_char(raw[i : i + 2])
        if pair is not None:
            char, size = pair, 2
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


def _repair(run: _Run, lost: int, certain: bool) -> ShiftRepair:
    option = run.options[lost]
    repaired = option.text
    lost_inside = "\ufffd" in repaired or any(
        "\u4e00" <= c <= "\u9fff" and char_count(c) < _COMMON for c in to_simplified(repaired)
    )
    if lost_inside:
        suggestions = suggest(option.raw, option.suffix, run.context)
    else:  # only the first character is in doubt: offer the other readings
        ranked = sorted(run.options.values(), key=lambda o: -o.score)
        suggestions = [to_simplified(o.text) for o in ranked[1:4]] if not certain else []
    return ShiftRepair(
        start=run.start,
        end=run.end,
        original=run.original,
        repaired=repaired,
        lost_byte=lost,
        damaged=lost_inside or not certain,
        sources=option.sources,
        suspect_start=run.suspect_start,
        suggestions=suggestions,
    )
