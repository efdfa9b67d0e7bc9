"""HTML pages: the query page (YASGUI) and the OpenAPI docs, both with local assets only."""

from __future__ import annotations

import html
import json

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from regionkg.api.examples import EXAMPLES, with_prefixes

router = APIRouter(include_in_schema=False)

_PAGE = """<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8">
<title>regionkg SPARQL</title>
<link rel="stylesheet" href="/static/yasgui/yasgui.min.css">
<style>body{{font-family:sans-serif;margin:1em}} nav button{{margin:0 .3em .3em 0}}</style>
</head><body>
<h1>regionkg SPARQL</h1>
<p>Read-only SPARQL 1.1 endpoint at <code>/sparql</code>; REST API and its docs at <a href="/docs">/docs</a>.</p>
<nav id="examples">{buttons}</nav>
<div id="yasgui"></div>
<script id="example-queries" type="application/json">{examples}</script>
<script src="/static/yasgui/yasgui.min.js"></script>
<script>
  // Only local completions: the default ones fetch prefix.cc and LOV from the internet.
  Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  const examples = JSON.parse(document.getElementById("example-queries").textContent);
  const yasgui = new Yasgui(document.getElementById("yasgui"), {{
    requestConfig: {{ endpoint: window.location.origin + "/sparql", method: "POST" }},
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: {{ getData: () => [{{ endpoint: window.location.origin + "/sparql" }}] }},
    yasqe: {{ value: examples[0] }},
  }});
  document.querySelectorAll("#examples button").forEach((b) =>
    b.addEventListener("click", () => yasgui.getTab().setQuery(examples[Number(b.dataset.i)])));
</script>
</body></html>
"""


def query_page() -> str:
    """The YASGUI page; example titles are escaped, queries travel as JSON (``</`` escaped)."""
    buttons = "".join(f'<button type="button" data-i="{i}">{html.escape(title)}</button>'
                      for i, (_, title, _) in enumerate(EXAMPLES))
    examples = json.dumps([with_prefixes(q) for _, _, q in EXAMPLES], ensure_ascii=False).replace("</", "<\\/")
    return _PAGE.format(buttons=buttons, examples=examples)


@router.get("/", response_class=HTMLResponse)
@router.get("/query", response_class=HTMLResponse)
def query(_: Request) -> HTMLResponse:
    return HTMLResponse(query_page())


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url=request.app.openapi_url or "/openapi.json",
        title="regionkg API",
        swagger_js_url="/static/swagger/swagger-ui-bundle.js",
        swagger_css_url="/static/swagger/swagger-ui.css",
        swagger_favicon_url="/static/swagger/favicon.png",
    )
