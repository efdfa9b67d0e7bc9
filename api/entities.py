"""``/api``: entity search, entity cards, relations, shortest paths and statistics."""

from __future__ import annotations

from typing import Literal as Choice

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from regionkg.api import card_cache, cards
from regionkg.api.offload import in_thread, lookups
from regionkg.api.paths import shortest_paths
from regionkg.api.search import LabelIndex
from regionkg.api.stats import statistics
from regionkg.errors import QueryError
from regionkg.graph.model import ENTITY_TYPES, PREDICATES
from regionkg.graph.store_api import Store

router = APIRouter(prefix="/api", tags=["entities"])

_ID = Path(..., description="Entity id `Type/name` (as in `/api/entities?q=`), e.g. `Region/上饶市`.",
           examples=["Region/上饶市"])


_CARD_EXAMPLE = {
    "id": "Region/上饶市", "iri": "https://w3id.org/regionkg/id/Region/%E4%B8%8A%E9%A5%B6%E5%B8%82",
    "type": "Region", "types": ["City", "Region"], "labels": {"zh-Hans": "上饶市", "zh-Hant": "上饒市"},
    "aliases": ["上饒", "上饶"], "divisionCode": "361100",
    "outgoing": [{"direction": "out", "predicate": "partOf",
                  "other": {"id": "Region/江西省", "iri": "https://w3id.org/regionkg/id/Region/%E6%B1%9F%E8%A5%BF%E7%9C%81",
                            "label": "江西省"},
                  "evidence": [{"document": {"id": "002_f068a4fc0f954f2f.txt",
                                             "iri": "https://w3id.org/regionkg/doc/002_f068a4fc0f954f2f.txt"},
                                "start": 2, "end": 4, "text": "上饒", "sentence": "江西上饒:在數字經濟賽道上做出特色"}]}],
    "incoming": [], "indicators": [{"metric": "地区生产总值", "value": "118800000000", "unit": "CNY", "period": "2024",
                                    "statedValue": "1188", "statedUnit": "亿元", "evidence": []}],
    "documents": [{"id": "002_f068a4fc0f954f2f.txt", "iri": "https://w3id.org/regionkg/doc/002_f068a4fc0f954f2f.txt"}],
    "truncated": False,
}
_NOT_FOUND = {404: {"description": "No such entity in the store.",
                    "content": {"application/json": {"example": {"error": {
                        "status": 404, "code": "not_found", "message": "no entity 'Region/无此地' in the store"}}}}}}


def _store(request: Request) -> Store:
    return request.app.state.store


def _index(request: Request) -> LabelIndex:
    state = request.app.state
    if getattr(state, "label_index", None) is None:
        state.label_index = LabelIndex(state.store)
    return state.label_index


@router.get("/entities", summary="Search entities by name, alias or part of a name",
            responses={200: {"content": {"application/json": {"example": {"query": "上饒", "results": [
                {"id": "Region/上饶市", "iri": "https://w3id.org/regionkg/id/Region/%E4%B8%8A%E9%A5%B6%E5%B8%82",
                 "label": "上饶市", "type": "Region", "match": "prefix"}]}}}}})
async def search_entities(
    request: Request,
    q: str = Query(..., min_length=1, max_length=200, description="Name, alias or part of one; simplified or traditional.",
                   examples=["上饒"]),
    type: str | None = Query(None, description=f"Only this type: {', '.join(ENTITY_TYPES)}.", examples=["Region"]),
    limit: int = Query(20, ge=1, le=200),
) -> dict:
    """Ranked: exact match, then prefix, then substring; shorter names first."""
    if type is not None and type not in ENTITY_TYPES:
        raise QueryError(f"unknown type {type!r}; expected one of {', '.join(ENTITY_TYPES)}")
    hits = await in_thread(request, _index(request).search, q, type, limit)
    match = ("exact", "prefix", "contains")
    return {"query": q, "results": [{"id": h.id, "iri": h.iri, "label": h.label, "type": h.type,
                                     "match": match[h.rank]} for h in hits]}


@router.get("/entities/{entity_id:path}/relations", summary="Relations of an entity, with evidence",
            responses={200: {"content": {"application/json": {"example": {
                "id": _CARD_EXAMPLE["id"], "iri": _CARD_EXAMPLE["iri"], "relations": _CARD_EXAMPLE["outgoing"]}}}},
                **_NOT_FOUND})
async def entity_relations(
    request: Request,
    entity_id: str = _ID,
    direction: Choice["in", "out", "both"] = Query("both", description="out: entity is the subject; in: the object."),
    predicate: str | None = Query(None, description=f"One of {', '.join(PREDICATES)}.", examples=["locatedIn"]),
) -> dict:
    """Each relation: direction, predicate, the other end (id, IRI, label), evidence spans."""
    if predicate is not None and predicate not in PREDICATES:
        raise QueryError(f"unknown predicate {predicate!r}; expected one of {', '.join(PREDICATES)}")
    store = _store(request)
    iri = await lookups(request, cards.card_iri, store, entity_id)  # 404 for unknown entities
    rels = await in_thread(request, cards.relations, store, iri, direction, predicate)
    return {"id": cards.short_id(iri), "iri": iri, "relations": rels}


@router.get("/entities/{entity_id:path}", summary="Entity card",
            responses={200: {"content": {"application/json": {"example": _CARD_EXAMPLE}}}, **_NOT_FOUND})
async def entity_card(request: Request, entity_id: str = _ID) -> Response:
    """Labels in both scripts, types, division code, relations both ways with the other end's
    label, indicators, and per fact its source documents and evidence spans. At most 100
    relations per direction and 100 indicators (``truncated`` says when more exist)."""
    # JSON rendered once (and kept when costly), without FastAPI's per-field encoder walk.
    return Response(await card_cache.card_json(request, entity_id), media_type="application/json")


@router.get("/paths", summary="Shortest relation paths between two entities",
            responses={200: {"content": {"application/json": {"example": {
                "from": "Enterprise/某公司", "to": "Region/江西省", "length": 2, "paths": [[
                    {"s": "Enterprise/某公司", "p": "locatedIn", "o": "Region/上饶市"},
                    {"s": "Region/上饶市", "p": "partOf", "o": "Region/江西省"}]]}}}}})
async def paths(
    request: Request,
    from_: str = Query(..., alias="from", description="Entity id `Type/name`.", examples=["Region/上饶市"]),
    to: str = Query(..., description="Entity id `Type/name`.", examples=["Region/江西省"]),
    max: int = Query(4, ge=1, le=6, description="Longest path (relations) to look for."),
) -> dict:
    """Relations are followed in either direction; each step says which way it points."""
    store = _store(request)
    a = await lookups(request, cards.card_iri, store, from_)
    b = await lookups(request, cards.card_iri, store, to)
    found = await in_thread(request, shortest_paths, store, a, b, max)
    labels = await in_thread(request, cards.display_labels, store, {n for p in found for e in p for n in (e[0], e[2])})
    steps = [[{"s": cards.short_id(s) or s, "p": p, "o": cards.short_id(o) or o,
               "s_label": labels.get(s), "o_label": labels.get(o)} for s, p, o in path] for path in found]
    return {"from": from_, "to": to, "length": len(found[0]) if found else None, "paths": steps}


@router.get("/stats", summary="Counts: triples, documents, entities per type, relations per predicate",
            responses={200: {"content": {"application/json": {"example": {
                "triples": 5219, "graphs": 3, "documents": 2, "entities": 51,
                "entitiesByType": {"Enterprise": 8, "Region": 7}, "relations": 43,
                "relationsByPredicate": {"locatedIn": 5, "partOf": 5}, "observations": 11}}}}})
async def stats(request: Request) -> dict:
    """Computed once per server start (the served data is a snapshot) and then cached."""
    state = request.app.state
    if getattr(state, "stats", None) is None:
        state.stats = await in_thread(request, statistics, state.store)
    return state.stats
