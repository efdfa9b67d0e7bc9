"""Turn a view graph (from ``regionkg.graph.analytics``) into one self-contained HTML page.

Nodes and edges are built with pyvis's data model (``pyvis.network.Network``), but the page is
rendered from our own template, because pyvis 0.3.2's template cannot be made safe or offline:
it always links Bootstrap from cdn.jsdelivr.net (even with ``cdn_resources="in_line"``), writes
the heading twice without escaping, and its select menu puts node ids into HTML unescaped.

Here the page inlines vis-network (``viz/assets``), carries all data as one JSON block with
``<``, ``>`` and ``&`` escaped (so ``</script>`` in a label cannot end the block), and a
Content-Security-Policy that allows only the page's own two scripts (by hash).
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import quote

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from regionkg.viz.layout import community_layout, radial_layout
from regionkg.viz.style import (
    FONT_STACK,
    MORE_STYLE,
    SHAPE_GLYPHS,
    community_color,
    predicate_label,
    type_style,
)

_HERE = Path(str(files("regionkg.viz")))
_ENV = Environment(loader=FileSystemLoader(_HERE / "templates"), autoescape=select_autoescape(["html"]))

# Views with more nodes than this get no physics at all: precomputed positions are final.
PHYSICS_MAX_NODES = 150
# Above this many edges, edge labels are left to tooltips: thousands of labels hide the graph.
EDGE_LABEL_MAX_EDGES = 400


@dataclass(frozen=True)
class Links:
    """Where a node click leads. ``{key}`` is replaced by the node's entity key (URL-quoted).

    ``card`` None means the entity's IRI is the card (a standalone file has no server).
    """

    card: str | None = None
    recentre: str | None = None


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    vis = (_HERE / "assets" / "vis-network.min.js").read_text(encoding="utf-8")
    vis = "\n".join(line for line in vis.splitlines() if not line.startswith("//# sourceMappingURL="))
    view = (_HERE / "assets" / "view.js").read_text(encoding="utf-8")
    return vis, view


def _script_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy() -> str:
    """The CSP of every page: its two inline scripts, inline styles, data: images, nothing else."""
    vis, view = _assets()
    return (
        "default-src 'none'; "
        f"script-src {_script_hash(vis)} {_script_hash(view)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )


def script_json(value: Any) -> str:
    """JSON safe to place inside a ``<script>`` element: no ``<``, ``>``, ``&`` or line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _short(label: str, limit: int = 14) -> str:
    """Long names (policy titles) are cut on the canvas; tooltips and cards show them whole."""
    return label if len(label) <= limit else label[:limit - 1] + "…"


def _href(template: str | None, key: str | None) -> str | None:
    if template is None or key is None:
        return None
    return template.replace("{key}", quote(key, safe="/"))


def build_network(view: nx.MultiDiGraph, links: Links) -> tuple[Network, dict[str, dict]]:
    """The pyvis network of ``view`` (opaque ids n0, n1, ...) and the per-node details for cards."""
    by_community = view.graph.get("colour_by") == "community"
    centre = view.graph.get("centre")
    pos = radial_layout(view, centre) if centre is not None else community_layout(view)
    net = Network(directed=True)
    ids: dict[str, str] = {}
    details: dict[str, dict] = {}
    max_degree = max((d.get("degree") or 0 for _, d in view.nodes(data=True)), default=1) or 1
    for i, (node, d) in enumerate(view.nodes(data=True)):
        nid = ids[node] = f"n{i}"
        more = d.get("more")
        style = MORE_STYLE if more else type_style(d.get("type"))
        color = community_color(d["community"]) if by_community and not more else style.color
        size = 10 + 30 * ((d.get("degree") or 0) / max_degree) ** 0.5
        x, y = pos[node]
        # The centre's label stays readable when a large view is zoomed out to fit.
        emphasis = {"borderWidth": 3, "font": {"size": 40, "face": FONT_STACK}} if node == centre else {}
        net.add_node(nid, label=_short(d.get("label") or "?"), shape=style.shape, color=color,
                     size=round(size, 1), x=round(x, 1), y=round(y, 1), **emphasis)
        card = _href(links.card, d.get("key")) if links.card else d.get("iri")
        details[nid] = {
            "name": d.get("label") or "?",
            "type": style.label,
            "degree": d.get("degree"),
            "indicators": list(d.get("indicators", [])),
            "docs": list(d.get("docs", [])),
            "card": None if more else card,
            "card_text": "打开 Open" if links.card else (d.get("iri") or ""),
            "recentre": None if more else _href(links.recentre, d.get("key")),
        }
    labelled = view.number_of_edges() <= EDGE_LABEL_MAX_EDGES
    for s, o, d in view.edges(data=True):
        name = d.get("predicate", "")
        # Appended directly: pyvis's add_edge scans the node list per edge (quadratic).
        edge = {"from": ids[s], "to": ids[o], "arrows": "to", "title": f"{predicate_label(name)} ({name})"}
        if labelled and name:
            edge["label"] = predicate_label(name)
        net.edges.append(edge)
    return net, details


def _options(view: nx.MultiDiGraph) -> dict[str, Any]:
    physics = view.number_of_nodes() <= PHYSICS_MAX_NODES
    return {
        "nodes": {"font": {"face": FONT_STACK, "size": 14}, "scaling": {"label": {"drawThreshold": 6}}},
        "edges": {"smooth": False, "color": {"color": "#9a9a9a", "highlight": "#333"},
                  "font": {"face": FONT_STACK, "size": 10, "align": "middle"}, "width": 1},
        "physics": {"enabled": physics, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -8000, "springLength": 180, "avoidOverlap": 0.6},
                    "stabilization": {"enabled": physics, "iterations": 150, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
        "layout": {"improvedLayout": False},
    }


def _legend(view: nx.MultiDiGraph) -> tuple[list[dict], list[dict]]:
    by_community = view.graph.get("colour_by") == "community"
    legend: list[dict] = []
    if by_community:
        sizes = Counter(d["community"] for _, d in view.nodes(data=True) if not d.get("more"))
        names = view.graph.get("community_names", {})
        for c, count in sorted(sizes.items()):
            legend.append({"label": f"社区 {c + 1}: {names.get(c, '')}", "color": community_color(c),
                           "glyph": "■", "count": count})
    types = Counter(d.get("type") for _, d in view.nodes(data=True) if not d.get("more"))
    for t, count in sorted(types.items(), key=lambda kv: -kv[1]):
        style = type_style(t)
        legend.append({"label": style.label, "color": "#555555" if by_community else style.color,
                       "glyph": SHAPE_GLYPHS[style.shape], "count": count})
    more = sum(1 for _, d in view.nodes(data=True) if d.get("more"))
    if more:
        legend.append({"label": MORE_STYLE.label, "color": "#999999", "glyph": SHAPE_GLYPHS[MORE_STYLE.shape],
                       "count": more})
    preds = Counter(d.get("predicate", "") for _, _, d in view.edges(data=True))
    relations = [{"label": predicate_label(p), "name": p, "count": n} for p, n in preds.most_common()]
    return legend, relations


def render_html(view: nx.MultiDiGraph, links: Links | None = None) -> str:
    """The complete HTML page of ``view``; every string from the graph is escaped."""
    net, details = build_network(view, links or Links())
    legend, relations = _legend(view)
    vis_js, view_js = _assets()
    payload = {"nodes": net.nodes, "edges": net.edges, "details": details, "options": _options(view)}
    return _ENV.get_template("view.html").render(
        title=view.graph.get("title", "regionkg"),
        heading=view.graph.get("title", "regionkg"),
        summary=view.graph.get("summary", ""),
        font_stack=Markup(FONT_STACK),
        csp=content_security_policy(),
        legend=legend,
        relations=relations,
        data_json=Markup(script_json(payload)),
        vis_js=Markup(vis_js),
        view_js=Markup(view_js),
    )


def write_html(view: nx.MultiDiGraph, path: Path, links: Links | None = None) -> None:
    """Write the page of ``view`` to ``path`` as UTF-8, whatever the locale says."""
    path.write_text(render_html(view, links), encoding="utf-8")
