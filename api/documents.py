"""``/api/documents/{id}``: what one article contributed."""

from __future__ import annotations

from fastapi import APIRouter, Path, Request

from regionkg.api import cards
from regionkg.api.offload import in_thread
from regionkg.api.queries import ROW_LIMIT, literals, properties, select
from regionkg.graph.ingest import document_graph
from regionkg.graph.store_api import Store
from regionkg.ontology import DCTERMS, RKG

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
           rkg:evidence ?ev . ?m skos:prefLabel ?metric FILTER(langMatches(lang(?metric), "zh-Hans"))
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
            responses={200: {"content": {"application/json": {"example": {
                "id": "000_de803dfcae37c84f.txt", "iri": "https://w3id.org/regionkg/doc/000_de803dfcae37c84f.txt",
                "title": "赋能激发创新活力", "date": None, "path": "data/articles/000_de803dfcae37c84f.txt",
                "sha256": "e2214f5f…", "encoding": "utf-8",
                "entities": [{"id": "GovernmentAgency/国务院", "iri": "https://w3id.org/regionkg/id/GovernmentAgency/%E5%9B%BD%E5%8A%A1%E9%99%A2",
                              "label": "国务院"}],
                "relations": [{"s": "Policy/…", "p": "issuedBy", "o": "GovernmentAgency/国务院",
                               "start": 120, "end": 131, "text": "…"}],
                "indicators": [], "repairs": []}}}},
                       404: {"description": "No such document in the store."}})
async def get_document(request: Request,
                       doc_id: str = Path(..., description="The article's file name (or its document IRI).",
                                          examples=["000_de803dfcae37c84f.txt"])) -> dict:
    """Metadata, text repairs, entities, relations and indicators, each with its span."""
    return await in_thread(request, document, request.app.state.store, doc_id)
