"""The spelling entries of a text field's context menu, and F7 to the next unknown word.

Right-clicking an underlined word (in the body, a cover field, a section title or a
footnote) offers, above the usual entries, up to five suggestions (choosing one
replaces the word, as typing would: one undo step), then "Ignore" (for this session),
"Add to Dictionary" (the user's, for every brief) and "Add to This Brief's Words"
(saved in the brief, for everyone who opens it). F7 selects the next unknown word of
the field that has the keyboard (of the body when no spell-checked field has it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QTextBlock, QTextCursor
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QWidget

from briefbook.app.spell_check import SpellCheck
from briefbook.model.bodytext import parse_line


def checked_text(editor: QPlainTextEdit, block: QTextBlock) -> tuple[int, str]:
    """Where in ``block`` the spell-checked text starts, and that text (a body line: after its marks)."""
    if getattr(editor, "spell_plain", False):
        return 0, block.text()
    line = parse_line(block.text())
    return line.text_start, line.text


def word_at(cursor: QTextCursor, spell: SpellCheck, editor: QPlainTextEdit) -> tuple[int, int, str] | None:
    """The unknown word under ``cursor`` in ``editor``: its start and end in the document, and the word."""
    block = cursor.block()
    start, text = checked_text(editor, block)
    column = cursor.positionInBlock() - start
    for word in spell.unknown(text):
        if word.start <= column <= word.end:
            base = block.position() + start
            return base + word.start, base + word.end, word.text
    return None


def add_spelling_entries(menu: QMenu, editor: QPlainTextEdit, spell: SpellCheck, cursor: QTextCursor) -> None:
    """Put the spelling entries for the word under ``cursor`` at the top of ``menu`` (none if it is known)."""
    found = word_at(cursor, spell, editor)
    if found is None or editor.isReadOnly():
        return
    start, end, word = found
    _add_entries(menu, spell, word, lambda suggestion: replace(editor, start, end, suggestion))


def add_line_spelling_entries(menu: QMenu, field: QLineEdit, spell: SpellCheck, position: int) -> None:
    """The same entries for the word at character ``position`` of a one-line field."""
    if field.isReadOnly():
        return
    for found in spell.unknown(field.text()):
        if found.start <= position <= found.end:
            _add_entries(menu, spell, found.text,
                         lambda suggestion, a=found.start, b=found.end: replace_in_line(field, a, b, suggestion))
            return


def _add_entries(menu: QMenu, spell: SpellCheck, word: str, apply: Callable[[str], None]) -> None:
    """The entries for ``word`` above the menu's own; ``apply`` puts a suggestion in its place."""
    first = menu.actions()[0] if menu.actions() else None
    entries: list[QAction] = []
    for suggestion in spell.suggestions(word):
        action = QAction(suggestion, menu)
        font = action.font()
        font.setBold(True)
        action.setFont(font)
        action.triggered.connect(lambda _=False, s=suggestion: apply(s))
        entries.append(action)
    if not entries:
        none = QAction("(no suggestions)", menu)
        none.setEnabled(False)
        entries.append(none)
    for text, slot in (("&Ignore", lambda: spell.ignore(word)), ("Add to &Dictionary", lambda: spell.learn(word)),
                       ("Add to This &Brief's Words", lambda: spell.add_to_brief(word))):
        action = QAction(text, menu)
        action.triggered.connect(slot)
        entries.append(action)
    menu.insertActions(first, entries)  # type: ignore[arg-type]
    menu.insertSeparator(first)  # type: ignore[arg-type]


def replace(editor: QPlainTextEdit, start: int, end: int, text: str) -> None:
    """Put ``text`` in place of characters ``start`` to ``end``, as typing would."""
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(text)
    editor.setTextCursor(cursor)


def replace_in_line(field: QLineEdit, start: int, end: int, text: str) -> None:
    """Put ``text`` in place of characters ``start`` to ``end`` of a one-line field, as typing would."""
    field.setSelection(start, end - start)
    field.insert(text)


def spelling_target(focused: QWidget | None, body: QPlainTextEdit) -> QWidget:
    """The field F7 looks in: the spell-checked field with the keyboard, else the body."""
    if isinstance(focused, (QLineEdit, QPlainTextEdit)) and getattr(focused, "spell", None) is not None:
        return focused
    return body


def next_unknown_in(field: QWidget, spell: SpellCheck) -> bool:
    """Select the next unknown word of ``field`` after its cursor (from the start once the end is passed)."""
    if isinstance(field, QLineEdit):
        found = spell.unknown(field.text())
        if not found:
            return False
        here = field.selectionEnd() if field.hasSelectedText() else field.cursorPosition()
        word = next((w for w in found if w.start >= here), found[0])
        field.setSelection(word.start, word.end - word.start)
        return True
    return next_unknown(field, spell)  # type: ignore[arg-type]


def next_unknown(editor: QPlainTextEdit, spell: SpellCheck) -> bool:
    """Select the next unknown word after the cursor (from the top once the end is passed)."""
    document = editor.document()
    here = editor.textCursor().selectionEnd()
    blocks = [document.findBlockByNumber(n) for n in range(document.blockCount())]
    start_block = document.findBlock(here).blockNumber()
    order = blocks[start_block:] + blocks[:start_block + 1]
    for turn, block in enumerate(order):
        start, text = checked_text(editor, block)
        base = block.position() + start
        for word in spell.unknown(text):
            if turn == 0 and base + word.start < here:
                continue
            if turn == len(order) - 1 and block.blockNumber() == start_block and base + word.start >= here:
                break
            cursor = editor.textCursor()
            cursor.setPosition(base + word.start)
            cursor.setPosition(base + word.end, QTextCursor.MoveMode.KeepAnchor)
            editor.setTextCursor(cursor)
            editor.ensureCursorVisible()
            return True
    return False
