"""The main window driven as a user would: keyboard and mouse on real widgets, dialogs answered by hooks.

Settings and recovery files live in a temporary folder (``AppFolders``), so
these tests never touch the user's own Briefbook settings.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QDropEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from briefbook.app.main_window import MainWindow
from briefbook.app.pages import PAGE_BODY, PAGE_FOOTNOTES, PAGE_META
from briefbook.app.session import Session
from briefbook.document import AppFolders
from briefbook.fileformat import read
from briefbook.model import Address, Bullet, BulletList, Paragraph, iter_sections
from briefbook.problems import SaveError
from briefbook.resources import sample_brief, starter_templates

TAKEAWAYS = ("takeaways",)


class Dialogs:
    """Stands in for every dialog; records what was asked and answers as told."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.save_path: str | None = None
        self.export_path: str | None = None
        self.open_path: str | None = None
        self.import_path: str | None = None
        self.save_changes = "discard"
        self.recover = "later"
        self.disk_changed = "cancel"
        self.comments_ok = True
        self.footnote_id: str | None = None
        self.open_locked = "cancel"

    def attach(self, window: MainWindow) -> None:
        def record(name, value):
            def hook(*args):
                self.asked.append(name)
                return value() if callable(value) else value
            return hook

        window.dialogs.ask_save_path = record("save_path", lambda: self.save_path)
        window.dialogs.ask_export_path = record("export_path", lambda: self.export_path)
        window.dialogs.ask_open_path = record("open_path", lambda: self.open_path)
        window.dialogs.ask_import_path = record("import_path", lambda: self.import_path)
        window.dialogs.ask_save_changes = record("save_changes", lambda: self.save_changes)
        window.dialogs.ask_recover = record("recover", lambda: self.recover)
        window.dialogs.ask_disk_changed = record("disk_changed", lambda: self.disk_changed)
        window.dialogs.confirm_comments_lost = record("comments", lambda: self.comments_ok)
        window.dialogs.ask_open_locked = lambda path, holder, starting=False: (
            self.asked.append(f"locked:{holder.describe()}") or self.open_locked)
        window.dialogs.ask_starter = record("starter", lambda: starter_templates()["key-takeaways"])
        window.dialogs.ask_footnote_id = lambda suggested, existing: (self.asked.append("footnote_id")
                                                              or self.footnote_id or suggested)
        window.dialogs.show_problems = lambda title, intro, problems: self.asked.append(
            "problems:" + "\n".join(p.format() for p in problems))
        window.dialogs.show_message = lambda title, text, error=False: self.asked.append(f"message:{title}:{text}")


@pytest.fixture
def settings_dir(tmp_path: Path) -> Path:
    return tmp_path / "settings"


@pytest.fixture
def dialogs() -> Dialogs:
    return Dialogs()


@pytest.fixture
def make_window(qtbot, settings_dir, dialogs):
    def make() -> MainWindow:
        window = MainWindow(Session(AppFolders(settings_dir)))
        dialogs.attach(window)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window
    return make


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "briefs" / "182-SPE-24-E.brief.yaml"
    target.parent.mkdir()
    shutil.copy(sample_brief(), target)
    stored = sample_brief().parent / "182-SPE-24-E.sources"
    if stored.is_dir():  # the sample ships with its sources' texts, kept beside it
        shutil.copytree(stored, target.parent / stored.name)
    return target


@pytest.fixture
def window(make_window, sample) -> MainWindow:
    window = make_window()
    assert window.files.open_file(str(sample), ask=False)
    return window


def settle(qtbot) -> None:
    """Let the event loop turn, as it does between a person's keys (the editor reports typing then)."""
    qtbot.wait(1)


def key(qtbot, keyname, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key where the keyboard focus is, as the user would."""
    qtbot.keyClick(QApplication.focusWidget(), keyname, modifiers)
    settle(qtbot)


def type_text(qtbot, widget, text: str) -> None:
    """Type ``text`` key by key, the event loop turning between keys as it does for a person."""
    for char in text:
        qtbot.keyClicks(widget, char)
        settle(qtbot)


Mod = Qt.KeyboardModifier
ALT, CTRL, SHIFT = Mod.AltModifier, Mod.ControlModifier, Mod.ShiftModifier


def outline_texts(window: MainWindow) -> list[str]:
    return [window.outline.item_text(p) for p in window.outline.paths() if p[0] == "sections"]


def preview_text(window: MainWindow) -> str:
    window.preview.flush()
    return window.preview.document().toPlainText()


def select(qtbot, window: MainWindow, path: tuple) -> None:
    """Click the outline entry."""
    item = window.outline.item_for(path)
    rect = window.outline.visualItemRect(item)
    qtbot.mouseClick(window.outline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.pages.current == path


def type_at_end(qtbot, window: MainWindow, text: str) -> None:
    window.editor.setFocus()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    type_text(qtbot, window.editor, text)


# --- structure -----------------------------------------------------------------------------------

def test_add_and_move_section_renumbers_outline_and_preview(qtbot, window) -> None:
    select(qtbot, window, ("sections", 1))
    assert outline_texts(window)[:2] == ["I.\u2002ALLIED DETERRENCE AND DEFENCE", "II.\u2002SUPPORT FOR UKRAINE"]
    key(qtbot, Qt.Key.Key_Up, ALT)
    assert window.undo_action.text() == "&Undo Move Section"
    assert outline_texts(window)[:2] == ["I.\u2002SUPPORT FOR UKRAINE", "II.\u2002ALLIED DETERRENCE AND DEFENCE"]
    assert window.pages.current == ("sections", 0)
    text = preview_text(window)
    assert text.index("SUPPORT FOR UKRAINE") < text.index("ALLIED DETERRENCE AND DEFENCE")

    key(qtbot, Qt.Key.Key_N, CTRL | SHIFT)  # add a section after the selected one; its title is selected
    qtbot.keyClicks(QApplication.focusWidget(), "NEW PRIORITIES")
    assert [e.section.title for e in iter_sections(window.document.brief)][:3] == [
        "SUPPORT FOR UKRAINE", "NEW PRIORITIES", "ALLIED DETERRENCE AND DEFENCE"]
    assert outline_texts(window)[1] == "II.\u2002NEW PRIORITIES"
    assert outline_texts(window)[2].startswith("III.\u2002ALLIED")
    assert "NEW PRIORITIES" in preview_text(window)

    key(qtbot, Qt.Key.Key_Right, ALT)  # demote: II. becomes I.A.
    assert window.pages.current == ("sections", 0, "sections", 0)
    assert outline_texts(window)[:3] == ["I.\u2002SUPPORT FOR UKRAINE", "A.\u2002NEW PRIORITIES",
                                         "II.\u2002ALLIED DETERRENCE AND DEFENCE"]
    key(qtbot, Qt.Key.Key_Left, ALT)  # and back
    assert outline_texts(window)[1] == "II.\u2002NEW PRIORITIES"

    for _ in range(5):  # promote, demote, rename, add, move: each one step
        window.document.history.undo()
    assert outline_texts(window)[:2] == ["I.\u2002ALLIED DETERRENCE AND DEFENCE", "II.\u2002SUPPORT FOR UKRAINE"]
    assert not window.isWindowModified()
    window.document.history.redo()
    assert outline_texts(window)[0] == "I.\u2002SUPPORT FOR UKRAINE"
    assert window.isWindowModified()


def test_delete_section_and_undo(qtbot, window) -> None:
    select(qtbot, window, ("sections", 0))
    before = len(window.document.brief.sections)
    window.outline.setFocus()
    key(qtbot, Qt.Key.Key_Delete)
    assert len(window.document.brief.sections) == before - 1
    assert outline_texts(window)[0].startswith("I.\u2002SUPPORT")
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert outline_texts(window)[0].startswith("I.\u2002ALLIED")
    assert window.pages.current == ("sections", 0)


def test_drag_section_in_outline(qtbot, window) -> None:
    outline = window.outline
    select(qtbot, window, ("sections", 0))
    source_rect = outline.visualItemRect(outline.item_for(("sections", 0)))
    target_rect = outline.visualItemRect(outline.item_for(("sections", 2)))
    drop_at = QPoint(target_rect.center().x(), target_rect.bottom() - 1)  # just below III.
    mime = outline.model().mimeData([outline.currentIndex()])
    assert source_rect.isValid()
    outline.dropEvent(QDropEvent(drop_at.toPointF(), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                                 Qt.KeyboardModifier.NoModifier))
    titles = [s.title for s in window.document.brief.sections]
    assert titles[:3] == ["SUPPORT FOR UKRAINE", "DEEPENING NATO’S RELATIONS WITH INDO-PACIFIC PARTNERS",
                          "ALLIED DETERRENCE AND DEFENCE"]
    assert outline_texts(window)[2] == "III.\u2002ALLIED DETERRENCE AND DEFENCE"
    assert window.undo_action.text() == "&Undo Move Section"


# --- text ------------------------------------------------------------------------------------------

def test_typing_undoes_word_by_word_and_restores_cursor(qtbot, window) -> None:
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " Allies agreed")
    assert window.document.brief.takeaways[-1].items[-1].text.endswith("ministerial. Allies agreed")
    assert window.undo_action.text() == "&Undo Typing"
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert window.document.brief.takeaways[-1].items[-1].text.endswith("ministerial. Allies")
    assert window.editor.toPlainText().endswith("ministerial. Allies")
    assert window.editor.textCursor().position() == len(window.editor.toPlainText())
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert window.document.brief.takeaways[-1].items[-1].text.endswith("ministerial.")
    assert not window.isWindowModified()
    key(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert window.editor.toPlainText().endswith("ministerial. Allies")


def test_undo_of_typing_elsewhere_goes_back_to_it(qtbot, window) -> None:
    select(qtbot, window, ("sections", 0))
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    window.editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    at = window.editor.textCursor().position()
    type_text(qtbot, window.editor, " Noted")
    typed = window.editor.body_text()
    select(qtbot, window, ("sections", 2))
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert window.pages.current == ("sections", 0) and window.outline.current_path() == ("sections", 0)
    assert window.editor.body_text() == typed[:at] + typed[at + len(" Noted"):]
    assert window.editor.textCursor().position() == at
    key(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert window.editor.body_text() == typed and window.editor.textCursor().position() == at + len(" Noted")


def test_preview_follows_the_cursor_to_the_text_being_edited(qtbot, window, monkeypatch) -> None:
    select(qtbot, window, ("sections", 1))
    followed: list[tuple] = []
    monkeypatch.setattr(window.preview, "scroll_to", lambda place: followed.append(tuple(place)) or True)
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    assert window.editor.go_to((2, "bullets", 1))
    assert followed[-1] == ("sections", 1, "body", 2, "bullets", 1)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    last = window.editor.current_path_suffix()
    assert followed[-1] == ("sections", 1, "body", *last)


def fast_type_at_end(qtbot, window: MainWindow, text: str) -> None:
    """Type ``text`` with no turn of the event loop: each key is in the model as soon as it is typed."""
    window.editor.setFocus()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, text)
    assert window.document.is_modified()


def test_fast_typing_then_save_and_undo_at_once(qtbot, window, dialogs, sample) -> None:
    select(qtbot, window, TAKEAWAYS)
    fast_type_at_end(qtbot, window, " Fast words")
    assert window.files.save()  # before the editor has reported the keys
    assert read(sample).brief.takeaways[-1].items[-1].text.endswith("ministerial. Fast words")
    assert not window.isWindowModified()
    fast_type_at_end(qtbot, window, " more")
    window.undo_action.trigger()  # Ctrl+Z before the editor has reported the keys: takes them back
    assert window.document.brief.takeaways[-1].items[-1].text.endswith("ministerial. Fast words")
    assert window.editor.toPlainText().endswith("ministerial. Fast words")
    assert not window.isWindowModified()
    settle(qtbot)  # nothing stale is recorded afterwards
    assert window.document.brief.takeaways[-1].items[-1].text.endswith("ministerial. Fast words")
    assert window.undo_action.text() == "&Undo Typing"
    window.redo_action.trigger()
    assert window.document.brief.takeaways[-1].items[-1].text.endswith("ministerial. Fast words more")
    for _word in (" more", " words", " Fast"):  # undo takes back words, however fast they came
        window.document.history.undo()
    assert window.document.brief.takeaways[-1].items[-1].text.endswith("ministerial.")
    assert window.editor.toPlainText().endswith("ministerial.")
    assert preview_text(window) == fresh_preview_text(qtbot, window)


def fresh_preview_text(qtbot, window: MainWindow) -> str:
    from briefbook.app.preview import PreviewPane

    other = PreviewPane()
    qtbot.addWidget(other)
    other.set_brief(window.document.brief)
    return other.document().toPlainText()


@pytest.mark.parametrize("then", ["select", "add section", "export", "close"])
def test_fast_typing_is_recorded_before_the_window_moves_on(qtbot, window, dialogs, tmp_path, sample, then) -> None:
    select(qtbot, window, TAKEAWAYS)
    fast_type_at_end(qtbot, window, " Late keys")
    if then == "select":
        window.select(("sections", 1))
        assert window.pages.current == ("sections", 1)
    elif then == "add section":
        window.structure.add_section()
        window.document.history.undo()  # the section goes, the typing before it stays
    elif then == "export":
        assert window.files.export_to(str(tmp_path / "out.docx"))
        from docx import Document

        texts = [p.text for p in Document(str(tmp_path / "out.docx")).paragraphs]
        assert any(text.endswith("ministerial. Late keys") for text in texts)
    else:
        dialogs.save_changes = "save"
        assert window.close()  # the typing counts as unsaved, and is saved
        assert "save_changes" in dialogs.asked
        assert read(sample).brief.takeaways[-1].items[-1].text.endswith("ministerial. Late keys")
        return
    assert window.document.brief.takeaways[-1].items[-1].text.endswith("ministerial. Late keys")
    assert window.isWindowModified()
    window.document.history.undo()
    assert window.document.brief.takeaways[-1].items[-1].text.endswith("ministerial. Late")
    window.document.history.undo()
    assert window.document.brief.takeaways[-1].items[-1].text.endswith("ministerial.")


def test_showing_the_preview_is_not_taken_for_typing(qtbot, window) -> None:
    """The window shows its preview as it starts; a long brief opened then must fill at full pace."""
    window.set_preview_visible(False)
    window.set_preview_visible(True)
    assert not window.preview._typing()


def test_preview_shown_again_catches_up_with_edits_made_while_hidden(qtbot, window) -> None:
    select(qtbot, window, TAKEAWAYS)
    window.set_preview_visible(False)
    type_at_end(qtbot, window, " Hidden")
    window.preview.setVisible(True)  # shown by other means than the menu
    select(qtbot, window, ("sections", 1))
    type_at_end(qtbot, window, " Shown")
    text = preview_text(window)
    assert "ministerial. Hidden" in text and " Shown" in text
    assert text == fresh_preview_text(qtbot, window)


def test_new_brief_type_takeaways_with_bullets(qtbot, make_window, dialogs) -> None:
    window = make_window()
    key(qtbot, Qt.Key.Key_N, CTRL)
    assert "starter" in dialogs.asked and window.document.path is None
    assert window.windowTitle() == "Untitled.brief.yaml[*] \u2014 Briefbook"
    select(qtbot, window, TAKEAWAYS)
    window.editor.setFocus()
    key(qtbot, Qt.Key.Key_A, CTRL)
    key(qtbot, Qt.Key.Key_Delete)
    type_text(qtbot, window.editor, "Ministers met.")
    key(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, window.editor, "- First point")
    key(qtbot, Qt.Key.Key_Return)  # a new bullet
    key(qtbot, Qt.Key.Key_Tab)  # nested one level
    type_text(qtbot, window.editor, "A detail")
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_Backtab)  # back to the first level
    type_text(qtbot, window.editor, "Second point")
    assert window.document.brief.takeaways == [
        Paragraph("Ministers met."),
        BulletList([Bullet("First point", [Bullet("A detail")]), Bullet("Second point")]),
    ]
    assert window.isWindowModified()


def test_bold_with_ctrl_b_and_undo(qtbot, window) -> None:
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " Key point")
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.Left, cursor.MoveMode.KeepAnchor, len("Key point"))
    window.editor.setTextCursor(cursor)
    key(qtbot, Qt.Key.Key_B, CTRL)
    assert window.document.brief.takeaways[-1].items[-1].text.endswith("ministerial. **Key point**")
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert window.document.brief.takeaways[-1].items[-1].text.endswith("ministerial. Key point")


def test_paste_rich_text(qtbot, window) -> None:
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, "")
    key(qtbot, Qt.Key.Key_Return)  # a new bullet
    mime = QMimeData()
    mime.setHtml("<p>Allies <b>agreed</b> on <i>new plans</i>.</p>")
    mime.setText("Allies agreed on new plans.")
    QApplication.clipboard().setMimeData(mime)
    key(qtbot, Qt.Key.Key_V, CTRL)
    assert window.document.brief.takeaways[-1].items[-1].text == "Allies **agreed** on *new plans*."
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert "Allies" not in window.document.brief.takeaways[-1].items[-1].text
    key(qtbot, Qt.Key.Key_Y, CTRL)
    assert window.document.brief.takeaways[-1].items[-1].text == "Allies **agreed** on *new plans*."


def test_insert_footnote_then_undo_in_one_step(qtbot, window, dialogs) -> None:
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " More")
    before_text = window.editor.toPlainText()
    key(qtbot, Qt.Key.Key_F, CTRL | ALT)
    assert "footnote_id" not in dialogs.asked  # the id is made from the words before it
    assert window.pages.currentIndex() == PAGE_FOOTNOTES
    assert window.pages.footnotes.current_id() == "more"
    assert window.document.brief.takeaways[-1].items[-1].text.endswith("More[^more]")
    assert window.pages.footnotes.text.hasFocus()
    qtbot.keyClicks(window.pages.footnotes.text, "See the final statement.")
    assert window.document.brief.footnotes["more"] == "See the final statement."
    table = window.pages.footnotes.table
    numbers = {table.topLevelItem(i).text(1): table.topLevelItem(i).text(0) for i in range(table.topLevelItemCount())}
    assert numbers == {"more": "1", "participating-nations": "2"}  # the takeaways come before section I.
    while window.undo_action.text() != "&Undo Insert Footnote":
        window.document.history.undo()
    window.document.history.undo()
    assert "more" not in window.document.brief.footnotes
    assert window.pages.current == TAKEAWAYS and window.editor.toPlainText() == before_text


def test_footnotes_panel_flags_unused_and_missing(qtbot, window) -> None:
    window.document.brief.footnotes["spare"] = "Never cited."
    window.document.brief.takeaways[0] = Paragraph(window.document.brief.takeaways[0].text + "[^ghost]")
    window.document.replace(window.document.brief, window.document.path, select=Address(("footnotes",)))
    rows = {}
    table = window.pages.footnotes.table
    for i in range(table.topLevelItemCount()):
        item = table.topLevelItem(i)
        rows[item.text(1)] = (item.text(0), item.text(3))
    assert rows == {"ghost": ("1", "missing"), "participating-nations": ("2", ""), "spare": ("\u2014", "unused")}


def test_find_references_jumps_to_the_text(qtbot, window) -> None:
    select(qtbot, window, ("footnotes",))
    window.pages.footnotes.select("participating-nations")
    qtbot.mouseClick(window.pages.footnotes.find_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentIndex() == PAGE_BODY
    assert window.editor.hasFocus()
    line = window.editor.textCursor().block().text()
    assert "[^participating-nations]" in line


# --- cover and problems ------------------------------------------------------------------------------

def test_reference_warning_as_typed_and_undo(qtbot, window) -> None:
    select(qtbot, window, ("meta",))
    assert window.pages.currentIndex() == PAGE_META
    field = window.pages.meta_form.widgets["reference"]
    assert window.pages.meta_form.reference_warning.isHidden()
    field.setFocus()
    field.end(False)
    qtbot.keyClicks(field, "X")
    assert window.document.brief.meta.reference == "182 SPE 24 EX"
    assert window.pages.meta_form.reference_warning.isVisible()
    qtbot.waitUntil(lambda: any(p.path == ("meta", "reference") for p in window.problems.problems))
    assert window.undo_action.text() == "&Undo Edit Reference"
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert field.text() == "182 SPE 24 E"
    assert window.pages.meta_form.reference_warning.isHidden()


def test_disclaimer_placeholder_follows_kind(qtbot, window) -> None:
    select(qtbot, window, ("meta",))
    kind = window.pages.meta_form.widgets["kind"]
    kind.setFocus()
    kind.lineEdit().selectAll()
    qtbot.keyClicks(kind.lineEdit(), "Information Document")
    assert window.document.brief.meta.kind == "Information Document"
    assert "This Information Document is presented" in window.pages.meta_form.widgets["disclaimer"].placeholderText()


def test_problem_activation_goes_to_the_place(qtbot, window) -> None:
    window.document.brief.sections[1].body[0].items[0].text = "Broken [^nowhere] reference"
    window.document.replace(window.document.brief, window.document.path, select=Address(("meta",)))
    problems = window.problems.problems
    index = next(i for i, p in enumerate(problems) if "nowhere" in p.message)
    item = window.problems.item_for(index)
    window.problems.setCurrentItem(item)
    window.problems.setFocus()
    key(qtbot, Qt.Key.Key_Return)
    assert window.pages.current == ("sections", 1)
    assert "Broken [^nowhere] reference" in window.editor.textCursor().block().text()


# --- files ---------------------------------------------------------------------------------------------

def test_save_close_reopen_finds_everything(qtbot, make_window, window, sample, dialogs) -> None:
    select(qtbot, window, ("sections", 2))
    window.structure.move_section(-1)
    type_at_end(qtbot, window, " Closing words.")
    key(qtbot, Qt.Key.Key_S, CTRL)
    assert not window.isWindowModified()
    assert Path(str(sample) + "~").is_file()  # the previous version is kept
    saved = read(sample).brief
    assert saved.sections[1].title.startswith("DEEPENING")
    cursor = window.editor.textCursor().position()
    window.close()
    assert "save_changes" not in dialogs.asked

    again = make_window()
    again.files.open_last()
    assert again.document.path == str(sample)
    assert again.pages.current == ("sections", 1)
    assert again.outline.current_path() == ("sections", 1)
    assert again.editor.toPlainText().endswith("Closing words.")
    assert again.editor.textCursor().position() == cursor
    assert again.document.brief == saved


def test_close_with_unsaved_changes_asks(qtbot, window, dialogs, sample) -> None:
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " x")
    dialogs.save_changes = "cancel"
    assert not window.close()
    assert window.isVisible()
    dialogs.save_changes = "save"
    assert window.close()
    assert read(sample).brief.takeaways[-1].items[-1].text.endswith(" x")


def test_open_broken_file_keeps_current_brief(qtbot, window, dialogs, tmp_path) -> None:
    broken = tmp_path / "broken.brief.yaml"
    broken.write_text("briefbook: 1\nmeta:\n  title: [unclosed\n", encoding="utf-8")
    title = window.document.brief.meta.title
    dialogs.open_path = str(broken)
    key(qtbot, Qt.Key.Key_O, CTRL)
    shown = [a for a in dialogs.asked if a.startswith("problems:")]
    assert shown and f"{broken}:4:1: error:" in shown[0]
    assert window.document.brief.meta.title == title and window.document.path.endswith("182-SPE-24-E.brief.yaml")


def test_newer_format_version_is_refused(window, dialogs, tmp_path) -> None:
    newer = tmp_path / "newer.brief.yaml"
    newer.write_text("briefbook: 2\nmeta:\n  title: Later\n", encoding="utf-8")
    assert not window.files.open_file(str(newer), ask=False)
    shown = [a for a in dialogs.asked if a.startswith("problems:")]
    assert shown and "2" in shown[0]
    assert window.document.brief.meta.title != "Later"


def test_comments_warning_once_and_cancel(qtbot, make_window, dialogs, tmp_path) -> None:
    path = tmp_path / "commented.brief.yaml"
    path.write_text(sample_brief().read_text(encoding="utf-8").replace("meta:\n", "meta:  # the cover\n", 1),
                    encoding="utf-8")
    window = make_window()
    assert window.files.open_file(str(path), ask=False)
    dialogs.comments_ok = False
    assert not window.files.save()
    assert "# the cover" in path.read_text(encoding="utf-8")
    dialogs.comments_ok = True
    assert window.files.save()
    assert window.files.save()
    assert dialogs.asked.count("comments") == 2  # once refused, once accepted, then never again
    assert "#" not in path.read_text(encoding="utf-8").split("meta:")[1].split("\n")[0]


def test_save_error_is_shown_and_brief_stays_unsaved(qtbot, window, dialogs, monkeypatch) -> None:
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " y")

    def fail(brief, path):
        raise SaveError(f"Cannot write {path}: permission denied.")
    monkeypatch.setattr("briefbook.fileformat.save", fail)
    assert not window.files.save()
    assert any(a.startswith("message:Cannot save:") for a in dialogs.asked)
    assert window.isWindowModified()


def test_save_as_untitled_then_recent_files(qtbot, make_window, dialogs, tmp_path) -> None:
    window = make_window()
    window.files.new_brief()
    dialogs.save_path = str(tmp_path / "fresh")
    key(qtbot, Qt.Key.Key_S, CTRL)
    assert window.document.path == str(tmp_path / "fresh.brief.yaml")
    assert read(window.document.path).brief is not None
    window.files.fill_recent_menu()
    assert window.recent_menu.actions()[0].statusTip() == window.document.path


def test_export_docx(qtbot, window, dialogs, tmp_path) -> None:
    import docx

    dialogs.export_path = str(tmp_path / "out" / "brief")
    (tmp_path / "out").mkdir()
    key(qtbot, Qt.Key.Key_E, CTRL)
    target = tmp_path / "out" / "brief.docx"
    assert target.is_file()
    document = docx.Document(str(target))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "ALLIED DETERRENCE AND DEFENCE" in text
    assert window.files.export_notice.text() == f"Exported {target}"  # beside its Open button, not under it
    assert window.files._open_export.isVisible()


def test_autosave_and_recovery_offered_at_next_start(qtbot, make_window, window, dialogs, sample) -> None:
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " unsaved words")
    window.document.autosave()
    # the window goes away without saving (a crash): nothing asked, nothing written to the brief
    window.document.history.set_clean()
    window.close()
    assert "unsaved words" not in sample.read_text(encoding="utf-8")

    dialogs.recover = "restore"
    again = make_window()
    again.files.open_last(str(sample))
    assert "recover" in dialogs.asked
    assert again.document.brief.takeaways[-1].items[-1].text.endswith("unsaved words")
    assert again.isWindowModified()
    assert again.files.save()
    assert "unsaved words" in sample.read_text(encoding="utf-8")


def test_preview_can_be_hidden_and_layout_is_remembered(qtbot, make_window, window) -> None:
    key(qtbot, Qt.Key.Key_P, CTRL | SHIFT)
    assert window.preview.isHidden()
    window.close()
    again = make_window()
    again.restore_layout()
    assert again.preview.isHidden()
    assert not again.preview_action.isChecked()


def test_untitled_work_is_autosaved_and_offered_back(qtbot, make_window, dialogs) -> None:
    window = make_window()
    window.files.new_brief()
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " never saved")
    window.document.autosave()
    window.document.history.set_clean()  # as if the program had stopped here
    window.close()

    dialogs.recover = "restore"
    again = make_window()
    again.files.open_last()  # no last brief: the untitled autosave is offered
    assert "recover" in dialogs.asked
    assert again.document.path is None and again.isWindowModified()
    assert again.document.brief.takeaways[-1].items[-1].text.endswith(" never saved")
    dialogs.save_changes = "discard"
    assert again.close()
    dialogs.asked.clear()
    third = make_window()
    third.files.open_last()
    assert "recover" not in dialogs.asked  # discarded work is not offered again


def test_run_opens_the_file_given(qtbot, settings_dir, sample, monkeypatch) -> None:
    from PySide6.QtCore import QTimer

    import briefbook.app as app_module
    from briefbook.app import main_window

    seen = {}

    def close_soon() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, main_window.MainWindow) and widget.isVisible():
                seen["title"] = widget.windowTitle()
                seen["sections"] = len(widget.document.brief.sections)
                widget.close()

    QTimer.singleShot(0, close_soon)
    assert app_module.run(str(sample), AppFolders(settings_dir)) == 0
    assert seen == {"title": "182-SPE-24-E.brief.yaml[*] \u2014 Briefbook", "sections": 5}
    assert Session(AppFolders(settings_dir)).last_brief() == str(sample)


def test_sources_add_edit_and_undo(qtbot, window) -> None:
    select(qtbot, window, ("sources",))
    table = window.pages.sources.table
    assert table.rowCount() == 1
    add = next(b for b in window.pages.sources.findChildren(type(window.pages.sources.remove)) if "Add" in b.text())
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert [s.title for s in window.document.brief.sources][-1] == "New source"
    assert window.outline.item_text(("sources",)) == "Sources (2)"
    table.item(1, 1).setText("https://www.nato.int/")
    assert window.document.brief.sources[1].url == "https://www.nato.int/"
    window.document.history.undo()
    assert window.document.brief.sources[1].url == "" and table.item(1, 1).text() == ""
    window.document.history.undo()
    assert len(window.document.brief.sources) == 1 and table.rowCount() == 1


def test_export_failure_is_reported_not_raised(qtbot, window, dialogs, tmp_path) -> None:
    dialogs.export_path = str(tmp_path / "no-such-folder" / "brief.docx")
    assert not window.files.export_dialog()
    assert any(a.startswith("message:Cannot export:") for a in dialogs.asked)
    assert not (tmp_path / "no-such-folder").exists()
