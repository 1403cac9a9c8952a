"""MkDocs' live-reload server, with three things `coursegen serve` adds.

- It remembers which files changed, so that each rebuild can say what it was for.
- It puts the course's problems (problem_banner) on every page it serves while the
  last build failed; the page keeps the last site that built beneath them.
- It says when it is listening, so the address is printed once the port is bound.

Which folder it serves (`root`) is swapped after each build that succeeds, so a
failed build never leaves half a site behind.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import watchdog.events
from mkdocs.livereload import LiveReloadServer

from generator.pages.problem_banner import problem_banner, with_banner


class _Recorder(watchdog.events.FileSystemEventHandler):
    def __init__(self, record: Callable[[str], None]) -> None:
        self.record = record

    def on_any_event(self, event: watchdog.events.FileSystemEvent) -> None:
        if event.is_directory:
            return
        # An editor that saves by renaming a temporary file over the real one
        # reports a move: the real file is where it moved to.
        path = getattr(event, "dest_path", "") or event.src_path
        self.record(os.fsdecode(path))


class PreviewServer(LiveReloadServer):
    def __init__(
        self,
        *,
        builder: Callable[[], None],
        host: str,
        port: int,
        root: str,
        mount_path: str,
        on_ready: Callable[[str], None],
    ) -> None:
        super().__init__(builder=builder, host=host, port=port, root=root, mount_path=mount_path)
        self.on_ready = on_ready
        self._banner = ""
        self._changed: set[str] = set()
        self._changed_lock = threading.Lock()

    def show_problems(self, problems: list[str]) -> None:
        """Put `problems` on every page served from now on; none takes the notice away."""
        self._banner = problem_banner(problems)

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        first = os.path.abspath(path) not in self._watched_paths
        super().watch(path, func, recursive=recursive)
        if first:
            self.observer.schedule(_Recorder(self._record), os.path.abspath(path), recursive=recursive)

    def _record(self, path: str) -> None:
        with self._changed_lock:
            self._changed.add(path)

    def take_changes(self) -> list[Path]:
        """The files changed since the last call, sorted."""
        with self._changed_lock:
            changed, self._changed = self._changed, set()
        return sorted(Path(path) for path in changed)

    def server_activate(self) -> None:
        super().server_activate()
        self.on_ready(self.url)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        page = super()._inject_js_into_html(content, epoch)  # type: ignore[no-untyped-call]
        return with_banner(page, self._banner)
