"""Guess the characters a GBK byte-shift destroyed, for the report only (never applied).

While a text is out of step, the decoder pairs the trail byte of one character with the lead
byte of the next. Pairs that fall into GBK's unassigned or user-defined area are dropped, so
after the lost byte is restored, each dropped pair leaves one wrong character ``(a, d)`` where
two stood: ``(a, x)(y, d)`` with ``(x, y)`` undecodable. A lead byte left dangling at the end of
a run lost its trail the same way. The guesses that read best by the language model are
returned, simplified, as suggestions; the bytes cannot confirm them.
"""

from __future__ import annotations

from functools import cache

from regionkg.graph.text.convert import to_simplified
from regionkg.graph.text.freq import CJK_PUNCT, char_count, logp

_TRAILS = [*range(0x40, 0x7F), *range(0x80, 0xFF)]
_COMMON = 1000
_SHORTLIST = 12  # readings per unit carried into the whole-run search
_CHAR_ALLOWANCE = 4.5  # about -log p of an average character of news text
_MAX_SUGGESTIONS = 3


def gbk_char(pair: bytes) -> str | None:
    """The GBK character of a lead+trail byte pair, or None when the pair is not one."""
    if len(pair) != 2 or pair[0] < 0x81:
        return None
    try:
        return pair.decode("gbk")
    except UnicodeDecodeError:
        return None


@cache
def _dropped_pairs() -> tuple[tuple[int, int], ...]:
    """Byte pairs a GBK decoder cannot map: what a lenient decoder silently dropped."""
    return tuple((x, y) for x in range(0x81, 0xFF) for y in _TRAILS if gbk_char(bytes([x, y])) is None)


@cache
def _common_with_lead(lead: int) -> tuple[tuple[int, str], ...]:
    """(trail byte, character) of the common characters whose GBK lead byte is ``lead``."""
    found = []
    for trail in _TRAILS:
        char = gbk_char(bytes([lead, trail]))
        if char and _common(char):
            found.append((trail, char))
    return tuple(found)


@cache
def _splits(lead: int, trail: int) -> tuple[str, ...]:
    """Two-character readings ``(lead, x)(y, trail)`` with ``(x, y)`` a dropped pair."""
    dropped = set(_dropped_pairs())
    readings = []
    for x, first in _common_with_lead(lead):
        for y in range(0x81, 0xFF):
            if (x, y) in dropped:
                second = gbk_char(bytes([y, trail]))
                if second and _common(second):
                    readings.append(first + second)
    return tuple(readings)


def _score(text: str) -> float:
    """Log-probability plus a per-character allowance: a guess that restores two characters
    where one stood must read better than an average character, not merely exist."""
    return logp(text) + _CHAR_ALLOWANCE * len(text)


def _common(char: str) -> bool:
    return char in CJK_PUNCT or char_count(char) >= _COMMON


def _shortlist(chars: list[tuple[str, list[str]]], after: str) -> list[tuple[str, list[str]]]:
    """Keep each unit's readings that fit best between their neighbours (bounds the search)."""
    kept = []
    for index, (char, options) in enumerate(chars):
        before = chars[index - 1][0] if index else ""
        nxt = chars[index + 1][0] if index + 1 < len(chars) else after[:1]
        ranked = sorted(options, key=lambda o: -_score(before + o + nxt))
        kept.append((char, ranked[:_SHORTLIST]))
    return kept


def suggest(raw: bytes, suffix: str, context: str) -> list[str]:
    """Best guesses for a repaired run whose GBK bytes are ``raw`` (then ``suffix``).

    ``context`` is the text that follows the run; it is scored with each guess.
    """
    chars: list[tuple[str, list[str]]] = []  # each decoded unit with its alternative readings
    pos = 0
    while pos < len(raw):
        if raw[pos] < 0x80:
            chars.append((chr(raw[pos]), []))
            pos += 1
            continue
        pair = raw[pos : pos + 2]
        char = gbk_char(pair)
        if char is None:  # a dangling lead byte: its trail was lost
            chars.append(("\ufffd", [c for _, c in _common_with_lead(raw[pos])]))
            pos += 1
            continue
        chars.append((char, [] if char in CJK_PUNCT else list(_splits(pair[0], pair[1]))))
        pos += 2
    chars = _shortlist(chars, suffix + context)
    current = [c for c, _ in chars]
    score = _score("".join(current) + suffix + context)
    alternatives: list[tuple[float, str]] = []
    open_units = {i for i, (_, options) in enumerate(chars) if options}
    while open_units:  # greedily fix the unit whose best reading helps most
        scored = []
        for index in open_units:
            for option in chars[index][1]:
                guess = current[:index] + [option] + current[index + 1 :]
                scored.append((_score("".join(guess) + suffix + context), index, option))
        scored.sort(reverse=True)
        if not scored or scored[0][0] <= score:
            break
        score, index, option = scored[0]
        current[index] = option
        open_units.discard(index)
        alternatives = [(s, "".join(current[:i] + [o] + current[i + 1 :])) for s, i, o in scored[1:3]]
    best = "".join(current) + suffix
    if best == "".join(c for c, _ in chars) + suffix:
        return []
    guesses = [best] + [g + suffix for _, g in alternatives]
    return [to_simplified(g) for g in guesses[:_MAX_SUGGESTIONS]]
