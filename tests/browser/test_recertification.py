"""Certificates that expire (issue 26), in Chromium on a controlled clock.

A copy of the fixture course says `certificate: {valid_for_days: 60}`. The learner completes it on
day 0 (2 March 2026): the certificate says it is valid until 1 May 2026 and its code carries that
date; from 30 days before, the home says recertification is due; after it, the final assessment is
open again, and passing it issues a new certificate, valid 60 days from the new pass.
(`coursegen verify` before and after an expiry: tests/test_certificate.py, on the machine's date.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from generator.pages.certificate_code import code_expiry

from .conftest import Site
from .test_progress import NO_PRINT_DIALOG, answer_final, axe_clean, final_status, record
from .test_quiz_runtime import FINAL
from .test_reviews import START, ZONE, go_to, open_home, open_quiz

CERT = "certificate/"


@pytest.fixture
def expiring_site(site: Site, course_copy: Path) -> Iterator[Site]:
    outline = course_copy / "course" / "course.yaml"
    outline.write_text(outline.read_text() + "certificate:\n  valid_for_days: 60\n")
    with site.serving(site.build(course_copy)):
        yield site


def pass_final(page: Page, site: Site) -> None:
    open_quiz(page, site, FINAL)
    answer_final(page)
    expect(page.get_by_role("heading", name="Your result: Passed")).to_be_visible()


def certificate_field(page: Page, label: str) -> str:
    return page.locator(f".cg-cert dt:text-is('{label}') + dd").inner_text()


def test_a_certificate_expires_and_recertifies(
    expiring_site: Site, make_context: Callable[..., BrowserContext]
) -> None:
    site = expiring_site
    context = make_context(timezone_id=ZONE, locale="en-GB")
    context.add_init_script(NO_PRINT_DIALOG)
    page = context.new_page()
    page.clock.install(time=START)
    pass_final(page, site)
    page.goto(site.url + CERT)
    page.get_by_label("Your name, as it should appear on the certificate").fill("Ada Lovelace")
    expect(page.locator(".cg-cert")).to_be_visible()
    assert certificate_field(page, "Valid until") == "May 1, 2026 (2026-05-01)"
    code = certificate_field(page, "Verification code")
    assert re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{4}", code) and code_expiry(code) == "2026-05-01"
    axe_clean(page)

    go_to(page, 29)  # 31 days before it expires
    open_home(page, site)
    expect(page.get_by_text("You have completed the course.")).to_be_visible()
    expect(page.get_by_role("paragraph").filter(has_text="recertify")).to_have_count(0)
    go_to(page, 30)  # 30 days before
    open_home(page, site)
    expect(page.get_by_role("paragraph").filter(has_text="recertify")).to_have_text(
        "Your certificate expires on May 1, 2026: pass the final assessment again to recertify."
    )

    go_to(page, 61)
    open_home(page, site)
    expect(page.get_by_role("paragraph").filter(has_text="recertify")).to_have_text(
        "Your certificate expired on May 1, 2026. Pass the final assessment again to recertify."
    )
    expect(page.get_by_text("You have completed the course.")).to_have_count(0)
    expect(final_status(page)).not_to_contain_text("passed")
    assert "final-check" not in record(page)["q"]
    # The final assessment is open again: a new attempt, not the old one's result.
    open_quiz(page, site, FINAL)
    expect(page.get_by_role("heading", name=re.compile("^Your result"))).to_have_count(0)
    answer_final(page)
    expect(page.get_by_role("heading", name="Your result: Passed")).to_be_visible()
    page.goto(site.url + CERT)
    expect(page.locator(".cg-cert")).to_be_visible()
    assert certificate_field(page, "Valid until") == "July 1, 2026 (2026-07-01)"
    renewed = certificate_field(page, "Verification code")
    assert renewed != code and code_expiry(renewed) == "2026-07-01"
    open_home(page, site)
    expect(page.get_by_text("You have completed the course.")).to_be_visible()
    expect(page.get_by_role("paragraph").filter(has_text="recertify")).to_have_count(0)
