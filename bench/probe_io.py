"""Child process: times loading and saving one brief file in-process, as the editor does.

Run by run.py as ``python bench/probe_io.py BRIEF --repeats N [--profile FILE]``.
The first load pays for importing the file format's modules and is reported apart;
the figure is the steady state that an analyst opening and saving a file in a
running editor sees. Saving goes through the real atomic write (fsync included),
into a folder beside the brief. Autosave is timed as the editor runs it: a word typed
into one section through the document controller, then the event loop turning until the
recovery file is written; the figure is the longest turn, which is the longest a keystroke
typed meanwhile would wait. Counting the brief (:mod:`briefbook.counts`) is timed whole and
after a word typed into one section.
Prints one ``BENCH-RESULT {json}`` line.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import statistics
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("brief", type=Path)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--profile", type=Path, help="write a cProfile of repeated loads and saves here")
    args = parser.parse_args()

    start = time.perf_counter()
    from briefbook.fileformat import load, save

    brief = load(args.brief)
    first_load = time.perf_counter() - start

    loads: list[float] = []
    saves: list[float] = []
    with tempfile.TemporaryDirectory(dir=args.brief.parent) as folder:
        target = Path(folder) / args.brief.name
        save(brief, target)  # the first save pays for the writer's imports
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            loaded = load(args.brief)
            t1 = time.perf_counter()
            save(loaded, target)
            t2 = time.perf_counter()
            loads.append(t1 - t0)
            saves.append(t2 - t1)
        if profiler:
            profiler.disable()
            profiler.dump_stats(str(args.profile))
        size = target.stat().st_size
        autosave_elapsed, autosaves = time_autosave(args.brief, Path(folder), args.repeats * 3)
    counts, recounts = time_counts(brief, args.repeats)
    print("BENCH-RESULT " + json.dumps({"load": loads, "save": saves, "first_load": first_load, "bytes": size,
                                        "autosave": autosaves, "autosave_elapsed": autosave_elapsed,
                                        "count": counts, "recount": recounts}))


def time_counts(brief, repeats: int) -> tuple[list[float], list[float]]:
    """Counting the whole brief afresh (``briefbook check --stats``, a budget check on load), and again after
    a word typed into one section and the document saying so, as the window does 300 ms after the last key."""
    from briefbook.counts import BriefCounts
    from briefbook.model import Address, iter_sections
    from briefbook.model.brief import body_text, set_body_text

    fresh: list[float] = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        BriefCounts().totals(brief)
        fresh.append(time.perf_counter() - t0)
    counts = BriefCounts()
    counts.totals(brief)
    entries = list(iter_sections(brief))
    entry = entries[len(entries) // 2]
    again: list[float] = []
    for _ in range(repeats * 3):
        set_body_text(entry.section, body_text(entry.section) + " word")
        t0 = time.perf_counter()
        counts.forget(brief, Address(entry.path).body)
        counts.totals(brief)
        counts.section(brief, Address(entry.path))
        again.append(time.perf_counter() - t0)
    return fresh, again


def time_autosave(brief_path: Path, folder: Path, repeats: int) -> tuple[float, list[float]]:
    """Autosaves as the editor makes them: a word typed into one section, then the event loop
    idling until the recovery file is written. Returns the median time until it was written,
    and for each autosave the longest turn of the event loop it took (the longest a key can wait)."""
    from PySide6.QtCore import QCoreApplication

    from briefbook.document import AppFolders, Document, Splice
    from briefbook.fileformat import read
    from briefbook.model import Address, iter_sections
    from briefbook.model.brief import body_text

    app = QCoreApplication.instance() or QCoreApplication([])
    document = Document(AppFolders(folder / "data"), autosave_pause_ms=1)
    result = read(brief_path)
    document.replace(result.brief, str(brief_path), disk=result.disk)
    entries = list(iter_sections(document.brief))
    entry = entries[len(entries) // 2]
    body = Address(entry.path).body
    recovery = folder / "data" / "recovery"

    def written() -> int:
        return max((f.stat().st_mtime_ns for f in recovery.glob("*.brief.yaml")), default=0)

    turns, elapsed = [], []
    for _ in range(repeats):
        before = written()
        end = len(body_text(entry.section))
        document.edit_body(body, Splice(end, "", " word"))
        worst, t_start = 0.0, time.perf_counter()
        while written() == before and time.perf_counter() - t_start < 5:
            t0 = time.perf_counter()
            app.processEvents()
            worst = max(worst, time.perf_counter() - t0)
            time.sleep(0.0005)
        elapsed.append(time.perf_counter() - t_start)
        turns.append(worst)
    document.discard_changes()
    document.close()
    app.processEvents()
    return statistics.median(elapsed), turns


if __name__ == "__main__":
    main()
