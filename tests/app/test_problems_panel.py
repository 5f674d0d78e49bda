"""The Problems panel: its rows follow the problems given, and rows it drops are freed."""

from __future__ import annotations

import gc
import tracemalloc

from briefbook.app.problems_panel import ROWS_AT_ONCE, ProblemsPanel
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


def test_a_part_changed_leaves_the_other_parts_rows_alone(qtbot) -> None:
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.set_problems([warning("a check's warning", ("meta", "title")), error("a check's error", ("footnotes", "x"))])
    panel.set_problems([warning(f"quotation {i} not found", ("sections", i, "body")) for i in range(3)], part="sources")
    kept = [panel.item_for(0), panel.item_for(1)]
    panel.set_problems([warning("quotation not found again", ("sections", 0, "body"))], part="sources")
    assert [panel.item_for(0), panel.item_for(1)] == kept, "the checks' rows are the same rows"
    assert (panel.error_count(), panel.warning_count()) == (1, 2)
    # Rows follow the problems' order within each group; item_for(i) is the row of problems[i].
    for index, problem in enumerate(panel.problems):
        row = panel.item_for(index)
        assert row.text(0) == problem.message
        assert row.parent() is panel.topLevelItem(0 if problem.is_error else 1)
    assert [panel.topLevelItem(1).child(i).text(0) for i in range(2)] == ["a check's warning",
                                                                          "quotation not found again"]
    assert panel.item_for(len(panel.problems)) is None


def test_choosing_a_row_gives_its_problem_and_the_place_column_fits(qtbot) -> None:
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.show()
    problems = [warning("first", ("sections", 0, "body")), error("second", ("footnotes", "participating-nations"))]
    panel.set_problems(problems)
    chosen, places = [], []
    panel.problemChosen.connect(chosen.append)
    panel.problemActivated.connect(places.append)
    panel.itemActivated.emit(panel.item_for(1), 0)
    assert chosen == [problems[1]] and places == [("footnotes", "participating-nations")]
    width = panel.header().sectionSize(1)
    assert width >= panel.fontMetrics().horizontalAdvance("footnote participating-nations")
    panel.set_problems([])
    assert panel.header().sectionSize(1) < width, "the column narrows with its widest place gone"


def test_a_long_part_is_counted_at_once_and_its_rows_follow(qtbot) -> None:
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.set_problems([error("a check's error", ("meta", "title"))])
    many = [warning(f"quotation {i} not found", ("sections", i, "body")) for i in range(ROWS_AT_ONCE * 2 + 10)]
    counted = []
    panel.countsChanged.connect(lambda errors, warnings: counted.append((errors, warnings)))
    panel.set_problems(many, part="sources")
    assert counted == [(1, len(many))] and (panel.error_count(), panel.warning_count()) == (1, len(many))
    warnings = panel.topLevelItem(1)
    assert warnings.text(0) == f"Warnings ({len(many)})"
    assert warnings.childCount() == ROWS_AT_ONCE, "the first rows at once, the rest from the event loop"
    panel.set_problems([warning("a check's warning", ("meta", "title"))])  # another part meanwhile
    qtbot.waitUntil(lambda: warnings.childCount() == len(many) + 1)
    assert [warnings.child(i).text(0) for i in range(warnings.childCount())] == \
        ["a check's warning", *(p.message for p in many)]
    panel.set_problems(many[:ROWS_AT_ONCE + 5][::-1], part="sources")
    row = panel.item_for(len(panel.problems) - 1)  # not made yet: made now
    assert row.text(0) == many[0].message and warnings.childCount() == ROWS_AT_ONCE + 6
