"""``regionkg extract``, ``regionkg eval`` and ``regionkg explain``: facts from articles.

Exit codes: 2 bad input file; 6 ``explain`` finds no such entity; 7 ``eval`` below a floor.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import track
from rich.table import Table

from regionkg.cli.main import app
from regionkg.errors import InputError, NotFoundError
from regionkg.graph.extract import extract_file
from regionkg.graph.extract.evaluate import evaluate, norm

_SUFFIXES = (".txt", ".html", ".htm", ".md")


def _files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in _SUFFIXES)
        elif p.exists():
            out.append(p)
        else:
            raise InputError("no such file or directory", path=str(p))
    return out


@app.command("extract")
def extract_cmd(
    paths: list[Path] = typer.Argument(..., help="Article files or directories."),
    format: str = typer.Option("json", "--format", "-f", help="json or table"),
) -> None:
    """Extract entities, relations and indicators (JSON contract: README, GUIDE section 3)."""
    files = _files(paths)
    results = [extract_file(f) for f in track(files, description="extracting", console=Console(stderr=True),
                                              disable=len(files) < 5)]
    if format == "json":
        data = [r.to_json() for r in results]
        typer.echo(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2))
        return
    console = Console()
    for r in results:
        t = Table(title=r.doc.path)
        for col in ("kind", "fact", "evidence"):
            t.add_column(col)
        for e in r.entities:
            t.add_row(e.type, e.name + (f" ({', '.join(e.aliases)})" if e.aliases else ""),
                      e.mentions[0].text if e.mentions else "")
        for rel in r.relations:
            t.add_row(rel.p, f"{rel.s} → {rel.o}" + (f" [{rel.role}]" if rel.role else ""), rel.evidence.text)
        for i in r.indicators:
            t.add_row("indicator", f"{i.subject} {i.metric} = {i.value:g} {i.unit} ({i.period or '-'})",
                      i.evidence.text)
        console.print(t)


@app.command("eval")
def eval_cmd(
    gold_dir: Path = typer.Argument(..., help="Directory of NN.gold.json files and NN_* articles."),
    format: str = typer.Option("table", "--format", "-f", help="table or json"),
    min_entity_f1: float = typer.Option(0.0, help="Exit 7 when typed entity F1 is below this."),
    min_relation_f1: float = typer.Option(0.0, help="Exit 7 when relation F1 is below this."),
    min_indicator_f1: float = typer.Option(0.0, help="Exit 7 when indicator F1 is below this."),
) -> None:
    """Score extraction against gold files: P/R/F1 per part, type and predicate; misses; spurious."""
    report = evaluate(gold_dir)
    if format == "json":
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print_report(report)
    floors = {"entities": min_entity_f1, "relations": min_relation_f1, "indicators": min_indicator_f1}
    low = [k for k, f in floors.items() if report[k]["total"]["f1"] < f]
    if low or report["must_not_appear"]:
        Console(stderr=True).print(f"[bold red]below floor:[/] {', '.join(low) or 'must_not_appear'}")
        sys.exit(7)


def _print_report(report: dict) -> None:
    console = Console()
    for part in ("entities", "relations", "indicators"):
        t = Table(title=part)
        for col in ("", "tp", "fp", "fn", "precision", "recall", "f1"):
            t.add_column(col)
        rows = [("TOTAL", report[part]["total"])] + list(report[part]["by"].items())
        for key, s in rows:
            t.add_row(key, *(str(s[c]) for c in ("tp", "fp", "fn")),
                      *(f"{s[c]:.3f}" for c in ("precision", "recall", "f1")))
        console.print(t)
        for label, items in (("misses", report[part]["misses"]), ("spurious", report[part]["spurious"])):
            for item in items:
                console.print(f"  {label}: {item}", highlight=False)
    console.print(f"must_not_appear hits: {len(report['must_not_appear'])}")
    for b in report["must_not_appear"]:
        console.print(f"  {b}", highlight=False)
    console.print(f"metric similarity: {report['metric_rule']}")


@app.command("explain")
def explain_cmd(
    name: str = typer.Argument(..., help="An entity name or alias (any script)."),
    paths: list[Path] = typer.Argument(..., help="Article files or directories."),
) -> None:
    """Show how NAME was recognised and merged: type, codes, aliases, merge decisions, mentions."""
    console = Console()
    found = False
    for f in _files(paths):
        for e in extract_file(f).entities:
            if norm(name) in {norm(x) for x in [e.name, *e.aliases]}:
                found = True
                console.print(f"[bold]{e.name}[/] ({e.type}{'/' + e.subtype if e.subtype else ''}) in {f}",
                              highlight=False)
                for label, val in (("code", e.code), ("parent", e.parent), ("zh-Hant", e.hant)):
                    if val:
                        console.print(f"  {label}: {val}", highlight=False)
                for m in e.merges:
                    console.print(f"  merge: {m}", highlight=False)
                for s in e.mentions:
                    console.print(f"  mention [{s.start}:{s.end}] {s.text}", highlight=False)
    if not found:
        raise NotFoundError(f"no entity named {name!r} in the given files")
