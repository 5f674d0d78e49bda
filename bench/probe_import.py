"""Child process: times the import of a Word document, as ``briefbook import`` reads it.

Run by run.py as ``python bench/probe_import.py BRIEF.brief.yaml WORK_FOLDER --repeats N``. The
brief is exported once (``briefbook.render.docx.export_docx``, the same export as ever); the figure
is :func:`briefbook.wordimport.import_docx` of that document, median of ``N`` repeats after one
warm-up, then the brief as saved from it compared with the brief's own saved text (the round trip),
and one whole ``briefbook import`` process writing the brief file. Prints one ``BENCH-RESULT {json}``
line.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("brief", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    from briefbook.fileformat import dumps, load
    from briefbook.render.docx import export_docx
    from briefbook.wordimport import import_docx

    brief = load(args.brief)
    args.work.mkdir(parents=True, exist_ok=True)
    document = args.work / args.brief.name.replace(".brief.yaml", ".docx")
    export_docx(brief, document)
    imported = import_docx(document)  # warm-up: imports, parse caches
    times = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        imported = import_docx(document)
        times.append(time.perf_counter() - t0)
    same = dumps(imported.brief) == dumps(brief)
    target = args.work / args.brief.name.replace(".brief.yaml", "-imported.brief.yaml")
    target.unlink(missing_ok=True)
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "briefbook", "import", str(document), "-o", str(target), "-q"],
                          capture_output=True, text=True, check=False)
    process = time.perf_counter() - t0
    if done.returncode:
        raise SystemExit(f"briefbook import failed: {done.stderr.strip()[-500:]}")
    print("BENCH-RESULT " + json.dumps({"import": times, "process": process, "same": same,
                                        "remarks": len(imported.remarks), "bytes": document.stat().st_size}))


if __name__ == "__main__":
    main()
