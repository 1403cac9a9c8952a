"""coursegen performance benchmark (issue 6): `make bench`.

Generates synthetic courses of 10, 100 and 1000 lessons, times the generator's own work and
full MkDocs builds against plain MkDocs and against mkdocs-quiz, weighs pages in Chromium,
times `mkdocs serve` edit-to-reload on the bundled course, prints one Markdown table and
writes it, with the machine it ran on, to benchmarks/results.md.

    python benchmarks/run.py                  # the full run (about 15 minutes on 2 cores)
    python benchmarks/run.py --quick          # 10 and 100 lessons, 2 runs: a smoke run
    python benchmarks/run.py --compare before=REV   # also time the generator at git REV
    python benchmarks/run.py --weights-only   # only the page weights (seconds): prints them

Everything it writes goes to benchmarks/work/ (git-ignored); mkdocs-quiz is installed into
benchmarks/.venv-peer (git-ignored) with the same MkDocs, Material and Markdown versions.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import platform
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "work"
PEER_VENV = HERE / ".venv-peer"
PEER_QUIZ = "mkdocs-quiz==1.7.1"
sys.path.insert(0, str(HERE))

import browser  # noqa: E402 - the helpers live beside this script
import engines  # noqa: E402
import serve  # noqa: E402
import synth  # noqa: E402
import weights  # noqa: E402

# Every variant is built with the repository's theme settings, but with navigation.prune instead
# of navigation.sections. navigation.sections renders every module expanded into every page:
# 1,100 entries in each of the 1,000 pages of the 1000-lesson course, a cost that grows with
# pages × lessons, is the same in every variant and would dwarf what is measured.
# navigation.prune only drops collapsed sections, so it needs navigation.sections off.
FEATURES = ("-navigation.sections", "navigation.prune")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}

# Targets from issue 6.
TARGET_PLAIN = 1.10
TARGET_READING = 1.25
TARGET_LINEAR = 10.5
TARGET_OWN_1000 = 2.0
TARGET_QUIZ_KB = 8.0
TARGET_OTHER_KB = 1.0
TARGET_READY_MS = 16.0
TARGET_RELOAD_S = 2.0

BIG = 1000  # from this size on, builds take minutes: fewer runs (--big-runs)


# --------------------------------------------------------------------- helpers


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def timed(cmd: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env or ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{result.stderr[-3000:]}")
    return elapsed


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def version(dist: str, python: Path | None = None) -> str:
    if python is None:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "-"
    out = subprocess.run(
        [str(python), "-c", f"import importlib.metadata as m; print(m.version({dist!r}))"],
        capture_output=True,
        text=True,
    )
    return out.stdout.strip() or "-"


def machine() -> dict[str, str]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "?"
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "RAM": ram,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
    }


# ---------------------------------------------------------------- environments


def peer_python() -> Path:
    """benchmarks/.venv-peer: mkdocs-quiz beside the very MkDocs, Material and Markdown we use."""
    python = PEER_VENV / "bin" / "python"
    wanted = [
        f"mkdocs=={version('mkdocs')}",
        f"mkdocs-material=={version('mkdocs-material')}",
        f"Markdown=={version('markdown')}",
        PEER_QUIZ,
    ]
    stamp = PEER_VENV / ".bench-requirements"
    if python.exists() and stamp.exists() and stamp.read_text() == "\n".join(wanted):
        return python
    log(f"installing {', '.join(wanted)} into {PEER_VENV.relative_to(REPO)}")
    subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *wanted], check=True)
    stamp.write_text("\n".join(wanted))
    return python


def export_revision(rev: str, target: Path) -> Path:
    """`generator/` as it was at git revision `rev`, for the before/after comparison (read-only git)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", rev, "generator"], cwd=REPO, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


# ---------------------------------------------------------------------- courses


@dataclass
class Sites:
    """The projects of one course size, each a folder with its mkdocs.yml."""

    size: int
    ours: Path  # our YAML + mkdocs.yml with the coursegen plugin
    rendered: Path  # `coursegen render` of the same: plain MkDocs, no plugin
    reading: Path  # the same reading text as plain Markdown, no quiz at all
    text: Path  # the reading plus every quiz as plain text: same pages and text, no quiz
    peer: Path | None = None  # the same course for mkdocs-quiz (100 lessons only)
    modules: Path | None = None  # the course in the layout older generators read (--compare only)
    # The same lessons with their quizzes on module quiz pages (synth's "pages" layout), as
    # coursegen's input and as the plain project `coursegen render` writes of it.
    pages_ours: Path | None = None
    pages_rendered: Path | None = None
    pages: dict[str, int] = field(default_factory=dict)


def prepare(size: int, *, peer: bool, modules: bool) -> Sites:
    log(f"generating the {size}-lesson course")
    course = synth.make_course(size)
    base = WORK / f"n{size}"
    ours = synth.write_ours(course, base / "ours", extra_features=FEATURES)
    rendered = base / "rendered"
    subprocess.run(
        [sys.executable, "-m", "generator", "render", str(rendered), "--root", str(ours)],
        env=ENV,
        check=True,
        capture_output=True,
    )
    reading = synth.write_reading(course, base / "reading", extra_features=FEATURES)
    text = synth.write_reading(course, base / "text", extra_features=FEATURES, quiz_text=True)
    sites = Sites(size, ours, rendered, reading, text)
    if size >= 100:
        sites.pages_ours = synth.write_ours(synth.make_course(size, layout="pages", module_size=2), base / "pages-ours")
        sites.pages_rendered = base / "pages-rendered"
        subprocess.run(
            [sys.executable, "-m", "generator", "render", str(sites.pages_rendered), "--root", str(sites.pages_ours)],
            env=ENV,
            check=True,
            capture_output=True,
        )
        sites.pages["pages"] = sum(1 for _ in (sites.pages_rendered / "docs").rglob("*.md"))
    sites.pages["rendered"] = sum(1 for _ in (rendered / "docs").rglob("*.md"))
    sites.pages["reading"] = sum(1 for _ in (reading / "docs").rglob("*.md"))
    sites.pages["text"] = sum(1 for _ in (text / "docs").rglob("*.md"))
    if peer:
        sites.peer = synth.write_peer(course, base / "peer", extra_features=FEATURES)
        sites.pages["peer"] = sum(1 for _ in (sites.peer / "docs").rglob("*.md"))
    if modules:
        # Generators from before lesson quizzes read only this layout: same lessons, same quizzes.
        sites.modules = synth.write_ours(synth.make_course(size, layout="module"), base / "modules")
    return sites


def build_cmd(python: Path | str, project: Path, site: Path) -> list[str]:
    return [str(python), "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]


# ----------------------------------------------------------------------- timing


@dataclass
class Series:
    """Seconds per run for every measured thing, keyed by name; runs are interleaved."""

    runs: dict[str, list[float]] = field(default_factory=dict)

    def add(self, key: str, seconds: float) -> None:
        self.runs.setdefault(key, []).append(seconds)

    def median(self, key: str) -> float:
        return statistics.median(self.runs[key])

    def ratio(self, top: str, bottom: str) -> float:
        """Median of the per-run ratios: each pair was measured back to back."""
        return statistics.median(a / b for a, b in zip(self.runs[top], self.runs[bottom], strict=True))


def own_work(root: Path, generator_path: Path | None = None, profile: Path | None = None) -> dict[str, float]:
    env = dict(ENV)
    if generator_path is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(generator_path), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    cmd = [sys.executable, str(HERE / "own_work.py"), str(root)]
    if profile is not None:
        cmd += ["--profile", str(profile)]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=WORK)
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    result: dict[str, float] = json.loads(out.stdout)
    if generator_path is not None and not str(result["generator"]).startswith(str(generator_path)):
        raise RuntimeError(f"timed {result['generator']}, not {generator_path}")
    return result


def measure(
    all_sites: list[Sites],
    runs: int,
    big_runs: int,
    peer: Path,
    compare: dict[str, Path],
    compare_runs: int,
) -> Series:
    series = Series()
    rng = random.Random(6)
    for run in range(runs):
        log(f"run {run + 1}/{runs} (load {load_average()})")
        for sites in all_sites:
            n = sites.size
            own_only = n >= BIG and run >= big_runs  # builds take minutes here: fewer runs of them
            sites_dir = WORK / f"n{n}" / "sites"
            builds: list[tuple[str, Path | str, Path]] = [
                ("ours", sys.executable, sites.ours),
                ("rendered", sys.executable, sites.rendered),
                ("reading", sys.executable, sites.reading),
                ("text", sys.executable, sites.text),
            ]
            if sites.pages_ours is not None and sites.pages_rendered is not None:
                builds += [
                    ("ours-pages", sys.executable, sites.pages_ours),
                    ("rendered-pages", sys.executable, sites.pages_rendered),
                ]
            if sites.peer is not None:
                builds += [
                    ("peer", peer, sites.peer),
                    ("peer-reading", peer, sites.reading),
                    ("peer-text", peer, sites.text),
                ]
            jobs: list[tuple[str, Callable[[], float]]] = [
                (f"own/{n}", lambda s=sites: own_work(s.ours)["total"]),
                *[
                    (f"{name}/{n}", lambda py=python, pr=project, d=sites_dir / name: timed(build_cmd(py, pr, d)))
                    for name, python, project in builds
                    if not own_only
                ],
            ]
            if run < compare_runs and sites.modules is not None:
                jobs.append((f"own-modules/{n}", lambda s=sites: own_work(s.modules)["total"]))
                for label, path in compare.items():
                    jobs.append((f"own-{label}/{n}", lambda s=sites, p=path: own_work(s.modules, p)["total"]))
            # Pairs are compared run by run; shuffling the order inside a run keeps a
            # slow moment of the machine from always landing on the same variant.
            rng.shuffle(jobs)
            for key, job in jobs:
                series.add(key, job())
    return series


# --------------------------------------------------------------------- browser


@dataclass
class BrowserResults:
    version: str
    pages: dict[str, browser.PageWeight]
    ready: browser.Readiness | None
    ready_small: browser.Readiness | None


def measure_browser(peer: Path, runs: int) -> BrowserResults:
    """Weigh pages of the built 100-lesson sites and time the runtime's start-up."""
    log("building the 100-lesson sites for the browser")
    # The same 100 lessons, plus a 20-question final assessment (the page whose start-up is
    # timed), and lesson 2's quiz on its module's quiz page instead of on the lesson's page, so
    # that lesson 2's page is a page without a quiz.
    course = synth.make_course(100, final_questions=20, module_quizzes=(2,))
    work = WORK / "browser"
    ours = synth.write_ours(course, work / "ours", extra_features=FEATURES)
    reading = synth.write_reading(course, work / "reading", extra_features=FEATURES)
    peer_project = synth.write_peer(course, work / "peer", extra_features=FEATURES)
    site_ours, site_reading, site_peer = work / "site-ours", work / "site-reading", work / "site-peer"
    timed(build_cmd(sys.executable, ours, site_ours))
    timed(build_cmd(sys.executable, reading, site_reading))
    timed(build_cmd(peer, peer_project, site_peer))
    with_quiz, without_quiz = "module-0001/lesson-0001/", "module-0001/lesson-0002/"
    pages: dict[str, browser.PageWeight] = {}
    with browser.chromium() as chrome:
        version_ = str(chrome.version)
        for name, site, path in (
            ("baseline", site_reading, without_quiz),
            ("ours-lesson", site_ours, without_quiz),
            ("ours-quiz", site_ours, with_quiz),
            ("ours-quizpage", site_ours, "module-0001/quiz-0002/"),
            ("ours-final", site_ours, "final-assessment/"),
            ("peer-lesson", site_peer, without_quiz),
            ("peer-quiz", site_peer, with_quiz),
        ):
            with browser.serve(site) as base:
                pages[name] = browser.weigh(chrome, base + path)
        with browser.serve(site_ours) as base:
            ready = browser.readiness(chrome, base + "final-assessment/", runs)
            ready_small = browser.readiness(chrome, base + with_quiz, runs)
    return BrowserResults(version_, pages, ready, ready_small)


# ------------------------------------------------------------------ page weights


def measure_weights() -> weights.Report:
    """The HTML of pages as served and the JS + CSS each loads (the budgets of tests/test_page_weight.py)."""
    log("building the bundled course and a lesson with and without its quiz, to weigh their pages")
    return weights.measure(REPO, WORK / "weights")


# Issue 17: the bundled course as a SCORM 1.2 package (peers ship 5 MB and more).
TARGET_PACKAGE = 1024 * 1024


def measure_package() -> int:
    """The size of the bundled course's SCORM 1.2 zip, as `coursegen package scorm12` writes it."""
    log("packaging the bundled course for SCORM 1.2")
    from generator.publish.scorm12 import package_scorm12

    shutil.rmtree(WORK / "package", ignore_errors=True)
    return package_scorm12(REPO / "mkdocs.yml", WORK / "package").size


def package_row(size: int) -> tuple[str, str, str]:
    return (
        "the bundled course's SCORM 1.2 package (`coursegen package scorm12`), zip",
        kb(size),
        f"≤ {kb(TARGET_PACKAGE)} {mark(size <= TARGET_PACKAGE)}",
    )


def weight_rows(r: weights.Report) -> list[tuple[str, str, str]]:
    added = r.with_quiz.html - r.without_quiz.html
    rows = [
        (f"HTML of the bundled final assessment page (`{r.final.page}`), gzip -9", kb(r.final.html), ""),
    ]
    if r.quiz_pages:
        # The quiz pages' budgets are on what the generator adds, not on what the trainer wrote (issue 23).
        worst = max(r.quiz_pages, key=lambda q: q.overhead)
        rows.append(
            (
                "what a quiz page adds to its text content and Material's page (most: "
                f"`{worst.page}`: {kb(worst.html)} − text {kb(worst.text)} − Material {kb(worst.material)}), gzip -9",
                kb(worst.overhead),
                f"≤ {kb(weights.QUIZ_PAGE_OVERHEAD)} {mark(worst.overhead <= weights.QUIZ_PAGE_OVERHEAD)}",
            )
        )
        costly = max(r.quiz_pages, key=lambda q: q.data_factor)
        rows.append(
            (
                "what a quiz's data costs its page over the same data as plain JSON, both gzip -9 (most: "
                f"`{costly.page}`: {kb(costly.data)} for {kb(costly.data_plain)})",
                f"{costly.data_factor:.2f}×",
                f"≤ {weights.DATA_FACTOR:.2f}× {mark(costly.data_factor <= weights.DATA_FACTOR)}",
            )
        )
    rows += [
        (f"HTML of a bundled lesson page (`{r.lesson.page}`, no quiz), gzip -9", kb(r.lesson.html), ""),
        (
            "HTML a five-question quiz adds to its lesson's page (synthetic lesson with it − without it), gzip -9",
            f"{kb(added)} ({kb(r.with_quiz.html)} − {kb(r.without_quiz.html)})",
            f"≤ {kb(weights.LESSON_QUIZ_ADDS)} {mark(added <= weights.LESSON_QUIZ_ADDS)}",
        ),
    ]
    labels = {"quiz": "a page with a quiz", "dashboard": "the home or certificate page", "other": "any other page"}
    for k, label in labels.items():
        page = r.runtime.get(k)
        if page is None:
            continue
        files = ", ".join(f"{name.rsplit('/', 1)[-1]} {kb(size)}" for name, size in sorted(page.files.items()))
        rows.append(
            (
                f"our JS + CSS files on {label}, as the HTML names them, gzip -9 each (most: `{page.page}`: {files})",
                kb(page.runtime),
                f"≤ {kb(weights.RUNTIME[k])} {mark(page.runtime <= weights.RUNTIME[k])}",
            )
        )
    return rows


# ----------------------------------------------------------------------- report


def _versus(ratio: float) -> str:
    """How the working tree compares with another copy that took `ratio` times as long."""
    return f"the working tree is {ratio:.1f}× faster" if ratio >= 1 else f"the working tree is {1 / ratio:.1f}× slower"


def mark(ok: bool) -> str:
    return "✅" if ok else "❌"


def kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"


def report(
    series: Series,
    all_sites: list[Sites],
    web: BrowserResults | None,
    page_weights: weights.Report | None,
    reload: serve.Reload | str | None,
    compare: dict[str, Path],
    notes: dict[str, str],
    profile_top: list[str],
    info: dict[str, str],
    runs: int,
    big_runs: int,
    compare_runs: int,
    package_size: int | None = None,
) -> str:
    sizes = [s.size for s in all_sites]
    rows: list[tuple[str, str, str]] = []

    def row(what: str, value: str, target: str = "") -> None:
        rows.append((what, value, target))

    for n in sizes:
        row(
            f"Generator's own work, {n} lessons (load + validate + render)",
            f"{series.median(f'own/{n}'):.3f} s",
            f"< {TARGET_OWN_1000:g} s {mark(series.median(f'own/{n}') < TARGET_OWN_1000)}" if n == 1000 else "",
        )
    if 100 in sizes and 1000 in sizes:
        growth = series.median("own/1000") / series.median("own/100")
        row("Own work, 1000 ÷ 100 lessons", f"{growth:.2f}×", f"≤ {TARGET_LINEAR:g}× {mark(growth <= TARGET_LINEAR)}")
    for n in sizes:
        if f"own-modules/{n}" in series.runs:
            row(
                f"Own work, {n} lessons in the one-module-per-lesson layout (for the rows below)",
                f"{series.median(f'own-modules/{n}'):.3f} s",
            )
    for label in compare:
        for n in sizes:
            key = f"own-{label}/{n}"
            if key in series.runs:
                row(
                    f"Own work at `{label}`, {n} lessons, one-module-per-lesson layout",
                    f"{series.median(key):.3f} s",
                    _versus(series.ratio(key, f"own-modules/{n}")),
                )
    for n in sizes:
        pages = next(s.pages for s in all_sites if s.size == n)
        row(
            f"`mkdocs build` with the coursegen plugin, {n} lessons ({pages['rendered']} pages)",
            f"{series.median(f'ours/{n}'):.2f} s",
        )
        row(
            f"plain `mkdocs build` of the `coursegen render` pages, {n} lessons",
            f"{series.median(f'rendered/{n}'):.2f} s",
        )
        row(
            f"plain `mkdocs build` of the reading only, no quiz, {n} lessons ({pages['reading']} pages)",
            f"{series.median(f'reading/{n}'):.2f} s",
        )
        ratio = series.ratio(f"ours/{n}", f"rendered/{n}")
        target = f"≤ {TARGET_PLAIN:.2f}× {mark(ratio <= TARGET_PLAIN)}" if n >= 100 else ""
        row(f"plugin build ÷ plain build of the rendered pages, {n} lessons", f"{ratio:.2f}×", target)
        if f"ours-pages/{n}" in series.runs:
            row(
                f"`mkdocs build` with the plugin, {n} lessons, quizzes on module pages ({pages['pages']} pages)",
                f"{series.median(f'ours-pages/{n}'):.2f} s",
            )
            ratio = series.ratio(f"ours-pages/{n}", f"rendered-pages/{n}")
            row(
                f"plugin build ÷ plain build of the rendered pages, {n} lessons, quizzes on module pages",
                f"{ratio:.2f}×",
                f"≤ {TARGET_PLAIN:.2f}× {mark(ratio <= TARGET_PLAIN)}",
            )
        ratio = series.ratio(f"ours/{n}", f"reading/{n}")
        target = f"≤ {TARGET_READING:.2f}× {mark(ratio <= TARGET_READING)}" if n >= 100 else ""
        row(f"plugin build ÷ no-quiz reading build, {n} lessons", f"{ratio:.2f}×", target)
        row(
            f"plain `mkdocs build` of the reading plus every quiz as plain text, {n} lessons ({pages['text']} pages)",
            f"{series.median(f'text/{n}'):.2f} s",
        )
        row(
            f"plugin build ÷ the same pages with the quizzes as plain text, {n} lessons",
            f"{series.ratio(f'ours/{n}', f'text/{n}'):.2f}×",
        )
        if f"peer/{n}" in series.runs:
            row(
                f"mkdocs-quiz: `mkdocs build`, {n} lessons ({pages['peer']} pages, 5 quizzes a lesson page)",
                f"{series.median(f'peer/{n}'):.2f} s",
            )
            row(
                f"mkdocs-quiz: the no-quiz reading build in its environment, {n} lessons",
                f"{series.median(f'peer-reading/{n}'):.2f} s",
            )
            row(
                f"mkdocs-quiz build ÷ its no-quiz reading build, {n} lessons",
                f"{series.ratio(f'peer/{n}', f'peer-reading/{n}'):.2f}×",
                "1.61× (issue 6)",
            )
            row(
                f"mkdocs-quiz build ÷ the same pages with the quizzes as plain text, {n} lessons",
                f"{series.ratio(f'peer/{n}', f'peer-text/{n}'):.2f}×",
            )
            row(
                f"coursegen plugin build ÷ mkdocs-quiz build, {n} lessons",
                f"{series.ratio(f'ours/{n}', f'peer/{n}'):.2f}×",
            )

    if web is not None:
        base = web.pages["baseline"]
        for name, label, budget in (
            ("ours-quiz", "coursegen, lesson page with its quiz (5 questions)", TARGET_QUIZ_KB),
            ("ours-quizpage", "coursegen, quiz page of its own (5 questions)", TARGET_QUIZ_KB),
            ("ours-final", "coursegen, quiz page (20 questions)", TARGET_QUIZ_KB),
            ("ours-lesson", "coursegen, lesson page (no quiz)", TARGET_OTHER_KB),
            ("peer-quiz", "mkdocs-quiz, lesson page with 5 quizzes", None),
            ("peer-lesson", "mkdocs-quiz, lesson page (no quiz)", None),
        ):
            page = web.pages[name]
            added = page.gzip - base.gzip
            target = (
                f"≤ {budget:g} KB {mark(added <= budget * 1024)}"
                if budget is not None
                else ("about 14 KB (issue 6)" if name == "peer-lesson" else "")
            )
            extra = sorted(set(page.files) - set(base.files))
            if extra:
                row(
                    f"…files it adds, {label} (gzip -9)",
                    ", ".join(f"{name.rsplit('/', 1)[-1]} {kb(page.files[name][1])}" for name in extra),
                )
            row(
                f"JS + CSS added over plain Material, {label}: gzip -9 (raw)",
                f"{kb(added)} ({kb(page.raw - base.raw)})",
                target,
            )
        row("JS + CSS of the plain Material page itself: gzip -9 (raw)", f"{kb(base.gzip)} ({kb(base.raw)})")
        for ready, label in ((web.ready, "20-question"), (web.ready_small, "5-question")):
            if ready is None:
                row(f"quiz-ready on a {label} page", "no `coursegen:quiz-ready` mark", "")
                continue
            ok = ready.ready_after_dcl <= TARGET_READY_MS
            row(
                f"quiz-ready − DOMContentLoaded, {label} page ({ready.questions} questions; median of {ready.runs})",
                f"{ready.ready_after_dcl:.1f} ms",
                f"≤ {TARGET_READY_MS:g} ms {mark(ok)}" if label == "20-question" else "",
            )
            row(
                f"quiz-ready − end of HTML parsing (domInteractive), {label} page",
                f"{ready.ready_after_interactive:.1f} ms",
            )
            row(
                f"binding every quiz (quiz-ready − the runtime's first look for quizzes), {label} page",
                f"{ready.binding:.1f} ms" if ready.binding is not None else "n/a",
            )
    if page_weights is not None:
        rows.extend(weight_rows(page_weights))
    if package_size is not None:
        rows.append(package_row(package_size))
    if isinstance(reload, serve.Reload):
        row(
            f"`mkdocs serve` edit-to-reload, bundled course{f' ({reload.note})' if reload.note else ''}"
            f" (median of {len(reload.edits)} saves of {reload.lesson_file};"
            f" each: {', '.join(f'{t:.2f}' for t in reload.edits)} s)",
            f"{reload.median:.2f} s",
            f"≤ {TARGET_RELOAD_S:g} s {mark(reload.median <= TARGET_RELOAD_S)}",
        )
    elif reload:
        row("`mkdocs serve` edit-to-reload, bundled course", "not measured", reload)

    lines = [
        "# coursegen benchmark results",
        "",
        "Written by `make bench` (`benchmarks/run.py`); issue 6. Every figure below comes from one run on",
        "one machine; re-run `make bench` to measure yours.",
        "",
        "| Measure | Result | Target |",
        "| --- | --- | --- |",
        *[f"| {a} | {b} | {c} |" for a, b, c in rows],
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in info.items()],
        "",
        "## Method",
        "",
        f"- Courses: synthetic, {', '.join(map(str, sizes))} lessons in modules of ten; each lesson has five reading",
        "  sections, an example, an exercise, a reflection, takeaways and a source, and its own quiz of five",
        "  questions, one of each type (single, multiple, ordering, matching, role-play), shown on the lesson's",
        "  page (a lesson's `quiz:`). Names, accounts and figures are drawn per lesson from a seeded generator",
        "  (`benchmarks/synth.py`), so no two lessons share their text.",
        f"- Timings are medians of {runs} interleaved runs (of {big_runs} for the builds at {BIG} lessons, which",
        "  take minutes), each in a fresh process; within a run the order of",
        "  the variants is shuffled, and every ratio is the median of the per-run ratios of two builds made back",
        "  to back. `mkdocs build` times are wall-clock, including Python's start-up, as a user sees them.",
        "- The generator's own work is `load_course` + `render_course` in a fresh process, imports excluded.",
        "- Every variant uses the repository's mkdocs.yml theme settings with one change, the same for all:",
        "  `navigation.sections` off and `navigation.prune` on. `navigation.sections` renders every module,",
        "  expanded, into every page (1,100 entries in each of the 1,001 pages at 1000 lessons), a cost that",
        "  grows with pages × lessons, is the same in every variant and dwarfs what is measured.",
        "  `navigation.prune` only drops collapsed sections, so it needs `navigation.sections` off; the 100",
        "  module titles are still in every page.",
        "- The no-quiz reading build is the same reading text written as plain Markdown (headings, paragraphs,",
        "  lists, links), one page per lesson plus a home page, with plain Material and no plugin; the",
        "  plain-text variant adds every quiz's questions, options and feedback to the same pages. mkdocs-quiz",
        "  gets the same reading pages with the same five quizzes on each, built in its own environment",
        f"  (`benchmarks/.venv-peer`, {PEER_QUIZ}, the same MkDocs, Material and Markdown versions); its ratio",
        "  is against the reading pages built in that environment. mkdocs-quiz has single and multiple choice",
        "  only: ordering becomes “which order is right” (single), matching “which pairs are right”",
        "  (multiple), and a role-play its first step as a single choice, each with the same text and feedback.",
        "- Bytes: in Chromium, every script and stylesheet a page fetched (each gzipped on its own, level 9) plus",
        "  the page's inline `<script>` and `<style>` text (gzipped together); “added” is the difference from a",
        "  lesson page of the plain Material reading site. The 100-lesson sites for the browser also have a",
        "  20-question final assessment, and lesson 2's quiz on its module's quiz page, so that lesson 2's page",
        "  has no quiz.",
        "- Quiz-ready: `performance.mark('coursegen:quiz-ready')`, set by the runtime once every quiz on the",
        "  page is bound, minus the navigation entry's `domContentLoadedEventStart`. quiz.js is an ES module,",
        "  which runs before DOMContentLoaded, so a negative figure means the quizzes were ready before it.",
        "  The runtime's own binding time is measured from its first `querySelectorAll('.cg-quiz')` (seen",
        "  through a hook the page's init script installs) to the mark; each run is a fresh browser profile.",
        "- Page weights (no browser; `benchmarks/weights.py`, the budgets of `tests/test_page_weight.py`): the",
        "  HTML file MkDocs wrote, gzip -9, for the bundled course built as `make site` builds it, and for a",
        "  synthetic lesson built with its five-question quiz on its page and with the quiz on a page of its",
        "  own; and, for every page of those sites, each of our JS and CSS files it names (not Material's),",
        "  plus what those load (the script `data-js` names, `import`s), gzip -9 each, the heaviest page of",
        "  each kind shown. For every quiz page of the bundled course, what it adds to its text content and",
        "  Material's page (the page with its article emptied), and what its data blob costs over the same",
        "  data as plain JSON (`weights.QuizPageWeight` defines both); the most of each is shown.",
        "- Edit-to-reload: `mkdocs serve` on a copy of the bundled course; the first lesson's title is changed",
        "  and saved, then its page is fetched every 10 ms until the new title is served.",
    ]
    if compare:
        lines += [
            f"- Before/after: the own-work rows for {', '.join(f'`{k}`' for k in compare)} time another copy of",
            f"  `generator/` ({compare_runs} runs, interleaved with the others) on the same lessons and quizzes,",
            "  written in the layout those versions read (every lesson a module, its quiz on the module's quiz",
            "  page), and compare it with the working tree on that same layout:",
            *[f"  - `{k}`: {notes.get(k, str(v))}" for k, v in compare.items()],
        ]
    if profile_top:
        lines += [
            "",
            "## Where the generator's time goes",
            "",
            "cProfile of the own work at the largest size, top functions by own time:",
            "",
            "```",
            *profile_top,
            "```",
        ]
    return "\n".join(lines) + "\n"


def profile_summary(path: Path, top: int = 12) -> list[str]:
    out = io.StringIO()
    stats = pstats.Stats(str(path), stream=out)
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    text = out.getvalue().splitlines()
    start = next((i for i, line in enumerate(text) if line.strip().startswith("ncalls")), 0)
    return [line.rstrip() for line in text[start:] if line.strip()]


# ---------------------------------------------------------------------- engines


def measure_engines(courses: dict[int, Path], runs: int) -> str:
    """ProperDocs and `coursegen render` + Zensical beside the MkDocs plugin build (issue 18): the section's text."""
    load = load_average()
    timings = engines.measure(courses, WORK / "engines", runs, ENV, log)
    versions = {name: version(name) for name in ("mkdocs", "properdocs", "zensical")}
    return engines.section(timings, sorted(courses), runs, versions, f"{load} / {load_average()}")


# ------------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="10 and 100 lessons, 2 runs, fewer browser runs")
    parser.add_argument("--runs", type=int, default=None, help="interleaved runs per measure (default 5)")
    parser.add_argument("--sizes", default=None, help="comma-separated course sizes (default 10,100,1000)")
    parser.add_argument(
        "--compare",
        action="append",
        default=[],
        metavar="LABEL=REV",
        help="also time the generator's own work at git revision REV (or a folder holding generator/)",
    )
    parser.add_argument(
        "--compare-note", action="append", default=[], metavar="LABEL=TEXT", help="what a --compare label is"
    )
    parser.add_argument("--big-runs", type=int, default=3, help=f"runs at {BIG} lessons and more (default 3)")
    parser.add_argument("--compare-runs", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--weights-only", action="store_true", help="only build and weigh pages; print the rows")
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    parser.add_argument(
        "--engines-only",
        action="store_true",
        help="only ProperDocs and render + Zensical beside MkDocs (100 and 1000 lessons): rewrites their section",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in (args.sizes or ("10,100" if args.quick else "10,100,1000")).split(",")]
    runs = args.runs or (2 if args.quick else 5)

    WORK.mkdir(exist_ok=True)
    if args.engines_only:
        courses = {}
        for n in [int(s) for s in (args.sizes or "100,1000").split(",")]:
            log(f"generating the {n}-lesson course")
            courses[n] = synth.write_ours(synth.make_course(n), WORK / f"n{n}" / "ours", extra_features=FEATURES)
        text = measure_engines(courses, args.runs or 3)
        print(text)
        old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        args.out.write_text(engines.replace_section(old, text), encoding="utf-8")
        log(f"wrote the engines section of {args.out}")
        return
    if args.weights_only:
        print("| Measure | Result | Target |\n| --- | --- | --- |")
        rows = [*weight_rows(measure_weights()), package_row(measure_package())]
        print("\n".join(f"| {a} | {b} | {c} |" for a, b, c in rows))
        return
    load_before = load_average()
    peer = peer_python()
    compare: dict[str, Path] = {}
    for spec in args.compare:
        label, _, rev = spec.partition("=")
        folder = Path(rev).resolve()
        compare[label] = folder if (folder / "generator").is_dir() else export_revision(rev, WORK / f"rev-{label}")

    all_sites = [prepare(n, peer=(n == 100), modules=bool(compare)) for n in sizes]
    big_runs = min(args.big_runs, runs)
    series = measure(all_sites, runs, big_runs, peer, compare, min(args.compare_runs, runs))

    log("profiling the generator's own work")
    profile = WORK / "own.prof"
    own_work(all_sites[-1].ours, profile=profile)
    profile_top = profile_summary(profile)

    web = None
    if not args.no_browser and 100 in sizes:
        web = measure_browser(peer, 3 if args.quick else 15)

    page_weights = measure_weights()
    package_size = measure_package()

    reload: serve.Reload | str | None = None
    if not args.no_serve:
        log("timing mkdocs serve edit-to-reload on the bundled course")
        try:
            reload = serve.edit_to_reload(REPO, WORK, 3 if args.quick else 7)
        except Exception as exc:  # the bundled course may be mid-edit; say so instead of failing the run
            reload = f"failed: {str(exc).splitlines()[0][:200]}"

    info = machine()
    info.update(
        {
            "MkDocs": version("mkdocs"),
            "Material for MkDocs": version("mkdocs-material"),
            "Python-Markdown": version("markdown"),
            "pyromark": version("pyromark"),
            "PyYAML": version("pyyaml"),
            "mkdocs-quiz": version("mkdocs-quiz", peer),
            "Chromium": web.version if web else "-",
            "Date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "Load average (1, 5, 15 min) before / after": f"{load_before} / {load_average()}",
            "git": subprocess.run(
                ["git", "describe", "--always", "--dirty"], cwd=REPO, capture_output=True, text=True
            ).stdout.strip(),
        }
    )
    text = report(
        series,
        all_sites,
        web,
        page_weights,
        reload,
        compare,
        dict(note.partition("=")[::2] for note in args.compare_note),
        profile_top,
        info,
        runs,
        big_runs,
        min(args.compare_runs, runs),
        package_size=package_size,
    )
    text = engines.replace_section(
        text, measure_engines({s.size: s.ours for s in all_sites if s.size >= 100}, min(big_runs, runs))
    )
    print(text)
    args.out.write_text(text, encoding="utf-8")
    (WORK / "series.json").write_text(json.dumps(series.runs, indent=1))
    log(f"wrote {args.out}")


if __name__ == "__main__":
    main()
