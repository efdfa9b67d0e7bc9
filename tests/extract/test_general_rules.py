"""Regression tests for general mechanisms, each on a sentence written for the test (not taken
from any gold or probe article): word boundaries, left edges, lists, founders, roles, products,
infrastructure, periods and currencies."""

from __future__ import annotations

import pytest

from regionkg.graph.extract import extract, lexmatch
from regionkg.graph.extract.numbers import find_period, find_quantities
from regionkg.graph.text import normalize


def run(text: str):
    return extract(normalize(text.encode("utf-8"), "t.txt"))


def names(text: str) -> dict[str, str]:
    return {e.name: e.type for e in run(text).entities}


def rels(text: str, p: str) -> set[tuple]:
    return {(r.s, r.o, r.role) if p == "holdsRole" else (r.s, r.o) for r in run(text).relations if r.p == p}


def test_division_short_forms_only_on_word_boundaries() -> None:
    found = names("该区计划打造一批创新平台，把城区建成宜居的大城市。")
    assert not any(t == "Region" for t in found.values()), found


def test_placeholder_codes_of_the_division_list_are_dropped() -> None:
    ents = run("台湾省与福建省的经贸往来持续增加。").entities
    assert {e.name: e.code for e in ents}.get("台湾省", "missing") is None


def test_divisions_absent_from_the_division_list() -> None:
    assert names("台中市政府表示，台中市精密机械产业今年持续扩张。").get("台中市") == "Region"


def test_chinese_numeral_years_and_undated_relative_years() -> None:
    text = "二〇二二年全县粮食产量创新高，明年将继续扩大种植面积。"
    assert find_period(text, 0, 8, None) == "2022"
    later = text.index("明年")
    assert find_period(text, later, len(text), None) is None
    assert find_period(text, later, len(text), 2025) == "2026"


def test_stated_currency_and_ten_thousand_units_are_kept() -> None:
    qs = {q.unit: q for q in find_quantities("营收达80亿港元，出口整车12.5万辆，吞吐量320万标箱。")}
    assert qs["亿港元"].normalized_unit == "HKD" and qs["亿港元"].normalized_value == 8e9
    assert qs["万辆"].normalized_value == 125000
    assert qs["万标箱"].normalized_unit == "TEU"


def test_respectively_aligns_values_with_the_listed_measures() -> None:
    inds = run("2023年，湘潭市出口额、进口额分别增长11.2%、8.4%。").indicators
    got = {i.metric: i.value for i in inds}
    assert got.get("出口额增长") == 11.2 and got.get("进口额增长") == 8.4, got
    shared = run("2023年，湘潭市城镇和农村居民人均消费支出分别增长5.1%和7.3%。").indicators
    assert {i.metric: i.value for i in shared}.get("农村居民人均消费支出增长") == 7.3


def test_unequal_lists_are_not_guessed() -> None:
    inds = run("2023年，湘潭市出口额、进口额、加工贸易额分别增长11.2%、8.4%。").indicators
    assert not any(i.value in (11.2, 8.4) for i in inds)


def test_founded_thing_after_its_founders() -> None:
    text = "由南方电网有限责任公司与华南理工大学联合组建的粤港澳能源研究院昨日揭牌。"
    assert rels(text, "foundedBy") >= {("粤港澳能源研究院", "南方电网有限责任公司"),
                                        ("粤港澳能源研究院", "华南理工大学")}


def test_both_parties_found_what_they_agreed_on() -> None:
    text = "厦门大学与福建星海电子股份有限公司签署合作协议，双方将共同组建海洋传感联合实验室。"
    assert rels(text, "foundedBy") >= {("海洋传感联合实验室", "厦门大学"),
                                        ("海洋传感联合实验室", "福建星海电子股份有限公司")}


def test_boundary_character_inside_a_word_does_not_cut_a_name() -> None:
    assert names("海南自由贸易港建设推进会昨日举行，中国（福建）自由贸易试验区厦门片区派员参加。").get(
        "中国(福建)自由贸易试验区厦门片区") == "Region"


def test_company_short_name_before_corporate_title_and_again_later() -> None:
    text = "“订单已经排到明年。”星河动力创始人、董事长刘百川说。星河动力去年交付火箭5枚。"
    assert ("刘百川", "星河动力", "创始人、董事长") in rels(text, "holdsRole")
    assert names(text).get("星河动力") == "Enterprise"


def test_listed_company_containing_a_division_name() -> None:
    assert names("园区先后引进宁德时代、上汽大众南京等整车和电池企业。").get("上汽大众南京") == "Enterprise"


def test_post_held_by_named_later_and_college_of_a_university() -> None:
    text = "武汉大学与长江光电股份有限公司共建光子计算实验室。实验室主任由武汉大学电子信息与通信学院教授孙明担任。"
    got = rels(text, "holdsRole")
    assert ("孙明", "光子计算实验室", "主任") in got
    assert ("孙明", "武汉大学电子信息与通信学院", "教授") in got


def test_products_after_a_production_verb() -> None:
    text = "东方精工股份有限公司位于佛山市顺德区，公司主要生产瓦楞纸板生产线、工业机器人和伺服压力机等产品。"
    made = rels(text, "produces")
    assert {("东方精工股份有限公司", x) for x in ("瓦楞纸板生产线", "工业机器人", "伺服压力机")} <= made


def test_named_infrastructure_but_not_generic_facilities() -> None:
    found = names("上半年，连云港港完成货物吞吐量1.6亿吨，淮安涟水国际机场新开通航线6条，园区新建5G基站300个。")
    assert found.get("淮安涟水国际机场") == "Infrastructure"
    assert not any(n.endswith("基站") for n in found)


def test_planning_verb_before_a_target_year_leaves_the_province_as_subject() -> None:
    text = "江西省人民政府办公厅印发方案。方案提出到2030年全省锂电产业营业收入突破5000亿元。"
    inds = run(text).indicators
    assert any(i.subject == "江西省" and i.metric.startswith("锂电") for i in inds), inds


def test_bare_organ_inside_a_title_chain_belongs_to_the_region_that_opens_it() -> None:
    text = "会上，苏州高新区党工委委员、管委会副主任陈立新介绍了园区规划。"
    assert ("陈立新", "苏州高新区管委会", "副主任") in rels(text, "holdsRole")


def test_zone_named_after_its_county_starts_after_the_county() -> None:
    text = "准格尔旗大路经济开发区今年新落地项目12个。"
    assert names(text).get("大路经济开发区") == "Region"
    assert ("大路经济开发区", "准格尔旗") in rels(text, "partOf")


def test_conjunction_inside_a_later_list_item_does_not_restart_the_list() -> None:
    found = names("近年来，该市聚焦新能源汽车、机器人及智能装备、生物医药等产业。")
    assert {"新能源汽车", "生物医药"} <= {n for n, t in found.items() if t == "Industry"}, found


def test_industry_named_by_a_pilot_zone() -> None:
    assert names("嘉兴市获批建设人工智能创新发展试验区。").get("人工智能") == "Industry"


def test_we_in_a_quote_is_the_organisation_named_after_it() -> None:
    text = "苏州市大力发展生物医药产业。“我们今年营业收入增长了23.5%。”信达生物制药（苏州）有限公司总裁刘敏说。"
    inds = run(text).indicators
    assert any(i.value == 23.5 and i.subject == "信达生物制药(苏州)有限公司" for i in inds), inds


def test_headquarters_of_the_sentence_subject() -> None:
    text = "据了解，蓝海新材料股份有限公司成立于2009年，总部位于宁波市北仑区，员工超过3000人。"
    assert ("蓝海新材料股份有限公司", "北仑区") in rels(text, "locatedIn")


def test_dateline_city_is_not_what_the_article_is_about() -> None:
    text = "新华社武汉6月3日电（记者 李华）黄石市今年前5个月规模以上工业增加值增长8.1%。其中，电子信息产业产值增长21.4%。"
    inds = run(text).indicators
    assert {i.subject for i in inds} == {"黄石市"}, inds


def test_name_ending_in_a_conjunction_character_before_a_speech_verb() -> None:
    people = {e.name for e in run("公司董事长林清和介绍，今年订单增长明显。").entities if e.type == "Person"}
    assert people == {"林清和"}
    pair = {e.name for e in run("会上，董事长王明和总经理李强出席。").entities if e.type == "Person"}
    assert {"王明", "李强"} <= pair


def test_place_inside_an_unrecognised_founder_name_is_no_founder() -> None:
    text = "由中车株洲所与湖南大学联合组建的轨道交通研究院已投入运行。"
    assert rels(text, "foundedBy") == {("轨道交通研究院", "湖南大学")}


def test_respectively_over_listed_subjects_with_one_measure() -> None:
    inds = run("2023年，宁波港、温州港货物吞吐量分别为3.3亿吨、2.3亿吨。").indicators
    got = {(i.subject, i.value, i.unit) for i in inds}
    assert {("宁波港", 3.3, "亿吨"), ("温州港", 2.3, "亿吨")} <= got, got


def test_addressee_lists_are_not_agencies() -> None:
    assert not any("县(区)" in n for n in names("各市、县（区）人民政府，省直各单位：现将方案印发给你们。"))


@pytest.mark.parametrize("short", ["大石桥", "阿拉山口"])
def test_a_short_form_ending_the_text_is_read_as_before_punctuation(short: str) -> None:
    """The word-boundary check looks past the end of the match; at the end of a text there is
    nothing there, and the last characters of the match itself (石桥, 山口) must not count."""
    ended = [m.name for m in lexmatch.find(f"来自{short}")]
    assert ended and ended == [m.name for m in lexmatch.find(f"来自{short}。")]
