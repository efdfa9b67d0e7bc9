"""Store commands: ``ingest``, ``remove``, ``query``, ``export``, ``validate``, ``stats``.

Every command takes ``--data DIR`` (the embedded store's data directory, default
``.regionkg/`` or ``$REGIONKG_DATA``) and ``--store URL`` (a remote SPARQL 1.1 server instead,
default ``$REGIONKG_STORE``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote

import typer
from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from regionkg import formats
from regionkg.cli.main import app
from regionkg.errors import InputError, QueryError, ValidationError
from regionkg.graph.export import write_csv, write_graphml
from regionkg.graph.ingest import IngestResult, article_files, ingest, remove
from regionkg.graph.iris import ID_BASE
from regionkg.graph.stats import store_stats
from regionkg.graph.store import open_store
from regionkg.graph.store_api import Store
from regionkg.graph.validate import validate_store
from regionkg.ontology import PREFIXES, SPARQL_PREFIXES
from regionkg.settings import Settings

console = Console()

DATA = typer.Option(None, "--data", help="Data directory of the embedded store [default: .regionkg]")
STORE = typer.Option(None, "--store", help="URL of a remote SPARQL 1.1 store instead")


@contextmanager
def _store(data: Path | None, url: str | None, *, read_only: bool = False) -> Iterator[Store]:
    settings = Settings()
    if data is not None:
        settings = settings.with_(data_dir=data)
    if url is not None:
        settings = settings.with_(store_url=url)
    store = open_store(settings, read_only=read_only)
    try:
        yield store
    finally:
        store.close()


@app.command("ingest")
def ingest_cmd(
    paths: list[Path] = typer.Argument(..., help="Article files or folders of articles."),
    force: bool = typer.Option(False, "--force", help="Re-extract files whose bytes did not change."),
    data: Path | None = DATA,
    store_url: str | None = STORE,
) -> None:
    """Extract facts from articles and store one named graph per document (idempotent)."""
    files = article_files(paths)
    if not files:
        raise InputError("no article files found (folders are searched for .txt and .html)")
    with _store(data, store_url) as store, Progress(
        TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
        console=Console(stderr=True), transient=True,
    ) as progress:
        task = progress.add_task("ingesting", total=len(files))

        def advance(result: IngestResult) -> None:
            progress.update(task, description=f"ingested {Path(result.path).name}", advance=1)

        results = ingest(store, files, force=force, progress=advance)
    table = Table(title="regionkg ingest")
    for col in ("file", "status", "entities", "relations", "indicators", "repairs", "errors"):
        table.add_column(col, justify="right" if col not in ("file", "status") else "left")
    style = {"added": "green", "replaced": "cyan", "unchanged": "dim", "failed": "bold red"}
    for r in results:
        table.add_row(Path(r.path).name, f"[{style[r.status]}]{r.status}[/]", str(r.entities),
                      str(r.relations), str(r.indicators), str(r.repairs), str(len(r.errors)))
    console.print(table)
    for r in results:
        for err in r.errors:
            console.print(f"[{'red' if r.status == 'failed' else 'yellow'}]{err}[/]", highlight=False)
    failed = sum(r.status == "failed" for r in results)
    if failed:
        rest = "; the others were ingested" if failed < len(results) else ""
        raise InputError(f"{failed} of {len(results)} files failed{rest}")


@app.command("remove")
def remove_cmd(
    docs: list[str] = typer.Argument(..., help="Documents: file names, paths or document IRIs."),
    data: Path | None = DATA,
    store_url: str | None = STORE,
) -> None:
    """Drop documents and every fact only they supported."""
    with _store(data, store_url) as store:
        for doc in docs:
            console.print(f"removed {remove(store, doc)}", highlight=False)


def _read_query(text: str) -> str:
    if text == "-":
        return sys.stdin.read()
    if text.startswith("@"):
        try:
            return Path(text[1:]).read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(exc.strerror or str(exc), path=text[1:]) from exc
    return text


def show_term(term: object) -> str:
    """A term as a person reads it: entities as ``Region/上饶市``, known namespaces prefixed."""
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        iri = term.value
        if iri.startswith(ID_BASE):
            return unquote(iri[len(ID_BASE):])
        for prefix, ns in PREFIXES.items():
            if iri.startswith(ns) and iri != ns:
                return f"{prefix}:{iri[len(ns):]}"
        return unquote(iri)
    if isinstance(term, Literal):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return str(term)


@app.command("query")
def query_cmd(
    sparql: str = typer.Argument(..., help="A SPARQL query, '-' for stdin or @FILE."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json, csv, tsv or xml"),
    data: Path | None = DATA,
    store_url: str | None = STORE,
) -> None:
    """Run a SPARQL query over all documents; the prefixes of the README are predeclared."""
    text = SPARQL_PREFIXES + _read_query(sparql)
    out = sys.stdout.buffer
    with _store(data, store_url, read_only=True) as store:
        result = store.query(text)
        if isinstance(result, QueryBoolean):
            if fmt == "table":
                console.print("true" if bool(result) else "false")
            else:
                out.write(json.dumps({"head": {}, "boolean": bool(result)}).encode() + b"\n")
        elif isinstance(result, QuerySolutions):
            if fmt == "table":
                names = [v.value for v in result.variables]
                table = Table(*names)
                rows = 0
                for row in result:
                    table.add_row(*(show_term(row[n]) for n in names))
                    rows += 1
                console.print(table)
                console.print(f"[dim]{rows} rows[/]")
            else:
                result.serialize(out, formats.get("results", fmt).results)
        else:
            graph_fmt = formats.get("graph", "ttl" if fmt == "table" else fmt)
            result.serialize(out, graph_fmt.rdf)
        out.flush()


@app.command("export")
def export_cmd(
    fmt: str = typer.Option("ttl", "--format", "-f", help="ttl, nt, nq, trig, jsonld, graphml or csv"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
    data: Path | None = DATA,
    store_url: str | None = STORE,
) -> None:
    """Export the store: RDF (quads formats keep one graph per document) or GraphML/CSV."""
    if fmt in formats.names("export"):
        writer = {"graphml": write_graphml, "csv": write_csv}[fmt]
    else:
        media_type = formats.get("graph", fmt).media_type
        writer = lambda store, out: store.dump(out, media_type)  # noqa: E731
    with _store(data, store_url, read_only=True) as store:
        if output is None:
            writer(store, sys.stdout.buffer)
            sys.stdout.buffer.flush()
            return
        try:
            with output.open("wb") as out:
                writer(store, out)
        except OSError as exc:
            raise InputError(exc.strerror or str(exc), path=str(output)) from exc
    Console(stderr=True).print(f"wrote {output}", highlight=False)


@app.command("validate")
def validate_cmd(data: Path | None = DATA, store_url: str | None = STORE) -> None:
    """Check the store against the SHACL shapes; exit 7 when something violates them."""
    with _store(data, store_url, read_only=True) as store:
        conforms, violations = validate_store(store)
    if conforms:
        console.print("[green]valid[/]: the store conforms to the regionkg SHACL shapes")
        return
    table = Table("focus", "path", "value", "message", title="SHACL violations")
    for v in violations:
        table.add_row(show_term(NamedNode(v.focus)) if v.focus.startswith("http") else v.focus,
                      show_term(NamedNode(v.path)) if v.path.startswith("http") else v.path,
                      v.value, v.message)
    console.print(table)
    raise ValidationError(f"{len(violations)} SHACL violations")


@app.command("stats")
def stats_cmd(
    fmt: str = typer.Option("table", "--format", "-f", help="table or json"),
    data: Path | None = DATA,
    store_url: str | None = STORE,
) -> None:
    """Count documents, entities per type, relations per predicate and other facts."""
    with _store(data, store_url, read_only=True) as store:
        stats = store_stats(store)
    if fmt == "json":
        typer.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    if fmt != "table":
        raise QueryError(f"unknown format {fmt!r}; expected table or json")
    for section, counts in stats.items():
        table = Table("", "count", title=section)
        for key, n in counts.items():
            table.add_row(key, str(n))
        console.print(table)
