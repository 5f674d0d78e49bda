"""The redline row: ``compare`` of a brief against a copy of it with 100 scattered edits.

The edited copy is made here from the generated brief's YAML data with PyYAML alone
(as ``generate.py`` makes the brief), so it does not depend on the code it measures:
100 of the sections' texts, evenly spread through the brief, each get one edit — a word
replaced, a word deleted, or a sentence added, in turn — outside links and footnote
marks. A brief with fewer texts gets one edit in each.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import yaml
from generate import _PROTECTED, Inputs, _brief_yaml, _map_texts

TARGETS: dict[str, dict[int, float]] = {"compare": {}}

LABELS = {
    "compare": ("redline (`briefbook compare`, in process): the brief against a copy with 100 scattered edits, "
                "compared and written as a Word document with tracked changes", "s"),
}

ORDER = tuple(TARGETS)
#: Redlines timed per scale.
REPEATS = {1: 7, 10: 5, 100: 5}
EDITS = 100
_WORD = re.compile(r"\b[A-Za-z]{5,}\b")
_ADDED = " Allies agreed to review this in the spring."


def _edit(text: str, kind: int) -> str:
    """``text`` with one edit of kind 0 (a word replaced), 1 (a word deleted) or 2 (a sentence added)."""
    if kind == 2:
        return text + _ADDED
    parts = _PROTECTED.split(text)  # even indexes: free text; odd: protected markup
    for index in range(0, len(parts), 2):
        match = _WORD.search(parts[index])
        if match:
            replacement = "revised" if kind == 0 else ""
            end = match.end() + (1 if kind == 1 and parts[index][match.end():match.end() + 1] == " " else 0)
            parts[index] = parts[index][:match.start()] + replacement + parts[index][end:]
            return "".join(parts)
    return text + _ADDED


def with_edits(inputs: Inputs, count: int = EDITS) -> tuple[Path, int]:
    """``brief-xN-edited.brief.yaml`` beside the brief, and how many texts were edited."""
    data = yaml.safe_load(inputs.brief.read_text(encoding="utf-8"))
    texts: list[str] = []
    _map_texts(data["sections"], lambda text: texts.append(text) or text)
    eligible = [i for i, text in enumerate(texts) if text.strip()]
    chosen = {eligible[k * len(eligible) // min(count, len(eligible))]: k for k in range(min(count, len(eligible)))}
    seen = iter(range(len(texts)))

    def change(text: str) -> str:
        index = next(seen)
        return _edit(text, chosen[index] % 3) if index in chosen else text

    data["sections"] = _map_texts(data["sections"], change)
    edited = inputs.brief.with_name(inputs.brief.name.replace(".brief.yaml", "-edited.brief.yaml"))
    edited.write_text(_brief_yaml(data), encoding="utf-8")
    return edited, len(chosen)


def measure_compare(run, inputs: Inputs, out: Path, probe) -> None:
    """The compare row for one scale; ``probe`` is run.py's child-process runner."""
    edited, edits = with_edits(inputs)
    figure = run.figure("compare", inputs.scale)
    found = probe("probe_compare.py", [str(inputs.brief), str(edited), str(out / f"redline-x{inputs.scale}.docx"),
                                       "--repeats", str(REPEATS.get(inputs.scale, 5))])
    if "error" in found:
        figure.error = found["error"]
        return
    figure.values = found["redline"]
    figure.note = (f"{edits} texts edited; {found['summary']}; of which comparing "
                   f"{statistics.median(found['compare']) * 1000:.0f} ms; the export of the edited brief alone "
                   f"{statistics.median(found['export']):.3f} s; the whole `briefbook compare` process "
                   f"{found['process']:.2f} s; {found['revisions']:,} revisions, {found['bytes'] / 1024:.0f} KiB")
