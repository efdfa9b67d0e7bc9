"""Simplification keeps the offset map exact even if a conversion changes length."""

from __future__ import annotations

import pytest

from regionkg.graph.text import convert
from regionkg.graph.text.mapped import MappedText


def test_one_to_one_conversion_keeps_the_per_character_map() -> None:
    mapped = convert.simplify(MappedText.identity("沿著公路,隨著發展"))
    assert mapped.text == "沿着公路,随着发展"
    assert list(zip(mapped.starts, mapped.ends, strict=True)) == [(i, i + 1) for i in range(9)]


def test_a_length_change_is_aligned_not_misplaced(monkeypatch: pytest.MonkeyPatch) -> None:
    """OpenCC converts by phrase; should a phrase ever change length, the characters around it
    must still point at their own originals."""
    real = convert.to_simplified

    def phrase_growing(text: str) -> str:
        return real(text).replace("乾隆", "乾隆帝")

    monkeypatch.setattr(convert, "to_simplified", phrase_growing)
    original = "上饒\n乾隆年間經濟"
    mapped = convert.simplify(MappedText.identity(original))
    assert mapped.text == "上饶\n乾隆帝年间经济"
    assert mapped.starts == sorted(mapped.starts) and mapped.ends == sorted(mapped.ends)
    sources = [original[s:e] for s, e in zip(mapped.starts, mapped.ends, strict=True)]
    assert sources[:3] == ["上", "饒", "\n"]
    assert all(source in "乾隆" for source in sources[3:6])  # the changed phrase maps inside itself
    assert sources[6:] == list("年間經濟")  # what follows is not shifted
