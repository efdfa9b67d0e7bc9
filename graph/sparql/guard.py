"""Safety checks on the *parsed* query: what the public endpoint refuses, and why.

Refused: ``SERVICE`` (any endpoint, IRI or variable: pyoxigraph would really call it), ``LOAD``,
every update (the endpoint is read-only), and ``FROM``/``FROM NAMED``/protocol dataset graphs
that are not graphs of the store.

The lexical scan (``depth.scan``) runs first: it bounds nesting (the parsers recurse) and lists
the words that may be keywords. A query none of whose words is in ``GUARDED`` cannot hold any of
the refused constructs, so it goes to the engine unparsed (rdflib's parse costs 7-20 ms, more
than most queries, and refuses Oxigraph syntax such as ``LATERAL``). Any other query is parsed
with rdflib's SPARQL grammar (which expands ``\\u`` escapes as SPARQL does, so ``\\u0053ERVICE``
is seen as ``SERVICE``) and the parse tree is walked.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import Any

from pyparsing import ParseBaseException
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from regionkg.errors import QueryError, ReadOnlyError, UnsafeQueryError
from regionkg.graph.sparql.depth import check_depth

# A word from this set anywhere outside strings, IRIs, comments, variables and local names sends
# the query through the full parse: SERVICE, dataset clauses, LOAD and every update operation.
GUARDED = frozenset({"SERVICE", "FROM", "NAMED", "LOAD", "INSERT", "DELETE", "CLEAR", "DROP",
                     "CREATE", "ADD", "MOVE", "COPY", "WITH", "USING"})

QUERY_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed every check, with what the executor needs to know about it."""

    text: str
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    from_graphs: tuple[str, ...]
    from_named: tuple[str, ...]


def _nodes(tree: Any) -> Iterator[CompValue]:
    """Every ``CompValue`` in a parse tree, iteratively (the tree may be deep)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
            stack.extend(node)


def _parse(parser: Any, text: str, what: str) -> Any:
    try:
        return parser(text)
    except ParseBaseException as exc:
        raise QueryError(f"{what} syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}") from exc
    except RecursionError as exc:
        raise UnsafeQueryError(f"{what} is nested too deeply to parse") from exc
    except (ValueError, TypeError, KeyError) as exc:
        raise QueryError(f"{what} cannot be parsed: {exc}") from exc


StoreGraphs = Collection[str] | Callable[[], Collection[str]]  # a callable is asked only when needed


def _refuse_unknown_graphs(iris: Collection[str], store_graphs: StoreGraphs, where: str) -> None:
    if not iris:
        return  # listing the store's graphs costs ~0.3 ms at 1M triples: most queries name none
    known = store_graphs() if callable(store_graphs) else store_graphs
    unknown = sorted(set(iris) - set(known))
    if unknown:
        raise UnsafeQueryError(
            f"{where} names graphs that are not in the store: {', '.join(f'<{g}>' for g in unknown)}"
            " (the endpoint only reads its own graphs, never fetches one)"
        )


def check_query(
    text: str,
    *,
    store_graphs: StoreGraphs,
    default_graphs: Collection[str] = (),
    named_graphs: Collection[str] = (),
    max_depth: int = 64,
) -> CheckedQuery:
    """Check a query for the public endpoint; raise a ``QueryError`` subclass if refused.

    A query without any ``GUARDED`` word is passed on unparsed (the engine reports its syntax
    errors); any other is parsed and its parse tree checked."""
    scanned = check_depth(text, max_depth)
    _refuse_unknown_graphs([*default_graphs, *named_graphs], store_graphs, "default-graph-uri / named-graph-uri")
    if scanned.form is not None and not scanned.words & GUARDED:
        return CheckedQuery(text, scanned.form, (), ())
    tree = _parse(parseQuery, text, "query")
    form, from_graphs, from_named = None, [], []
    for node in _nodes(tree):
        if node.name == "ServiceGraphPattern":
            raise UnsafeQueryError("SERVICE (federated query) is not allowed on this endpoint")
        if node.name in QUERY_FORMS:
            form = QUERY_FORMS[node.name]
        elif node.name == "DatasetClause":
            if "default" in node:
                from_graphs.append(str(node["default"]))
            if "named" in node:
                from_named.append(str(node["named"]))
    if form is None:  # pragma: no cover - the grammar only produces the four forms
        raise QueryError("not a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    _refuse_unknown_graphs(from_graphs + from_named, store_graphs, "FROM / FROM NAMED")
    return CheckedQuery(text, form, tuple(from_graphs), tuple(from_named))


def check_update(
    text: str,
    *,
    using_graphs: Collection[str] = (),
    using_named_graphs: Collection[str] = (),
    max_depth: int = 64,
) -> None:
    """Validate an update request as the protocol requires, then refuse it: the endpoint is read-only.

    Malformed requests get the protocol's 400 (syntax error, ``using-graph-uri`` together with
    ``USING``/``WITH``); a well-formed update gets ``ReadOnlyError`` (403).
    """
    check_depth(text, max_depth)
    tree = _parse(parseUpdate, text, "update")
    names = {node.name for node in _nodes(tree)}
    has_dataset = any("withClause" in node or "using" in node for node in _nodes(tree))
    if (using_graphs or using_named_graphs) and has_dataset:
        raise QueryError("using-graph-uri/using-named-graph-uri cannot be combined with USING or WITH")
    what = "LOAD" if "Load" in names else "SPARQL Update"
    raise ReadOnlyError(f"{what} is refused: this endpoint is read-only")
