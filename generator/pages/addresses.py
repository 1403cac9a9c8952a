"""Where every page goes, and the relative links between them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.model.load import CourseBundle
from generator.model.models import Module
from generator.pages.urls import link_url


@dataclass(frozen=True)
class PageRef:
    src: str
    title: str
    kind: str
    anchor: str = ""  # a lesson's quiz lives inside the lesson's page, at this element id


def all_modules(bundle: CourseBundle) -> list[Module]:
    capstone = [bundle.course.capstone] if bundle.course.capstone else []
    return [*bundle.course.modules, *capstone]


def page_paths(bundle: CourseBundle) -> dict[str, PageRef]:
    """Where every lesson and quiz page goes, keyed by lesson or quiz id."""
    paths: dict[str, PageRef] = {}
    for module in all_modules(bundle):
        for lesson_id in module.lessons:
            lesson = bundle.lessons[lesson_id]
            src = f"{module.id}/{lesson_id}.md"
            paths[lesson_id] = PageRef(src, lesson.title, "lesson")
            if lesson.quiz:
                paths[lesson.quiz] = PageRef(src, bundle.quizzes[lesson.quiz].title, "quiz", f"cg-{lesson.quiz}")
        if module.quiz:
            paths[module.quiz] = PageRef(f"{module.id}/{module.quiz}.md", bundle.quizzes[module.quiz].title, "quiz")
    final = bundle.course.final_assessment
    if final:
        paths[final] = PageRef(f"{final}.md", bundle.quizzes[final].title, "quiz")
    return paths


@dataclass(frozen=True)
class Links:
    """Links from one page to another, as the engine will serve them (see pages/urls.py)."""

    paths: Mapping[str, PageRef]
    directory_urls: bool
    base: str | None = None  # the site's path (urls.site_path): root-relative links under it

    def to_item(self, from_src: str, to_id: str) -> str:
        """From the page built from `from_src` to a lesson or quiz, wherever it is shown."""
        page = self.paths[to_id]
        if page.anchor and page.src == from_src:
            return "#" + page.anchor
        url = self.to_src(from_src, page.src)
        return f"{url}#{page.anchor}" if page.anchor else url

    def to_src(self, from_src: str, to_src: str) -> str:
        return link_url(from_src, to_src, directory_urls=self.directory_urls, base=self.base)
