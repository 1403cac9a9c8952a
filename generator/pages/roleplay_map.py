"""A role-play drawn as a map for the facilitator edition: graph → positioned boxes and arrows → SVG.

Steps and endings are boxes; every choice is a small labelled box of its own on the way from
its step to where it leads, so that the layered (Sugiyama) layout places each label between
the two boxes it joins and no label ever sits on another box or arrow's label. The layout is
grandalf's, pure Python and run at build time: the map is a plain SVG in the page, readable
without script and printable.

Nothing here relies on colour alone: an ending says its outcome in words and has a shape of
its own (success a rounded capsule, partial a hexagon, failure an octagon), and the best
path's arrows are thicker and its choices say "best". Every piece of trainer text is escaped
here, and long texts are cut short on the map; the page lists them in full beside it.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from grandalf.graphs import Edge, Graph, Vertex  # type: ignore[import-untyped]
from grandalf.layouts import SugiyamaLayout, VertexViewer  # type: ignore[import-untyped]

from generator.model.models import RolePlay
from generator.model.roleplay_paths import best_path, choice_id, name
from generator.pages.markdown import MarkdownRenderer
from generator.pages.strings import FACILITATOR

Kind = Literal["step", "choice", "success", "partial", "failure"]
Point = tuple[float, float]

FONT_SIZE = 13
LINE_HEIGHT = 17
# No font metrics at build time: a generous average width per character for a sans-serif
# face at FONT_SIZE, so that text stays inside its box in the fonts browsers pick.
CHAR_WIDTH = 7.4
PADDING = 10
MARGIN = 12
# How many characters a line may hold, and how many lines a box shows, by kind of box.
_WRAP: dict[str, tuple[int, int]] = {"step": (30, 3), "choice": (26, 2), "ending": (26, 2)}

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain_text(md: MarkdownRenderer, markdown: str) -> str:
    """A Markdown field as the words a reader sees, on one line: what the map's labels show."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", md.block(markdown)))).strip()


def shorten(text: str, width: int, lines: int) -> list[str]:
    """`text` wrapped to `width` characters, at most `lines` lines; what is cut ends in '…'."""
    wrapped = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]
    if len(wrapped) <= lines:
        return wrapped
    kept = wrapped[:lines]
    last = kept[-1]
    kept[-1] = (last if len(last) < width else last[: width - 1].rstrip()) + "…"
    return kept


@dataclass(frozen=True)
class Box:
    id: str  # a step's or ending's id, or `step:n` for the n-th choice of a step (from 1)
    kind: Kind
    x: float  # top-left corner
    y: float
    w: float
    h: float
    header: str
    lines: tuple[str, ...]
    best: bool


@dataclass(frozen=True)
class Arrow:
    source: str
    target: str
    points: tuple[Point, ...]
    best: bool
    head: bool  # the half from a choice to where it leads ends in an arrowhead


@dataclass(frozen=True)
class MapLayout:
    width: float
    height: float
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]


def _points(w: Mapping[str, str], n: int) -> str:
    return w["points_one"] if n == 1 else w["points"].format(n=n)


def _box_size(header: str, lines: list[str]) -> tuple[float, float]:
    widest = max([len(header) + 2, *(len(line) for line in lines)])
    return round(max(90.0, widest * CHAR_WIDTH + 2 * PADDING)), (1 + len(lines)) * LINE_HEIGHT + 2 * PADDING - 4


def _contents(
    question: RolePlay, md: MarkdownRenderer, w: Mapping[str, str]
) -> dict[str, tuple[Kind, str, list[str], bool]]:
    """What each box says, keyed by its id: kind, header line, text lines, on the best path."""
    hops, best_end = best_path(question)
    best = {question.start, best_end, *(step for step, _ in hops), *(choice_id(s, c) for s, c in hops)}
    out: dict[str, tuple[Kind, str, list[str], bool]] = {}
    for step in question.steps:
        header = (w["start"] if step.id == question.start else w["step_label"]) + step.id
        width, lines = _WRAP["step"]
        out[step.id] = ("step", header, shorten(plain_text(md, step.customer), width, lines), step.id in best)
        for c, choice in enumerate(step.choices):
            key = choice_id(step.id, c)
            header = f"{c + 1} · {_points(w, choice.points)}" + (f" · {w['best']}" if key in best else "")
            width, lines = _WRAP["choice"]
            out[key] = ("choice", header, shorten(plain_text(md, choice.text), width, lines), key in best)
    for ending in question.endings:
        width, lines = _WRAP["ending"]
        text = shorten(ending.title, width, lines)
        if question.scoring == "ending":
            text.append(w["map_scores"].format(n=ending.score))
        header = f"{w[ending.outcome.capitalize()]} · {ending.id}"
        out[ending.id] = (ending.outcome, header, text, ending.id in best)
    return out


class _EdgeView:
    def __init__(self) -> None:
        self.points: list[Point] = []

    def setpath(self, points: list[Point]) -> None:
        self.points = points


def layout(question: RolePlay, md: MarkdownRenderer, words: Mapping[str, str] | None = None) -> MapLayout:
    """Where every box and arrow of the map goes, in SVG user units, top-left at (0, 0)."""
    contents = _contents(question, md, words or FACILITATOR["en"])
    vertices: dict[str, Any] = {}
    for key, (_, header, lines, _) in contents.items():
        vertex = Vertex(key)
        w, h = _box_size(header, lines)
        vertex.view = VertexViewer(w=w, h=h)
        vertices[key] = vertex
    edges: list[tuple[str, str, bool]] = []
    for step in question.steps:
        for c, choice in enumerate(step.choices):
            key = choice_id(step.id, c)
            edges.append((step.id, key, False))
            edges.append((key, choice.next, True))
    graph_edges = []
    for source, target, _ in edges:
        edge = Edge(vertices[source], vertices[target])
        edge.view = _EdgeView()
        graph_edges.append(edge)
    # A validated role-play is one connected graph without loops, entered at its start.
    graph = Graph(list(vertices.values()), graph_edges)
    sugiyama = SugiyamaLayout(graph.C[0])
    sugiyama.xspace, sugiyama.yspace = 24, 28
    sugiyama.init_all(roots=[vertices[question.start]], inverted_edges=[])
    sugiyama.draw()
    left = min(v.view.xy[0] - v.view.w / 2 for v in vertices.values())
    top = min(v.view.xy[1] - v.view.h / 2 for v in vertices.values())

    def place(point: Point) -> Point:
        return (round(point[0] - left + MARGIN, 1), round(point[1] - top + MARGIN, 1))

    boxes: list[Box] = []
    for key, vertex in vertices.items():
        kind, header, lines, best = contents[key]
        x, y = place((vertex.view.xy[0] - vertex.view.w / 2, vertex.view.xy[1] - vertex.view.h / 2))
        boxes.append(Box(key, kind, x, y, vertex.view.w, vertex.view.h, header, tuple(lines), best))
    by_id = {box.id: box for box in boxes}
    arrows: list[Arrow] = []
    for (source, target, head), edge in zip(edges, graph_edges, strict=True):
        a, b = by_id[source], by_id[target]
        middle = [place(p) for p in edge.view.points[1:-1]]
        # From the bottom edge of one box to the top edge of the next (ranks run downwards).
        points = ((a.x + a.w / 2, a.y + a.h), *middle, (b.x + b.w / 2, b.y))
        arrows.append(
            Arrow(source, target, tuple((round(x, 1), round(y, 1)) for x, y in points), a.best and b.best, head)
        )
    width = max(box.x + box.w for box in boxes) + MARGIN
    height = max(box.y + box.h for box in boxes) + MARGIN
    return MapLayout(round(width, 1), round(height, 1), tuple(boxes), tuple(arrows))


def _count(w: Mapping[str, str], n: int, noun: str) -> str:
    return w[f"{noun}_one"] if n == 1 else w[f"{noun}_n"].format(n=n)


def _n(value: float) -> str:
    return f"{value:g}"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _shape(box: Box) -> str:
    x, y, w, h = box.x, box.y, box.w, box.h
    cls = f"cg-map-{box.kind}" + (" cg-map-best" if box.best else "")
    if box.kind in ("step", "choice"):
        radius = 4 if box.kind == "step" else 10
        return f'<rect class="{cls}" x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="{radius}"/>'
    if box.kind == "success":  # a capsule
        return f'<rect class="{cls}" x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="{_n(h / 2)}"/>'
    cut = min(h / 2, 14.0) if box.kind == "partial" else min(h / 3, 12.0)
    if box.kind == "partial":  # a hexagon: pointed left and right
        corners = [
            (x + cut, y),
            (x + w - cut, y),
            (x + w, y + h / 2),
            (x + w - cut, y + h),
            (x + cut, y + h),
            (x, y + h / 2),
        ]
    else:  # failure: an octagon, like a stop sign
        corners = [
            (x + cut, y),
            (x + w - cut, y),
            (x + w, y + cut),
            (x + w, y + h - cut),
            (x + w - cut, y + h),
            (x + cut, y + h),
            (x, y + h - cut),
            (x, y + cut),
        ]
    points = " ".join(f"{_n(round(px, 1))},{_n(round(py, 1))}" for px, py in corners)
    return f'<polygon class="{cls}" points="{points}"/>'


def _text(box: Box) -> str:
    cx = _n(round(box.x + box.w / 2, 1))
    first = box.y + PADDING + FONT_SIZE - 1
    rows = [f'<text class="cg-map-head" x="{cx}" y="{_n(round(first, 1))}">{_e(box.header)}</text>']
    for i, line in enumerate(box.lines, start=1):
        rows.append(f'<text x="{cx}" y="{_n(round(first + i * LINE_HEIGHT, 1))}">{_e(line)}</text>')
    return "".join(rows)


# Inside the SVG so that the map looks the same wherever it is shown: a page, a print, a file.
_STYLE = (
    "text{font:13px system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;"
    "fill:#1a1a1a;text-anchor:middle}"
    ".cg-map-head{font-weight:700}"
    "rect,polygon{stroke-width:1.5}"
    ".cg-map-step{fill:#fff;stroke:#37474f}"
    ".cg-map-choice{fill:#f4f4f4;stroke:#757575}"
    ".cg-map-success{fill:#e8f5e9;stroke:#1b5e20;stroke-width:2.5}"
    ".cg-map-partial{fill:#fff8e1;stroke:#7a5200;stroke-width:2.5}"
    ".cg-map-failure{fill:#ffebee;stroke:#b71c1c;stroke-width:2.5}"
    ".cg-map-step.cg-map-best,.cg-map-choice.cg-map-best{stroke:#1a237e;stroke-width:3.5}"
    # A best ending keeps its outcome's colour; its border is as thick as the best path's.
    ".cg-map-success.cg-map-best,.cg-map-partial.cg-map-best,.cg-map-failure.cg-map-best{stroke-width:4}"
    ".cg-map-arrow{fill:none;stroke:#616161;stroke-width:1.5}"
    ".cg-map-arrow.cg-map-best{stroke:#1a237e;stroke-width:4}"
)


def svg(question: RolePlay, md: MarkdownRenderer, *, map_id: str, words: Mapping[str, str] | None = None) -> str:
    """The role-play's map as an inline SVG element; `map_id` must be unique in its page. `words`:
    the facilitator edition's (strings.FACILITATOR) in the site's language; English by default."""
    w = words or FACILITATOR["en"]
    drawn = layout(question, md, w)
    hops, ending = best_path(question)
    outcomes = {e.id: e.outcome for e in question.endings}
    title = w["map_title"].format(id=question.id)
    desc = w["map_desc"].format(
        steps=_count(w, len(question.steps), "steps"),
        endings=_count(w, len(question.endings), "endings"),
        outcomes=", ".join(f"{e.id}: {w[e.outcome]}" for e in question.endings),
        start=question.start,
        path=name(hops, ending),
        outcome=w[outcomes[ending]],
    )
    head = f"{map_id}-head"
    best_head = f"{map_id}-best-head"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cg-map" role="img" id="{map_id}" '
        f'aria-labelledby="{map_id}-title {map_id}-desc" width="{_n(drawn.width)}" height="{_n(drawn.height)}" '
        f'viewBox="0 0 {_n(drawn.width)} {_n(drawn.height)}">',
        f'<title id="{map_id}-title">{_e(title)}</title>',
        f'<desc id="{map_id}-desc">{_e(desc)}</desc>',
        f"<style>{_STYLE}</style>",
        "<defs>",
        f'<marker id="{head}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#616161"/></marker>',
        f'<marker id="{best_head}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="4" markerHeight="4" '
        'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#1a237e"/></marker>',
        "</defs>",
    ]
    # Ordinary arrows first, so that the best path is drawn over any it crosses.
    for arrow in sorted(drawn.arrows, key=lambda a: a.best):
        d = "M" + "L".join(f"{_n(x)},{_n(y)}" for x, y in arrow.points)
        cls = "cg-map-arrow cg-map-best" if arrow.best else "cg-map-arrow"
        marker = f' marker-end="url(#{best_head if arrow.best else head})"' if arrow.head else ""
        parts.append(f'<path class="{cls}" d="{d}"{marker}/>')
    for box in drawn.boxes:
        parts.append(f"<g>{_shape(box)}{_text(box)}</g>")
    parts.append("</svg>")
    return "\n".join(parts)
