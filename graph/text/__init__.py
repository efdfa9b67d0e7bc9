"""The text layer: article bytes → clean simplified text with an offset map to the original.

Public surface: ``normalize(data, path) -> NormalizedText``.
"""

from regionkg.graph.text.normalized import NormalizedText
from regionkg.graph.text.pipeline import normalize

__all__ = ["NormalizedText", "normalize"]
