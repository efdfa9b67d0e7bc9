"""Ingest: article file → normalize → extract → RDF → one named graph in the store.

Idempotent: a document whose bytes have the same SHA-256 as the stored copy is skipped and
reported ``unchanged`` (its ingest time is not rewritten, so the store stays byte-identical).
A changed file replaces its graph in one transaction; a file that fails leaves the store as it
was and the other files are still ingested. Many files are written in batches: new documents
go through the store's bulk add (``OxigraphStore.add_graphs``, all or nothing per batch, then
one document at a time if the batch fails), changed ones through ``replace_graph``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from regionkg.errors import InputError, NotFoundError, RegionKGError, StoreError
from regionkg.graph.iris import DOC_BASE, doc_iri
from regionkg.graph.rdf import DocumentGraph, build
from regionkg.graph.store import OxigraphStore
from regionkg.graph.store_api import Store
from regionkg.ontology import RKG

#: File name endings read from a folder (a file named explicitly is always read).
ARTICLE_SUFFIXES = (".txt", ".text", ".htm", ".html")

Status = Literal["added", "replaced", "unchanged", "failed"]

#: Quads written per batch by ``ingest`` (a few hundred MB of quads in memory at most).
BATCH_QUADS = 200_000


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


@dataclass(eq=False)  # compared by identity
class _Prepared:
    """A document read and built, waiting to be written (``previous``: its stored SHA-256)."""

    result: IngestResult
    built: DocumentGraph
    previous: str | None


def _failure(result: IngestResult, path: Path, exc: Exception) -> IngestResult:
    """``result`` marked failed with a message naming the file and the problem."""
    if isinstance(exc, RegionKGError):
        result.errors.append(str(exc))
    elif isinstance(exc, OSError):
        result.errors.append(f"{path}: cannot read: {exc.strerror or exc}")
    else:  # one broken article must not stop the others
        result.errors.append(f"{path}: internal error: {type(exc).__name__}: {exc}")
    return result


def _prepare(store: Store, path: Path, force: bool) -> IngestResult | _Prepared:
    """Read, normalise, extract and build one file; a finished result when nothing is left
    to write (unchanged or failed), never raises for a bad file."""
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
    except Exception as exc:
        return _failure(result, path, exc)
    return _Prepared(result, built, previous)


def _written(item: _Prepared) -> IngestResult:
    result, built = item.result, item.built
    result.status = "replaced" if item.previous else "added"
    result.entities, result.relations = built.entities, built.relations
    result.indicators, result.repairs = built.indicators, built.repairs
    result.errors.extend(built.warnings)
    return result


def _write(store: Store, item: _Prepared) -> IngestResult:
    """Write one document in its own transaction."""
    try:
        store.replace_graph(item.built.graph, item.built.quads)
    except Exception as exc:
        return _failure(item.result, Path(item.result.path), exc)
    return _written(item)


def _write_batch(store: Store, batch: list[_Prepared]) -> list[IngestResult]:
    """Write prepared documents: new ones in one bulk add, replaced ones one transaction each.

    When the bulk add fails it leaves the store as it was; each of its documents is then
    retried in its own transaction, so only the document the store refuses fails.
    """
    new = [item for item in batch if item.previous is None] if isinstance(store, OxigraphStore) else []
    done = {id(item): _write(store, item) for item in batch if item not in new}
    try:
        if new:
            store.add_graphs({item.built.graph: item.built.triples for item in new})  # type: ignore[union-attr]
            done.update((id(item), _written(item)) for item in new)
    except StoreError:
        done.update((id(item), _write(store, item)) for item in new)
    return [done[id(item)] for item in batch]


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    *,
    force: bool = False,
    progress: Callable[[IngestResult], None] | None = None,
    batch_quads: int = BATCH_QUADS,
) -> list[IngestResult]:
    """Ingest every article under ``paths``; ``progress`` is called after each file.

    Documents are prepared one by one and written in batches of about ``batch_quads`` quads
    (see ``_write_batch``); each document still lands whole or not at all.
    """
    results: list[IngestResult] = []
    batch: list[_Prepared] = []

    def report(done: list[IngestResult]) -> None:
        for result in done:
            results.append(result)
            if progress:
                progress(result)

    def flush() -> None:
        report(_write_batch(store, batch))
        batch.clear()

    for path in article_files(paths):
        prepared = _prepare(store, path, force)
        if isinstance(prepared, IngestResult):
            report([prepared])
            continue
        if any(item.built.graph == prepared.built.graph for item in batch):
            flush()  # two files with one name: the later one replaces the earlier, as if in turn
        batch.append(prepared)
        if sum(len(item.built.triples) for item in batch) >= batch_quads:
            flush()
    flush()
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
