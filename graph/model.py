"""The typed fact model: what extraction produces and the RDF builder consumes.

Nothing else crosses the boundary between extraction and the graph. Every offset here indexes
the *decoded original* text of the document (``Document.original``), never the cleaned text,
so ``original[span.start:span.end] == span.text`` always holds.

Entity ``type`` and relation ``p`` use the names of the ontology (GUIDE section 2); ``s``, ``o``
and ``subject`` are canonical simplified entity names, resolved to entities by name + type.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ENTITY_TYPES: tuple[str, ...] = (
    "Region",
    "Park",
    "Enterprise",
    "GovernmentAgency",
    "University",
    "ResearchInstitute",
    "Organization",
    "Person",
    "Policy",
    "Industry",
    "Infrastructure",
)

PREDICATES: tuple[str, ...] = (
    "locatedIn",
    "partOf",
    "issuedBy",
    "targets",
    "supports",
    "focusesOn",
    "foundedBy",
    "holdsRole",
    "partnerOf",
    "memberOf",
    "basedOn",
    "produces",
    "investsIn",
)


@dataclass(frozen=True, order=True)
class Span:
    """A character span of the decoded original text, with the text it covers."""

    start: int
    end: int
    text: str


@dataclass
class Entity:
    """One real-world thing named in a document.

    ``name`` is the canonical simplified form; ``hant`` its traditional form (zh-Hant label);
    ``aliases`` other surface forms seen (short names, traditional spellings, 《》 forms);
    ``subtype`` refines the type (e.g. Region: Province, City, District, NationalNewArea,
    DevelopmentZone, MacroRegion); ``code`` is the GB/T 2260 division code where one exists;
    ``parent`` the canonical name of the containing region; ``merges`` explains every alias
    decision (why two surface forms are one entity).
    """

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    hant: str | None = None
    subtype: str | None = None
    code: str | None = None
    parent: str | None = None
    merges: list[str] = field(default_factory=list)


@dataclass
class Relation:
    """A typed edge between two entities, with the evidence it was read from."""

    s: str
    p: str
    o: str
    evidence: Span
    role: str | None = None


@dataclass
class Indicator:
    """A quantitative observation: ``subject``'s ``metric`` was ``value`` ``unit`` in ``period``.

    ``value``/``unit`` are as stated (1188, "亿元"); ``normalized_value``/``normalized_unit``
    are in base units (118800000000, "CNY"). ``period`` is "2024", "2024-H1", "2024-Q1..Q3",
    "2016..2024" or None. ``qualifier`` keeps 多/约/不到 as "more_than"/"about"/"less_than".
    A growth rate is its own indicator whose ``base_metric`` names the measure it grows.
    """

    subject: str
    metric: str
    value: float
    unit: str
    evidence: Span
    period: str | None = None
    qualifier: str | None = None
    normalized_value: float | None = None
    normalized_unit: str | None = None
    base_metric: str | None = None


@dataclass
class Repair:
    """One change the text layer made to the original, with the original span it replaced."""

    kind: str
    start: int
    end: int
    original: str
    repaired: str
    note: str | None = None
    suggestions: list[str] = field(default_factory=list)


@dataclass
class Document:
    """The source document: where it came from and how it was decoded."""

    path: str
    sha256: str
    encoding: str
    original: str
    title: str | None = None
    date: str | None = None
    repairs: list[Repair] = field(default_factory=list)


@dataclass
class Extraction:
    """Everything extracted from one document: the unit that is ingested atomically."""

    doc: Document
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The ``regionkg extract --format json`` contract (GUIDE section 3)."""
        doc = {
            "path": self.doc.path,
            "sha256": self.doc.sha256,
            "encoding": self.doc.encoding,
            "title": self.doc.title,
            "date": self.doc.date,
            "repairs": [asdict(r) for r in self.doc.repairs],
        }
        return {
            "doc": doc,
            "entities": [
                {
                    "id": e.name,
                    "name": e.name,
                    "type": e.type,
                    "subtype": e.subtype,
                    "hant": e.hant,
                    "code": e.code,
                    "parent": e.parent,
                    "aliases": e.aliases,
                    "merges": e.merges,
                    "mentions": [asdict(m) for m in e.mentions],
                }
                for e in self.entities
            ],
            "relations": [
                {k: v for k, v in asdict(r).items() if v is not None or k != "role"}
                for r in self.relations
            ],
            "indicators": [asdict(i) for i in self.indicators],
        }
