"""The app factory: ``create_app(settings, store)`` wires the routers; nothing lives at module level.

Two query paths share one store:

- the public ``/sparql`` endpoint runs user queries in a ``QueryPool`` of worker processes
  (each opens its own read-only copy of the store; a query past its deadline is killed);
- ``/api`` routes run the project's own fixed, bounded queries on ``store`` in-process
  (fast: no pipe, no parse by rdflib).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import import_module
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from regionkg.api import card_cache, deref, documents, entities, health, pages, sparql
from regionkg.api.errors import BodySizeLimit, install_error_handlers
from regionkg.api.lifetime import keep_out_of_collections
from regionkg.graph.sparql import QueryPool, StoreOpener
from regionkg.graph.store import open_store
from regionkg.graph.store_api import Store
from regionkg.settings import Settings

STATIC = Path(__file__).parent / "static"

DESCRIPTION = """Read regionkg over HTTP: a read-only SPARQL 1.1 endpoint (`/sparql`), a REST API for
entity search, entity cards with provenance, relations, paths, documents and statistics (`/api`),
a query page (`/query`) and dereferenceable entity IRIs (`/id/...`).

Every error has the same JSON body: `{"error": {"status", "code", "message"}}`."""


def create_app(settings: Settings, store: Store, *, pool: QueryPool | None = None) -> FastAPI:
    """Build the API over ``store``. ``pool`` defaults to workers opening ``settings``' store."""
    pool = pool or QueryPool(StoreOpener(settings), size=settings.query_workers,
                             timeout_s=settings.query_timeout_s)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await anyio.to_thread.run_sync(pool.start)
        keep_out_of_collections()
        try:
            yield
        finally:
            pool.close()

    app = FastAPI(title="regionkg", version="0.1.0", description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.store = store
    app.state.card_cache = card_cache.for_store(store)
    app.state.pool = pool
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    for module in (health, sparql, entities, documents, deref, pages):
        app.include_router(module.router)
    try:  # the views router is optional: it lives in its own module when present
        app.include_router(import_module("regionkg.api.views").router)
    except ModuleNotFoundError as exc:
        if exc.name != "regionkg.api.views":
            raise
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def create_app_from_env() -> FastAPI:
    """uvicorn factory for ``regionkg serve --workers N``: each server process reads its settings
    from ``REGIONKG_*`` and serves its own read-only in-memory copy of the store."""
    settings = Settings()
    return create_app(settings, open_store(settings, in_memory=True, read_only=not settings.store_url))
