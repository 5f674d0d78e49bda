"""The keyboard-first editor for the key takeaways and a section's body.

The editor holds the body as text in the line syntax of :mod:`briefbook.model.bodytext`
and gives the keys an analyst knows from Word their list meanings:

- **Enter** on a bullet starts the next bullet at the same level (text after the
  cursor moves into it); at the start of a bullet's text it opens an empty bullet
  above. Enter on an empty bullet outdents it one level, and on an empty top-level
  bullet ends the list, leaving a blank line. **Shift+Enter** breaks the line inside
  the same paragraph or bullet.
- **Tab** / **Shift+Tab** indent / outdent the bullet (with its sub-bullets) or every
  bullet of a selection by one level, never deeper than one level below the bullet
  above. Tab on a paragraph or blank line turns it into a bullet at the level of the
  bullet just above; Shift+Tab on a top-level bullet turns it back into a paragraph.
  A tab character is never typed; **Ctrl+Tab** / **Ctrl+Shift+Tab** leave the editor.
- **Backspace** right after a bullet marker removes the marker (and indentation).
- **Ctrl+B**, **Ctrl+I** wrap the selection (or the word at the cursor) in ``**`` /
  ``*``, or unwrap it when it is already wrapped. **Ctrl+K** makes it a link, asking
  for the address through :attr:`BodyEditor.link_url_provider` (prefilled from the
  clipboard when that holds one).
- **Paste** never inserts rich text. HTML (Word, web pages) goes through
  :func:`briefbook.paste.html_to_text`, keeping bold, italic, links and list levels
  and escaping markup characters of the pasted words. Plain text is treated as typed
  (markup in it stays markup, so Markdown pastes as Markdown), after its lines are
  mended by :func:`briefbook.paste.join_pdf_lines` when it reads like text copied from
  a PDF. Text copied from a Briefbook editor comes back exactly. **Ctrl+Shift+V**
  pastes plain text literally: markup characters are escaped so they print as seen.
  Characters a brief cannot hold (lone surrogates, control characters) are turned
  away, from a paste and from an input method alike, and the status bar says so
  (:func:`briefbook.paste.from_clipboard`, :func:`briefbook.app.fields.saveable`).

The document owns undo: ``setUndoRedoEnabled(False)`` turns off the QTextDocument's
own stack and lets Ctrl+Z / Ctrl+Shift+Z reach the window's actions. Each change the
analyst makes (a key, a paste, a drop, a list key's whole rewrite of a line) is handed
over as it is made, as an :class:`EditorEdit` — where, how much was removed, what was
inserted — to :attr:`BodyEditor.on_edit`, which records it in the document. The editor
keeps no copy of the text of its own: the model's text is the one text, and what the
editor shows is that text (``set_body_text``, ``apply_splice`` load it without
reporting an edit).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMetaObject, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFont,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QInputDialog, QMenu, QPlainTextEdit, QWidget

from briefbook import paste
from briefbook.app import list_keys
from briefbook.app.fields import saveable, tell, window_undo_in_menu
from briefbook.app.highlighter import BodyHighlighter
from briefbook.markup import escape, wrapping_emphasis
from briefbook.model import Block, bodytext
from briefbook.model.bodytext import PathSuffix, parse_line

if TYPE_CHECKING:
    from briefbook.app.spell_check import SpellCheck

#: Clipboard format carrying body text copied from a Briefbook editor, markup intact.
BODY_MIME = "application/x-briefbook-body"

_URL = re.compile(r"(?:https?://|mailto:)\S+$", re.IGNORECASE)
_PARAGRAPH_SEPARATOR = "\u2029"

#: ``(selected text, suggested address) -> address`` or ``None`` to cancel.
LinkUrlProvider = Callable[[str, str], "str | None"]


def _raw(cursor_or_text: str) -> str:
    return cursor_or_text.replace(_PARAGRAPH_SEPARATOR, "\n")


@dataclass(frozen=True)
class EditorEdit:
    """One change the analyst made: ``removed`` characters at ``position`` replaced by ``inserted``.

    ``length`` is the length of the whole text afterwards, so that the receiver can tell
    an edit it can apply from one Qt reported in a wider range than it made it.
    """

    position: int
    removed: int
    inserted: str
    length: int


class BodyEditor(QPlainTextEdit):
    """A plain-text editor for one body, with list keys, inline-markup keys and clean paste."""

    #: Emitted when the cursor moves onto another line; :meth:`current_path_suffix` names its text.
    pathChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Body text")
        self.setAccessibleDescription(
            "One line per paragraph; '- ' starts a bullet, two spaces per level nest it; '## ' a sub-heading. "
            "Tab and Shift+Tab indent and outdent bullets; Ctrl+B bold, Ctrl+I italic, Ctrl+K link.")
        self.setTabChangesFocus(False)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        #: Set by the window to ask for a link's address; ``None`` uses a dialog.
        self.link_url_provider: LinkUrlProvider | None = None
        #: Receives each edit the analyst makes (see the module docstring).
        self.on_edit: Callable[[EditorEdit], None] | None = None
        self._loading = False
        self._last_line = -1
        self._paths_cache: tuple[int, list[PathSuffix | None]] = (-1, [])
        #: Whether a change has been made that the viewport has not painted yet.
        self.change_unpainted = False
        self.highlighter = BodyHighlighter(self.document(), self)
        # Qt lays a paragraph out whole again after every key. Latin and Cyrillic text is legible
        # unshaped (only kerning and ligatures go, which the exported document keeps), and a long
        # paragraph then takes about two thirds of the time to lay out and to paint; scripts that
        # need shaping to be read are still shaped. (The font change sets the tab stops: changeEvent.)
        font = self.font()
        font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
        self.setFont(font)
        #: The window's spell checker, once it has one (``highlighter.spell`` too).
        self.spell: SpellCheck | None = None
        #: The window's Undo and Redo (the document's history): the context menu offers them in place of
        #: Qt's own, which follow the QTextDocument's stack, always empty here.
        self.document().contentsChange.connect(self._contents_changed)
        self.cursorPositionChanged.connect(self._cursor_moved)

    # -- the body ---------------------------------------------------------------------
    def body_text(self) -> str:
        """The text exactly as typed (non-breaking spaces kept, unlike ``toPlainText``)."""
        return _raw(self.document().toRawText())

    def set_body_text(self, text: str) -> None:
        """Show ``text``, keeping the cursor's line and column where they still exist.

        Loading is not an edit: it is not reported to :attr:`on_edit`, and it empties the
        document's own undo stack, so Ctrl+Z never brings back another body.
        """
        if text == self.body_text():
            return
        cursor = self.textCursor()
        line, column = cursor.blockNumber(), cursor.positionInBlock()
        self._loading = True
        try:
            edit = QTextCursor(self.document())
            edit.beginEditBlock()
            edit.select(QTextCursor.SelectionType.Document)
            edit.insertText(text)
            edit.endEditBlock()
        finally:
            self._loading = False
        self.document().clearUndoRedoStacks()
        self._place(line, column)

    def apply_splice(self, start: int, removed: int, inserted: str) -> None:
        """Show an edit made elsewhere (undo, redo) without reporting it, the cursor after it."""
        self._loading = True
        try:
            edit = QTextCursor(self.document())
            edit.beginEditBlock()
            edit.setPosition(start)
            edit.setPosition(start + removed, QTextCursor.MoveMode.KeepAnchor)
            edit.insertText(inserted)
            edit.endEditBlock()
        finally:
            self._loading = False
        self.document().clearUndoRedoStacks()
        self.place_cursor(start + len(inserted))

    def place_cursor(self, position: int) -> None:
        """Put the cursor at ``position`` of the body text (clamped to its end)."""
        cursor = self.textCursor()
        cursor.setPosition(max(0, min(position, self.document().characterCount() - 1)))
        self.setTextCursor(cursor)

    def body(self) -> list[Block]:
        return bodytext.from_text(self.body_text())

    def set_body(self, blocks: list[Block]) -> None:
        self.set_body_text(bodytext.to_text(blocks))

    def current_path_suffix(self) -> PathSuffix | None:
        """The model path suffix of the text on the cursor's line (``None`` on a blank line)."""
        revision = self.document().revision()
        if self._paths_cache[0] != revision:
            self._paths_cache = (revision, bodytext.line_paths(self.body_text()))
        paths = self._paths_cache[1]
        line = self.textCursor().blockNumber()
        return paths[line] if line < len(paths) else None

    def go_to(self, suffix: PathSuffix, offset: int = 0) -> bool:
        """Put the cursor ``offset`` characters into the text ``suffix`` names; False if it is gone."""
        line = bodytext.line_of(self.body_text(), tuple(suffix))
        if line is None:
            return False
        block = self.document().findBlockByNumber(line)
        info = parse_line(block.text())
        self._place(line, info.text_start + max(0, offset))
        self.ensureCursorVisible()
        return True

    def _place(self, line: int, column: int) -> None:
        block = self.document().findBlockByNumber(min(line, self.document().blockCount() - 1))
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + min(column, len(block.text())))
        self.setTextCursor(cursor)

    def _emit(self, signal: str) -> None:
        # PySide6 6.12's SignalInstance.emit() drops a reference to the bool it returns,
        # and Python 3.11 aborts once True's count reaches zero; a direct meta-call
        # emits the same signal without that bug.
        QMetaObject.invokeMethod(self, signal, Qt.ConnectionType.DirectConnection)

    def _contents_changed(self, position: int, removed: int, added: int) -> None:
        if self._loading or self.on_edit is None or (removed == 0 and added == 0):
            return
        document = self.document()
        length = document.characterCount() - 1  # without the paragraph separator Qt keeps at the end
        end = min(position + added, length)
        cursor = QTextCursor(document)
        cursor.setPosition(min(position, end))
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.change_unpainted = True
        self.on_edit(EditorEdit(position, removed, _raw(cursor.selectedText()), length))

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.change_unpainted = False
        super().paintEvent(event)

    def _cursor_moved(self) -> None:
        # Typing moves the cursor on every key but seldom onto another line; the path of
        # the line is worked out only when someone asks (current_path_suffix).
        line = self.textCursor().blockNumber()
        if line != self._last_line:
            self._last_line = line
            self._emit("pathChanged")

    # -- keys ---------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        # With the document's own undo off, Ctrl+Z and Ctrl+Shift+Z belong to the window.
        if (event.type() == QEvent.Type.ShortcutOverride and not self.isUndoRedoEnabled()
                and isinstance(event, QKeyEvent)
                and (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo))):
            event.ignore()
            return False
        return super().event(event)

    def set_spell_check(self, spell: SpellCheck) -> None:
        self.spell = spell
        self.highlighter.set_spell_check(spell)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt's name)
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def context_menu(self, pos: QPoint) -> QMenu:
        """The right-click menu at ``pos`` (viewport coordinates): Qt's, with the brief's Undo/Redo and spelling."""
        menu = self.createStandardContextMenu(pos)
        window_undo_in_menu(menu, self)
        if self.spell is not None:
            from briefbook.app.spell_menu import add_spelling_entries

            add_spelling_entries(menu, self, self.spell, self.cursorForPosition(pos))
        return menu

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        key, mods = event.key(), event.modifiers()
        ctrl = Qt.KeyboardModifier.ControlModifier
        shift = Qt.KeyboardModifier.ShiftModifier
        plain = mods & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and mods & ctrl:
            # QPlainTextEdit keeps Tab for itself; QWidget's own focus chain lets Ctrl+Tab out.
            QWidget.focusNextPrevChild(self, key == Qt.Key.Key_Tab and not mods & shift)
            return
        if self.isReadOnly():  # the keys below edit through cursors, which read-only does not stop
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_Tab and plain == Qt.KeyboardModifier.NoModifier:
            self.indent(+1)
            return
        if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and plain == shift):
            self.indent(-1)
            return
        unmodified = plain == Qt.KeyboardModifier.NoModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and unmodified and list_keys.enter(self):
            return
        if key == Qt.Key.Key_Backspace and unmodified and list_keys.backspace(self):
            return
        if key == Qt.Key.Key_Space and unmodified and list_keys.space(self):
            return
        if plain == ctrl and key == Qt.Key.Key_B:
            self.toggle_bold()
            return
        if plain == ctrl and key == Qt.Key.Key_I:
            self.toggle_italic()
            return
        if plain == ctrl and key == Qt.Key.Key_K:
            self.insert_link()
            return
        if plain == ctrl | shift and key == Qt.Key.Key_V:
            self.paste_literally()
            return
        super().keyPressEvent(event)

    def indent(self, step: int) -> None:
        """Indent (+1) or outdent (-1) the bullets of the selection or the cursor's line."""
        list_keys.indent(self, step)

    # -- inline markup -------------------------------------------------------------------
    def _selection_or_word(self) -> QTextCursor:
        """The selection within its first line, trimmed of spaces, or the word at the cursor."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            cursor.select(QTextCursor.SelectionType.WordUnderCursor)
            if not cursor.selectedText().strip() or not any(ch.isalnum() for ch in cursor.selectedText()):
                cursor = self.textCursor()
        block = self.document().findBlock(cursor.selectionStart())
        start = cursor.selectionStart()
        end = min(cursor.selectionEnd(), block.position() + len(block.text()))
        text = block.text()
        lower = block.position() + parse_line(text).text_start
        start = max(start, lower) if end > lower else start
        while start < end and text[start - block.position()] == " ":
            start += 1
        while end > start and text[end - block.position() - 1] == " ":
            end -= 1
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _toggle(self, delimiter: str) -> None:
        cursor = self._selection_or_word()
        block = cursor.block()
        text, base = block.text(), block.position()
        start, end = cursor.selectionStart() - base, cursor.selectionEnd() - base
        words = parse_line(text).text_start  # the parser reads the line's words, not its bullet marker
        wrapping = None
        if start >= words and end > start:
            wrapping = wrapping_emphasis(text[words:], start - words, end - words, strong=delimiter == "**")
        edit = QTextCursor(self.document())
        edit.beginEditBlock()
        if wrapping:
            opener, closer = wrapping
            for piece in (closer, opener):  # the later one first, so the earlier offsets still hold
                edit.setPosition(base + words + piece.start)
                edit.setPosition(base + words + piece.end, QTextCursor.MoveMode.KeepAnchor)
                edit.removeSelectedText()
            removed = (opener.end - opener.start, closer.end - closer.start)
            if words + opener.start >= start:  # the selection held the delimiters
                new_start, new_end = start, end - sum(removed)
            else:
                new_start, new_end = start - removed[0], end - removed[0]
        else:
            size = len(delimiter)
            new_start, new_end = start + size, end + size
            edit.setPosition(base + end)
            edit.insertText(delimiter)
            edit.setPosition(base + start)
            edit.insertText(delimiter)
        edit.endEditBlock()
        result = QTextCursor(self.document())
        result.setPosition(base + new_start)
        result.setPosition(base + new_end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(result)

    def toggle_bold(self) -> None:
        """Wrap the selection (or the word at the cursor) in ``**``, or unwrap it."""
        self._toggle("**")

    def toggle_italic(self) -> None:
        """Wrap the selection (or the word at the cursor) in ``*``, or unwrap it."""
        self._toggle("*")

    def ask_link_url(self, text: str, suggestion: str) -> str | None:
        """The address for a new link: from :attr:`link_url_provider`, else a dialog."""
        if self.link_url_provider is not None:
            return self.link_url_provider(text, suggestion)
        url, ok = QInputDialog.getText(self, "Link", f"Address for “{text}”:" if text else "Address:", text=suggestion)
        return url if ok else None

    def insert_link(self) -> None:
        """Make the selection (or the word at the cursor) a link; with neither, insert one."""
        cursor = self._selection_or_word()
        text = cursor.selectedText()
        clipboard = QGuiApplication.clipboard().text().strip()
        suggestion = clipboard if _URL.match(clipboard) else "https://"
        url = (self.ask_link_url(text, suggestion) or "").strip()
        if not url or url == "https://":
            return
        if not re.match(r"[a-z][a-z0-9+.-]*:", url, re.IGNORECASE):
            url = ("mailto:" if "@" in url and "/" not in url else "https://") + url
        url = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        label = text or escape(url)
        start = cursor.selectionStart()
        cursor.beginEditBlock()
        cursor.insertText(f"[{label}]({url})")
        cursor.endEditBlock()
        cursor.setPosition(start + 1)
        cursor.setPosition(start + 1 + len(label), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def insert_footnote_reference(self, footnote_id: str) -> None:
        """Insert ``[^id]`` at the cursor (after the selection, which is kept)."""
        cursor = self.textCursor()
        cursor.setPosition(cursor.selectionEnd())
        cursor.insertText(f"[^{footnote_id}]")
        self.setTextCursor(cursor)

    # -- clipboard -------------------------------------------------------------------------
    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 (Qt's name)
        data = QMimeData()
        text = _raw(self.textCursor().selectedText())
        data.setText(text)
        data.setData(BODY_MIME, text.encode("utf-8"))
        return data

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt's name)
        return not self.isReadOnly() and (source.hasFormat(BODY_MIME) or source.hasHtml() or source.hasText())

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt's name)
        if not self.isReadOnly():  # Qt's paste() reaches here without asking
            self._insert_pasted(self.pasted_from_mime(source))

    @staticmethod
    def pasted_from_mime(source: QMimeData) -> paste.Pasted:
        """Body text for clipboard or drag contents, and what to tell the analyst (see the module docstring)."""
        return paste.from_clipboard(
            html=source.html() if source.hasHtml() else None,
            plain=source.text() if source.hasText() else None,
            body=bytes(source.data(BODY_MIME).data()).decode("utf-8", "replace")
            if source.hasFormat(BODY_MIME) else None)

    @staticmethod
    def text_from_mime(source: QMimeData) -> str:
        """Body text for clipboard or drag contents (see the module docstring for the rules)."""
        return BodyEditor.pasted_from_mime(source).text

    def paste_literally(self) -> None:
        """Paste the clipboard's plain text so that every character prints as seen."""
        if not self.isReadOnly():
            self._insert_pasted(paste.from_clipboard(plain=QGuiApplication.clipboard().text(), literal=True))

    def _insert_pasted(self, pasted: paste.Pasted) -> None:
        self.insert_body_text(pasted.text)
        if pasted.notice:
            tell(self, pasted.notice)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802 (Qt's name)
        commit = event.commitString()
        clean = saveable(self, commit) if commit else commit
        if clean != commit:
            cleaned = QInputMethodEvent(event.preeditString(), event.attributes())
            cleaned.setCommitString(clean, event.replacementStart(), event.replacementLength())
            event = cleaned
        super().inputMethodEvent(event)

    def insert_body_text(self, text: str) -> None:
        """Insert body text at the cursor: inline if it is one line, else as lines of their own."""
        if not text:
            return
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.removeSelectedText()
        line = cursor.block().text()
        if "\n" not in text:
            info = parse_line(text)
            if line.strip() and info.kind != "blank":
                text = text[info.text_start:]  # into an existing line, only the words
            cursor.insertText(text)
        else:
            column = cursor.positionInBlock()
            before = "" if not line[:column].strip() else "\n"
            after = "" if not line[column:].strip() else "\n"
            if before == "" and line[:column]:
                cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
            # Spaces at the split would otherwise trail the line before or indent the one after.
            while cursor.positionInBlock() > 0 and cursor.block().text()[cursor.positionInBlock() - 1] == " ":
                cursor.deletePreviousChar()
            while cursor.block().text()[cursor.positionInBlock():][:1] == " ":
                cursor.deleteChar()
            cursor.insertText(before + text + after)
            if after:
                cursor.movePosition(QTextCursor.MoveOperation.PreviousCharacter)
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    # -- looks ---------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.setTabStopDistance(self.fontMetrics().horizontalAdvance("  "))
            self.highlighter.refresh()
