"""Cleaning: markup, invisible characters, safe folding, pinyin glosses, simplification."""

from __future__ import annotations

from regionkg.graph.text import normalize


def _clean(text: str, path: str = "a.txt") -> str:
    return normalize(text.encode("utf-8"), path).text


def test_html_drops_script_style_and_comments_and_unescapes_entities() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>上饶新闻</title><style>p {color: red}</style>"
        "<script>var s = '<p>脚本</p>';</script></head><body><!-- 注释 -->"
        "<div>赣江新区&amp;上饶市</div><p>第二段<br>第二行&#x4e00;&nbsp;结束</p></body></html>"
    )
    doc = normalize(page.encode("utf-8"), "page.html")
    assert "脚本" not in doc.text and "color" not in doc.text and "注释" not in doc.text
    assert doc.text.split("\n\n") == ["上饶新闻", "赣江新区&上饶市", "第二段\n第二行一 结束"]
    amp = doc.text.index("&")
    assert doc.span(amp, amp + 1).text == "&amp;"  # the map points into the HTML source
    assert doc.title == "上饶新闻"


def test_full_width_ascii_folds_but_chinese_punctuation_stays() -> None:
    text = _clean("ＧＤＰ达１１８８亿元，增长４．９％；“数字”、《方案》（试行）：好！")
    assert text == "GDP达1188亿元，增长4.9%；“数字”、《方案》（试行）：好！"


def test_spaces_kangxi_radicals_and_compatibility_ideographs_fold() -> None:
    assert _clean("\u3000\u3000第\u2f00段\u00a0内容") == "第一段 内容"


def test_invisible_and_control_characters_are_removed() -> None:
    text = _clean("赣\u200b江\u200d新\u202e区\u2066成\ufeff立\x07了\x1b。")
    assert text == "赣江新区成立了。"


def test_pinyin_glosses_go_and_real_brackets_stay() -> None:
    text = _clean("數(shù)字經(jīng)濟(jì)。晶科能源(上饒)有限公司。(本報記者 鄭少忠 朱磊)(2024年)")
    assert text == "数字经济。晶科能源(上饶)有限公司。(本报记者 郑少忠 朱磊)(2024年)"


def test_seed_pinyin_glosses_all_removed(seed_002) -> None:
    glosses = [r for r in seed_002.repairs if r.kind == "pinyin-gloss"]
    assert len(glosses) >= 196
    assert all(r.original.endswith(")") and r.repaired == "" for r in glosses)
    assert "晶科能源(上饶)有限公司" in seed_002.text
    assert "(本报记者 郑少忠 朱 磊)" in seed_002.text
    assert "ù" not in seed_002.text and "(x" not in seed_002.text


def test_traditional_becomes_simplified_with_opencc() -> None:
    assert _clean("沿著6.1公里長的試駕道路,隨著一批龍頭企業入駐。乾隆") == (
        "沿着6.1公里长的试驾道路,随着一批龙头企业入驻。乾隆"
    )


def test_seed_002_reads_simplified(seed_002) -> None:
    assert seed_002.text.startswith("江西上饶:在数字经济赛道上做出特色\n沿着6.1公里长的试驾道路")
    assert seed_002.title == "江西上饶:在数字经济赛道上做出特色"
    assert seed_002.encoding == "utf-8"


def test_date_from_dateline() -> None:
    doc = normalize("标题在这里\n2024年10月12日 09:30 来源:经济日报\n正文。".encode(), "d.txt")
    assert doc.date == "2024-10-12"
    assert normalize("标题在这里\n发布时间:2023-01-05\n正文。".encode(), "d.txt").date == "2023-01-05"
    body = "标题在这里\n" + "正文很长的一段文字" * 10 + "2024年10月12日召开会议。"
    assert normalize(body.encode(), "d.txt").date is None  # a date inside a long paragraph is a fact


def test_markdown_markup_goes_and_words_stay_mapped() -> None:
    md = "# 江西上饶\n\n> 本报记者 **郑少忠**\n\n- 见 [上饶市政府](http://x.cn/a) 网站\n\n---\n\n正文 *强调*。\n"
    doc = normalize(md.encode(), "article.md")
    assert doc.text == "江西上饶\n\n本报记者 郑少忠\n\n见 上饶市政府 网站\n\n正文 强调。"
    start = doc.text.index("上饶市政府")
    assert doc.span(start, start + 5).text == "上饶市政府"


def test_a_stray_tag_in_plain_text_is_not_html_but_a_fragment_is() -> None:
    assert normalize("第一行<br>第二行\n第三行".encode(), "a.txt").text == "第一行<br>第二行\n第三行"
    fragment = "".join(f"<p>第{n}段。</p>" for n in range(6))
    assert normalize(fragment.encode(), "a.txt").text == "\n\n".join(f"第{n}段。" for n in range(6))


def test_date_and_title_declared_by_a_page() -> None:
    page = (
        '<html><head><meta property="article:published_time" content="2024-10-12T08:00:00+08:00">'
        "<title>上饒：數字經濟ＡＩ</title></head><body><p>今年前三季度,上饶市数字经济产业实现营业收入2440.5亿元。</p></body></html>"
    )
    doc = normalize(page.encode(), "p.html")
    assert doc.date == "2024-10-12"
    assert doc.title == "上饶：数字经济AI"


def test_clean_text_as_written_keeps_the_traditional_script(seed_002) -> None:
    start = seed_002.text.index("数字经济")
    assert seed_002.as_written(start, start + 4) == "數字經濟"
    assert seed_002.span(start, start + 4).text.startswith("數(shù)字")
    name = seed_002.text.index("北京沃赢")
    assert seed_002.as_written(name, name + 4) == "北京沃贏"
    assert len(seed_002.written_text or "") == len(seed_002.text)
