"""Links between the course's own pages: from the page built from one source to a lesson, a quiz
or another page, as the engine will serve them.

Where each item's page is (its source path and anchor) is the outline's (model/outline.py); how
a source path becomes a URL, and why relative or root-relative, is pages/urls.py's.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.outline import Outline
from generator.pages.urls import link_url


@dataclass(frozen=True)
class Links:
    """Links from one page to another, as the engine will serve them (see pages/urls.py)."""

    outline: Outline
    directory_urls: bool
    base: str | None = None  # the site's path (urls.site_path): root-relative links under it

    def to_item(self, from_src: str, to_id: str) -> str:
        """From the page built from `from_src` to a lesson or quiz, wherever it is shown."""
        page = self.outline[to_id]
        if page.anchor and page.src == from_src:
            return "#" + page.anchor
        url = self.to_src(from_src, page.src)
        return f"{url}#{page.anchor}" if page.anchor else url

    def to_src(self, from_src: str, to_src: str) -> str:
        return link_url(from_src, to_src, directory_urls=self.directory_urls, base=self.base)
