"""The generator's own work on one course: load + validate + render, no MkDocs. Prints JSON.

Run in a fresh process per measurement (by run.py), so every run pays what a build pays:
the first Jinja compile, the first Markdown call, a cold heap. Imports are not counted: they
are the same for any course size, and MkDocs pays them in every variant alike.

    python benchmarks/own_work.py COURSE_DIR [--profile OUT.prof]

With PYTHONPATH pointing at another copy of `generator/` it times that copy instead (run.py
uses this for the before/after comparison).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    root = Path(sys.argv[1])
    profile = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--profile" else None
    import generator
    from generator.model.load import load_course
    from generator.pages.course import render_course
    from generator.pages.site_settings import SiteSettings

    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    bundle = load_course(root)
    loaded = time.perf_counter()
    rendered = render_course(bundle, SiteSettings(language="en"))
    done = time.perf_counter()
    if profile:
        profiler.disable()
        profiler.dump_stats(profile)
    print(
        json.dumps(
            {
                "load": loaded - started,
                "render": done - loaded,
                "total": done - started,
                "pages": len(rendered.pages),
                "generator": str(Path(generator.__file__).parent),
            }
        )
    )


if __name__ == "__main__":
    main()
