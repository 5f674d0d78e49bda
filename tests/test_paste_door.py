"""Characters a brief cannot hold are turned away at the door: paste, typing and load.

A lone surrogate, U+FFFE/U+FFFF, a C0 control other than tab and line feed, the
byte-order mark: a brief holding one cannot be saved, exported, or opened again. They
arrive by paste (Word, PDFs and terminals carry them), by an input method, or in a
hand-edited file; each door either replaces or removes them and says so, or (the
file) refuses with the place. The window tests drive the real editor, save the brief
and open it again.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from briefbook import fileformat, paste
from briefbook.app.fields import LineEdit, TextEdit
from briefbook.app.main_window import MainWindow
from briefbook.app.session import Session
from briefbook.checks import BAD_CHARACTERS, clean_text
from briefbook.document import AppFolders
from briefbook.fileformat import compose
from briefbook.resources import sample_brief

REPO = Path(__file__).resolve().parent.parent
UNSAVEABLE = ["\ud800", "\udfff", "\ufffe", "\uffff", "\x00", "\x01", "\x0b", "\x1f", "\x7f", "\x9f", "\ufeff"]


# -- the one cleaning rule ---------------------------------------------------------------------

@pytest.mark.parametrize("char", UNSAVEABLE)
def test_every_unsaveable_character_is_replaced_or_removed(char: str) -> None:
    cleaned = clean_text(f"a{char}b")
    assert cleaned.text in ("ab", "a\ufffdb")
    assert cleaned.text == ("a\ufffdb" if char in "\ud800\udfff\ufffe\uffff" else "ab")
    assert f"U+{ord(char):04X}" in cleaned.notice("Pasted text")
    assert fileformat.loads(_brief_with_title(cleaned.text)).brief is not None


def test_tab_newline_and_ordinary_text_pass_untouched() -> None:
    text = "Tab\there\nnew line, NEL\x85, \U0001f600, \u00a0, \u2028"
    assert clean_text(text).text == text and not clean_text(text).changed


def _brief_with_title(title: str) -> str:
    return yaml.safe_dump({"briefbook": 1, "meta": {"title": title, "reference": "182 SPE 24 E"}},
                          allow_unicode=False)


# -- paste -----------------------------------------------------------------------------------------

def test_paste_turns_characters_away_from_every_clipboard_form() -> None:
    dirty = "Allies\ud800 agreed\x01 on\ufffe plans"
    for pasted in (paste.from_clipboard(html=f"<p>{dirty}</p>"), paste.from_clipboard(plain=dirty),
                   paste.from_clipboard(body=dirty), paste.from_clipboard(plain=dirty, literal=True)):
        assert not BAD_CHARACTERS.search(pasted.text)
        assert pasted.text.replace("\ufffd", "") == "Allies agreed on plans"
        assert "2 broken characters replaced" in pasted.notice
        assert "1 invisible control character removed" in pasted.notice


def test_clean_paste_says_nothing() -> None:
    assert paste.from_clipboard(html="<b>bold</b>", plain="bold") == paste.Pasted("**bold**")


def test_a_failing_html_conversion_pastes_the_plain_text_and_says_so(monkeypatch) -> None:
    """A fault injected into the HTML reader (no real clipboard is known to cause one)."""
    def broken(html: str) -> str:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(paste, "html_to_text", broken)
    links = "".join(f'<a href="https://e.org/{i}">l{i}</a> ' for i in range(50))
    pasted = paste.from_clipboard(html=links, plain=" ".join(f"l{i} https://e.org/{i}" for i in range(50)))
    assert pasted.text.startswith("l0 https://e.org/0 l1") and pasted.text.endswith("l49 https://e.org/49")
    assert "could not be read (RecursionError)" in pasted.notice and "plain text" in pasted.notice
    # With no plain text on the clipboard, the words of the HTML are kept, addresses lost but said so.
    words = paste.from_clipboard(html=links)
    assert words.text.split() == [f"l{i}" for i in range(50)] and "RecursionError" in words.notice


# -- the window: paste, input method, fields; then save and open again ------------------------------

@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    target = tmp_path / "brief.brief.yaml"
    shutil.copy(sample_brief(), target)
    window = MainWindow(Session(AppFolders(tmp_path / "settings")))
    asked: list[str] = []
    for name in ("ask_starter", "ask_open_path", "ask_save_path", "ask_export_path", "ask_recover", "ask_open_locked",
                 "ask_footnote_id", "show_problems", "show_message"):
        setattr(window.dialogs, name, lambda *args, name=name: asked.append(name))  # no dialog may block a test
    window.dialogs.ask_save_changes = lambda *args: "discard"
    window.dialogs.confirm_comments_lost = lambda *args: True
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.files.open_file(str(target), ask=False)
    window.select(window.pages.current.__class__.takeaways())
    return window


def commit(widget, text: str) -> None:
    """What an input method does when the analyst picks a character."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def saved_and_reopened(qtbot, window: MainWindow, tmp_path: Path) -> fileformat.LoadResult:
    qtbot.wait(1)
    path = tmp_path / "again.brief.yaml"
    assert window.document.save(str(path)) is None or path.exists()
    result = fileformat.read(path)
    assert result.brief is not None, [p.format() for p in result.problems]
    return result


def test_paste_into_the_body_editor_is_cleaned_and_the_status_bar_says_so(qtbot, window, tmp_path) -> None:
    editor = window.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    mime = QMimeData()
    mime.setHtml("<p>Pasted\x01 from <b>a\ufffe terminal</b></p>")
    mime.setText("Pasted\x01 from a\ufffe terminal")
    editor.insertFromMimeData(mime)
    qtbot.wait(1)
    body = "\n".join(str(block) for block in window.document.brief.takeaways)
    assert "Pasted from **a\ufffd terminal**" in body and not BAD_CHARACTERS.search(body)
    assert "replaced with \ufffd" in window.statusBar().currentMessage()
    assert "removed" in window.statusBar().currentMessage()
    reopened = saved_and_reopened(qtbot, window, tmp_path)
    assert "Pasted from **a\ufffd terminal**" in fileformat.dumps(reopened.brief)


def test_an_input_method_cannot_type_a_control_character(qtbot, window, tmp_path) -> None:
    editor = window.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    commit(editor, "ok\x02go")
    qtbot.wait(1)
    assert "okgo" in editor.body_text()
    assert "okgo" in fileformat.dumps(window.document.brief)
    assert "U+0002" in window.statusBar().currentMessage()
    saved_and_reopened(qtbot, window, tmp_path)


def test_one_line_and_multi_line_fields_turn_characters_away(qtbot, window, tmp_path) -> None:
    form = window.pages.meta_form
    for name in ("dates", "event"):
        widget = form.widgets[name]
        assert isinstance(widget, (LineEdit, TextEdit))
        widget.setFocus()
        commit(widget, f"{name}\x01\x1b end")
        qtbot.wait(1)
        value = getattr(window.document.brief.meta, name)
        assert f"{name} end" in value and not BAD_CHARACTERS.search(value)
        assert "2 invisible control characters removed" in window.statusBar().currentMessage()
    kind = form.widgets["kind"]
    kind.lineEdit().setFocus()
    kind.lineEdit().selectAll()
    commit(kind.lineEdit(), "Policy\x07 Brief")
    qtbot.wait(1)
    assert window.document.brief.meta.kind == "Policy Brief" and kind.currentText() == "Policy Brief"
    saved_and_reopened(qtbot, window, tmp_path)


def test_text_typed_into_the_sources_is_turned_away_too(qtbot, window, tmp_path) -> None:
    from PySide6.QtWidgets import QTableWidgetItem

    window.structure.add_source()
    table = window.pages.sources.table
    assert table.rowCount() > 0
    table.setItem(0, 0, QTableWidgetItem("Press release\x01\ufffe"))  # what a cell editor commits
    assert window.document.brief.sources[0].title == "Press release\ufffd"
    assert table.item(0, 0).text() == "Press release\ufffd"
    assert "Text typed into the sources" in window.statusBar().currentMessage()
    saved_and_reopened(qtbot, window, tmp_path)


# -- load: the file names the place ----------------------------------------------------------------

def check_cli(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefbook", "check", str(path)], cwd=REPO, capture_output=True,
                          text=True, timeout=60, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})


@pytest.mark.parametrize(("escape", "column", "words"), [
    ("\\ud800", 12, "lone surrogate"),
    ("\\udfff", 12, "lone surrogate"),
    ("\\U0000D800", 12, "lone surrogate"),
    ("\\x01", 10, "U+0001"),
    ("\\uFFFE", 10, "U+FFFE"),
    ("\\ufeff", 10, "U+FEFF"),
])
def test_a_file_with_an_escaped_unsaveable_character_is_refused_at_its_place(tmp_path, escape, column, words) -> None:
    path = tmp_path / "bad.brief.yaml"
    path.write_text(f'briefbook: 1\nmeta:\n  title: "a{escape}b"\n', encoding="utf-8")
    done = check_cli(path)
    assert done.returncode != 0
    assert f"{path}:3:{column}: error:" in done.stdout + done.stderr
    assert words in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def test_without_libyaml_the_escape_is_refused_by_the_checks(tmp_path, monkeypatch) -> None:
    """PyYAML's own parser (used where libyaml is missing) decodes ``\\ud800``; the checks refuse it."""
    monkeypatch.setattr(compose, "Loader", yaml.SafeLoader)
    path = tmp_path / "bad.brief.yaml"
    path.write_text('briefbook: 1\nmeta:\n  title: "a\\ud800b"\n  reference: "182 SPE 24 E"\n', encoding="utf-8")
    result = fileformat.read(path)
    assert result.brief is None
    assert [(p.line, p.column) for p in result.problems if p.is_error] == [(3, 10)]
    assert "lone surrogate" in result.problems[0].message
