"""The Book panel: a book's briefs in order, its title and footnote numbering, edited through the controller.

The panel holds no book state of its own: it shows :attr:`BookController.book` and sends
every change — a drag, Move Up/Down, Add Brief…, Remove Brief from Book, the title, the
numbering — to the :class:`briefbook.document.book.BookController` as one undo step.
What it keeps is only how each entry looked when last read (its brief's title, or the
problem that kept it from loading), so a missing or broken brief is shown greyed with
its problem and path while the others stay usable. Choosing a brief emits
:attr:`BookPanel.briefChosen` with its path; the window opens it in its own Document.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefbook.document.book import BookController
from briefbook.fileformat import read
from briefbook.fileformat.book import BookResult
from briefbook.model.book import PER_BRIEF, THROUGH_BOOK

ENTRY_ROLE = Qt.ItemDataRole.UserRole
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1


class BriefList(QListWidget):
    """The briefs, reordered by dragging; a drop is handed to the panel as the new order."""

    dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setSpacing(3)
        self.setAlternatingRowColors(True)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().dropEvent(event)
        self.dropped.emit([self.item(row).data(ENTRY_ROLE) for row in range(self.count())])


class BookPanel(QWidget):
    """The book's outline: briefs (title and path), their order, the book's title and numbering."""

    briefChosen = Signal(Path)

    def __init__(self, controller: BookController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        #: entry -> (the brief's title, or "" ; the problem that kept it from loading, or "")
        self._seen: dict[str, tuple[str, str]] = {}
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Title of the book")
        self.numbering = QComboBox()
        self.numbering.addItem("Footnotes numbered per brief", PER_BRIEF)
        self.numbering.addItem("Footnotes numbered through the book", THROUGH_BOOK)
        self.list = BriefList()
        self.up = QPushButton("Move Up")
        self.down = QPushButton("Move Down")
        self.add = QPushButton("Add Brief…")
        self.remove = QPushButton("Remove from Book")
        form = QFormLayout()
        form.addRow("Book", self.title_edit)
        form.addRow("", self.numbering)
        buttons = QHBoxLayout()
        for button in (self.up, self.down, self.add, self.remove):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.title_edit.editingFinished.connect(lambda: controller.set_title(self.title_edit.text()))
        self.numbering.activated.connect(lambda _: controller.set_footnotes(self.numbering.currentData()))
        self.list.dropped.connect(controller.reorder)
        self.list.itemActivated.connect(self._choose)
        self.list.itemClicked.connect(self._choose)
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.add.clicked.connect(self.add_brief)
        self.remove.clicked.connect(self._remove)
        controller.changed.connect(self.refresh)
        self.refresh()

    def note_result(self, result: BookResult) -> None:
        """Remember each entry's title or problem from the book as it was read."""
        for loaded in result.briefs:
            problems = [p.message for p in result.problems if p.message.startswith(f"the brief {loaded.entry} ")]
            title = " ".join(loaded.brief.meta.title.split()) if loaded.brief is not None else ""
            self._seen[loaded.entry] = (title, problems[0] if problems else "")
        self.refresh()

    def _look(self, entry: str) -> tuple[str, str]:
        if entry not in self._seen:
            path = self.controller.brief_path(entry)
            if not path.exists():
                self._seen[entry] = ("", f"the brief {entry} is missing (no file at {path})")
            else:
                result = read(path)
                if result.brief is None:
                    reason = result.errors[0].message if result.errors else "it could not be read"
                    self._seen[entry] = ("", f"the brief {entry} has errors: {reason}")
                else:
                    self._seen[entry] = (" ".join(result.brief.meta.title.split()), "")
        return self._seen[entry]

    def refresh(self) -> None:
        """Show the book as the controller holds it, keeping the chosen entry chosen."""
        book = self.controller.book
        if not self.title_edit.hasFocus():
            self.title_edit.setText(book.title)
        self.numbering.setCurrentIndex(max(0, self.numbering.findData(book.footnotes)))
        chosen = self.current_entry()
        self.list.clear()
        grey = QBrush(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        for entry in book.entries:
            title, problem = self._look(entry)
            item = QListWidgetItem(f"{title or Path(entry).name}\n{entry}" if not problem
                                   else f"{Path(entry).name} — cannot open\n{problem}")
            item.setData(ENTRY_ROLE, entry)
            item.setData(PROBLEM_ROLE, problem)
            item.setToolTip(problem or str(self.controller.brief_path(entry)))
            if problem:
                item.setForeground(grey)
            self.list.addItem(item)
            if entry == chosen:
                self.list.setCurrentItem(item)

    def current_entry(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ENTRY_ROLE) if item is not None else None

    def _choose(self, item: QListWidgetItem) -> None:
        if not item.data(PROBLEM_ROLE):
            self.briefChosen.emit(self.controller.brief_path(item.data(ENTRY_ROLE)))

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.controller.move(row, row + step)

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.controller.remove_brief(row)

    def add_brief(self) -> None:
        """Add Brief…: choose brief files to add after the chosen one (or at the end)."""
        folder = str(self.controller.path.parent) if self.controller.path is not None else ""
        paths, _ = QFileDialog.getOpenFileNames(self, "Add Brief to Book", folder, "Briefs (*.brief.yaml)")
        row = self.list.currentRow()
        for offset, path in enumerate(paths):
            self.controller.add_brief(path, None if row < 0 else row + 1 + offset)


__all__ = ["BookPanel"]
