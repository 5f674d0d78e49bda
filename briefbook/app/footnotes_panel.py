"""The footnotes: listed in the order and with the numbers they will print with.

Footnotes are numbered by their first reference in the text, not by where they
sit in the file, so the list follows :func:`briefbook.model.footnote_order`. A
footnote nobody references is listed last, without a number, flagged *unused*; a
reference to an id with no text is flagged *missing* (typing a text defines it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefbook.app.fields import TextEdit, set_field_read_only
from briefbook.markup import plain_text
from briefbook.model import Brief, footnote_order

ID_ROLE = Qt.ItemDataRole.UserRole


def footnote_rows(brief: Brief) -> list[tuple[str, str, str, str]]:
    """(number or "", id, text, status) for every footnote, in printing order."""
    order = footnote_order(brief)
    rows = []
    for number, fid in enumerate(order, start=1):
        status = "" if fid in brief.footnotes else "missing"
        rows.append((str(number), fid, brief.footnotes.get(fid, ""), status))
    rows.extend(("", fid, text, "unused") for fid, text in brief.footnotes.items() if fid not in order)
    return rows


class FootnotesPanel(QWidget):
    """Edits footnote texts; asks the window to find references or delete an unused footnote."""

    textEdited = Signal(str, str)
    findReferences = Signal(str)
    deleteRequested = Signal(str)
    #: The analyst typed another id for a footnote (old, new); the window renames it, references and all.
    renameRequested = Signal(str, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        heading = QLabel("Footnotes")
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        hint = QLabel("Numbered in order of first reference. Insert one in the text with Ctrl+Alt+F; "
                      "its id is made from the words before it, and F2 renames it.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)

        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(["No.", "Id", "Text", "Status"])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName("Footnotes")
        header = self.table.header()
        header.setStretchLastSection(False)
        for column, mode in enumerate((header.ResizeMode.ResizeToContents, header.ResizeMode.ResizeToContents,
                                       header.ResizeMode.Stretch, header.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        self.table.currentItemChanged.connect(self._current_changed)
        self.table.itemActivated.connect(lambda *_: self.text.setFocus())
        # Ids are edited in their cell, on F2 or the Rename button only (a double-click opens the text).
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemChanged.connect(self._item_changed)
        rename_key = QShortcut(QKeySequence(Qt.Key.Key_F2), self.table, context=Qt.ShortcutContext.WidgetShortcut)
        rename_key.activated.connect(self.start_rename)

        editor = QWidget()
        below = QVBoxLayout(editor)
        below.setContentsMargins(0, 6, 0, 0)
        self.text_label = QLabel("&Text of the footnote:")
        self.text = TextEdit(4)
        self.text.setFixedHeight(self.text.height())
        self.text_label.setBuddy(self.text)
        self.text.edited.connect(self._text_edited)
        buttons = QHBoxLayout()
        self.find_button = QPushButton("Find &references")
        self.find_button.setToolTip("Go to the next place that refers to this footnote")
        self.find_button.clicked.connect(lambda: self._emit(self.findReferences))
        self.delete_button = QPushButton("&Delete unused")
        self.delete_button.clicked.connect(lambda: self._emit(self.deleteRequested))
        self.rename_button = QPushButton("Re&name id\u2026")
        self.rename_button.setToolTip("Give the footnote another id (F2); every reference to it follows")
        self.rename_button.clicked.connect(self.start_rename)
        buttons.addWidget(self.find_button)
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        below.addWidget(self.text_label)
        below.addWidget(self.text)
        below.addLayout(buttons)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(editor)
        split.setStretchFactor(0, 1)
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)
        self._brief: Brief | None = None
        self._read_only = False

    def set_read_only(self, read_only: bool) -> None:
        """A brief opened read-only: texts can be read and references found, nothing deleted."""
        self._read_only = read_only
        set_field_read_only(self.text, read_only)
        self._show(self.table.currentItem())

    def set_brief(self, brief: Brief, select: str | None = None) -> None:
        keep = select or self.current_id()
        self._brief = brief
        self.table.blockSignals(True)
        try:
            self.table.clear()
            warn = QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
            for number, fid, text, status in footnote_rows(brief):
                item = QTreeWidgetItem([number or "\u2014", fid, " ".join(plain_text(text).split()), status])
                item.setData(0, ID_ROLE, fid)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(1, "F2 renames the id, in every reference to it")
                item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if status:
                    item.setForeground(3, warn if status == "unused" else QBrush(Qt.GlobalColor.red))
                    item.setToolTip(3, "Never referenced: it will not print" if status == "unused"
                                    else "Referenced in the text but has no text yet")
                self.table.addTopLevelItem(item)
        finally:
            self.table.blockSignals(False)
        items = [self.table.topLevelItem(i) for i in range(self.table.topLevelItemCount())]
        chosen = next((i for i in items if i.data(0, ID_ROLE) == keep), items[0] if items else None)
        self.table.setCurrentItem(chosen)
        self._show(chosen)

    def current_id(self) -> str | None:
        item = self.table.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def select(self, fid: str, focus_text: bool = False) -> None:
        for i in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(i)
            if item.data(0, ID_ROLE) == fid:
                self.table.setCurrentItem(item)
        if focus_text:
            self.text.setFocus()
            self.text.move_to_end()

    def set_cursor(self, position: int | None) -> None:
        self.text.setFocus()
        if position is not None:
            self.text.set_cursor(position)

    def start_rename(self) -> None:
        """Open the current footnote's id for editing in its cell; Enter renames, Escape leaves it."""
        item = self.table.currentItem()
        if item is not None and not self._read_only:
            self.table.setFocus()
            self.table.editItem(item, 1)

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        old = item.data(0, ID_ROLE)
        if column == 1 and old is not None and item.text(1) != old:
            new = item.text(1)
            # After the cell's editor has finished: the rename rebuilds the list the cell is in.
            QTimer.singleShot(0, lambda: self.renameRequested.emit(old, new))

    def _current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        self._show(current)

    def _show(self, item: QTreeWidgetItem | None) -> None:
        fid = item.data(0, ID_ROLE) if item is not None else None
        enabled = fid is not None
        self.text.setEnabled(enabled)
        self.find_button.setEnabled(enabled and item.text(3) != "unused")
        self.rename_button.setEnabled(enabled and not self._read_only)
        self.delete_button.setEnabled(enabled and item.text(3) == "unused" and not self._read_only)
        self.text_label.setText(f"&Text of footnote {fid}:" if fid else "&Text of the footnote:")
        self.text.set_value(self._brief.footnotes.get(fid, "") if (self._brief and fid) else "")

    def _text_edited(self, text: str) -> None:
        fid = self.current_id()
        if fid is None:
            return
        item = self.table.currentItem()
        item.setText(2, " ".join(plain_text(text).split()))
        if item.text(3) == "missing":
            item.setText(3, "")
        self.textEdited.emit(fid, text)

    def _emit(self, signal) -> None:
        fid = self.current_id()
        if fid is not None:
            signal.emit(fid)
