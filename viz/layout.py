"""Precomputed node positions, so a page is usable as soon as it is drawn.

Force layouts in the browser take minutes on thousands of nodes, and networkx's spring layouts
need numpy. These layouts are O(n) and deterministic: rings around the centre for a
neighbourhood (children placed near the node they were reached from), and one sunflower disk per
community for an overview (hubs in the middle of their disk).
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

SPACING = 60.0  # canvas units between neighbouring nodes
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

Positions = dict[str, tuple[float, float]]


def radial_layout(g: nx.MultiDiGraph, centre: str) -> Positions:
    """Rings by ``level``; each node sits near the angle of its ``parent`` on the ring inside."""
    by_level: dict[int, list[str]] = defaultdict(list)
    for node, data in g.nodes(data=True):
        if node != centre:
            by_level[int(data.get("level", 1))].append(node)
    pos: Positions = {centre: (0.0, 0.0)}
    angle: dict[str, float] = {centre: 0.0}
    radius = 0.0
    for level in sorted(by_level):
        nodes = by_level[level]
        # Sort by the parent's angle so siblings stay together, then by type for tidy groups.
        nodes.sort(key=lambda n: (angle.get(g.nodes[n].get("parent", centre), 0.0),
                                  str(g.nodes[n].get("type")), -g.nodes[n].get("degree", 0)))
        radius = max(radius + 5 * SPACING, len(nodes) * SPACING / (2 * math.pi))
        for i, node in enumerate(nodes):
            a = 2 * math.pi * i / len(nodes)
            angle[node] = a
            pos[node] = (radius * math.cos(a), radius * math.sin(a))
    return pos


def _sunflower(nodes: list[str], cx: float, cy: float) -> Positions:
    """Nodes on a sunflower spiral around (cx, cy): the first node in the middle."""
    return {
        n: (cx + SPACING * math.sqrt(i) * math.cos(i * _GOLDEN_ANGLE),
            cy + SPACING * math.sqrt(i) * math.sin(i * _GOLDEN_ANGLE))
        for i, n in enumerate(nodes)
    }


def community_layout(g: nx.MultiDiGraph) -> Positions:
    """One disk per ``community`` attribute, biggest first, disks placed on a spiral."""
    groups: dict[int, list[str]] = defaultdict(list)
    for node, data in g.nodes(data=True):
        groups[int(data.get("community") or 0)].append(node)
    ordered = sorted(groups.values(), key=len, reverse=True)
    pos: Positions = {}
    placed: list[tuple[float, float, float]] = []  # centre x, centre y, radius
    for members in ordered:
        members.sort(key=lambda n: -g.nodes[n].get("degree", 0))
        r = SPACING * (math.sqrt(len(members)) + 1.5)
        cx, cy = _free_spot(placed, r)
        placed.append((cx, cy, r))
        pos.update(_sunflower(members, cx, cy))
    return pos


def _free_spot(placed: list[tuple[float, float, float]], r: float) -> tuple[float, float]:
    """Walk outwards on a spiral until a disk of radius ``r`` overlaps no placed disk."""
    step = 0
    while True:
        d = SPACING * 2 * math.sqrt(step)
        x, y = d * math.cos(step * _GOLDEN_ANGLE), d * math.sin(step * _GOLDEN_ANGLE)
        if all(math.hypot(x - px, y - py) >= r + pr for px, py, pr in placed):
            return x, y
        step += 1
