"""The body editor driven by keyboard and clipboard, as an analyst uses it."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QAction, QFont, QGuiApplication, QKeySequence, QTextCursor
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from test_paste_samples import WORD_HTML

from briefbook.app.body_editor import BODY_MIME, BodyEditor, EditorEdit
from briefbook.model import Bullet, BulletList, Heading, Paragraph

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def editor(qtbot) -> BodyEditor:
    widget = BodyEditor()
    qtbot.addWidget(widget)
    widget.show()
    widget.setFocus()
    return widget


def type_lines(qtbot, editor: BodyEditor, *keys) -> None:
    """Type strings and press keys (Qt.Key values or (key, modifiers) pairs) in order."""
    for key in keys:
        if isinstance(key, str):
            qtbot.keyClicks(editor, key)
        elif isinstance(key, tuple):
            qtbot.keyClick(editor, key[0], key[1])
        else:
            qtbot.keyClick(editor, key)


def select(editor: BodyEditor, phrase: str) -> None:
    text = editor.body_text()
    start = text.index(phrase)
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(phrase), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def put_cursor(editor: BodyEditor, position: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(position)
    editor.setTextCursor(cursor)


def test_three_bullets_nesting_and_ending_the_list(qtbot, editor: BodyEditor) -> None:
    type_lines(qtbot, editor,
               "- first", Qt.Key.Key_Return,
               "second", Qt.Key.Key_Return,
               Qt.Key.Key_Tab, "child of second", Qt.Key.Key_Return,
               "another child", Qt.Key.Key_Return,
               Qt.Key.Key_Backtab, "third", Qt.Key.Key_Return,
               Qt.Key.Key_Return)
    assert editor.textCursor().blockNumber() == 6
    qtbot.keyClicks(editor, "A closing paragraph.")
    assert editor.body_text() == (
        "- first\n- second\n  - child of second\n  - another child\n- third\n\nA closing paragraph.")
    assert editor.body() == [
        BulletList([Bullet("first"), Bullet("second", [Bullet("child of second"), Bullet("another child")]),
                    Bullet("third")]),
        Paragraph("A closing paragraph."),
    ]


def test_enter_on_empty_nested_bullet_outdents_first(qtbot, editor: BodyEditor) -> None:
    type_lines(qtbot, editor, "- a", Qt.Key.Key_Return, Qt.Key.Key_Tab, "b", Qt.Key.Key_Return,
               Qt.Key.Key_Return)
    assert editor.body_text() == "- a\n  - b\n- "
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.body_text() == "- a\n  - b\n\n"
    qtbot.keyClicks(editor, "After the list.")
    assert editor.body() == [BulletList([Bullet("a", [Bullet("b")])]), Paragraph("After the list.")]


def test_enter_in_the_middle_of_a_bullet_splits_it(qtbot, editor: BodyEditor) -> None:
    editor.set_body_text("  - alpha beta")
    put_cursor(editor, len("  - alpha "))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.body_text() == "  - alpha\n  - beta"
    assert editor.textCursor().positionInBlock() == 4
    # At the start of a bullet's text, Enter opens an empty bullet above.
    put_cursor(editor, len("  - alpha\n  - "))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.body_text() == "  - alpha\n  -\n  - beta"
    assert editor.textCursor().block().text() == "  - beta"


def test_tab_never_nests_deeper_than_the_bullet_above(qtbot, editor: BodyEditor) -> None:
    editor.set_body_text("- a\n- b")
    put_cursor(editor, 0)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.body_text() == "- a\n- b"
    put_cursor(editor, len("- a\n- b"))
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.body_text() == "- a\n  - b"
    assert "\t" not in editor.body_text()
    assert editor.textCursor().positionInBlock() == len("  - b")


def test_tab_moves_a_bullet_with_its_children_and_selections(qtbot, editor: BodyEditor) -> None:
    editor.set_body_text("- a\n- b\n  - b1\n- c\n- d")
    put_cursor(editor, len("- a\n- "))
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.body_text() == "- a\n  - b\n    - b1\n- c\n- d"
    qtbot.keyClick(editor, Qt.Key.Key_Backtab)
    assert editor.body_text() == "- a\n- b\n  - b1\n- c\n- d"
    select(editor, "c\n- d")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.body_text() == "- a\n- b\n  - b1\n  - c\n  - d"
    assert editor.textCursor().selectedText() == "  - c\u2029  - d"


def test_selected_parent_moves_with_all_its_children(qtbot, editor: BodyEditor) -> None:
    editor.set_body_text("- a\n- b\n  - b1\n  - b2\n- c")
    select(editor, "b\n  - b1")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.body_text() == "- a\n  - b\n    - b1\n    - b2\n- c"


def test_tab_on_a_paragraph_makes_a_bullet_and_shift_tab_undoes_it(qtbot, editor: BodyEditor) -> None:
    editor.set_body_text("- a\nplain words")
    put_cursor(editor, len("- a\nplain"))
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.body_text() == "- a\n- plain words"
    assert editor.textCursor().positionInBlock() == len("- plain")
    qtbot.keyClick(editor, Qt.Key.Key_Backtab)
    assert editor.body_text() == "- a\nplain words"
    editor.set_body_text("## Heading")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.body_text() == "## Heading"


def test_backspace_after_marker_removes_it(qtbot, editor: BodyEditor) -> None:
    type_lines(qtbot, editor, "- one", Qt.Key.Key_Return, Qt.Key.Key_Tab)
    assert editor.body_text() == "- one\n  - "
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.body_text() == "- one\n"
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.body_text() == "- one"


def test_ctrl_b_and_ctrl_i_wrap_and_unwrap(qtbot, editor: BodyEditor) -> None:
    editor.set_body_text("- Ministers agreed on a new initiative today")
    select(editor, "a new initiative ")
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)
    assert editor.body_text() == "- Ministers agreed on **a new initiative** today"
    assert editor.textCursor().selectedText() == "a new initiative"
    qtbot.keyClick(editor, Qt.Key.Key_I, CTRL)
    assert editor.body_text() == "- Ministers agreed on ***a new initiative*** today"
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)
    assert editor.body_text() == "- Ministers agreed on *a new initiative* today"
    qtbot.keyClick(editor, Qt.Key.Key_I, CTRL)
    assert editor.body_text() == "- Ministers agreed on a new initiative today"
    assert editor.body() == [BulletList([Bullet("Ministers agreed on a new initiative today")])]
    # Selecting the delimiters too unwraps as well.
    editor.set_body_text("**phrase**")
    select(editor, "**phrase**")
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)
    assert editor.body_text() == "phrase"


def test_ctrl_b_without_selection_takes_the_word(qtbot, editor: BodyEditor) -> None:
    editor.set_body_text("one two three")
    put_cursor(editor, 5)
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)
    assert editor.body_text() == "one **two** three"
    editor.set_body_text("end ")
    put_cursor(editor, 4)
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)
    assert editor.body_text() == "end ****"
    qtbot.keyClicks(editor, "new")
    assert editor.body_text() == "end **new**"


def test_ctrl_k_asks_the_hook_with_the_clipboard_url(qtbot, editor: BodyEditor) -> None:
    asked = []

    def provider(text: str, suggestion: str) -> str:
        asked.append((text, suggestion))
        return suggestion

    editor.link_url_provider = provider
    QGuiApplication.clipboard().setText("https://www.nato.int/cps/en/natohq/news_229705.htm")
    editor.set_body_text("See the NATO press release for details.")
    select(editor, "NATO press release")
    qtbot.keyClick(editor, Qt.Key.Key_K, CTRL)
    assert asked == [("NATO press release", "https://www.nato.int/cps/en/natohq/news_229705.htm")]
    assert editor.body_text() == (
        "See the [NATO press release](https://www.nato.int/cps/en/natohq/news_229705.htm) for details.")
    QGuiApplication.clipboard().setText("not a url")
    editor.link_url_provider = lambda text, suggestion: None if suggestion != "https://" else "www.nato-pa.int"
    editor.set_body_text("Assembly")
    put_cursor(editor, 2)
    qtbot.keyClick(editor, Qt.Key.Key_K, CTRL)
    assert editor.body_text() == "[Assembly](https://www.nato-pa.int)"
    editor.link_url_provider = lambda text, suggestion: None
    qtbot.keyClick(editor, Qt.Key.Key_K, CTRL)
    assert editor.body_text() == "[Assembly](https://www.nato-pa.int)"


def test_footnote_reference_insertion(qtbot, editor: BodyEditor) -> None:
    editor.set_body_text("- forces:")
    put_cursor(editor, len("- forces:"))
    editor.insert_footnote_reference("participating-nations")
    assert editor.body_text() == "- forces:[^participating-nations]"
    assert editor.textCursor().position() == len(editor.body_text())


def paste_mime(editor: BodyEditor, data: QMimeData) -> None:
    QGuiApplication.clipboard().setMimeData(data)
    editor.paste()


def test_pasting_word_html_gives_bullets_with_bold(qtbot, editor: BodyEditor) -> None:
    data = QMimeData()
    data.setHtml(WORD_HTML)
    data.setText("plain fallback that must not be used")
    type_lines(qtbot, editor, "## Focus of the Meetings", Qt.Key.Key_Return, Qt.Key.Key_Return)
    paste_mime(editor, data)
    body = editor.body()
    assert body[0] == Heading("Focus of the Meetings")
    assert body[2] == BulletList([
        Bullet("**Allied deterrence and defence**", [
            Bullet("Implementation of NATO’s defence plans (\\*draft\\*)"),
            Bullet("Strengthening of *air and missile* defence, see the "
                   "[NATO press release](https://www.nato.int/cps/en/natohq/news_229705.htm)"),
        ]),
        Bullet("**Progress on support for Ukraine** — “shoulder-to-shoulder”"),
    ])
    assert "fallback" not in editor.body_text()


def test_pasting_one_html_phrase_goes_inline(qtbot, editor: BodyEditor) -> None:
    editor.set_body_text("- Ministers agreed  today")
    put_cursor(editor, len("- Ministers agreed "))
    data = QMimeData()
    data.setHtml("<li><b>a new <i>initiative</i></b></li>")
    paste_mime(editor, data)
    assert editor.body_text() == "- Ministers agreed **a new *initiative*** today"


def test_plain_text_paste_keeps_markup_and_mends_pdf_lines(qtbot, editor: BodyEditor) -> None:
    data = QMimeData()
    data.setText("**Bold** as typed")
    paste_mime(editor, data)
    assert editor.body_text() == "**Bold** as typed"
    editor.set_body_text("")
    pdf = QMimeData()
    pdf.setText("• Defence Ministers agreed to continue increasing\n  surveillance, sharing information, and\n"
                "  coordinating individual and collective responses to such\n  violations.\n"
                "• NATO has strengthened its presence.")
    paste_mime(editor, pdf)
    assert editor.body() == [BulletList([
        Bullet("Defence Ministers agreed to continue increasing surveillance, sharing information, and "
               "coordinating individual and collective responses to such violations."),
        Bullet("NATO has strengthened its presence."),
    ])]


def test_ctrl_shift_v_pastes_literally(qtbot, editor: BodyEditor) -> None:
    QGuiApplication.clipboard().setText("2 * 3 [sic]")
    qtbot.keyClick(editor, Qt.Key.Key_V, CTRL | SHIFT)
    assert editor.body_text() == "2 \\* 3 \\[sic\\]"
    assert editor.body() == [Paragraph("2 \\* 3 \\[sic\\]")]


def test_copy_and_paste_within_editors_keeps_markup(qtbot, editor: BodyEditor) -> None:
    editor.set_body_text("- **bold**\u00a0text\n  - child")
    editor.selectAll()
    editor.copy()
    data = QGuiApplication.clipboard().mimeData()
    assert data.hasFormat(BODY_MIME)
    other = BodyEditor()
    qtbot.addWidget(other)
    other.paste()
    assert other.body_text() == "- **bold**\u00a0text\n  - child"


def test_multi_line_paste_into_the_middle_of_a_line_gets_lines_of_its_own(qtbot, editor: BodyEditor) -> None:
    editor.set_body_text("before after")
    put_cursor(editor, len("before "))
    data = QMimeData()
    data.setData(BODY_MIME, b"- x\n- y")
    paste_mime(editor, data)
    assert editor.body_text() == "before\n- x\n- y\nafter"


def test_rich_text_is_never_inserted(qtbot, editor: BodyEditor) -> None:
    data = QMimeData()
    data.setHtml("<p style='color:red'><img src='x.png'>Red <span style='font-size:40px'>big</span></p>")
    paste_mime(editor, data)
    assert editor.body_text() == "Red big"
    assert editor.document().toHtml().count("font-size:40px") == 0
    assert "color:red" not in editor.document().toHtml()


def recorder(editor: BodyEditor) -> list[EditorEdit]:
    edits: list[EditorEdit] = []
    editor.on_edit = edits.append
    return edits


def test_body_round_trip_and_reports(qtbot, editor: BodyEditor) -> None:
    body = [Paragraph("Opening."), BulletList([Bullet("a", [Bullet("b")])]), Heading("Notes")]
    edits = recorder(editor)
    editor.set_body(body)
    assert editor.body() == body
    assert edits == []  # a load is not an edit
    assert not editor.document().isUndoAvailable()
    qtbot.keyClicks(editor, "x")
    assert len(edits) == 1  # reported as it is made, not later
    type_lines(qtbot, editor, Qt.Key.Key_Return)
    assert len(edits) == 2


def test_reported_edits_rebuild_the_text_exactly(qtbot, editor: BodyEditor) -> None:
    """Applying every reported edit to the text as loaded gives the text shown, whatever the keys did."""
    start = "Opening.\n- first bullet\n  - child\n## Notes\nLast words."
    editor.set_body_text(start)
    mirror = [start]

    def apply(edit: EditorEdit) -> None:
        text = mirror[0]
        mirror[0] = text[:edit.position] + edit.inserted + text[edit.position + edit.removed:]
        assert len(mirror[0]) == edit.length

    editor.on_edit = apply
    rng = random.Random(5)
    keys = [Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Backspace, Qt.Key.Key_Delete]
    for _ in range(300):
        put_cursor(editor, rng.randrange(0, len(editor.toPlainText()) + 1))
        choice = rng.random()
        if choice < 0.5:
            qtbot.keyClicks(editor, rng.choice(["a", " ", "- ", "**b**", "\u00a0"]))
        elif choice < 0.9:
            qtbot.keyClick(editor, rng.choice(keys))
        else:
            editor.insert_body_text(rng.choice(["pasted", "- one\n- two", "## H\nline"]))
        assert mirror[0] == editor.body_text()


def test_loading_is_never_reported(qtbot, editor: BodyEditor) -> None:
    editor.set_body_text("One.")
    edits = recorder(editor)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, "x")
    editor.set_body([Paragraph("Another body.")])
    editor.apply_splice(0, len("Another"), "A second")
    assert [(e.position, e.removed, e.inserted) for e in edits] == [(4, 0, "x")]
    assert editor.body_text() == "A second body."


def test_set_body_text_keeps_the_cursor_line(qtbot, editor: BodyEditor) -> None:
    editor.set_body_text("one\ntwo\nthree")
    put_cursor(editor, len("one\ntw"))
    editor.set_body_text("one\ntwo!\nthree")
    assert (editor.textCursor().blockNumber(), editor.textCursor().positionInBlock()) == (1, 2)


def test_paths_and_go_to(qtbot, editor: BodyEditor) -> None:
    editor.set_body_text("Intro.\n\n- a\n  - b[^fn]\n\n## H")
    paths = []
    editor.pathChanged.connect(lambda: paths.append(editor.current_path_suffix()))
    assert editor.go_to((1, "bullets", 0, "children", 0), 1)
    assert editor.current_path_suffix() == (1, "bullets", 0, "children", 0)
    assert (editor.textCursor().blockNumber(), editor.textCursor().positionInBlock()) == (3, 5)
    assert paths == [(1, "bullets", 0, "children", 0)]
    assert editor.go_to((2,))
    assert editor.textCursor().positionInBlock() == 3
    assert not editor.go_to((9,))
    put_cursor(editor, len("Intro.\n"))
    assert editor.current_path_suffix() is None
    assert paths == [(1, "bullets", 0, "children", 0), (2,), None]


def test_many_edits_do_not_wear_out_the_interpreter(qtbot, editor: BodyEditor) -> None:
    """Thousands of edits, each reported and many moving to a new line: Python's bools stay balanced."""
    import gc
    import sys

    edits = recorder(editor)
    gc.collect()  # garbage freed during the loop would take its own references to True with it
    before = sys.getrefcount(True)
    for number in range(1500):
        editor.insertPlainText("x" if number % 40 else "\n- x")
    assert len(edits) == 1500
    assert sys.getrefcount(True) >= before - 50


def test_window_can_own_undo(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    editor = BodyEditor()
    layout.addWidget(editor)
    fired = []
    undo = QAction("Undo", window)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    undo.triggered.connect(lambda: fired.append("undo"))
    window.addAction(undo)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    editor.setFocus()
    qtbot.keyClicks(editor, "abc")
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.body_text() == ""
    assert fired == []
    qtbot.keyClicks(editor, "abc")
    editor.setUndoRedoEnabled(False)
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.body_text() == "abc"
    assert fired == ["undo"]


def test_ctrl_tab_leaves_the_editor(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    editor = BodyEditor()
    after = QLineEdit()
    layout.addWidget(editor)
    layout.addWidget(after)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Tab, CTRL)
    assert after.hasFocus()
    assert editor.accessibleName()


KEYS = [
    "- ", "word ", "**", "x", "  ", "## ", "\\", Qt.Key.Key_Return, Qt.Key.Key_Return, Qt.Key.Key_Tab,
    Qt.Key.Key_Backtab, Qt.Key.Key_Backspace, Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Home, Qt.Key.Key_End,
    (Qt.Key.Key_B, CTRL), (Qt.Key.Key_I, CTRL), (Qt.Key.Key_Left, SHIFT), (Qt.Key.Key_Up, SHIFT),
    (Qt.Key.Key_Return, SHIFT), (Qt.Key.Key_A, CTRL), (Qt.Key.Key_Z, CTRL), (Qt.Key.Key_K, CTRL),
]


@pytest.mark.parametrize("seed", range(6))
def test_random_keyboard_sessions_keep_a_valid_body(qtbot, editor: BodyEditor, seed: int) -> None:
    import random

    from briefbook.model.bodytext import from_text, to_text

    rng = random.Random(seed)
    editor.link_url_provider = lambda text, suggestion: "https://example.org"
    editor.set_body_text("- one\n  - two\n\nParagraph with **bold**.")
    for _ in range(150):
        type_lines(qtbot, editor, rng.choice(KEYS))
        body = editor.body()
        assert from_text(to_text(body)) == body
        assert "\t" not in editor.body_text()


def test_the_text_is_laid_out_unshaped_and_keeps_its_tab_stops_and_looks(qtbot, editor: BodyEditor) -> None:
    """Qt lays a paragraph out whole after each key: the editor's text skips shaping where it is not needed."""
    no_shaping = QFont.StyleStrategy.PreferNoShaping
    assert editor.font().styleStrategy() & no_shaping
    assert editor.document().defaultFont().styleStrategy() & no_shaping
    assert editor.tabStopDistance() == editor.fontMetrics().horizontalAdvance("  ")
    type_lines(qtbot, editor, "- **Lead.** Allies agreed.")
    assert editor.body_text() == "- **Lead.** Allies agreed."
    bold = editor.document().begin().layout().formats()
    assert any(fmt.format.fontWeight() == QFont.Weight.Bold for fmt in bold)
