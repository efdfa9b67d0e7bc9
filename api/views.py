"""``/viz``: the interactive network views as self-contained HTML pages.

Each page inlines vis-network and its data, so it needs nothing but this response; the
Content-Security-Policy allows only the page's own scripts (see ``regionkg.viz.render``).
"""

from __future__ import annotations

from dataclasses import replace

import networkx as nx
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from regionkg.graph import analytics
from regionkg.graph.iris import iri_from_id
from regionkg.graph.store_api import Store
from regionkg.viz.render import Links, content_security_policy, render_html

router = APIRouter(tags=["views"])

#: A served page links a clicked node to its HTML entity card (the dereferenced IRI) and its own view.
SERVED_LINKS = Links(card="/id/{key}", recentre="/viz/entities/{key}")
MAX_NODES = 3000

_MaxNodes = Query(analytics.DEFAULT_MAX_NODES, ge=1, le=MAX_NODES, description="Node cap of the view.")


def _page(view: nx.MultiDiGraph, links: Links = SERVED_LINKS) -> HTMLResponse:
    headers = {
        "Content-Security-Policy": content_security_policy() + "; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }
    return HTMLResponse(render_html(view, links), headers=headers)


def _store(request: Request) -> Store:
    return request.app.state.store


@router.get("/viz", response_class=HTMLResponse, summary="Overview of the whole graph")
def overview_page(request: Request, max_nodes: int = _MaxNodes) -> HTMLResponse:
    """The whole graph when small; else the best-linked entities coloured by community."""
    return _page(analytics.overview(_store(request), max_nodes))


@router.get("/viz/entities/{entity_id:path}", response_class=HTMLResponse,
            summary="Neighbourhood of an entity")
def entity_page(request: Request, entity_id: str,
                depth: int = Query(2, ge=1, le=4, description="How many relations out."),
                max_nodes: int = _MaxNodes) -> HTMLResponse:
    """The entity ``Type/name`` and its relations out to ``depth``, capped at ``max_nodes``."""
    view = analytics.neighbourhood(_store(request), iri_from_id(entity_id), depth, max_nodes)
    # Re-centring keeps the depth and cap the user chose.
    return _page(view, replace(SERVED_LINKS, recentre=f"{SERVED_LINKS.recentre}?depth={depth}&max_nodes={max_nodes}"))


@router.get("/viz/policies/{policy_id:path}", response_class=HTMLResponse, summary="A policy document")
def policy_page(request: Request, policy_id: str, max_nodes: int = _MaxNodes) -> HTMLResponse:
    """Issuer, targeted regions, supported industries and the policies it is based on.

    ``policy_id`` is ``Policy/<name>`` or just the policy's name.
    """
    ident = policy_id if policy_id.startswith("Policy/") else f"Policy/{policy_id}"
    return _page(analytics.policy_view(_store(request), iri_from_id(ident), max_nodes))
