"""Nesting-depth scanner: runs before any parser or engine sees a query.

pyoxigraph overflows its stack (killing the whole process) at about 3,000 nested groups and
rdflib's parser recurses too, so depth must be measured by a flat, linear scan. The scan follows
the SPARQL lexical rules that matter for brackets: ``\\u`` escapes are expanded first (as SPARQL
does before parsing), and brackets inside strings, IRIs, comments and ``\\``-escaped name
characters do not count.
"""

from __future__ import annotations

import re

from rdflib.plugins.sparql.parser import expandUnicodeEscapes

from regionkg.errors import QueryError, UnsafeQueryError

_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_OPEN = "{(["
_CLOSE = "})]"


def expand_escapes(text: str) -> str:
    """Expand ``\\uXXXX``/``\\UXXXXXXXX`` exactly as the SPARQL parser will."""
    try:
        return expandUnicodeEscapes(text)
    except ValueError as exc:
        raise QueryError(str(exc)) from exc


def nesting_depth(text: str) -> int:
    """The deepest bracket nesting (``{``, ``(``, ``[``) of a query or update, escapes expanded."""
    text = expand_escapes(text)
    depth = deepest = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif c in _CLOSE:
            depth = max(depth - 1, 0)
        elif c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif c == "\\":
            i += 1  # an escaped name character (PN_LOCAL_ESC) is never a bracket or quote
        elif c == "<":
            m = _IRI.match(text, i)
            if m:
                i = m.end() - 1
        elif c in "'\"":
            i = _string_end(text, i)
        i += 1
    return deepest


def _string_end(text: str, start: int) -> int:
    """Index of the last character of the string literal opening at ``start``."""
    quote = text[start]
    delim = quote * 3 if text.startswith(quote * 3, start) else quote
    i = start + len(delim)
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(delim, i):
            return i + len(delim) - 1
        if len(delim) == 1 and text[i] in "\r\n":
            return i  # single-quoted strings cannot span lines: the parser will reject it
        i += 1
    return len(text)


def check_depth(text: str, limit: int) -> None:
    """Refuse a query nested deeper than ``limit`` brackets."""
    depth = nesting_depth(text)
    if depth > limit:
        raise UnsafeQueryError(f"query nests {depth} levels deep; the limit is {limit}")
