"""People: a role title followed by a name (局长程渐东说), and bylines (本报记者 郑少忠 朱 磊).

A name is a known surname plus one or two given-name characters; where the length is
ambiguous the reading followed by a speech verb or punctuation wins (赵晖道出 → 赵晖).
Several titles joined by 、 are one role (党组书记、局长).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from regionkg.graph.extract import lexicon
from regionkg.graph.extract.anchored import finditer_near
from regionkg.graph.extract.gazetteer import jieba_tags, places
from regionkg.graph.extract.mention import Mention, canonical

_HAN = re.compile(r"[\u4e00-\u9fff]")
_AFTER_NAME = re.compile(r"[,，。;；:：、“”\"）)\s在对向也还就等和与]|担任|出任|兼任|出席|主持|$")
# characters that end a name only weakly: they also occur as given-name characters (周清和)
_WEAK_AFTER = set("在对向也还就等和与")
# 实验室主任由…陈志远担任: the post comes first, the holder after 由
_HELD_BY = re.compile(r"由[^,，。;；]{0,30}?(?=担任|出任|兼任)")
_BYLINE = re.compile(
    r"(?P<org>本报|本台|本刊|新华社|[\u4e00-\u9fff]{2,6}(?:日报|晚报|网|社|台))?"
    r"(?P<role>特约记者|首席记者|记者|通讯员)[ \u3000]*"
    r"(?P<names>[\u4e00-\u9fff]+(?:[ \u3000]+[\u4e00-\u9fff]+){0,5})"
    r"(?=[ \u3000]*(?:[)）\]】\n\r]|$))"
)


CORPORATE = ("董事长", "总经理", "总裁", "董事", "首席", "创始人", "总监")
# 蔚来汽车联合创始人、总裁秦力洪: a company's short name right before a corporate title
_SHORT_COMPANY = re.compile(r"(?:^|(?<=[。，,；;：:“”\"」』！？\n]))[\u4e00-\u9fffA-Za-z]{2,6}$")
_NOT_COMPANY = re.compile(r"公司|集团|企业|银行|[的在和与及是为由向对将把该其副]")
_COMPANY_WORD_TAGS = {"nz", "nt", "j", "nrt"}

_BYLINE_TITLES = {"记者", "通讯员", "特约记者", "首席记者", "实习生", "摄影"}


@dataclass
class RoleMention:
    """A person holding ``role`` at the organisation ending at ``org_end`` (or unknown: -1)."""

    person: Mention
    role: str
    role_start: int
    org_end: int
    org_hint: str | None = None


@lru_cache(maxsize=None)
def _role_re() -> re.Pattern[str]:
    """Titles joined by 、. The chain opens with a title (not with a repeat) so the regex engine
    skips every position whose character starts no title; with titles longest first and no 、
    inside a title this matches exactly what ``(?:title、)*title`` does."""
    titles = "|".join(map(re.escape, lexicon.role_titles()))
    return re.compile(rf"(?:{titles})(?:、(?:{titles}))*")


def _name_at(text: str, i: int) -> int:
    """End of a personal name starting at ``i``, or -1."""
    sur = lexicon.surnames()
    if text[i:i + 2] in sur:
        lengths, base = (3, 4), i
    elif text[i:i + 1] in sur:
        lengths, base = (2, 3), i
    else:
        return -1
    verbs = lexicon.speech_verbs()
    fits = []
    for n in lengths:
        end = base + n
        if end > len(text) or not all(_HAN.match(c) for c in text[i:end]):
            continue
        after = _AFTER_NAME.match(text, end)
        if any(text.startswith(v, end) for v in verbs) or (after and text[end:end + 1] not in _WEAK_AFTER):
            fits.append((0, end))
        elif after:
            fits.append((1, end))  # 周清|和介绍 is weaker than 周清和|介绍
    return min(fits)[1] if fits else -1


def find_roles(text: str) -> list[RoleMention]:
    """Role title + name pairs; the organisation is whatever name ends where the title starts."""
    out: list[RoleMention] = []
    for m in _role_re().finditer(text):
        if text[m.start():m.end()] in ("记者", "通讯员") and _BYLINE.match(text, m.start()):
            continue
        end = _name_at(text, m.end())
        if end < 0:
            held = _HELD_BY.match(text, m.end())
            start = next((held.end() - n for n in (3, 2, 4) if held and held.end() - n > held.start()
                          and _name_at(text, held.end() - n) == held.end()), -1)
            if start > 0:
                person = Mention(start, held.end(), text[start:held.end()], "Person", "role")
                out.append(RoleMention(person, m.group(), m.start(), m.start()))
            continue
        name = text[m.end():end]
        person = Mention(m.end(), end, name, "Person", "role")
        out.append(RoleMention(person, m.group(), m.start(), m.start()))
    return out


def role_companies(text: str, roles: list[RoleMention]) -> list[Mention]:
    """Company short names that stand alone before a corporate title (蔚来汽车总裁…); a word the
    dictionary knows as something else (会上, 目前) or a division is not one."""
    out = []
    tags, known = jieba_tags(), places()
    for r in roles:
        if r.org_end != r.role_start or not any(c in r.role for c in CORPORATE):
            continue
        m = _SHORT_COMPANY.search(text, max(0, r.role_start - 7), r.role_start)
        name = m.group() if m else ""
        if not name or _NOT_COMPANY.search(name) or name in known or tags.get(name, "nz") not in _COMPANY_WORD_TAGS:
            continue
        out.append(Mention(m.start(), m.end(), canonical(name), "Enterprise", "role-org",
                           why="a company's short name before a corporate title"))
    return out


_REPORTER = re.compile("记者|通讯员")  # in every byline, at most 10 characters in (an outlet, 特约)


def find_bylines(text: str) -> list[RoleMention]:
    """Reporters of a byline; ``org_hint`` is the outlet as written (本报 → resolved later)."""
    out: list[RoleMention] = []
    for m in finditer_near(_BYLINE, _REPORTER, 10, text):
        names_start = m.start("names")
        tokens = [(t.start() + names_start, t.group()) for t in re.finditer(r"\S+", m.group("names"))]
        role, role_start = m.group("role"), m.start("role")
        groups: list[tuple[str, int, list[tuple[int, str]]]] = [(role, role_start, [])]
        for start, tok in tokens:  # 记者 赵国陆 通讯员 刘培培: each title governs the names after it
            if tok in _BYLINE_TITLES:
                groups.append((tok, start, []))
            else:
                groups[-1][2].append((start, tok))
        for role, role_start, group in groups:
            for start, end, name in _join_spaced(group):
                if name[:1] in lexicon.surnames() or name[:2] in lexicon.surnames():
                    person = Mention(start, end, name, "Person", "byline")
                    out.append(RoleMention(person, role, role_start, -1, m.group("org")))
    return out


def _join_spaced(tokens: list[tuple[int, str]]) -> list[tuple[int, int, str]]:
    """Bylines pad two-character names with a space (朱 磊): join single characters pairwise."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        start, tok = tokens[i]
        if len(tok) == 1 and i + 1 < len(tokens) and len(tokens[i + 1][1]) == 1:
            nstart, ntok = tokens[i + 1]
            out.append((start, nstart + 1, tok + ntok))
            i += 2
            continue
        if 2 <= len(tok) <= 4:
            out.append((start, start + len(tok), tok))
        i += 1
    return out


_QUOTED_SPEAKER = re.compile(r"(?<=[”」』])(?=[\u4e00-\u9fff]{2,4}(?:说|表示|介绍|认为|坦言|告诉记者))")


def find_speakers(text: str) -> list[Mention]:
    """“……”张立新说: a name right after a closing quote and before a speech verb is a person,
    when jieba's dictionary does not know it as some other word."""
    out = []
    tags = jieba_tags()
    for m in _QUOTED_SPEAKER.finditer(text):
        end = _name_at(text, m.start())
        name = text[m.start():end] if end > 0 else ""
        if name and tags.get(name, "nr").startswith("nr"):
            out.append(Mention(m.start(), end, name, "Person", "speaker"))
    return out
