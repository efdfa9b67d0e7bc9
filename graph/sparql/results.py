"""Serialise query results with a row cap, in the four SPARQL results formats and RDF formats.

pyoxigraph can serialise a whole result but not "the first N rows". ``serialise_whole`` lets it
write the whole result (C speed, into a bounded buffer) and counts the rows in its output; only
when that count may exceed the cap are solutions written here, row by row (a few lines per
format), which costs about 10 µs a row in Python. Graphs go through ``pyoxigraph.serialize``. A
capped result says so: the caller gets ``truncated=True`` and, for JSON and XML, the document
itself carries a ``link`` to the truncation note (the one extension point both result specs
define in ``head``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import BlankNode, Literal, NamedNode, QueryResultsFormat, QuerySolutions, RdfFormat, Triple, serialize

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

RESULTS_JSON = "application/sparql-results+json"
RESULTS_XML = "application/sparql-results+xml"
RESULTS_CSV = "text/csv"
RESULTS_TSV = "text/tab-separated-values"
RESULT_MEDIA_TYPES = (RESULTS_JSON, RESULTS_XML, RESULTS_CSV, RESULTS_TSV)
BOOLEAN_MEDIA_TYPES = (RESULTS_JSON, RESULTS_XML)
GRAPH_MEDIA_TYPES = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")

TRUNCATION_NOTE = "urn:regionkg:truncated"


@dataclass(frozen=True)
class Serialised:
    body: bytes
    media_type: str
    truncated: bool = False
    rows: int = 0  # rows written; an upper bound when pyoxigraph wrote the whole result


def _cap(items: Iterable, limit: int) -> tuple[list, bool]:
    rows = list(islice(items, limit + 1))
    return rows[:limit], len(rows) > limit


def _json_term(term: object) -> dict:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, Triple):
        return {"type": "triple", "value": {k: _json_term(getattr(term, k)) for k in ("subject", "predicate", "object")}}
    raise TypeError(f"unexpected term {term!r}")


def _xml_term(term: object) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, Triple):
        parts = "".join(f"<{k}>{_xml_term(getattr(term, k))}</{k}>" for k in ("subject", "predicate", "object"))
        return f"<triple>{parts}</triple>"
    raise TypeError(f"unexpected term {term!r}")


def _csv_value(term: object) -> str:
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (NamedNode, Literal)):
        return term.value
    return str(term)


def serialise_solutions(variables: list[str], solutions: Iterator, media_type: str, max_rows: int) -> Serialised:
    """Write at most ``max_rows`` solutions of a SELECT in one of the SPARQL results formats."""
    rows, truncated = _cap(solutions, max_rows)
    if media_type == RESULTS_JSON:
        head: dict = {"vars": variables}
        if truncated:
            head["link"] = [TRUNCATION_NOTE]
        bindings = [
            {v: _json_term(row[v]) for v in variables if row[v] is not None} for row in rows
        ]
        body = json.dumps({"head": head, "results": {"bindings": bindings}}, ensure_ascii=False).encode()
    elif media_type == RESULTS_XML:
        out = io.StringIO()
        out.write('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>')
        out.writelines(f"<variable name={quoteattr(v)}/>" for v in variables)
        if truncated:
            out.write(f"<link href={quoteattr(TRUNCATION_NOTE)}/>")
        out.write("</head><results>")
        for row in rows:
            out.write("<result>")
            out.writelines(
                f"<binding name={quoteattr(v)}>{_xml_term(row[v])}</binding>" for v in variables if row[v] is not None
            )
            out.write("</result>")
        out.write("</results></sparql>\n")
        body = out.getvalue().encode()
    elif media_type == RESULTS_CSV:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_csv_value(row[v]) if row[v] is not None else "" for v in variables] for row in rows)
        body = out.getvalue().encode()
    elif media_type == RESULTS_TSV:
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join(str(row[v]) if row[v] is not None else "" for v in variables) for row in rows]
        body = ("\n".join(lines) + "\n").encode()
    else:
        raise ValueError(f"not a results media type: {media_type}")
    return Serialised(body, media_type, truncated, len(rows))


_NATIVE = {RESULTS_JSON: QueryResultsFormat.JSON, RESULTS_XML: QueryResultsFormat.XML,
           RESULTS_CSV: QueryResultsFormat.CSV, RESULTS_TSV: QueryResultsFormat.TSV}
_BYTES_PER_ROW = 2048  # the whole-result buffer holds max_rows rows of this size before giving up


class _OverBudget(Exception):
    pass


class _BoundedBuffer:
    """A write-only file that refuses to grow past ``limit`` bytes (pyoxigraph writes 8 KiB chunks)."""

    def __init__(self, limit: int) -> None:
        self.parts: list[bytes] = []
        self.left = limit

    def write(self, data: bytes) -> int:
        self.left -= len(data)
        if self.left < 0:
            raise _OverBudget
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def _rows_at_most(body: bytes, media_type: str, variables: list[str]) -> int | None:
    """An upper bound on the rows in pyoxigraph's own serialisation, None when none is provable.

    XML escapes ``<`` in text and TSV escapes newlines, so ``<result>`` and line ends count rows
    exactly; CSV may quote a newline, which only over-counts. In JSON a ``"`` inside a string is
    always escaped, so ``{"v":{"type":"`` occurs exactly where a binding object starts with
    variable ``v`` (unless ``v`` names a component of a triple term); an empty binding is ``{}``,
    and counting every ``{}`` only over-counts.
    """
    if media_type == RESULTS_XML:
        return body.count(b"<result>")
    if media_type in (RESULTS_TSV, RESULTS_CSV):
        return body.count(b"\n") - 1
    if not all(v.isascii() and v.isidentifier() for v in variables):
        return None
    if b'"type":"triple"' in body and {"subject", "predicate", "object"} & set(variables):
        return None
    starts = sum(body.count(b'{"' + v.encode() + b'":{"type":"') for v in variables)
    return starts + body.count(b"{}")


def serialise_whole(solutions: QuerySolutions, media_type: str, max_rows: int) -> Serialised | None:
    """pyoxigraph's own serialisation of a SELECT result when it provably has at most ``max_rows``
    rows; None when it may have more (then the caller runs the query again through
    ``serialise_solutions``, which stops at the cap)."""
    buffer = _BoundedBuffer(max(1 << 20, max_rows * _BYTES_PER_ROW))
    try:
        solutions.serialize(buffer, _NATIVE[media_type])
    except _OverBudget:
        return None
    body = b"".join(buffer.parts)
    rows = _rows_at_most(body, media_type, [v.value for v in solutions.variables])
    if rows is None or rows > max_rows:
        return None
    return Serialised(body, media_type, False, rows)


def serialise_boolean(value: bool, media_type: str) -> Serialised:
    """Write an ASK answer (JSON or XML; CSV/TSV have no boolean form)."""
    if media_type == RESULTS_JSON:
        body = json.dumps({"head": {}, "boolean": value}).encode()
    elif media_type == RESULTS_XML:
        text = "true" if value else "false"
        body = (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{text}</boolean></sparql>\n"
        ).encode()
    else:
        raise ValueError(f"not a boolean results media type: {media_type}")
    return Serialised(body, media_type, rows=1)


def serialise_triples(triples: Iterator, media_type: str, max_rows: int) -> Serialised:
    """Write at most ``max_rows`` triples of a CONSTRUCT/DESCRIBE in an RDF format."""
    rows, truncated = _cap(triples, max_rows)
    fmt = RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise ValueError(f"not an RDF media type: {media_type}")
    return Serialised(serialize(rows, format=fmt) or b"", media_type, truncated, len(rows))
