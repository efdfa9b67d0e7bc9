"""Shortest relation paths between two entities (relations taken in either direction).

A bidirectional breadth-first search over the store, one bounded query per hop
(``analytics.incident_edges``), stops as soon as the two frontiers meet or the hop or node
budget runs out; the explored edges go into networkx, which lists the shortest paths.
"""

from __future__ import annotations

import networkx as nx

from regionkg.graph.analytics import incident_edges
from regionkg.graph.store_api import Store

MAX_EXPLORED = 20_000  # nodes visited per search, whatever ``max_hops`` says
MAX_PATHS = 10


def shortest_paths(store: Store, source: str, target: str, max_hops: int) -> list[list[tuple[str, str, str]]]:
    """Up to ``MAX_PATHS`` shortest paths as lists of (subject, predicate, object) edges."""
    if source == target:
        return [[]]
    graph = nx.MultiGraph()
    seen = {source: 0, target: 1}  # which side reached a node first
    frontiers = ([source], [target])
    hops = 0
    met = False
    while hops < max_hops and all(frontiers) and len(seen) < MAX_EXPLORED and not met:
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        nxt: list[str] = []
        for s, p, o in incident_edges(store, frontiers[side], limit=MAX_EXPLORED):
            graph.add_edge(s, o, key=(s, p, o))
            for node in (s, o):
                if node not in seen:
                    seen[node] = side
                    nxt.append(node)
                elif seen[node] != side:
                    met = True
        frontiers = (nxt, frontiers[1]) if side == 0 else (frontiers[0], nxt)
        hops += 1
    if not (graph.has_node(source) and graph.has_node(target) and nx.has_path(graph, source, target)):
        return []
    paths = []
    for nodes in nx.all_shortest_paths(graph, source, target):
        if len(nodes) - 1 > max_hops:
            break
        paths.append([sorted(graph.get_edge_data(a, b))[0] for a, b in zip(nodes, nodes[1:])])
        if len(paths) >= MAX_PATHS:
            break
    return paths
