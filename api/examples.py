"""Example SPARQL queries shown on the query page and in the README (one list, no drift)."""

from __future__ import annotations

from regionkg.ontology import SPARQL_PREFIXES

EXAMPLES: tuple[tuple[str, str], ...] = (
    ("Policies issued by 国务院", """SELECT ?policy ?title WHERE {
  ?agency skos:prefLabel "国务院"@zh-Hans .
  ?policy a rkg:Policy ; rkg:issuedBy ?agency ; skos:prefLabel ?title .
}
ORDER BY ?title"""),
    ("Entities of each type", """SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e a ?type . ?type rdfs:subClassOf* rkg:Entity .
}
GROUP BY ?type ORDER BY DESC(?n)"""),
    ("Enterprises located in 上饶市 or its districts", """SELECT ?enterprise ?name ?place WHERE {
  ?city skos:prefLabel "上饶市"@zh-Hans .
  ?place rkg:partOf* ?city .
  ?enterprise a rkg:Enterprise ; rkg:locatedIn ?place ; skos:prefLabel ?name .
}"""),
    ("Indicators with their evidence", """SELECT ?subject ?metric ?value ?unit ?period ?quote WHERE {
  ?obs a rkg:Observation ; rkg:refEntity ?e ; rkg:metric ?m ; rkg:value ?value ;
       rkg:unit ?unit ; rkg:period ?period ; rkg:evidence ?ev .
  ?e skos:prefLabel ?subject . ?m skos:prefLabel ?metric .
  ?ev oa:hasSelector ?sel . ?sel oa:exact ?quote .
}
LIMIT 50"""),
    ("Relations stated by each document", """SELECT ?doc (COUNT(*) AS ?relations) WHERE {
  GRAPH ?doc { ?s ?p ?o } ?p rdfs:subPropertyOf rkg:relation .
}
GROUP BY ?doc ORDER BY DESC(?relations)"""),
)


def with_prefixes(query: str) -> str:
    """The example as a runnable query, with the project's PREFIX lines in front."""
    return SPARQL_PREFIXES + query
