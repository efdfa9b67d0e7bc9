"""Traditional → simplified with OpenCC ``t2s`` (opencc-pyo3), keeping the offset map exact.

``opencc-pyo3`` is used because the official binding's ``t2s`` leaves 著 in 沿著/隨著. OpenCC
converts by phrase, so in principle a phrase could change length; conversion is done per line
and a line whose length changes is aligned with ``difflib`` so no character is misplaced.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import cache

from opencc_pyo3 import OpenCC

from regionkg.graph.text.mapped import MappedText


@cache
def _t2s() -> OpenCC:
    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Plain conversion, for scoring and comparison (no offsets involved)."""
    return _t2s().convert(text)


def simplify(mapped: MappedText) -> MappedText:
    """Convert ``mapped`` to simplified Chinese, one-to-one where lengths allow."""
    text = mapped.text
    converted = to_simplified(text)
    if len(converted) == len(text) and converted.count("\n") == text.count("\n"):
        return MappedText(converted, mapped.starts, mapped.ends)
    edits: list[tuple[int, int, str]] = []
    pos = 0
    for line in text.split("\n"):
        new = to_simplified(line)
        if new == line:
            pass
        elif len(new) == len(line):
            edits.append((pos, pos + len(line), new))
        else:
            edits.extend(_aligned_edits(line, new, pos))
        pos += len(line) + 1
    return mapped.edit(edits)


def _aligned_edits(old: str, new: str, offset: int) -> list[tuple[int, int, str]]:
    """Edits turning ``old`` into ``new``, each as small as the alignment allows."""
    edits = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            edits.append((offset + i1, offset + i2, new[j1:j2]))
    return edits
