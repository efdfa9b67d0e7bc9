"""The page itself: escaping, offline assets, CSP, UTF-8 — checked on the HTML text."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from regionkg.graph import analytics
from regionkg.viz.render import Links, content_security_policy, render_html, script_json, write_html

from tests.viz.conftest import XSS_IMG, XSS_SCRIPT


@pytest.fixture(scope="module")
def hostile_page(hostile_store) -> str:
    centre = analytics.find_entity(hostile_store, XSS_IMG)
    return render_html(analytics.neighbourhood(hostile_store, centre, depth=2))


def test_script_json_cannot_close_its_script_element() -> None:
    text = script_json({"a": XSS_SCRIPT, "b": "<!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": XSS_SCRIPT, "b": "<!-- & \u2028"}


def test_article_text_never_reaches_the_page_as_markup(hostile_page: str) -> None:
    assert XSS_IMG not in hostile_page
    assert XSS_SCRIPT not in hostile_page
    # The heading, <title> and aria-label carry the centre's name, escaped.
    assert "&lt;img src=x onerror=window.__x=1&gt;" in hostile_page
    assert hostile_page.count("<script") == 3  # data block, vis-network, view script


def test_node_ids_are_opaque(hostile_page: str) -> None:
    data = json.loads(re.search(r'id="view-data">(.*?)</script>', hostile_page, re.S).group(1))
    assert all(re.fullmatch(r"n\d+", n["id"]) for n in data["nodes"])
    names = {d["name"] for d in data["details"].values()}
    assert XSS_IMG in names and XSS_SCRIPT in names


def test_page_is_offline_and_its_csp_allows_exactly_its_scripts(hostile_page: str) -> None:
    assert not re.search(r'(src|href)\s*=\s*["\']?(https?:)?//', hostile_page)
    inline = re.findall(r"<script>(.*?)</script>", hostile_page, re.S)
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in inline}
    policy = content_security_policy()
    assert len(inline) == 2 and all(h in policy for h in hashes)
    assert "default-src 'none'" in policy and "unsafe-eval" not in policy


def test_written_file_is_utf8_whatever_the_locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "C")
    monkeypatch.setenv("PYTHONIOENCODING", "ascii")
    view = nx.MultiDiGraph(centre="a", title="上饶市 · 關係")
    view.add_node("a", label="上饶市", type="Region", level=0)
    out = tmp_path / "v.html"
    write_html(view, out, Links())
    assert "上饶市 · 關係" in out.read_bytes().decode("utf-8")
