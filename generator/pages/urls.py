"""Where each generated page lives and how pages link to each other.

Links inside raw HTML are not rewritten by MkDocs (or by other engines that
read mkdocs.yml), so the core computes the final relative URLs itself from the
same `use_directory_urls` setting the engine uses.
"""

from __future__ import annotations

ASSETS_DIR = "assets/coursegen"


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
