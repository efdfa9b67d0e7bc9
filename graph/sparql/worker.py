"""What runs inside a query worker process: check, execute, serialise, with a row cap.

Everything that can take unbounded time (parsing with rdflib, the engine, serialising) happens
here, in a process the parent can kill when the deadline passes. Errors travel back as
(class name, message) so the parent re-raises the same ``regionkg.errors`` class.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from pyoxigraph import QueryBoolean, QuerySolutions

from regionkg import errors
from regionkg.graph.sparql.guard import check_query, check_update
from regionkg.graph.sparql.results import (
    Serialised,
    serialise_boolean,
    serialise_solutions,
    serialise_triples,
    serialise_whole,
)
from regionkg.graph.store import open_store
from regionkg.graph.store_api import Store
from regionkg.settings import Settings


@dataclass(frozen=True)
class StoreOpener:
    """Picklable recipe a worker process calls to open its own read-only copy of the store.

    ``in_memory`` (the default) loads the on-disk store into memory, the fast engine; a remote
    store (``settings.store_url``) is reached over HTTP and the flag does not apply.
    """

    settings: Settings
    in_memory: bool = True

    def __call__(self) -> Store:
        return open_store(self.settings, read_only=True, in_memory=self.in_memory)


@dataclass(frozen=True)
class QueryJob:
    """One protocol query. Media types are pre-negotiated per result kind (None: not acceptable)."""

    text: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    tabular_type: str | None = "application/sparql-results+json"
    boolean_type: str | None = "application/sparql-results+json"
    graph_type: str | None = "text/turtle"
    max_rows: int = 10_000
    max_depth: int = 64
    base_iri: str | None = None  # the service-defined base for relative IRIs (the endpoint URL)


@dataclass(frozen=True)
class UpdateJob:
    """One protocol update: checked for well-formedness, then refused (read-only endpoint)."""

    text: str
    using_graphs: tuple[str, ...] = ()
    using_named_graphs: tuple[str, ...] = ()
    max_depth: int = 64


def _negotiated(media_type: str | None, kind: str) -> str:
    if media_type is None:
        raise errors.NotAcceptableError(f"none of the accepted media types can represent {kind}")
    return media_type


def run_query(store: Store, job: QueryJob) -> Serialised:
    """Check and run one query against ``store`` and serialise its (capped) result."""
    checked = check_query(
        job.text,
        store_graphs=store.graphs,
        default_graphs=job.default_graphs,
        named_graphs=job.named_graphs,
        max_depth=job.max_depth,
    )
    # Decide the representation before running: a 406 should not cost a query.
    kind = {"SELECT": "tabular", "ASK": "boolean"}.get(checked.form, "graph")
    media_type = _negotiated(getattr(job, f"{kind}_type"), f"{checked.form} results")
    if job.default_graphs or job.named_graphs:  # protocol dataset wins over FROM (SPARQL Protocol 2.1.4)
        dataset = {"default_graphs": list(job.default_graphs), "named_graphs": list(job.named_graphs)}
    elif checked.from_graphs or checked.from_named:
        dataset = {"default_graphs": list(checked.from_graphs), "named_graphs": list(checked.from_named)}
    else:
        dataset = {}
    try:
        # A leading BASE is always valid SPARQL (the prologue repeats) and a BASE in the query wins.
        text = f"BASE <{job.base_iri}>\n{job.text}" if job.base_iri else job.text
        result = store.query(text, **dataset)
        if isinstance(result, QueryBoolean):
            return serialise_boolean(bool(result), media_type)
        if isinstance(result, QuerySolutions):
            if whole := serialise_whole(result, media_type, job.max_rows):
                return whole
            result = store.query(text, **dataset)  # maybe over the cap: again, written row by row
            assert isinstance(result, QuerySolutions)
            names = [v.value for v in result.variables]
            return serialise_solutions(names, result, media_type, job.max_rows)
        return serialise_triples(result, media_type, job.max_rows)
    except SyntaxError as exc:
        raise errors.QueryError(f"query rejected by the engine: {exc}") from exc
    except OSError as exc:
        raise errors.StoreError(f"store read failed: {exc}") from exc


def run_job(store: Store, job: QueryJob | UpdateJob) -> tuple[str, Any]:
    """Run a job and turn the outcome into a picklable reply."""
    try:
        if isinstance(job, UpdateJob):
            check_update(job.text, using_graphs=job.using_graphs,
                         using_named_graphs=job.using_named_graphs, max_depth=job.max_depth)
            raise errors.ReadOnlyError("updates are refused")  # check_update always raises
        return "ok", run_query(store, job)
    except errors.RegionKGError as exc:
        return "error", (type(exc).__name__, str(exc))
    except Exception as exc:  # an engine bug must not kill the worker or leak a traceback
        return "error", ("QueryError", f"query failed: {type(exc).__name__}: {exc}")


def worker_main(conn: Connection, opener: Callable[[], Store]) -> None:
    """Process entry point: open the store, say ready, then answer jobs until the pipe closes."""
    try:
        store = opener()
    except Exception as exc:
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(run_job(store, job))
