"""Fixtures of the graph tests: settings for and a temporary on-disk store (helpers live in
``graph_fixtures``)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from regionkg.graph.store import OxigraphStore, open_store
from regionkg.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings pointing at a fresh data directory."""
    return Settings(data_dir=tmp_path / "data", store_url=None)


@pytest.fixture
def store(settings: Settings) -> Iterator[OxigraphStore]:
    """An on-disk embedded store in a temporary data directory (closed after the test)."""
    opened = open_store(settings)
    assert isinstance(opened, OxigraphStore)
    yield opened
    opened.close()
    gc.collect()
