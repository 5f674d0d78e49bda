"""The book row: ``briefbook export`` of a book of forty briefs, as one whole process.

The smoke run makes a book of eight, as its one export of forty would take most of its minute.

Forty copies of the scale's brief are listed in one ``.book.yaml`` (made with ``briefbook book
new``, as an analyst would) and exported to one Word document. A book always has contents, so
the export is laid out by LibreOffice until its page numbers agree; the note gives the share
of the time that building the document alone takes (``--layout`` left to LibreOffice).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import time
from pathlib import Path

from export_cli import briefbook_command
from generate import Inputs

TARGETS: dict[str, dict[int, float]] = {"export_book": {}}

LABELS = {
    "export_book": ("`briefbook export` of a book of 40 briefs (8 in the smoke run) to one Word document, its "
                    "contents' page numbers from LibreOffice's layout (whole process)", "s"),
}

ORDER = tuple(TARGETS)
COUNT = 40
SMOKE_COUNT = 8
#: Exports timed per scale: the row is defined for a book of ×1 briefs (a Summit's briefing book).
REPEATS = {1: 3}


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False)
    if done.returncode:
        raise RuntimeError(f"briefbook failed: {(done.stderr or done.stdout).strip()[-300:]}")
    return time.perf_counter() - start


def measure_book(run, inputs: Inputs, out: Path) -> None:
    """The book row for one scale."""
    if inputs.scale not in REPEATS:
        return
    figure = run.figure("export_book", inputs.scale)
    folder = out / f"book-x{inputs.scale}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    count = SMOKE_COUNT if run.plan.name == "smoke" else COUNT
    briefs = []
    for k in range(count):
        briefs.append(folder / f"brief-{k:02d}.brief.yaml")
        shutil.copy(inputs.brief, briefs[-1])
    book = folder / "summit.book.yaml"
    output = folder / "summit.docx"
    try:
        _timed([*briefbook_command(), "book", "new", str(book), *map(str, briefs), "--quiet"])
        export = [*briefbook_command(), "export", str(book), "-o", str(output), "--quiet"]
        times = [_timed(export) for _ in range(1 if run.plan.name == "smoke" else REPEATS[inputs.scale])]
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        figure.error = str(exc)
        return
    figure.values = times
    size = output.stat().st_size / 1024
    figure.note = (f"{count} briefs of {inputs.sections} sections each, a {size:.0f} KiB document; "
                   f"median {statistics.median(times):.2f} s")
