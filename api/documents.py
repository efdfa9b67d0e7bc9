"""``/api/documents/{id}``: what one article contributed, and entity IRI dereferencing (``/id/...``)."""

from __future__ import annotations

import html

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import HTMLResponse
from pyoxigraph import QueryTriples, serialize
from starlette.concurrency import run_in_threadpool

from regionkg.api import cards
from regionkg.api.queries import ROW_LIMIT, literals, properties, select
from regionkg.errors import NotAcceptableError
from regionkg.formats import negotiate
from regionkg.graph.ingest import document_graph
from regionkg.graph.iris import ID_BASE
from regionkg.graph.store_api import Store
from regionkg.ontology import DCTERMS, PREFIXES, RKG, SPARQL_PREFIXES

router = APIRouter(tags=["documents"])


def document(store: Store, ident: str) -> dict:
    """Metadata, repairs and every entity, relation and indicator the document's graph holds."""
    graph = document_graph(store, ident)
    meta = properties(store, [graph]).get(graph, [])
    entities = [r["e"].value for r in select(  # type: ignore[union-attr]
        store, f"SELECT DISTINCT ?e {{ GRAPH <{graph}> {{ ?e rkg:mentionedIn <{graph}> }} }} LIMIT {ROW_LIMIT}")]
    labels = cards.display_labels(store, set(entities))
    rels = list(select(store, f"""SELECT ?s ?p ?o ?start ?end ?text {{ GRAPH <{graph}> {{
        ?st a rkg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; rkg:evidence ?ev .
        ?ev oa:hasSelector ?ps , ?qs . ?ps oa:start ?start ; oa:end ?end . ?qs oa:exact ?text }} }}
        ORDER BY ?start LIMIT {ROW_LIMIT}"""))
    obs = list(select(store, f"""SELECT ?subject ?metric ?value ?unit ?start ?end ?text {{ GRAPH <{graph}> {{
        ?o a rkg:Observation ; rkg:refEntity ?subject ; rkg:metric ?m ; rkg:value ?value ; rkg:unit ?unit ;
           rkg:evidence ?ev . ?m skos:prefLabel ?metric FILTER(lang(?metric) = "zh-hans")
        ?ev oa:hasSelector ?ps , ?qs . ?ps oa:start ?start ; oa:end ?end . ?qs oa:exact ?text }} }}
        ORDER BY ?start LIMIT {ROW_LIMIT}"""))
    repairs = list(select(store, f"""SELECT ?kind ?start ?end ?original ?repaired {{ GRAPH <{graph}> {{
        <{graph}> rkg:repair ?r . ?r rkg:repairKind ?kind ; oa:start ?start ; oa:end ?end ;
        rkg:originalText ?original ; rkg:repairedText ?repaired }} }} ORDER BY ?start LIMIT {ROW_LIMIT}"""))

    def plain(row: dict) -> dict:
        return {k: (int(v.value) if k in ("start", "end") else v.value) for k, v in row.items()}  # type: ignore[attr-defined]

    def value(pred: str) -> str | None:
        return next((lit.value for lit in literals(meta, pred)), None)

    return {
        **cards.doc_ref(graph),
        "title": value(DCTERMS + "title"), "date": value(DCTERMS + "date"),
        "path": value(RKG + "sourcePath"), "sha256": value(RKG + "sha256"), "encoding": value(RKG + "encoding"),
        "entities": [{"id": cards.short_id(e), "iri": e, "label": labels.get(e)} for e in sorted(entities)],
        "relations": [{**plain(r), "p": r["p"].value.removeprefix(RKG),  # type: ignore[union-attr]
                       "s": cards.short_id(r["s"].value), "o": cards.short_id(r["o"].value)}  # type: ignore[union-attr]
                      for r in rels],
        "indicators": [{**plain(r), "subject": cards.short_id(r["subject"].value)} for r in obs],  # type: ignore[union-attr]
        "repairs": [plain(r) for r in repairs],
    }


@router.get("/api/documents/{doc_id}", summary="What one article contributed",
            responses={404: {"description": "No such document in the store."}})
async def get_document(request: Request,
                       doc_id: str = Path(..., description="The article's file name (or its document IRI).",
                                          examples=["000_de803dfcae37c84f.txt"])) -> dict:
    """Metadata, text repairs, entities, relations and indicators, each with its span."""
    return await run_in_threadpool(document, request.app.state.store, doc_id)


def _prefers_html(accept: str | None) -> bool:
    """True when the client ranks ``text/html`` at least as high as any RDF format (browsers)."""
    if not accept:
        return False
    best_rdf, html_q = 0.0, 0.0
    for part in accept.split(","):
        media, *params = (p.strip().lower() for p in part.split(";"))
        q = next((float(v) for k, _, v in (p.partition("=") for p in params) if k == "q" and v.replace(".", "", 1).isdigit()), 1.0)
        if media in ("text/html", "application/xhtml+xml"):
            html_q = max(html_q, q)
        elif negotiate(media, "graph", "ttl", allowed=("ttl", "nt", "jsonld", "rdfxml")) and media not in ("*/*", "*"):
            best_rdf = max(best_rdf, q)
    return html_q > 0 and html_q >= best_rdf


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
    if _prefers_html(accept):
        card = await run_in_threadpool(cards.card, store, entity_id)
        return HTMLResponse(_html_card(card), headers=headers)
    fmt = negotiate(accept, "graph", "ttl", allowed=("ttl", "nt", "jsonld", "rdfxml"))
    if fmt is None or fmt.rdf is None:
        raise NotAcceptableError("entities are served as HTML, Turtle, N-Triples, JSON-LD or RDF/XML")
    iri = await run_in_threadpool(cards.card_iri, store, entity_id)

    def describe() -> bytes:
        result = store.query(SPARQL_PREFIXES + f"""CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> }} WHERE {{
            {{ SELECT ?p ?o {{ <{iri}> ?p ?o }} LIMIT {ROW_LIMIT} }} UNION
            {{ SELECT ?s ?q {{ ?s ?q <{iri}> FILTER(STRSTARTS(STR(?s), "{ID_BASE}")) }} LIMIT {ROW_LIMIT} }} }}""")
        assert isinstance(result, QueryTriples)
        return serialize(result, format=fmt.rdf, prefixes=PREFIXES) or b""

    return Response(await run_in_threadpool(describe), media_type=fmt.media_type, headers=headers)
