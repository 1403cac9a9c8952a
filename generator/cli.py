"""The `coursegen` command: a thin layer over the core and MkDocs.

Bad course input never shows a traceback: it is reported one problem a line,
`file:line:column: message`, with exit status 1. A command that cannot go on raises Failure
(a click.ClickException): click prints its lines on stderr and exits with its status.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import IO, Any

import click

from generator.analyse.sources import AUTH_VARIABLE
from generator.author.lint import lint_course
from generator.author.lint_output import json_text, text_lines
from generator.engines.csp import SitePolicy, plan_policy, policy_file, write_site_policy
from generator.engines.engine_runner import ENGINES, build_with_engine, check_site_folder, choose_engine, site_folder
from generator.engines.output import OutputError
from generator.engines.plain_project import ConfigError, read_site_config, render_project
from generator.engines.site_build import EngineError
from generator.model.load import CourseBundle, load_course
from generator.model.schema import write_schemas
from generator.read.problems import CourseError

# Material prints a banner about MkDocs 2 on every build; trainers cannot act on it.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class Failure(click.ClickException):
    """What stops a command: its lines, printed on stderr as they are (no "Error:" before them)."""

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines

    def show(self, file: IO[Any] | None = None) -> None:
        for line in self.lines:
            click.echo(line, err=True)


def _problems(exc: CourseError, last: str | None = None) -> Failure:
    count = len(exc.problems)
    summary = f"{count} problem{'s' if count != 1 else ''} found; nothing was written."
    return Failure(*(str(problem) for problem in exc.problems), last or summary)


def _load(root: Path, *, refusal: str | None = None) -> CourseBundle:
    """The course in `root`, or Failure listing its problems (then `refusal`, or their count)."""
    try:
        return load_course(root)
    except CourseError as exc:
        raise _problems(exc, refusal) from None


def _site_checked(config_file: Path, bundle: CourseBundle, *, plugin_needed: bool = True) -> None:
    """Failure naming each mkdocs.yml setting the course cannot be built with (engines/site_checks.py)."""
    from generator.engines.site_checks import site_config_problems

    problems = site_config_problems(config_file, bundle, plugin_needed=plugin_needed)
    if problems:
        count = len(problems)
        raise Failure(*problems, f"{count} problem{'s' if count != 1 else ''} found; nothing was written.")


def _site_url(project: Path) -> str | None:
    """mkdocs.yml's site_url, read as every command reads the site's settings (MkDocs' `!ENV`)."""
    try:
        value = read_site_config(project / "mkdocs.yml").get("site_url")
    except ConfigError as exc:
        raise Failure(f"error: {exc}") from None
    return value if isinstance(value, str) and value.strip() else None


def _refused(exc: Exception) -> Failure:
    """A setting or folder refused before anything was written."""
    return Failure(f"error: {exc}; nothing was written.")


# What to do when a command cannot write where it writes, by command (its name in `coursegen …`).
_WRITE_ADVICE = {
    "build": "build into a folder you can write to with -d",
    "facilitator": "build the edition into a folder you can write to with -d",
    "render": "write the project into a folder you can write to",
    "paper": "write the key into a folder you can write to with --key",
    "package": "write the package into a folder you can write to with --out",
    "schema": "write the schemas into a folder you can write to with --out",
    "serve": "run the preview in a folder you can write to",
}
_PROJECT_ADVICE = "make the project folder writable, or copy the project to a folder you can write to"
_WRITING = {errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT, errno.EBUSY, errno.EXDEV}


def _file_failure(exc: OSError, command: str) -> Failure:
    """One line for a file system failure: the folder, why, and what to do (never a traceback)."""
    name = exc.filename or ""
    folder = Path(name).parent if name and not Path(name).is_dir() else Path(name or ".")
    reason = (exc.strerror or str(exc)).lower()
    verb = "cannot write to" if exc.errno in _WRITING else "cannot use"
    return Failure(f"error: {verb} {folder.absolute()}: {reason}; {_WRITE_ADVICE.get(command, _PROJECT_ADVICE)}")


class _Commands(click.Group):
    """The command group; a file system failure in any command ends in one line (_file_failure)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as exc:
            raise _file_failure(exc, ctx.invoked_subcommand or "") from None


@click.group(cls=_Commands)
@click.version_option(package_name="coursegen")
def main() -> None:
    """Turn YAML lessons and quizzes into a course website."""


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", help="Project folder.")
def check(root: Path) -> None:
    """Read and validate every course file; report every problem."""
    bundle = _load(root)
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
    bundle = _load(root)
    report = lint_course(bundle, site_url=_site_url(bundle.root))
    click.echo(json_text(report) if format_ == "json" else "\n".join(text_lines(report)))
    if strict and report.shown:
        raise click.exceptions.Exit(1)


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", help="Project folder.")
@click.option("--format", "format_", type=click.Choice(["text", "json"]), default="text", help="Tables, or JSON.")
def stats(root: Path, format_: str) -> None:
    """Check the course, then print its figures per module and in total.

    Lessons, words, stated and estimated minutes, questions by type, role-plays with their steps
    and endings, and each objective with the number of questions that assess it.
    """
    from generator.author.stats import course_figures
    from generator.author.stats_output import json_text as stats_json
    from generator.author.stats_output import plain_text, print_rich

    bundle = _load(root)
    try:
        figures = course_figures(bundle)  # it reads the validity panels too, which may be broken
    except CourseError as exc:
        raise _problems(exc) from None
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

    bundle = _load(root)
    if all_ == (quiz_id is not None):
        raise Failure("name one quiz (coursegen paper QUIZ_ID) or ask for --all, not both")
    if quiz_id is not None and quiz_id not in bundle.quizzes:
        import difflib

        close = difflib.get_close_matches(quiz_id, sorted(bundle.quizzes), n=1, cutoff=0.7)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise Failure(f"no quiz has the id '{quiz_id}'{hint}; the quizzes are: {', '.join(quiz_order(bundle))}")
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
            line = _file_failure(exc, "paper").lines[0]
            raise Failure(f"{line}; nothing was printed") from None
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
    from generator.author.panel_output import result_json, text_lines

    _load(root)
    try:
        panels = read_panels(root)
    except CourseError as exc:
        raise _problems(exc) from None
    if panels is None:
        raise Failure(f"there is no {PANELS_FILE} in {root.resolve()}; validity/README.md says how to start one")
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

    bundle = _load(config_file.resolve().parent)
    _site_checked(config_file, bundle)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        chosen = choose_engine(engine)
        target = site_folder(config_file, site_dir)
        check_site_folder(config_file, target)
        policy_plan = plan_policy(config_file, policy_file(target))
    except (EngineError, ConfigError, OutputError) as exc:
        raise _refused(exc) from None
    try:
        build_with_engine(chosen, config_file, target, site_url=site_url, strict=strict, bundle=bundle)
    except EngineError as exc:
        raise Failure(f"error: {exc}", "The build failed; the previous site is unchanged.") from None
    _wrote_policy(write_site_policy(policy_plan, target, policy_file(target)), policy_file(target))
    click.echo(f"built {target} with {chosen}")


def _wrote_policy(policy: SitePolicy, path: Path) -> None:
    for problem in policy.problems:
        click.echo(f"warning: {problem}", err=True)
    click.echo(f"wrote its Content-Security-Policy to {path} (send it as an HTTP header: README)")


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

    _site_checked(config_file, _load(config_file.resolve().parent))
    try:
        preview(config_file, dev_addr, echo=click.echo, echo_err=lambda line: click.echo(line, err=True))
    except PreviewError as exc:
        raise Failure(*exc.problems, f"error: {exc}") from None


@main.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", help="Project folder.")
@click.option("--site-url", default=None, help="site_url to write into the new mkdocs.yml.")
@click.option(
    "--relative-links",
    is_flag=True,
    help="Links relative to each page as served, for MkDocs or ProperDocs; the default writes them "
    "relative to each .md file, as Zensical reads them. Either site works wherever it is served.",
)
def render(out: Path, root: Path, site_url: str | None, relative_links: bool) -> None:
    """Write a plain MkDocs project (no coursegen plugin) to OUT, for any engine."""
    bundle = _load(root)
    _site_checked(root / "mkdocs.yml", bundle, plugin_needed=False)
    try:
        rendered = render_project(
            root, out, site_url=site_url, links="page" if relative_links else "source", bundle=bundle
        )
    except (ConfigError, OutputError) as exc:
        raise _refused(exc) from None
    except CourseError as exc:
        raise _problems(exc) from None
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

    from generator.engines.facilitator_site import build_facilitator

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    started = time.perf_counter()
    bundle = _load(root)
    _site_checked(root / "mkdocs.yml", bundle, plugin_needed=False)
    try:
        target, edition = build_facilitator(root, site_dir, bundle=bundle)
    except (OutputError, ConfigError) as exc:
        raise _refused(exc) from None
    except CourseError as exc:
        raise _problems(exc) from None
    except EngineError as exc:
        raise Failure(f"error: {exc}", "The build failed; the previous facilitator edition is unchanged.") from None
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
    from datetime import date

    from generator.pages.certificate_code import check_date, code_expiry, parse_score, verify

    if not code or name is None or date_ is None or score is None:
        raise Failure("error: give the code, --name, --date and --score, each exactly as printed on the certificate")
    course = _load(root).course
    version = course_version or course.version
    try:
        day = check_date(date_)
        percent = parse_score(score)
    except ValueError as exc:
        raise Failure(f"invalid: {exc}") from None
    values = f'"{name.strip()}", {day}, {percent} % in {course.id} version {version}'
    if verify("".join(code), course_id=course.id, version=version, name=name, date=day, score=percent):
        # A code of a course whose certificates expire carries its expiry (issue 26).
        expires = code_expiry("".join(code))
        if expires and expires < date.today().isoformat():
            raise Failure(f"expired: the code matches {values}, but the certificate expired on {expires}")
        click.echo(f"valid: the code matches {values}" + (f"; valid until {expires}" if expires else ""))
        return
    raise Failure(
        f"invalid: the code does not match {values}; check each value exactly as printed "
        "(a certificate from an older course version needs --course-version)"
    )


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

    bundle = _load(root, refusal="The course must check before anything is added to it; nothing was written.")
    try:
        plan = make(bundle)
        apply(bundle.root, plan)
    except ScaffoldError as exc:
        raise _refused(exc) from None
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

    from generator.publish.scorm12 import PackageError, package_scorm12

    _site_checked(config_file, _load(config_file.resolve().parent))
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        made = package_scorm12(config_file, out)
    except CourseError as exc:
        raise _problems(exc) from None
    except PackageError as exc:
        raise _refused(exc) from None
    except EngineError as exc:
        raise Failure(f"error: {exc}", "The package failed; the previous one is unchanged.") from None
    click.echo(f"wrote {made.path} ({made.files} files, {made.size / 1024:.0f} KB)")
    _wrote_policy(made.policy, policy_file(made.path))


@main.command()
@click.option(
    "--from",
    "from_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="An LRS export: JSON lines or a JSON array.",
)
@click.option("--lrs", default=None, metavar="URL", help=f"An LRS's xAPI address; credentials from ${AUTH_VARIABLE}.")
@click.option(
    "--since", default=None, metavar="TIMESTAMP", help="With --lrs: only statements stored after this (ISO 8601)."
)
@click.option(
    "--attempts", type=click.Choice(["first", "all"]), default="first", help="First attempts (default) or all."
)
@click.option(
    "--format", "format_", type=click.Choice(["html", "json"]), default="html", help="HTML report, or JSON to stdout."
)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default="report", help="The report's folder.")
@click.option("--names", is_flag=True, help="Name the learners in the report (by default nothing identifies one).")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", help="Project folder.")
def analyse(
    from_file: Path | None,
    lrs: str | None,
    since: str | None,
    attempts: str,
    format_: str,
    out: Path,
    names: bool,
    root: Path,
) -> None:
    """Item analysis of the course's quizzes from xAPI statements: which questions work, which do not."""
    from generator.analyse.command import analyse as run
    from generator.analyse.command import html_files, json_text, statements, summary_lines
    from generator.analyse.errors import AnalyseError
    from generator.engines.output import check_output, replacing
    from generator.engines.plain_project import read_site_config, site_sources
    from generator.model.activity_ids import course_iri
    from generator.pages.quiz_html import content_hash

    bundle = _load(root)
    iri = course_iri(bundle.course, _site_url(bundle.root))
    hashes = {quiz_id: content_hash(quiz) for quiz_id, quiz in bundle.quizzes.items()}
    try:
        if format_ == "html":
            sources = site_sources(bundle.root, read_site_config(bundle.root / "mkdocs.yml"))[0]
            check_output(out, project=bundle.root, sources=sources, suggestion=bundle.root / "report")
        with statements(from_file, lrs, iri, since) as source:
            result = run(bundle, source, iri, hashes, attempts="all" if attempts == "all" else "first", names=names)
    except (AnalyseError, OutputError, ConfigError) as exc:
        raise Failure(f"error: {exc}") from None
    if format_ == "json":
        click.echo(json_text(result))
        return
    with replacing(out) as staging:
        for name, text in html_files(result, bundle.course.title, bundle.course.language).items():
            (staging / name).write_text(text, encoding="utf-8")
    for line in summary_lines(result, bundle.course.language):
        click.echo(line)
    click.echo(f"wrote the report to {out}/index.html")
