"""How entity types and relations look: colours, shapes, legend labels and the CJK font stack.

One table, so the legend, the nodes and the tests agree on the same values.
"""

from __future__ import annotations

from dataclasses import dataclass

# Fonts that exist on Linux (Noto/WenQuanYi), macOS (PingFang/Hiragino) and Windows
# (Microsoft YaHei/SimHei), so Chinese labels never fall back to boxes.
FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
    '"Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "SimHei", sans-serif'
)


@dataclass(frozen=True)
class TypeStyle:
    """The look of one entity type; ``label`` is the legend text."""

    label: str
    color: str
    shape: str


TYPE_STYLES: dict[str, TypeStyle] = {
    "Region": TypeStyle("地区 Region", "#4e79a7", "dot"),
    "Park": TypeStyle("园区 Park", "#59a14f", "triangle"),
    "Enterprise": TypeStyle("企业 Enterprise", "#f28e2b", "square"),
    "GovernmentAgency": TypeStyle("政府机构 Agency", "#e15759", "diamond"),
    "University": TypeStyle("高校 University", "#76b7b2", "star"),
    "ResearchInstitute": TypeStyle("研究机构 Institute", "#17becf", "star"),
    "Organization": TypeStyle("组织 Organization", "#b07aa1", "triangleDown"),
    "Person": TypeStyle("人物 Person", "#ff9da7", "dot"),
    "Policy": TypeStyle("政策 Policy", "#9c755f", "box"),
    "Industry": TypeStyle("产业 Industry", "#edc948", "hexagon"),
    "Infrastructure": TypeStyle("基础设施 Infrastructure", "#8c8c8c", "square"),
}
OTHER_STYLE = TypeStyle("其他 Other", "#bab0ac", "dot")
MORE_STYLE = TypeStyle("+N 未显示 (more)", "#dddddd", "box")

# Relation names as edge labels; a predicate missing here shows its own name.
PREDICATE_LABELS: dict[str, str] = {
    "locatedIn": "位于",
    "partOf": "隶属",
    "issuedBy": "发布机构",
    "targets": "适用地区",
    "supports": "支持产业",
    "focusesOn": "聚焦",
    "foundedBy": "创办",
    "holdsRole": "任职",
    "partnerOf": "合作",
    "memberOf": "成员",
    "basedOn": "依据",
    "produces": "生产",
    "investsIn": "投资",
}

# Community colours for large overviews (colour = community, shape = type).
COMMUNITY_COLORS: tuple[str, ...] = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#17becf", "#bcbd22", "#8c564b",
)


# Legend glyphs for vis-network shape names.
SHAPE_GLYPHS: dict[str, str] = {
    "dot": "●", "square": "■", "triangle": "▲", "triangleDown": "▼", "diamond": "◆",
    "star": "★", "box": "▬", "hexagon": "⬢",
}


def type_style(entity_type: str | None) -> TypeStyle:
    """The style of ``entity_type`` (an ontology class name), or the neutral one."""
    return TYPE_STYLES.get(entity_type or "", OTHER_STYLE)


def predicate_label(predicate: str) -> str:
    """The short Chinese label of a relation, e.g. ``locatedIn`` -> ``位于``."""
    return PREDICATE_LABELS.get(predicate, predicate)


def community_color(index: int) -> str:
    """A stable colour for community number ``index`` (largest community first)."""
    return COMMUNITY_COLORS[index % len(COMMUNITY_COLORS)]
