"""Scoring extraction against gold files (the shape of ``shared/seeds/*.gold.json``).

Matching rules (all after ``norm``: simplified script, NFKC, no 《》/middle dots/spaces):
- entity: same type, and the gold name or a gold alias equals the predicted name or alias;
- relation: same predicate, subject and object resolved through the matched entities' names
  and aliases; the role must equal when gold gives one;
- indicator: same subject (resolved likewise), same value in the same unit (1e-6 relative) or
  the same quantity in base units (1万亿元 = 10000亿元), periods
  compatible (gold period empty, or same year — or either year unknown — and same sub-period),
  and similar metric: the Dice coefficient of the two names' character multisets ≥ 0.6, or one
  name containing the other.
Gold items marked ``optional`` are neither required nor penalised; a prediction that matches
one is not spurious. Each gold item is matched at most once; a second prediction matching the
same gold item is spurious (a duplicate). ``must_not_appear`` strings inside any predicted
entity name or alias are errors.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from opencc_pyo3 import OpenCC

from regionkg.errors import InputError
from regionkg.graph.extract import lexicon
from regionkg.graph.extract.numbers import parse_period
from regionkg.graph.extract.pipeline import extract_file

METRIC_DICE = 0.6


@lru_cache(maxsize=None)
def _t2s() -> OpenCC:
    return OpenCC("t2s")


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", _t2s().convert(s or ""))
    return re.sub(r"[《》〈〉·•・\s\"“”'‘’]", "", s).lower()


def dice(a: str, b: str) -> float:
    ca, cb = Counter(norm(a)), Counter(norm(b))
    total = sum(ca.values()) + sum(cb.values())
    return 2 * sum((ca & cb).values()) / total if total else 0.0


def metric_similar(a: str, b: str) -> bool:
    na, nb = norm(a), norm(b)
    return na in nb or nb in na or dice(na, nb) >= METRIC_DICE


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class PartResult:
    total: Score = field(default_factory=Score)
    by: dict[str, Score] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    def count(self, key: str, kind: str, label: str | None = None) -> None:
        s = self.by.setdefault(key, Score())
        setattr(s, kind, getattr(s, kind) + 1)
        setattr(self.total, kind, getattr(self.total, kind) + 1)
        if kind == "fn" and label:
            self.misses.append(label)
        if kind == "fp" and label:
            self.spurious.append(label)


def _match(gold: list[dict], preds: list[Any], same, part: PartResult, key_g, key_p, label_g, label_p) -> None:
    used: set[int] = set()
    order = sorted(range(len(gold)), key=lambda i: bool(gold[i].get("optional")))
    for gi in order:
        g = gold[gi]
        hit = next((pi for pi, p in enumerate(preds) if pi not in used and same(g, p)), None)
        if hit is not None:
            used.add(hit)
            if not g.get("optional"):
                part.count(key_g(g), "tp")
        elif not g.get("optional"):
            part.count(key_g(g), "fn", label_g(g))
    for pi, p in enumerate(preds):
        if pi not in used:
            part.count(key_p(p), "fp", label_p(p))


def score_document(gold: dict, ext_json: dict) -> dict[str, Any]:
    """Entity, relation and indicator results for one document."""
    ents = ext_json["entities"]
    forms = {e["name"]: {norm(x) for x in [e["name"], *e.get("aliases", [])]} for e in ents}
    gforms = [{norm(x) for x in [g["name"], *g.get("aliases", [])]} for g in gold.get("entities", [])]
    canon: dict[str, str] = {}  # norm(any form) → norm(gold name)
    for g, gf in zip(gold.get("entities", []), gforms):
        for f in gf:
            canon.setdefault(f, norm(g["name"]))

    def resolve(name: str) -> set[str]:
        fs = forms.get(name, {norm(name)})
        return {canon.get(f, f) for f in fs}

    def gres(name: str) -> str:
        return canon.get(norm(name), norm(name))

    e_part = PartResult()
    _match(gold.get("entities", []), ents,
           lambda g, p: g["type"] == p["type"] and bool(
               {norm(x) for x in [g["name"], *g.get("aliases", [])]} & forms[p["name"]]),
           e_part, lambda g: g["type"], lambda p: p["type"],
           lambda g: f'{g["name"]} ({g["type"]})', lambda p: f'{p["name"]} ({p["type"]})')

    r_part = PartResult()
    _match(gold.get("relations", []), ext_json["relations"],
           lambda g, p: g["p"] == p["p"] and gres(g["s"]) in resolve(p["s"])
           and gres(g["o"]) in resolve(p["o"])
           and (not g.get("role") or norm(g["role"]) == norm(p.get("role") or "")),
           r_part, lambda g: g["p"], lambda p: p["p"],
           lambda g: f'{g["s"]} {g["p"]} {g["o"]}' + (f' [{g["role"]}]' if g.get("role") else ""),
           lambda p: f'{p["s"]} {p["p"]} {p["o"]}' + (f' [{p["role"]}]' if p.get("role") else ""))

    def same_ind(g: dict, p: dict) -> bool:
        return (gres(g["subject"]) in resolve(p["subject"]) and _same_quantity(g, p)
                and _periods_compatible(g.get("period"), p.get("period"))
                and metric_similar(g["metric"], p["metric"]))

    i_part = PartResult()
    _match(gold.get("indicators", []), ext_json["indicators"], same_ind, i_part,
           lambda g: g["unit"], lambda p: p["unit"],
           lambda g: f'{g["subject"]} {g["metric"]} {g["value"]}{g["unit"]} {g.get("period")}',
           lambda p: f'{p["subject"]} {p["metric"]} {p["value"]}{p["unit"]} {p.get("period")}')

    bad = [f"{e['name']} contains {s}" for e in ents for s in gold.get("must_not_appear", [])
           for x in [e["name"], *e.get("aliases", [])] if s in x]
    return {"entities": e_part, "relations": r_part, "indicators": i_part, "must_not_appear": bad}


def _same_quantity(g: dict, p: dict) -> bool:
    """Equal value in equal units, or equal once both are in base units (1万亿元 = 10000亿元)."""
    gv, pv = float(g["value"]), float(p["value"])
    if norm(g["unit"]) == norm(p["unit"]):
        return abs(gv - pv) <= 1e-6 * max(1.0, abs(gv))
    table = lexicon.units()
    gu, pu = table.get(norm(g["unit"])), table.get(norm(p["unit"]))
    if not gu or not pu or gu[0] != pu[0]:
        return False
    return abs(gv * gu[1] - pv * pu[1]) <= 1e-6 * max(1.0, abs(gv * gu[1]))


def _periods_compatible(gold: str | None, pred: str | None) -> bool:
    if not gold:
        return True
    gy, gs = parse_period(gold)
    py, ps = parse_period(pred)
    return (gy is None or py is None or gy == py) and gs == ps


def gold_pairs(gold_dir: Path) -> list[tuple[Path, Path]]:
    """(gold file, article) pairs of a directory: the ``doc`` field, else ``NN_*`` beside it."""
    if not gold_dir.is_dir():
        raise InputError("not a directory", path=str(gold_dir))
    pairs = []
    for gpath in sorted(gold_dir.glob("*.gold.json")):
        stem = gpath.name[: -len(".gold.json")]
        try:
            gold = json.loads(gpath.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read gold file: {exc}", path=str(gpath)) from exc
        doc = gold_dir / gold["doc"] if gold.get("doc") else None
        if doc is None or not doc.exists():
            doc = next((p for p in sorted(gold_dir.glob(f"{stem}_*")) if not p.name.endswith(".json")), None)
        if doc is None:
            raise InputError("no article beside this gold file", path=str(gpath))
        pairs.append((gpath, doc))
    if not pairs:
        raise InputError("no *.gold.json files", path=str(gold_dir))
    return pairs


def evaluate(gold_dir: Path) -> dict[str, Any]:
    """Score every gold file of ``gold_dir``; totals are micro-averaged over documents."""
    parts = {k: PartResult() for k in ("entities", "relations", "indicators")}
    docs, bad = [], []
    for gpath, doc in gold_pairs(gold_dir):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        res = score_document(gold, extract_file(doc).to_json())
        docs.append({"doc": doc.name, **{k: res[k].total.as_dict() for k in parts}})
        for k in parts:
            parts[k].total.add(res[k].total)
            for key, s in res[k].by.items():
                parts[k].by.setdefault(key, Score()).add(s)
            parts[k].misses += [f"{doc.name[:3]}: {m}" for m in res[k].misses]
            parts[k].spurious += [f"{doc.name[:3]}: {m}" for m in res[k].spurious]
        bad += [f"{doc.name}: {b}" for b in res["must_not_appear"]]
    return {
        "documents": docs,
        **{k: {"total": p.total.as_dict(), "by": {t: s.as_dict() for t, s in sorted(p.by.items())},
               "misses": p.misses, "spurious": p.spurious} for k, p in parts.items()},
        "must_not_appear": bad,
        "metric_rule": f"character Dice >= {METRIC_DICE} or containment",
    }
