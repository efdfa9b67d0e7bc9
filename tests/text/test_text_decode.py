"""Decoding: every supported encoding gives the same text; bad inputs are refused by name."""

from __future__ import annotations

import codecs
import random

import pytest

from regionkg.errors import InputError
from regionkg.graph.text import normalize
from regionkg.graph.text.decode import decode

SIMPLIFIED = [
    "赣江新区成立。",
    "上饶市数字经济核心产业营收同比增长35.2%。",
    "江西赣江新区聚焦网络微短剧、数字营销、数据产业、工业软件等数字经济细分赛道,"
    "从无到有,推动数字产业快速发展,特色鲜明的数字产业集群雏形初现。" * 3,
]
TRADITIONAL = [
    "沿著公路。",
    "上饒市數字經濟核心產業營收同比增長。",
    "江西贛江新區聚焦網絡微短劇、數字營銷、數據產業、工業軟件等數字經濟細分賽道,"
    "從無到有,推動數字產業快速發展。" * 3,
]
UNICODE = ["utf-8", "utf-16-le", "utf-16-be"]


@pytest.mark.parametrize("encoding", [*UNICODE, "gb18030", "gbk"])
@pytest.mark.parametrize("sentence", SIMPLIFIED)
def test_simplified_sentence_decodes_identically(encoding: str, sentence: str) -> None:
    text, _ = decode(sentence.encode(encoding), "s.txt")
    assert text == sentence


@pytest.mark.parametrize("encoding", [*UNICODE, "gb18030", "big5"])
@pytest.mark.parametrize("sentence", TRADITIONAL)
def test_traditional_sentence_decodes_identically(encoding: str, sentence: str) -> None:
    text, _ = decode(sentence.encode(encoding), "t.txt")
    assert text == sentence


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_byte_order_marks(bom: bytes, encoding: str) -> None:
    sentence = SIMPLIFIED[1]
    text, found = decode(bom + sentence.encode(encoding), "bom.txt")
    assert text == sentence  # the BOM itself is not part of the text
    assert found == f"{encoding}-bom"


def test_clean_text_is_identical_across_encodings() -> None:
    cleaned = {
        normalize(TRADITIONAL[2].encode(enc), f"x.{enc}.txt").text
        for enc in ["utf-8", "gb18030", "big5", "utf-16-le", "utf-16-be"]
    }
    assert len(cleaned) == 1
    assert "江西赣江新区" in cleaned.pop()


def test_html_meta_charset_is_honoured() -> None:
    body = "<p>" + SIMPLIFIED[0] + "</p>"
    html = f'<html><head><meta charset="gb2312"><title>标题</title></head><body>{body}</body></html>'
    doc = normalize(html.encode("gb18030"), "page.html")
    assert doc.encoding == "gb2312"
    assert SIMPLIFIED[0] in doc.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b" \n\t\r\n ", "whitespace"),
        ("  \n".encode("utf-16"), "whitespace"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"text\x00\x00\x00\x01more\x00\x00" * 20, "NUL"),
        (b"<html><script>alert(1)</script><style>p{}</style></html>", "no text"),
    ],
)
def test_bad_inputs_are_refused_naming_the_file(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as error:
        normalize(data, "bad/input.txt")
    assert "bad/input.txt" in str(error.value)
    assert reason in str(error.value)


@pytest.mark.parametrize("seed", range(6))
def test_random_bytes_are_refused(seed: int) -> None:
    rng = random.Random(seed)
    data = bytes(rng.randrange(256) for _ in range(rng.choice([64, 500, 4000])))
    with pytest.raises(InputError, match="rand.bin"):
        normalize(data, "rand.bin")


@pytest.mark.parametrize("word", ["赣江", "中国", "你好", "上饶", "发展"])
@pytest.mark.parametrize("encoding", ["gbk", "utf-16-le", "utf-16-be"])
def test_two_character_texts_are_not_mistaken(word: str, encoding: str) -> None:
    """Any two GBK characters are also two Big5 ones; word frequencies break the tie. UTF-16
    without a BOM is only ambiguous when every byte is ASCII (你好 is ``` `O}Y ``` as UTF-8)."""
    data = word.encode(encoding)
    if encoding.startswith("utf-16") and all(b < 0x80 for b in data):
        pytest.skip("every byte is ASCII: indistinguishable from an ASCII file")
    assert decode(data, "w.txt")[0] == word


def test_valid_utf8_beats_a_stale_legacy_declaration() -> None:
    page = '<html><head><meta charset="gb2312"></head><body><p>赣江新区数字经济</p></body></html>'
    doc = normalize(page.encode("utf-8"), "resaved.html")
    assert doc.encoding == "utf-8"
    assert doc.text == "赣江新区数字经济"
