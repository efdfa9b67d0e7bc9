"""``regionkg normalize``: print an article's clean text and its repair report."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from regionkg.cli.main import app
from regionkg.errors import InputError
from regionkg.graph.text import NormalizedText, normalize


def read_bytes(path: Path) -> bytes:
    """Read an input file, turning OS errors into an ``InputError`` naming the file."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path=str(path)) from exc


def report(doc: NormalizedText) -> dict[str, Any]:
    """The JSON report: encoding, repairs, dropped repeats, quarantined runs, sentences, text."""
    return {
        "path": doc.path,
        "sha256": doc.sha256,
        "encoding": doc.encoding,
        "title": doc.title,
        "date": doc.date,
        "repairs": [asdict(r) for r in doc.repairs],
        "dropped": [asdict(s) for s in doc.dropped],
        "quarantined": [
            {"start": s, "end": e, "text": doc.text[s:e], "original": asdict(doc.span(s, e))}
            for s, e in doc.quarantined
        ],
        "sentences": [{"start": s, "end": e} for s, e in doc.sentences],
        "text": doc.text,
    }


def _summary(doc: NormalizedText) -> Table:
    """Repairs that matter to a reader, one row each; pinyin glosses and repeats only counted."""
    table = Table(title=f"{doc.path} ({doc.encoding})", title_justify="left")
    for column in ("kind", "span", "original", "repaired", "quarantined", "guesses"):
        table.add_column(column, overflow="fold")
    quarantined = [doc.span(s, e) for s, e in doc.quarantined]
    for r in doc.repairs:
        if r.kind != "pinyin-gloss":
            hidden = "yes" if any(q.start < r.end and r.start < q.end for q in quarantined) else ""
            guesses = " ".join(r.suggestions)
            table.add_row(r.kind, f"{r.start}-{r.end}", r.original, r.repaired, hidden, guesses)
    glosses = sum(r.kind == "pinyin-gloss" for r in doc.repairs)
    if glosses:
        table.add_row("pinyin-gloss", "", f"{glosses} glosses removed", "", "", "")
    if doc.dropped:
        table.add_row("dropped", "", f"{len(doc.dropped)} repeated lines/sentences", "", "", "")
    return table


@app.command("normalize")
def normalize_cmd(
    file: Path = typer.Argument(..., help="An article file (.txt, .html, .md)."),
    format: str = typer.Option("text", "--format", "-f", help="text or json"),
) -> None:
    """Print the clean simplified text (repairs summarised on stderr), or with --format json
    the full report: encoding, repairs with original spans, dropped repeats, quarantined runs."""
    if format not in ("text", "json"):
        raise InputError(f"unknown format {format!r} (use text or json)")
    doc = normalize(read_bytes(file), str(file))
    if format == "json":
        typer.echo(json.dumps(report(doc), ensure_ascii=False, indent=2))
        return
    typer.echo(doc.text)
    if doc.repairs or doc.dropped:
        Console(stderr=True).print(_summary(doc))
