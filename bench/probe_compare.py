"""Child process: times the redline of two versions of a brief, as ``briefbook compare`` makes it.

Run by run.py as ``python bench/probe_compare.py OLD NEW OUT.docx --repeats N``. Both
versions are loaded once; the figure is :func:`briefbook.redline.build_redline` (the
comparison and the Word document with its tracked changes, in memory), median of ``N``
repeats after one warm-up. Reported apart: the comparison alone, the plain export of the
new version, and one whole ``briefbook compare`` process writing ``OUT.docx``. Prints one
``BENCH-RESULT {json}`` line.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    from briefbook.fileformat import load
    from briefbook.redline import build_redline, compare
    from briefbook.render.docx import build_docx

    old, new = load(args.old), load(args.new)
    data, summary = build_redline(old, new, author="bench")  # warm-up: imports, template, parse caches
    redline, compared, exported = [], [], []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        data, summary = build_redline(old, new, author="bench")
        redline.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        compare(old, new)
        compared.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        build_docx(new)
        exported.append(time.perf_counter() - t0)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml") + package.read("word/footnotes.xml")
    revisions = sum(xml.count(tag) for tag in (b"<w:ins ", b"<w:del ", b"<w:moveFrom ", b"<w:moveTo "))
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "briefbook", "compare", str(args.old), str(args.new), "-o",
                           str(args.out), "-q", "--author", "bench"], capture_output=True, text=True, check=False)
    process = time.perf_counter() - t0
    if done.returncode:
        raise SystemExit(f"briefbook compare failed: {done.stderr.strip()[-500:]}")
    print("BENCH-RESULT " + json.dumps({"redline": redline, "compare": compared, "export": exported,
                                        "process": process, "summary": summary.describe(), "revisions": revisions,
                                        "bytes": len(data)}))


if __name__ == "__main__":
    main()
