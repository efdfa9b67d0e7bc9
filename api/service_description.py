"""The SPARQL 1.1 Service Description returned by ``GET /sparql`` without a query."""

from __future__ import annotations

from fastapi import Request, Response
from pyoxigraph import BlankNode, Literal, NamedNode, Triple, serialize

from regionkg.api.negotiation import RDF_RESULT_FORMATS
from regionkg.errors import NotAcceptableError
from regionkg.formats import FORMATS, negotiate
from regionkg.ontology import PREFIXES, RDF

SD = "http://www.w3.org/ns/sparql-service-description#"
_MAX_LISTED_GRAPHS = 1000  # a description, not an export: beyond this, query the store


def _n(iri: str) -> NamedNode:
    return NamedNode(iri)


def describe_service(endpoint: str, graphs: list[str]) -> list[Triple]:
    """Triples saying what the endpoint speaks: languages, formats, features, its dataset."""
    service, dataset, default = _n(endpoint), BlankNode("dataset"), BlankNode("default")
    triples = [
        Triple(service, _n(RDF + "type"), _n(SD + "Service")),
        Triple(service, _n(SD + "endpoint"), service),
        Triple(service, _n(SD + "supportedLanguage"), _n(SD + "SPARQL11Query")),
        Triple(service, _n(SD + "feature"), _n(SD + "UnionDefaultGraph")),
        Triple(service, _n(SD + "defaultDataset"), dataset),
        Triple(dataset, _n(RDF + "type"), _n(SD + "Dataset")),
        Triple(dataset, _n(SD + "defaultGraph"), default),
        Triple(default, _n(RDF + "type"), _n(SD + "Graph")),
        Triple(service, _n("http://www.w3.org/2000/01/rdf-schema#comment"),
               Literal("Read-only: SPARQL Update, SERVICE and LOAD are refused; queries have a deadline and a row cap.", language="en")),
    ]
    for fmt in FORMATS:
        iri = fmt.rdf.iri if fmt.rdf else fmt.results.iri if fmt.results else None
        if iri and (fmt.family == "results" or fmt.name in RDF_RESULT_FORMATS):
            triples.append(Triple(service, _n(SD + "resultFormat"), _n(iri)))
    for i, graph in enumerate(graphs[:_MAX_LISTED_GRAPHS]):
        node = BlankNode(f"g{i}")
        triples += [Triple(dataset, _n(SD + "namedGraph"), node),
                    Triple(node, _n(RDF + "type"), _n(SD + "NamedGraph")),
                    Triple(node, _n(SD + "name"), _n(graph))]
    return triples


def service_description(request: Request) -> Response:
    """The description in the RDF format the client accepts (Turtle by default)."""
    fmt = negotiate(request.headers.get("accept"), "graph", "ttl", allowed=RDF_RESULT_FORMATS)
    if fmt is None or fmt.rdf is None:
        raise NotAcceptableError("the service description is available as Turtle, N-Triples, JSON-LD or RDF/XML")
    endpoint = str(request.url.replace(query=""))
    body = serialize(describe_service(endpoint, request.app.state.store.graphs()), format=fmt.rdf,
                     prefixes={"sd": SD, **PREFIXES})
    return Response(body, media_type=fmt.media_type, headers={"Vary": "Accept"})
