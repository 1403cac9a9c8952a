"""Trainer-written Markdown to safe HTML.

The core renders every Markdown field itself instead of leaving it to the site
engine, so that what reaches a learner's browser is decided here, whatever
engine builds the site: raw HTML is shown as text unless the course allows it,
and links can only point to web pages, mail addresses or paths in the site.

Markdown is CommonMark with smart punctuation, tables, footnotes, definition lists,
strikethrough and Material's `!!!` callouts (model/markdown_refs.py), rendered by
pulldown-cmark (the `pyromark` binding): a course has tens of thousands of short fields, and
Python-Markdown spent about 0.2 ms on each, most of a large course's build
(see benchmarks/results.md). pulldown-cmark never sanitises, so this module
does, in two steps that do not depend on how it formats its output:

- raw HTML: the parser's own events say where every piece of raw HTML is in the
  source; its `<` and `&` become character references there, so it parses as
  text and reaches the page escaped. Text without `<` cannot hold raw HTML.
- URLs: with raw HTML gone, every `href` and `src` in the output belongs to a
  Markdown link or image; each is judged like a browser reads it, and outside
  links get rel="noopener noreferrer".
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import quote

import pyromark

from generator.model.markdown_refs import CALLOUT_TYPES, OPTIONS, Callout, prepare, split_callouts, target
from generator.pages.addresses import Links

_OPTIONS = OPTIONS

# Anything that is not an explicit web or mail scheme must be a relative or
# site-absolute path; "javascript:", "data:", "vbscript:" and friends are not.
_SAFE_URL = re.compile(r"^(?:https?:|mailto:|#|/|\.|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_URL_ATTR = re.compile(r"""(<(?:a|img)\b[^>]*?\s(?:href|src)=)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_WEB_LINK = re.compile(r"""<a\b(?![^>]*\srel=)([^>]*?\shref=["']https?:[^>]*?)(\s*/?)>""", re.IGNORECASE)
_RAW_HTML = ("Html", "InlineHtml")
# What pulldown-cmark itself writes for Markdown, with the raw HTML escaped.
_OWN_TAGS = frozenset({"p", "em", "strong", "a", "img", "code", "pre", "ul", "ol", "li", "blockquote", "hr", "br"})
_OWN_TAGS |= {"table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "sup", "div", "del"}
_OWN_TAGS |= {f"h{level}" for level in range(1, 7)}
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")


def is_safe_url(url: str) -> bool:
    # Browsers ignore control characters and whitespace inside a scheme
    # ("java\tscript:"), so judge the URL the way they will read it.
    return bool(_SAFE_URL.match(_CONTROL.sub("", url)))


def _guard_url(match: re.Match[str]) -> str:
    quoted = match.group(2) if match.group(2) is not None else match.group(3)
    if is_safe_url(html.unescape(quoted)):
        return match.group(0)
    return f'{match.group(1)}"#"'


def _raw_html_spans(source: str) -> list[tuple[int, int]]:
    """UTF-8 byte ranges of the raw HTML in `source`, as the parser reads it."""
    return [
        (where["start"], where["end"])
        for event, where in pyromark.events_with_range(source, options=_OPTIONS)
        if isinstance(event, dict) and any(kind in event for kind in _RAW_HTML)
    ]


def _as_text(source: str, spans: list[tuple[int, int]]) -> str:
    """`source` with the raw HTML at `spans` turned into character references."""
    data = source.encode("utf-8")
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:  # pragma: no cover - the parser's ranges do not overlap
            continue
        out.append(data[last:start])
        out.append(data[start:end].replace(b"&", b"&amp;").replace(b"<", b"&lt;"))
        last = end
    out.append(data[last:])
    return b"".join(out).decode("utf-8")


@dataclass(frozen=True)
class PageLinks:
    """Where the page being written finds the site's lessons and the course folder's files."""

    links: Links
    src: str  # the page's source path, as Links names pages
    lessons: Collection[str]  # the ids of the lessons this site has pages for

    def lesson(self, lesson_id: str) -> str | None:
        if lesson_id not in self.lessons or lesson_id not in self.links.outline:
            return None
        return self.links.to_item(self.src, lesson_id)

    def file(self, path: str) -> str:
        return self.links.to_src(self.src, quote(posixpath.normpath(path)))


_FOOTNOTE_ATTR = re.compile(
    r'((?:<sup class="footnote-reference"><a href="#)|(?:<div class="footnote-definition" id="))'
)


class MarkdownRenderer:
    """Render Markdown fields; one instance serves a whole course, and `for_page` gives one
    that also writes the links and pictures of one page (without it they stay as written)."""

    def __init__(self, *, allow_html: bool = False, page: PageLinks | None = None) -> None:
        self.allow_html = allow_html
        self.page = page

    def for_page(self, links: Links, src: str, lessons: Collection[str]) -> MarkdownRenderer:
        """This renderer, writing URLs from the page built from `src`."""
        return MarkdownRenderer(allow_html=self.allow_html, page=PageLinks(links, src, lessons))

    def block(self, text: str) -> str:
        """Render a Markdown field to block HTML (paragraphs, lists, callouts, tables, ...)."""
        if "!!!" not in text:  # most fields: a course has tens of thousands
            return self._commonmark(prepare(text) if "![" in text else text)
        parts = split_callouts(text)
        return "\n".join(
            self._callout(part) if isinstance(part, Callout) else self._commonmark(prepare(part)) for part in parts
        )

    def _callout(self, callout: Callout) -> str:
        # Material's own markup for an admonition, so the theme styles it as one.
        kind = callout.kind.lower() if callout.kind.lower() in _CALLOUT_KINDS else "note"
        title = callout.title if callout.title is not None else kind.capitalize()
        head = f'<p class="admonition-title">{html.escape(title)}</p>' if title else ""
        return f'<div class="admonition {kind}">{head}{self.block(callout.body) if callout.body.strip() else ""}</div>'

    def _commonmark(self, text: str) -> str:
        source = text
        unsafe = not self.allow_html and "<" in text
        if unsafe:
            # Escaping can change how the rest parses (an HTML block becomes a
            # paragraph), so ask again until the parser sees no raw HTML.
            for _ in range(3):
                spans = _raw_html_spans(source)
                if not spans:
                    break
                source = _as_text(source, spans)
            else:
                return _escaped(text)
        out = pyromark.html(source, options=_OPTIONS).rstrip("\n")
        if unsafe and not {tag.lower() for tag in _TAG.findall(out)} <= _OWN_TAGS:
            return _escaped(text)  # pragma: no cover - defence in depth
        if 'class="footnote-' in out:
            # pulldown-cmark numbers every field's footnotes from 1, and a page holds many fields:
            # the ids are made the field's own.
            prefix = "fn-" + hashlib.blake2s(text.encode("utf-8"), digest_size=4).hexdigest() + "-"
            out = _FOOTNOTE_ATTR.sub(lambda m: m.group(1) + prefix, out)
        if "<a" in out or "<img" in out:
            if self.page is not None:
                out = _URL_ATTR.sub(self._site_url, out)
                if _NOWHERE in out:
                    out = _LESSON_LINK_LEFT.sub(r"\1", out)
            out = _URL_ATTR.sub(_guard_url, out)
            # Outside links open normally but never hand the site's window to
            # the page they open.
            out = _WEB_LINK.sub(r'<a\1 rel="noopener noreferrer"\2>', out)
        return out

    def inline(self, text: str) -> str:
        """Render a short field (an option, a step) without the wrapping paragraph."""
        html_ = self.block(text)
        if html_.startswith("<p>") and html_.endswith("</p>") and html_.count("<p>") == 1:
            return html_[3:-4]
        return html_

    def _site_url(self, match: re.Match[str]) -> str:
        """A link or picture in the course, written as the URL from this page."""
        assert self.page is not None
        quoted = match.group(2) if match.group(2) is not None else match.group(3)
        kind, value = target(html.unescape(quoted))
        if kind == "lesson":
            url = self.page.lesson(value)
            if url is None:
                # Not on this site (the facilitator edition has no lessons): the words stay, unlinked.
                return f'{match.group(1)}"{_NOWHERE}"'
        elif kind == "file":
            url = self.page.file(value)
        else:
            return match.group(0)
        return f'{match.group(1)}"{html.escape(url)}"'


_CALLOUT_KINDS = frozenset(CALLOUT_TYPES)
_NOWHERE = "#cg-not-on-this-site"
_LESSON_LINK_LEFT = re.compile(rf'<a href="{_NOWHERE}"[^>]*>(.*?)</a>', re.DOTALL)


def _escaped(text: str) -> str:
    """The last resort: the whole field as one paragraph of text."""
    return f"<p>{html.escape(text, quote=False)}</p>"
