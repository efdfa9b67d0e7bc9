"""``/sparql``: the SPARQL 1.1 Protocol endpoint (read-only).

Query by GET, URL-encoded POST or direct POST (``application/sparql-query``); dataset by
``default-graph-uri``/``named-graph-uri`` (graphs of the store only); results negotiated from
``Accept`` (q-values honoured, ``Vary: Accept`` always sent). Updates are parsed — a malformed
one gets the protocol's 400 — and then refused with 403. Every query is checked on its parse
tree and run in a killable worker (``regionkg.graph.sparql``).
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from regionkg.api.negotiation import RDF_RESULT_FORMATS, prefers_html
from regionkg.api.service_description import service_description
from regionkg.errors import QueryError, UnsupportedMediaTypeError
from regionkg.formats import negotiate
from regionkg.graph.sparql import QueryJob, UpdateJob
from regionkg.graph.sparql.results import Serialised

router = APIRouter(tags=["SPARQL"])

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
TRUNCATED_HEADER = "X-RegionKG-Truncated"

EXAMPLE_QUERY = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } LIMIT 10"
RESPONSES = {
    200: {"description": "Query results (SPARQL JSON/XML/CSV/TSV) or an RDF graph (Turtle, N-Triples, "
                         "JSON-LD, RDF/XML), or the service description without a query.",
          "headers": {TRUNCATED_HEADER: {"description": "true when the row cap cut the result",
                                         "schema": {"type": "string"}}}},
    400: {"description": "Malformed query, or a refused one (SERVICE, unknown graph, too deep)."},
    403: {"description": "SPARQL Update: the endpoint is read-only."},
    406: {"description": "No acceptable representation for the result."},
    413: {"description": "Request body over the size cap."},
    415: {"description": "Body media type or charset not accepted."},
    503: {"description": "Deadline passed: the query was stopped."},
}


def _single(params: list[tuple[str, str]], name: str) -> str | None:
    values = [v for k, v in params if k == name]
    if len(values) > 1:
        raise QueryError(f"exactly one '{name}' parameter is allowed, got {len(values)}")
    return values[0] if values else None


def _all(params: list[tuple[str, str]], name: str) -> tuple[str, ...]:
    return tuple(v for k, v in params if k == name)


def _content_type(request: Request) -> tuple[str, str | None]:
    """The body's media type and charset (lower-cased), or 415 when it is missing."""
    raw = request.headers.get("content-type")
    if not raw:
        raise UnsupportedMediaTypeError(
            f"a POST needs Content-Type {FORM}, {SPARQL_QUERY} or {SPARQL_UPDATE}")
    media, *params = (p.strip() for p in raw.split(";"))
    charset = next((v.strip('"').lower() for k, _, v in (p.partition("=") for p in params)
                    if k.strip().lower() == "charset"), None)
    return media.lower(), charset


def _text(body: bytes, charset: str | None) -> str:
    if charset not in (None, "utf-8", "utf8"):
        raise UnsupportedMediaTypeError(f"request bodies must be UTF-8, not {charset}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QueryError(f"request body is not valid UTF-8 (byte {exc.start})") from None


def _respond(result: Serialised) -> Response:
    headers = {"Vary": "Accept", TRUNCATED_HEADER: "true" if result.truncated else "false"}
    return Response(result.body, media_type=result.media_type, headers=headers)


async def _execute(request: Request, params: list[tuple[str, str]], query: str | None,
                   update: str | None) -> Response:
    settings = request.app.state.settings
    pool = request.app.state.pool
    if query is not None and update is not None:
        raise QueryError("send either 'query' or 'update', not both")
    if update is not None:
        job = UpdateJob(update, _all(params, "using-graph-uri"), _all(params, "using-named-graph-uri"),
                        max_depth=settings.max_query_depth)
        return _respond(await pool.arun(job))
    if query is None:
        if prefers_html(request.headers.get("accept")):  # a browser: the query page, not Turtle
            return RedirectResponse("/query", status_code=303, headers={"Vary": "Accept"})
        return service_description(request)
    accept = request.headers.get("accept")
    tabular = negotiate(accept, "results", "json")
    boolean = negotiate(accept, "results", "json", allowed=("json", "xml"))
    graph = negotiate(accept, "graph", "ttl", allowed=RDF_RESULT_FORMATS)
    job = QueryJob(
        query,
        default_graphs=_all(params, "default-graph-uri"),
        named_graphs=_all(params, "named-graph-uri"),
        tabular_type=tabular.media_type if tabular else None,
        boolean_type=boolean.media_type if boolean else None,
        graph_type=graph.media_type if graph else None,
        max_rows=settings.max_rows,
        max_depth=settings.max_query_depth,
        base_iri=str(request.url.replace(query="", fragment="")),
    )
    return _respond(await pool.arun(job))


@router.get("/sparql", responses=RESPONSES, summary="SPARQL query (GET) or service description",
            openapi_extra={"parameters": [
                {"name": "query", "in": "query", "required": False, "schema": {"type": "string"},
                 "example": EXAMPLE_QUERY, "description": "A SPARQL 1.1 query; omit it for the service description."},
                {"name": "default-graph-uri", "in": "query", "required": False,
                 "schema": {"type": "array", "items": {"type": "string"}}},
                {"name": "named-graph-uri", "in": "query", "required": False,
                 "schema": {"type": "array", "items": {"type": "string"}}}]})
async def sparql_get(request: Request) -> Response:
    """Run a query given in the URL; without one, describe the service (Turtle by default)."""
    params = list(request.query_params.multi_items())
    if _single(params, "update") is not None:
        raise QueryError("SPARQL Update is never accepted by GET (and this endpoint is read-only)")
    return await _execute(request, params, _single(params, "query"), None)


@router.post("/sparql", responses=RESPONSES, summary="SPARQL query by POST (form or direct)",
             openapi_extra={"requestBody": {"content": {
                 FORM: {"schema": {"type": "object", "properties": {"query": {"type": "string"}}},
                        "example": {"query": EXAMPLE_QUERY}},
                 SPARQL_QUERY: {"schema": {"type": "string"}, "example": EXAMPLE_QUERY}}}})
async def sparql_post(request: Request) -> Response:
    """URL-encoded POST (``query=``/``update=``) or direct POST of a query or update."""
    media, charset = _content_type(request)
    body = await request.body()
    params = list(request.query_params.multi_items())
    if media == FORM:
        try:
            params += parse_qsl(_text(body, charset), keep_blank_values=True, strict_parsing=bool(body),
                                errors="strict")
        except (ValueError, UnicodeDecodeError) as exc:
            raise QueryError(f"malformed form body: {exc}") from None
        return await _execute(request, params, _single(params, "query"), _single(params, "update"))
    if media == SPARQL_QUERY:
        return await _execute(request, params, _text(body, charset), None)
    if media == SPARQL_UPDATE:
        return await _execute(request, params, None, _text(body, charset))
    raise UnsupportedMediaTypeError(
        f"Content-Type {media} is not accepted; use {FORM}, {SPARQL_QUERY} or {SPARQL_UPDATE}")
