"""Briefbook's benchmark: one command that measures everything and writes bench/RESULTS.md.

    python bench/run.py            # full run, scales ×1, ×10, ×100 (and ×1000 for the scaling curves);
                                   # rewrites bench/RESULTS.md and bench/scaling.png
    python bench/run.py --smoke    # ×1 once, quickly: proves the benchmark works (not judged on time)
    python bench/run.py --only long --scale 1 --scale 100   # only the long typing session's rows

Inputs are generated on every run (see generate.py) into bench/work/, which git
ignores. Every measurement that involves Qt or the product's start runs in a child
process (probe_*.py), so this driver stays small and each figure starts clean.
Qt runs headless (``QT_QPA_PLATFORM=offscreen`` unless set otherwise).

Each figure is repeated and reported as median and min–max; a figure that misses
its target is profiled (cProfile, and ``-X importtime`` for process starts) and the
profile's top entries go into the report, with the written analysis of that figure
from bench/findings.md when there is one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import batch_bench  # noqa: E402
import book_bench  # noqa: E402
import compare_bench  # noqa: E402 - the bench folder is put on the path just above
import export_cli  # noqa: E402
import import_bench  # noqa: E402
import machine  # noqa: E402
import pdf_bench  # noqa: E402
import phases  # noqa: E402
import plot  # noqa: E402
import profiles  # noqa: E402
import quotes_bench  # noqa: E402
import report  # noqa: E402
from generate import Inputs, generate  # noqa: E402
from stats import Figure, bytes_per_key, growth, percentile  # noqa: E402

#: Targets from the product's requirements, by figure and scale (seconds, ms, MB, ratio).
TARGETS: dict[str, dict[int, float]] = {
    "export_ratio": {1: 1.5, 100: 0.3},
    "export_whole": {},
    "pandoc_whole": {},
    "check_ratio": {1: 1.0},
    "export_editor": {1: 0.025, 100: 1.0},
    "export_editor_first": {},
    "load": {1: 0.010, 100: 0.200},
    "save": {1: 0.010, 100: 0.200},
    "autosave": {1: 0.008, 100: 0.008},
    "count": {},
    "recount": {1: 0.002, 100: 0.002},
    "key_editor": {1: 8.0, 100: 8.0},
    "key_preview": {1: 16.0, 100: 33.0},
    "key_editor_fill": {100: 8.0},
    "key_preview_fill": {100: 33.0},
    "start": {1: 0.5, 100: 1.0},
    "start_filled": {100: 1.5},
    "start_rss": {},
    "rss": {1: 150.0, 100: 300.0},
    "long_editor": {1: 8.0, 100: 8.0},
    "long_preview": {1: 16.0, 100: 33.0},
    "long_memory": {1: 1024.0, 100: 1024.0},
    "long_rss": {},
    "find_all": {100: 0.050},
    "spell_whole": {},
    "spell_turn": {1: 2.5, 100: 2.5},
    "spell_keys": {1: 8.0, 100: 8.0},
    **quotes_bench.TARGETS,
    **pdf_bench.TARGETS,
    **compare_bench.TARGETS,
    **import_bench.TARGETS,
    **batch_bench.TARGETS,
    **book_bench.TARGETS,
}

LABELS = {
    "export_ratio": ("`briefbook export` whole process ÷ `pandoc -o .docx`", "×"),
    "export_whole": ("`briefbook export` whole process", "s"),
    "pandoc_whole": ("`pandoc -o .docx` of the same brief, whole process", "s"),
    "check_ratio": ("`briefbook check` whole process (its quotations checked against its sources) ÷ `pandoc -o "
                    ".docx`", "×"),
    "export_editor": ("export inside the running editor", "s"),
    "export_editor_first": ("first export of a session inside the editor (loads the Word exporter)", "s"),
    "load": ("load of the brief file", "s"),
    "save": ("save of the brief file", "s"),
    "autosave": ("autosave while typing into one section: the longest pause it makes in the editor", "s"),
    "count": ("counts of the whole brief, words and pages, from nothing (check --stats; the editor counts "
              "2 ms at a time)", "s"),
    "recount": ("counts of the brief after a word typed into one section (the status bar, 300 ms after the "
                "last key): one turn of the event loop", "s"),
    "key_editor": ("keystroke until the editor shows it (p95)", "ms"),
    "key_preview": ("keystroke until the preview shows it (p95)", "ms"),
    "key_editor_fill": ("keystroke until the editor shows it, typed while the preview is still being drawn (p95)",
                        "ms"),
    "key_preview_fill": ("keystroke until the preview shows it, typed while the preview is still being drawn "
                         "(p95)", "ms"),
    "start": ("start to the window painted with the brief open (whole process)", "s"),
    "start_filled": ("start until the preview holds the whole brief (drawn progressively)", "s"),
    "rss": ("peak resident memory with the brief open", "MB"),
    "start_rss": ("peak resident memory when the window has painted with the brief (the start above)", "MB"),
    "long_editor": ("5,000 keys typed into one bullet, everything on: keystroke until the editor shows it, p95 of "
                    "the last 500 keys", "ms"),
    "long_preview": ("5,000 keys typed into one bullet, everything on: keystroke until the preview shows it, p95 "
                     "of the last 500 keys", "ms"),
    "long_memory": ("5,000 keys typed into one bullet, everything on: Python memory retained per key once typing "
                    "is merged into undo steps", "B/key"),
    "long_rss": ("5,000 keys typed into one bullet, everything on: resident memory (now, not peak) grown per key",
                 "B/key"),
    "find_all": ("find every match of a common word (\"the\") across the brief: its printed texts indexed, then "
                 "searched", "s"),
    "spell_whole": ("spell-checking the whole brief put into one section: from the spell check starting to the "
                    "last underline", "s"),
    "spell_turn": ("spell-checking the whole brief in one section: each background turn (p99)", "ms"),
    "spell_keys": ("keystroke until the editor shows it while the whole brief is being spell-checked (p95)", "ms"),
    **quotes_bench.LABELS,
    **pdf_bench.LABELS,
    **compare_bench.LABELS,
    **import_bench.LABELS,
    **batch_bench.LABELS,
    **book_bench.LABELS,
}

#: What ``--only`` can choose: the measurements of each scale, by name.
STEPS = ("io", "cli", "start", "session", "long", "find", "spell", "quotes", "pdf", "compare", "import", "many",
         "book")


@dataclass
class Plan:
    """How much to repeat each measurement: the full run, or the smoke run."""

    name: str
    scales: tuple[int, ...]
    cli: dict[int, int]
    io: dict[int, int]
    start: dict[int, int]
    sessions: dict[int, int]
    keys: int
    typing_budget: float
    editor_exports: dict[int, int]
    verify_scale: int
    profile: bool
    #: The long typing session: keys typed, keys compared at each end, timed sessions per scale (the
    #: p95 of one session's last keys moves by a third from one session to the next on a shared
    #: machine: the rows are the median of three), how many of them have a traced pass for memory
    #: (which repeats within a few per cent), and the seconds after which typing stops.
    long_keys: int = 5000
    long_window: int = 500
    long_sessions: dict[int, int] = field(default_factory=lambda: {1: 3, 100: 3})
    long_traced: int = 1
    long_budget: float = 330.0
    #: Take the latencies from the traced pass too, with no timed pass (the smoke run: one process, not judged).
    long_one_pass: bool = False
    #: Searches of the brief per scale for the find figure.
    find_repeats: int = 15
    #: PDF exports (and conversions alone) per scale.
    pdf: dict[int, int] = field(default_factory=lambda: {1: 5, 10: 3, 100: 3})
    #: Spell-check sessions per scale: a ×100 check is over after a few keys, so the keys typed while it runs are
    #: pooled over the sessions for their p95.
    spell_runs: dict[int, int] = field(default_factory=lambda: {1: 1, 10: 2, 100: 4})
    #: At the scales named here only these steps run: ×1000 (about 4,000 pages) is measured for
    #: the scaling curves, not for typing into it.
    only_steps: dict[int, tuple[str, ...]] = field(default_factory=dict)


FULL = Plan(name="full", scales=(1, 10, 100, 1000), cli={1: 15, 10: 7, 100: 5, 1000: 3},
            io={1: 30, 10: 15, 100: 7, 1000: 3}, start={1: 7, 10: 5, 100: 5, 1000: 1},
            sessions={1: 5, 10: 3, 100: 3}, keys=40, typing_budget=40.0, editor_exports={1: 10, 10: 5, 100: 3},
            verify_scale=100, profile=True, only_steps={1000: ("io", "cli", "start", "find")})
SMOKE = Plan(name="smoke", scales=(1,), cli={1: 2}, io={1: 5}, start={1: 1}, sessions={1: 1}, keys=10,
             typing_budget=10.0, editor_exports={1: 2}, verify_scale=1, profile=False, long_keys=40,
             long_window=10, long_sessions={1: 1}, long_budget=20.0, long_one_pass=True, pdf={1: 1})


@dataclass
class Run:
    """Everything one benchmark run found, handed to the report."""

    plan: Plan
    started: dt.datetime
    figures: list[Figure] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    profiles: dict[str, str] = field(default_factory=dict)
    verification: object = None
    inputs: dict[int, Inputs] = field(default_factory=dict)
    seconds: float = 0.0
    #: The report's line on the scaling plot: where it is, or why it was not drawn.
    plot: str = ""
    #: The code measured, as the run found it at its start (before it writes the plot or the report).
    revision: str = ""

    def figure(self, key: str, scale: int) -> Figure:
        for figure in self.figures:
            if (figure.key, figure.scale) == (key, scale):
                return figure
        label, unit = LABELS[key]
        figure = Figure(key, label, scale, unit, TARGETS[key].get(scale))
        self.figures.append(figure)
        return figure


def child_env() -> dict[str, str]:
    """The children's environment: headless Qt, and Python's bytecode cache on.

    An installed Briefbook runs from compiled bytecode (pip compiles it; a checkout
    writes ``__pycache__`` on first run). With ``PYTHONDONTWRITEBYTECODE`` set, as some
    shells and CI images do, every start of a checkout would compile the product's
    modules again and the start figures would measure the compiler.
    """
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def warm_up() -> None:
    """Import every part of the product once, so bytecode is cached before anything is timed."""
    code = ("import briefbook.cli, briefbook.fileformat, briefbook.render.docx, briefbook.app.main_window, "
            "briefbook.app.preview")
    subprocess.run([sys.executable, "-c", code], env=child_env(), capture_output=True, timeout=300, check=False)


def probe(script: str, args: list[str], env: dict[str, str] | None = None, timeout: float = 600) -> dict:
    """Run ``bench/<script>`` in a fresh interpreter; its ``BENCH-RESULT`` JSON (or ``{"error": …}``)."""
    command = [sys.executable, str(BENCH / script), *args]
    env = env or child_env()
    env["BENCH_T0"] = repr(time.time())
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"{script} did not finish within {timeout:.0f} s"}
    for line in done.stdout.splitlines():
        if line.startswith("BENCH-RESULT "):
            return json.loads(line.removeprefix("BENCH-RESULT "))
    tail = (done.stderr or done.stdout).strip()[-2000:]
    return {"error": f"{script} exit {done.returncode}: {tail}"}


def say(message: str) -> None:
    print(message, flush=True)


# --- the measurements ---------------------------------------------------------------------------

def measure_cli(run: Run, inputs: Inputs, out: Path) -> None:
    runs = export_cli.measure(inputs, out, run.plan.cli[inputs.scale])
    figure = run.figure("export_ratio", inputs.scale)
    if runs.error:
        figure.error = runs.error
    figure.values = runs.ratios
    run.figure("export_whole", inputs.scale).values = list(runs.briefbook)
    run.figure("pandoc_whole", inputs.scale).values = list(runs.pandoc)
    checked = run.figure("check_ratio", inputs.scale)
    checked.values = runs.check_ratios
    if runs.check:
        checked.note = (f"briefbook check {statistics.median(runs.check):.3f} s "
                        f"({min(runs.check):.3f}–{max(runs.check):.3f})")
    if runs.briefbook and runs.pandoc:
        figure.note = (f"briefbook export {statistics.median(runs.briefbook):.3f} s "
                       f"({min(runs.briefbook):.3f}–{max(runs.briefbook):.3f}), pandoc "
                       f"{statistics.median(runs.pandoc):.3f} s ({min(runs.pandoc):.3f}–{max(runs.pandoc):.3f})")


def measure_io(run: Run, inputs: Inputs, work: Path) -> None:
    found = probe("probe_io.py", [str(inputs.brief), "--repeats", str(run.plan.io[inputs.scale])])
    for key in ("load", "save", "autosave", "count", "recount"):
        figure = run.figure(key, inputs.scale)
        if "error" in found:
            figure.error = found["error"]
            continue
        figure.values = found[key]
    if "error" not in found:
        run.figure("load", inputs.scale).note = (
            f"first load in a fresh process, imports included: {found['first_load'] * 1000:.0f} ms; "
            f"file {found['bytes'] / 1024:.0f} KiB")
        run.figure("autosave", inputs.scale).note = (
            f"a word typed into one section, then the event loop turning until the recovery file is written: "
            f"the longest turn of each autosave, worst {max(found['autosave']) * 1000:.1f} ms; the file written "
            f"{found['autosave_elapsed'] * 1000:.0f} ms after the word (median)")


def measure_find(run: Run, inputs: Inputs) -> None:
    found = probe("probe_find.py", [str(inputs.brief), "--repeats", str(run.plan.find_repeats)])
    figure = run.figure("find_all", inputs.scale)
    if "error" in found:
        figure.error = found["error"]
        return
    figure.values = found["find_all"]
    figure.note = (f"{found['matches']:,} matches of \"{found['query']}\" in {found['texts']:,} texts; a search "
                   f"of the index already built (another query, the brief unchanged) "
                   f"{found['search_only'] * 1000:.1f} ms; "
                   f"the first search once the preview has drawn the brief {found['first'] * 1000:.0f} ms, the first "
                   f"in a fresh process, nothing parsed yet, {found['cold'] * 1000:.0f} ms; naming the place of every "
                   f"match (the list names only the rows it draws) {found['every_place'] * 1000:.0f} ms")


def measure_start(run: Run, inputs: Inputs, work: Path) -> None:
    figure = run.figure("start", inputs.scale)
    rss_at_paint: list[float] = []
    for index in range(run.plan.start[inputs.scale]):
        settings = work / "settings" / f"start-x{inputs.scale}-{index}"
        shutil.rmtree(settings, ignore_errors=True)
        found = probe("probe_start.py", [str(inputs.brief), str(settings)], timeout=180)
        if "error" in found or not found.get("painted"):
            figure.error = found.get("error", "the window never painted with the brief")
            return
        figure.values.append(found["since_process_start"])
        if found.get("filled_since_process_start") is not None:
            run.figure("start_filled", inputs.scale).values.append(found["filled_since_process_start"])
        rss_at_paint.append(found["peak_rss_mb"])
        widget = found["widget"]
    run.figure("start_rss", inputs.scale).values = rss_at_paint
    figure.note = (f"until the {widget} had painted; peak RSS at that moment "
                   f"{statistics.median(rss_at_paint):.0f} MB")


def measure_session(run: Run, inputs: Inputs, work: Path, out: Path) -> None:
    editor, preview = run.figure("key_editor", inputs.scale), run.figure("key_preview", inputs.scale)
    exports, rss = run.figure("export_editor", inputs.scale), run.figure("rss", inputs.scale)
    firsts: list[float] = []
    after_export: list[float] = []
    missed = [0, 0]
    keys = [0, 0]
    spelled = True
    for index in range(run.plan.sessions[inputs.scale]):
        settings = work / "settings" / f"session-x{inputs.scale}-{index}"
        shutil.rmtree(settings, ignore_errors=True)
        found = probe("probe_session.py", [
            str(inputs.brief), str(settings), str(out), "--keys", str(run.plan.keys),
            "--budget", str(run.plan.typing_budget), "--exports", str(run.plan.editor_exports[inputs.scale])])
        if "error" in found:
            for figure in (editor, preview, exports, rss):
                figure.error = found["error"]
            return
        if not found["typed_reached_editor"]:
            editor.error = "the typed text did not reach the editor"
        if found["editor_ms"]:
            editor.values.append(percentile(found["editor_ms"], 0.95))
        if found["preview_ms"]:
            preview.values.append(percentile(found["preview_ms"], 0.95))
        missed[0] += found["missed_editor"]
        missed[1] += found["missed_preview"]
        keys[0] += len(found["editor_ms"]) + found["missed_editor"]
        keys[1] += len(found["preview_ms"]) + found["missed_preview"]
        if not found["export_ok"]:
            exports.error = "export from the window failed"
        exports.values += found["exports"]
        if found["first_export"] is not None:
            firsts.append(found["first_export"])
        rss.values.append(found["rss_mb"]["typed"])
        after_export.append(found["rss_mb"]["exported"])
        spelled = spelled and found.get("spell_checked", False)
        section = found["section"]
    if run.plan.name != "smoke":
        fill_sessions(run, inputs, work, out)
    sessions = run.plan.sessions[inputs.scale]
    editor.note = (f"p95 of each of {sessions} session(s), {keys[0]} keys in all, typed in section {section}"
                   + (f"; {missed[0]} key(s) never painted within 5 s" if missed[0] else ""))
    preview.note = (f"p95 of each session, {keys[1]} letter keys in all"
                    + (f"; {missed[1]} key(s) never reached the preview within 5 s" if missed[1] else ""))
    if missed[1]:
        preview.error = preview.error or f"{missed[1]} key(s) never reached the preview within 5 s"
    editor.note += "; spell check on" if spelled else "; spell check OFF (no dictionary on this machine)"
    if firsts:
        exports.note = "each export after the session's first (next row)"
        run.figure("export_editor_first", inputs.scale).values = firsts
    rss.note = (f"after opening and typing; {statistics.median(after_export):.0f} MB once the session had also "
                "exported")


_SOURCED: dict[Path, object] = {}


def sourced(inputs: Inputs):
    """``inputs``' brief with 20 sources and review notes (sources_gen.py), written once per run."""
    if inputs.brief not in _SOURCED:
        _SOURCED[inputs.brief] = quotes_bench.with_sources(inputs)
    return _SOURCED[inputs.brief]


def long_session(run: Run, inputs: Inputs, settings: Path, *options: str) -> dict:
    """One run of probe_long.py on ``inputs`` (with its sources and notes) with the plan's keys; its result.

    Tracing slows typing, so a traced pass may take three times the plan's budget: it must
    type every key for its memory figure to describe the same session.
    """
    shutil.rmtree(settings, ignore_errors=True)
    quick = ["--settle", "0.5"] if run.plan.long_one_pass else []
    budget = run.plan.long_budget * (3 if "--memory" in options else 1)
    return probe("probe_long.py", [str(sourced(inputs).brief), str(settings), "--keys", str(run.plan.long_keys),
                                   "--budget", str(budget), "--window", str(run.plan.long_window),
                                   *quick, *options], timeout=budget + 240)


def _mb(value: float) -> str:
    return f"{value / 2**20:.1f} MB"


def measure_long(run: Run, inputs: Inputs, work: Path) -> None:
    """The long typing session: latency at its end against its start, and memory retained per key.

    Each session is a process typing the keys and timing them (the latencies, and resident
    memory); the first ``plan.long_traced`` sessions are followed by a process typing the
    same keys the same way with tracemalloc on (the Python memory retained and where it was
    allocated), whose times are not used. A plan with fewer
    keys than the rows are defined for (the smoke run) only proves that it works: one
    traced process gives every row, and no row is judged.
    """
    sessions = run.plan.long_sessions.get(inputs.scale, 0)
    if not sessions:
        return
    scale, window = inputs.scale, run.plan.long_window
    editor, preview = run.figure("long_editor", scale), run.figure("long_preview", scale)
    retained, rss = run.figure("long_memory", scale), run.figure("long_rss", scale)
    judged = run.plan.long_keys >= 5000 and not run.plan.long_one_pass
    brief = sourced(inputs)  # typed into with everything on, as the keystroke rows are
    if not judged:
        for figure in (editor, preview, retained, rss):
            figure.target = None
    ends: dict[str, list[tuple[float, float]]] = {"editor": [], "preview": []}
    seconds, blocks, steps, undo_free, traced_keys, traced_steps = [], [], [], [], [], []
    missed, keys, section, sites = [0, 0], 0, "", None
    for index in range(sessions):
        found = long_session(run, inputs, work / "settings" / f"long-x{scale}-{index}",
                             *(["--memory"] if run.plan.long_one_pass else []))
        if "error" in found:
            for figure in (editor, preview, rss):
                figure.error = found["error"]
            return
        if not found["typed_reached_editor"]:
            editor.error = "the typed text did not reach the editor"
        for figure, name in ((editor, "editor"), (preview, "preview")):
            if len(found[f"{name}_ms"]) >= 2:
                change = growth(found[f"{name}_ms"], window)
                figure.values.append(change.last)
                ends[name].append((change.first, change.last))
                window = change.size
        keys, section = found["keys"], found["section"]
        if keys < run.plan.long_keys:
            for figure in (editor, preview):
                figure.error = (f"typing stopped at the {run.plan.long_budget:.0f} s budget after {keys} of "
                                f"{run.plan.long_keys} keys")
        missed[0] += found["missed_editor"]
        missed[1] += found["missed_preview"]
        seconds.append(found["typing_seconds"])
        per_key = bytes_per_key(found["before"]["rss"], found["after"]["rss"], keys)
        if per_key is not None:
            rss.values.append(per_key)
        blocks.append(bytes_per_key(found["before"]["blocks"], found["after"]["blocks"], keys))
        if found["undo_steps"] is not None:
            steps.append(found["undo_steps"])

        if not run.plan.long_one_pass and index >= run.plan.long_traced:
            continue
        traced = found if run.plan.long_one_pass else long_session(
            run, inputs, work / "settings" / f"long-memory-x{scale}-{index}", "--memory")
        if "error" in traced:
            retained.error = traced["error"]
            continue
        retained.values.append(bytes_per_key(traced["product_before"], traced["product_after"], traced["keys"]))
        if "product_after_undo_cleared" in traced:
            undo_free.append(bytes_per_key(traced["product_before"], traced["product_after_undo_cleared"],
                                           traced["keys"]))
        sites = traced
        traced_keys.append(traced["keys"])
        if traced["undo_steps"] is not None:
            traced_steps.append(traced["undo_steps"])
    if not seconds:
        return

    def p95s(name: str) -> str:
        first = statistics.median(f for f, _ in ends[name])
        last = statistics.median(last for _, last in ends[name])
        return (f"p95 of the first {window} keys {first:.1f} ms, of the last {window} {last:.1f} ms "
                f"(×{last / first:.2f})")

    typed = (f"{keys} keys typed in {statistics.median(seconds):.0f} s into a bullet of section {section} of the "
             f"brief with {brief.sources} sources and {brief.notes} review notes"
             + (f", {statistics.median(steps):.0f} undo steps" if steps else "")
             + ("" if judged else "; a short run with tracing on, to show the measurement works: not judged"))
    if ends["editor"]:
        editor.note = (f"{p95s('editor')}; {typed}"
                       + (f"; {missed[0]} key(s) never painted within 5 s" if missed[0] else ""))
    if ends["preview"]:
        preview.note = (f"{p95s('preview')} (letter keys)"
                        + (f"; {missed[1]} key(s) never reached the preview within 5 s" if missed[1] else ""))
    if missed[1]:
        preview.error = preview.error or f"{missed[1]} key(s) never reached the preview within 5 s"
    if retained.values:
        kept = statistics.median(traced_keys)
        if kept < keys:
            retained.error = f"the traced pass typed only {kept:.0f} of the {keys} keys within its budget"
        retained.note = (("tracemalloc" if run.plan.long_one_pass else "tracemalloc in a pass of its own")
                         + ", allocations of the benchmark left out, after typing "
                         f"had settled and a full gc.collect(); {_mb(retained.median * kept)} for {kept:.0f} keys"
                         + (f", which became {statistics.median(traced_steps):.0f} undo steps" if traced_steps
                            else "")
                         + (f"; {statistics.median(undo_free):.0f} B/key with the undo history cleared"
                            if undo_free else ""))
    if rss.values:
        rss.note = (f"the {'traced' if run.plan.long_one_pass else 'timed'} pass's /proc/self/statm after "
                    f"gc.collect() and malloc_trim(0), "
                    f"{_mb(rss.median * keys)} for {keys} keys; Python's allocated blocks grew by "
                    f"{statistics.median(blocks):.1f} a key")
    if sites and sites.get("sites"):
        lines = ["Python memory retained by the traced pass, by the product line that allocated it:",
                 "      bytes   blocks  line"]
        lines += [f"{s['bytes']:11,d} {s['blocks']:8,d}  {s['site']}" for s in sites["sites"]]
        lines += ["", "types with more objects alive after typing (gc-tracked objects only):"]
        lines += [f"{count:11,d}  {name}" for name, count in sites.get("types", [])]
        run.profiles[f"long_memory@{scale}"] = "\n".join(lines)


def measure_spell(run: Run, inputs: Inputs, work: Path) -> None:
    """The whole brief in one section, spell-checked in the background while keys are typed."""
    settings = work / "settings" / f"spell-x{inputs.scale}"
    shutil.rmtree(settings, ignore_errors=True)
    runs = []
    for _ in range(run.plan.spell_runs.get(inputs.scale, 1)):
        shutil.rmtree(settings, ignore_errors=True)
        runs.append(probe("probe_spell.py", [str(inputs.brief), str(settings), "--keys", str(run.plan.keys)]))
    whole, turn = run.figure("spell_whole", inputs.scale), run.figure("spell_turn", inputs.scale)
    failed = next((found for found in runs if "error" in found or found["to_last_underline"] is None), None)
    if failed is not None:
        whole.error = turn.error = failed.get("error", "the last underline never came")
        return
    found = runs[0]
    whole.values = [each["to_last_underline"] for each in runs]
    turns = [t * 1000 for each in runs for t in each["turns"]]
    turn.values = [percentile([t * 1000 for t in each["turns"]], 0.99) for each in runs]
    collections = [c for each in runs for c in each["full_collections"]]
    typed = [ms for each in runs for ms in each["editor_ms"]]
    after = [ms for each in runs for ms in each["editor_ms_after"]]
    thread = [each["dictionary_thread"] * 1000 for each in runs if each.get("dictionary_thread") is not None]
    whole.note = (f"{found['lines']:,} lines in one section, {found['waiting_at_ready']:,} of them still waiting just "
                  f"after the dictionary opened"
                  + (f" (its thread, which opened it and looked up the words of the first "
                     f"{found['answered_on_thread']:,} characters, took {statistics.median(thread):.0f} ms before)"
                     if thread else "")
                  + f"; {len(turns) // len(runs)} background turns a session, "
                  f"{sum(turns) / 1000 / len(runs):.2f} s of them in all; checked while "
                  f"{' + '.join(str(len(each['editor_ms'])) for each in runs)} keys were "
                  f"typed into its first bullet (preview hidden), {len(runs)} session(s)")
    turn.note = (f"the longest {max(turns):.1f} ms, {sum(t > 2.5 for t in turns)} of {len(turns)} over 2.5 ms"
                 + (f"; {len(collections)} full garbage collection(s) among them, the longest "
                    f"{max(collections) * 1000:.1f} ms" if collections else ""))
    if typed:
        keys = run.figure("spell_keys", inputs.scale)
        keys.values = [percentile(typed, 0.95)]
        keys.note = (f"{len(typed)} keys typed while the check ran ({len(runs)} session(s) pooled), into the first "
                     f"bullet of the {found['lines']:,}-line section, the slowest {max(typed):.1f} ms"
                     + (f"; the same keys once it was done: p95 {percentile(after, 0.95):.1f} ms" if after else "")
                     + (f"; the first key typed into the section before them (the section's first edit, "
                        f"not timed in the row): {found['first_key_ms']:.0f} ms" if found["first_key_ms"] else "")
                     + ("" if all(each["typed_reached_editor"] for each in runs)
                        else "; the typed text did not reach the editor"))
        if not all(each["typed_reached_editor"] for each in runs):
            keys.error = "the typed text did not reach the editor"


def verify_export(run: Run, inputs: Inputs, out: Path) -> None:
    from verify import verify

    from briefbook.fileformat import load
    from briefbook.markup import plain_text
    from briefbook.model import footnote_order

    brief = load(inputs.brief)
    texts = [plain_text(brief.footnotes[fid]) for fid in footnote_order(brief) if fid in brief.footnotes]
    docx = out / f"briefbook-x{inputs.scale}.docx"
    if not docx.exists():
        ours, _ = export_cli.export_commands(inputs, out)
        subprocess.run(ours, check=False, capture_output=True)
    run.verification = (inputs.scale, verify(docx, texts))


# --- profiles of missed targets -------------------------------------------------------------------

#: What a session profile keeps: the product and its libraries, not the benchmark's idle waiting.
_PRODUCT = r"briefbook|markdown_it|docx|lxml|yaml|QtGui|QtWidgets|copy\.py|re/"


def fill_sessions(run: Run, inputs: Inputs, work: Path, out: Path) -> None:
    """Typing straight after opening, into the brief's middle section, while its preview is still being drawn:
    the p95 of each session's keys typed before the preview was whole, and the fill's longest chunk near a key."""
    editor, preview, pause = (run.figure(key, inputs.scale) for key in ("key_editor_fill", "key_preview_fill",
                                                                         "pause_fill"))
    keys, chunks, starts = [], [], []
    for index in range(run.plan.sessions[inputs.scale]):
        settings = work / "settings" / f"session-fill-x{inputs.scale}-{index}"
        shutil.rmtree(settings, ignore_errors=True)
        found = probe("probe_session.py", [
            str(sourced(inputs).brief), str(settings), str(out), "--keys", "20", "--exports", "0", "--no-settle-fill",
            "--pauses"])
        if "error" in found:
            editor.error = preview.error = found["error"]
            return
        in_fill = found.get("fill_keys") or []
        if in_fill:
            keys.append(len(in_fill))
            starts.append(found["typing_from_s"])
            editor.values.append(percentile([e for e, _, _ in in_fill], 0.95))
            shown = [p for _, p, wanted in in_fill if wanted and p is not None]
            missed = sum(wanted and p is None for _, p, wanted in in_fill)
            if missed:
                preview.error = f"{missed} key(s) typed while it filled never reached the preview within 5 s"
            if shown:
                preview.values.append(percentile(shown, 0.95))
        fill_turns = found.get("pauses", {}).get("preview fill")
        if fill_turns and fill_turns["typing"]:
            pause.values.append(max(fill_turns["typing"]))
            chunks.append((len(fill_turns["typing"]), len(fill_turns["all"]), max(fill_turns["all"])))
    if keys:
        editor.note = (f"p95 of each of {len(keys)} session(s) typing into a bullet of section {found['section']} "
                       f"from {statistics.median(starts):.2f} s after the brief opened: {', '.join(map(str, keys))} "
                       "of their keys typed before the preview was whole")
    else:
        editor.note = (f"no key of {run.plan.sessions[inputs.scale]} session(s) typed from "
                       f"{found['typing_from_s']:.2f} s after the brief opened came before the preview was whole")
    if chunks:
        pause.note = ("keys typed from just after opening, while the preview was still being drawn: in each session "
                      + ", ".join(f"{near} of the fill's {total} chunks began within 0.6 s of a key (its longest "
                                  f"chunk {longest:.1f} ms)" for near, total, longest in chunks))


def profile_misses(run: Run, work: Path, out: Path) -> None:
    folder = work / "profiles"
    folder.mkdir(parents=True, exist_ok=True)
    env = child_env()
    done: set[tuple[str, int]] = set()
    for figure in run.figures:
        if figure.met is not False or (figure.key, figure.scale) in done:
            continue
        inputs = run.inputs[figure.scale]
        key = f"{figure.key}@{figure.scale}"
        say(f"  profiling {key}")
        stem = folder / f"{figure.key}-x{figure.scale}"
        if figure.key == "export_ratio":
            ours, _ = export_cli.export_commands(inputs, out)
            command = ["-m", "briefbook", *ours[ours.index("export"):]]
            run.profiles[key] = (profiles.importtime(command, env) + "\n\n"
                                 + profiles.cprofile_command(command, stem.with_suffix(".prof"), env))
        elif figure.key == "check_ratio":
            checking = export_cli.check_command(inputs)
            command = ["-m", "briefbook", *checking[checking.index("check"):]]
            run.profiles[key] = (profiles.importtime(command, env) + "\n\n"
                                 + profiles.cprofile_command(command, stem.with_suffix(".prof"), env))
        elif figure.key in ("key_editor_fill", "key_preview_fill", "pause_fill"):
            # one session typed while the preview fills, its steps timed, serves all three
            if f"fill_phases@{figure.scale}" not in run.profiles:
                settings = work / "settings" / f"profile-fill-x{figure.scale}"
                shutil.rmtree(settings, ignore_errors=True)
                steps = probe("probe_session.py", [str(sourced(inputs).brief), str(settings), str(out), "--keys",
                                                   "20", "--exports", "0", "--no-settle-fill", "--phases"])
                run.profiles[f"fill_phases@{figure.scale}"] = (
                    f"steps of each key typed from just after opening, {len(steps['editor_ms'])} keys, "
                    f"{len(steps['fill_keys'])} of them while the preview was still being drawn:\n"
                    + phases.table(steps["phases"]) if "phases" in steps
                    else f"(profile failed: {steps.get('error')})")
            run.profiles[key] = run.profiles[f"fill_phases@{figure.scale}"]
        elif figure.key in ("load", "save"):
            prof = stem.with_suffix(".prof")
            probe("probe_io.py", [str(inputs.brief), "--repeats", "5", "--profile", str(prof)])
            run.profiles[key] = profiles.pstats_top(prof) if prof.exists() else "(profile failed)"
        elif figure.key in ("start", "start_filled"):
            settings = work / "settings" / f"profile-start-x{figure.scale}"
            shutil.rmtree(settings, ignore_errors=True)
            found = probe("probe_start.py", [str(inputs.brief), str(settings)], {**env, "BENCH_PHASES": "1"})
            steps = ""
            if "phases" in found:
                steps = (f"steps of one start, {found['since_process_start'] * 1000:.0f} ms in all; interpreter start "
                         f"and imports before the first step: {found['before_first_step'] * 1000:.0f} ms\n"
                         + phases.table(found["phases"], per="start") + "\n\n")
            command = [str(BENCH / "probe_start.py"), str(inputs.brief), str(settings)]
            shutil.rmtree(settings, ignore_errors=True)
            imports = profiles.importtime(command, env)
            shutil.rmtree(settings, ignore_errors=True)
            run.profiles[key] = (steps + imports + "\n\n"
                                 + profiles.cprofile_command(command, stem.with_suffix(".prof"), env))
        elif figure.key in ("key_editor", "key_preview", "export_editor", "rss"):
            option = "--profile-export" if figure.key == "export_editor" else "--profile-typing"
            prof = stem.with_suffix(".prof")
            settings = work / "settings" / f"profile-{figure.key}-x{figure.scale}"
            shutil.rmtree(settings, ignore_errors=True)
            session = [str(inputs.brief), str(settings), str(out), "--keys", str(run.plan.keys), "--budget",
                       str(run.plan.typing_budget), "--exports", "2"]
            found = probe("probe_session.py", [*session, option, str(prof)])
            text = (profiles.pstats_top(prof, only=_PRODUCT) if prof.exists()
                    else f"(profile failed: {found.get('error')})")
            if figure.key in ("key_editor", "key_preview"):
                # the steps are timed in a session of their own, without cProfile's overhead
                shutil.rmtree(settings, ignore_errors=True)
                steps = probe("probe_session.py", [*session, "--phases"])
                if "phases" in steps:
                    text = (f"steps of each key, {len(steps['editor_ms'])} keys, in a session without cProfile "
                            f"(its editor p95 {percentile(steps['editor_ms'], 0.95):.1f} ms, preview p95 "
                            f"{percentile(steps['preview_ms'] or [0.0], 0.95):.1f} ms):\n"
                            + phases.table(steps["phases"]) + "\n\ncProfile of another session:\n" + text)
            if figure.key == "rss" and "rss_mb" in found:
                steps = ", ".join(f"{name} {value:.0f} MB" for name, value in found["rss_mb"].items())
                text = f"peak RSS after each step of the session: {steps}"
            run.profiles[key] = text
        elif figure.key in ("long_editor", "long_preview"):
            # one session with the steps timed serves both figures
            if f"long_phases@{figure.scale}" not in run.profiles:
                found = long_session(run, inputs, work / "settings" / f"profile-long-x{figure.scale}", "--phases")
                run.profiles[f"long_phases@{figure.scale}"] = (
                    phases.compare(found["phases_first"], found["phases_last"]) if "phases_first" in found
                    else f"(profile failed: {found.get('error')})")
            run.profiles[key] = run.profiles[f"long_phases@{figure.scale}"]
        done.add((figure.key, figure.scale))


# --- the run --------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="×1 once, quickly; does not touch bench/RESULTS.md")
    parser.add_argument("--work", type=Path, default=BENCH / "work", help="folder for generated inputs and outputs")
    parser.add_argument("--output", type=Path, help="where to write the report (default: bench/RESULTS.md, "
                        "or bench/work/RESULTS-smoke.md with --smoke)")
    parser.add_argument("--scale", type=int, action="append", help="only these scales (repeatable)")
    parser.add_argument("--no-profile", action="store_true", help="do not profile missed targets")
    parser.add_argument("--only", choices=STEPS, action="append",
                        help="only these measurements (repeatable); skips the export's check, and writes the "
                        "report to bench/work/RESULTS-only.md unless --output says otherwise")
    parser.add_argument("--long-sessions", type=int, metavar="N",
                        help="long typing sessions per scale (default: 1 at ×1 and ×100, none at other scales)")
    parser.add_argument("--report-only", type=Path, metavar="RUN",
                        help="write the report again from a run's saved measurements (the run.pickle in its "
                        "work folder), with findings.md as it is now; measures nothing")
    args = parser.parse_args(argv)
    if args.report_only:
        with args.report_only.open("rb") as saved:
            run, description, command, output = pickle.load(saved)
        output = args.output or output
        output.write_text(report.render(run, description, command, REPO, BENCH / "findings.md"), encoding="utf-8")
        say(f"wrote {output} again from {args.report_only}")
        return 0

    plan = SMOKE if args.smoke else FULL
    if args.scale:
        plan = Plan(**{**plan.__dict__, "name": f"partial {plan.name}", "scales": tuple(args.scale),
                       "verify_scale": max(args.scale)})
    if args.no_profile:
        plan.profile = False
    if args.long_sessions is not None:
        plan.long_sessions = dict.fromkeys(plan.scales, args.long_sessions)
    steps = tuple(args.only or STEPS)
    work = args.work / ("smoke" if args.smoke else "full")
    shutil.rmtree(work, ignore_errors=True)
    inputs_dir, out = work / "inputs", work / "out"
    out.mkdir(parents=True)
    output = args.output or (args.work / "RESULTS-smoke.md" if args.smoke
                             else args.work / "RESULTS-only.md" if args.only else BENCH / "RESULTS.md")

    run = Run(plan, dt.datetime.now(dt.UTC), revision=report.revision(REPO))
    began = time.perf_counter()
    say("machine: " + ", ".join(f"{k} {v}" for k, v in machine.describe().items() if k in ("CPU", "cores")))
    description = machine.describe()
    description["Qt platform"] = child_env()["QT_QPA_PLATFORM"]
    warm_up()
    for scale in plan.scales:
        run.inputs[scale] = generate(scale, inputs_dir)
    for scale in plan.scales:
        inputs = run.inputs[scale]
        say(f"×{scale}: {inputs.sections} sections, {inputs.footnotes} footnotes")
        for key, name, step in (("io", "load and save", lambda i=inputs: measure_io(run, i, work)),
                                ("cli", "export vs pandoc", lambda i=inputs: measure_cli(run, i, out)),
                                ("start", "start to painted", lambda i=inputs: measure_start(run, i, work)),
                                ("session", "editing session", lambda i=inputs: measure_session(run, i, work, out)),
                                ("long", "long typing session", lambda i=inputs: measure_long(run, i, work)),
                                ("find", "find all", lambda i=inputs: measure_find(run, i)),
                                ("spell", "whole brief spell-checked", lambda i=inputs: measure_spell(run, i, work)),
                                ("quotes", "quotation check", lambda i=inputs: quotes_bench.measure_quotes(
                                    run, i, work, out, probe)),
                                ("pdf", "PDF export", lambda i=inputs: pdf_bench.measure_pdf(
                                    run, i, out, run.plan.pdf[i.scale])),
                                ("compare", "redline against 100 edits", lambda i=inputs: compare_bench.measure_compare(
                                    run, i, out, probe)),
                                ("import", "import from Word", lambda i=inputs: import_bench.measure_import(
                                    run, i, out, probe)),
                                ("many", "20 briefs in one command", lambda i=inputs: batch_bench.measure_many(
                                    run, i, out)),
                                ("book", "a book of briefs", lambda i=inputs: book_bench.measure_book(
                                    run, i, out))):
            if (key not in steps or key not in plan.only_steps.get(scale, STEPS)
                    or (key == "long" and not plan.long_sessions.get(scale))):
                continue
            t0 = time.perf_counter()
            step()
            say(f"  {name}: {time.perf_counter() - t0:.1f} s")
    if plan.verify_scale in run.inputs and not args.only:
        say(f"checking the ×{plan.verify_scale} export with python-docx, pandoc and LibreOffice")
        verify_export(run, run.inputs[plan.verify_scale], out)
    if plan.profile:
        profile_misses(run, work, out)
    description["load average at end (1/5/15 min)"] = machine.load_average()
    run.seconds = time.perf_counter() - began
    if len(plan.scales) > 1:  # beside the report: bench/scaling.png for the full run's RESULTS.md
        picture = output.with_name("scaling.png") if output.name == "RESULTS.md" else output.with_suffix(".png")
        title = f"Briefbook benchmark, {run.started:%Y-%m-%d %H:%M} UTC, {report.revision(REPO)}"
        why = plot.draw(run.figures, picture, title)
        run.plot = ("Each figure measured at several scales, against the scale on log–log axes (the dashed "
                    f"line grows as the brief does): [{picture.name}]({picture.name})." if why is None
                    else f"The scaling plot was not drawn: {why}.")

    command = "QT_QPA_PLATFORM=offscreen python bench/run.py" + (" --smoke" if args.smoke else "")
    command += "".join(f" --only {step}" for step in args.only or ())
    command += "".join(f" --scale {scale}" for scale in args.scale or ())
    if args.long_sessions is not None:
        command += f" --long-sessions {args.long_sessions}"
    with (work / "run.pickle").open("wb") as saved:  # for --report-only, once the findings are written
        pickle.dump((run, description, command, output), saved)
    text = report.render(run, description, command, REPO, BENCH / "findings.md")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    say(report.table(run.figures))
    say(f"wrote {output} in {run.seconds:.0f} s")
    if plan.name == "smoke":
        say("smoke run: it proves the benchmark works; its figures are indicative only on a shared machine")
    broken = [f for f in run.figures if f.error and not f.values]
    verified = run.verification is None or run.verification[1].passed
    if broken or not verified:
        for figure in broken:
            say(f"NOT MEASURED {figure.key} ×{figure.scale}: {figure.error}")
        if not verified:
            say("the exported document failed its check (see the report)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
