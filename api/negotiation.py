"""The one HTML-or-data decision: browsers get pages, programs get RDF or JSON.

Format negotiation itself lives in ``regionkg.formats.negotiate``; this only answers whether
the client ranks ``text/html`` at least as high as every RDF format it names.
"""

from __future__ import annotations

from regionkg.formats import negotiate

RDF_RESULT_FORMATS = ("ttl", "nt", "jsonld", "rdfxml")


def _q(params: list[str]) -> float:
    for param in params:
        key, _, value = param.partition("=")
        if key.strip() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


def prefers_html(accept: str | None) -> bool:
    """True when ``text/html`` is acceptable and no named RDF format is preferred to it."""
    if not accept:
        return False
    best_rdf, html_q = 0.0, 0.0
    for part in accept.split(","):
        media, *params = (p.strip().lower() for p in part.split(";"))
        q = _q(params)
        if media in ("text/html", "application/xhtml+xml"):
            html_q = max(html_q, q)
        elif media not in ("*/*", "*") and negotiate(media, "graph", "ttl", allowed=RDF_RESULT_FORMATS):
            best_rdf = max(best_rdf, q)
    return html_q > 0 and html_q >= best_rdf
