"""The notice `coursegen serve` puts on every preview page while the course has problems.

A broken save leaves the browser on the last version that built; the notice says so and lists
the problems as the terminal prints them, one `file:line:col: message` line each. It is for the
trainer's eyes only: no published page carries it. Its styles are inline, so that it reads the
same whatever the theme (light or dark) and needs no file of the site.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup

BANNER_ID = "coursegen-preview-problems"

_BOX = (
    "margin:0;padding:.75em 1.25em;background:#fdecea;color:#1a1a1a;border-left:.4em solid #b00020;"
    "font:medium/1.5 system-ui,sans-serif;position:relative;z-index:10"
)
_HEADING = "margin:0 0 .5em;font-size:large;font-weight:700;color:#1a1a1a"
_CODE = "font-family:ui-monospace,monospace;font-size:inherit;white-space:pre-wrap;overflow-wrap:anywhere;color:#1a1a1a"
_BODY_START = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)


def problem_banner(problems: Sequence[str]) -> str:
    """The notice for `problems` (one line each, as printed), escaped; empty when there are none."""
    if not problems:
        return ""
    count = len(problems)
    title = f"The course has {count} problem{'s' if count != 1 else ''}"
    items = Markup("").join(Markup('<li><code style="{}">{}</code></li>').format(_CODE, line) for line in problems)
    return str(
        Markup(
            '<div id="{id}" role="alert" aria-labelledby="{id}-title" style="{box}">'
            '<h2 id="{id}-title" style="{heading}">{title}</h2>'
            '<ul style="margin:0 0 .5em;padding-left:1.5em">{items}</ul>'
            '<p style="margin:0">{hint}</p></div>'
        ).format(
            id=BANNER_ID,
            box=_BOX,
            heading=_HEADING,
            title=title,
            items=items,
            hint="This preview shows the last version that built. Fix the file and save it: "
            "the page reloads by itself.",
        )
    )


def with_banner(html: bytes, banner: str) -> bytes:
    """`html` with `banner` first in its body (or first of all when it has no body tag)."""
    if not banner:
        return html
    data = banner.encode()
    match = _BODY_START.search(html)
    at = match.end() if match else 0
    return html[:at] + data + html[at:]
