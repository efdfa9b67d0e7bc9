"""Fixtures: stores built from real inputs, the app in-process, and a real `regionkg serve`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from regionkg.api.app import create_app
from regionkg.graph.ingest import ingest
from regionkg.graph.store import open_store
from regionkg.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(data_dir: Path, *args: str, **env: str) -> Iterator[str]:
    """Run `regionkg serve [args]` on a free loopback port; yield its base URL; stop it afterwards."""
    port = free_port()
    cmd = [sys.executable, "-c", "from regionkg.cli.main import run; run()", "serve",
           "--host", "127.0.0.1", "--port", str(port), "--data", str(data_dir), *args]
    proc = subprocess.Popen(cmd, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"regionkg serve exited: {proc.stdout.read().decode(errors='replace')}")
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("regionkg serve did not answer /health within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def real_server():
    """``with real_server(data_dir) as base_url:`` runs `regionkg serve` for the block."""
    return serve


@pytest.fixture(scope="session")
def articles_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory whose store holds the bundled articles, ingested for real."""
    data = tmp_path_factory.mktemp("articles-store")
    store = open_store(Settings(data_dir=data))
    results = ingest(store, [ARTICLES])
    store.close()
    assert results and all(r.status in ("added", "replaced") for r in results), results
    return data


@pytest.fixture(scope="session")
def settings(articles_dir: Path) -> Settings:
    return Settings(data_dir=articles_dir, query_workers=2, query_timeout_s=5, max_rows=50,
                    max_body_bytes=64 * 1024, max_query_depth=64)


@pytest.fixture(scope="session")
def client(settings: Settings) -> Iterator[TestClient]:
    store = open_store(settings, in_memory=True, read_only=True)
    with TestClient(create_app(settings, store)) as c:
        yield c
    store.close()
