"""Synthetic regions/enterprises/policies corpus, turned into RDF by regionkg's own builder.

Each synthetic article is an ``Extraction`` whose text is made of one sentence per fact, so
spans, mentions, statements, memberships and observations have exactly the shape real
articles produce (``regionkg.graph.rdf.build``), and regions get their real GB/T 2260 chain.
Links are Zipf-distributed: a few enterprises, parks and agencies are hubs. Enterprises are
drawn with exponent 1.5 and each article has a signing of one drawn enterprise with 6–16 partners
from the whole population, so the biggest hub gathers a few thousand distinct relations at 1M
quads (about 3,300; the second about 1,300) the way the busiest companies of a news corpus do.
Revenue is stated in 亿元 or 万元, normalised to CNY as the extractor does.

    python bench/synth.py --triples 100000 -o /tmp/synth-100k.nq
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, serialize

from regionkg.graph import regions
from regionkg.graph.model import Document, Entity, Extraction, Indicator, Relation, Span
from regionkg.graph.rdf import build

INDUSTRIES = [
    "数字经济", "人工智能", "集成电路", "生物医药", "新能源汽车", "光伏新能源", "工业软件", "数据产业",
    "网络微短剧", "数字营销", "信息安全", "智能网联汽车", "新材料", "高端装备", "现代物流", "文化旅游",
    "航空航天", "电子信息", "绿色食品", "节能环保", "云计算", "物联网", "区块链", "虚拟现实",
]
ROLES = ["董事长", "总经理", "党组书记", "局长", "院长", "主任", "执行院长", "首席科学家"]
QUADS_PER_ARTICLE = 1450  # about what one synthetic article builds to; sizes the entity pools
PREFIXES = "华信恒瑞博远启明天成鼎盛海川云帆星辰中科金诚宏达卓越新锐智联"


class Zipf:
    """Draw indexes 0..n-1 with probability ∝ 1/(i+1)^s (a few hubs, a long tail)."""

    def __init__(self, n: int, rng: random.Random, s: float = 1.1) -> None:
        self.cum = list(itertools.accumulate(1 / (i + 1) ** s for i in range(n)))
        self.rng = rng

    def __call__(self) -> int:
        return bisect.bisect_left(self.cum, self.rng.random() * self.cum[-1])


def _name(rng: random.Random, i: int, suffix: str) -> str:
    return "".join(rng.choice(PREFIXES) for _ in range(2)) + f"{i}" + suffix


class Corpus:
    """Entity pools sized for ``docs`` articles."""

    def __init__(self, docs: int, seed: int = 7) -> None:
        self.rng = rng = random.Random(seed)
        divisions = [d for d in regions._index()[0].values() if d.level != "Province"]
        rng.shuffle(divisions)
        self.regions = [d.name for d in divisions[: max(50, min(len(divisions), docs))]]
        self.enterprises = [_name(rng, i, "科技有限公司") for i in range(max(100, docs * 12))]
        self.parks = [_name(rng, i, "产业园") for i in range(max(20, docs // 2))]
        self.agencies = [_name(rng, i, "发展改革委员会") for i in range(max(10, docs // 20))]
        self.policies = [f"关于支持{_name(rng, i, '')}产业高质量发展的若干措施" for i in range(max(20, docs // 2))]
        self.people = [rng.choice("王李张刘陈杨赵黄周吴") + rng.choice("伟芳娜敏静丽强磊军洋") + str(i)
                       for i in range(max(50, docs * 3))]
        self.z_ent, self.z_park = Zipf(len(self.enterprises), rng, 1.5), Zipf(len(self.parks), rng)
        self.z_reg, self.z_agency = Zipf(len(self.regions), rng), Zipf(len(self.agencies), rng)
        self.z_pol, self.z_ind = Zipf(len(self.policies), rng), Zipf(len(INDUSTRIES), rng)

    def article(self, n: int) -> Extraction:
        """Synthetic article ``n``: ~12 facts, one sentence each, spans computed from the text."""
        rng, text = self.rng, []
        entities: dict[str, Entity] = {}
        relations: list[Relation] = []
        indicators: list[Indicator] = []
        pos = 0

        def sentence(*parts: tuple[str, str | None]) -> list[Span]:
            """Append a sentence of (text, entity type or None) parts; returns every part's span."""
            nonlocal pos
            spans = []
            for chunk, type_ in parts:
                span = Span(pos, pos + len(chunk), chunk)
                if type_:
                    entities.setdefault(chunk, Entity(chunk, type_)).mentions.append(span)
                spans.append(span)
                text.append(chunk)
                pos += len(chunk)
            text.append("。")
            pos += 1
            return spans

        def rel(s: str, p: str, o: str, spans: list[Span], role: str | None = None) -> None:
            start, end = spans[0].start, spans[-1].end
            relations.append(Relation(s, p, o, Span(start, end, "".join(text)[start:end]), role))

        for _ in range(3):
            e, park = self.enterprises[self.z_ent()], self.parks[self.z_park()]
            region = self.regions[self.z_reg()]
            rel(e, "locatedIn", park, sentence((e, "Enterprise"), ("落户", None), (park, "Park")))
            rel(park, "locatedIn", region, sentence((park, "Park"), ("位于", None), (region, "Region")))
            ind = INDUSTRIES[self.z_ind()]
            rel(e, "focusesOn", ind, sentence((e, "Enterprise"), ("专注于", None), (ind, "Industry")))
            year, yi = rng.randint(2019, 2024), rng.lognormvariate(3, 1.5)
            value, unit, scale = (round(yi, 2), "亿元", 1e8) if rng.random() < 0.6 else (round(yi * 1e4), "万元", 1e4)
            spans = sentence((f"{year}年,", None), (e, "Enterprise"), (f"营业收入{value}{unit}", None))
            indicators.append(Indicator(e, "营业收入", value, unit, spans[-1], period=str(year),
                                        normalized_value=value * scale, normalized_unit="CNY"))
        pol, agency = self.policies[self.z_pol()], self.agencies[self.z_agency()]
        pol_spans = sentence((agency, "GovernmentAgency"), ("印发", None), (pol, "Policy"))
        rel(pol, "issuedBy", agency, pol_spans)
        region, ind = self.regions[self.z_reg()], INDUSTRIES[self.z_ind()]
        rel(pol, "targets", region, sentence((pol, "Policy"), ("适用于", None), (region, "Region")))
        rel(pol, "supports", ind, sentence((pol, "Policy"), ("支持", None), (ind, "Industry")))
        for _ in range(2):
            person, e, role = rng.choice(self.people), self.enterprises[self.z_ent()], rng.choice(ROLES)
            rel(person, "holdsRole", e, sentence((e, "Enterprise"), (role, None), (person, "Person")), role)
        # a signing: a hub-drawn lead enterprise with several partners from the whole population,
        # so the busiest enterprises gather thousands of distinct relations, as real hubs do
        lead = self.enterprises[self.z_ent()]
        partners = sorted({rng.choice(self.enterprises) for _ in range(rng.randint(6, 16))} - {lead})
        parts: list[tuple[str, str | None]] = [(lead, "Enterprise"), ("与", None)]
        for i, b in enumerate(partners):
            parts += [("、", None)] * (i > 0) + [(b, "Enterprise")]
        spans = sentence(*parts, ("签约合作", None))
        for b in partners:
            rel(lead, "partnerOf", b, spans)
        body = "".join(text)
        doc = Document(f"synth/{n:07d}.txt", hashlib.sha256(body.encode()).hexdigest(), "utf-8", body)
        return Extraction(doc, list(entities.values()), relations, indicators)


def quads(target_triples: int, seed: int = 7) -> Iterator[Quad]:
    """Quads of enough synthetic articles to reach about ``target_triples`` quads."""
    corpus = Corpus(max(10, target_triples // QUADS_PER_ARTICLE), seed)
    made = 0
    for n in itertools.count():
        graph = build(corpus.article(n), ingested_at="2026-01-01T00:00:00Z").quads
        yield from graph
        made += len(graph)
        if made >= target_triples:
            return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, required=True, help="N-Quads file to write")
    args = parser.parse_args()
    start = time.perf_counter()
    data = list(quads(args.triples, args.seed))
    args.output.write_bytes(serialize(data, format=RdfFormat.N_QUADS))
    print(f"{len(data)} quads in {time.perf_counter() - start:.1f} s → {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
