"""The entity card: labels in both scripts, type, code, relations both ways with the other
end's label, indicators, and for every fact the documents and character spans it came from.

A card is read level by level with ``Store.match``, batches of triple-pattern lookups from known
IRIs: the entity's own properties, documents and observations; its relation edges and the
statements about it; the statements' and observations' properties; the other ends' and metrics'
labels; the evidence nodes; their selectors. Five batches whatever the entity: the embedded store
answers a lookup from its indexes in a few µs (planning even a small SPARQL query costs 0.05–0.4
ms, most of a small card's time), a remote store answers a batch in one request. Every
open-ended pattern is bounded (``CARD_LIMIT + 1``), so a hub costs its shown facts, not its degree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from pyoxigraph import Literal, NamedNode

from regionkg.api.queries import ROW_LIMIT
from regionkg.errors import NotFoundError
from regionkg.graph.iris import DOC_BASE, doc_name, entity_id, iri_from_id
from regionkg.graph.model import PREDICATES
from regionkg.graph.store_api import Match, Pattern, Store
from regionkg.ontology import OA, RDF, RDFS, RKG, SKOS

PREF, ALT, LABEL = SKOS + "prefLabel", SKOS + "altLabel", RDFS + "label"
CARD_LIMIT = 100  # relations per direction, indicators and documents on one card
_NODE_LIMIT = 64  # triples read per statement, observation, evidence or selector node (they have about ten)
_RELATIONS = tuple(RKG + p for p in PREDICATES)
_OWN = (RDF + "type", PREF, ALT, LABEL, RKG + "divisionCode", RKG + "mentionedIn")
_INDICATOR_PROPS = ("value", "unit", "period", "statedValue", "statedUnit", "qualifier")

Props = dict[str, list]  # predicate IRI → objects (pyoxigraph terms), in store order


@lru_cache(maxsize=1 << 16)  # the same neighbours recur on many cards
def short_id(iri: str) -> str | None:
    """The API id of a minted IRI (``Region/上饶市``), None for anything else."""
    try:
        return entity_id(iri)
    except NotFoundError:
        return None


def doc_ref(iri: str) -> dict:
    return {"id": doc_name(iri) if iri.startswith(DOC_BASE) else iri, "iri": iri}


def _props(matches: Iterable[Match]) -> Props:
    out: Props = defaultdict(list)
    for m in matches:
        out[m.predicate.value].append(m.object)
    return out


def _describe(store: Store, nodes: Sequence[str]) -> dict[str, Props]:
    """The properties of each node (statements, observations, evidence, selectors)."""
    return dict(zip(nodes, map(_props, store.match([(n, None, None) for n in nodes], _NODE_LIMIT))))


def _first(props: Props, predicate: str) -> str | None:
    return props[predicate][0].value if props.get(predicate) else None


def _hans_first(labels: list) -> list:
    return sorted((lit for lit in labels if isinstance(lit, Literal)),
                  key=lambda lit: (lit.language or "").lower() != "zh-hans")


def labels_by_script(props: Props) -> dict[str, str]:
    """``{"zh-Hans": ..., "zh-Hant": ...}`` from skos:prefLabel (rdfs:label as fallback)."""
    out: dict[str, str] = {}
    for lit in [o for o in props.get(PREF, []) + props.get(LABEL, []) if isinstance(o, Literal)]:
        tag = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}.get((lit.language or "").lower(), lit.language or "")
        out.setdefault(tag or "none", lit.value)
    return out


def display_labels(store: Store, iris: Iterable[str]) -> dict[str, str]:
    """One display label per IRI (simplified prefLabel first)."""
    nodes = sorted(set(iris))
    found = store.match([(n, PREF, None) for n in nodes], _NODE_LIMIT)
    return {n: best[0].value for n, ms in zip(nodes, found) if (best := _hans_first([m.object for m in ms]))}


def _evidence(store: Store, facts: dict[str, Props]) -> dict[str, list[dict]]:
    """Per fact node (statement, observation): its evidence spans, read through its evidence
    nodes and their two selectors (position, quote)."""
    nodes = sorted({e.value for props in facts.values() for e in props.get(RKG + "evidence", [])})
    evidence = _describe(store, nodes)
    selectors = _describe(store, sorted({s.value for ev in evidence.values() for s in ev.get(OA + "hasSelector", [])}))
    spans = {node: _span(ev, selectors) for node, ev in evidence.items()}
    return {f: [spans[e.value] for e in props.get(RKG + "evidence", []) if spans.get(e.value)]
            for f, props in facts.items()}


def _span(ev: Props, selectors: dict[str, Props]) -> dict | None:
    chosen = [selectors.get(s.value, {}) for s in ev.get(OA + "hasSelector", [])]
    position = next((s for s in chosen if OA + "start" in s and OA + "end" in s), None)
    quote = next((s for s in chosen if OA + "exact" in s), None)
    source = _first(ev, OA + "hasSource")
    if position is None or quote is None or source is None:
        return None  # not a span regionkg wrote: nothing to point at
    return {"document": doc_ref(source), "start": int(position[OA + "start"][0].value),
            "end": int(position[OA + "end"][0].value), "text": quote[OA + "exact"][0].value,
            "sentence": _first(ev, RKG + "sentence")}


def _ref(iri: str, labels: dict[str, str]) -> dict:
    return {"id": short_id(iri), "iri": iri, "label": labels.get(iri)}


def _edges(iri: str, direction: str, predicates: Sequence[str]) -> list[tuple[str, Pattern]]:
    """(direction, pattern) of the relation edges of ``iri``, and of the statements about it."""
    out = [("out", (iri, p, None)) for p in predicates] if direction in ("out", "both") else []
    out += [("in", (None, p, iri)) for p in predicates] if direction in ("in", "both") else []
    return out + [("statement", (None, RDF + "subject", iri)), ("statement", (None, RDF + "object", iri))]


def _edge_list(found: list[tuple[str, list[Match]]], limit: int) -> list[tuple[str, str, str, str]]:
    """(direction, subject, predicate, object) of the first ``limit`` relations each way, from the
    matches of ``_edges``; only edges to IRIs (entities) count."""
    edges: list[tuple[str, str, str, str]] = []
    count = {"out": 0, "in": 0}
    for kind, matches in found:
        for m in matches if kind in count else ():
            if count[kind] < limit and isinstance(m.object if kind == "out" else m.subject, NamedNode):
                count[kind] += 1
                edges.append((kind, m.subject.value, m.predicate.value, m.object.value))
    return edges


def _relation_items(edges: list[tuple[str, str, str, str]], facts: dict[str, Props],
                    evidence: dict[str, list[dict]], labels: dict[str, str]) -> dict[str, list[dict]]:
    """Relations by direction, each with the evidence of the statements that state it."""
    by_edge: dict[tuple[str | None, ...], list[dict]] = defaultdict(list)
    for node, props in facts.items():
        key = tuple(_first(props, RDF + x) for x in ("subject", "predicate", "object"))
        role = _first(props, RKG + "roleTitle")
        by_edge[key] += [{**span, "role": role} if role else span for span in evidence.get(node, [])]
    items: dict[str, list[dict]] = {"out": [], "in": []}
    for kind, s, p, o in edges:
        items[kind].append({"direction": kind, "predicate": p.removeprefix(RKG),
                            "other": _ref(o if kind == "out" else s, labels), "evidence": by_edge.get((s, p, o), [])})
    return items


def _statements(found: list[tuple[str, list[Match]]], limit: int) -> list[str]:
    """At most ``limit`` statement nodes about the entity (either end), whose evidence is read."""
    return sorted({m.subject.value for kind, matches in found if kind == "statement" for m in matches})[:limit]


def relations(store: Store, iri: str, direction: str = "both", predicate: str | None = None,
              limit: int = ROW_LIMIT) -> list[dict]:
    """Relations of ``iri`` (at most ``limit`` per direction) with the other end's label and the
    evidence of each (of at most ``limit`` statements each way)."""
    patterns = _edges(iri, direction, [RKG + predicate] if predicate else _RELATIONS)
    found = [(kind, ms) for (kind, _), ms in zip(patterns, store.match([p for _, p in patterns], limit))]
    edges = _edge_list(found, limit)
    labels = display_labels(store, {o if kind == "out" else s for kind, s, _, o in edges})
    facts = _describe(store, _statements(found, 2 * limit))
    items = _relation_items(edges, facts, _evidence(store, facts), labels)
    return items["out"] + items["in"]


def card_iri(store: Store, ident: str) -> str:
    """The IRI behind an API id; ``NotFoundError`` when malformed or unknown to the store."""
    iri = iri_from_id(ident)
    if not store.match([(iri, None, None)], 1)[0]:
        raise NotFoundError(f"no entity {ident!r} in the store")
    return iri


def card(store: Store, ident: str) -> dict:
    """The whole card of entity ``ident`` (``Type/name``); 404 when the store says nothing of it."""
    iri, n = iri_from_id(ident), CARD_LIMIT + 1
    around = _edges(iri, "both", _RELATIONS)
    heads: list[tuple[str, Pattern]] = [("any", (iri, None, None)), ("obs", (None, RKG + "refEntity", iri))]
    heads += [(p, (iri, p, None)) for p in _OWN]
    first = store.match([p for _, p in heads + around], n)
    head = dict(zip((k for k, _ in heads), first[:len(heads)]))
    if not head["any"]:
        raise NotFoundError(f"no entity {ident!r} in the store")
    found = [(kind, ms) for (kind, _), ms in zip(around, first[len(heads):])]
    obs = [m.subject.value for m in head["obs"]]
    edges = _edge_list(found, n)
    facts = _describe(store, _statements(found, n) + obs)
    evidence = _evidence(store, facts)
    observations = {o: facts.pop(o) for o in obs}
    metrics = {m for props in observations.values() for m in [_first(props, RKG + "metric")] if m}
    labels = display_labels(store, {o if kind == "out" else s for kind, s, _, o in edges} | metrics)
    items = _relation_items(edges, facts, evidence, labels)
    out, inc = items["out"], items["in"]
    inds = _indicators(observations, evidence, labels)
    own = {p: [m.object for m in head[p]] for p in _OWN}
    docs = sorted(d.value for d in own[RKG + "mentionedIn"])
    return {
        "id": short_id(iri), "iri": iri,
        "type": ident.split("/", 1)[0],
        "types": sorted(t.value.removeprefix(RKG) for t in own[RDF + "type"] if t.value.startswith(RKG)),
        "labels": labels_by_script(own),
        "aliases": sorted({lit.value for lit in own[ALT] if isinstance(lit, Literal)}),
        "divisionCode": next((lit.value for lit in own[RKG + "divisionCode"]), None),
        "outgoing": out[:CARD_LIMIT],
        "incoming": inc[:CARD_LIMIT],
        "indicators": inds[:CARD_LIMIT],
        # a hub's card is a summary: the full lists are at /relations (and /sparql)
        "truncated": max(len(out), len(inc), len(inds), len(docs)) > CARD_LIMIT,
        "documents": [doc_ref(d) for d in docs[:CARD_LIMIT]],
    }


def _indicators(observations: dict[str, Props], evidence: dict[str, list[dict]],
                labels: dict[str, str]) -> list[dict]:
    """Observation nodes with normalised and stated values, metric names and evidence."""
    out = []
    for node, props in sorted(observations.items()):
        item: dict = {"iri": node}
        item.update({key: value for key in _INDICATOR_PROPS if (value := _first(props, RKG + key)) is not None})
        if metric := _first(props, RKG + "metric"):
            item["metric"] = labels.get(metric, metric)
        item["evidence"] = evidence.get(node, [])
        out.append(item)
    return out
