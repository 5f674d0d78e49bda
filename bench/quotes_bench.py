"""The quotation check's rows: the check against the sources, and typing with 20 sources attached.

- ×1: the sample against the source it ships with (the press release);
- ×100: the ×100 brief against 20 generated sources of 50 pages (``sources_gen.py``),
  the brief's quotations planted in them (most as written, some with a word changed,
  some left out).

The keystroke rows type into the same ×1 and ×100 briefs with the 20 generated
sources attached, in the editing-session probe, so the editor's quotation check (its
index built in background turns, the quotations re-checked after typing pauses) runs
while the keys are timed.
"""

from __future__ import annotations

import shutil
import statistics
from pathlib import Path

from generate import Inputs
from sources_gen import with_sources
from stats import percentile

TARGETS: dict[str, dict[int, float]] = {
    "quote_check": {1: 0.2, 100: 3.0},
    "quote_turn": {1: 2.5, 100: 2.5},
    "quote_recheck": {1: 0.010, 100: 0.010},
    "key_editor_sources": {1: 8.0, 100: 8.0},
    "key_preview_sources": {1: 16.0, 100: 33.0},
}

LABELS = {
    "quote_check": ("quotation check of the whole brief from nothing: the sources' texts read, their index built "
                    "2 ms at a time, every quotation classified (×1: the sample against its press release; ×100: "
                    "against 20 sources of 50 pages)", "s"),
    "quote_turn": ("quotation check: each turn of building the sources' index (p99)", "ms"),
    "quote_recheck": ("quotation check: one word of a quotation changed, to its new verdict (median)", "s"),
    "key_editor_sources": ("keystroke until the editor shows it, 20 sources of 50 pages attached (p95)", "ms"),
    "key_preview_sources": ("keystroke until the preview shows it, 20 sources of 50 pages attached (p95)", "ms"),
}

ORDER = tuple(TARGETS)


def measure_quotes(run, inputs: Inputs, work: Path, out: Path, probe) -> None:
    """Every row above for one scale; ``probe`` is run.py's child-process runner."""
    sourced = with_sources(inputs)
    checked = inputs.brief if inputs.scale == 1 else sourced.brief
    found = probe("probe_quotes.py", [str(checked)])
    check, turn, recheck = (run.figure(k, inputs.scale) for k in ("quote_check", "quote_turn", "quote_recheck"))
    if "error" in found:
        check.error = turn.error = recheck.error = found["error"]
    else:
        check.values = [found["whole"]]
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(found["kinds"].items()))
        check.note = (f"{found['quotations']} quotations ({kinds}) against {found['sources']} source(s), "
                      f"{found['characters'] / 1e6:.2f} M characters; texts read in {found['read'] * 1000:.0f} ms, "
                      f"index built after {found['indexed'] * 1000:.0f} ms")
        if inputs.scale != 1:
            check.note += (f"; planted: {sourced.planted} as written, {sourced.altered} with a word changed, "
                           f"{sourced.left_out} left out")
        turns = [t * 1000 for t in found["turns"]]
        turn.values = [percentile(turns, 0.99)]
        turn.note = f"{len(turns)} turns, the longest {max(turns):.1f} ms"
        if found["rechecks"]:
            recheck.values = [statistics.median(found["rechecks"])]
            recheck.note = (f"{len(found['rechecks'])} quotations each with its middle word changed, the slowest "
                            f"{max(found['rechecks']) * 1000:.1f} ms; verdicts: "
                            + ", ".join(f"{n} {k}" for k, n in sorted(found["changed_kinds"].items())))
    if inputs.scale not in TARGETS["key_editor_sources"]:
        return  # the keystroke rows are judged at ×1 and ×100 only
    editor, preview = run.figure("key_editor_sources", inputs.scale), run.figure("key_preview_sources", inputs.scale)
    for index in range(run.plan.sessions[inputs.scale]):
        settings = work / "settings" / f"sourced-x{inputs.scale}-{index}"
        shutil.rmtree(settings, ignore_errors=True)
        typed = probe("probe_session.py", [str(sourced.brief), str(settings), str(out), "--keys",
                                           str(run.plan.keys), "--budget", str(run.plan.typing_budget),
                                           "--exports", "0"])
        if "error" in typed:
            editor.error = preview.error = typed["error"]
            return
        if typed["editor_ms"]:
            editor.values.append(percentile(typed["editor_ms"], 0.95))
        if typed["preview_ms"]:
            preview.values.append(percentile(typed["preview_ms"], 0.95))
    editor.note = (f"p95 of each of {run.plan.sessions[inputs.scale]} session(s) typing into section "
                   f"{typed.get('section', '?')} of the ×{inputs.scale} brief with {sourced.sources} sources of "
                   f"{sourced.pages} pages ({sourced.characters / 1e6:.2f} M characters) attached")
