"""Relative URLs in a plain project's raw HTML, written the way Zensical reads them.

Measured with MkDocs 1.6.1 and Zensical 0.1.2 (a page `a/b.md` holding raw HTML):

- MkDocs and ProperDocs leave raw HTML as written, so `../x` means `../x` from the page as served:
  from `a/b/` with directory URLs, from `a/` without.
- Zensical rewrites every `href` and `src` in raw HTML, on any tag, as it does a Markdown link:
  relative to the .md file (`../x` from `a/b.md` is `x` at the root, written `../../x` into
  `a/b/index.html`). It leaves every other attribute alone (`data-*`, a form's `action`).

So without directory URLs, and on `index.md` pages, the two readings agree; on any other page with
directory URLs no relative form means the same to both. coursegen writes every URL relative to the
served page (what MkDocs needs, and what attributes no engine rewrites always need), and for
Zensical this module turns each relative `href`/`src` into the URL relative to the .md file that
Zensical turns back into the served one. Either way the site holds only relative URLs and works
wherever its folder is served, with or without a site_url.
"""

from __future__ import annotations

import posixpath
import re

from generator.pages.urls import page_url

# An opening tag, and a src or href attribute inside it (quoted, as coursegen and Markdown write them).
_TAG = re.compile(r"<[A-Za-z][A-Za-z0-9-]*\s[^<>]*>")
_ATTRIBUTE = re.compile(r"""(?<=\s)(src|href)(\s*=\s*)(["'])(.*?)\3""", re.IGNORECASE | re.DOTALL)
# Code is shown, not read as HTML, by every engine: fenced blocks and `code spans` stay as written.
_CODE = re.compile(
    r"^(?P<fence>[ \t]*(?:```+|~~~+)).*?^(?P=fence)[ \t]*$"
    r"|(?P<ticks>`+)[^`\n](?:(?!\n[ \t]*\n).)*?(?P=ticks)",
    re.MULTILINE | re.DOTALL,
)
_NOT_RELATIVE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|/|#|\?|$)")


def for_zensical(src: str, text: str, *, directory_urls: bool) -> str:
    """Page `src`'s Markdown with every relative href/src in raw HTML made relative to the .md
    file, where the page is served from another folder (see the module's docstring)."""
    served = page_url(src, directory_urls=directory_urls)
    folder = posixpath.dirname(src)
    if not directory_urls or served.rstrip("/") == folder:  # index.md pages are served from their folder
        return text
    # The page is served from `folder/stem/`: a URL `u` from there is `stem/u` from the .md's folder.
    stem = posixpath.basename(served.rstrip("/"))
    pieces: list[str] = []
    last = 0
    for code in _CODE.finditer(text):
        pieces.append(_convert(text[last : code.start()], stem))
        pieces.append(code.group(0))
        last = code.end()
    pieces.append(_convert(text[last:], stem))
    return "".join(pieces)


def _convert(html: str, stem: str) -> str:
    def attribute(match: re.Match[str]) -> str:
        name, equals, quote, url = match.groups()
        return f"{name}{equals}{quote}{source_relative(url, stem)}{quote}"

    return _TAG.sub(lambda tag: _ATTRIBUTE.sub(attribute, tag.group(0)), html)


def source_relative(url: str, stem: str) -> str:
    """`url`, relative to the folder `stem/`, as a URL relative to that folder's parent."""
    if _NOT_RELATIVE.match(url):
        return url
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    path, rest = url[:cut], url[cut:]
    joined = posixpath.normpath(f"{stem}/{path}")
    if path.endswith("/") or path in ("", ".", "..") or path.endswith(("/.", "/..")):
        joined = "./" if joined == "." else joined + "/"
    return joined + rest
