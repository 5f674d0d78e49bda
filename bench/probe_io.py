"""Child process: times loading and saving one brief file in-process, as the editor does.

Run by run.py as ``python bench/probe_io.py BRIEF --repeats N [--profile FILE]``.
The first load pays for importing the file format's modules and is reported apart;
the figure is the steady state that an analyst opening and saving a file in a
running editor sees. Saving goes through the real atomic write (fsync included),
into a folder beside the brief. Prints one ``BENCH-RESULT {json}`` line.
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
    print("BENCH-RESULT " + json.dumps({"load": loads, "save": saves, "first_load": first_load, "bytes": size}))


if __name__ == "__main__":
    main()
