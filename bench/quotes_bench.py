"""The quotation check's rows, and typing into a brief with everything on.

- ×1: the sample against the source it ships with (the press release);
- ×100: the ×100 brief against 20 generated sources of 50 pages (``sources_gen.py``),
  the brief's quotations planted in them (most as written, some with a word changed,
  some left out).

The keystroke rows type into the same ×1 and ×100 briefs with the 20 generated
sources attached and a reviewer's note on every third section, in the editing-session
probe, with everything the editor runs beside typing on: the quotation check (its index
built in background turns, the quotations re-checked after typing pauses), spell check,
the checks behind the Problems panel, the counts, the notes, autosave and the watch on
the file. The same sessions time every turn of each of those background tasks
(pauses.py), and give the peak memory of the ×100 brief with all of that open.
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
    "rss_everything": {100: 300.0},
}

#: The background tasks whose turns are timed (pauses.py), each with its row's key.
PAUSED_TASKS = {
    "preview fill": "pause_fill",
    "checks (Problems panel)": "pause_checks",
    "quotation check": "pause_quotes",
    "spell check": "pause_spell",
    "counts (status bar)": "pause_counts",
    "autosave": "pause_autosave",
    "file watching": "pause_watch",
    "review notes": "pause_notes",
}
TARGETS.update({key: {1: 8.0, 100: 8.0} for key in PAUSED_TASKS.values()})

LABELS = {
    "quote_check": ("quotation check of the whole brief from nothing: the sources' texts read, their index built "
                    "2 ms at a time, every quotation classified (×1: the sample against its press release; ×100: "
                    "against 20 sources of 50 pages)", "s"),
    "quote_turn": ("quotation check: each turn of building the sources' index (p99)", "ms"),
    "quote_recheck": ("quotation check: one word of a quotation changed, to its new verdict (median)", "s"),
    "key_editor_sources": ("keystroke until the editor shows it, everything on (spell check, 20 sources of 50 "
                           "pages under quotation check, review notes, the Problems panel, autosave, file "
                           "watching) (p95)", "ms"),
    "key_preview_sources": ("keystroke until the preview shows it, everything on (as above) (p95)", "ms"),
    "rss_everything": ("peak resident memory with the brief open and typed into, everything on (as above)", "MB"),
}
LABELS.update({key: (f"the longest pause on the UI thread while typing, everything on: {task}", "ms")
               for task, key in PAUSED_TASKS.items()})

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
    pauses: list[dict[str, dict[str, list[float]]]] = []
    rss: list[float] = []
    for index in range(run.plan.sessions[inputs.scale]):
        settings = work / "settings" / f"sourced-x{inputs.scale}-{index}"
        shutil.rmtree(settings, ignore_errors=True)
        typed = probe("probe_session.py", [str(sourced.brief), str(settings), str(out), "--keys",
                                           str(run.plan.keys), "--budget", str(run.plan.typing_budget),
                                           "--exports", "0", "--pauses"])
        if "error" in typed:
            editor.error = preview.error = typed["error"]
            return
        if typed["editor_ms"]:
            editor.values.append(percentile(typed["editor_ms"], 0.95))
        if typed["preview_ms"]:
            preview.values.append(percentile(typed["preview_ms"], 0.95))
        rss.append(typed["rss_mb"]["typed"])
        pauses.append(typed.get("pauses", {}))
    editor.note = (f"p95 of each of {run.plan.sessions[inputs.scale]} session(s) typing into section "
                   f"{typed.get('section', '?')} of the ×{inputs.scale} brief with {sourced.sources} sources of "
                   f"{sourced.pages} pages ({sourced.characters / 1e6:.2f} M characters) attached and "
                   f"{sourced.notes} review notes; spell check "
                   + ("on" if typed.get("spell_checked") else "OFF (no dictionary on this machine)"))
    if inputs.scale in TARGETS["rss_everything"] or run.plan.name == "smoke":
        memory = run.figure("rss_everything", inputs.scale)
        memory.values = rss
        memory.note = "ru_maxrss after opening and typing, before any export"
    _pause_rows(run, inputs.scale, pauses)


def _pause_rows(run, scale: int, sessions: list[dict[str, dict[str, list[float]]]]) -> None:
    """One row per background task: its longest turn while keys were typed, in each session.

    ``sessions`` holds each session's turns of every task that ran: ``all`` of them, and those
    that began while keys were typed (pauses.py's summary).

    A task that ran only before the first key (the spell check's pass over a brief that a quick
    machine finishes while the window opens) is judged by its longest turn of the whole session
    instead: a key typed at that moment would have waited as long, so the bound is the stricter.
    """
    for task, key in PAUSED_TASKS.items():
        figure = run.figure(key, scale)
        if figure.values:
            continue  # measured where it runs while keys are typed (the preview's fill: run.py's fill session)
        mine = [session[task] for session in sessions if session.get(task, {}).get("all")]
        if not mine:
            figure.target = None
            figure.note = "did not run in these sessions"
            continue
        typing = [ms for found in mine for ms in found["typing"]]
        whole = [ms for found in mine for ms in found["all"]]
        figure.values = ([max(found["typing"]) for found in mine if found["typing"]] if typing
                         else [max(found["all"]) for found in mine])
        figure.note = (f"{len(typing)} of its {len(whole)} turns began within 0.6 s after a key"
                       + (f", p99 {percentile(typing, 0.99):.1f} ms" if typing
                          else ", none of them while typing, so each session's figure is its longest turn of all")
                       + f"; its longest turn in the whole session, opening included, {max(whole):.1f} ms")
