"""How a page's source path becomes the URL it is served at, and the form of a link (relative to
the served page, or root-relative under the site's path) that every engine leaves alone.

Engines disagree about URLs inside raw HTML, which is most of what coursegen writes (quiz forms,
the outline on the home page, the runtime's <script> and <link> tags):

- MkDocs and ProperDocs leave raw HTML exactly as written, so a relative URL must already be
  relative to the page *as served* (`we-relationship/quiz/` for `we-relationship/quiz.md` with
  directory URLs).
- Zensical (0.0.73 and 0.1.2, measured) rewrites every relative `href`/`src` in raw HTML as if it
  were a Markdown link, relative to the *.md source*: the served-relative `../quiz/` gains a `../`
  and 404s, and `../../assets/…` climbs above a sub-path such as /training/.

No relative form is right for both with directory URLs (except on index.md pages). Pages are
written relative to the page as served (`base` None), which MkDocs and ProperDocs (the plugin)
need; for Zensical, engines/source_links.py then turns each relative href/src of a plain project
into the form relative to the .md file, which Zensical turns back into the served one; attributes
no engine rewrites (data-*, the quiz's key, the dashboard's JSON) stay relative to the served page.
Either way the built site works wherever its folder is copied, whatever its site_url. A `base`
(the site_url's path) gives root-relative URLs instead, which every engine leaves alone but which
work only at that path: what `render_project(links="root")` writes.
"""

from __future__ import annotations

from urllib.parse import urlsplit

ASSETS_DIR = "assets/coursegen"


def site_path(site_url: str | None) -> str | None:
    """The path a site is served under, from its site_url ("/training/"); None without a site_url."""
    if not site_url:
        return None
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def page_url(src_path: str, *, directory_urls: bool) -> str:
    """The URL path, relative to the site root, that a Markdown page is served at."""
    stem = src_path[: -len(".md")] if src_path.endswith(".md") else src_path
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def link_url(from_src: str, to: str, *, directory_urls: bool, base: str | None) -> str:
    """The URL the page built from `from_src` writes for `to` (a page's .md path or an asset path):
    root-relative under `base` (the site's path, see site_path), or relative without one."""
    if base is None:
        return relative_url(from_src, to, directory_urls=directory_urls)
    return base + (page_url(to, directory_urls=directory_urls) if to.endswith(".md") else to)


def relative_url(from_src: str, to: str, *, directory_urls: bool) -> str:
    """Link from the page built from `from_src` to `to` (a page's .md path or an asset path)."""
    # Both sides are normalised paths relative to the site root, so plain segment
    # arithmetic does what posixpath.relpath does, without its abspath calls
    # (a course links thousands of times per build).
    target = page_url(to, directory_urls=directory_urls) if to.endswith(".md") else to
    base = page_url(from_src, directory_urls=directory_urls).split("/")[:-1]  # the folder it is served from
    parts = [part for part in target.split("/") if part]
    common = 0
    while common < len(base) and common < len(parts) and base[common] == parts[common]:
        common += 1
    rel = "/".join([".."] * (len(base) - common) + parts[common:]) or "."
    return rel + "/" if target.endswith("/") or target == "" else rel
