"""Regex scans that try only the positions just before an anchor word.

``pattern.finditer`` tries a match at every position of the text, and a pattern that opens
with alternatives or optional parts (an outlet before 记者, a region before 政府工作报告) costs
several tests at each. When every match contains an anchor word that starts at most ``reach``
characters after the match does, only those positions need trying.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def finditer_near(pattern: re.Pattern[str], anchor: re.Pattern[str], reach: int,
                  text: str) -> Iterator[re.Match[str]]:
    """Exactly what ``pattern.finditer(text)`` yields (leftmost first, never overlapping),
    provided every match of ``pattern`` contains an ``anchor`` occurrence starting within
    ``reach`` characters of the match's start, and anchor occurrences never overlap one another."""
    pos = 0
    for a in anchor.finditer(text):
        for p in range(max(pos, a.start() - reach), a.start() + 1):
            m = pattern.match(text, p)
            if m:
                yield m
                pos = m.end()
                break
