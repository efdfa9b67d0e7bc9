"""The ``regionkg`` command: one typer app; each command group lives in its own module.

Exit codes: 0 success; 1 unexpected error; 2 bad input file; 3 bad query; 4 query timeout;
5 store error; 6 not found; 7 validation failed (SHACL) or evaluation below its floor.
"""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from regionkg.errors import RegionKGError

app = typer.Typer(
    name="regionkg",
    help="A knowledge graph of Chinese regions, organisations, people, industries and policies.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



@app.callback()
def _root() -> None:
    """A knowledge graph of Chinese regions, organisations, people, industries and policies."""


# Command groups register themselves on `app` when imported.
from regionkg.cli import text as _text  # noqa: E402,F401
from regionkg.cli import serve as _serve  # noqa: E402,F401
from regionkg.cli import store as _store  # noqa: E402,F401
from regionkg.cli import viz as _viz  # noqa: E402,F401
from regionkg.cli import extract as _extract  # noqa: E402,F401


def run() -> None:
    """Console entry point: run the app, turning expected errors into a message and exit code."""
    try:
        app()
    except RegionKGError as exc:
        Console(stderr=True).print(f"[bold red]error:[/] {exc}", highlight=False)
        sys.exit(exc.exit_code)
