"""The list keys of the body editor: Enter, Backspace, Tab and Shift+Tab on bullets, as in Word.

Each works on the editor's lines in the syntax of :mod:`briefbook.model.bodytext` and
makes its whole change in one edit block, so the document records it as one edit.
See :mod:`briefbook.app.body_editor` for what each key does where.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from briefbook.model import bodytext
from briefbook.model.bodytext import BULLET_MARKERS, Line, parse_line

#: The body editor's own keys — handled in its key press, not window actions — as Help ▸
#: Keyboard Shortcuts lists them beside the actions (see :mod:`briefbook.app.body_editor`).
EDITOR_KEYS: tuple[tuple[str, str], ...] = (
    ("Enter", "On a bullet: the next bullet; on an empty bullet: one level back, then the end of the list"),
    ("Shift+Enter", "A line break within the paragraph or bullet"),
    ("Tab", "Bullet one level deeper (a paragraph or blank line becomes a bullet)"),
    ("Shift+Tab", "Bullet one level back (a top-level bullet becomes a paragraph)"),
    ("Backspace", "Right after a bullet's marker: the marker goes, the text stays"),
    ("Ctrl+Shift+V", "Paste as plain text, every character printing as seen"),
    ("Ctrl+Tab, Ctrl+Shift+Tab", "Leave the editor for the next or previous field"),
)


def _place(editor: QPlainTextEdit, line: int, column: int) -> None:
    document = editor.document()
    block = document.findBlockByNumber(min(line, document.blockCount() - 1))
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + min(column, len(block.text())))
    editor.setTextCursor(cursor)


def _line(editor: QPlainTextEdit) -> tuple[QTextCursor, Line, int]:
    cursor = editor.textCursor()
    return cursor, parse_line(cursor.block().text()), cursor.positionInBlock()


def _replace_block(editor: QPlainTextEdit, cursor: QTextCursor, text: str, column: int) -> None:
    """Replace the cursor's whole line with ``text`` and put the cursor at ``column``."""
    block = cursor.block()
    cursor.beginEditBlock()
    cursor.setPosition(block.position())
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(text)
    cursor.setPosition(block.position() + max(0, min(column, len(text))))
    cursor.endEditBlock()
    editor.setTextCursor(cursor)


def enter(editor: QPlainTextEdit) -> bool:
    """Enter on a bullet: the next bullet, an empty bullet above, or the end of the list; False elsewhere."""
    cursor, line, column = _line(editor)
    if line.kind != "bullet" or cursor.hasSelection():
        return False
    prefix = "  " * line.level + "- "
    if not line.text:
        if line.level > 0:
            _replace_block(editor, cursor, "  " * (line.level - 1) + "- ", 10**6)
        else:
            _replace_block(editor, cursor, "\n", 1)
        return True
    if column <= line.text_start:
        cursor.beginEditBlock()
        cursor.setPosition(cursor.block().position())
        cursor.insertText(prefix.rstrip() + "\n")
        cursor.setPosition(cursor.block().position() + line.text_start)
        cursor.endEditBlock()
        editor.setTextCursor(cursor)
        return True
    cursor.beginEditBlock()
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    rest = cursor.selectedText().lstrip(" ")
    cursor.insertText("")
    # Trailing spaces left before the split are not part of the text.
    while cursor.positionInBlock() > line.text_start and cursor.block().text()[cursor.positionInBlock() - 1] == " ":
        cursor.deletePreviousChar()
    cursor.insertText("\n" + prefix + rest)
    cursor.setPosition(cursor.block().position() + len(prefix))
    cursor.endEditBlock()
    editor.setTextCursor(cursor)
    return True


def space(editor: QPlainTextEdit) -> bool:
    """A space typed after a marker at the start of a bullet's text keeps the one bullet; False elsewhere.

    Enter has already made the line a bullet (``- ``); an analyst used to typing ``- ``
    for a bullet types it again, which would make ``- - text``, a bullet whose text
    starts with a dash that prints. The second marker is taken back instead of the
    space being typed.
    """
    cursor, line, column = _line(editor)
    if line.kind != "bullet" or cursor.hasSelection() or column != line.text_start + 1:
        return False
    if not line.text or line.text[0] not in BULLET_MARKERS:
        return False
    cursor.deletePreviousChar()
    editor.setTextCursor(cursor)
    return True


def backspace(editor: QPlainTextEdit) -> bool:
    """Backspace right after a bullet's marker removes the marker; False elsewhere."""
    cursor, line, column = _line(editor)
    if line.kind != "bullet" or cursor.hasSelection() or column != line.text_start:
        return False
    _replace_block(editor, cursor, line.text, 0)
    return True


def indent(editor: QPlainTextEdit, step: int) -> None:
    """Indent (+1) or outdent (-1) the bullets of the selection or the cursor's line."""
    cursor = editor.textCursor()
    doc = editor.document()
    first = doc.findBlock(cursor.selectionStart()).blockNumber()
    last_block = doc.findBlock(cursor.selectionEnd())
    last = last_block.blockNumber()
    if cursor.hasSelection() and last > first and cursor.selectionEnd() == last_block.position():
        last -= 1  # a selection ending at a line's start does not include that line
    lines = [doc.findBlockByNumber(number).text() for number in range(doc.blockCount())]
    infos = [parse_line(text) for text in lines]
    # Bullets carry their sub-bullets along: the lines below the selection that are
    # nested deeper than its shallowest bullet.
    levels = [info.level for info in infos[first:last + 1] if info.kind == "bullet"]
    floor = min(levels) if levels else len(lines)
    end = last
    while end + 1 < len(infos) and infos[end + 1].kind == "bullet" and infos[end + 1].level > floor:
        end += 1
    above = infos[first - 1] if first > 0 else Line("blank")
    new_lines: list[str] = []
    for number in range(first, end + 1):
        info = infos[number]
        if info.kind == "bullet":
            level = info.level + step
            if step > 0 and number == first and (above.kind != "bullet" or level > above.level + 1):
                return  # nothing to nest under: the first bullet of a list stays put
            new = "  " * level + "- " + info.text if level >= 0 else bodytext.paragraph_line(info.text)
        elif info.kind == "paragraph" and step > 0:
            level = above.level if above.kind == "bullet" and number == first else 0
            new = "  " * level + "- " + info.text
        elif info.kind == "blank" and step > 0 and first == end:
            level = above.level if above.kind == "bullet" else 0
            new = "  " * level + "- "
        else:
            new = lines[number]
        new_lines.append(new)
    if new_lines == lines[first:end + 1]:
        return
    start_block, end_block = doc.findBlockByNumber(first), doc.findBlockByNumber(end)
    keep_column = not cursor.hasSelection()
    cursor_line = cursor.blockNumber()
    column = cursor.positionInBlock() - infos[cursor_line].text_start
    edit = QTextCursor(doc)
    edit.beginEditBlock()
    edit.setPosition(start_block.position())
    edit.setPosition(end_block.position() + len(end_block.text()), QTextCursor.MoveMode.KeepAnchor)
    edit.insertText("\n".join(new_lines))
    edit.endEditBlock()
    if keep_column:
        new_line = new_lines[cursor_line - first]
        _place(editor, cursor_line, parse_line(new_line).text_start + max(0, column))
    else:
        block = doc.findBlockByNumber(end)
        edit.setPosition(doc.findBlockByNumber(first).position())
        edit.setPosition(block.position() + len(block.text()), QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(edit)
