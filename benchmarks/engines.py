"""The engines beside MkDocs (issue 18): `coursegen render` + Zensical, and ProperDocs with the plugin.

For each course size: the MkDocs build with the coursegen plugin (the reference), ProperDocs with the
same plugin, `coursegen render` on its own, `zensical build` of what render wrote (as anyone running
Zensical by hand does), and the whole path as `coursegen build --engine zensical` runs it (read and
check the course once, render with the quizzes left for later, Zensical, quizzes put into its HTML).
Runs are interleaved and shuffled as in run.py. Each job's CPU time (user + system, all its threads
and processes) is kept beside the wall time: the machine may be shared, and Zensical uses two
threads where MkDocs uses one, so the two together say more than either.
"""

from __future__ import annotations

import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# The whole render + Zensical path, at most this share of the MkDocs plugin build at 1000 lessons.
TARGET_ZENSICAL = 0.6
HEADING = "## Engines: ProperDocs and `coursegen render` + Zensical (issue 18)"


@dataclass
class Timings:
    wall: dict[str, list[float]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)

    def add(self, key: str, wall: float, cpu: float) -> None:
        self.wall.setdefault(key, []).append(wall)
        self.cpu.setdefault(key, []).append(cpu)

    def ratio(self, top: str, bottom: str, of: str = "wall") -> float:
        runs = self.wall if of == "wall" else self.cpu
        return statistics.median(a / b for a, b in zip(runs[top], runs[bottom], strict=True))


def timed(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `cmd` (CPU: user + system of it and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{result.stderr[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def jobs(ours: Path, work: Path) -> dict[str, list[str]]:
    """The commands timed for one course (`ours`: its folder with mkdocs.yml and the plugin)."""
    py = sys.executable
    config = str(ours / "mkdocs.yml")
    return {
        "mkdocs": [py, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(work / "site-mkdocs")],
        "properdocs": [py, "-m", "properdocs", "build", "-q", "-f", config, "-d", str(work / "site-properdocs")],
        "render": [py, "-m", "generator", "render", str(work / "rendered"), "--root", str(ours)],
        "zensical": [py, "-m", "zensical", "build", "--clean", "-f", str(work / "rendered" / "mkdocs.yml")],
        "path": [
            *(py, "-m", "generator", "build", "--engine", "zensical", "--no-strict"),
            *("-f", config, "-d", str(work / "site-zensical")),
        ],
    }


def measure(
    courses: dict[int, Path], work: Path, runs: int, env: dict[str, str], log: Callable[[str], None]
) -> Timings:
    timings = Timings()
    rng = random.Random(18)
    for n, ours in courses.items():
        (work / f"n{n}").mkdir(parents=True, exist_ok=True)
        # Zensical's own build reads what render wrote: render once before the first run.
        timed(jobs(ours, work / f"n{n}")["render"], env, work)
    for run in range(runs):
        log(f"engines: run {run + 1}/{runs}")
        todo = [(n, name, cmd) for n, ours in courses.items() for name, cmd in jobs(ours, work / f"n{n}").items()]
        rng.shuffle(todo)
        for n, name, cmd in todo:
            timings.add(f"{name}/{n}", *timed(cmd, env, work))
    return timings


def rows(t: Timings, sizes: list[int]) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []

    def seconds(key: str) -> str:
        return f"{statistics.median(t.wall[key]):.2f} s (CPU {statistics.median(t.cpu[key]):.2f} s)"

    for n in sizes:
        out += [
            (f"`mkdocs build` with the coursegen plugin, {n} lessons", seconds(f"mkdocs/{n}"), ""),
            (f"`properdocs build` with the coursegen plugin, {n} lessons", seconds(f"properdocs/{n}"), ""),
            (f"`coursegen render` on its own, {n} lessons", seconds(f"render/{n}"), ""),
            (f"`zensical build --clean` of what `coursegen render` wrote, {n} lessons", seconds(f"zensical/{n}"), ""),
            (
                f"`coursegen build --engine zensical` (check, render, Zensical, quizzes put in), {n} lessons",
                seconds(f"path/{n}"),
                "",
            ),
            (f"ProperDocs ÷ MkDocs, {n} lessons", f"{t.ratio(f'properdocs/{n}', f'mkdocs/{n}'):.2f}×", ""),
        ]
        ratio = t.ratio(f"path/{n}", f"mkdocs/{n}")
        target = f"≤ {TARGET_ZENSICAL:g}× {'✅' if ratio <= TARGET_ZENSICAL else '❌'}" if n == 1000 else ""
        out += [
            (f"render + Zensical path ÷ MkDocs plugin build, {n} lessons (wall)", f"{ratio:.2f}×", target),
            (
                f"render + Zensical path ÷ MkDocs plugin build, {n} lessons (CPU)",
                f"{t.ratio(f'path/{n}', f'mkdocs/{n}', of='cpu'):.2f}×",
                "",
            ),
            (
                f"share of the render step in render + Zensical build, {n} lessons (wall)",
                f"{statistics.median(r / (r + z) for r, z in zip(t.wall[f'render/{n}'], t.wall[f'zensical/{n}'], strict=True)):.0%}",
                "",
            ),
        ]
    return out


def section(t: Timings, sizes: list[int], runs: int, versions: dict[str, str], load: str) -> str:
    lines = [
        HEADING,
        "",
        f"Median of {runs} interleaved runs; CPU = user + system time of the command and its children.",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()) + f". Load average before / after: {load}.",
        "",
        "| Measure | Result | Target |",
        "| --- | --- | --- |",
        *[f"| {a} | {b} | {c} |" for a, b, c in rows(t, sizes)],
    ]
    return "\n".join(lines) + "\n"


def replace_section(results: str, text: str) -> str:
    """`results` (results.md) with its engines section replaced by `text`, or `text` added at its end."""
    start = results.find(HEADING)
    if start < 0:
        return results.rstrip("\n") + "\n\n" + text
    end = results.find("\n## ", start + len(HEADING))
    return results[:start] + text + (results[end + 1 :] if end >= 0 else "")
