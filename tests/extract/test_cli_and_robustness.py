"""The commands end to end, and extraction on arbitrary text never breaks its span contract."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from regionkg.cli.main import app
from regionkg.errors import InputError
from regionkg.graph.extract import extract
from regionkg.graph.text import normalize

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "gold"
runner = CliRunner()


def test_extract_json_contract() -> None:
    res = runner.invoke(app, ["extract", str(GOLD / "102_company_news.txt"), "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert set(doc) == {"doc", "entities", "relations", "indicators"}
    ent = doc["entities"][0]
    assert {"id", "name", "type", "aliases", "mentions"} <= set(ent)
    assert all({"s", "p", "o", "evidence"} <= set(r) for r in doc["relations"])
    assert all({"subject", "metric", "value", "unit", "period", "evidence"} <= set(i)
               for i in doc["indicators"])


def test_eval_exit_code_and_json() -> None:
    res = runner.invoke(app, ["eval", str(GOLD), "--format", "json"])
    assert res.exit_code == 0
    assert json.loads(res.output)["entities"]["total"]["f1"] > 0.9
    res = runner.invoke(app, ["eval", str(GOLD), "--min-relation-f1", "1.01"])
    assert res.exit_code == 7


def test_explain_and_missing_names() -> None:
    res = runner.invoke(app, ["explain", "宁德时代", str(GOLD / "102_company_news.txt")])
    assert res.exit_code == 0 and "宁德时代新能源科技股份有限公司" in res.output
    res = runner.invoke(app, ["explain", "不存在的名字", str(GOLD / "102_company_news.txt")])
    assert res.exit_code != 0


def test_bad_input_names_the_file(tmp_path: Path) -> None:
    res = runner.invoke(app, ["extract", str(tmp_path / "missing.txt")])
    assert res.exit_code != 0
    assert "missing.txt" in str(res.exception) + res.output


_CHUNKS = st.sampled_from(["上饶市", "江西", "有限公司", "研究院", "《", "》", "、", "等", "产业", "，", "。",
                           "1188亿元", "增长4.9%", "董事长", "王", "\n", " ", "由", "联合组建", "的", "聚焦"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_CHUNKS | st.text(max_size=3), max_size=40))
def test_any_text_keeps_spans_exact(parts: list[str]) -> None:
    text = "".join(parts)
    if not text.strip():
        return
    try:
        nt = normalize(text.encode("utf-8"), "h.txt")
    except InputError:
        return  # the text layer refuses it (nothing left after cleaning): not extraction's case
    ext = extract(nt)
    spans = [m for e in ext.entities for m in e.mentions] + [r.evidence for r in ext.relations]
    spans += [i.evidence for i in ext.indicators]
    for s in spans:
        assert nt.original[s.start:s.end] == s.text
