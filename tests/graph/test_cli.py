"""The store commands, run through the real CLI on the bundled articles."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from pyoxigraph import RdfFormat, parse
from typer.testing import CliRunner

from regionkg.cli.main import app
from regionkg.errors import InputError, ValidationError

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = str(ROOT / "data" / "articles")
runner = CliRunner()


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "data")
    result = runner.invoke(app, ["ingest", ARTICLES, "--data", path])
    assert result.exit_code == 0, result.output
    assert "added" in result.output and "000_de803df" in result.output
    return path


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def test_ingest_again_reports_unchanged(data: str) -> None:
    out = invoke("ingest", ARTICLES, "--data", data)
    assert out.count("unchanged") == 2


def test_query_formats(data: str, tmp_path: Path) -> None:
    query = 'SELECT DISTINCT ?l WHERE { ?e a rkg:Policy ; skos:prefLabel ?l FILTER(langMatches(lang(?l), "zh-Hans")) }'
    table = invoke("query", query, "--data", data)
    assert "新时代推动中部地区加快崛起的若干政策措施" in table
    parsed = json.loads(invoke("query", query, "--format", "json", "--data", data))
    labels = {b["l"]["value"] for b in parsed["results"]["bindings"]}
    assert "新时代推动中部地区加快崛起的若干政策措施" in labels
    rows = list(csv.reader(io.StringIO(invoke("query", query, "-f", "csv", "--data", data))))
    assert rows[0] == ["l"] and len(rows) == len(labels) + 1
    file = tmp_path / "q.rq"
    file.write_text(query, encoding="utf-8")
    assert invoke("query", f"@{file}", "-f", "tsv", "--data", data).startswith("?l")
    assert invoke("query", "ASK { ?s rkg:divisionCode \"361100\" }", "--data", data).strip() == "true"


def test_bad_query_is_a_query_error(data: str) -> None:
    result = runner.invoke(app, ["query", "SELECT ?x WHERE {", "--data", data])
    assert result.exit_code != 0 and type(result.exception).__name__ == "QueryError"


def test_export_rdf_graphml_and_csv(data: str, tmp_path: Path) -> None:
    nq = tmp_path / "all.nq"
    invoke("export", "--format", "nq", "-o", str(nq), "--data", data)
    graphs = {q.graph_name.value for q in parse(path=str(nq), format=RdfFormat.N_QUADS)}
    assert len(graphs) == 3  # two documents + the ontology
    ttl = invoke("export", "--format", "ttl", "--data", data)
    assert "@prefix rkg:" in ttl
    gml = tmp_path / "g.graphml"
    invoke("export", "--format", "graphml", "-o", str(gml), "--data", data)
    graph = nx.read_graphml(gml)
    labels = {d["label"]: d for _, d in graph.nodes(data=True)}
    assert labels["上饶市"]["type"] == "Region" and labels["上饶市"]["code"] == "361100"
    assert any(d["relation"] == "foundedBy" for _, _, d in graph.edges(data=True))
    rows = list(csv.DictReader(io.StringIO(invoke("export", "--format", "csv", "--data", data))))
    assert len(rows) == graph.number_of_edges()
    assert any(r["relation"] == "issuedBy" and r["object_label"] == "国务院" for r in rows)


def test_validate_and_stats(data: str) -> None:
    assert "valid" in invoke("validate", "--data", data)
    stats = json.loads(invoke("stats", "--format", "json", "--data", data))
    assert stats["store"]["document graphs"] == 2
    assert stats["entities"]["Region"] >= 3 and stats["relations"]["foundedBy"] >= 4


def test_missing_path_and_unknown_format(data: str) -> None:
    result = runner.invoke(app, ["ingest", "no/such/dir", "--data", data])
    assert isinstance(result.exception, InputError)
    result = runner.invoke(app, ["export", "--format", "xlsx", "--data", data])
    assert result.exit_code != 0 and "unknown graph format" in str(result.exception)


def test_validate_exits_7_on_a_broken_store(tmp_path: Path) -> None:
    """A store with an unlabelled, untraceable enterprise (written by hand) fails validation."""
    from regionkg.graph.store import open_store
    from regionkg.settings import Settings

    store = open_store(Settings(data_dir=tmp_path))
    from pyoxigraph import NamedNode, Quad

    from regionkg.graph.iris import doc_iri, entity_iri
    from regionkg.ontology import RDF, RKG

    bad = NamedNode(entity_iri("Enterprise", "无名公司"))
    store.replace_graph(doc_iri("bad.txt"), [Quad(bad, NamedNode(RDF + "type"), NamedNode(RKG + "Enterprise"))])
    store.close()
    del store
    proc = subprocess.run([str(Path(sys.executable).parent / "regionkg"), "validate", "--data", str(tmp_path)],
                          capture_output=True, text=True)
    assert proc.returncode == ValidationError.exit_code, proc.stderr
    assert "无名公司" in proc.stdout and "SHACL violations" in proc.stderr
