"""The Problems panel: its rows follow the problems given, and rows it drops are freed."""

from __future__ import annotations

import gc
import tracemalloc

from briefbook.app.problems_panel import ProblemsPanel
from briefbook.problems import error, warning


def test_rows_follow_each_part_and_dropped_rows_are_freed(qtbot) -> None:
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.set_problems([error("broken", ("meta", "title"))])
    panel.set_problems([warning("quotation not found", ("sections", 0, "body"))], part="sources")
    assert (panel.error_count(), panel.warning_count()) == (1, 1)

    tracemalloc.start()
    try:
        for round_number in range(6):  # the quotation check of a long brief, pass after pass
            panel.set_problems([warning(f"quotation {i} not found ({round_number})", ("sections", 0, "body"))
                                for i in range(500)], part="sources")
        panel.set_problems([], part="sources")
        gc.collect()
        kept, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (panel.error_count(), panel.warning_count()) == (1, 0)
    assert kept < 200_000  # 3,000 rows were made; PySide kept every taken row (about 300 B each) alive


def test_the_same_problems_again_redraw_nothing(qtbot) -> None:
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    problems = [warning("quotation not found", ("sections", 0, "body"))]
    panel.set_problems(problems, part="sources")
    row = panel.item_for(0)
    panel.set_problems(list(problems), part="sources")
    assert panel.item_for(0) is row
