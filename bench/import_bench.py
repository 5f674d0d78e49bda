"""The Word import row: ``import_docx`` of the brief's own export, and whether it gives the brief back.

The document is the brief exported by Briefbook (as an analyst's colleague would send it back),
so the same run says how long the import takes and whether the round trip holds at that scale:
the note names "same bytes" when the brief saved from the import is the brief's own text.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from generate import Inputs

TARGETS: dict[str, dict[int, float]] = {"import": {}}

LABELS = {
    "import": ("import from Word (`briefbook import`, in process): the brief's own export read back into a "
               "brief", "s"),
}

ORDER = tuple(TARGETS)
#: Imports timed per scale.
REPEATS = {1: 7, 10: 5, 100: 3}


def measure_import(run, inputs: Inputs, out: Path, probe) -> None:
    """The import row for one scale; ``probe`` is run.py's child-process runner."""
    figure = run.figure("import", inputs.scale)
    found = probe("probe_import.py", [str(inputs.brief), str(out / f"import-x{inputs.scale}"),
                                      "--repeats", str(REPEATS.get(inputs.scale, 3))])
    if "error" in found:
        figure.error = found["error"]
        return
    figure.values = found["import"]
    remarks = f", {found['remarks']} remarks" if found["remarks"] else ""
    figure.note = (f"a {found['bytes'] / 1024:.0f} KiB document; brought back "
                   f"{'as the same bytes' if found['same'] else 'NOT as the same bytes'}"
                   f"{remarks}; "
                   f"the whole `briefbook import` process {found['process']:.2f} s "
                   f"(median of the in-process imports {statistics.median(found['import']):.3f} s)")
