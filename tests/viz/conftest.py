"""Fixtures of the view tests: stores (bundled articles, a hostile fixture), headless Chromium.

Chromium is Debian's ``/usr/bin/chromium`` driven by the ``playwright`` package (no downloaded
browsers). Without it the browser tests skip locally, and fail under ``CI=true``.
"""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from regionkg.graph.model import Document, Entity, Extraction, Indicator, Relation, Span
from regionkg.graph.rdf import build
from regionkg.graph.store import OxigraphStore, open_store
from regionkg.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
SCREENSHOTS = ROOT / "test-output" / "viz"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

XSS_IMG = "<img src=x onerror=window.__x=1>"
XSS_SCRIPT = "</script><script>window.__y=1</script>"


def _chromium() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        path = ""
    if path and Path(path).exists():
        return path
    if os.environ.get("CI"):
        pytest.fail("headless Chromium (Debian `chromium`) or the playwright package is missing under CI")
    pytest.skip("headless Chromium not installed (apt-get install chromium fonts-noto-cjk; "
                "pip install playwright); under CI=true this is an error")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _hostile_extraction() -> Extraction:
    """A document whose entity names, title and indicator try to inject HTML and script."""
    parts = [XSS_IMG, "位于", "上饶市", "。", XSS_SCRIPT, "投资", XSS_IMG, "。", "《", XSS_SCRIPT, "政策》",
             "支持", "数字经济", "。", XSS_IMG, "营业收入", "12亿元", "。"]
    text = "".join(parts)

    def at(needle: str, after: int = 0) -> Span:
        start = text.index(needle, after)
        return Span(start, start + len(needle), needle)

    policy = f"{XSS_SCRIPT}政策"
    doc = Document(path=f"{XSS_SCRIPT}.txt", sha256=hashlib.sha256(text.encode()).hexdigest(),
                   encoding="utf-8", original=text, title=XSS_IMG)
    entities = [
        Entity(XSS_IMG, "Enterprise", mentions=[at(XSS_IMG)]),
        Entity("上饶市", "Region", mentions=[at("上饶市")]),
        Entity(XSS_SCRIPT, "Enterprise", mentions=[at(XSS_SCRIPT)]),
        Entity(policy, "Policy", mentions=[at(policy)]),
        Entity("数字经济", "Industry", mentions=[at("数字经济")]),
    ]
    relations = [
        Relation(XSS_IMG, "locatedIn", "上饶市", at(XSS_IMG + "位于上饶市")),
        Relation(XSS_SCRIPT, "investsIn", XSS_IMG, at(XSS_SCRIPT + "投资" + XSS_IMG)),
        Relation(policy, "supports", "数字经济", at("支持数字经济")),
        Relation(policy, "targets", "上饶市", at("上饶市")),
    ]
    indicators = [Indicator(XSS_IMG, f"营业收入{XSS_SCRIPT}", 12, "亿元", at("12亿元"), period="2024")]
    return Extraction(doc, entities, relations, indicators)


def _open(tmp: Path) -> OxigraphStore:
    store = open_store(Settings(data_dir=tmp, store_url=None))
    assert isinstance(store, OxigraphStore)
    return store


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    """A store holding the hostile document only."""
    store = _open(tmp_path_factory.mktemp("hostile"))
    built = build(_hostile_extraction())
    store.replace_graph(built.graph, built.quads)
    yield store
    store.close()
    gc.collect()


@pytest.fixture(scope="session")
def articles_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings of a store filled by ingesting the bundled articles (closed again)."""
    from regionkg.graph.ingest import ingest

    settings = Settings(data_dir=tmp_path_factory.mktemp("articles"), store_url=None)
    store = open_store(settings)
    results = ingest(store, [ARTICLES])
    store.close()
    gc.collect()
    assert results and all(r.status != "failed" for r in results), [r.errors for r in results]
    yield settings


@pytest.fixture(scope="session")
def articles_store(articles_settings: Settings) -> Iterator[OxigraphStore]:
    """The bundled articles' graph, read-only."""
    store = open_store(articles_settings, read_only=True)
    assert isinstance(store, OxigraphStore)
    yield store
    store.close()
    gc.collect()


class LoadedView:
    """A view open in a browser page, with what it requested and any CSP violations."""

    def __init__(self, page: Any, requests: list[str], violations: list[str]) -> None:
        self.page = page
        self.requests = requests
        self.violations = violations

    def counts(self) -> tuple[int, int]:
        """Nodes and edges in the page's vis-network data."""
        return tuple(self.page.evaluate(
            "[window.__vizNetwork.body.data.nodes.length, window.__vizNetwork.body.data.edges.length]"))

    def external(self) -> list[str]:
        """Requests that left file: and 127.0.0.1."""
        return [u for u in self.requests if not (u.startswith("file:") or u.startswith("http://127.0.0.1:")
                                                 or u.startswith("data:"))]

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path


@pytest.fixture
def load_view(browser: Any) -> Iterator[Any]:
    """Open a URL, abort (and record) every request to another host, wait for the first paint."""
    contexts: list[Any] = []

    def load(url: str, *, bypass_csp: bool = False) -> LoadedView:
        context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=bypass_csp)
        contexts.append(context)
        page = context.new_page()
        requests: list[str] = []
        violations: list[str] = []

        def route(r: Any) -> None:
            local = r.request.url.startswith(("file:", "http://127.0.0.1:", "data:"))
            r.continue_() if local else r.abort()

        page.on("request", lambda r: requests.append(r.url))
        page.route("**/*", route)
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(url)
        page.wait_for_function("document.body.dataset.ready === 'true'", timeout=30_000)
        return LoadedView(page, requests, violations)

    yield load
    for context in contexts:
        context.close()


def graph_extraction(name: str, types: dict[str, str], triples: list[tuple[str, str, str]]) -> Extraction:
    """An Extraction stating ``triples``: one sentence per triple, spans computed from the text."""
    sentences = [f"{s}{p}{o}。" for s, p, o in triples]
    text = "".join(sentences)
    offsets, at = [], 0
    for sentence in sentences:
        offsets.append(at)
        at += len(sentence)
    entities = [Entity(n, t, mentions=[Span(text.index(n), text.index(n) + len(n), n)])
                for n, t in types.items()]
    relations = [Relation(s, p, o, Span(start, start + len(sen) - 1, sen[:-1]))
                 for (s, p, o), sen, start in zip(triples, sentences, offsets)]
    doc = Document(path=name, sha256=hashlib.sha256(text.encode()).hexdigest(), encoding="utf-8", original=text)
    return Extraction(doc, entities, relations)


@pytest.fixture(scope="session")
def hub_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    """A hub enterprise investing in 120 firms; each firm sits in one of 8 parks (degrees differ),
    and a policy with issuer, targets, supports and basedOn."""
    types = {"枢纽集团": "Enterprise", "政策甲": "Policy", "政策乙": "Policy", "国务院": "GovernmentAgency",
             "上饶市": "Region", "数字经济": "Industry"}
    triples = []
    for i in range(120):
        firm, park = f"企业{i:03d}", f"园区{i % 8}"
        types[firm], types[park] = "Enterprise", "Park"
        triples.append(("枢纽集团", "investsIn", firm))
        triples.append((firm, "locatedIn", park))
        if i % 3 == 0:
            triples.append((firm, "partnerOf", f"企业{(i + 1) % 120:03d}"))
    triples += [("政策甲", "issuedBy", "国务院"), ("政策甲", "targets", "上饶市"),
                ("政策甲", "supports", "数字经济"), ("政策甲", "basedOn", "政策乙"),
                ("园区0", "locatedIn", "上饶市")]
    store = _open(tmp_path_factory.mktemp("hub"))
    built = build(graph_extraction("hub.txt", types, triples))
    store.replace_graph(built.graph, built.quads)
    yield store
    store.close()
    gc.collect()
