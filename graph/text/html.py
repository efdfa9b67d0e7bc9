"""HTML → text as edits on a ``MappedText``, so every character still points into the HTML.

A tokenizing regex rather than a DOM: the offset map needs the exact source position of every
text character, which tree builders throw away. Script/style/template contents and comments
vanish, block elements become paragraph breaks, ``<br>`` a line break, entities are unescaped,
and source whitespace (line wrapping) collapses to one space as a browser would show it.
"""

from __future__ import annotations

import html
import re

from regionkg.graph.text.mapped import MappedText

_BLOCK = (
    "address|article|aside|blockquote|caption|dd|div|dl|dt|figcaption|figure|footer|form|"
    "h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|td|th|title|tr|ul"
)
_TOKEN = re.compile(
    r"(?P<drop><!--.*?(?:-->|\Z)|<(?P<raw>script|style|template|noscript)\b.*?(?:</(?P=raw)\s*>|\Z)"
    r"|<![^>]*>|<\?[^>]*>)"
    rf"|(?P<block></?(?:{_BLOCK})\b[^>]*>)"
    r"|(?P<br><br\b[^>]*>)"
    r"|(?P<tag></?[A-Za-z][^>]*>)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?)"
    r"|(?P<space>[ \t\r\n\f]+)",
    re.S | re.I,
)
_DOCUMENT = re.compile(r"<(?:!doctype\s+html|html|head|body|meta)\b", re.I)
_BLOCK_TAG = re.compile(rf"</?(?:{_BLOCK}|br)\b[^>]*>", re.I)
_MIN_BLOCK_TAGS = 5  # a saved fragment without <html>/<body>


def looks_like_html(text: str, path: str) -> bool:
    """An ``.htm(l)`` file, a document's markup near the start, or a fragment full of tags.

    A stray ``<br>`` in a text or Markdown file does not count: treating such a file as HTML
    would fold its line breaks."""
    if path.lower().endswith((".html", ".htm", ".xhtml")) or _DOCUMENT.search(text[:2048]):
        return True
    return len(_BLOCK_TAG.findall(text[:20000])) >= _MIN_BLOCK_TAGS


def html_to_text(mapped: MappedText) -> MappedText:
    """Strip markup from ``mapped`` keeping the offset map into the HTML source."""
    edits: list[tuple[int, int, str]] = []
    for match in _TOKEN.finditer(mapped.text):
        kind = match.lastgroup
        if kind in ("drop", "tag"):
            new = ""
        elif kind == "block":
            new = "\n\n"
        elif kind == "br":
            new = "\n"
        elif kind == "entity":
            new = html.unescape(match.group())
        else:  # whitespace from source layout
            new = " "
        if new != match.group():
            edits.append((match.start(), match.end(), new))
    return mapped.edit(edits)


_PUBLISHED = re.compile(
    r"""<meta\b[^>]*?(?:name|property|itemprop)\s*=\s*["']?(?:article:published_time|pubdate|"""
    r"""publishdate|publish_date|datePublished|date|dc\.date)["']?[^>]*?content\s*=\s*["']"""
    r"""((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})""",
    re.I,
)


def published_date(source: str) -> str | None:
    """The publication date a page declares in its ``<meta>`` tags (ISO), if any."""
    match = _PUBLISHED.search(source[:20000])
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    return f"{year}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)


def page_title(source: str) -> str | None:
    """The text of a page's ``<title>`` element, unescaped and on one line."""
    match = _TITLE.search(source[:20000])
    title = " ".join(html.unescape(match.group(1)).split()) if match else ""
    return title or None

