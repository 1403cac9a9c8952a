from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from generator.pages.markdown import MarkdownRenderer, is_safe_url

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    "![x](data:text/html;base64,PHNjcmlwdD4=)",
    "<a href='javascript:alert(1)'>x</a>",
    "<!-- comment --> --> </script>",
    "[x](vbscript:msgbox)",
]


class _Elements(HTMLParser):
    """Collects what a browser would build: tags, attributes, comments."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_come_out_inert(payload: str) -> None:
    parsed = _Elements()
    parsed.feed(MarkdownRenderer().block(payload))
    assert "script" not in parsed.tags
    assert not parsed.comments
    for name, value in parsed.attrs:
        assert not name.startswith("on")
        if name in ("href", "src"):
            assert not re.match(r"\s*(javascript|data|vbscript):", value.replace("\t", ""), re.I)


def test_raw_html_allowed_when_the_course_says_so() -> None:
    assert "<kbd>Ctrl</kbd>" in MarkdownRenderer(allow_html=True).block("Press <kbd>Ctrl</kbd>")
    # Even then, a link may not run script.
    assert 'href="#"' in MarkdownRenderer(allow_html=True).block("[x](javascript:alert(1))")


@pytest.mark.parametrize(
    "url", ["https://a.b/c", "http://x", "mailto:a@b.c", "../lesson/", "#top", "/abs", "page.html"]
)
def test_ordinary_links_survive(url: str) -> None:
    assert is_safe_url(url)


def test_inline_strips_the_single_paragraph() -> None:
    assert MarkdownRenderer().inline("*We*, not *they*") == "<em>We</em>, not <em>they</em>"
