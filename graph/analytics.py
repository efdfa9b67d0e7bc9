"""networkx projections of the store for the views: neighbourhoods, overviews, policy views.

Every view is a ``networkx.MultiDiGraph`` whose nodes are entity IRIs (or ``more:...`` aggregate
nodes) and whose edges carry ``predicate`` (an ontology relation name). Node attributes:
``label``, ``type`` (GUIDE section 2 type), ``key`` (the API id, ``Region/上饶市``), ``iri``,
``degree`` (relations in the whole graph, in and out: the centrality used for ranking and size),
``level`` and ``parent`` (neighbourhoods), ``community``, ``docs`` and ``indicators`` (tooltips),
``more`` (how many neighbours an aggregate node stands for). Graph attributes: ``title``,
``summary``, ``centre`` and ``colour_by`` (``type`` or ``community``).

Only the part of the graph a view shows is read: queries are bounded by the node cap, so a view
of a hub in a 1M-triple store costs a few small queries, not a projection of the whole store.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

import networkx as nx
from pyoxigraph import Literal, QuerySolutions

from regionkg.errors import NotFoundError
from regionkg.graph.iris import doc_name, entity_id, iri_from_id
from regionkg.graph.model import PREDICATES
from regionkg.graph.sparql.build import batches, values
from regionkg.graph.store_api import Store
from regionkg.ontology import RKG, SPARQL_PREFIXES

DEFAULT_MAX_NODES = 300
POLICY_PREDICATES: tuple[str, ...] = ("issuedBy", "targets", "supports", "basedOn")
_MAX_DOCS = 5
_MAX_INDICATORS = 5


def _rows(store: Store, sparql: str) -> Iterator[tuple[str | None, ...]]:
    """Rows of a SELECT as tuples of plain strings (IRIs, literal values; None when unbound)."""
    result = store.query(SPARQL_PREFIXES + sparql)
    assert isinstance(result, QuerySolutions)
    for row in result:
        yield tuple(None if t is None else t.value for t in row)


def _pred_filter(predicates: Sequence[str]) -> str:
    # A FILTER, not VALUES: Oxigraph joins a VALUES list of predicates by scanning every triple
    # of those predicates (seconds at 1M triples); the FILTER keeps the subject/object index lookup.
    return "FILTER(?p IN (" + ", ".join(f"rkg:{p}" for p in predicates) + "))"


def _local(iri: str) -> str:
    return iri[len(RKG):] if iri.startswith(RKG) else iri


def entity_type(iri: str) -> str | None:
    """The GUIDE type of a minted entity IRI (its first path segment), None for other IRIs."""
    try:
        return entity_id(iri).partition("/")[0]
    except NotFoundError:
        return None


def _key(iri: str) -> str | None:
    try:
        return entity_id(iri)
    except NotFoundError:
        return None


def incident_edges(store: Store, nodes: Sequence[str], predicates: Sequence[str] = PREDICATES,
                   *, outgoing_only: bool = False, limit: int | None = None) -> set[tuple[str, str, str]]:
    """Distinct relation triples (s, predicate name, o) touching any of ``nodes``."""
    edges: set[tuple[str, str, str]] = set()
    for batch in batches(nodes):
        cap = f"LIMIT {limit - len(edges)}" if limit is not None else ""
        out = f"{{ {values('s', batch)} ?s ?p ?o {_pred_filter(predicates)} FILTER(isIRI(?o)) }}"
        inc = "" if outgoing_only else f"UNION {{ {values('o', batch)} ?s ?p ?o {_pred_filter(predicates)} }}"
        edges.update((s, _local(p), o) for s, p, o in _rows(store, f"SELECT DISTINCT ?s ?p ?o {{ {out} {inc} }} {cap}"))
        if limit is not None and len(edges) >= limit:
            break
    return edges


def _incident(nodes: Sequence[str], predicates: Sequence[str], outgoing_only: bool) -> str:
    """Pattern binding ?n (one of ``nodes``), ?p and the other end ?x of its relations."""
    out = f"{{ {values('n', nodes)} ?n ?p ?x {_pred_filter(predicates)} FILTER(isIRI(?x)) }}"
    inc = "" if outgoing_only else f"UNION {{ {values('n', nodes)} ?x ?p ?n {_pred_filter(predicates)} }}"
    return out + inc


def degrees(store: Store, nodes: Sequence[str], predicates: Sequence[str] = PREDICATES,
            *, outgoing_only: bool = False) -> dict[tuple[str, str], int]:
    """Distinct neighbours of each node per predicate: ``{(node, predicate): count}``."""
    counts: dict[tuple[str, str], int] = {}
    for batch in batches(nodes):
        rows = _rows(store, f"""SELECT ?n ?p (COUNT(DISTINCT ?x) AS ?d) {{ {_incident(batch, predicates, outgoing_only)} }}
            GROUP BY ?n ?p""")
        counts.update({(str(n), _local(str(p))): int(str(d)) for n, p, d in rows})
    return counts


def node_degrees(store: Store, nodes: Sequence[str], predicates: Sequence[str] = PREDICATES) -> Counter[str]:
    """Relations of each node (in and out; the union graph is a set, so each counted once): the
    centrality views rank and size nodes by. COUNT(*) costs half of a COUNT(DISTINCT)."""
    counts: Counter[str] = Counter()
    for batch in batches(nodes):
        rows = _rows(store, f"SELECT ?n (COUNT(*) AS ?d) {{ {_incident(batch, predicates, False)} }} GROUP BY ?n")
        counts.update({str(n): int(str(d)) for n, d in rows})
    return counts


def find_entity(store: Store, name: str, entity_type_: str | None = None) -> str:
    """The IRI of the entity called ``name`` (label, alias or id ``Type/name``), optionally of
    one type; when several match, the best-linked one wins."""
    labels = " ".join(str(Literal(name, language=tag)) for tag in ("zh-Hans", "zh-Hant")) + f" {Literal(name)}"
    rows = _rows(store, f"""SELECT DISTINCT ?e {{ VALUES ?lp {{ skos:prefLabel skos:altLabel rdfs:label }}
        VALUES ?l {{ {labels} }} ?e ?lp ?l FILTER(isIRI(?e)) }}""")
    found = [e for (e,) in rows if e and entity_type(e) is not None]
    if not found and "/" in name:
        try:
            iri = iri_from_id(name)
        except NotFoundError:
            iri = None
        if iri and _exists(store, iri):
            found = [iri]
    if entity_type_:
        found = [iri for iri in found if entity_type(iri) == entity_type_]
    if not found:
        kind = f"{entity_type_} " if entity_type_ else "entity "
        raise NotFoundError(f"no {kind}named {name!r} in the store")
    deg = node_degrees(store, found)
    return max(found, key=lambda iri: (deg[iri], iri))


def _exists(store: Store, iri: str) -> bool:
    return any(True for _ in _rows(store, f"SELECT ?p {{ <{iri}> ?p ?o }} LIMIT 1"))


def describe(store: Store, g: nx.MultiDiGraph) -> None:
    """Fill ``label``, ``type``, ``key``, ``iri``, ``docs`` and ``indicators`` of entity nodes."""
    nodes = [n for n, d in g.nodes(data=True) if not d.get("more")]
    for n in nodes:
        key = _key(n)
        g.nodes[n].update(iri=n, key=key, type=entity_type(n),
                          label=key.partition("/")[2] if key else n, docs=[], indicators=[])
    for batch in batches(nodes):
        of_batch = values("n", batch)
        for n, label in _rows(store, f"""SELECT ?n ?l {{ {of_batch} ?n skos:prefLabel ?l
                FILTER(langMatches(lang(?l), "zh-Hans")) }}"""):
            g.nodes[n]["label"] = label
        # One row per node (a hub is mentioned in thousands of documents; the tooltip shows a few).
        mentions = {str(n): sorted(str(ds).split(" "))[:_MAX_DOCS] for n, ds in _rows(
            store, f"""SELECT ?n (GROUP_CONCAT(DISTINCT STR(?d); separator=" ") AS ?ds) {{ {of_batch}
            ?n rkg:mentionedIn ?d }} GROUP BY ?n""")}
        docs = sorted({d for ds in mentions.values() for d in ds})
        titles = dict(_rows(store, f"SELECT ?d ?t {{ {values('d', docs)} ?d dcterms:title ?t }}")) if docs else {}
        for n, ds in mentions.items():
            g.nodes[n]["docs"] = [_doc_text(d, titles.get(d)) for d in ds]
        _indicators(store, g, batch)


def _indicators(store: Store, g: nx.MultiDiGraph, nodes: Sequence[str]) -> None:
    """Up to ``_MAX_INDICATORS`` per node, latest period first, as "地区生产总值 (2024): 1188亿元".

    Three plain lookups instead of one query with OPTIONALs: Oxigraph evaluates an OPTIONAL as a
    hash join over every triple of its pattern (every period and label in the store)."""
    obs = list(_rows(store, f"""SELECT ?o ?n ?mi ?v ?u {{ {values("n", nodes)} ?o rkg:refEntity ?n ;
        rkg:metric ?mi ; rkg:statedValue ?v ; rkg:statedUnit ?u }}"""))
    if not obs:
        return
    periods: dict[str | None, str] = {}
    labels: dict[str | None, str] = {}
    for batch in batches(sorted({o for o, *_ in obs if o})):
        periods.update(_rows(store, f"SELECT ?o ?per {{ {values('o', batch)} ?o rkg:period ?per }}"))
    for batch in batches(sorted({m for _, _, m, _, _ in obs if m})):
        labels.update(_rows(store, f"""SELECT ?m ?l {{ {values('m', batch)} ?m skos:prefLabel ?l
            FILTER(langMatches(lang(?l), "zh-Hans")) }}"""))
    texts: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for o, n, m, v, u in obs:
        period = periods.get(o, "")
        texts[str(n)].add((period, f"{labels.get(m, m)}{f' ({period})' if period else ''}: {v}{u or ''}"))
    for n, items in texts.items():
        ranked = sorted(items, key=lambda item: (-_period_key(item[0]), item[1]))
        g.nodes[n]["indicators"] = [text for _, text in ranked[:_MAX_INDICATORS]]


def _period_key(period: str) -> int:
    """The first year of a period ("2024-H1" -> 2024), 0 when there is none."""
    return int(period[:4]) if period[:4].isdigit() else 0


def _doc_text(doc: str, title: str | None) -> str:
    try:
        name = doc_name(doc)
    except NotFoundError:
        name = doc
    return f"{title} ({name})" if title else name


def _add_aggregates(g: nx.MultiDiGraph, hidden: Counter[tuple[str, str]], slots: int) -> int:
    """Add "+M more" nodes for the largest cuts; return how many hidden links got no node."""
    unplaced = 0
    for i, ((parent, pred), count) in enumerate(hidden.most_common()):
        if i >= slots:
            unplaced += count
            continue
        node = f"more:{i}"
        g.add_node(node, more=count, label=f"+{count:,} 更多 more", type=None,
                   level=g.nodes[parent].get("level", 0) + 1, parent=parent, degree=0,
                   docs=[], indicators=[f"{count:,} 个未显示的「{pred}」关系 hidden links"])
        g.add_edge(parent, node, predicate=pred)
    return unplaced


def neighbourhood(store: Store, centre: str, depth: int = 2, max_nodes: int = DEFAULT_MAX_NODES,
                  predicates: Sequence[str] = PREDICATES, *, outgoing_only: bool = False) -> nx.MultiDiGraph:
    """The entity ``centre`` and its relations out to ``depth``, at most ``max_nodes`` nodes.

    Nodes are taken level by level (direct neighbours first), within a level by degree. A tenth
    of the cap is kept for aggregate nodes that stand for the neighbours the cap cut off.
    """
    own = node_degrees(store, [centre], predicates)
    if not own and not _exists(store, centre):
        raise NotFoundError(f"no entity {centre} in the store")
    slots = max(1, max_nodes // 10)
    budget = max(1, max_nodes - slots) - 1
    g = nx.MultiDiGraph(centre=centre, colour_by="type")
    g.add_node(centre, level=0, degree=own[centre])
    frontier = [centre]
    fetch_limit = max(10 * max_nodes, 10_000)  # candidates considered per level
    for level in range(1, depth + 1):
        if not frontier or budget <= 0:
            break
        edges = incident_edges(store, frontier, predicates, outgoing_only=outgoing_only, limit=fetch_limit)
        parent: dict[str, str] = {}
        for s, _, o in sorted(edges):
            for a, b in ((s, o), (o, s)):
                if a in g and b not in g:
                    parent.setdefault(b, a)
        deg = node_degrees(store, sorted(parent), predicates)
        ranked = sorted(parent, key=lambda n: (-deg[n], n))[:budget]
        for n in ranked:
            g.add_node(n, level=level, parent=parent[n], degree=deg[n])
        budget -= len(ranked)
        frontier = ranked
    inner = [n for n, d in g.nodes(data=True) if d["level"] < depth] if budget <= 0 else []
    _connect(store, g, predicates, outgoing_only)
    hidden = _hidden(store, g, inner or [centre], predicates, outgoing_only)
    unplaced = _add_aggregates(g, hidden, slots)
    describe(store, g)
    shown = sum(1 for _, d in g.nodes(data=True) if not d.get("more"))
    cut = sum(hidden.values())
    g.graph["title"] = f"{g.nodes[centre]['label']} · 关系网络 (深度 {depth})"
    g.graph["summary"] = (f"显示 {shown:,} 个实体、{g.number_of_edges():,} 条关系"
                          + (f"；另有约 {cut:,} 条关系未显示 (+more)" if cut else "")
                          + (f"，其中 {unplaced:,} 条未单独列出" if unplaced else ""))
    return g


def _connect(store: Store, g: nx.MultiDiGraph, predicates: Sequence[str], outgoing_only: bool) -> None:
    """Add every relation between two shown nodes: their outgoing edges, filtered here (a VALUES
    join on both ends is far slower in Oxigraph when a hub is among the subjects)."""
    subjects = [g.graph["centre"]] if outgoing_only else sorted(g.nodes)
    for s, p, o in incident_edges(store, subjects, predicates, outgoing_only=True):
        if o in g:
            g.add_edge(s, o, predicate=p)


def _hidden(store: Store, g: nx.MultiDiGraph, nodes: Sequence[str], predicates: Sequence[str],
            outgoing_only: bool) -> Counter[tuple[str, str]]:
    """Per (node, predicate): neighbours in the store that the view does not show."""
    shown: Counter[tuple[str, str]] = Counter()
    for n in nodes:
        seen: set[tuple[str, str]] = set()
        for _, other, d in g.out_edges(n, data=True):
            seen.add((other, d["predicate"]))
        if not outgoing_only:
            for other, _, d in g.in_edges(n, data=True):
                seen.add((other, d["predicate"]))
        for _, p in seen:
            shown[(n, p)] += 1
    hidden: Counter[tuple[str, str]] = Counter()
    for key, count in degrees(store, list(nodes), predicates, outgoing_only=outgoing_only).items():
        if count > shown[key]:
            hidden[key] = count - shown[key]
    return hidden


def policy_view(store: Store, policy: str, max_nodes: int = DEFAULT_MAX_NODES) -> nx.MultiDiGraph:
    """A policy, its issuer, the regions it targets, the industries it supports, what it is based on."""
    if entity_type(policy) != "Policy":
        raise NotFoundError(f"{policy} is not a policy document")
    g = neighbourhood(store, policy, depth=1, max_nodes=max_nodes, predicates=POLICY_PREDICATES,
                      outgoing_only=True)
    g.graph["title"] = f"{g.nodes[policy]['label']} · 政策视图"
    return g


def overview(store: Store, max_nodes: int = DEFAULT_MAX_NODES) -> nx.MultiDiGraph:
    """The whole entity graph when it has at most ``max_nodes`` linked entities, else the top ones
    by degree; communities (Louvain, fixed seed) colour large overviews."""
    # A whole-graph scan: here VALUES (nothing else bound) is twice as fast as the FILTER.
    preds = "VALUES ?p { " + " ".join(f"rkg:{p}" for p in PREDICATES) + " }"
    rows = _rows(store, f"""SELECT ?n (COUNT(*) AS ?d) {{ {preds} {{ ?n ?p ?x }} UNION {{ ?x ?p ?n }}
        FILTER(isIRI(?x)) }} GROUP BY ?n""")
    deg = {n: int(d) for n, d in rows if n and entity_type(n) is not None}
    top = sorted(deg, key=lambda n: (-deg[n], n))[:max_nodes]
    g = nx.MultiDiGraph(colour_by="type" if len(deg) <= max_nodes else "community")
    for n in top:
        g.add_node(n, degree=deg[n])
    g.graph["centre"] = None
    _connect(store, g, PREDICATES, False)
    describe(store, g)
    assign_communities(g)
    g.graph["title"] = "regionkg · 总览 Overview"
    g.graph["summary"] = (f"全部 {len(deg):,} 个实体、{g.number_of_edges():,} 条关系" if len(deg) <= max_nodes
                          else f"按关系数排名前 {len(top):,} 个实体（共 {len(deg):,} 个），颜色表示社区")
    return g


def assign_communities(g: nx.MultiDiGraph, min_size: int = 3) -> None:
    """Set ``community`` (0 = largest); communities smaller than ``min_size`` share one index.

    Also names each community after its best-linked member (``g.graph["community_names"]``).
    """
    undirected = nx.Graph()
    undirected.add_nodes_from(g)
    undirected.add_edges_from((u, v) for u, v in g.edges() if u != v)
    found = (nx.community.louvain_communities(undirected, seed=1, threshold=1e-4)
             if undirected.number_of_edges() else [])
    big = sorted((c for c in found if len(c) >= min_size), key=lambda c: (-len(c), min(c)))
    index: dict[str, int] = defaultdict(lambda: len(big))
    names: dict[int, str] = {}
    for i, members in enumerate(big):
        for n in members:
            index[n] = i
        hub = max(members, key=lambda n: (g.nodes[n].get("degree", 0), n))
        names[i] = g.nodes[hub].get("label", "")
    if any(n not in index for n in g.nodes):
        names[len(big)] = "其他 other"
    for n in g.nodes:
        g.nodes[n]["community"] = index[n]
    g.graph["community_names"] = names
