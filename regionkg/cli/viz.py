"""``regionkg viz``: write an interactive network view to a self-contained HTML file."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from regionkg.cli.main import app
from regionkg.cli.store import DATA, STORE, _store
from regionkg.errors import InputError
from regionkg.graph import analytics
from regionkg.viz.render import write_html


@app.command("viz")
def viz_cmd(
    name: str | None = typer.Argument(None, help="Entity name, alias or id (Type/name) to centre on."),
    output: Path = typer.Option(..., "--output", "-o", help="The HTML file to write (UTF-8)."),
    overview: bool = typer.Option(False, "--overview", help="The whole graph (top entities when large)."),
    policy: str | None = typer.Option(None, "--policy", help="A policy document's name or id."),
    depth: int = typer.Option(2, "--depth", min=1, max=4, help="Relations out from the entity."),
    max_nodes: int = typer.Option(analytics.DEFAULT_MAX_NODES, "--max-nodes", min=1, max=20000,
                                  help="Node cap; cut neighbours become '+N more' nodes."),
    data: Path | None = DATA,
    store_url: str | None = STORE,
) -> None:
    """Write a view: an entity's neighbourhood, the overview, or a policy view."""
    if [name is not None, overview, policy is not None].count(True) != 1:
        raise InputError("give exactly one of NAME, --overview or --policy NAME")
    with _store(data, store_url, read_only=True) as store:
        if overview:
            view = analytics.overview(store, max_nodes)
        elif policy is not None:
            view = analytics.policy_view(store, analytics.find_entity(store, policy, "Policy"), max_nodes)
        else:
            assert name is not None
            view = analytics.neighbourhood(store, analytics.find_entity(store, name), depth, max_nodes)
    try:
        write_html(view, output)
    except OSError as exc:
        raise InputError(f"cannot write the view: {exc.strerror or exc}", path=str(output)) from exc
    entities = sum(1 for _, d in view.nodes(data=True) if not d.get("more"))
    Console(stderr=True).print(f"wrote {output}: {entities} entities, {view.number_of_edges()} relations",
                               highlight=False)
