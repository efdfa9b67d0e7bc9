"""Entity search by name, alias or part of a name, in either script.

Labels (skos:prefLabel, rdfs:label, skos:altLabel) are read once into memory and folded to
simplified script with OpenCC (``上饒`` finds ``上饶市``). Ranking: exact match, then prefix, then
substring; shorter labels first within each. Labels are bucketed by length and each bucket is
one newline-joined string, so matching is ``str.find`` at C speed, shortest bucket first, and
the scan stops as soon as ``limit`` entities are found — no ``FILTER CONTAINS`` over the store.
"""

from __future__ import annotations

import bisect
import threading
from collections import defaultdict
from dataclasses import dataclass

from opencc_pyo3 import OpenCC

from regionkg.api.cards import short_id
from regionkg.api.lifetime import keep_out_of_collections
from regionkg.api.queries import select
from regionkg.graph.store_api import Store

_T2S = OpenCC("t2s")
MATCH = ("exact", "prefix", "contains")


def fold(text: str) -> str:
    """The form labels and queries are compared in: simplified script, lower case, no newlines."""
    return _T2S.convert(text.strip()).lower().replace("\n", " ")


@dataclass(frozen=True)
class Hit:
    rank: int  # 0 exact, 1 prefix, 2 contains
    label: str
    iri: str
    id: str
    type: str


@dataclass
class _Bucket:
    """All labels of one folded length: one joined string plus row numbers by offset."""

    text: str
    starts: list[int]
    rows: list[int]


class LabelIndex:
    """Folded labels of every labelled entity, built on first use (the served data is a snapshot)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        # one column per field rather than a tuple per label: the collector then has four lists
        # to visit, not a tuple for each of the 10^5 labels at 1M triples (its full passes were
        # pausing every request of the process)
        self._folded: list[str] = []
        self._labels: list[str] = []
        self._iris: list[str] = []
        self._ids: list[str] = []
        self._buckets: list[tuple[int, _Bucket]] = []
        self._ready = False
        self._lock = threading.Lock()

    def _load(self) -> None:
        with self._lock:
            if self._ready:
                return
            by_length: dict[int, list[int]] = defaultdict(list)
            for r in select(self._store, """SELECT DISTINCT ?e ?l {
                    VALUES ?lp { skos:prefLabel rdfs:label skos:altLabel } ?e ?lp ?l FILTER(isIRI(?e)) }"""):
                iri, label = r["e"].value, r["l"].value  # type: ignore[union-attr]
                if (ident := short_id(iri)) is not None:
                    folded = fold(label)
                    by_length[len(folded)].append(len(self._folded))
                    self._folded.append(folded)
                    self._labels.append(label)
                    self._iris.append(iri)
                    self._ids.append(ident)
            for length in sorted(by_length):
                rows = sorted(by_length[length], key=self._folded.__getitem__)
                starts = [i * (length + 1) for i in range(len(rows))]
                text = "\n".join(self._folded[i] for i in rows)
                self._buckets.append((length, _Bucket(text, starts, rows)))
            self._ready = True
            keep_out_of_collections()

    def _matches(self, needle: str, prefix_only: bool):
        """Row numbers whose folded label contains (or starts with) ``needle``, shortest first."""
        for length, bucket in self._buckets:
            if length < len(needle):
                continue
            if prefix_only:  # labels in a bucket are sorted: prefix matches are one run
                i = bisect.bisect_left(bucket.rows, needle, key=self._folded.__getitem__)
                while i < len(bucket.rows) and self._folded[bucket.rows[i]].startswith(needle):
                    yield bucket.rows[i]
                    i += 1
                continue
            pos = bucket.text.find(needle)
            while pos >= 0:
                k = bisect.bisect_right(bucket.starts, pos) - 1
                if pos + len(needle) <= bucket.starts[k] + length:  # not across a newline
                    yield bucket.rows[k]
                pos = bucket.text.find(needle, pos + 1)

    def search(self, q: str, type_: str | None = None, limit: int = 20) -> list[Hit]:
        """The best ``limit`` entities: exact, then prefix, then substring; shorter first."""
        self._load()
        needle = fold(q)
        if not needle or "\n" in needle:
            return []
        found: dict[str, Hit] = {}
        for rank, rows in ((1, self._matches(needle, True)), (2, self._matches(needle, False))):
            for row in rows:
                folded, label, iri, ident = self._folded[row], self._labels[row], self._iris[row], self._ids[row]
                kind = ident.split("/", 1)[0]
                if iri in found or (type_ and kind != type_):
                    continue
                found[iri] = Hit(0 if folded == needle else rank, label, iri, ident, kind)
                if len(found) >= limit:
                    break
            if len(found) >= limit:
                break
        return sorted(found.values(), key=lambda h: (h.rank, len(fold(h.label)), h.label, h.iri))
