"""Numbers, units, qualifiers and periods as Chinese statistics write them."""

from __future__ import annotations

import pytest

from regionkg.graph.extract.numbers import find_period, find_quantities, parse_number, parse_period


@pytest.mark.parametrize("text,value,unit,norm,qual", [
    ("达1188亿元", 1188, "亿元", 1188e8, None),
    ("开通1万多个5G基站", 10000, "个", 10000, "more_than"),
    ("营业收入三百二十亿元", 320, "亿元", 320e8, None),
    ("增长百分之三十五点二", 35.2, "%", 35.2, None),
    ("不到江西3%的国土面积", 3, "%", 3, None),
    ("约1,234.5万元", 1234.5, "万元", 12345000, "about"),
    ("增长7.2倍", 7.2, "倍", 7.2, None),
])
def test_quantities(text: str, value: float, unit: str, norm: float, qual: str | None) -> None:
    (q,) = find_quantities(text)
    assert (q.value, q.unit, q.qualifier) == (value, unit, qual)
    assert q.normalized_value == pytest.approx(norm)


@pytest.mark.parametrize("text", ["全国第十八个", "千亿元级别的规模", "两个", "一家企业"])
def test_not_statistics(text: str) -> None:
    assert find_quantities(text) == []


def test_chinese_numerals_only_on_number_spans() -> None:
    assert parse_number("二千七百") == 2700
    assert parse_number("六点五") == 6.5
    assert parse_number("二十大") is None


@pytest.mark.parametrize("text,year,expected", [
    ("2024年上半年", None, "2024-H1"),
    ("今年前三季度", None, "Y-Q1..Q3"),
    ("今年前三季度", 2024, "2024-Q1..Q3"),
    ("去年", 2025, "2024"),
    ("2024年1-9月", None, "2024-01..09"),
    ("没有时间", None, None),
])
def test_periods(text: str, year: int | None, expected: str | None) -> None:
    assert find_period(text, 0, len(text), year) == expected


def test_period_keys() -> None:
    assert parse_period("前三季度") == (None, "Q1..Q3")
    assert parse_period("2024-Q1..Q3") == ("2024", "Q1..Q3")
    assert parse_period("Y-Q1..Q3") == (None, "Q1..Q3")
    assert parse_period(None) == (None, "")
