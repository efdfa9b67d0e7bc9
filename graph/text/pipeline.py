"""Minimal first pipeline: UTF-8 decode, pinyin glosses removed, traditional → simplified."""

from __future__ import annotations

import hashlib
import re

from opencc_pyo3 import OpenCC

from regionkg.errors import InputError
from regionkg.graph.text.normalized import NormalizedText

_PINYIN_GLOSS = re.compile(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")
_T2S = OpenCC("t2s")


def normalize(data: bytes, path: str) -> NormalizedText:
    """Decode ``data`` and return its clean simplified text with the offset map."""
    if not data.strip():
        raise InputError("file is empty", path=path)
    try:
        original = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot decode: {exc.reason}", path=path) from exc
    keep = [True] * len(original)
    for m in _PINYIN_GLOSS.finditer(original):
        for i in range(m.start(), m.end()):
            keep[i] = False
    chars = [c for c, k in zip(original, keep) if k]
    offsets = [(i, i + 1) for i, k in enumerate(keep) if k]
    text = _T2S.convert("".join(chars))
    if len(text) != len(chars):
        raise InputError("simplification changed the text length", path=path)
    return NormalizedText(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding="utf-8",
        original=original,
        text=text,
        offsets=offsets,
    )
