"""The spelling entries of the body editor's context menu, and F7 to the next unknown word.

Right-clicking an underlined word offers, above the usual entries, up to five
suggestions (choosing one replaces the word, as typing would: one undo step), then
"Ignore" (for this session), "Add to Dictionary" (the user's, for every brief) and
"Add to This Brief's Words" (saved in the brief, for everyone who opens it).
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from briefbook.app.spell_check import SpellCheck
from briefbook.model.bodytext import parse_line


def word_at(cursor: QTextCursor, spell: SpellCheck) -> tuple[int, int, str] | None:
    """The unknown word under ``cursor``: its start and end in the document, and the word."""
    block = cursor.block()
    line = parse_line(block.text())
    column = cursor.positionInBlock() - line.text_start
    for word in spell.unknown(line.text):
        if word.start <= column <= word.end:
            base = block.position() + line.text_start
            return base + word.start, base + word.end, word.text
    return None


def add_spelling_entries(menu: QMenu, editor: QPlainTextEdit, spell: SpellCheck, cursor: QTextCursor) -> None:
    """Put the spelling entries for the word under ``cursor`` at the top of ``menu`` (none if it is known)."""
    found = word_at(cursor, spell)
    if found is None or editor.isReadOnly():
        return
    start, end, word = found
    first = menu.actions()[0] if menu.actions() else None
    entries: list[QAction] = []
    for suggestion in spell.suggestions(word):
        action = QAction(suggestion, menu)
        font = action.font()
        font.setBold(True)
        action.setFont(font)
        action.triggered.connect(lambda _=False, s=suggestion: replace(editor, start, end, s))
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


def next_unknown(editor: QPlainTextEdit, spell: SpellCheck) -> bool:
    """Select the next unknown word after the cursor (from the top once the end is passed)."""
    document = editor.document()
    here = editor.textCursor().selectionEnd()
    blocks = [document.findBlockByNumber(n) for n in range(document.blockCount())]
    start_block = document.findBlock(here).blockNumber()
    order = blocks[start_block:] + blocks[:start_block + 1]
    for turn, block in enumerate(order):
        line = parse_line(block.text())
        base = block.position() + line.text_start
        for word in spell.unknown(line.text):
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
