"""`regionkg viz` writes self-contained UTF-8 pages and fails with clear exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from regionkg.graph import analytics
from regionkg.graph.iris import entity_id

CLI = [sys.executable, "-c", "from regionkg.cli.main import run; run()", "viz"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "LC_ALL": "C"})


def test_cli_writes_each_view(articles_settings, articles_store, tmp_path: Path) -> None:
    data = str(articles_settings.data_dir)
    overview = analytics.overview(articles_store)
    hub = max(overview.nodes, key=lambda n: (overview.nodes[n]["degree"], n))
    name = overview.nodes[hub]["label"]
    policy = next(d["label"] for _, d in overview.nodes(data=True) if d["type"] == "Policy")
    for args, out in ((["--overview"], "o.html"), ([name, "--depth", "1"], "n.html"),
                      ([entity_id(hub), "--max-nodes", "5"], "capped.html"), (["--policy", policy], "p.html")):
        done = run(*args, "--data", data, "-o", str(tmp_path / out))
        assert done.returncode == 0, done.stderr
        page = (tmp_path / out).read_bytes().decode("utf-8")  # UTF-8 although the locale is C
        assert "vis.Network" in page
    assert name in (tmp_path / "n.html").read_text(encoding="utf-8")
    assert "更多 more" in (tmp_path / "capped.html").read_text(encoding="utf-8")


def test_cli_errors_name_the_problem(articles_settings, tmp_path: Path) -> None:
    data = str(articles_settings.data_dir)
    missing = run("没有这个实体", "--data", data, "-o", str(tmp_path / "x.html"))
    assert missing.returncode == 6 and "没有这个实体" in missing.stderr
    both = run("上饶市", "--overview", "--data", data, "-o", str(tmp_path / "x.html"))
    assert both.returncode == 2 and "exactly one" in both.stderr
    unwritable = run("--overview", "--data", data, "-o", str(tmp_path / "no" / "dir" / "x.html"))
    assert unwritable.returncode == 2 and "x.html" in unwritable.stderr
