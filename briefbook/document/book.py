"""The open book in the editor: the :class:`~briefbook.model.book.Book`, its path, its unsaved state and undo.

A book is small (a title, a cover, a list of paths), so each book-level edit — reorder,
add, remove, the title, the cover, the footnote numbering — keeps a copy of the book as it
was: undo restores that copy, and the book is modified while the history differs from
what was saved. The briefs themselves are not held here: each is opened for editing by
its own :class:`briefbook.document.Document` (one per brief, kept in memory by the window
until Save, so switching briefs never loses typing). Saving goes through
:func:`briefbook.fileformat.book.save_book`, the same path and ``~`` backup as the command line.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from briefbook.fileformat.book import BookEntry, BookResult, read_book, relative_entry, save_book
from briefbook.model.book import FOOTNOTE_NUMBERINGS, Book, BookCover
from briefbook.problems import Problem


class BookController(QObject):
    """Owns the open book: every change to it is a method here, one undo step each."""

    #: The book changed (an edit, an undo or a redo): views read :attr:`book` again.
    changed = Signal()
    #: The modified state or the path changed.
    stateChanged = Signal()

    def __init__(self, book: Book, path: str | os.PathLike[str] | None = None,
                 problems: list[Problem] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.path: Path | None = Path(path) if path is not None else None
        #: The problems found when the book was read (missing or broken briefs among them).
        self.problems: list[Problem] = list(problems or [])
        self._undo: list[Book] = []
        self._redo: list[Book] = []
        self._saved_depth: int | None = 0

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> tuple[BookController | None, BookResult]:
        """Read the book at ``path``; the controller is ``None`` when the book file itself cannot be read."""
        result = read_book(path)
        if result.book is None:
            return None, result
        return cls(result.book, path, result.problems), result

    # -- state -------------------------------------------------------------------------------------

    @property
    def modified(self) -> bool:
        return self._saved_depth != len(self._undo)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def brief_path(self, entry: str) -> Path:
        """Where the brief an entry names is, relative to the book's folder."""
        folder = self.path.parent if self.path is not None else Path.cwd()
        return folder / entry

    def entries(self) -> list[BookEntry]:
        """The book's briefs in order, with their paths (not read: the window opens them)."""
        return [BookEntry(entry, self.brief_path(entry), (1, 1)) for entry in self.book.entries]

    # -- edits ----------------------------------------------------------------------------------------

    def _edit(self, change) -> None:
        before = copy.deepcopy(self.book)
        after = copy.deepcopy(self.book)
        change(after)
        if after == before:
            return
        was_modified = self.modified
        self._undo.append(before)
        if self._saved_depth is not None and self._saved_depth > len(self._undo) - 1:
            self._saved_depth = None
        self._redo.clear()
        self.book = after
        self.changed.emit()
        if was_modified != self.modified:
            self.stateChanged.emit()

    def move(self, index: int, to: int) -> None:
        """Move the brief at ``index`` to position ``to`` (drag, or Move Up/Down)."""
        count = len(self.book.entries)
        if not (0 <= index < count and 0 <= to < count) or index == to:
            return

        def change(book: Book) -> None:
            book.entries.insert(to, book.entries.pop(index))
        self._edit(change)

    def reorder(self, entries: list[str]) -> None:
        """Put the briefs in the order given (a permutation of the current entries, as a drop leaves them)."""
        if sorted(entries) != sorted(self.book.entries):
            raise ValueError("a reorder must keep the same briefs")
        self._edit(lambda book: setattr(book, "entries", list(entries)))

    def add_brief(self, brief: str | os.PathLike[str], at: int | None = None) -> str:
        """Add the brief at path ``brief`` (named relative to the book) at ``at`` or at the end; its entry."""
        entry = relative_entry(brief, self.path) if self.path is not None else Path(brief).absolute().as_posix()
        position = len(self.book.entries) if at is None else at
        self._edit(lambda book: book.entries.insert(position, entry))
        return entry

    def remove_brief(self, index: int) -> None:
        """Take the brief at ``index`` out of the book; its file stays where it is."""
        if 0 <= index < len(self.book.entries):
            self._edit(lambda book: book.entries.pop(index))

    def set_title(self, title: str) -> None:
        self._edit(lambda book: setattr(book, "title", title))

    def set_cover(self, **values: str) -> None:
        """Set fields of the book's cover (``event=…``, ``dates=…``…)."""
        unknown = set(values) - set(BookCover.FIELDS)
        if unknown:
            raise ValueError(f"no cover field {', '.join(sorted(unknown))}")
        self._edit(lambda book: setattr(book, "cover", book.cover.replace(**values)))

    def set_footnotes(self, numbering: str) -> None:
        """Number footnotes per brief or through the book (:data:`briefbook.model.book.FOOTNOTE_NUMBERINGS`)."""
        if numbering not in FOOTNOTE_NUMBERINGS:
            raise ValueError(f"footnote numbering must be one of {', '.join(FOOTNOTE_NUMBERINGS)}")
        self._edit(lambda book: setattr(book, "footnotes", numbering))

    def undo(self) -> None:
        if not self._undo:
            return
        was_modified = self.modified
        self._redo.append(self.book)
        self.book = self._undo.pop()
        self.changed.emit()
        if was_modified != self.modified:
            self.stateChanged.emit()

    def redo(self) -> None:
        if not self._redo:
            return
        was_modified = self.modified
        self._undo.append(self.book)
        self.book = self._redo.pop()
        self.changed.emit()
        if was_modified != self.modified:
            self.stateChanged.emit()

    # -- saving ---------------------------------------------------------------------------------------

    def save(self, path: str | os.PathLike[str] | None = None) -> None:
        """Write the book (to ``path``, which becomes its path, if given); raises :class:`SaveError`."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("the book has no file yet: save it with a name")
        if path is not None and self.path is not None and target.absolute().parent != self.path.absolute().parent:
            # the entries are relative to the book's folder: name the same briefs from the new one
            old = self.path
            self.book.entries = [relative_entry(old.parent / entry, target) for entry in self.book.entries]
        save_book(self.book, target)
        self.path = target
        self._saved_depth = len(self._undo)
        self.stateChanged.emit()


__all__ = ["BookController"]
