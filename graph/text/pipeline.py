"""``normalize``: article bytes → ``NormalizedText``, one step after another on a ``MappedText``.

Order matters: markup goes first (everything after works on text); encoding repairs come
before anything that changes characters (they need the damaged characters as they were);
pinyin glosses go before the GBK repair (a gloss can sit inside a damaged run); folding and
simplification come last (repeats are dropped just before simplifying, so the clean text as
written, traditional or not, stays aligned with the simplified one), then sentences are found.
"""

from __future__ import annotations

import hashlib

from regionkg.errors import InputError
from regionkg.graph.model import Repair, Span
from regionkg.graph.text import clean, structure
from regionkg.graph.text.convert import simplify, to_simplified
from regionkg.graph.text.decode import decode
from regionkg.graph.text.gbk_shift import find_shift_repairs
from regionkg.graph.text.html import html_to_text, looks_like_html, page_title, published_date
from regionkg.graph.text.mapped import MappedText
from regionkg.graph.text.markdown import is_markdown, markdown_to_text
from regionkg.graph.text.mojibake import irreparable_runs, latin1_fixes, mask_known_garbage
from regionkg.graph.text.normalized import NormalizedText


class _Steps:
    """The text being cleaned plus what has been reported so far (original coordinates)."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.mapped = MappedText.identity(original)
        self.repairs: list[Repair] = []
        self.quarantined: list[tuple[int, int]] = []  # original spans
        self.dropped: list[Span] = []

    def report(self, kind: str, start: int, end: int, new: str, note: str | None = None) -> Repair:
        """Record a repair of current ``text[start:end]`` (reported in original offsets)."""
        ostart, oend = self.mapped.orig_span(start, end)
        repair = Repair(kind, ostart, oend, self.original[ostart:oend], new, note)
        self.repairs.append(repair)
        return repair

    def quarantine(self, repair: Repair) -> None:
        self.quarantined.append((repair.start, repair.end))

    def replace(self, edits: list[tuple[int, int, str]], kind: str, note: str | None = None) -> None:
        """Apply edits and report each as a repair of ``kind``."""
        for start, end, new in edits:
            self.report(kind, start, end, new, note)
        self.mapped = self.mapped.edit(edits)

    def quarantined_in_clean(self) -> list[tuple[int, int]]:
        spans = [self.mapped.to_clean(s, e) for s, e in sorted(self.quarantined)]
        return [s for s in spans if s]


def normalize(data: bytes, path: str) -> NormalizedText:
    """Decode ``data`` (the file at ``path``) and return its clean simplified text."""
    original, encoding = decode(data, path)
    if not original.strip():
        raise InputError("the file holds only whitespace", path=path)
    steps = _Steps(original)
    declared_date = declared_title = None
    if looks_like_html(original, path):
        steps.mapped = html_to_text(steps.mapped)
        declared_date, declared_title = published_date(original), page_title(original)
    elif is_markdown(path):
        steps.mapped = markdown_to_text(steps.mapped)
    _repair_encoding(steps)
    steps.mapped = clean.layout(clean.fold(steps.mapped))
    if not steps.mapped.text.strip():
        raise InputError("no text left after removing markup", path=path)
    _drop_repeats(steps)
    written = steps.mapped.text
    mapped = steps.mapped = simplify(steps.mapped)
    return NormalizedText(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        original=original,
        text=mapped.text,
        offsets=list(zip(mapped.starts, mapped.ends, strict=True)),
        repairs=sorted(steps.repairs, key=lambda r: (r.start, r.end)),
        dropped=steps.dropped,
        quarantined=steps.quarantined_in_clean(),
        sentences=structure.sentence_spans(mapped.text),
        title=_clean_title(declared_title) if declared_title else structure.title_of(mapped.text),
        date=declared_date or structure.date_of(mapped.text),
        written_text=written if len(written) == len(mapped.text) else None,
    )


def _clean_title(title: str) -> str:
    """A page's declared title, folded and simplified like the text."""
    return to_simplified(title.translate(clean.fold_table()))


def _repair_encoding(steps: _Steps) -> None:
    """Mojibake repairs, invisible characters, pinyin glosses, irreparable runs quarantined."""
    fixes = latin1_fixes(steps.mapped.text)
    steps.replace([(f.start, f.end, f.repaired) for f in fixes], "mojibake", _LATIN1_NOTE)
    steps.mapped = clean.remove_invisible(steps.mapped)
    steps.replace([(s, e, "") for s, e in clean.pinyin_glosses(steps.mapped.text)], "pinyin-gloss")
    _repair_gbk_shift(steps)
    irreparable = []
    for start, end in irreparable_runs(steps.mapped.text):
        ostart, oend = steps.mapped.orig_span(start, end)
        if not any(qs <= ostart and oend <= qe for qs, qe in steps.quarantined):
            irreparable.append((start, end, "\ufffd"))
            steps.quarantined.append((ostart, oend))
    steps.replace(irreparable, "quarantine", "irreparable mojibake: the original characters are lost")


_LATIN1_NOTE = "UTF-8 read as Latin-1/CP1252 (ftfy)"


def _repair_gbk_shift(steps: _Steps) -> None:
    """Apply byte-shift repairs; quarantine what is still damaged or could not be repaired."""
    scan = find_shift_repairs(mask_known_garbage(steps.mapped.text))
    for start, end in scan.unrepaired:
        note = "looks like GBK text out of step, but no repair reads as Chinese"
        steps.quarantine(steps.report("quarantine", start, end, steps.mapped.text[start:end], note))
    for shift in scan.repairs:
        note = f"GBK text out of step by one lost byte; 0x{shift.lost_byte:02X} restored"
        if shift.damaged:
            note += "; still damaged: quarantined, suggestions are guesses"
        repair = steps.report("gbk-shift", shift.start, shift.end, shift.repaired, note)
        if shift.damaged:
            repair.suggestions = shift.suggestions
            steps.quarantined.append(steps.mapped.orig_span(shift.suspect_start, shift.end))
    edits = [(s.start, s.end, s.repaired, s.sources) for s in scan.repairs]
    steps.mapped = steps.mapped.edit_mapped(edits)


def _drop_repeats(steps: _Steps) -> None:
    """Drop repeated lines and sentences (with their line break), recording original spans."""
    mapped = steps.mapped
    edits = []
    for start, end in structure.repeated_spans(mapped.text):
        whole_line = start == 0 or mapped.text[start - 1] == "\n"
        if whole_line and end < len(mapped.text) and mapped.text[end] == "\n":
            end += 1
        ostart, oend = mapped.orig_span(start, end)
        steps.dropped.append(Span(ostart, oend, steps.original[ostart:oend]))
        edits.append((start, end, ""))
    if edits:
        steps.mapped = clean.layout(mapped.edit(edits))
