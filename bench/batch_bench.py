"""The many-briefs row: ``briefbook export`` of twenty briefs in one command against twenty ``pandoc`` runs.

Twenty copies of the scale's brief (and of its Markdown for pandoc) are made in a folder;
one ``briefbook export A … T -o OUTDIR`` process is timed against the twenty ``pandoc -o
.docx`` processes run one after another, as a script would run them, the pair repeated
and alternating which goes first. The figure is the ratio of each pair's times.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import time
from pathlib import Path

from export_cli import briefbook_command
from generate import Inputs

TARGETS: dict[str, dict[int, float]] = {"export_many": {1: 0.5}}

LABELS = {
    "export_many": ("`briefbook export` of 20 briefs in one command ÷ 20 separate `pandoc -o .docx` runs", "×"),
}

ORDER = tuple(TARGETS)
COUNT = 20
#: Pairs timed per scale: the row is defined for ×1 briefs (a set after a ministerial); larger scales are skipped.
REPEATS = {1: 5}


def _timed(commands: list[list[str]]) -> float:
    start = time.perf_counter()
    for command in commands:
        done = subprocess.run(command, capture_output=True, text=True, timeout=1800, check=False)
        if done.returncode:
            raise RuntimeError(f"{command[0]} failed: {done.stderr.strip()[-300:]}")
    return time.perf_counter() - start


def measure_many(run, inputs: Inputs, out: Path) -> None:
    """The many-briefs row for one scale."""
    if inputs.scale not in REPEATS:
        return
    figure = run.figure("export_many", inputs.scale)
    if shutil.which("pandoc") is None:
        figure.error = "pandoc is not installed"
        return
    folder = out / f"many-x{inputs.scale}"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "out").mkdir(parents=True)
    briefs, markdowns = [], []
    for k in range(COUNT):
        briefs.append(folder / f"brief-{k:02d}.brief.yaml")
        markdowns.append(folder / f"brief-{k:02d}.md")
        shutil.copy(inputs.brief, briefs[-1])
        shutil.copy(inputs.markdown, markdowns[-1])
    ours = [[*briefbook_command(), "export", *map(str, briefs), "-o", str(folder / "out"), "--quiet"]]
    theirs = [["pandoc", "-f", "markdown", str(md), "-o", str(md.with_suffix(".docx"))] for md in markdowns]
    try:
        if run.plan.name != "smoke":
            _timed(ours), _timed(theirs)  # warm-up: file caches
        mine, pandoc = [], []
        for k in range(1 if run.plan.name == "smoke" else REPEATS[inputs.scale]):
            first, second = (ours, theirs) if k % 2 == 0 else (theirs, ours)
            a, b = _timed(first), _timed(second)
            mine.append(a if first is ours else b)
            pandoc.append(b if first is ours else a)
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        figure.error = str(exc)
        return
    figure.values = [m / p for m, p in zip(mine, pandoc, strict=True)]
    figure.note = (f"briefbook export of {COUNT} briefs {statistics.median(mine):.2f} s "
                   f"({min(mine):.2f}–{max(mine):.2f}), {COUNT} pandoc runs {statistics.median(pandoc):.2f} s "
                   f"({min(pandoc):.2f}–{max(pandoc):.2f})")
