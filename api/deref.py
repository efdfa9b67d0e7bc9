"""Entity IRIs dereference here: ``https://w3id.org/regionkg/id/Type/name`` → ``/id/Type/name``.

Browsers get an HTML card (every string from articles escaped), programs get RDF by ``Accept``
(Turtle by default): the entity's own triples and the relations pointing at it, bounded.
"""

from __future__ import annotations

import html
import json

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from pyoxigraph import QueryTriples, serialize

from regionkg.api import card_cache, cards
from regionkg.api.negotiation import RDF_RESULT_FORMATS, prefers_html
from regionkg.api.offload import in_thread, lookups
from regionkg.api.queries import ROW_LIMIT
from regionkg.errors import NotAcceptableError
from regionkg.formats import negotiate
from regionkg.graph.iris import ID_BASE
from regionkg.ontology import PREFIXES, SPARQL_PREFIXES

router = APIRouter(tags=["entities"])


def _html_card(card: dict) -> str:
    e = html.escape
    rows = []
    for rel in card["outgoing"] + card["incoming"]:
        other = rel["other"]
        link = f'/id/{e(other["id"])}' if other["id"] else e(other["iri"])
        arrow = "→" if rel["direction"] == "out" else "←"
        quotes = "；".join(e(span.get("text", "")) for span in rel["evidence"][:3])
        rows.append(f'<tr><td>{arrow} {e(rel["predicate"])}</td><td><a href="{link}">{e(other["label"] or other["iri"])}</a>'
                    f"</td><td>{quotes}</td></tr>")
    inds = "".join(f'<tr><td>{e(str(i.get("metric", "")))}</td><td>{e(str(i.get("value", "")))} {e(str(i.get("unit", "")))}'
                   f'</td><td>{e(str(i.get("period", "")))}</td></tr>' for i in card["indicators"])
    title = e(card["labels"].get("zh-Hans") or card["id"])
    return (f'<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<h1>{title}</h1><p>{e(card["labels"].get("zh-Hant", ""))} · {e(", ".join(card["types"]))}'
            f'{" · " + e(card["divisionCode"]) if card["divisionCode"] else ""}</p>'
            f'<p><code>{e(card["iri"])}</code> · <a href="/api/entities/{e(card["id"])}">JSON</a> · '
            f'<a href="/viz/entities/{e(card["id"])}">view</a></p>'
            f"<h2>Relations</h2><table>{''.join(rows)}</table><h2>Indicators</h2><table>{inds}</table></body></html>")


@router.get("/id/{entity_id:path}", summary="Dereference an entity IRI (HTML, Turtle, JSON-LD...)",
            responses={200: {"content": {"text/html": {}, "text/turtle": {}, "application/ld+json": {},
                                         "application/n-triples": {}, "application/rdf+xml": {}}}})
async def dereference(request: Request, entity_id: str) -> Response:
    """``https://w3id.org/regionkg/id/Type/name`` served here: HTML for browsers, RDF by ``Accept``."""
    store = request.app.state.store
    accept = request.headers.get("accept")
    headers = {"Vary": "Accept"}
    if prefers_html(accept):
        card = json.loads(await card_cache.card_json(request, entity_id))
        return HTMLResponse(_html_card(card), headers=headers)
    fmt = negotiate(accept, "graph", "ttl", allowed=RDF_RESULT_FORMATS)
    if fmt is None or fmt.rdf is None:
        raise NotAcceptableError("entities are served as HTML, Turtle, N-Triples, JSON-LD or RDF/XML")
    iri = await lookups(request, cards.card_iri, store, entity_id)

    def describe() -> bytes:
        result = store.query(SPARQL_PREFIXES + f"""CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> }} WHERE {{
            {{ SELECT ?p ?o {{ <{iri}> ?p ?o }} LIMIT {ROW_LIMIT} }} UNION
            {{ SELECT ?s ?q {{ ?s ?q <{iri}> FILTER(STRSTARTS(STR(?s), "{ID_BASE}")) }} LIMIT {ROW_LIMIT} }} }}""")
        assert isinstance(result, QueryTriples)
        return serialize(result, format=fmt.rdf, prefixes=PREFIXES) or b""

    return Response(await in_thread(request, describe), media_type=fmt.media_type, headers=headers)
