"""Entity search by name, alias or part of a name, in either script.

Labels (skos:prefLabel, rdfs:label, skos:altLabel) are read once into memory, folded to
simplified script with OpenCC, and matched in Python: a substring test over some 10^5 short
labels takes milliseconds, where ``FILTER CONTAINS`` scans the whole store on every request.
Ranking: exact match, then prefix, then substring; shorter labels first within each.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from opencc_pyo3 import OpenCC

from regionkg.api.cards import short_id
from regionkg.api.queries import select
from regionkg.graph.store_api import Store

_T2S = OpenCC("t2s")


def fold(text: str) -> str:
    """The form both labels and queries are compared in: simplified script, lower case."""
    return _T2S.convert(text.strip()).lower()


@dataclass(frozen=True)
class Hit:
    rank: int  # 0 exact, 1 prefix, 2 contains
    label: str
    iri: str
    id: str
    type: str

    def key(self) -> tuple:
        return (self.rank, len(self.label), self.label, self.iri)


class LabelIndex:
    """(folded label, label, IRI) for every labelled entity; built on first use."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._rows: list[tuple[str, str, str, str]] | None = None
        self._exact: dict[str, list[int]] = {}
        self._lock = threading.Lock()

    def _load(self) -> list[tuple[str, str, str, str]]:
        with self._lock:
            if self._rows is None:
                rows = []
                for r in select(self._store, """SELECT DISTINCT ?e ?l {
                        VALUES ?lp { skos:prefLabel rdfs:label skos:altLabel } ?e ?lp ?l FILTER(isIRI(?e)) }"""):
                    iri, label = r["e"].value, r["l"].value  # type: ignore[union-attr]
                    if (ident := short_id(iri)) is not None:
                        rows.append((fold(label), label, iri, ident))
                for i, row in enumerate(rows):
                    self._exact.setdefault(row[0], []).append(i)
                self._rows = rows
            return self._rows

    def search(self, q: str, type_: str | None = None, limit: int = 20) -> list[Hit]:
        """Best hit per entity, ranked; ``type_`` keeps one GUIDE type (``Region``...)."""
        rows, needle = self._load(), fold(q)
        if not needle:
            return []
        best: dict[str, Hit] = {}
        for folded, label, iri, ident in rows:
            if needle not in folded:
                continue
            kind = ident.split("/", 1)[0]
            if type_ and kind != type_:
                continue
            rank = 0 if folded == needle else 1 if folded.startswith(needle) else 2
            hit = Hit(rank, label, iri, ident, kind)
            if iri not in best or hit.key() < best[iri].key():
                best[iri] = hit
        return sorted(best.values(), key=Hit.key)[:limit]
