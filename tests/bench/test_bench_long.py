"""The long typing session's arithmetic: the p95 of its first and last keys, their ratio, bytes per key,
where retained memory is put, and how run.py turns a session's raw result into the report's rows."""

from __future__ import annotations

import os
import sys
import tracemalloc
from pathlib import Path
from types import SimpleNamespace

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import memory  # noqa: E402 - bench/ is not a package; it is put on the path just above
import phases  # noqa: E402
import report  # noqa: E402
import run  # noqa: E402
from generate import Inputs  # noqa: E402
from probe_session import WORDS, key_sequence, pause_after  # noqa: E402
from stats import Figure, bytes_per_key, ends, fmt, growth  # noqa: E402


def test_ends_are_the_first_and_last_keys():
    values = [float(v) for v in range(2000)]
    first, last = ends(values, 250)
    assert first == values[:250] and last == values[-250:]


def test_ends_of_a_short_run_are_its_halves():
    values = [float(v) for v in range(61)]
    first, last = ends(values, 250)
    assert len(first) == len(last) == 30
    assert first[0] == 0.0 and last[-1] == 60.0
    with pytest.raises(ValueError):
        ends([1.0], 250)


def test_growth_compares_the_p95_of_each_end():
    # the first 250 keys take 1..250 ms (p95: 238), the middle 1,500 are not looked at, the last 250 twice as long
    values = [float(v) for v in range(1, 251)] + [999.0] * 1500 + [2.0 * v for v in range(1, 251)]
    change = growth(values, 250)
    assert (change.first, change.last, change.size) == (238.0, 476.0, 250)
    assert change.ratio == pytest.approx(2.0)
    steady = growth([5.0] * 2000, 250)
    assert steady.ratio == 1.0


def test_growth_ratio_when_the_first_keys_took_no_time():
    assert growth([0.0, 0.0, 1.0, 1.0], 250).ratio == float("inf")


def test_bytes_per_key():
    assert bytes_per_key(1_000_000, 1_000_000 + 2000 * 1024, 2000) == 1024.0
    assert bytes_per_key(5000, 4000, 10) == -100.0  # memory given back
    assert bytes_per_key(None, 4000, 10) is None
    with pytest.raises(ValueError):
        bytes_per_key(0, 10, 0)


def test_bytes_per_key_format():
    assert fmt(1024.0, "B/key") == "1024 B/key"
    assert fmt(18_432.0, "B/key") == "18.0 KiB/key"
    assert fmt(-300.0, "B/key") == "-300 B/key"
    figure = Figure("long_memory", "retained", 100, "B/key", 1024.0, [18_432.0])
    assert figure.verdict() == "MISSED"
    assert "| ≤ 1024 B/key | 18.0 KiB/key |" in report.table([figure])


def test_keys_are_words_and_spaces():
    keys = key_sequence(2000)
    assert len(keys) == 2000
    assert "".join(keys).split(" ")[: len(WORDS)] == list(WORDS)
    assert set(keys) <= set("abcdefghijklmnopqrstuvwxyz ")
    assert key_sequence(3) == list(WORDS[0][:3])


def test_pause_after_each_key():
    assert pause_after("q", 0, 30.0, 0.06, 12, 0.4) == 0.03
    assert pause_after(" ", 1, 30.0, 0.06, 12, 0.4) == 0.06
    assert pause_after(" ", 12, 30.0, 0.06, 12, 0.4) == 0.4
    assert pause_after(" ", 24, 30.0, 0.06, 12, 0.4) == 0.4
    assert pause_after(" ", 12, 120.0, 0.5) == 0.5  # the keystroke session: no sentence pauses


def test_resident_memory_now():
    rss = memory.current_rss()
    if not os.path.exists("/proc/self/statm"):
        assert rss is None
        return
    assert rss > 1_000_000
    reading = memory.reading(False)
    assert reading["traced"] is None and reading["blocks"] > 0


def test_retained_memory_is_put_on_the_innermost_product_frame():
    outer = ("/src/briefbook/app/main_window.py", 10)
    inner = ("/src/briefbook/app/commands.py", 20)
    library = ("/usr/lib/python3/copy.py", 30)
    # tracemalloc keeps frames most recent first
    assert memory.site(tracemalloc.Traceback((library, inner, outer))).startswith(
        f"briefbook{os.sep}app{os.sep}commands.py:20")
    assert memory.site(tracemalloc.Traceback((library,))).startswith("/usr/lib/python3/copy.py:30")


def test_retained_sites_of_a_real_allocation():
    tracemalloc.start(4)
    try:
        before = memory.product_snapshot()
        kept = [bytearray(1000) for _ in range(50)]
        after = memory.product_snapshot()
    finally:
        tracemalloc.stop()
    sites = memory.retained_sites(before, after)
    assert sites and sites[0]["bytes"] >= 50_000 and "bytearray(1000)" in sites[0]["site"]
    assert memory.snapshot_bytes(after) - memory.snapshot_bytes(before) >= 50_000
    del kept


def test_grown_types():
    assert memory.grown_types({"a": 1, "b": 5}, {"a": 4, "b": 5, "c": 2}) == [("a", 3), ("c", 2)]


def test_phase_comparison_lists_each_step_once():
    step = {"step": "Editor.paint", "what": "paint", "median_ms": 1.0, "p95_ms": 2.0, "calls_per_key": 1.0,
            "keys_delaying_editor_paint": 0, "keys": 250}
    later = {**step, "median_ms": 3.0, "p95_ms": 6.0}
    only_late = {**step, "step": "gc", "what": "collector"}
    text = phases.compare([step], [later, only_late])
    assert "first 250 keys → last 250 keys" in text
    assert "   1.00 →    3.00 |    2.00 →    6.00 |" in text
    assert "      – →    1.00 |" in text


def test_every_figure_has_a_label_and_a_place_in_the_report():
    assert set(run.TARGETS) == set(run.LABELS) <= set(report._ORDER)
    assert run.TARGETS["long_editor"] == {1: 8.0, 100: 8.0}  # the keystroke targets, at the end of the session
    assert run.TARGETS["long_preview"] == {1: 16.0, 100: 33.0}
    assert run.TARGETS["long_memory"] == {1: 1024.0, 100: 1024.0}


def _result(scale: int, memory_pass: bool) -> dict:
    editor = [4.0] * 4500 + [9.0] * 500
    preview = [10.0] * 3800 + [12.0] * 500
    found = {"editor_ms": editor, "preview_ms": preview, "missed_editor": 0, "missed_preview": 0,
             "keys": 5000, "typing_seconds": 200.0, "section": "III.", "undo_steps": 715,
             "before": {"rss": 100 * 2**20, "blocks": 1000, "traced": None},
             "after": {"rss": 100 * 2**20 + 5000 * 18_000, "blocks": 41_000, "traced": None},
             "typed_reached_editor": True}
    if memory_pass:
        found.update(product_before=20_000, product_after=20_000 + 5000 * 12_000,
                     product_after_undo_cleared=20_000 + 5000 * 11_000,
                     sites=[{"site": "briefbook/x.py:1  copy", "bytes": 1000, "blocks": 2}],
                     types=[["briefbook.app.commands.EditValue", 2000]])
    return found


def _no_sources(monkeypatch) -> None:
    """The sessions' brief with its sources and notes, as sources_gen.py writes it: not written here."""
    monkeypatch.setattr(run, "sourced", lambda inputs: SimpleNamespace(brief=inputs.brief, sources=20, notes=3))


def test_a_long_session_becomes_the_report_rows(monkeypatch, tmp_path):
    calls = []

    def fake_probe(script, args, env=None, timeout=600):
        calls.append((script, args))
        return _result(100, "--memory" in args)

    monkeypatch.setattr(run, "probe", fake_probe)
    _no_sources(monkeypatch)
    done = run.Run(run.FULL, started=None)
    inputs = Inputs(100, tmp_path / "brief.brief.yaml", tmp_path / "brief.md", 500, 100)
    run.measure_long(done, inputs, tmp_path)
    # three timed sessions (their median is the row), the first followed by its traced pass
    assert [("--memory" in args) for _, args in calls] == [False, True, False, False]
    assert {script for script, _ in calls} == {"probe_long.py"}
    assert "--keys" in calls[0][1] and calls[0][1][calls[0][1].index("--keys") + 1] == "5000"
    editor, preview = done.figure("long_editor", 100), done.figure("long_preview", 100)
    assert editor.values == [9.0] * 3 and not editor.met  # the p95 of the last 500 keys, against 8 ms
    assert preview.values == [12.0] * 3 and preview.met
    assert "p95 of the first 500 keys 4.0 ms, of the last 500 9.0 ms (×2.25)" in editor.note
    assert "20 sources and 3 review notes" in editor.note
    retained, rss = done.figure("long_memory", 100), done.figure("long_rss", 100)
    assert retained.values == [12_000.0] and retained.verdict() == "MISSED"
    assert "715 undo steps" in retained.note and "11000 B/key with the undo history cleared" in retained.note
    assert rss.values == [18_000.0] * 3 and rss.target is None
    assert "grew by 8.0 a key" in rss.note
    assert "briefbook/x.py:1" in done.profiles["long_memory@100"]


def test_no_long_session_at_scales_without_one(monkeypatch, tmp_path):
    monkeypatch.setattr(run, "probe", lambda *a, **k: pytest.fail("no session expected"))
    done = run.Run(run.FULL, started=None)
    run.measure_long(done, Inputs(10, tmp_path / "b", tmp_path / "m", 50, 10), tmp_path)
    assert done.figures == []


def test_a_session_cut_short_by_its_budget_is_not_judged(monkeypatch, tmp_path):
    def fake_probe(script, args, env=None, timeout=600):
        found = _result(1, "--memory" in args)
        found["keys"] = 1500
        return found

    monkeypatch.setattr(run, "probe", fake_probe)
    _no_sources(monkeypatch)
    done = run.Run(run.FULL, started=None)
    run.measure_long(done, Inputs(1, tmp_path / "b", tmp_path / "m", 5, 1), tmp_path)
    editor = done.figure("long_editor", 1)
    assert editor.verdict() == "not measured" and "after 1500 of 5000 keys" in editor.error
