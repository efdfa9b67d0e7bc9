"""Bytes → text: find the encoding of an article file, or reject it with the reason.

Order of evidence: a byte-order mark; binary signatures; an HTML ``<meta charset>``; a strict
UTF-8 decode; UTF-16 without a BOM; then charset-normalizer's candidates. Short Chinese texts
fool statistical detectors (a few GBK characters also decode as Big5 or EUC-KR), so the
detector's candidates are re-ranked by how much the decoded text reads like Chinese.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from regionkg.errors import InputError
from regionkg.graph.text.freq import mean_logp, rare_hanzi

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document (DOC/XLS)"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_:.-]+)""",
    re.I,
)
# Declared names → the superset codec that decodes them (GB2312 and GBK text is GB18030).
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}
# Encodings a Chinese article plausibly uses; limits charset-normalizer's search.
_CANDIDATES = ["gb18030", "big5", "utf_16_le", "utf_16_be", "cp1252", "latin_1"]
_SINGLE_BYTE = {"cp1252", "latin_1", "windows-1252", "iso-8859-1", "ascii"}
_PLAUSIBLE = 0.85
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_SCORED = 400  # characters scored by the language model to break ties
# Not ordinary in a Chinese article: controls, letters outside ASCII and CJK (Hangul, Latin-1
# accents, Cyrillic... are what a wrong guess of the encoding produces), private use.
_ODD = re.compile(
    "[^\t\n\r\x20-\x7e\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
    "\u2000-\u206f\u00b7\u00d7\u2460-\u24ff\u25a0-\u25ff]"
)


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise ``InputError`` naming ``path`` and the reason."""
    if not data:
        raise InputError("empty file", path=path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding, path), encoding + "-bom"
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"binary file ({what}), not a text article", path=path)
    if 0 in data:  # text has no NUL bytes, except UTF-16 (ASCII characters) without a BOM
        utf16 = _utf16_without_bom(data)
        if utf16:
            return utf16
        raise InputError("binary data (NUL bytes), not a text article", path=path)
    text, encoding = _decode_8bit(data, path)
    if len(_CONTROLS.findall(text)) > 2 + len(text) // 20:
        raise InputError("binary data (control characters), not a text article", path=path)
    return text, encoding


def _decode_8bit(data: bytes, path: str) -> tuple[str, str]:
    """A declared charset, unless the bytes are valid UTF-8 with multi-byte characters: pages
    re-saved as UTF-8 keep their old ``gb2312`` declaration, and GB18030 decodes almost any
    bytes, so the declaration would silently garble them."""
    try:
        utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    declared = _declared_charset(data)
    if declared and (utf8 is None or utf8.isascii()):
        try:
            return data.decode(_SUPERSET.get(declared, declared)), declared
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong declaration is common; fall through to detection
    if utf8 is not None:
        return utf8, "utf-8"
    utf16 = _utf16_without_bom(data)  # all-CJK UTF-16 has no NUL bytes
    if utf16:
        return utf16
    return _detect(data, path)


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"invalid {encoding} after its byte-order mark: {exc.reason}", path=path) from exc


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        codecs.lookup(_SUPERSET.get(name, name))
    except LookupError:
        return None
    return name


def chinese_plausibility(text: str) -> float:
    """Share of characters that are ordinary: ASCII, whitespace, punctuation, common hanzi."""
    sample = text[:4000]
    if not sample:
        return 0.0
    odd = len(_ODD.findall(sample)) + len(rare_hanzi(50).findall(sample))
    return 1 - odd / len(sample)


def _readability(text: str) -> tuple[float, float]:
    """Rank decodings: share of ordinary characters first; on a tie (short texts, where any
    two GBK characters are also two Big5 ones) how well the text reads as words."""
    return round(chinese_plausibility(text), 2), mean_logp(text[:_SCORED])


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    if len(data) % 2:
        return None
    ranked = []
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if chinese_plausibility(text) >= _PLAUSIBLE:
            ranked.append((_readability(text), text, encoding))
    return max(ranked)[1:] if ranked else None


def _detect(data: bytes, path: str) -> tuple[str, str]:
    """charset-normalizer's candidates, re-ranked by how Chinese-like the result reads."""
    ranked: list[tuple[tuple[float, float], str, str]] = []
    for match in from_bytes(data, cp_isolation=_CANDIDATES):
        text = str(match)
        if match.encoding in _SINGLE_BYTE:
            non_ascii = sum(not c.isascii() for c in text) / max(len(text), 1)
            if non_ascii >= 0.2:  # Latin-1 decodes anything: only near-ASCII text is plausible
                continue
        ranked.append((_readability(text), match.encoding, text))
    for encoding in ("gb18030", "big5hkscs"):  # the detector may drop a strict candidate
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        ranked.append((_readability(text), encoding, text))
    ranked.sort(key=lambda r: r[0], reverse=True)
    if not ranked or ranked[0][0][0] < _PLAUSIBLE:
        raise InputError("binary or undecodable data: no encoding gives readable text", path=path)
    return ranked[0][2], _name(ranked[0][1])


def _name(encoding: str) -> str:
    return {"big5hkscs": "big5", "utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be"}.get(
        encoding, encoding.replace("_", "-")
    )
