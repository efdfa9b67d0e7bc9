"""The anchored scans find exactly what a full ``finditer`` finds (bylines, report names)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from regionkg.graph.extract import people, titles
from regionkg.graph.extract.anchored import finditer_near
from regionkg.graph.extract.mention import working_text
from regionkg.graph.text import normalize

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted(p for p in (ROOT / "tests" / "data").glob("gold*/[0-9]*_*") if p.suffix != ".json")
SCANS = [(people._BYLINE, people._REPORTER), (titles._REPORT, titles._REPORT_ANCHOR)]
# pieces that make bylines and report names, and near misses of both
PIECES = ["本报", "记者", "特约记者", "首席记者", "通讯员", "新华社", "江西日报", "中国网", "王", "李华",
          " ", "\u3000", "）", "\n", "摄影", "党的", "二十", "大报告", "报告", "政府工作报告", "国务院",
          "2024年", "江西省", "区", "大", "的", "，"]


def _spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def test_anchored_scans_match_full_scans_on_articles() -> None:
    found = 0
    for path in ARTICLES:
        text = working_text(normalize(path.read_bytes(), str(path)).text)
        for pattern, anchor in SCANS:
            full = _spans(pattern.finditer(text))
            assert _spans(finditer_near(pattern, anchor, 10, text)) == full, path.name
            found += len(full)
    assert found > 0  # the articles do hold bylines or report names


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_anchored_scans_match_full_scans_on_generated_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    for pattern, anchor in SCANS:
        assert _spans(finditer_near(pattern, anchor, 10, text)) == _spans(pattern.finditer(text))
