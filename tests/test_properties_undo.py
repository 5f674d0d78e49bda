"""Random sequences of editor commands keep undo and redo exact.

The document controller (:class:`briefbook.document.Document`) runs every command the
editor has: typing in a body as splices, setting one value (a section title, a cover
field, a footnote), and structural edits of :mod:`briefbook.model.structure` through
``restructure``. Hypothesis draws sequences of them on the sample brief; undoing
everything must give back the starting brief byte for byte (compared as the file
``dumps`` writes), and redoing everything the final one. A second test does the same
through the real window: its structure actions, its editor and its Undo and Redo
actions, in a seeded random order.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

hypothesis = pytest.importorskip("hypothesis")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from briefbook.app.main_window import MainWindow  # noqa: E402
from briefbook.app.session import Session  # noqa: E402
from briefbook.document import AppFolders, Document, Splice  # noqa: E402
from briefbook.fileformat import dumps, load  # noqa: E402
from briefbook.model import Address, iter_sections, structure  # noqa: E402
from briefbook.model.brief import body_text  # noqa: E402
from briefbook.resources import sample_brief  # noqa: E402

WORD = st.text(alphabet=st.sampled_from(list("ab *_[]()é\n") + ["\U0001f600"]), max_size=6)

#: A command as drawn: a kind and numbers that pick where it applies on the brief as it is then.
Step = tuple[str, int, int, int, str]
steps = st.lists(st.tuples(
    st.sampled_from(["type", "type", "type", "title", "cover", "footnote", "add", "add child", "delete", "move",
                     "demote", "promote", "move to"]),
    st.integers(0, 10_000), st.integers(0, 10_000), st.integers(0, 12), WORD), min_size=1, max_size=25)


def _section_paths(document: Document) -> list[Address]:
    return [Address.of(entry.path) for entry in iter_sections(document.brief)]


def apply(document: Document, step: Step) -> None:
    """Run one drawn command through the document's own command methods."""
    kind, first, second, size, word = step
    paths = _section_paths(document)
    section = paths[first % len(paths)] if paths else None
    if kind == "type":
        owners = [None, *paths]
        owner = owners[first % len(owners)]
        body = Address.takeaways() if owner is None else owner.body
        text = body_text(document.brief if owner is None else owner.resolve(document.brief))
        start = second % (len(text) + 1)
        removed = text[start:start + size % 4]
        if removed != word:
            document.edit_body(body, Splice(start, removed, word))
    elif kind == "title" and section is not None:
        document.set_value("Rename Section", section.title, word or "t", words=False)
    elif kind == "cover":
        name = ("title", "event", "dates", "reference")[first % 4]
        document.set_value(f"Edit {name}", Address.cover(name), word)
    elif kind == "footnote":
        ids = sorted(document.brief.footnotes)
        document.set_value("Edit Footnote", Address.footnotes(ids[first % len(ids)]), word)
    elif kind in ("add", "add child"):
        document.restructure("Add Section", lambda b: structure.add_section(b, section, word or "new",
                                                                             child=kind == "add child"),
                             section or Address.takeaways())
    elif section is None:
        return
    elif kind == "delete":
        document.restructure("Delete Section", lambda b: structure.delete_section(b, section), section)
    elif kind == "move":
        document.restructure("Move Section", lambda b: structure.move(b, section, 1 if second % 2 else -1), section)
    elif kind == "demote":
        document.restructure("Demote", lambda b: structure.demote(b, section), section)
    elif kind == "promote":
        document.restructure("Promote", lambda b: structure.promote(b, section), section)
    else:
        parent = ([Address(), *paths])[second % (len(paths) + 1)]
        document.restructure("Move Section", lambda b: structure.move_to(b, section, parent, size % 4), section)


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(steps)
def test_undo_everything_gives_back_the_start_and_redo_everything_the_end(qtbot, drawn: list[Step]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        document = Document(AppFolders(Path(folder)))
        try:
            document.replace(load(sample_brief()), None)
            start = dumps(document.brief)
            for step in drawn:
                apply(document, step)
            end = dumps(document.brief)
            done = document.history.index
            while document.history.can_undo():
                document.history.undo()
            assert dumps(document.brief) == start
            assert not document.is_modified()
            redone = 0
            while document.history.can_redo():
                document.history.redo()
                redone += 1
            assert redone == done
            assert dumps(document.brief) == end
        finally:
            document.close()


def test_the_window_s_commands_undo_and_redo_exactly(qtbot, tmp_path: Path) -> None:
    window = MainWindow(Session(AppFolders(tmp_path / "settings")))
    window.dialogs.ask_save_changes = lambda *args: "discard"
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.document.replace(load(sample_brief()), None)
    start = dumps(window.document.brief)
    rng = random.Random(20241017)
    actions = [
        lambda: window.structure.add_section(),
        lambda: window.structure.add_section(child=True),
        lambda: window.structure.move_section(rng.choice([-1, 1])),
        lambda: window.structure.relevel(rng.choice([True, False])),
        lambda: window.structure.delete_section(),
        lambda: window.structure.add_source(),
    ]
    for _ in range(40):
        paths = [Address.of(entry.path) for entry in iter_sections(window.document.brief)]
        window.select(rng.choice([Address.takeaways(), *paths]))
        if rng.random() < 0.5:
            editor = window.editor
            editor.setFocus()
            editor.moveCursor(editor.textCursor().MoveOperation.End)
            qtbot.keyClicks(editor, rng.choice(["word", " **b** ", "x"]))
            if rng.random() < 0.3:
                qtbot.keyClick(editor, Qt.Key.Key_Return)
        else:
            rng.choice(actions)()
        qtbot.wait(1)
    end = dumps(window.document.brief)
    assert end != start
    steps_done = window.document.history.index
    for _ in range(steps_done):
        window.undo_action.trigger()
        qtbot.wait(1)
    assert not window.undo_action.isEnabled()
    assert dumps(window.document.brief) == start
    for _ in range(steps_done):
        window.redo_action.trigger()
        qtbot.wait(1)
    assert not window.redo_action.isEnabled()
    assert dumps(window.document.brief) == end
