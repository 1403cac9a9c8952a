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
from generator.read.site_url import read_site_url


def findings(bundle: CourseBundle) -> Iterator[Finding]:
    course = bundle.course
    if course.xapi_id:
        return
    site_url = read_site_url(bundle.root / "mkdocs.yml")
    iri = course_iri(course, site_url)
    if iri.startswith("urn:"):
        yield Finding(
            "CG403",
            COURSE_FILE,
            ("id",),
            f"no xapi_id, and no public site_url in mkdocs.yml, so results in an LRS are named {iri}, by the "
            f"course id alone; add xapi_id: https://<your site>/courses/{course.id}",
        )
