"""``regionkg normalize``: clean text, JSON report, and errors naming the file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from regionkg.cli.main import app

from conftest import SEED_002

runner = CliRunner()


def test_normalize_prints_clean_text() -> None:
    result = runner.invoke(app, ["normalize", str(SEED_002)])
    assert result.exit_code == 0
    assert result.stdout.startswith("江西上饶:在数字经济赛道上做出特色")
    assert "北京沃赢科技股份有限公司" in result.stdout


def test_normalize_json_report() -> None:
    result = runner.invoke(app, ["normalize", str(SEED_002), "--format", "json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["encoding"] == "utf-8"
    shifts = [r for r in report["repairs"] if r["kind"] == "gbk-shift"]
    assert len(shifts) == 5
    assert {"start", "end", "original", "repaired", "note", "suggestions"} <= set(shifts[0])
    assert report["quarantined"] and all(q["original"]["text"].startswith("?") for q in report["quarantined"])
    assert report["title"] == "江西上饶:在数字经济赛道上做出特色"
    assert report["sentences"][0] == {"start": 0, "end": 17}
    assert report["text"].startswith("江西上饶")


def test_normalize_refuses_binary_naming_the_file(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    result = subprocess.run(
        [str(Path(sys.executable).with_name("regionkg")), "normalize", str(pdf)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "report.pdf" in result.stderr + result.stdout and "PDF" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
