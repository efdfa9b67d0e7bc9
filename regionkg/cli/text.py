"""``regionkg normalize``: print an article's clean text and its repair report."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer

from regionkg.cli.main import app
from regionkg.errors import InputError
from regionkg.graph.text import normalize


def read_bytes(path: Path) -> bytes:
    """Read an input file, turning OS errors into an ``InputError`` naming the file."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path=str(path)) from exc


@app.command("normalize")
def normalize_cmd(
    file: Path = typer.Argument(..., help="An article file (.txt, .html, .md)."),
    format: str = typer.Option("text", "--format", "-f", help="text or json"),
) -> None:
    """Print the clean simplified text (or, with --format json, the full repair report)."""
    doc = normalize(read_bytes(file), str(file))
    if format == "json":
        report = {
            "path": doc.path,
            "sha256": doc.sha256,
            "encoding": doc.encoding,
            "repairs": [asdict(r) for r in doc.repairs],
            "dropped": [asdict(s) for s in doc.dropped],
            "quarantined": [
                {"start": s, "end": e, "text": doc.text[s:e], "original": doc.span(s, e).text}
                for s, e in doc.quarantined
            ],
            "text": doc.text,
        }
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        typer.echo(doc.text)
