"""The entity card: labels in both scripts, type, code, relations both ways with the other
end's label, indicators, and for every fact the documents and character spans it came from.

A card is two queries, each a UNION of bounded branches tagged by ``?k``: first what hangs off
the entity itself (its properties, incoming edges, observation nodes), then what hangs off those
(labels of the other ends, observation properties, metric names, evidence). Every branch starts
from known IRIs (``VALUES`` or a constant), never from an OPTIONAL over an incoming edge, which
Oxigraph evaluates as a join over every such triple (see the engine notes). Fewer round trips
matter more than smaller queries: parsing and planning cost about 0.1 ms a query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache


from regionkg.api.queries import ROW_LIMIT, batches, iri_objects, literals, properties, select, values
from regionkg.errors import NotFoundError
from regionkg.graph.iris import DOC_BASE, doc_name, entity_id, iri_from_id
from regionkg.graph.model import PREDICATES
from regionkg.graph.store_api import Store
from regionkg.ontology import RDF, RDFS, RKG, SKOS

PREF, ALT, LABEL = SKOS + "prefLabel", SKOS + "altLabel", RDFS + "label"
CARD_LIMIT = 100  # relations per direction and indicators on one card
_PRED_VALUES = "VALUES ?p { " + " ".join(f"rkg:{p}" for p in PREDICATES) + " }"


@lru_cache(maxsize=1 << 16)  # the same neighbours recur on many cards
def short_id(iri: str) -> str | None:
    """The API id of a minted IRI (``Region/上饶市``), None for anything else."""
    try:
        return entity_id(iri)
    except NotFoundError:
        return None


def doc_ref(iri: str) -> dict:
    return {"id": doc_name(iri) if iri.startswith(DOC_BASE) else iri, "iri": iri}


def labels_by_script(props: list[tuple[str, object]]) -> dict[str, str]:
    """``{"zh-Hans": ..., "zh-Hant": ...}`` from skos:prefLabel (rdfs:label as fallback)."""
    out: dict[str, str] = {}
    for lit in literals(props, PREF) + literals(props, LABEL):
        tag = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}.get((lit.language or "").lower(), lit.language or "")
        out.setdefault(tag or "none", lit.value)
    return out


def display_labels(store: Store, iris: set[str]) -> dict[str, str]:
    """One display label per IRI (simplified prefLabel first)."""
    found: dict[str, str] = {}
    if not iris:
        return found
    rows = []
    for chunk in [sorted(iris)[i:i + 400] for i in range(0, len(iris), 400)]:
        rows += select(store, f"""SELECT ?x ?l {{ {values('x', chunk)} ?x skos:prefLabel ?l }}""")
    for row in sorted(rows, key=lambda r: (r["l"].language or "").lower() != "zh-hans"):  # type: ignore[union-attr]
        found.setdefault(row["x"].value, row["l"].value)  # type: ignore[union-attr]
    return found


_EVIDENCE_PATTERN = """?f rkg:evidence ?ev . ?ev oa:hasSource ?doc ; rkg:sentence ?sentence ;
        oa:hasSelector ?ps , ?qs . ?ps oa:start ?start ; oa:end ?end . ?qs oa:exact ?text ."""


def _span(row: dict) -> dict:
    return {"document": doc_ref(row["doc"].value), "start": int(row["start"].value),  # type: ignore[union-attr]
            "end": int(row["end"].value), "text": row["text"].value,  # type: ignore[union-attr]
            "sentence": row["sentence"].value}  # type: ignore[union-attr]


def _evidence(store: Store, facts: list[str]) -> dict[str, list[dict]]:
    """Per fact node (statement, observation): its evidence spans, one joined lookup per batch."""
    out: dict[str, list[dict]] = defaultdict(list)
    for batch in batches(sorted(set(facts))):
        for row in select(store, f"SELECT * {{ {values('f', batch)} {_EVIDENCE_PATTERN} }} LIMIT {ROW_LIMIT * 4}"):
            out[row["f"].value].append(_span(row))  # type: ignore[union-attr]
    return out


def _ref(iri: str, labels: dict[str, str]) -> dict:
    return {"id": short_id(iri), "iri": iri, "label": labels.get(iri)}


def relations(store: Store, iri: str, direction: str = "both", predicate: str | None = None,
              limit: int = ROW_LIMIT) -> list[dict]:
    """Relations of ``iri`` (at most ``limit`` per direction) with the other end's label and the
    evidence of each (at most ``limit`` evidence spans in all)."""
    preds = f"VALUES ?p {{ rkg:{predicate} }}" if predicate else _PRED_VALUES
    edges: list[tuple[str, str, str]] = []  # (direction, predicate IRI, the other end)
    if direction in ("out", "both"):
        edges += [("out", r["p"].value, r["o"].value) for r in select(  # type: ignore[union-attr]
            store, f"SELECT ?p ?o {{ {preds} <{iri}> ?p ?o FILTER(isIRI(?o)) }} LIMIT {limit}")]
    if direction in ("in", "both"):
        edges += [("in", r["p"].value, r["s"].value) for r in select(  # type: ignore[union-attr]
            store, f"SELECT ?s ?p {{ {preds} ?s ?p <{iri}> FILTER(isIRI(?s)) }} LIMIT {limit}")]
    by_edge = _edge_evidence(select(store, _relation_evidence(iri, limit)))
    return _relation_items(iri, edges, by_edge, display_labels(store, {other for _, _, other in edges}))


def _relation_evidence(iri: str, limit: int) -> str:
    """Evidence of the statements about ``iri`` (either end), at most ``limit`` spans."""
    return f"""SELECT ?f ?s ?p ?o ?doc ?sentence ?start ?end ?text ?role {{
        {{ ?f rdf:subject <{iri}> }} UNION {{ ?f rdf:object <{iri}> }}
        ?f rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . {_EVIDENCE_PATTERN}
        OPTIONAL {{ ?f rkg:roleTitle ?role }} }} LIMIT {limit}"""


def _edge_evidence(rows: Iterable[dict]) -> dict[tuple[str, str, str], list[dict]]:
    by_edge: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for row in rows:
        span = _span(row)
        if "role" in row:
            span["role"] = row["role"].value  # type: ignore[union-attr]
        by_edge[(row["s"].value, row["p"].value, row["o"].value)].append(span)  # type: ignore[union-attr]
    return by_edge


def _relation_items(iri: str, edges: list[tuple[str, str, str]],
                    by_edge: dict[tuple[str, str, str], list[dict]], labels: dict[str, str]) -> list[dict]:
    out = []
    for d, p, other in edges:
        key = (iri, p, other) if d == "out" else (other, p, iri)
        out.append({"direction": d, "predicate": p.removeprefix(RKG), "other": _ref(other, labels),
                    "evidence": by_edge.get(key, [])})
    return out


def indicators(store: Store, iri: str, limit: int = ROW_LIMIT) -> list[dict]:
    """The entity's observations (at most ``limit``) with normalised and stated values and evidence."""
    obs = [r["o"].value for r in select(  # type: ignore[union-attr]
        store, f"SELECT ?o {{ ?o rkg:refEntity <{iri}> }} LIMIT {limit}")]
    props = properties(store, obs)
    evidence = _evidence(store, list(props))
    metrics = display_labels(store, {m for p in props.values() for m in iri_objects(p, RKG + "metric")})
    return _indicator_items(props, evidence, metrics)


def _indicator_items(props: dict[str, list[tuple[str, object]]], evidence: dict[str, list[dict]],
                     metrics: dict[str, str]) -> list[dict]:
    out = []
    for o, p in sorted(props.items()):
        item: dict = {"iri": o}
        for key in _INDICATOR_PROPS:
            if lits := literals(p, RKG + key):
                item[key] = lits[0].value
        if m := iri_objects(p, RKG + "metric"):
            item["metric"] = metrics.get(m[0], m[0])
        item["evidence"] = evidence.get(o, [])
        out.append(item)
    return out


def card_iri(store: Store, ident: str) -> str:
    """The IRI behind an API id; ``NotFoundError`` when malformed or unknown to the store."""
    iri = iri_from_id(ident)
    if not list(select(store, f"SELECT ?p {{ <{iri}> ?p ?o }} LIMIT 1")):
        raise NotFoundError(f"no entity {ident!r} in the store")
    return iri


_CARD_PROPS = "VALUES ?p { rdf:type skos:prefLabel skos:altLabel rdfs:label rkg:divisionCode rkg:mentionedIn }"
_INDICATOR_PROPS = ("value", "unit", "period", "statedValue", "statedUnit", "qualifier")
# a FILTER, not VALUES: Oxigraph joins two VALUES blocks through a scan of every triple
_OBS_PROPS = "FILTER(?p IN (" + ", ".join(f"rkg:{p}" for p in (*_INDICATOR_PROPS, "metric")) + "))"


def _first_round(iri: str) -> str:
    """Whether the entity exists, the properties a card shows, edges both ways, observation nodes.
    Only what the card uses comes back: turning a term into a Python string costs about 1 µs."""
    return f"""SELECT ?k ?p ?x {{
        {{ SELECT ("any" AS ?k) {{ <{iri}> ?p ?x }} LIMIT 1 }}
        UNION {{ SELECT ("prop" AS ?k) ?p ?x {{ {_CARD_PROPS} <{iri}> ?p ?x }} LIMIT {ROW_LIMIT * 4} }}
        UNION {{ SELECT ("out" AS ?k) ?p ?x {{ {_PRED_VALUES} <{iri}> ?p ?x FILTER(isIRI(?x)) }} LIMIT {CARD_LIMIT + 1} }}
        UNION {{ SELECT ("in" AS ?k) ?p ?x {{ {_PRED_VALUES} ?x ?p <{iri}> FILTER(isIRI(?x)) }} LIMIT {CARD_LIMIT + 1} }}
        UNION {{ SELECT ("obs" AS ?k) ?x {{ ?x rkg:refEntity <{iri}> }} LIMIT {CARD_LIMIT + 1} }} }}"""


def _second_round(iri: str, others: Iterable[str], obs: list[str]) -> str:
    """Labels of the other ends, observation values and metric names, and all evidence."""
    return f"""SELECT * {{
        {{ {values('x', others)} ?x skos:prefLabel ?l BIND("label" AS ?k) }}
        UNION {{ SELECT ("oprop" AS ?k) ?x ?p ?v {{ {values('x', obs)} ?x ?p ?v {_OBS_PROPS} }} LIMIT {ROW_LIMIT * 4} }}
        UNION {{ {values('x', obs)} ?x rkg:metric ?m . ?m skos:prefLabel ?l BIND("metric" AS ?k) }}
        UNION {{ SELECT ("oev" AS ?k) ?f ?doc ?sentence ?start ?end ?text {{ {values('f', obs)} {_EVIDENCE_PATTERN} }} LIMIT {ROW_LIMIT * 4} }}
        UNION {{ {_relation_evidence(iri, CARD_LIMIT + 1)} }} }}"""


def _pick_labels(rows: Iterable[dict], var: str) -> dict[str, str]:
    """One display label per IRI in ``var``, simplified Chinese first."""
    found: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: (r["l"].language or "").lower() != "zh-hans"):  # type: ignore[union-attr]
        found.setdefault(row[var].value, row["l"].value)  # type: ignore[union-attr]
    return found


def card(store: Store, ident: str) -> dict:
    """The whole card of entity ``ident`` (``Type/name``); 404 when the store says nothing of it."""
    iri = iri_from_id(ident)
    found, props = False, []
    edges: dict[str, list[tuple[str, str, str]]] = {"out": [], "in": []}
    obs: list[str] = []
    for row in select(store, _first_round(iri)):
        kind = row["k"].value  # type: ignore[union-attr]
        if kind == "any":
            found = True
        elif kind == "prop":
            props.append((row["p"].value, row["x"]))  # type: ignore[union-attr]
        elif kind == "obs":
            obs.append(row["x"].value)  # type: ignore[union-attr]
        else:
            edges[kind].append((kind, row["p"].value, row["x"].value))  # type: ignore[union-attr]
    if not found:
        raise NotFoundError(f"no entity {ident!r} in the store")
    out_edges, inc_edges = edges["out"], edges["in"]
    others = {other for _, _, other in out_edges + inc_edges}
    rows: dict[str, list[dict]] = defaultdict(list)
    for row in select(store, _second_round(iri, sorted(others), obs)):
        rows[row["k"].value if "k" in row else "rev"].append(row)  # type: ignore[union-attr]
    obs_props: dict[str, list[tuple[str, object]]] = defaultdict(list)
    for row in rows["oprop"]:
        obs_props[row["x"].value].append((row["p"].value, row["v"]))  # type: ignore[union-attr]
    obs_evidence: dict[str, list[dict]] = defaultdict(list)
    for row in rows["oev"]:
        obs_evidence[row["f"].value].append(_span(row))  # type: ignore[union-attr]
    by_edge = _edge_evidence(rows["rev"])
    labels = _pick_labels(rows["label"], "x")
    out = _relation_items(iri, out_edges, by_edge, labels)
    inc = _relation_items(iri, inc_edges, by_edge, labels)
    inds = _indicator_items(obs_props, obs_evidence, _pick_labels(rows["metric"], "m"))
    types = sorted(t.removeprefix(RKG) for t in iri_objects(props, RDF + "type") if t.startswith(RKG))
    return {
        "id": short_id(iri), "iri": iri,
        "type": ident.split("/", 1)[0], "types": types,
        "labels": labels_by_script(props),
        "aliases": sorted({lit.value for lit in literals(props, ALT)}),
        "divisionCode": next((lit.value for lit in literals(props, RKG + "divisionCode")), None),
        "outgoing": out[:CARD_LIMIT],
        "incoming": inc[:CARD_LIMIT],
        "indicators": inds[:CARD_LIMIT],
        # a hub's card is a summary: the full lists are at /relations (and /sparql)
        "truncated": max(len(out), len(inc), len(inds)) > CARD_LIMIT,
        "documents": [doc_ref(d) for d in sorted(iri_objects(props, RKG + "mentionedIn"))],
    }
