"""CG403: a course without a stable name for its results in a learning record store.

Without `xapi_id` in course.yaml the activity ids are made from mkdocs.yml's site_url, and
without that from the course id alone: serving the course from another address, or publishing
it in two LMSs, then splits or mixes its results.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.author.findings import Finding
from generator.model.activity_ids import course_iri
from generator.model.load import COURSE_FILE, CourseBundle


def findings(bundle: CourseBundle, site_url: str | None) -> Iterator[Finding]:
    """`site_url`: mkdocs.yml's, as the command read it with the site's other settings."""
    course = bundle.course
    if course.xapi_id:
        return
    iri = course_iri(course, site_url)
    if iri.startswith("urn:"):
        yield Finding(
            "CG403",
            COURSE_FILE,
            ("id",),
            f"no xapi_id, and no public site_url in mkdocs.yml, so results in an LRS are named {iri}, by the "
            f"course id alone; add xapi_id: https://<your site>/courses/{course.id}",
        )
