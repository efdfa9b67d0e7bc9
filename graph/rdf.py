"""Facts → RDF: one ``Extraction`` becomes the quads of its document's named graph.

Everything a document says lives in the graph named by its IRI (``iris.doc_iri``): the typing
and labels of its entities, a ``rkg:Mention`` Web Annotation per mention, each relation as a
direct triple plus a ``rkg:Statement`` carrying its evidence (and, for ``holdsRole``, an
``org:Membership`` with the role), each indicator as a ``qb:Observation``, the GB/T 2260
parent chain of the regions it names, and PROV-O about the document and its ingest. Dropping
the graph therefore drops exactly the facts that only this document supported.

Evidence is an ``oa:SpecificResource`` on the document with an ``oa:TextPositionSelector``
(start/end into the decoded original) and an ``oa:TextQuoteSelector`` (the exact text), plus
the whole sentence around it (``rkg:sentence``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, cached_property

from opencc_pyo3 import OpenCC
from pyoxigraph import Literal, NamedNode, Quad

from regionkg.graph import regions
from regionkg.graph.iris import REGION_CODE_LIST, doc_iri, entity_iri, fact_iri, metric_iri, role_iri
from regionkg.graph.model import Entity, Extraction, Span
from regionkg.ontology import DCTERMS, OA, PROV, QB, RDF, RDFS, RKG, SKOS, ORG, XSD

_S2T = OpenCC("s2t")
_T2S = OpenCC("t2s")
REGION_SUBTYPES = frozenset(
    {"Province", "City", "District", "NationalNewArea", "DevelopmentZone", "MacroRegion"}
)
_SENTENCE_END = "。！？!?\n"
_PERIOD = re.compile(
    r"^(?P<y1>\d{4})(?:-(?:(?P<h>H[12])|Q(?P<q1>[1-4])(?:\.\.Q(?P<q2>[1-4]))?|(?P<m>\d{2})))?"
    r"(?:(?:\.\.|-)(?P<y2>\d{4}))?$"
)
_QUARTER_END = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}


@cache
def _iri(ns: str, local: str) -> NamedNode:
    """A vocabulary term, made once (building a document graph asks for thousands)."""
    return NamedNode(ns + local)


@cache
def _hant(name: str) -> str:
    return _S2T.convert(name)


@cache
def _is_hant(alias: str) -> bool:
    return _T2S.convert(alias) != alias


A = _iri(RDF, "type")


def _xsd(value: object, datatype: str) -> Literal:
    return Literal(str(value), datatype=_iri(XSD, datatype))


def decimal(value: float) -> Literal:
    """An ``xsd:decimal`` in plain notation (1.188e11 → 118800000000).

    Rounded to 15 significant digits, what a float holds exactly, so binary noise from unit
    scaling (1219.36 × 1e8 = 121935999999.99998) does not reach the graph.
    """
    text = format(Decimal(f"{value:.15g}").normalize(), "f")
    return _xsd(text, "decimal")


def period_bounds(period: str) -> tuple[str, str] | None:
    """First and last day of a canonical period (2024, 2024-H1, 2024-Q1..Q3, 2016..2024)."""
    m = _PERIOD.match(period.strip())
    if not m:
        return None
    y1, y2 = m["y1"], m["y2"] or m["y1"]
    if m["h"]:
        return (f"{y1}-01-01", f"{y1}-06-30") if m["h"] == "H1" else (f"{y1}-07-01", f"{y1}-12-31")
    if m["q1"]:
        q1, q2 = int(m["q1"]), int(m["q2"] or m["q1"])
        return f"{y1}-{3 * q1 - 2:02d}-01", f"{y1}-{_QUARTER_END[q2]}"
    if m["m"]:
        month = int(m["m"])
        if not 1 <= month <= 12:
            return None
        last = 31 if month in (1, 3, 5, 7, 8, 10, 12) else 30
        if month == 2:
            year = int(y1)
            last = 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28
        return f"{y1}-{month:02d}-01", f"{y1}-{month:02d}-{last}"
    return f"{y1}-01-01", f"{y2}-12-31"


def sentence_around(original: str, span: Span) -> str:
    """The sentence(s) of ``original`` containing ``span`` (bounded by 。！？ or a newline)."""
    return _Sentences(original).around(span)


class _Sentences:
    """Sentence boundaries of one text, found once: a document asks for the sentence around
    each of its few hundred evidence spans."""

    def __init__(self, original: str) -> None:
        self.text = original
        self.ends = [i for i, c in enumerate(original) if c in _SENTENCE_END]

    def around(self, span: Span) -> str:
        ends, i = self.ends, bisect_left(self.ends, span.start)
        start = ends[i - 1] + 1 if i else 0  # the last boundary before the span
        j = bisect_left(ends, max(span.end - 1, span.start))  # the first one at or after its end
        end = ends[j] + 1 if j < len(ends) else len(self.text)
        return self.text[start:end].strip()


#: One statement as its terms: subject, predicate, object.
Triple = tuple[NamedNode, NamedNode, NamedNode | Literal]


@dataclass
class DocumentGraph:
    """The statements of one document's graph and what went into them."""

    graph: str
    triples: list[Triple] = field(default_factory=list)
    entities: int = 0
    relations: int = 0
    indicators: int = 0
    repairs: int = 0
    warnings: list[str] = field(default_factory=list)

    @cached_property
    def quads(self) -> list[Quad]:
        """The triples as quads in the document's graph (made on demand: a bulk add builds
        its own quads from ``triples``, and each quad costs about a microsecond)."""
        g = NamedNode(self.graph)
        return [Quad(s, p, o, g) for s, p, o in self.triples]


class _Builder:
    """Accumulates the statements of one document graph."""

    def __init__(self, ex: Extraction) -> None:
        self.ex = ex
        self.out = DocumentGraph(doc_iri(ex.doc.path))
        self.g = NamedNode(self.out.graph)
        self.triples: dict[Triple, None] = {}  # insertion-ordered set
        self.names: dict[str, NamedNode] = {}
        self.divisions: set[str] = set()  # codes of the divisions whose chain was added
        self.sentences = _Sentences(ex.doc.original)

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.triples[(s, p, o)] = None

    def labels(self, node: NamedNode, name: str, hant: str | None = None) -> None:
        for prop in (_iri(SKOS, "prefLabel"), _iri(RDFS, "label")):
            self.add(node, prop, Literal(name, language="zh-Hans"))
            self.add(node, prop, Literal(hant or _hant(name), language="zh-Hant"))

    def evidence(self, node: NamedNode, span: Span) -> NamedNode:
        """An oa:SpecificResource on the document selecting ``span``; returns it."""
        target = NamedNode(f"{node.value}-target")
        pos, quote = NamedNode(f"{node.value}-pos"), NamedNode(f"{node.value}-quote")
        self.add(target, A, _iri(OA, "SpecificResource"))
        self.add(target, _iri(OA, "hasSource"), self.g)
        self.add(target, _iri(OA, "hasSelector"), pos)
        self.add(target, _iri(OA, "hasSelector"), quote)
        self.add(target, _iri(RKG, "sentence"), Literal(self.sentences.around(span)))
        self.add(pos, A, _iri(OA, "TextPositionSelector"))
        self.add(pos, _iri(OA, "start"), _xsd(span.start, "integer"))
        self.add(pos, _iri(OA, "end"), _xsd(span.end, "integer"))
        self.add(quote, A, _iri(OA, "TextQuoteSelector"))
        self.add(quote, _iri(OA, "exact"), Literal(span.text))
        return target

    def region(self, div: regions.Division) -> NamedNode:
        """A division of the code list with its labels, code and parent chain."""
        node = NamedNode(entity_iri("Region", div.name))
        if div.code in self.divisions:  # its chain is in the graph already
            return node
        self.divisions.add(div.code)
        for child, parent in zip(regions.chain(div), regions.chain(div)[1:] + [None]):
            c = NamedNode(entity_iri("Region", child.name))
            self.add(c, A, _iri(RKG, "Region"))
            self.add(c, A, _iri(RKG, child.level))
            self.add(c, _iri(RKG, "divisionCode"), Literal(child.code))
            self.labels(c, child.name)
            if parent is not None:
                self.add(c, _iri(RKG, "partOf"), NamedNode(entity_iri("Region", parent.name)))
        self.add(self.g, _iri(PROV, "wasDerivedFrom"), NamedNode(REGION_CODE_LIST))
        return node

    def entity(self, e: Entity) -> None:
        div = None
        if e.type == "Region" and e.subtype not in ("NationalNewArea", "DevelopmentZone", "MacroRegion"):
            div = regions.lookup([e.name, *e.aliases], parent=e.parent, code=e.code)
        node = self.region(div) if div else NamedNode(entity_iri(e.type, e.name))
        for name in (e.name, *e.aliases):
            self.names.setdefault(name, node)
        self.out.entities += 1
        self.add(node, A, _iri(RKG, e.type))
        if e.type == "Region" and e.subtype in REGION_SUBTYPES and not div:
            self.add(node, A, _iri(RKG, e.subtype))
        self.labels(node, div.name if div else e.name, None if div else e.hant)
        for alias in sorted({e.name, *e.aliases} - {div.name if div else e.name}):
            tag = "zh-Hant" if _is_hant(alias) else "zh-Hans"
            self.add(node, _iri(SKOS, "altLabel"), Literal(alias, language=tag))
        self.add(node, _iri(RKG, "mentionedIn"), self.g)
        for span in e.mentions:
            ann = NamedNode(fact_iri(self.out.graph, "m", node.value, span.start, span.end))
            self.add(ann, A, _iri(RKG, "Mention"))
            self.add(ann, A, _iri(OA, "Annotation"))
            self.add(ann, _iri(OA, "hasBody"), node)
            self.add(ann, _iri(OA, "hasTarget"), self.evidence(ann, span))

    def parents(self, e: Entity) -> None:
        """``Entity.parent``: a region is partOf it, anything else is locatedIn it."""
        if not e.parent or (child := self.names.get(e.name)) is None:
            return
        parent = self.names.get(e.parent)
        if parent is None:
            div = regions.lookup([e.parent])
            parent = self.region(div) if div else NamedNode(entity_iri("Region", e.parent))
            if not div:
                self.add(parent, A, _iri(RKG, "Region"))
                self.labels(parent, e.parent)
            self.add(parent, _iri(RKG, "mentionedIn"), self.g)
        prop = "partOf" if e.type == "Region" else "locatedIn"
        if parent != child:
            self.add(child, _iri(RKG, prop), parent)

    def resolve(self, name: str, what: str) -> NamedNode | None:
        node = self.names.get(name)
        if node is None:
            self.out.warnings.append(f"{what}: {name!r} is not an extracted entity; fact skipped")
        return node

    def relations(self) -> None:
        for r in self.ex.relations:
            s, o = self.resolve(r.s, r.p), self.resolve(r.o, r.p)
            if s is None or o is None:
                continue
            p = _iri(RKG, r.p)
            self.add(s, p, o)
            st = NamedNode(fact_iri(self.out.graph, "r", s.value, r.p, o.value, r.evidence.start, r.evidence.end))
            self.add(st, A, _iri(RKG, "Statement"))
            self.add(st, A, _iri(RDF, "Statement"))
            self.add(st, _iri(RDF, "subject"), s)
            self.add(st, _iri(RDF, "predicate"), p)
            self.add(st, _iri(RDF, "object"), o)
            target = self.evidence(st, r.evidence)
            self.add(st, _iri(RKG, "evidence"), target)
            if r.role:
                self.add(st, _iri(RKG, "roleTitle"), Literal(r.role, language="zh-Hans"))
            if r.p == "holdsRole" and r.role:
                self.membership(s, o, r.role, target)
            self.out.relations += 1

    def membership(self, person: NamedNode, org: NamedNode, role: str, target: NamedNode) -> None:
        ms = NamedNode(fact_iri(self.out.graph, "ms", person.value, org.value, role))
        role_node = NamedNode(role_iri(role))
        self.add(ms, A, _iri(RKG, "Membership"))
        self.add(ms, A, _iri(ORG, "Membership"))
        self.add(ms, _iri(ORG, "member"), person)
        self.add(ms, _iri(ORG, "organization"), org)
        self.add(ms, _iri(ORG, "role"), role_node)
        self.add(ms, _iri(RKG, "roleTitle"), Literal(role, language="zh-Hans"))
        self.add(ms, _iri(RKG, "evidence"), target)
        self.add(role_node, A, _iri(ORG, "Role"))
        self.labels(role_node, role)

    def indicators(self) -> None:
        for i in self.ex.indicators:
            subject = self.resolve(i.subject, "indicator")
            if subject is None:
                continue
            obs = NamedNode(
                fact_iri(self.out.graph, "o", subject.value, i.metric, i.period, i.value, i.unit, i.evidence.start)
            )
            metric = NamedNode(metric_iri(i.metric))
            self.add(obs, A, _iri(RKG, "Observation"))
            self.add(obs, A, _iri(QB, "Observation"))
            self.add(obs, _iri(QB, "dataSet"), _iri(RKG, "indicators"))
            self.add(obs, _iri(RKG, "refEntity"), subject)
            self.add(obs, _iri(RKG, "metric"), metric)
            self.add(metric, A, _iri(RKG, "Metric"))
            self.labels(metric, i.metric)
            normalized = i.normalized_value is not None
            self.add(obs, _iri(RKG, "value"), decimal(i.normalized_value if normalized else i.value))
            self.add(obs, _iri(RKG, "unit"), Literal((i.normalized_unit if normalized else None) or i.unit))
            self.add(obs, _iri(RKG, "statedValue"), decimal(i.value))
            self.add(obs, _iri(RKG, "statedUnit"), Literal(i.unit))
            if i.period:
                self.add(obs, _iri(RKG, "period"), Literal(i.period))
                if bounds := period_bounds(i.period):
                    self.add(obs, _iri(RKG, "periodStart"), _xsd(bounds[0], "date"))
                    self.add(obs, _iri(RKG, "periodEnd"), _xsd(bounds[1], "date"))
            if i.qualifier:
                self.add(obs, _iri(RKG, "qualifier"), Literal(i.qualifier))
            if i.base_metric:
                base = NamedNode(metric_iri(i.base_metric))
                self.add(obs, _iri(RKG, "baseMetric"), base)
                self.add(base, A, _iri(RKG, "Metric"))
                self.labels(base, i.base_metric)
            self.add(obs, _iri(RKG, "evidence"), self.evidence(obs, i.evidence))
            self.out.indicators += 1

    def document(self, ingested_at: str | None) -> None:
        d, g = self.ex.doc, self.g
        self.add(g, A, _iri(RKG, "Document"))
        self.add(g, A, _iri(PROV, "Entity"))
        self.add(g, _iri(RKG, "sourcePath"), Literal(d.path))
        self.add(g, _iri(RKG, "sha256"), Literal(d.sha256))
        self.add(g, _iri(RKG, "encoding"), Literal(d.encoding))
        if d.title:
            self.add(g, _iri(DCTERMS, "title"), Literal(d.title))
        if d.date:
            is_day = re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.date)
            self.add(g, _iri(DCTERMS, "date"), _xsd(d.date, "date") if is_day else Literal(d.date))
        for rep in d.repairs:
            node = NamedNode(fact_iri(self.out.graph, "repair", rep.kind, rep.start, rep.end, rep.repaired))
            self.add(g, _iri(RKG, "repair"), node)
            self.add(node, A, _iri(RKG, "Repair"))
            self.add(node, _iri(RKG, "repairKind"), Literal(rep.kind))
            self.add(node, _iri(OA, "start"), _xsd(rep.start, "integer"))
            self.add(node, _iri(OA, "end"), _xsd(rep.end, "integer"))
            self.add(node, _iri(RKG, "originalText"), Literal(rep.original))
            self.add(node, _iri(RKG, "repairedText"), Literal(rep.repaired))
            if rep.note:
                self.add(node, _iri(RDFS, "comment"), Literal(rep.note))
            self.out.repairs += 1
        if ingested_at:
            activity = NamedNode(f"{self.out.graph}#ingest")
            self.add(activity, A, _iri(RKG, "Ingest"))
            self.add(activity, _iri(PROV, "used"), g)
            self.add(activity, _iri(PROV, "endedAtTime"), _xsd(ingested_at, "dateTime"))


def build(ex: Extraction, *, ingested_at: str | None = None) -> DocumentGraph:
    """The named graph of ``ex``'s document. ``ingested_at`` (xsd:dateTime) dates the ingest."""
    b = _Builder(ex)
    b.document(ingested_at)
    for e in ex.entities:
        b.entity(e)
    for e in ex.entities:
        b.parents(e)
    b.relations()
    b.indicators()
    b.out.triples = list(b.triples)
    return b.out
