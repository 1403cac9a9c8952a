"""`coursegen analyse` at scale: statements from the simulator, the command timed in a subprocess.

The target (issue 25): one million `answered` statements analysed in at most 20 s and 2 GB on
the 2-core benchmark machine, and 100 k → 1 M costing at most 11 times as much.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COURSE = REPO / "tests" / "fixtures" / "analysed"
sys.path.insert(0, str(REPO / "tests"))

# The peak memory of the command alone: RUSAGE_CHILDREN in a fresh process that runs only it.
_MEASURE = """
import resource, subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(time.perf_counter() - t, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


def statements(work: Path, count: int) -> Path:
    """About `count` statements of simulated learners on the analysed fixture course (made once)."""
    from analysed_course import write

    from generator.analyse.simulate import Cohort

    path = work / f"statements-{count}.jsonl"
    if not path.exists():
        per_learner = 14 * 1.3  # 14 questions, 30 % retry
        partial = path.with_suffix(".partial")
        write(partial, Cohort(learners=round(count / per_learner), seed=11))
        partial.rename(path)
    return path


def run_once(path: Path) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak MB, and the statements, for `coursegen analyse --format json`.

    CPU time is shown beside the wall time because the benchmark machine is shared: under load
    the wall time grows, the CPU time much less."""
    coursegen = Path(sys.executable).with_name("coursegen")
    command = [str(coursegen), "analyse", "--root", str(COURSE), "--from", str(path), "--format", "json"]
    out = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True)
    seconds, cpu, kb = out.stdout.split()
    lines = sum(1 for _ in path.open("rb"))
    return float(seconds), float(cpu), int(kb) / 1024, lines


def section(work: Path, sizes: tuple[int, ...] = (100_000, 1_000_000), runs: int = 3) -> str:
    """The benchmark's analyse table, in Markdown."""
    work.mkdir(parents=True, exist_ok=True)
    rows: dict[int, tuple[float, float, float, int]] = {}
    for size in sizes:
        path = statements(work, size)
        found = sorted((run_once(path) for _ in range(runs)), key=lambda r: r[0])
        rows[size] = found[len(found) // 2]
    lines = [
        "## coursegen analyse",
        "",
        f"Load average (1, 5, 15 min) before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}",
        "",
        "| Statements | File | Median time | CPU time | Peak memory | Target |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for size, (seconds, cpu, mb, count) in rows.items():
        target = "≤ 20 s, ≤ 2048 MB" if size >= 1_000_000 else ""
        file_mb = statements(work, size).stat().st_size / 1e6
        lines.append(f"| {count:,} | {file_mb:,.0f} MB | {seconds:.1f} s | {cpu:.1f} s | {mb:,.0f} MB | {target} |")
    if len(rows) >= 2:
        small, big = min(rows), max(rows)
        ratio = rows[big][0] / rows[small][0]
        cpu_ratio = rows[big][1] / rows[small][1]
        lines.append(f"| {small:,} → {big:,} | | {ratio:.1f}× | {cpu_ratio:.1f}× | | ≤ 11× |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(section(REPO / ".bench" / "analyse", runs=int(sys.argv[1]) if len(sys.argv) > 1 else 3))
