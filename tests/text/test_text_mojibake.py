"""Mojibake: GBK byte-shift runs in the real seed, UTF-8 read as Latin-1, irreparable runs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from regionkg.graph.text import normalize

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from bench_text import gbk_without_lead_byte  # noqa: E402  (the damage the text benchmark measures)


def _outside_quarantine(doc, needle: str) -> bool:
    start = doc.text.find(needle)
    while start != -1:
        if not doc.is_quarantined(start, start + len(needle)):
            return True
        start = doc.text.find(needle, start + 1)
    return False


def test_company_name_is_restored_and_usable(seed_002) -> None:
    name = "北京沃赢科技股份有限公司"
    start = seed_002.text.index(name)
    assert not seed_002.is_quarantined(start, start + len(name))
    assert seed_002.span(start, start + len(name)).text == "北本┪众A科技股份有限公司"


def test_five_runs_repaired_with_original_spans(seed_002) -> None:
    shifts = [r for r in seed_002.repairs if r.kind == "gbk-shift"]
    assert len(shifts) == 5
    for repair in shifts:
        assert seed_002.original[repair.start : repair.end] == repair.original
        assert repair.original.startswith("?")
        assert repair.repaired[0] == "。"  # the lost byte was the lead of a full stop
        assert "0xA1" in (repair.note or "")


def test_still_damaged_runs_are_quarantined_with_suggestions(seed_002) -> None:
    damaged = [r for r in seed_002.repairs if r.kind == "gbk-shift" and r.suggestions]
    assert damaged
    assert len(seed_002.quarantined) == 4
    for start, end in seed_002.quarantined:
        assert "北京沃赢" not in seed_002.text[start:end]
    suggested = " ".join(s for r in damaged for s in r.suggestions)
    assert "我们要深入学" in suggested  # guesses are offered, never applied
    assert "我们要深入学" not in seed_002.text


def test_no_forbidden_string_survives_outside_quarantine(seed_002, must_not_appear_002) -> None:
    for forbidden in must_not_appear_002:
        assert not _outside_quarantine(seed_002, forbidden), forbidden


def test_utf8_read_as_latin1_is_repaired() -> None:
    garbled = "江西赣江新区".encode("utf-8").decode("latin-1")
    doc = normalize(f"来自 {garbled} 的报道, café 不变。".encode("utf-8"), "l.txt")
    assert doc.text == "来自 江西赣江新区 的报道, café 不变。"
    (repair,) = [r for r in doc.repairs if r.kind == "mojibake"]
    assert repair.original == garbled and repair.repaired == "江西赣江新区"


def test_irreparable_mojibake_is_quarantined_not_kept() -> None:
    doc = normalize("北京锟斤拷锟斤拷科技公司。烫烫烫烫。屯屯屯。\ufffd\ufffd有限公司。".encode(), "q.txt")
    assert "锟斤拷" not in doc.text and "烫烫烫" not in doc.text and "屯屯屯" not in doc.text
    quarantines = [r for r in doc.repairs if r.kind == "quarantine"]
    assert [r.original for r in quarantines] == ["锟斤拷锟斤拷", "烫烫烫烫", "屯屯屯", "\ufffd\ufffd"]
    assert len(doc.quarantined) == 4
    start = doc.text.index("北京")
    assert doc.is_quarantined(start, start + len("北京\ufffd科技公司"))


def test_question_mark_before_ordinary_text_is_left_alone(seed_000) -> None:
    assert not [r for r in seed_000.repairs if r.kind == "gbk-shift"]
    assert "有何独到之处?" in seed_000.text


@pytest.mark.parametrize("marker", [b"", b"?"])
def test_generated_byte_loss_never_leaks_garbage_outside_quarantine(seed_000, marker: bytes) -> None:
    """Lose one GBK lead byte anywhere (silently, or leaving a ``?``); whatever the repair
    manages, no character of the out-of-step garbage may remain outside a quarantined span."""
    import difflib

    sentences = [seed_000.text[s:e] for s, e in seed_000.sentences if e - s > 30][:8]
    repaired = 0
    for n, sentence in enumerate(sentences):
        damaged = gbk_without_lead_byte(sentence, 5 + n, marker).decode("gbk", errors="replace")
        doc = normalize(damaged.encode("utf-8"), "damaged.txt")
        repaired += any(r.kind == "gbk-shift" for r in doc.repairs)
        matcher = difflib.SequenceMatcher(None, doc.text, sentence, autojunk=False)
        for tag, i1, i2, _, _ in matcher.get_opcodes():
            if tag in ("replace", "delete"):
                for i in range(i1, i2):
                    assert doc.is_quarantined(i, i + 1), (damaged, doc.text, doc.text[i])
    assert repaired > 0  # the repair rate itself is measured in bench/bench_text.py


def test_rare_name_characters_are_not_mistaken_for_damage() -> None:
    """GBK-extension characters in real names (陈燚, 郑珺, 何頔) and rare place names must
    survive, even right after a question mark."""
    templates = ["记者{}报道,数字经济发展迅速。", "为什么?{}说:“我们要努力。”", "?{}?", "?{},", "{}"]
    templates += ["?{}AI", "?!{}AI", "记者{}AI", "?{}5G"]
    for name in ["陈燚", "郑珺", "冯琎", "蒋玥", "许昉", "刘犇", "鄱阳湖", "婺源县", "欧阳玥"]:
        for template in templates:
            text = template.format(name)
            doc = normalize(text.encode(), "names.txt")
            assert name in doc.text and not doc.quarantined, (text, doc.text)
            assert not [r for r in doc.repairs if r.kind in ("gbk-shift", "quarantine")]


def test_words_of_other_scripts_are_not_mistaken_for_damage() -> None:
    for text in ["俄罗斯(Россия)代表团访问。", "日本索尼(ソニー)公司。", "表格:┌──┬──┐\n│项目│金额│", "α粒子和β射线。"]:
        doc = normalize(text.encode(), "scripts.txt")
        assert doc.text == text and not doc.repairs and not doc.quarantined
