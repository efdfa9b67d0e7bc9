"""Example SPARQL queries shown on the query page: the README's documented queries, verbatim.

Each entry names its README block (``<!-- sparql NAME -->``); ``tests/api/test_examples.py`` checks
the texts are identical, so the page and the README cannot drift apart.
"""

from __future__ import annotations

from regionkg.ontology import SPARQL_PREFIXES

#: (README block name, button title, query without PREFIX lines)
EXAMPLES: tuple[tuple[str, str, str], ...] = (
    ("policies-issued-by", "Policies issued by 国务院", """SELECT DISTINCT ?policy WHERE {
  ?agency skos:prefLabel "国务院"@zh-Hans .
  ?p rkg:issuedBy ?agency ; skos:prefLabel ?policy .
  FILTER(langMatches(lang(?policy), "zh-Hans"))
}"""),
    ("founders", "Who founded 麟跃·赣江AI实验室", """SELECT DISTINCT ?founder WHERE {
  ?lab skos:prefLabel "麟跃·赣江AI实验室"@zh-Hans ; rkg:foundedBy ?f .
  ?f skos:prefLabel ?founder .
  FILTER(langMatches(lang(?founder), "zh-Hans"))
}"""),
    ("industries", "Industries 上饶市 focuses on", """SELECT DISTINCT ?industry WHERE {
  ?city skos:prefLabel "上饶市"@zh-Hans ; rkg:focusesOn ?i .
  ?i skos:prefLabel ?industry .
  FILTER(langMatches(lang(?industry), "zh-Hans"))
}"""),
    ("gdp", "赣江新区 2024 地区生产总值", """SELECT DISTINCT ?value ?unit ?stated ?statedUnit WHERE {
  ?area skos:prefLabel "赣江新区"@zh-Hans .
  ?metric skos:prefLabel "地区生产总值"@zh-Hans .
  ?obs rkg:refEntity ?area ; rkg:metric ?metric ; rkg:period "2024" ;
       rkg:value ?value ; rkg:unit ?unit ; rkg:statedValue ?stated ; rkg:statedUnit ?statedUnit .
}"""),
    ("enterprises-in", "Enterprises located in 上饶市", """SELECT DISTINCT ?enterprise ?via WHERE {
  ?city skos:prefLabel "上饶市"@zh-Hans .
  ?e a rkg:Enterprise ; rkg:locatedIn ?place ; skos:prefLabel ?enterprise .
  ?place (rkg:locatedIn|rkg:partOf)* ?city .
  FILTER(langMatches(lang(?enterprise), "zh-Hans"))
  OPTIONAL { FILTER(?place != ?city)
             ?place skos:prefLabel ?via FILTER(langMatches(lang(?via), "zh-Hans")) }
}
ORDER BY ?enterprise"""),
    ("evidence", "Evidence of a fact", """SELECT ?doc ?start ?end ?exact ?sentence WHERE {
  ?s skos:prefLabel "麟跃·赣江AI实验室"@zh-Hans .
  ?o skos:prefLabel "阶跃星辰"@zh-Hans .
  GRAPH ?doc {
    ?st rdf:subject ?s ; rdf:predicate rkg:foundedBy ; rdf:object ?o ; rkg:evidence ?ev .
    ?ev rkg:sentence ?sentence ; oa:hasSelector ?pos , ?quote .
    ?pos oa:start ?start ; oa:end ?end .
    ?quote oa:exact ?exact .
  }
}"""),
)


def with_prefixes(query: str) -> str:
    """The example as a runnable query, with the project's PREFIX lines in front."""
    return SPARQL_PREFIXES + query
