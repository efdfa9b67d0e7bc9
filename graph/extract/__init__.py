"""Extraction: clean text → typed entities, relations and indicators, each with evidence spans.

Public surface: ``extract(nt) -> Extraction`` and ``extract_file(path) -> Extraction``.
"""

from regionkg.graph.extract.pipeline import extract, extract_file

__all__ = ["extract", "extract_file"]
