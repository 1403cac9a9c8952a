"""The `coursegen` command: a thin layer over the core and MkDocs.

Bad course input never shows a traceback: it is reported one problem a line,
`file:line:column: message`, with exit status 1.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from generator.author.lint import lint_course
from generator.author.report import json_text, text_lines
from generator.engines.engine_runner import (
    ENGINES,
    EngineError,
    build_site,
    check_site_folder,
    choose_engine,
    site_folder,
)
from generator.engines.output import OutputError
from generator.engines.plain_project import ConfigError, render_project
from generator.model.load import load_course
from generator.model.schema import write_schemas
from generator.read.problems import CourseError

# Material prints a banner about MkDocs 2 on every build; trainers cannot act on it.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _fail(exc: CourseError) -> None:
    for problem in exc.problems:
        click.echo(str(problem), err=True)
    count = len(exc.problems)
    click.echo(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.", err=True)
    sys.exit(1)


@click.group()
@click.version_option(package_name="coursegen")
def main() -> None:
    """Turn YAML lessons and quizzes into a course website."""


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", help="Project folder.")
def check(root: Path) -> None:
    """Read and validate every course file; report every problem."""
    try:
        bundle = load_course(root)
    except CourseError as exc:
        _fail(exc)
        return
    questions = sum(len(q.questions) for q in bundle.quizzes.values())
    counts = [
        _count(len(bundle.course.modules), "module"),
        _count(len(bundle.lessons), "lesson"),
        _count(len(bundle.quizzes), "quiz", "quizzes"),
        _count(questions, "question"),
    ]
    click.echo("ok: " + ", ".join(counts))


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", help="Project folder.")
@click.option("--strict", is_flag=True, help="Exit with status 1 when any warning is left unsilenced.")
@click.option(
    "--format", "format_", type=click.Choice(["text", "json"]), default="text", help="One line per warning, or JSON."
)
def lint(root: Path, strict: bool, format_: str) -> None:
    """Check the course, then warn about answers a learner can find without knowing the subject.

    Every warning names its code; README.md ("Lint warnings") says what each one catches and how
    to fix it, or to silence it with a reason.
    """
    try:
        bundle = load_course(root)
    except CourseError as exc:
        _fail(exc)
        return
    report = lint_course(bundle)
    click.echo(json_text(report) if format_ == "json" else "\n".join(text_lines(report)))
    if strict and report.shown:
        sys.exit(1)


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", help="Project folder.")
@click.option("--format", "format_", type=click.Choice(["text", "json"]), default="text", help="Tables, or JSON.")
def stats(root: Path, format_: str) -> None:
    """Check the course, then print its figures per module and in total.

    Lessons, words, stated and estimated minutes, questions by type, role-plays with their steps
    and endings, and each objective with the number of questions that assess it.
    """
    from generator.author.stats import course_figures
    from generator.author.stats_report import json_text as stats_json
    from generator.author.stats_report import plain_text, print_rich

    try:
        figures = course_figures(load_course(root))
    except CourseError as exc:
        _fail(exc)
        return
    if format_ == "json":
        click.echo(stats_json(figures))
    elif sys.stdout.isatty():
        from rich.console import Console

        print_rich(figures, Console())
    else:
        click.echo(plain_text(figures), nl=False)


@main.command()
@click.argument("quiz_id", required=False)
@click.option("--all", "all_", is_flag=True, help="Every quiz of the course, in the order learners meet them.")
@click.option("--seed", type=int, default=None, help="Shuffle with this seed (default: the same seed every time).")
@click.option(
    "--key",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the answer key, as JSON, to this file (never to the paper).",
)
@click.option(
    "--format", "format_", type=click.Choice(["text", "markdown"]), default="text", help="Plain text or Markdown."
)
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", help="Project folder.")
def paper(quiz_id: str | None, all_: bool, seed: int | None, key: Path | None, format_: str, root: Path) -> None:
    """Print a quiz (QUIZ_ID, or every quiz with --all) as a learner meets it: no key, no feedback.

    For reviewers and validity panels; options shuffled the same way every time (or by --seed).
    --key writes the answers, per question id, to a separate file for scoring.
    """
    import json

    from generator.author.paper import DEFAULT_SEED, quiz_order
    from generator.author.paper import paper as make_paper

    try:
        bundle = load_course(root)
    except CourseError as exc:
        _fail(exc)
        return
    if all_ == (quiz_id is not None):
        click.echo("name one quiz (coursegen paper QUIZ_ID) or ask for --all, not both", err=True)
        sys.exit(1)
    if quiz_id is not None and quiz_id not in bundle.quizzes:
        import difflib

        close = difflib.get_close_matches(quiz_id, sorted(bundle.quizzes), n=1, cutoff=0.7)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        click.echo(f"no quiz has the id '{quiz_id}'{hint}; the quizzes are: {', '.join(quiz_order(bundle))}", err=True)
        sys.exit(1)
    made = make_paper(
        bundle,
        quiz_order(bundle) if quiz_id is None else [quiz_id],
        seed=DEFAULT_SEED if seed is None else seed,
        format="markdown" if format_ == "markdown" else "text",
    )
    if key is not None:
        try:
            key.write_text(json.dumps(made.key, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        except OSError as exc:
            click.echo(f"{key}: the key could not be written ({exc.strerror or exc}); nothing was printed", err=True)
            sys.exit(1)
    click.echo(made.text, nl=False)


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", help="Project folder.")
@click.option("--format", "format_", type=click.Choice(["text", "json"]), default="text", help="Lines, or JSON.")
def panel(root: Path, format_: str) -> None:
    """Score the validity panels recorded in validity/panels.yaml against their papers' keys.

    Per panel and quiz: each reader's score, each group's mean, the items every non-reader got
    right and the items every reader missed (validity/README.md says how a panel is run).
    """
    import json

    from generator.author.panel import PANELS_FILE, read_panels
    from generator.author.panel_report import result_json, text_lines

    try:
        load_course(root)
        panels = read_panels(root)
    except CourseError as exc:
        _fail(exc)
        return
    if panels is None:
        click.echo(f"there is no {PANELS_FILE} in {root.resolve()}; validity/README.md says how to start one", err=True)
        sys.exit(1)
    if format_ == "json":
        document = [[result_json(result) for result in results] for results in panels]
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(text_lines(panels)))


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


@main.command()
@click.option("-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path), default="mkdocs.yml")
@click.option("-d", "--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--site-url", default=None, help="The address the site will be served at (for instant navigation).")
@click.option("--strict/--no-strict", default=True, help="Treat the engine's warnings as errors (default: strict).")
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default=None,
    help="The site builder (default: the first installed of mkdocs, properdocs, zensical).",
)
def build(config_file: Path, site_dir: Path | None, site_url: str | None, strict: bool, engine: str | None) -> None:
    """Check the course, then build the site; a failed build leaves the old site as it was."""
    import logging

    try:
        bundle = load_course(config_file.resolve().parent)
    except CourseError as exc:
        _fail(exc)
        return
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        chosen = choose_engine(engine)
        target = site_folder(config_file, site_dir)
        check_site_folder(config_file, target)
    except (EngineError, ConfigError, OutputError) as exc:
        click.echo(f"error: {exc}; nothing was written.", err=True)
        sys.exit(1)
    try:
        build_site(chosen, config_file, target, site_url=site_url, strict=strict, bundle=bundle)
    except EngineError as exc:
        click.echo(f"error: {exc}", err=True)
        click.echo("The build failed; the previous site is unchanged.", err=True)
        sys.exit(1)
    click.echo(f"built {target} with {chosen}")


@main.command()
@click.option("-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path), default="mkdocs.yml")
@click.option(
    "-a", "--dev-addr", default=None, help="Address to serve the preview at (default: mkdocs.yml's, or 127.0.0.1:8000)."
)
def serve(config_file: Path, dev_addr: str | None) -> None:
    """Live preview: rebuilds when any course or quiz file is saved.

    Prints the address, then one line per rebuild; a save that breaks the course
    prints its problems, and the browser shows them until the file is fixed.
    """
    from generator.engines.preview import PreviewError
    from generator.engines.preview import serve as preview

    try:
        load_course(config_file.resolve().parent)
    except CourseError as exc:
        _fail(exc)
    try:
        preview(config_file, dev_addr, echo=click.echo, echo_err=lambda line: click.echo(line, err=True))
    except PreviewError as exc:
        for line in exc.problems:
            click.echo(line, err=True)
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)


@main.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", help="Project folder.")
@click.option("--site-url", default=None, help="site_url to write into the new mkdocs.yml.")
@click.option(
    "--relative-links",
    is_flag=True,
    help="Links relative to each page, for MkDocs or ProperDocs (the site then works wherever it is copied); "
    "Zensical needs the default, links from the site_url's path.",
)
def render(out: Path, root: Path, site_url: str | None, relative_links: bool) -> None:
    """Write a plain MkDocs project (no coursegen plugin) to OUT, for any engine."""
    try:
        rendered = render_project(root, out, site_url=site_url, relative_links=relative_links)
    except ConfigError as exc:
        click.echo(f"error: {exc}; nothing was written.", err=True)
        sys.exit(1)
    except OutputError as exc:
        click.echo(f"error: {exc}; nothing was written.", err=True)
        sys.exit(1)
    except CourseError as exc:
        _fail(exc)
        return
    click.echo(f"wrote {len(rendered.pages)} pages to {out}/docs and {out}/mkdocs.yml")


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", help="Project folder.")
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Default: site-facilitator/.",
)
def facilitator(root: Path, site_dir: Path | None) -> None:
    """Build the facilitator edition: every answer and a map of every role-play, in a site of its own."""
    import logging
    import time

    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    from generator.engines.facilitator_site import build_facilitator

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    started = time.perf_counter()
    try:
        target, edition = build_facilitator(root, site_dir)
    except (OutputError, ConfigError) as exc:
        click.echo(f"error: {exc}; nothing was written.", err=True)
        sys.exit(1)
    except CourseError as exc:
        _fail(exc)
        return
    except (Abort, ConfigurationError, PluginError) as exc:
        click.echo(f"error: {exc}", err=True)
        click.echo("The build failed; the previous facilitator edition is unchanged.", err=True)
        sys.exit(1)
    pages = len(edition.pages)
    click.echo(f"built the facilitator edition ({pages} pages) in {target} in {time.perf_counter() - started:.1f} s")


@main.command()
@click.argument("code", nargs=-1)
@click.option("--name", default=None, help="The learner's name, as printed on the certificate.")
@click.option("--date", "date_", default=None, metavar="YYYY-MM-DD", help="The date printed on the certificate.")
@click.option("--score", default=None, help="The final score printed on the certificate, in percent.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", help="Project folder.")
@click.option(
    "--course-version", default=None, help="Check against this course version (default: the one in course.yaml)."
)
def verify(
    code: tuple[str, ...],
    name: str | None,
    date_: str | None,
    score: str | None,
    root: Path,
    course_version: str | None,
) -> None:
    """Check a certificate's verification code against its name, date and score.

    A match shows the certificate was printed by this course's site (or by
    someone who ran its public code) with exactly these values; it does not
    prove who the learner is or that they passed.
    """
    from generator.pages.certificate import check_date, parse_score, verify

    if not code or name is None or date_ is None or score is None:
        click.echo("error: give the code, --name, --date and --score, each exactly as printed on the certificate")
        sys.exit(1)
    try:
        bundle = load_course(root)
    except CourseError as exc:
        _fail(exc)
        return
    course = bundle.course
    version = course_version or course.version
    try:
        day = check_date(date_)
        percent = parse_score(score)
    except ValueError as exc:
        click.echo(f"invalid: {exc}")
        sys.exit(1)
    values = f'"{name.strip()}", {day}, {percent} % in {course.id} version {version}'
    if verify("".join(code), course_id=course.id, version=version, name=name, date=day, score=percent):
        click.echo(f"valid: the code matches {values}")
        return
    click.echo(
        f"invalid: the code does not match {values}; check each value exactly as printed "
        "(a certificate from an older course version needs --course-version)"
    )
    sys.exit(1)


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default="schema", help="Folder to write to.")
def schema(out: Path) -> None:
    """Write the JSON Schema files that editors use to complete and check fields."""
    for path in write_schemas(out):
        click.echo(f"wrote {path}")


@main.group()
def new() -> None:
    """Start a lesson, quiz or module from placeholder text, and list it in the course.

    Replace every TODO text it writes: `coursegen lint` lists the ones left (CG402).
    """


def _scaffold(root: Path, make: Any) -> None:
    from generator.author.scaffold import ScaffoldError, apply

    try:
        bundle = load_course(root)
    except CourseError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo("The course must check before anything is added to it; nothing was written.", err=True)
        sys.exit(1)
    try:
        plan = make(bundle)
        apply(bundle.root, plan)
    except ScaffoldError as exc:
        click.echo(f"error: {exc}; nothing was written.", err=True)
        sys.exit(1)
    for line in plan.done:
        click.echo(line)
    click.echo("next: replace each TODO text; coursegen lint lists the ones left")


@new.command("lesson")
@click.argument("lesson_id", metavar="ID")
@click.option(
    "--module", "module_id", required=True, metavar="M", help="Id of the module the lesson joins, at its end."
)
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", help="Project folder.")
def new_lesson(lesson_id: str, module_id: str, root: Path) -> None:
    """Write course/lessons/ID.yaml and its check quiz, and list the lesson in module M."""
    from generator.author.scaffold import plan_lesson

    _scaffold(root, lambda bundle: plan_lesson(bundle, lesson_id, module_id))


@new.command("quiz")
@click.argument("quiz_id", metavar="ID")
@click.option("--module", "module_id", default=None, metavar="M", help="Make it module M's quiz.")
@click.option("--lesson", "lesson_id", default=None, metavar="L", help="Make it lesson L's check, shown on its page.")
@click.option("--final", is_flag=True, help="Make it the course's final assessment.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", help="Project folder.")
def new_quiz(quiz_id: str, module_id: str | None, lesson_id: str | None, final: bool, root: Path) -> None:
    """Write quizzes/ID.yaml and name it as a module's quiz, a lesson's quiz or the final assessment."""
    from generator.author.scaffold import plan_quiz

    _scaffold(root, lambda bundle: plan_quiz(bundle, quiz_id, module_id=module_id, lesson_id=lesson_id, final=final))


@new.command("module")
@click.argument("module_id", metavar="ID")
@click.option("--lesson", "lesson_id", default=None, metavar="L", help="Id of its first lesson (default: ID-intro).")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", help="Project folder.")
def new_module(module_id: str, lesson_id: str | None, root: Path) -> None:
    """Add module ID to the course, with a first lesson and the module's quiz (ID-quiz)."""
    from generator.author.scaffold import plan_module

    _scaffold(root, lambda bundle: plan_module(bundle, module_id, lesson_id))


@main.group()
def package() -> None:
    """Package the course for where it is published (an LMS)."""


@package.command()
@click.option("-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path), default="mkdocs.yml")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default="dist", help="Folder for the zip.")
def scorm12(config_file: Path, out: Path) -> None:
    """Write the course as a SCORM 1.2 package: OUT/<course-id>-<version>-scorm12.zip."""
    import logging

    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    from generator.publish.scorm12 import PackageError, package_scorm12

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        made = package_scorm12(config_file, out)
    except CourseError as exc:
        _fail(exc)
        return
    except PackageError as exc:
        click.echo(f"error: {exc}; nothing was written.", err=True)
        sys.exit(1)
    except (Abort, ConfigurationError, PluginError) as exc:
        click.echo(f"error: {exc}", err=True)
        click.echo("The package failed; the previous one is unchanged.", err=True)
        sys.exit(1)
    click.echo(f"wrote {made.path} ({made.files} files, {made.size / 1024:.0f} KB)")
