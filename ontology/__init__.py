"""The regionkg vocabulary: the OWL ontology, the SHACL shapes and the namespaces.

This package is the one place vocabulary is defined. Code builds IRIs from the namespace
constants here (never from string literals scattered around), and SPARQL text shown to users
starts with ``SPARQL_PREFIXES``.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
ONTOLOGY_TTL: Path = HERE / "regionkg.ttl"
SHAPES_TTL: Path = HERE / "shapes.ttl"

#: The ontology namespace (prefix ``rkg:``).
RKG = "https://w3id.org/regionkg/ontology#"
#: The ontology itself (the ``owl:Ontology`` IRI).
ONTOLOGY_IRI = "https://w3id.org/regionkg/ontology"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
QB = "http://purl.org/linked-data/cube#"
OA = "http://www.w3.org/ns/oa#"
ELI = "http://data.europa.eu/eli/ontology#"
SCHEMA = "https://schema.org/"
TIME = "http://www.w3.org/2006/time#"
SH = "http://www.w3.org/ns/shacl#"

#: Prefix → namespace, for serialisers and for queries shown in docs.
PREFIXES: dict[str, str] = {
    "rkg": RKG,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "org": ORG,
    "prov": PROV,
    "qb": QB,
    "oa": OA,
    "eli": ELI,
    "schema": SCHEMA,
    "time": TIME,
}

#: ``PREFIX`` lines for every namespace above, ready to prepend to a SPARQL query.
SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

__all__ = [
    "DCTERMS", "ELI", "OA", "ONTOLOGY_IRI", "ONTOLOGY_TTL", "ORG", "OWL", "PREFIXES", "PROV",
    "QB", "RDF", "RDFS", "RKG", "SCHEMA", "SHAPES_TTL", "SH", "SKOS", "SPARQL_PREFIXES", "TIME",
    "XSD",
]
