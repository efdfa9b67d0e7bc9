"""``regionkg serve``: the HTTP API, SPARQL endpoint, query page and views on 127.0.0.1."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from regionkg.cli.main import app
from regionkg.settings import Settings


@app.command("serve")
def serve_cmd(
    host: str = typer.Option(None, "--host", help="Interface to listen on (default 127.0.0.1)."),
    port: int = typer.Option(None, "--port", help="TCP port (default 8000)."),
    data: Path = typer.Option(None, "--data", help="Data directory holding the embedded store."),
    store: str = typer.Option(None, "--store", help="URL of a remote SPARQL 1.1 store instead."),
    workers: int = typer.Option(1, "--workers", min=1,
                                help="Server processes, each with its own in-memory copy of the store "
                                     "(memory grows with each); the SPARQL query workers are shared out among them."),
) -> None:
    """Serve /sparql, /api, /docs, /query and /viz until interrupted (Ctrl-C)."""
    import uvicorn

    from regionkg.api.app import create_app
    from regionkg.graph.store import open_store, store_path

    settings = Settings()
    changes = {k: v for k, v in {"host": host, "port": port, "data_dir": data, "store_url": store}.items()
               if v is not None}
    settings = settings.with_(**changes)
    if not settings.store_url and not store_path(settings).exists():
        open_store(settings).close()  # an empty store with the ontology, so the server can start
    typer.echo(f"regionkg: serving on http://{settings.host}:{settings.port}/ "
               f"(query page /query, API docs /docs, SPARQL /sparql); Ctrl-C stops", err=True)
    if workers > 1:  # uvicorn starts each process from an import string; settings travel by env
        os.environ.update({"REGIONKG_DATA": str(settings.data_dir), "REGIONKG_STORE": settings.store_url or "",
                           "REGIONKG_QUERY_WORKERS": str(-(-settings.query_workers // workers))})
        # loading a large store holds the GIL for seconds: uvicorn's 5 s liveness ping would kill it
        uvicorn.run("regionkg.api.app:create_app_from_env", factory=True, workers=workers,
                    host=settings.host, port=settings.port, log_level="warning", timeout_worker_healthcheck=600)
        return
    # Read-only: `regionkg ingest` may write meanwhile; a restart serves what it wrote.
    served = open_store(settings, in_memory=True, read_only=not settings.store_url)
    try:
        uvicorn.run(create_app(settings, served), host=settings.host, port=settings.port, log_level="warning")
    finally:
        served.close()
