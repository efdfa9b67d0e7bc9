"""IRI minting: the one place that decides what every node of the graph is called.

IRIs are stable: they depend only on *what* a thing is, never on ingest order or time.

- An entity: ``https://w3id.org/regionkg/id/<Type>/<name>`` where ``<Type>`` is the ontology
  class of GUIDE section 2 (``Region``, never a subtype, so refining a subtype keeps the IRI)
  and ``<name>`` the percent-encoded canonical name (NFKC, whitespace collapsed). The same
  name and type in two documents or two runs gives the same IRI.
- A vocabulary item that is not an entity (a measure, a role title) uses the same pattern
  with ``Metric`` or ``Role`` as its kind.
- A document: ``https://w3id.org/regionkg/doc/<file name>``. Document identity is the file
  name, so re-ingesting a changed file replaces its graph. The document IRI is also the name
  of the named graph holding everything that document says.
- A fact node inside a document (mention, relation statement, observation, repair):
  ``<doc IRI>#<kind>-<16 hex of sha256 over its content>``, so re-ingesting the same document
  mints the same nodes and no blank nodes make graphs hard to compare.

``entity_id``/``iri_from_id`` map between an IRI and the short id an HTTP API puts in a URL
(``Region/上饶市``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePath
from urllib.parse import quote, unquote

from regionkg.errors import InputError, NotFoundError
from regionkg.graph.model import ENTITY_TYPES

BASE = "https://w3id.org/regionkg/"
ID_BASE = BASE + "id/"
DOC_BASE = BASE + "doc/"
GRAPH_BASE = BASE + "graph/"

#: Named graph holding the OWL ontology (part of the union default graph).
ONTOLOGY_GRAPH = GRAPH_BASE + "ontology"
#: The GB/T 2260 code list the region hierarchy is taken from (a ``prov:Entity``).
REGION_CODE_LIST = BASE + "source/gbt2260"

#: Kinds of minted names that are not entity types.
VOCAB_KINDS: tuple[str, ...] = ("Metric", "Role")

_SPACES = re.compile(r"\s+")


def canonical_name(name: str) -> str:
    """The form of a name that identifies it: NFKC (full-width → ASCII), spaces collapsed."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFKC", name)).strip()
    if not text:
        raise InputError(f"empty name {name!r} cannot be given an IRI")
    return text


def _mint(kind: str, name: str) -> str:
    return f"{ID_BASE}{kind}/{quote(canonical_name(name), safe='')}"


def entity_iri(type_: str, name: str) -> str:
    """The IRI of the entity of ``type_`` (a GUIDE section 2 type) named ``name``."""
    if type_ not in ENTITY_TYPES:
        raise InputError(f"unknown entity type {type_!r}; expected one of {', '.join(ENTITY_TYPES)}")
    return _mint(type_, name)


def metric_iri(name: str) -> str:
    """The IRI of a measure (``地区生产总值``): a ``rkg:Metric`` concept."""
    return _mint("Metric", name)


def role_iri(title: str) -> str:
    """The IRI of a role title (``董事长``): an ``org:Role``."""
    return _mint("Role", title)


def doc_iri(path: str) -> str:
    """The IRI of the document read from ``path`` (identity = file name), also its graph name."""
    name = PurePath(path).name
    if not name:
        raise InputError("a document needs a file name", path=path)
    return DOC_BASE + quote(name, safe="")


def doc_name(iri: str) -> str:
    """The file name of the document ``iri`` (inverse of ``doc_iri``)."""
    if not iri.startswith(DOC_BASE) or "#" in iri:
        raise NotFoundError(f"not a document IRI: {iri}")
    return unquote(iri[len(DOC_BASE):])


def fact_iri(doc: str, kind: str, *parts: object) -> str:
    """A node inside document ``doc`` named by a hash of what it states (stable across runs)."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]
    return f"{doc}#{kind}-{digest}"


def entity_id(iri: str) -> str:
    """The short, URL-friendly id of a minted IRI: ``Region/上饶市`` (name decoded)."""
    if not iri.startswith(ID_BASE):
        raise NotFoundError(f"not a regionkg entity IRI: {iri}")
    kind, _, name = iri[len(ID_BASE):].partition("/")
    if not name or (kind not in ENTITY_TYPES and kind not in VOCAB_KINDS):
        raise NotFoundError(f"not a regionkg entity IRI: {iri}")
    return f"{kind}/{unquote(name)}"


def iri_from_id(ident: str) -> str:
    """The IRI behind a short id (``Region/上饶市`` or its percent-encoded form)."""
    kind, _, name = unquote(ident).partition("/")
    if not name:
        raise NotFoundError(f"an entity id looks like Type/name, got {ident!r}")
    if kind in VOCAB_KINDS:
        return _mint(kind, name)
    if kind not in ENTITY_TYPES:
        raise NotFoundError(f"unknown entity type {kind!r} in id {ident!r}")
    return entity_iri(kind, name)
