"""Non-RDF exports of the store: GraphML (Gephi, networkx) and a CSV edge list.

Both show the entity graph a person looks at: one node per entity (label, type, code), one
edge per distinct relation (subject, predicate, object) with the documents that state it.
"""

from __future__ import annotations

import csv
import io
from typing import IO

import networkx as nx

from regionkg.graph.iris import ID_BASE
from regionkg.graph.store_api import Store
from regionkg.ontology import SPARQL_PREFIXES

_NODES = SPARQL_PREFIXES + """
SELECT ?e (SAMPLE(?hans) AS ?label) (SAMPLE(?hant) AS ?label_hant) (SAMPLE(?code) AS ?code)
WHERE {
  ?e a ?cls . ?cls rdfs:subClassOf+ rkg:Entity .
  OPTIONAL { ?e skos:prefLabel ?hans FILTER(langMatches(lang(?hans), "zh-Hans")) }
  OPTIONAL { ?e skos:prefLabel ?hant FILTER(langMatches(lang(?hant), "zh-Hant")) }
  OPTIONAL { ?e rkg:divisionCode ?code }
}
GROUP BY ?e ORDER BY ?e
"""

_EDGES = SPARQL_PREFIXES + """
SELECT ?s ?p ?o (GROUP_CONCAT(DISTINCT STR(?g); separator=" ") AS ?docs)
WHERE {
  ?p rdfs:subPropertyOf rkg:relation .
  GRAPH ?g { ?s ?p ?o }
  FILTER(?g != <https://w3id.org/regionkg/graph/ontology>)
}
GROUP BY ?s ?p ?o ORDER BY ?s ?p ?o
"""


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def entity_graph(store: Store) -> nx.MultiDiGraph:
    """The entity graph: nodes keyed by IRI (type = the entity type in the IRI), edges keyed
    by relation name."""
    graph = nx.MultiDiGraph()
    for row in store.query(_NODES):  # type: ignore[union-attr]
        iri = row["e"].value
        if not iri.startswith(ID_BASE):
            continue
        kind = iri[len(ID_BASE):].split("/", 1)[0]
        graph.add_node(
            iri,
            label=row["label"].value if row["label"] else "",
            label_hant=row["label_hant"].value if row["label_hant"] else "",
            type=kind,
            code=row["code"].value if row["code"] else "",
        )
    for row in store.query(_EDGES):  # type: ignore[union-attr]
        s, p, o = row["s"].value, _local(row["p"].value), row["o"].value
        if s in graph and o in graph:
            graph.add_edge(s, o, key=p, relation=p, documents=row["docs"].value)
    return graph


def write_graphml(store: Store, out: IO[bytes]) -> None:
    """GraphML for Gephi: node attributes label/label_hant/type/code, edge relation/documents."""
    nx.write_graphml(entity_graph(store), out, encoding="utf-8", named_key_ids=True)


def write_csv(store: Store, out: IO[bytes]) -> None:
    """One CSV row per relation: both ends with label and type, the relation, its documents."""
    graph = entity_graph(store)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["subject", "subject_label", "subject_type", "relation",
                     "object", "object_label", "object_type", "documents"])
    for s, o, data in graph.edges(data=True):
        a, b = graph.nodes[s], graph.nodes[o]
        writer.writerow([s, a["label"], a["type"], data["relation"], o, b["label"], b["type"],
                         data["documents"]])
    out.write(text.getvalue().encode("utf-8"))
