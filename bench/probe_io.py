"""Child process: times loading and saving one brief file in-process, as the editor does.

Run by run.py as ``python bench/probe_io.py BRIEF --repeats N [--profile FILE]``.
The first load pays for importing the file format's modules and is reported apart;
the figure is the steady state that an analyst opening and saving a file in a
running editor sees. Saving goes through the real atomic write (fsync included),
into a folder beside the brief. Autosave is timed as the editor runs it: a word typed
into one section through the document controller, then one autosave (the text made and the
recovery file written), which is the whole pause autosave puts in the editor's event loop.
Prints one ``BENCH-RESULT {json}`` line.
"""

from __future__ import annotations

import argparse
import cProfile
import json
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
        first_autosave, warm_turn, autosaves = time_autosave(args.brief, Path(folder), args.repeats * 3)
    print("BENCH-RESULT " + json.dumps({"load": loads, "save": saves, "first_load": first_load, "bytes": size,
                                        "autosave": autosaves, "first_autosave": first_autosave,
                                        "autosave_warm_turn": warm_turn}))


def time_autosave(brief_path: Path, folder: Path, repeats: int) -> tuple[float, float, list[float]]:
    """The first autosave of an opened brief, the longest turn of the event loop while its sections
    are written out beforehand, and each autosave after a word typed into one section."""
    from PySide6.QtCore import QCoreApplication

    from briefbook.document import AppFolders, Document, Splice
    from briefbook.fileformat import read
    from briefbook.model import Address, iter_sections
    from briefbook.model.brief import body_text

    app = QCoreApplication.instance() or QCoreApplication([])
    document = Document(AppFolders(folder / "data"))
    result = read(brief_path)
    document.replace(result.brief, str(brief_path), disk=result.disk)
    entries = list(iter_sections(document.brief))
    entry = entries[len(entries) // 2]
    body = Address(entry.path).body

    def type_word() -> None:
        end = len(body_text(entry.section))
        document.edit_body(body, Splice(end, "", " word"))

    type_word()  # editing begins: the document writes out its sections for autosave, a few at a time
    worst_turn, until = 0.0, time.perf_counter() + 0.5
    while time.perf_counter() < until:  # the event loop idles between keys, as in the editor
        t0 = time.perf_counter()
        app.processEvents()
        worst_turn = max(worst_turn, time.perf_counter() - t0)
        time.sleep(0.001)
    t0 = time.perf_counter()
    document.autosave()
    first = time.perf_counter() - t0
    times = []
    for _ in range(repeats):
        type_word()
        t0 = time.perf_counter()
        document.autosave()
        times.append(time.perf_counter() - t0)
    document.discard_changes()
    document.close()
    app.processEvents()
    return first, worst_turn, times


if __name__ == "__main__":
    main()
