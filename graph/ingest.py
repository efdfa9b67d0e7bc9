"""Ingest: article file → normalize → extract → RDF → one named graph in the store.

Idempotent: a document whose bytes have the same SHA-256 as the stored copy is skipped and
reported ``unchanged`` (its ingest time is not rewritten, so the store stays byte-identical).
A changed file replaces its graph in one transaction; a file that fails leaves the store as it
was and the other files are still ingested.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from regionkg.errors import InputError, NotFoundError, RegionKGError
from regionkg.graph.iris import DOC_BASE, doc_iri
from regionkg.graph.rdf import build
from regionkg.graph.store_api import Store
from regionkg.ontology import RKG

#: File name endings read from a folder (a file named explicitly is always read).
ARTICLE_SUFFIXES = (".txt", ".text", ".htm", ".html")

Status = Literal["added", "replaced", "unchanged", "failed"]


@dataclass
class IngestResult:
    """What happened to one file."""

    path: str
    status: Status
    graph: str | None = None
    entities: int = 0
    relations: int = 0
    indicators: int = 0
    repairs: int = 0
    errors: list[str] = field(default_factory=list)


def article_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files to ingest: each file as given, each folder's articles (recursively, sorted)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            )
        elif path.is_file():
            out.append(path)
        else:
            raise InputError("no such file or folder", path=str(path))
    return out


def stored_sha256(store: Store, graph: str) -> str | None:
    """The SHA-256 recorded for document ``graph``, or None when it is not in the store."""
    if graph not in store.graphs():
        return None
    rows = store.query(f"SELECT ?sha WHERE {{ GRAPH <{graph}> {{ <{graph}> <{RKG}sha256> ?sha }} }}")
    for row in rows:  # type: ignore[union-attr]
        return str(row["sha"].value)
    return None


def _stored_counts(store: Store, graph: str, result: IngestResult) -> None:
    """Fill ``result``'s counts from what the store holds for ``graph``."""
    query = f"""SELECT
        (COUNT(DISTINCT ?e) AS ?entities) (COUNT(DISTINCT ?r) AS ?relations)
        (COUNT(DISTINCT ?o) AS ?indicators) (COUNT(DISTINCT ?x) AS ?repairs)
      WHERE {{ GRAPH <{graph}> {{
        {{ ?e <{RKG}mentionedIn> <{graph}> }} UNION {{ ?r a <{RKG}Statement> }} UNION
        {{ ?o a <{RKG}Observation> }} UNION {{ <{graph}> <{RKG}repair> ?x }} }} }}"""
    row = next(iter(store.query(query)))  # type: ignore[call-overload]
    result.entities, result.relations = int(row["entities"].value), int(row["relations"].value)
    result.indicators, result.repairs = int(row["indicators"].value), int(row["repairs"].value)


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def ingest_file(store: Store, path: Path, *, force: bool = False) -> IngestResult:
    """Ingest one file; never raises for a bad file (the result says ``failed`` and why)."""
    from regionkg.graph.extract import extract
    from regionkg.graph.text import normalize

    result = IngestResult(str(path), "failed")
    try:
        data = path.read_bytes()
        result.graph = graph = doc_iri(str(path))
        previous = stored_sha256(store, graph)
        if previous == hashlib.sha256(data).hexdigest() and not force:
            result.status = "unchanged"
            _stored_counts(store, graph, result)
            return result
        built = build(extract(normalize(data, str(path))), ingested_at=_now())
        store.replace_graph(graph, built.quads)
    except RegionKGError as exc:
        result.errors.append(str(exc))
        return result
    except OSError as exc:
        result.errors.append(f"{path}: cannot read: {exc.strerror or exc}")
        return result
    except Exception as exc:  # one broken article must not stop the others
        result.errors.append(f"{path}: internal error: {type(exc).__name__}: {exc}")
        return result
    result.status = "replaced" if previous else "added"
    result.entities, result.relations = built.entities, built.relations
    result.indicators, result.repairs = built.indicators, built.repairs
    result.errors.extend(built.warnings)
    return result


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    *,
    force: bool = False,
    progress: Callable[[IngestResult], None] | None = None,
) -> list[IngestResult]:
    """Ingest every article under ``paths``; ``progress`` is called after each file."""
    results = []
    for path in article_files(paths):
        results.append(ingest_file(store, path, force=force))
        if progress:
            progress(results[-1])
    return results


def document_graph(store: Store, doc: str) -> str:
    """The graph IRI of ``doc``: a document IRI, a file name or a path to the file."""
    graph = doc if doc.startswith(DOC_BASE) else doc_iri(doc)
    if graph not in store.graphs():
        raise NotFoundError(f"document {doc!r} is not in the store")
    return graph


def remove(store: Store, doc: str) -> str:
    """Drop document ``doc`` and every fact only it supported; returns its graph IRI."""
    graph = document_graph(store, doc)
    store.drop_graph(graph)
    return graph
