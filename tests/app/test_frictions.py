"""The frictions an analyst met in use, each driven through the real widgets of the window."""

from __future__ import annotations

import pytest
import test_main_window
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMenu

from briefbook.app.main_window import MainWindow, first_geometry
from briefbook.app.menus import redo_keys
from briefbook.app.pages import PAGE_BODY
from briefbook.app.session import Session
from briefbook.document import AppFolders
from briefbook.fileformat import read

settings_dir = test_main_window.settings_dir
dialogs = test_main_window.dialogs
make_window = test_main_window.make_window
sample = test_main_window.sample
window = test_main_window.window
select = test_main_window.select
settle = test_main_window.settle
key = test_main_window.key
type_text = test_main_window.type_text
type_at_end = test_main_window.type_at_end
TAKEAWAYS = test_main_window.TAKEAWAYS
ALT, CTRL, SHIFT = test_main_window.ALT, test_main_window.CTRL, test_main_window.SHIFT


def last_takeaway(window: MainWindow) -> str:
    return window.document.brief.takeaways[-1].items[-1].text


# --- a. "- " typed on a line Enter already made a bullet ----------------------------------------------

def test_dash_typed_on_a_new_bullet_keeps_one_bullet(qtbot, window) -> None:
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, "")
    key(qtbot, Qt.Key.Key_Return)  # Enter makes the next line a bullet: "- "
    assert window.editor.textCursor().block().text() == "- "
    type_text(qtbot, window.editor, "- Third point")
    assert window.editor.textCursor().block().text() == "- Third point"
    assert last_takeaway(window) == "Third point"  # no dash that prints
    key(qtbot, Qt.Key.Key_Tab)  # the bullet nests as any other
    type_text(qtbot, window.editor, "")
    assert window.editor.textCursor().block().text() == "  - Third point"


def test_a_dash_typed_inside_a_bullet_stays(qtbot, window) -> None:
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " - a dash - inside")
    assert last_takeaway(window).endswith(" - a dash - inside")


# --- b. Enter in a section title ---------------------------------------------------------------------------

def test_enter_in_a_section_title_goes_to_its_body(qtbot, window) -> None:
    select(qtbot, window, ("sections", 0))
    title = window.pages.title_edit
    title.setFocus()
    title.end(False)
    type_text(qtbot, title, " NOW")
    key(qtbot, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.editor
    type_text(qtbot, window.editor, "Opening words. ")
    section = window.document.brief.sections[0]
    assert section.title == "ALLIED DETERRENCE AND DEFENCE NOW"
    assert window.editor.body_text().startswith("Opening words. ")


# --- c. footnote ids made from the text, renamed in the footnotes pane ---------------------------------------

def test_inserting_a_footnote_makes_its_id_from_the_words_before_it(qtbot, window, dialogs) -> None:
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " Allies met at the Washington Summit")
    key(qtbot, Qt.Key.Key_F, CTRL | ALT)
    assert dialogs.asked == []  # nothing to invent
    assert last_takeaway(window).endswith("the Washington Summit[^met-washington-summit]")
    assert "met-washington-summit" in window.document.brief.footnotes
    assert window.pages.footnotes.current_id() == "met-washington-summit"
    # A second one about the same words is told apart.
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, ". Met at the Washington Summit")
    key(qtbot, Qt.Key.Key_F, CTRL | ALT)
    assert last_takeaway(window).endswith("Summit[^met-washington-summit-2]")


def test_inserting_a_footnote_after_a_selection_names_it_after_the_selection(qtbot, window) -> None:
    select(qtbot, window, ("sections", 1))
    window.editor.setFocus()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    type_text(qtbot, window.editor, " The **Ramstein** format")
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.Left, cursor.MoveMode.KeepAnchor, len("**Ramstein** format"))
    window.editor.setTextCursor(cursor)
    key(qtbot, Qt.Key.Key_F, CTRL | ALT)
    assert window.editor.body_text().endswith("The **Ramstein** format[^ramstein-format]")


def footnote_row(window: MainWindow, fid: str):
    table = window.pages.footnotes.table
    return next(table.topLevelItem(i) for i in range(table.topLevelItemCount())
                if table.topLevelItem(i).text(1) == fid)


def rename_in_pane(qtbot, window: MainWindow, old: str, new: str) -> None:
    """Select the footnote, F2, type the new id over the old one, Enter — as the analyst does."""
    select(qtbot, window, ("footnotes",))
    panel = window.pages.footnotes
    panel.table.setCurrentItem(footnote_row(window, old))
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not panel.table and editor.text() == old  # the id's cell is open for typing
    editor.selectAll()
    qtbot.keyClicks(editor, new)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.table.state() != panel.table.State.EditingState)
    qtbot.wait(50)  # the rename runs once the cell's editor is gone


def references_to(window: MainWindow, fid: str) -> int:
    from briefbook.markup import footnote_refs
    from briefbook.model import iter_texts

    return sum(ref.id == fid for place in iter_texts(window.document.brief) for ref in footnote_refs(place.text))


def test_a_footnote_renamed_in_the_pane_renames_every_reference_in_one_undo_step(qtbot, window) -> None:
    brief = window.document.brief
    old = "participating-nations"
    count = references_to(window, old)
    assert count >= 1
    text = brief.footnotes[old]
    rename_in_pane(qtbot, window, old, "ukraine-participants")
    brief = window.document.brief
    assert old not in brief.footnotes and brief.footnotes["ukraine-participants"] == text
    assert references_to(window, old) == 0 and references_to(window, "ukraine-participants") == count
    assert window.pages.footnotes.current_id() == "ukraine-participants"
    assert window.undo_action.text() == "&Undo Rename Footnote"
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert references_to(window, old) == count and old in window.document.brief.footnotes
    assert "ukraine-participants" not in window.document.brief.footnotes


@pytest.mark.parametrize(("new", "says"), [("has space", "cannot be a footnote id"),
                                           ("-dash", "cannot be a footnote id")])
def test_renaming_refuses_an_invalid_id_in_words(qtbot, window, dialogs, new, says) -> None:
    before = window.document.brief.footnotes.copy()
    rename_in_pane(qtbot, window, "participating-nations", new)
    assert window.document.brief.footnotes == before
    assert any(says in asked for asked in dialogs.asked if asked.startswith("message:Rename Footnote:"))
    assert footnote_row(window, "participating-nations") is not None  # the old id back in its cell
    assert not window.isWindowModified()


def test_renaming_refuses_an_id_already_taken(qtbot, window, dialogs) -> None:
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " Summit")
    key(qtbot, Qt.Key.Key_F, CTRL | ALT)
    dialogs.asked.clear()
    rename_in_pane(qtbot, window, "summit", "participating-nations")
    assert "summit" in window.document.brief.footnotes
    assert dialogs.asked == ["message:Rename Footnote:The brief already has a footnote "
                             "\u201cparticipating-nations\u201d: choose another id."]


# --- d. Ctrl+Y redoes, beside Ctrl+Shift+Z -------------------------------------------------------------------

def test_redo_has_both_keys_whatever_the_platform_binds() -> None:
    gnome = [QKeySequence("Ctrl+Shift+Z")]  # what Linux desktops bind to Redo: no Ctrl+Y
    assert [k.toString() for k in redo_keys(gnome)] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    windows = [QKeySequence("Ctrl+Y"), QKeySequence("Alt+Shift+Backspace")]
    assert [k.toString() for k in redo_keys(windows)] == ["Ctrl+Shift+Z", "Ctrl+Y", "Alt+Shift+Backspace"]


def test_ctrl_y_and_ctrl_shift_z_both_redo_and_the_menu_names_both(qtbot, window) -> None:
    keys = [k.toString() for k in window.redo_action.shortcuts()]
    assert keys[:2] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " word")
    assert window.redo_action.text().endswith("\tCtrl+Shift+Z, Ctrl+Y")  # what the Edit menu shows
    for redo in ((Qt.Key.Key_Y, CTRL), (Qt.Key.Key_Z, CTRL | SHIFT)):
        key(qtbot, Qt.Key.Key_Z, CTRL)
        assert not last_takeaway(window).endswith(" word")
        key(qtbot, *redo)
        assert last_takeaway(window).endswith(" word")


# --- e. and g.: the first window, and reopening -----------------------------------------------------------

def start(qtbot, settings_dir, dialogs) -> MainWindow:
    """As ``briefbook`` starts: the layout restored, the last brief opened, then the window shown."""
    window = MainWindow(Session(AppFolders(settings_dir)))
    dialogs.attach(window)
    qtbot.addWidget(window)
    window.restore_layout()
    window.files.open_last()
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    settle(qtbot)
    return window


def test_first_geometry_is_a_share_of_the_screen_centred() -> None:
    assert first_geometry(QRect(0, 0, 1600, 1000)) == QRect(160, 75, 1280, 850)
    assert first_geometry(QRect(0, 32, 1366, 736)).center() == QRect(0, 32, 1366, 736).center()
    from PySide6.QtCore import QSize

    small = first_geometry(QRect(0, 0, 800, 800), QSize(770, 400))  # the window's least size wins
    assert small == QRect(15, 60, 770, 680)


def test_the_first_window_opens_at_a_share_of_the_screen(qtbot, settings_dir, dialogs) -> None:
    window = start(qtbot, settings_dir, dialogs)
    available = window.screen().availableGeometry()
    expected = first_geometry(available, window.minimumSizeHint())
    assert window.size() == expected.size() and window.height() == int(available.height() * 0.85)
    assert window.width() >= int(available.width() * 0.8)
    assert abs(window.geometry().center().x() - available.center().x()) <= 1


def test_reopening_puts_the_keyboard_in_the_editor_at_the_place_left(qtbot, make_window, window, settings_dir,
                                                                     dialogs) -> None:
    select(qtbot, window, ("sections", 1))
    window.editor.setFocus()
    assert window.editor.go_to((1,), 4)
    position = window.editor.textCursor().position()
    window.close()

    again = start(qtbot, settings_dir, dialogs)
    assert again.pages.current == ("sections", 1)
    assert QApplication.focusWidget() is again.editor
    qtbot.keyClicks(QApplication.focusWidget(), "Q")
    settle(qtbot)
    assert again.editor.body_text()[position] == "Q"
    assert again.document.brief.sections[1].body[1] != window.document.brief.sections[1].body[1]


# --- f. the export notice in the status bar ------------------------------------------------------------------

def test_the_export_notice_sits_beside_its_open_button(qtbot, window, dialogs, tmp_path) -> None:
    counts = QLabel("1,234 words \u00b7 about 5 pages")  # another permanent widget, as the counts are
    window.statusBar().addPermanentWidget(counts)
    dialogs.export_path = str(tmp_path / "brief.docx")
    key(qtbot, Qt.Key.Key_E, CTRL)
    qtbot.wait(20)
    notice, button = window.files.export_notice, window.files._open_export
    assert notice.isVisible() and button.isVisible()
    assert window.statusBar().currentMessage() == ""  # no message drawn over them
    bar = window.statusBar()

    def rect(widget):
        return QRect(widget.mapTo(bar, QPoint(0, 0)), widget.size())

    label = rect(notice.label)
    assert label.right() < rect(button).left()
    for permanent in (counts, window.counts_label):
        assert not rect(notice).intersects(rect(permanent))
    assert notice.label.text().startswith("Exported ")
    # A message shown meanwhile hides the notice rather than drawing over it; it comes back after.
    bar.showMessage("Saved", 50)
    assert not notice.isVisible()
    qtbot.waitUntil(notice.isVisible, timeout=2000)


# --- h. the Format menu ------------------------------------------------------------------------------------

def menu_named(window: MainWindow, title: str) -> QMenu:
    return next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == title)


def test_format_menu_offers_the_editor_keys_and_acts_on_the_body(qtbot, window, monkeypatch) -> None:
    menu = menu_named(window, "Format")
    shown = {a.text().split("\t")[0].replace("&", ""): a for a in menu.actions() if not a.isSeparator()}
    assert shown["Bold"].shortcut().toString() == "Ctrl+B"
    assert shown["Italic"].shortcut().toString() == "Ctrl+I"
    assert shown["Link…"].shortcut().toString() == "Ctrl+K"
    assert shown["Insert Footnote…"].shortcut().toString() == "Ctrl+Alt+F"
    assert shown["Bullet Level In"].text().endswith("\tTab")
    assert shown["Bullet Level Out"].text().endswith("\tShift+Tab")
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " Key point")
    shown["Bold"].trigger()
    assert last_takeaway(window).endswith(" **point**")
    shown["Italic"].trigger()
    assert last_takeaway(window).endswith(" ***point***")
    window.editor.link_url_provider = lambda text, suggestion: "https://www.nato-pa.int"
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.StartOfBlock)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.EndOfBlock)
    type_text(qtbot, window.editor, " Assembly")
    shown["Link…"].trigger()
    assert last_takeaway(window).endswith("[Assembly](https://www.nato-pa.int)")
    before = window.editor.textCursor().block().text()
    shown["Bullet Level In"].trigger()
    assert window.editor.textCursor().block().text() == "  " + before
    shown["Bullet Level Out"].trigger()
    assert window.editor.textCursor().block().text() == before
    # Off the body (the cover) and read-only, they are greyed out.
    select(qtbot, window, ("meta",))
    assert not shown["Bold"].isEnabled() and not shown["Bullet Level In"].isEnabled()
    select(qtbot, window, TAKEAWAYS)
    assert shown["Bold"].isEnabled()
    window.document.readOnlyChanged.emit(True)
    monkeypatch.setattr(type(window.document), "read_only", property(lambda self: True))
    window.document.readOnlyChanged.emit(True)
    assert not shown["Bold"].isEnabled() and not shown["Italic"].isEnabled()


def test_format_keys_in_the_section_title_do_not_reach_the_body(qtbot, window) -> None:
    select(qtbot, window, ("sections", 0))
    before = window.editor.body_text()
    window.pages.title_edit.setFocus()
    key(qtbot, Qt.Key.Key_B, CTRL)
    assert window.editor.body_text() == before
    assert "body text" in window.statusBar().currentMessage()


# --- i. Help ▸ Keyboard Shortcuts ----------------------------------------------------------------------------

def test_keyboard_shortcuts_are_read_from_the_window_actions(qtbot, window) -> None:
    from briefbook.app.dialogs import ShortcutsDialog

    shown = []
    window.dialogs.show_shortcuts = shown.append
    help_menu = menu_named(window, "Help")
    entry = next(a for a in help_menu.actions() if a.text().replace("&", "") == "Keyboard Shortcuts")
    entry.trigger()
    rows = shown[-1]
    assert ("Edit", "Redo", "Ctrl+Shift+Z, Ctrl+Y") in rows
    assert ("Format", "Bold", "Ctrl+B") in rows and ("Format", "Bullet Level In", "Tab") in rows
    assert ("Section", "Move Up", "Alt+Up") in rows and ("File", "Save", "Ctrl+S") in rows
    assert all("Save" not in keys and "Redo" not in keys for _, _, keys in rows)  # no media keys
    assert any(keys == "Shift+Enter" for _, _, keys in rows)  # the editor's own keys too
    listed = {command for _, command, _ in rows}
    for action in window.findChildren(type(entry)):
        if action.shortcuts() and any(action in menu.actions() for menu in window.findChildren(QMenu)):
            assert action.text().split("\t")[0].replace("&", "") in listed
    # A command added to a menu is listed without anyone keeping a list.
    extra = menu_named(window, "View").addAction("Zoom &In")
    extra.setShortcut(QKeySequence("Ctrl+="))
    entry.trigger()
    assert ("View", "Zoom In", "Ctrl+=") in shown[-1]
    dialog = ShortcutsDialog(shown[-1], window)
    qtbot.addWidget(dialog)
    groups = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert groups[:2] == ["File", "Edit"] and groups[-1] == "Typing in the body"


# --- j. the editor's context menu: Undo and Redo of the brief -----------------------------------------------

def test_context_menu_undo_and_redo_follow_the_brief_history(qtbot, window) -> None:
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " typed words")

    def context_menu() -> dict:
        """The menu a right-click at the cursor opens, as it is built for that click."""
        menu = window.editor.context_menu(window.editor.cursorRect().center())
        qtbot.addWidget(menu)
        return {a.text().split("\t")[0].replace("&", ""): a for a in menu.actions() if not a.isSeparator()}

    entries = context_menu()
    undo = next(a for name, a in entries.items() if name.startswith("Undo"))
    assert undo.isEnabled() and undo.text().startswith("&Undo Typing")
    assert not any(name.startswith("Undo") and not a.isEnabled() for name, a in entries.items())
    undo.trigger()
    assert not last_takeaway(window).endswith(" typed words")
    redo = next(a for name, a in context_menu().items() if name.startswith("Redo"))
    assert redo.isEnabled()
    redo.trigger()
    assert last_takeaway(window).endswith(" typed words")


# --- k. the export template, chosen in the window and remembered for the brief ---------------------------------

@pytest.fixture
def courier_template(tmp_path):
    import docx

    from briefbook.render.docx import default_template

    document = docx.Document(str(default_template()))
    document.styles["Normal"].font.name = "Courier New"
    path = tmp_path / "courier.docx"
    document.save(str(path))
    return path


def test_an_export_template_is_chosen_remembered_and_used(qtbot, window, dialogs, make_window, tmp_path,
                                                          courier_template, sample) -> None:
    import docx

    asked = []
    window.dialogs.ask_export_template = lambda current, folder: asked.append(current) or str(courier_template)
    entry = next(a for a in menu_named(window, "File").actions() if a.text().replace("&", "") == "Export Template…")
    entry.trigger()
    assert asked == [None]
    assert window.preview.house_style.body_font == "Courier New"  # the preview in the export's styles
    dialogs.export_path = str(tmp_path / "with-courier.docx")
    key(qtbot, Qt.Key.Key_E, CTRL)
    exported = docx.Document(dialogs.export_path)
    assert exported.styles["Normal"].font.name == "Courier New"
    assert "courier.docx" in window.files.export_notice.text()
    window.close()
    again = make_window()
    again.files.open_last()
    assert again.files.export_template() == str(courier_template)
    assert again.preview.house_style.body_font == "Courier New"
    # Back to the house style.
    again.dialogs.ask_export_template = lambda current, folder: ""
    again.files.choose_template()
    assert again.files.export_template() is None
    assert read(sample).brief is not None


def test_a_file_that_is_no_template_is_refused_in_words(qtbot, window, dialogs, tmp_path) -> None:
    bad = tmp_path / "notes.docx"
    bad.write_text("not a Word document")
    window.dialogs.ask_export_template = lambda current, folder: str(bad)
    assert not window.files.choose_template()
    assert window.files.export_template() is None
    assert any(asked.startswith("message:Cannot use this template:") for asked in dialogs.asked)


def test_format_actions_disabled_off_the_body(qtbot, window) -> None:
    select(qtbot, window, ("footnotes",))
    assert window.pages.currentIndex() != PAGE_BODY
    assert not window.bold_action.isEnabled()
