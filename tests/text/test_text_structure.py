"""Repeated paragraphs, sentences and spans on the seeds and on small texts."""

from __future__ import annotations

import re

from regionkg.graph.text import normalize
from regionkg.graph.text.structure import sentence_spans


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if len(p.strip()) >= 20]


def test_seed_000_repeats_are_dropped_keeping_the_first(seed_000) -> None:
    original = _paragraphs(seed_000.original)
    assert len(original) > len(set(original))  # the seed really repeats itself
    for paragraph in set(original):
        first_sentence = re.split(r"[。?]", paragraph)[0]
        assert seed_000.text.count(first_sentence) <= 1, first_sentence
    assert seed_000.text.count("找准发展突破口") == 1
    assert seed_000.text.count("赣江新区于2016年10月挂牌成立") == 1
    # the kept copy is the first one: it maps to the first occurrence in the original
    start = seed_000.text.index("赣江新区于2016年10月挂牌成立")
    assert seed_000.span(start, start + 5).start == seed_000.original.index("赣江新区于2016年10月挂牌成立")


def test_seed_000_truncated_repeat_dropped_and_new_sentence_kept(seed_000) -> None:
    assert not seed_000.text.endswith("从无到")
    assert "设立于2016年10月的赣江新区,是中部地区第二个国家级新区" in seed_000.text


def test_dropped_spans_point_at_text_seen_before(seed_000) -> None:
    assert len(seed_000.dropped) >= 5
    for span in seed_000.dropped:
        assert seed_000.original[span.start : span.end] == span.text
        assert seed_000.original.find(span.text.strip()) < span.start


def test_unrepeated_text_keeps_every_line() -> None:
    text = "第一段很长的内容在这里出现。\n第二段也很长但是内容不同。\n——\n——"
    assert normalize(text.encode(), "u.txt").text == text


def test_sentences_split_at_terminators_and_line_breaks() -> None:
    text = "第一句。第二句!第三句?第四句;最后\n新行"
    parts = [text[s:e] for s, e in sentence_spans(text)]
    assert parts == ["第一句。", "第二句!", "第三句?", "第四句;", "最后", "新行"]


def test_sentences_keep_quotations_with_their_speaker(seed_002) -> None:
    sentences = [seed_002.text[s:e] for s, e in seed_002.sentences]
    quote = "执行院长王娟说:“我们要努力打好关键核心技术攻坚战,推进高端医疗器械国产化。”"
    assert any(s.endswith(quote) for s in sentences)  # "……" ends no sentence
    assert any(s.startswith("“我们将全力打造") and s.endswith("程渐东说。") for s in sentences)


def test_sentence_spans_cover_clean_text(seed_000, seed_002) -> None:
    for doc in (seed_000, seed_002):
        previous_end = 0
        for start, end in doc.sentences:
            assert previous_end <= start < end <= len(doc.text)
            assert doc.text[start:end] == doc.text[start:end].strip()
            previous_end = end
        covered = "".join(doc.text[s:e] for s, e in doc.sentences)
        assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", doc.text)


def test_titles(seed_000, seed_002) -> None:
    assert seed_000.title == "以数——赋能激发创新活力"  # scraped one character per line
    assert seed_002.title == "江西上饶:在数字经济赛道上做出特色"
    assert normalize("一\n\n很长的正文内容在这里。第二句。".encode(), "t.txt").title is None
