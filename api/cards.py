"""The entity card: labels in both scripts, type, code, relations both ways with the other
end's label, indicators, and for every fact the documents and character spans it came from.

A card is at most four queries, each bounded (``LIMIT``, ``VALUES`` of known IRIs): first a UNION
of branches tagged by ``?k`` for what hangs off the entity itself (properties, edges both ways
with the other end's label, documents), then the evidence of its relations, its observations
with their values and metric names, and their evidence. Labels and observation values are joined
after a LIMITed subquery, so they are index lookups from the nodes found; an OPTIONAL that starts
from an incoming edge would be evaluated by Oxigraph as a join over every such triple (see the
engine notes). A UNION of everything returns wide rows and costs a hub's card half again as much
as its parts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from regionkg.api.queries import ROW_LIMIT, batches, iri_objects, literals, select, values
from regionkg.errors import NotFoundError
from regionkg.graph.iris import DOC_BASE, doc_name, entity_id, iri_from_id
from regionkg.graph.model import PREDICATES
from regionkg.graph.store_api import Store
from regionkg.ontology import RDF, RDFS, RKG, SKOS

PREF, ALT, LABEL = SKOS + "prefLabel", SKOS + "altLabel", RDFS + "label"
CARD_LIMIT = 100  # relations per direction and indicators on one card
_PRED_VALUES = "VALUES ?p { " + " ".join(f"rkg:{p}" for p in PREDICATES) + " }"
_CARD_PROPS = "VALUES ?p { rdf:type skos:prefLabel skos:altLabel rdfs:label rkg:divisionCode }"
_INDICATOR_PROPS = ("value", "unit", "period", "statedValue", "statedUnit", "qualifier")


def _hans(var: str) -> str:
    return f'FILTER(langMatches(lang(?{var}), "zh-Hans"))'


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
    branches = [_edges(d, pattern, preds, limit) for d, pattern in
                (("out", f"<{iri}> ?p ?x"), ("in", f"?x ?p <{iri}>")) if direction in (d, "both")]
    edges, labels = _edge_rows(select(store, "SELECT ?k ?p ?x ?l { { " + " } UNION { ".join(branches) + " } }"))
    by_edge = _edge_evidence(select(store, _relation_evidence(iri, limit)))
    return _relation_items(iri, edges["out"] + edges["in"], by_edge, labels)


def _edges(kind: str, pattern: str, preds: str, limit: int) -> str:
    """Up to ``limit`` relation edges (``?k ?p ?x``) matching ``pattern``, with the other end's
    simplified label (``?l``) looked up after the LIMIT, from the edges found."""
    return f"""{{ SELECT ("{kind}" AS ?k) ?p ?x {{ {preds} {pattern} FILTER(isIRI(?x)) }} LIMIT {limit} }}
        OPTIONAL {{ ?x skos:prefLabel ?l {_hans("l")} }}"""


def _edge_rows(rows: Iterable[dict]) -> tuple[dict[str, list[tuple[str, str, str]]], dict[str, str]]:
    """Edges by direction and labels of the other ends, from rows of ``_edges`` branches."""
    edges: dict[str, list[tuple[str, str, str]]] = {"out": [], "in": []}
    labels: dict[str, str] = {}
    for row in rows:
        kind, other = row["k"].value, row["x"].value  # type: ignore[union-attr]
        edges[kind].append((kind, row["p"].value, other))  # type: ignore[union-attr]
        if "l" in row:
            labels[other] = row["l"].value  # type: ignore[union-attr]
    return edges, labels


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


def _observations(iri: str) -> str:
    """One row per observation of ``iri``: its values and the metric's simplified name. The
    OPTIONALs start from the bounded subquery's nodes, so they run as index lookups."""
    props = " ".join(f"OPTIONAL {{ ?x rkg:{p} ?{p} }}" for p in _INDICATOR_PROPS)
    return f"""SELECT * {{ {{ SELECT ?x {{ ?x rkg:refEntity <{iri}> }} LIMIT {CARD_LIMIT + 1} }}
        {props} OPTIONAL {{ ?x rkg:metric ?m OPTIONAL {{ ?m skos:prefLabel ?metric {_hans("metric")} }} }} }}"""


def _indicators(store: Store, iri: str) -> list[dict]:
    """The entity's observations (at most ``CARD_LIMIT + 1``) with normalised and stated values,
    metric names and evidence."""
    items: dict[str, dict] = {}
    for row in select(store, _observations(iri)):
        node = row["x"].value  # type: ignore[union-attr]
        if node in items:
            continue  # a property stated twice repeats the node: the first row wins
        item = items[node] = {"iri": node}
        item.update({p: row[p].value for p in _INDICATOR_PROPS if p in row})  # type: ignore[union-attr]
        if "m" in row:
            item["metric"] = row["metric" if "metric" in row else "m"].value  # type: ignore[union-attr]
    evidence = _evidence(store, list(items))
    return [{**items[node], "evidence": evidence.get(node, [])} for node in sorted(items)]


def card_iri(store: Store, ident: str) -> str:
    """The IRI behind an API id; ``NotFoundError`` when malformed or unknown to the store."""
    iri = iri_from_id(ident)
    if not list(select(store, f"SELECT ?p {{ <{iri}> ?p ?o }} LIMIT 1")):
        raise NotFoundError(f"no entity {ident!r} in the store")
    return iri


def _first_round(iri: str) -> str:
    """Whether the entity exists, the properties a card shows, edges both ways with labels, whether
    it has observations, its documents. Only what the card uses comes back: turning a term into a
    Python string costs about 1 µs."""
    return f"""SELECT ?k ?p ?x ?l {{
        {{ SELECT ("any" AS ?k) {{ <{iri}> ?p ?x }} LIMIT 1 }}
        UNION {{ SELECT ("prop" AS ?k) ?p ?x {{ {_CARD_PROPS} <{iri}> ?p ?x }} LIMIT {ROW_LIMIT * 4} }}
        UNION {{ {_edges("out", f"<{iri}> ?p ?x", _PRED_VALUES, CARD_LIMIT + 1)} }}
        UNION {{ {_edges("in", f"?x ?p <{iri}>", _PRED_VALUES, CARD_LIMIT + 1)} }}
        UNION {{ SELECT ("obs" AS ?k) {{ ?x rkg:refEntity <{iri}> }} LIMIT 1 }}
        UNION {{ SELECT ("doc" AS ?k) ?x {{ <{iri}> rkg:mentionedIn ?x }} LIMIT {CARD_LIMIT + 1} }} }}"""


def card(store: Store, ident: str) -> dict:
    """The whole card of entity ``ident`` (``Type/name``); 404 when the store says nothing of it."""
    iri = iri_from_id(ident)
    found, has_obs, props, docs, edge_rows = False, False, [], [], []
    for row in select(store, _first_round(iri)):
        kind = row["k"].value  # type: ignore[union-attr]
        if kind == "any":
            found = True
        elif kind == "prop":
            props.append((row["p"].value, row["x"]))  # type: ignore[union-attr]
        elif kind == "obs":
            has_obs = True
        elif kind == "doc":
            docs.append(row["x"].value)  # type: ignore[union-attr]
        else:
            edge_rows.append(row)
    if not found:
        raise NotFoundError(f"no entity {ident!r} in the store")
    edges, labels = _edge_rows(edge_rows)
    by_edge = _edge_evidence(select(store, _relation_evidence(iri, CARD_LIMIT + 1)))
    out = _relation_items(iri, edges["out"], by_edge, labels)
    inc = _relation_items(iri, edges["in"], by_edge, labels)
    inds = _indicators(store, iri) if has_obs else []
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
        "truncated": max(len(out), len(inc), len(inds), len(docs)) > CARD_LIMIT,
        "documents": [doc_ref(d) for d in sorted(docs)[:CARD_LIMIT]],
    }
