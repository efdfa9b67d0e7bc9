"""Settings: one typed object passed to the app, the CLI commands and the store.

Defaults come from the environment (``REGIONKG_*``) so a deployment can change them without
code; tests build their own ``Settings`` and pass it in.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path


def _env(name: str, default: str) -> str:
    return os.environ.get(f"REGIONKG_{name}", default)


@dataclass(frozen=True)
class Settings:
    """Everything configurable about a regionkg installation."""

    data_dir: Path = field(default_factory=lambda: Path(_env("DATA", ".regionkg")))
    store_url: str | None = field(default_factory=lambda: os.environ.get("REGIONKG_STORE") or None)
    host: str = field(default_factory=lambda: _env("HOST", "127.0.0.1"))
    port: int = field(default_factory=lambda: int(_env("PORT", "8000")))
    query_timeout_s: float = field(default_factory=lambda: float(_env("QUERY_TIMEOUT", "10")))
    max_rows: int = field(default_factory=lambda: int(_env("MAX_ROWS", "10000")))
    max_body_bytes: int = field(default_factory=lambda: int(_env("MAX_BODY", str(1 << 20))))
    max_query_depth: int = field(default_factory=lambda: int(_env("MAX_QUERY_DEPTH", "64")))
    query_workers: int = field(default_factory=lambda: int(_env("QUERY_WORKERS", "2")))

    def with_(self, **changes: object) -> "Settings":
        """A copy with some fields changed (used by CLI options and tests)."""
        return replace(self, **changes)  # type: ignore[arg-type]
