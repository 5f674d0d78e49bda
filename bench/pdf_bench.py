"""The PDF export's rows: ``briefbook export BRIEF -o x.pdf`` as a whole process, and LibreOffice's share.

LibreOffice's part is timed alone: the same conversion Briefbook runs (its command, in
Briefbook's cached private profile) of the DOCX the export lays out, from a fresh process
each time. The whole export and the conversion alone are interleaved, so a burst of load
on the shared machine hits both alike. At ×1 a third row times the Word export of the long
starter, whose contents get their page numbers from two layouts.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from export_cli import briefbook_command
from generate import Inputs

TARGETS: dict[str, dict[int, float]] = {"pdf_export": {}, "pdf_soffice": {}, "pdf_contents_docx": {}}

LABELS = {
    "pdf_export": ("`briefbook export BRIEF -o x.pdf` whole process (DOCX built, laid out by LibreOffice, "
                   "written)", "s"),
    "pdf_soffice": ("of which LibreOffice's conversion of the DOCX to PDF, run alone (headless, private profile "
                    "reused)", "s"),
    "pdf_contents_docx": ("`briefbook export` to .docx of the long starter, its contents' page numbers from "
                          "LibreOffice's layout (two layouts)", "s"),
}

ORDER = tuple(TARGETS)

LONG = Path(__file__).resolve().parent.parent / "templates" / "starters" / "long-brief.brief.yaml"


def _timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    return time.perf_counter() - start, done


def _conversion(docx: Path, outdir: Path) -> list[str]:
    """Briefbook's own conversion command for ``docx`` (its program, options and cached profile)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from briefbook.render.paged import soffice

    found = soffice.find_soffice()
    if found is None:
        raise RuntimeError("LibreOffice is not installed")
    lease = soffice.lease_profile()
    try:
        return soffice.conversion_command(found, lease, docx, outdir)
    finally:
        lease.release()  # the bench runs one conversion at a time: the first slot is free again


def measure_pdf(run, inputs: Inputs, out: Path, repeats: int) -> None:
    """The rows above for one scale, each the median of ``repeats`` runs after one to warm up (none in
    the smoke run, which shows only that the step works and must end within a minute)."""
    whole, alone = run.figure("pdf_export", inputs.scale), run.figure("pdf_soffice", inputs.scale)
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        whole.error = alone.error = "LibreOffice is not installed"
        return
    pdf, docx = out / f"briefbook-x{inputs.scale}.pdf", out / f"briefbook-x{inputs.scale}-for-pdf.docx"
    export = [*briefbook_command(), "export", str(inputs.brief), "-o", str(pdf), "--quiet"]
    _, made = _timed([*briefbook_command(), "export", str(inputs.brief), "-o", str(docx), "--quiet"])
    convert = _conversion(docx, out / "soffice-alone")
    if made.returncode != 0:
        whole.error = alone.error = f"{made.args[0]} failed: {made.stderr.strip()[-1500:]}"
        return
    for command in () if run.plan.name == "smoke" else (export, convert):  # warm: the profile made, the files cached
        _, done = _timed(command)
        if done.returncode != 0:
            whole.error = alone.error = f"{command[0]} failed: {done.stderr.strip()[-1500:]}"
            return
    for index in range(repeats):
        pair = [(whole, export), (alone, convert)]
        for figure, command in pair if index % 2 == 0 else reversed(pair):
            elapsed, done = _timed(command)
            if done.returncode != 0:
                figure.error = f"{command[0]} failed: {done.stderr.strip()[-1500:]}"
                return
            figure.values.append(elapsed)
    share = statistics.median(alone.values) / statistics.median(whole.values)
    whole.note = (f"LibreOffice's conversion alone {statistics.median(alone.values):.2f} s, "
                  f"{share:.0%} of the whole export; {pdf.stat().st_size / 1024:.0f} KB of PDF")
    if inputs.scale != 1:
        return
    contents = run.figure("pdf_contents_docx", inputs.scale)
    command = [*briefbook_command(), "export", str(LONG), "-o", str(out / "long-contents.docx"), "--quiet"]
    for _ in range(repeats):
        elapsed, done = _timed(command)
        if done.returncode != 0:
            contents.error = f"briefbook export failed: {done.stderr.strip()[-1500:]}"
            return
        contents.values.append(elapsed)
