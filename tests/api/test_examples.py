"""The query page's examples are the README's documented queries, and they answer on real data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from regionkg.api.examples import EXAMPLES, with_prefixes

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
BLOCKS = dict(re.findall(r"<!-- sparql ([\w-]+) -->\s*```sparql\n(.+?)\n```", README, re.S))


@pytest.mark.parametrize("name,title,query", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_example_is_the_readme_block_and_runs(client, name: str, title: str, query: str) -> None:
    assert BLOCKS[name] == query
    resp = client.post("/sparql", data={"query": with_prefixes(query)})
    assert resp.status_code == 200, resp.text
    assert resp.json()["results"]["bindings"], f"{title}: no rows on the bundled articles"
    assert title.split()[-1] in client.get("/query").text
