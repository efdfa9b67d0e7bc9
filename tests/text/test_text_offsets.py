"""The offset map: monotone, within bounds, and round-tripping to the original."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regionkg.errors import InputError
from regionkg.graph.text import normalize
from regionkg.graph.text.convert import to_simplified
from regionkg.graph.text.mapped import MappedText

# Characters whose simplified form does not depend on their neighbours.
PLAIN = "赣江新区上饶市数字经济产业发展区長業經濟數區1234567890abcXYZ。,、"
# Pieces that trigger every cleaning step: folding, invisible characters, pinyin, mojibake.
TOKENS = [*PLAIN, "　", "１２", "ＡＢ", "，", "！", "\u200b", "\u202e", "\x07", "\t", " ", "\n",
          "\r\n", "\n\n", "《》", "“", "”", "(shù)", "(上饶)", "锟斤拷", "烫烫烫", "\ufffd", "?!",
          "北本┪众A", "鄙橡埵形饕?", "æ±\x9fè¥¿", "赣江新区发展数字经济。\n"]
NOISY = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=40).map("".join)
# TEXT_EXAMPLES=1500 for a deeper search than the default quick run.
SETTINGS = settings(
    max_examples=int(os.environ.get("TEXT_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _normalize(text: str):
    try:
        return normalize(text.encode("utf-8"), "prop.txt")
    except InputError:
        return None


def _check_map(doc) -> None:
    assert len(doc.offsets) == len(doc.text)
    previous = (0, 0)
    for start, end in doc.offsets:
        assert 0 <= start < end <= len(doc.original)  # every clean char has a source
        assert start >= previous[0] and end >= previous[1]  # monotone
        previous = (start, end)


@SETTINGS
@given(NOISY)
def test_map_is_monotone_and_within_bounds(text: str) -> None:
    doc = _normalize(text)
    if doc is not None:
        _check_map(doc)


@SETTINGS
@given(NOISY, st.data())
def test_any_span_returns_exact_original_text(text: str, data: st.DataObject) -> None:
    doc = _normalize(text)
    if doc is None:
        return
    start = data.draw(st.integers(0, len(doc.text)))
    end = data.draw(st.integers(start, len(doc.text)))
    span = doc.span(start, end)
    assert doc.original[span.start : span.end] == span.text
    assert doc.to_original(start, end) == (span.start, span.end)
    for quarantined_start, quarantined_end in doc.quarantined:
        assert 0 <= quarantined_start < quarantined_end <= len(doc.text)


@SETTINGS
@given(st.text(alphabet=PLAIN, min_size=1, max_size=80), st.data())
def test_round_trip_without_repairs(text: str, data: st.DataObject) -> None:
    doc = _normalize(text)
    if doc is None or doc.repairs or doc.dropped:
        return
    _check_map(doc)
    start = data.draw(st.integers(0, len(doc.text)))
    end = data.draw(st.integers(start, len(doc.text)))
    span = doc.span(start, end)
    assert doc.text[start:end] == to_simplified(span.text).strip()


@SETTINGS
@given(
    st.text(alphabet="abc数字經濟", min_size=0, max_size=30),
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 3), st.text("xy新", max_size=3)), max_size=5),
)
def test_edits_keep_untouched_characters_in_place(text: str, raw_edits) -> None:
    mapped = MappedText.identity(text)
    edits, taken = [], -1
    for start, length, new in sorted(raw_edits):
        start = min(start, len(text))
        end = min(start + length, len(text))
        if start > taken and start < end:
            edits.append((start, end, new))
            taken = end
    result = mapped.edit(edits)
    assert len(result.starts) == len(result.text) == len(result.ends)
    assert result.starts == sorted(result.starts) and result.ends == sorted(result.ends)
    touched = {i for s, e, _ in edits for i in range(s, e)}
    kept = [i for i in range(len(text)) if i not in touched]
    triples = zip(result.starts, result.ends, result.text, strict=True)
    in_place = {s for s, e, c in triples if e - s == 1 and text[s] == c}
    assert in_place >= set(kept)


def test_seed_spans_round_trip(seed_000, seed_002) -> None:
    for doc in (seed_000, seed_002):
        _check_map(doc)
        for start, end in doc.sentences:
            span = doc.span(start, end)
            assert doc.original[span.start : span.end] == span.text
        name = "赣江新区" if "赣江新区" in doc.text else "上饶市"
        start = doc.text.index(name)
        assert to_simplified(doc.span(start, start + len(name)).text) == name
