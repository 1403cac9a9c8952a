"""Trainer-written Markdown to safe HTML.

The core renders every Markdown field itself instead of leaving it to the site
engine, so that what reaches a learner's browser is decided here, whatever
engine builds the site: raw HTML is shown as text unless the course allows it,
and links can only point to web pages, mail addresses or paths in the site.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor

# Anything that is not an explicit web or mail scheme must be a relative or
# site-absolute path; "javascript:", "data:", "vbscript:" and friends are not.
_SAFE_URL = re.compile(r"^(?:https?:|mailto:|#|/|\.|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)
_URL_ATTRS = ("href", "src")


def is_safe_url(url: str) -> bool:
    # Browsers ignore control characters and whitespace inside a scheme
    # ("java\tscript:"), so judge the URL the way they will read it.
    squeezed = re.sub(r"[\x00-\x20\x7f]+", "", url)
    return bool(_SAFE_URL.match(squeezed))


class _UrlGuard(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attr in _URL_ATTRS:
                value = element.get(attr)
                if value is not None and not is_safe_url(value):
                    element.set(attr, "#")
            if element.tag == "a" and (element.get("href") or "").startswith(("http:", "https:")):
                # Outside links open normally but never hand the site's window
                # to the page they open.
                element.set("rel", "noopener noreferrer")


class MarkdownRenderer:
    """Render Markdown fields; one instance is reused because building one is slow."""

    def __init__(self, *, allow_html: bool = False) -> None:
        self._md = markdown.Markdown(extensions=["sane_lists", "smarty"], output_format="html")
        if not allow_html:
            # With these gone Python-Markdown treats tags as text and escapes them.
            self._md.preprocessors.deregister("html_block")
            self._md.inlinePatterns.deregister("html")
        self._md.treeprocessors.register(_UrlGuard(self._md), "coursegen_url_guard", 0)

    def block(self, text: str) -> str:
        """Render a Markdown field to block HTML (paragraphs, lists, ...)."""
        self._md.reset()
        return self._md.convert(text)

    def inline(self, text: str) -> str:
        """Render a short field (an option, a step) without the wrapping paragraph."""
        html = self.block(text)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            return html[3:-4]
        return html
