"""The general rules on small sentences of their own (not taken from the gold articles)."""

from __future__ import annotations

from regionkg.graph.extract import extract
from regionkg.graph.extract.orgnames import find as find_orgs
from regionkg.graph.extract.pipeline import trade_name
from regionkg.graph.extract.resolve import _abbreviates
from regionkg.graph.text import normalize


def run(text: str):
    return extract(normalize(text.encode("utf-8"), "t.txt"))


def names(text: str) -> dict[str, str]:
    return {e.name: e.type for e in run(text).entities}


def test_suffix_names_stop_at_function_words_and_keep_nested_names() -> None:
    found = {m.name: m.type for m in find_orgs("近日，记者来到位于合肥市的中国科学技术大学先进技术研究院。", [])}
    assert found["中国科学技术大学先进技术研究院"] == "ResearchInstitute"
    assert found["中国科学技术大学"] == "University"
    assert not any(n.startswith(("来到", "位于")) for n in found)


def test_generic_categories_are_not_names() -> None:
    assert "国家级重点实验室" not in names("该市已有国家级重点实验室12个。")


def test_role_title_then_name_and_speech_verb() -> None:
    ext = run("苏州工业园区管委会主任张立新表示，园区将聚焦生物医药、纳米技术应用等产业。")
    roles = {(r.s, r.o, r.role) for r in ext.relations if r.p == "holdsRole"}
    assert ("张立新", "苏州工业园区管委会", "主任") in roles


def test_byline_with_padded_two_character_name() -> None:
    ext = run("（本报记者 王 红 李建国）\n")
    people = {e.name for e in ext.entities if e.type == "Person"}
    assert {"王红", "李建国"} <= people


def test_short_forms_resolve_to_divisions_with_codes() -> None:
    ext = run("湖北宜昌：今年以来，宜昌聚焦绿色化工、生物医药等产业。")
    ent = next(e for e in ext.entities if e.name == "宜昌市")
    assert ent.code == "420500" and ent.parent == "湖北省" and "宜昌" in ent.aliases
    assert any(r.p == "partOf" and r.s == "宜昌市" and r.o == "湖北省" for r in ext.relations)


def test_common_words_are_not_places() -> None:
    assert "合作市" not in names("双方将加强合作，共同推进项目建设。")


def test_trade_names_and_abbreviations() -> None:
    assert trade_name("京东方科技集团股份有限公司", ()) == "京东方"
    assert trade_name("江西远赛医疗科技有限公司", ("江西",)) == "远赛"
    assert _abbreviates("前海深港合作区", "前海深港现代服务业合作区")
    assert not _abbreviates("前海合作区", "南沙现代服务业合作区")


def test_growth_rate_is_its_own_measure() -> None:
    ext = run("2023年，襄阳市实现地区生产总值5842.9亿元，同比增长5.3%。")
    by_metric = {i.metric: i for i in ext.indicators}
    growth = next(i for i in ext.indicators if i.base_metric)
    assert by_metric["地区生产总值"].normalized_value == 5842.9e8
    assert growth.base_metric == "地区生产总值" and growth.value == 5.3 and growth.period == "2023"


def test_joining_an_alliance_is_membership() -> None:
    ext = run("今年5月，合肥工业大学正式加入长三角新能源汽车产业联盟。")
    assert ("合肥工业大学", "memberOf", "长三角新能源汽车产业联盟") in {
        (r.s, r.p, r.o) for r in ext.relations}


def test_quoted_speaker_is_a_person() -> None:
    ext = run("“订单已经排到明年三月。”张立新说，工厂正在扩建。")
    assert "张立新" in {e.name for e in ext.entities if e.type == "Person"}
