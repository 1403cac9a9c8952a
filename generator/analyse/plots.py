"""The report's plots: SVG from matplotlib, text kept as text, each an image with a title and a
description for screen readers (the same figures are in the table beside it)."""

from __future__ import annotations

import io
import re
from html import escape

import matplotlib
from matplotlib.figure import Figure

from generator.analyse.estimates import Estimate

GREY = "#9e9e9e"
INK = "#1a237e"


def _svg(figure: Figure, title: str, description: str, ident: str) -> str:
    out = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": ident}):
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    svg = out.getvalue()
    svg = svg[svg.index("<svg") :]
    head = f'<svg role="img" aria-labelledby="{ident}-t {ident}-d" focusable="false" '
    svg = svg.replace("<svg ", head, 1)
    svg = re.sub(
        r"(<svg[^>]*>)",
        rf'\1<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(description)}</desc>',
        svg,
        count=1,
    )
    # Inline in a page, the file's own metadata block only repeats the title.
    return re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)


def bars(
    labels: list[str],
    estimates: list[Estimate],
    *,
    title: str,
    description: str,
    ident: str,
    low: float,
    line: float | None,
) -> str:
    """Horizontal bars with 95 % intervals; greyed where the sample is below its minimum."""
    height = 0.8 + 0.32 * len(labels)
    # A Figure of its own, not pyplot's: no global state, no display backend.
    figure = Figure(figsize=(6.4, height))
    axes = figure.subplots()
    ys = list(range(len(labels)))[::-1]
    for y, estimate in zip(ys, estimates, strict=True):
        if estimate.value is None:
            continue
        colour = INK if estimate.enough else GREY
        axes.barh(y, estimate.value, color=colour, height=0.6)
        if estimate.low is not None and estimate.high is not None:
            axes.plot([estimate.low, estimate.high], [y, y], color="#000000", linewidth=1)
    if line is not None:
        axes.axvline(line, color="#b71c1c", linewidth=1, linestyle="--")
    axes.set_yticks(ys, labels)
    axes.set_xlim(low, 1)
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure, title, description, ident)
