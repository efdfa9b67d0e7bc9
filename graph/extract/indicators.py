"""Indicators (placeholder until the number layer lands)."""

from __future__ import annotations

from regionkg.graph.extract.context import Context
from regionkg.graph.model import Indicator


def find_indicators(ctx: Context) -> list[Indicator]:
    return []
