"""Pieces of SPARQL text built from IRIs the caller already knows (the trusted read paths)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

BATCH = 400  # IRIs per VALUES block: larger blocks parse slower than they save


def values(var: str, iris: Iterable[str]) -> str:
    """``VALUES ?var { <iri> ... }``."""
    return f"VALUES ?{var} {{ " + " ".join(f"<{i}>" for i in iris) + " }"


def batches(items: Sequence[str]) -> Iterator[Sequence[str]]:
    """``items`` in slices of ``BATCH``, one VALUES block each."""
    for i in range(0, len(items), BATCH):
        yield items[i:i + BATCH]
