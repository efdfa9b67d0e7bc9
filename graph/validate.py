"""SHACL validation of the store content against ``ontology/shapes.ttl`` (pySHACL).

The data graph is the de-duplicated union of every graph in the store; the ontology is mixed
in (``ont_graph``) so class constraints see ``rdfs:subClassOf`` (an ``rkg:Enterprise`` is an
``rkg:Organization``). No inference rules run: what is checked is what is stored.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pyshacl
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from regionkg.graph.store_api import Store
from regionkg.ontology import ONTOLOGY_TTL, SHAPES_TTL


@dataclass(frozen=True)
class Violation:
    """One SHACL result, flattened for printing."""

    severity: str
    focus: str
    path: str
    value: str
    message: str
    shape: str


def _text(node: object) -> str:
    return "" if node is None else str(node)


def violations_of(report: Graph) -> list[Violation]:
    """The results of a pySHACL report graph, sorted by focus node."""
    out = []
    for result in report.subjects(SH.resultSeverity, None):
        def one(prop: URIRef) -> str:
            return _text(report.value(result, prop))

        severity = one(SH.resultSeverity).rsplit("#", 1)[-1]
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        out.append(
            Violation(severity, one(SH.focusNode), one(SH.resultPath), one(SH.value),
                      "; ".join(messages), one(SH.sourceShape))
        )
    return sorted(out, key=lambda v: (v.focus, v.path, v.message))


def validate_graph(data: Graph) -> tuple[bool, list[Violation]]:
    """Validate an rdflib graph against the shapes (with the ontology mixed in)."""
    shapes = Graph().parse(SHAPES_TTL, format="turtle")
    ontology = Graph().parse(ONTOLOGY_TTL, format="turtle")
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=False,
        allow_warnings=True,
    )
    return bool(conforms), violations_of(report)


def store_graph(store: Store) -> Graph:
    """The union of the store's graphs as an rdflib graph (triples, de-duplicated)."""
    buf = io.BytesIO()
    store.dump(buf, "application/n-triples")
    return Graph().parse(data=buf.getvalue(), format="nt")


def validate_store(store: Store) -> tuple[bool, list[Violation]]:
    """Validate everything in ``store``: (conforms, violations)."""
    return validate_graph(store_graph(store))
