"""The one format registry: name ↔ media type ↔ file extension ↔ serializer.

Shared by the CLI (``--format``), the HTTP API and the SPARQL endpoint (content negotiation),
so a format is spelled the same way everywhere. Three families:

- ``graph``: RDF serialisations (pyoxigraph ``RdfFormat``); ``dataset`` ones keep named graphs.
- ``results``: SPARQL SELECT/ASK results (pyoxigraph ``QueryResultsFormat``).
- ``export``: derived, non-RDF exports (GraphML for Gephi, CSV edge list); written by
  ``regionkg.graph.export``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from pyoxigraph import QueryResultsFormat, RdfFormat

from regionkg.errors import QueryError

Family = Literal["graph", "results", "export"]


@dataclass(frozen=True)
class Format:
    """One serialisation: how users name it, how HTTP names it, how files end."""

    name: str
    family: Family
    media_type: str
    extension: str
    rdf: RdfFormat | None = None
    results: QueryResultsFormat | None = None
    aliases: tuple[str, ...] = ()

    @property
    def is_dataset(self) -> bool:
        """True when the format can carry named graphs (N-Quads, TriG)."""
        return bool(self.rdf and self.rdf.supports_datasets)


def _bare(media_type: str) -> str:
    """``text/csv; charset=utf-8`` → ``text/csv``: Accept headers name bare types."""
    return media_type.split(";")[0].strip()


def _rdf(name: str, fmt: RdfFormat, *aliases: str) -> Format:
    return Format(name, "graph", _bare(fmt.media_type), fmt.file_extension, rdf=fmt, aliases=aliases)


def _res(name: str, fmt: QueryResultsFormat, *aliases: str) -> Format:
    return Format(name, "results", _bare(fmt.media_type), fmt.file_extension, results=fmt, aliases=aliases)


FORMATS: tuple[Format, ...] = (
    _rdf("ttl", RdfFormat.TURTLE, "turtle", "application/x-turtle"),
    _rdf("nt", RdfFormat.N_TRIPLES, "ntriples", "text/plain"),
    _rdf("nq", RdfFormat.N_QUADS, "nquads"),
    _rdf("trig", RdfFormat.TRIG),
    _rdf("jsonld", RdfFormat.JSON_LD, "json-ld"),
    _rdf("rdfxml", RdfFormat.RDF_XML, "xml", "application/xml"),
    _res("json", QueryResultsFormat.JSON, "application/json"),
    _res("xml", QueryResultsFormat.XML, "application/xml", "text/xml"),
    _res("csv", QueryResultsFormat.CSV),
    _res("tsv", QueryResultsFormat.TSV),
    Format("graphml", "export", "application/graphml+xml", "graphml"),
    Format("csv", "export", "text/csv", "csv"),
)


def get(family: Family, name: str) -> Format:
    """The format of ``family`` called ``name`` (short name, alias, extension or media type)."""
    key = name.strip().lower()
    for fmt in FORMATS:
        if fmt.family == family and key in (fmt.name, fmt.media_type, fmt.extension, *fmt.aliases):
            return fmt
    known = ", ".join(names(family))
    raise QueryError(f"unknown {family} format {name!r}; expected one of {known}")


def names(family: Family) -> list[str]:
    """Short names of the formats of ``family`` (for ``--format`` help and errors)."""
    return [f.name for f in FORMATS if f.family == family]


def negotiate(
    accept: str | None, family: Family, default: str, allowed: Collection[str] | None = None
) -> Format | None:
    """The best format of ``family`` for an HTTP ``Accept`` header, or None (→ 406).

    Honours q-values and ``type/*``/``*/*`` wildcards; ties keep the header's order.
    ``allowed`` (short names) narrows the family, e.g. ASK answers have no CSV form.
    """
    if not accept or not accept.strip():
        return get(family, default)
    ranges: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            k, _, v = param.partition("=")
            if k.strip() == "q":
                try:
                    q = float(v)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranges.append((-q, i, media.lower()))
    for _, _, media in sorted(ranges):
        if media in ("*/*", "*"):
            return get(family, default)
        for fmt in FORMATS:
            if fmt.family != family or (allowed is not None and fmt.name not in allowed):
                continue
            candidates = (fmt.media_type, *(a for a in fmt.aliases if "/" in a))
            if media.endswith("/*"):
                if any(c.startswith(media[:-1]) for c in candidates):
                    return fmt
            elif media in candidates:
                return fmt
    return None
