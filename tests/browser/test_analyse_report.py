"""The item-analysis report in Chromium: axe-core finds nothing, each plot is an image named by
its title, and its figures are in a table beside it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from analysed_course import QUIZ, ROOT, write
from axe_playwright_python.sync_playwright import Axe
from click.testing import CliRunner
from playwright.sync_api import BrowserContext

from generator.analyse.simulate import Cohort
from generator.cli import main

from .conftest import serving


def test_the_report_is_axe_clean_and_its_plots_are_named(
    tmp_path: Path, make_context: Callable[..., BrowserContext]
) -> None:
    statements = tmp_path / "statements.jsonl"
    # 60 learners: some figures reach their minimum sample, others are greyed.
    write(statements, Cohort(learners=60, seed=9))
    report = tmp_path / "report"
    result = CliRunner().invoke(main, ["analyse", "--root", str(ROOT), "--from", str(statements), "--out", str(report)])
    assert result.exit_code == 0, result.output
    quiz_page = next(report.glob(f"{QUIZ}-*.html")).name
    axe = Axe()
    with serving(lambda url: report, prefix="/") as server:
        page = make_context().new_page()
        for path in ["index.html", quiz_page]:
            page.goto(server.url + path)
            violations = axe.run(page).response["violations"]
            assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
        plot = page.get_by_role("img", name="Share right per question, with 95 % intervals")
        assert plot.count() == 1
        assert page.get_by_role("table", name="Share right").get_by_role("rowheader", name="q01").count() == 1
        page.get_by_role("link", name="Overview").click()
        page.get_by_role("link", name="Desk final").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Desk final"
