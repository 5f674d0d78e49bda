"""A brief open elsewhere, in the window: the question, open anyway, read-only, and Cancel that changes nothing.

Real windows on real files with real lock files; only the dialogs are answered by
hooks (one test answers the real message box with a click).
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox

from briefbook.app.dialogs import Dialogs as RealDialogs
from briefbook.app.main_window import MainWindow
from briefbook.app.session import Session
from briefbook.document import AppFolders, processes
from briefbook.document.lock import BriefLock, LockHolder
from briefbook.fileformat import read
from briefbook.model import Address
from briefbook.resources import sample_brief

CTRL = Qt.KeyboardModifier.ControlModifier
HOST = processes.current()["host"]


class Answers:
    """Answers every dialog as told and records what was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.locked = "cancel"
        self.starting: list[bool] = []
        self.save_path: str | None = None
        self.open_path: str | None = None
        self.save_changes = "cancel"
        self.recover = "later"

    def attach(self, window: MainWindow) -> None:
        def locked(path: str, holder: LockHolder, starting: bool = False) -> str:
            self.asked.append(f"locked:{holder.describe()}")
            self.starting.append(starting)
            return self.locked

        dialogs = window.dialogs
        dialogs.ask_open_locked = locked
        dialogs.ask_save_path = lambda suggested: self.asked.append(f"save_path:{suggested}") or self.save_path
        dialogs.ask_open_path = lambda folder: self.asked.append("open_path") or self.open_path
        dialogs.ask_save_changes = lambda path: self.asked.append("save_changes") or self.save_changes
        dialogs.ask_recover = lambda name, saved, differences: self.asked.append("recover") or self.recover
        dialogs.confirm_comments_lost = lambda path: True
        dialogs.show_message = lambda title, text, error=False: self.asked.append(f"message:{title}:{text}")
        dialogs.show_problems = lambda title, intro, problems: self.asked.append(f"problems:{title}")
        dialogs.ask_footnote_id = lambda suggested, existing: self.asked.append("footnote_id")
        dialogs.ask_starter = lambda: self.asked.append("starter")
        window.editor.link_url_provider = lambda text, suggestion: self.asked.append("link")


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def settings(tmp_path: Path) -> AppFolders:
    return AppFolders(tmp_path / "settings")


@pytest.fixture
def make_window(qtbot, settings, answers):
    def make(show: bool = True) -> MainWindow:
        window = MainWindow(Session(settings))
        answers.attach(window)
        qtbot.addWidget(window)
        if show:
            window.resize(1200, 800)
            window.show()
            qtbot.waitExposed(window)
        return window
    return make


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "briefs" / "182-SPE-24-E.brief.yaml"
    target.parent.mkdir()
    shutil.copy(sample_brief(), target)
    return target


@pytest.fixture
def other(tmp_path: Path) -> Path:
    target = tmp_path / "briefs" / "other.brief.yaml"
    shutil.copy(sample_brief(), target)
    return target


def lock_file(brief: Path) -> Path:
    return brief.with_name(f".{brief.name}.lock")


def lock_of_another_machine(brief: Path, hours: int = 3) -> Path:
    since = (datetime.now(UTC) - timedelta(hours=hours, minutes=1)).isoformat()
    file = lock_file(brief)
    file.write_text(json.dumps({"user": "colleague", "host": "other-pc", "pid": 4242, "since": since}),
                    encoding="utf-8")
    return file


def lock_info(brief: Path) -> dict:
    return json.loads(lock_file(brief).read_text(encoding="utf-8"))


def type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    for char in text:
        qtbot.keyClicks(widget, char)
        qtbot.wait(1)


# --- locks that name nobody: opened without a question -------------------------------------------------

@pytest.mark.parametrize("content", [
    b"", b"\xff\x00garbage", b"[" * 5000, b'{"host": "%s", "pid": 0}' % HOST.encode(),
    b'{"host": "%s", "pid": -1}' % HOST.encode(), b'{"host": "%s", "pid": true}' % HOST.encode(),
    b'{"host": "%s", "pid": 99999999999999999999}' % HOST.encode(), b'{"pid": 1}',
], ids=["empty", "garbage", "deep", "pid 0", "pid -1", "pid true", "pid huge", "no host"])
def test_a_crafted_lock_neither_crashes_nor_holds_the_brief(make_window, answers, sample, content) -> None:
    lock_file(sample).write_bytes(content)
    window = make_window()
    assert window.files.open_file(str(sample), ask=False)
    assert answers.asked == []
    assert lock_info(sample)["pid"] == os.getpid()
    assert "damaged lock file" in window.statusBar().currentMessage()
    window.close()
    assert not lock_file(sample).exists()


def test_a_lock_of_an_ended_process_is_taken_over(make_window, answers, sample) -> None:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    started = processes.start_token(child.pid)
    child.wait()
    lock_file(sample).write_text(json.dumps({"user": "colleague", "host": HOST, "pid": child.pid,
                                             "started": started}), encoding="utf-8")
    window = make_window()
    assert window.files.open_file(str(sample), ask=False)
    assert answers.asked == [] and lock_info(sample)["pid"] == os.getpid()


# --- held elsewhere: the question, and each answer ---------------------------------------------------------

def test_lock_of_another_machine_asks_with_who_where_since_and_how_old(make_window, answers, sample) -> None:
    lock_of_another_machine(sample)
    window = make_window()
    assert not window.files.open_file(str(sample), ask=False)
    assert len(answers.asked) == 1
    asked = answers.asked[0]
    assert asked.startswith("locked:colleague on other-pc, since ") and asked.endswith(" (3 hours ago)")
    assert lock_info(sample)["host"] == "other-pc"  # Cancel leaves the other's lock as it was


def test_open_anyway_takes_the_lock_over(make_window, answers, sample) -> None:
    lock_of_another_machine(sample)
    answers.locked = "anyway"
    window = make_window()
    assert window.files.open_file(str(sample), ask=False)
    assert lock_info(sample)["pid"] == os.getpid() and lock_info(sample)["host"] == HOST
    assert not window.document.read_only
    assert "Took over the lock of colleague on other-pc" in window.statusBar().currentMessage()
    window.close()
    assert not lock_file(sample).exists()


def test_cancel_during_open_keeps_the_brief_on_screen_unchanged(qtbot, make_window, answers, sample, other,
                                                                 settings) -> None:
    window = make_window()
    assert window.files.open_file(str(sample), ask=False)
    window.outline.select(Address.takeaways())
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    type_into(qtbot, window.editor, " unsaved words")
    window.document.autosave()
    autosaved = sorted(p.name for p in settings.recovery().iterdir())
    brief_before = window.document.brief
    title = window.windowTitle()
    lock_of_another_machine(other)
    answers.open_path = str(other)
    qtbot.keyClick(window.editor, Qt.Key.Key_O, CTRL)
    assert answers.asked[-1].startswith("locked:colleague on other-pc")
    assert "save_changes" not in answers.asked  # asked about the lock first: nothing was discarded
    assert window.document.path == str(sample) and window.document.brief is brief_before
    assert window.document.brief.takeaways[-1].items[-1].text.endswith(" unsaved words")
    assert window.isWindowModified() and window.windowTitle() == title
    assert window.editor.toPlainText().endswith(" unsaved words")
    assert sorted(p.name for p in settings.recovery().iterdir()) == autosaved
    assert lock_info(sample)["pid"] == os.getpid()  # our own lock is kept
    assert lock_info(other)["host"] == "other-pc"


def test_cancel_of_unsaved_changes_after_the_lock_gives_the_lock_back(qtbot, make_window, answers, sample,
                                                                      other) -> None:
    window = make_window()
    assert window.files.open_file(str(sample), ask=False)
    window.outline.select(Address.takeaways())
    type_into(qtbot, window.editor, "x")
    answers.save_changes = "cancel"
    assert not window.files.open_file(str(other))
    assert "save_changes" in answers.asked
    assert not lock_file(other).exists() and window.document.path == str(sample)
    held = lock_of_another_machine(other).read_bytes()
    answers.locked = "anyway"
    assert not window.files.open_file(str(other))  # open anyway, then Cancel about the unsaved changes
    assert lock_file(other).read_bytes() == held  # the colleague's lock is put back as it was
    assert window.document.is_modified() and window.document.path == str(sample)


# --- read-only ------------------------------------------------------------------------------------------

@pytest.fixture
def read_only_window(make_window, answers, sample) -> MainWindow:
    lock_of_another_machine(sample)
    answers.locked = "read-only"
    window = make_window()
    assert window.files.open_file(str(sample), ask=False)
    return window


def test_read_only_shows_the_brief_and_takes_no_lock(read_only_window, sample) -> None:
    window = read_only_window
    assert window.document.read_only
    assert window.windowTitle().startswith("182-SPE-24-E.brief.yaml (read-only)")
    assert window.document.brief == read(sample).brief
    assert lock_info(sample)["host"] == "other-pc"  # the other's lock, untouched
    window.close()
    assert lock_info(sample)["host"] == "other-pc"


def test_nothing_edits_a_read_only_brief(qtbot, read_only_window, answers, sample, settings) -> None:
    window = read_only_window
    before = read(sample).brief
    clipboard = QApplication.clipboard()
    clipboard.setText("pasted words")
    for place in (Address.takeaways(), Address.section(0)):
        window.outline.select(place)
        editor = window.editor
        editor.setFocus()
        for key, modifiers in ((Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_Tab, 0),
                               (Qt.Key.Key_Backtab, 0), (Qt.Key.Key_Return, 0), (Qt.Key.Key_Backspace, 0),
                               (Qt.Key.Key_Delete, 0), (Qt.Key.Key_B, CTRL), (Qt.Key.Key_I, CTRL),
                               (Qt.Key.Key_V, CTRL), (Qt.Key.Key_V, CTRL | Qt.KeyboardModifier.ShiftModifier)):
            qtbot.keyClick(editor, key, Qt.KeyboardModifier(modifiers))
        editor.selectAll()
        editor.cut()
        editor.paste()
        window.to_focus("paste")
        editor.insertFromMimeData(clipboard.mimeData())
        editor.paste_literally()
        window.structure.insert_footnote()
    window.outline.select(Address.section(0))
    type_into(qtbot, window.pages.title_edit, "RENAMED")
    window.pages.title_edit.selectAll()
    window.pages.title_edit.cut()
    window.pages.title_edit.paste()
    window.outline.select(Address.cover())
    for name, widget in window.pages.meta_form.widgets.items():
        if hasattr(widget, "set_value"):
            type_into(qtbot, widget, "typed")
            widget.selectAll()
            window.to_focus("cut")
            window.to_focus("paste")
        else:
            assert not widget.isEnabled(), name
    window.outline.select(Address.footnotes())
    type_into(qtbot, window.pages.footnotes.text, "typed")
    assert not window.pages.footnotes.delete_button.isEnabled()
    window.outline.select(Address.sources())
    assert window.pages.sources.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not window.pages.sources.add.isEnabled() and not window.pages.sources.remove.isEnabled()
    window.structure.add_source()
    window.structure.remove_source(0)
    window.structure.delete_footnote(next(iter(window.document.brief.footnotes)))
    window.outline.select(Address.section(1))
    for action in (window.add_section_action, window.add_sub_action, window.delete_section_action,
                   window.up_action, window.down_action, window.promote_action, window.demote_action,
                   window.footnote_action, window.rename_action, *window.text_change_actions):
        assert not action.isEnabled(), action.text()
    window.structure.add_section()
    window.structure.move_section(-1)
    window.structure.relevel(True)
    window.structure.delete_section()
    window.structure.drop_section(("sections", 1), (), 0)
    window.outline.setFocus()
    qtbot.keyClick(window.outline, Qt.Key.Key_Delete)
    assert window.outline.dragDropMode() == QAbstractItemView.DragDropMode.NoDragDrop
    assert window.document.brief == before
    assert not window.document.is_modified() and not window.isWindowModified()
    assert window.document.history.count() == 0
    assert answers.asked == [f"locked:{answers.asked[0][7:]}"]  # not even a question was reached
    window.document.autosave()
    assert not settings.recovery().exists() or not any(settings.recovery().iterdir())
    assert window.editor.isReadOnly()


def test_the_read_only_editor_still_reads_selects_and_copies(qtbot, read_only_window) -> None:
    window = read_only_window
    window.outline.select(Address.takeaways())
    editor = window.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)  # the keyboard moves a cursor
    selected = editor.textCursor().selectedText()
    assert selected and editor.textCursor().block().text().startswith(selected)
    editor.copy()
    assert QApplication.clipboard().text() == selected
    assert window.files.export_to(str(Path(window.document.path).with_name("read.docx")))


def test_save_of_a_read_only_brief_saves_a_copy_under_a_new_name(qtbot, read_only_window, answers, sample) -> None:
    window = read_only_window
    original = sample.read_bytes()
    answers.save_path = str(sample)  # the same name is refused: the holder keeps their file
    qtbot.keyClick(window.editor, Qt.Key.Key_S, CTRL)
    assert answers.asked[-2] == f"save_path:{sample.with_name('182-SPE-24-E (copy).brief.yaml')}"
    assert answers.asked[-1].startswith("message:Cannot save:182-SPE-24-E.brief.yaml is open read-only")
    assert sample.read_bytes() == original and window.document.read_only
    copy = sample.with_name("my copy.brief.yaml")
    answers.save_path = str(copy)
    assert window.files.save()
    assert read(copy).brief == read(sample).brief and sample.read_bytes() == original
    assert window.document.path == str(copy) and not window.document.read_only
    assert "(read-only)" not in window.windowTitle()
    assert lock_info(copy)["pid"] == os.getpid() and lock_info(sample)["host"] == "other-pc"
    window.outline.select(Address.takeaways())
    type_into(qtbot, window.editor, "!")  # the copy is the analyst's own: editable
    assert window.document.is_modified()


def test_opening_another_brief_after_read_only_is_editable(read_only_window, other) -> None:
    window = read_only_window
    assert window.files.open_file(str(other))
    assert not window.document.read_only and not window.editor.isReadOnly()
    assert window.add_section_action.isEnabled()
    assert window.outline.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
    assert lock_info(other)["pid"] == os.getpid()


def test_a_read_only_brief_is_not_offered_its_autosave(make_window, answers, sample, settings) -> None:
    from briefbook.document.recovery import Recovery, pending

    left = Recovery(settings, str(sample), "x")
    left.write(sample.read_bytes() + b"\n")
    left.release()  # as a session that ended without saving leaves it
    lock_of_another_machine(sample)
    answers.locked, answers.recover = "read-only", "restore"
    window = make_window()
    assert window.files.open_file(str(sample), ask=False)
    assert "recover" not in answers.asked and not window.document.is_modified()
    assert pending(settings, str(sample))  # kept for whoever edits it


# --- at start -----------------------------------------------------------------------------------------------

def test_cancel_of_the_last_brief_at_start_leaves_an_empty_window(make_window, answers, sample, settings) -> None:
    first = make_window()
    assert first.files.open_file(str(sample), ask=False)
    first.close()
    from briefbook.document.recovery import Recovery, pending

    left = Recovery(settings, None, "left")
    left.write(b"briefbook: 1\n")  # an untitled autosave is waiting too
    left.release()
    lock_of_another_machine(sample)
    window = make_window(show=False)
    replaced = []
    window.document.replaced.connect(replaced.append)
    title = window.windowTitle()
    assert window.files.open_last() is True  # reopened unasked: Briefbook starts, with no brief
    assert answers.starting == [False]
    assert replaced == [] and window.document.path is None and window.windowTitle() == title
    assert "open elsewhere" in window.statusBar().currentMessage()
    assert "recover" not in answers.asked  # not the untitled autosave in place of the declined brief
    assert Session(settings).last_brief() == str(sample)  # offered again at the next start
    assert lock_info(sample)["host"] == "other-pc"
    assert pending(settings, None)


def test_cancel_at_start_does_not_start_the_editor(qtbot, settings, sample, monkeypatch) -> None:
    import briefbook.app as app_module

    lock_of_another_machine(sample)
    asked = []
    monkeypatch.setattr(RealDialogs, "ask_open_locked",
                        lambda self, path, holder, starting=False: asked.append(starting) or "cancel")
    shown = []
    monkeypatch.setattr(MainWindow, "showEvent", lambda self, event: shown.append(self))
    guard = QTimer(singleShot=True, interval=0)  # should the editor start after all, it ends at once
    guard.timeout.connect(lambda: [w.close() for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)])
    guard.start()
    try:
        assert app_module.run(str(sample), settings) == 0
    finally:
        guard.stop()
    assert asked == [True] and shown == []
    assert lock_info(sample)["host"] == "other-pc"


def test_read_only_at_start(make_window, answers, sample) -> None:
    lock_of_another_machine(sample)
    answers.locked = "read-only"
    window = make_window(show=False)
    assert window.files.open_last(str(sample)) is True
    assert window.document.read_only and window.document.path == str(sample)


# --- two windows of one process --------------------------------------------------------------------------------

def test_two_windows_of_one_process_see_each_others_lock(make_window, answers, sample) -> None:
    first, second = make_window(), make_window()
    assert first.files.open_file(str(sample), ask=False)
    assert not second.files.open_file(str(sample), ask=False)
    assert answers.asked[-1].startswith("locked:you, in another Briefbook window, since ")
    answers.locked = "read-only"
    assert second.files.open_file(str(sample), ask=False) and second.document.read_only
    answers.locked = "anyway"
    third = make_window()
    assert third.files.open_file(str(sample), ask=False) and not third.document.read_only
    token = lock_info(sample)["token"]
    first.close()  # the lock was taken from it: it leaves the new holder's lock
    assert lock_info(sample)["token"] == token
    second.close()
    assert lock_info(sample)["token"] == token
    third.close()
    assert not lock_file(sample).exists()


def test_opening_the_brief_shown_again_keeps_its_lock(make_window, answers, sample) -> None:
    window = make_window()
    assert window.files.open_file(str(sample), ask=False)
    token = lock_info(sample)["token"]
    assert window.files.open_file(str(sample))
    assert answers.asked == [] and lock_info(sample)["token"] == token


# --- the real question --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("button", "choice"), [("Open &Read-Only", "read-only"), ("Open &Anyway", "anyway"),
                                                 ("Cancel", "cancel"), (None, "cancel")])
def test_the_question_and_its_answers(qtbot, button, choice) -> None:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    holder = LockHolder("colleague", "other-pc", datetime.now(UTC) - timedelta(minutes=5), False)
    seen = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen["text"], seen["details"] = box.text(), box.informativeText()
        if button is None:
            qtbot.keyClick(box, Qt.Key.Key_Escape)
        else:
            next(b for b in box.buttons() if b.text() == button).click()

    QTimer.singleShot(0, answer)
    assert RealDialogs(parent).ask_open_locked("/briefs/182-SPE-24-E.brief.yaml", holder, starting=True) == choice
    assert seen["text"].startswith("182-SPE-24-E.brief.yaml is open in Briefbook by colleague on other-pc, since ")
    assert seen["text"].endswith("(5 minutes ago).")
    assert "cannot tell from here" in seen["details"] and "Cancel closes Briefbook" in seen["details"]


def test_lock_file_names_the_window_that_took_it(make_window, sample) -> None:
    window = make_window()
    assert window.files.open_file(str(sample), ask=False)
    info = lock_info(sample)
    assert set(info) >= {"user", "host", "pid", "started", "since", "token"}
    assert info["started"] == processes.current()["started"]
    assert BriefLock(str(sample)).holder().this_process
