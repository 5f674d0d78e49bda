"""Child process: from process start to the editor window painted with the brief open.

Run by run.py as ``python bench/probe_start.py BRIEF SETTINGS_FOLDER`` with
``BENCH_T0`` set to the parent's ``time.time()`` taken just before starting this
process, so the figure covers the interpreter's own start, every import, building
the window and opening the brief.

The editor is started by the product's own :func:`briefbook.app.run`, unchanged;
the only addition is the signal: the window class is replaced by a subclass that
watches the preview (or, with the preview hidden, the visible page) and, when it has
painted with the brief loaded, records the time and peak memory and quits. Settings
live in a fresh folder, so no earlier session, recent file or autosave interferes.
Prints one ``BENCH-RESULT {json}`` line.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

T0 = float(os.environ.get("BENCH_T0", "0")) or None
PERF0 = time.perf_counter()


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> int:
    import json

    path, settings = sys.argv[1], sys.argv[2]
    result: dict[str, object] = {"painted": False}

    phases = None
    if os.environ.get("BENCH_PHASES"):  # the profiling run: time the steps of the start as well
        from phases import START_STEPS, Phases

        phases = Phases(START_STEPS)
        phases.install()
        phases.key(PERF0)
    from paint import PaintWatch
    from PySide6.QtCore import QCoreApplication, QTimer

    import briefbook.app.main_window as main_window

    original = main_window.MainWindow

    class SignallingWindow(original):  # type: ignore[misc, valid-type]
        """The product's window, plus a watch that quits at its first paint with the brief."""

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._watch = PaintWatch(self._painted, self._brief_shown)
            for widget in (self.preview.browser.viewport(), self.pages):
                self._watch.watch(widget)
            QTimer.singleShot(120_000, QCoreApplication.quit)  # never hang the benchmark

        def _brief_shown(self, widget) -> bool:
            if not self.document.path:
                return False
            if widget is self.pages:
                return not self.preview.isVisible()
            return not self.preview.document().isEmpty()

        def _painted(self, widget, done: float) -> None:
            if result["painted"]:
                return
            now = time.time()
            result.update(
                painted=True,
                since_process_start=(now - T0) if T0 else None,
                since_first_line=done - PERF0,
                widget="preview" if widget is not self.pages else "page",
                peak_rss_mb=_peak_rss_mb(),
            )
            if phases:
                phases.painted(done, None)
                firsts = [start for spans in phases.keys[0]["steps"].values() for start, _ in spans]
                result["phases"] = phases.summary()
                result["before_first_step"] = (min(firsts) - PERF0) if firsts else None
            filling = getattr(self.preview, "is_filling", None)
            if filling is not None and filling():
                # a long brief is drawn progressively: note when the preview holds all of it, then quit
                self.preview.filled.connect(self._filled)
            else:
                result["filled_since_process_start"] = result["since_process_start"]
                QTimer.singleShot(0, QCoreApplication.quit)

        def _filled(self) -> None:
            result["filled_since_process_start"] = (time.time() - T0) if T0 else None
            QTimer.singleShot(0, QCoreApplication.quit)

    main_window.MainWindow = SignallingWindow
    from briefbook.app import run
    from briefbook.document import AppFolders

    code = run(path, AppFolders(Path(settings)))
    result["exit"] = code
    print("BENCH-RESULT " + json.dumps(result), flush=True)
    return 0 if result["painted"] else 1


if __name__ == "__main__":
    sys.exit(main())
