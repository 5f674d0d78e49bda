"""The outline: the parts of the brief, with sections numbered as they will print.

Top-level entries are the cover, the key takeaways, each section (nested, ``I.``,
``A.``, ``1.``), the footnotes and the sources. Each item carries its model path, so
selecting one tells the window what to edit. Sections can be dragged to a new place;
the outline does not move anything itself, it asks the window (``sectionDropped``)
so that the move is one undoable change and the numbers are recomputed from the model.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QDropEvent, QFont, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
)

from briefbook.markup import plain_text
from briefbook.model import Address, Brief, Path, iter_sections

PATH_ROLE = Qt.ItemDataRole.UserRole

COVER = Address.cover()
TAKEAWAYS = Address.takeaways()
FOOTNOTES = Address.footnotes()
SOURCES = Address.sources()


def is_section(path: Path) -> bool:
    return Address.of(path).is_section


def section_text(label: str, title: str) -> str:
    title = " ".join(plain_text(title).split()) or "(untitled)"
    return f"{label}\u2002{title}"


class Outline(QTreeWidget):
    """Shows the brief's parts; emits ``pathSelected`` and ``sectionDropped``."""

    pathSelected = Signal(tuple)
    #: (section path, new parent path or (), index among the parent's sub-sections)
    sectionDropped = Signal(tuple, tuple, int)
    #: The Delete key on a section.
    deleteRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setUniformRowHeights(True)
        self.setRootIsDecorated(False)
        self.setIndentation(16)
        self.setObjectName("outline")
        self.setExpandsOnDoubleClick(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName("Outline")
        self.currentItemChanged.connect(self._current_changed)
        self._items: dict[Path, QTreeWidgetItem] = {}
        self._silent = False
        blank = QPixmap(self.iconSize() if self.iconSize().isValid() else QSize(16, 16))
        blank.fill(Qt.GlobalColor.transparent)
        self._blank = QIcon(blank)

    # building ------------------------------------------------------------------------------
    def set_brief(self, brief: Brief, select: Path | None = None) -> None:
        """Rebuild from the model, keeping (or setting) the selection without emitting it."""
        keep = select if select is not None else self.current_path()
        self._silent = True
        try:
            self.clear()
            self._items = {}
            bold = QFont(self.font())
            bold.setBold(True)
            icon = self.style().standardIcon
            Pixmap = QStyle.StandardPixmap
            self._add(None, COVER, "Cover", bold, draggable=False).setIcon(0, icon(Pixmap.SP_FileIcon))
            self._add(None, TAKEAWAYS, "Key takeaways", bold, draggable=False).setIcon(
                0, icon(Pixmap.SP_FileDialogContentsView))
            for entry in iter_sections(brief):
                parent = self._items.get(entry.path[:-2])
                item = self._add(parent, entry.path, section_text(entry.label, entry.section.title), None, True)
                if entry.level == 1:
                    item.setFont(0, bold)
                    item.setIcon(0, self._blank)  # numbers line up with the entries that have icons
            self._add(None, FOOTNOTES, f"Footnotes ({len(brief.footnotes)})", bold, draggable=False).setIcon(
                0, icon(Pixmap.SP_FileDialogDetailedView))
            self._add(None, SOURCES, f"Sources ({len(brief.sources)})", bold, draggable=False).setIcon(
                0, icon(Pixmap.SP_DirLinkIcon))
            self.expandAll()
            self.select(keep if keep in self._items else COVER, emit=False)
        finally:
            self._silent = False

    def _add(self, parent, path: Path, text: str, font: QFont | None, draggable: bool) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        item.setData(0, PATH_ROLE, path)
        item.setToolTip(0, text)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if draggable:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        if draggable or path == TAKEAWAYS:  # sections can be dropped onto sections and after the takeaways
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        item.setFlags(flags)
        if font is not None:
            item.setFont(0, font)
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        self._items[path] = item
        return item

    def update_section_title(self, brief: Brief, path: Path) -> None:
        """Refresh one section's text after its title changed (numbers do not change then)."""
        for entry in iter_sections(brief):
            if entry.path == path and path in self._items:
                text = section_text(entry.label, entry.section.title)
                self._items[path].setText(0, text)
                self._items[path].setToolTip(0, text)

    # word counts, shown on request (app/counts_view.py fills them) ----------------------------
    def show_counts_column(self, visible: bool) -> None:
        """A second, right-aligned column for each part's word count, as wide as :meth:`fit_counts` makes it.

        Not sized to its contents by the header, which would measure every entry again at
        each count set: a long brief's outline would take a second to fill.
        """
        if self.columnCount() == (2 if visible else 1):
            return
        self.setColumnCount(2 if visible else 1)
        if visible:
            header = self.header()
            header.setStretchLastSection(False)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)

    def fit_counts(self) -> None:
        """Make the counts column as wide as its widest count."""
        if self.columnCount() == 2:
            self.resizeColumnToContents(1)

    def has_counts(self) -> bool:
        """Whether the counts column is shown and filled (a rebuild from the model empties it)."""
        item = self._items.get(TAKEAWAYS)
        return self.columnCount() == 2 and item is not None and bool(item.text(1))

    def set_count(self, path: Path, text: str, tip: str, colour: QBrush, marked: bool) -> None:
        """Show ``text`` in the counts column of the entry at ``path``; ``marked`` (over budget) in bold."""
        item = self._items.get(path)
        if item is None:
            return
        if item.text(1) == text and item.toolTip(1) == tip:
            return
        item.setText(1, text)
        item.setToolTip(1, tip)
        item.setForeground(1, colour)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if item.font(1).bold() != marked:
            font = QFont(self.font())
            font.setBold(marked)
            item.setFont(1, font)

    # selection ------------------------------------------------------------------------------
    def current_path(self) -> Path | None:
        item = self.currentItem()
        return Address(item.data(0, PATH_ROLE)) if item is not None else None

    def select(self, path: Path, emit: bool = True) -> None:
        item = self._items.get(path)
        if item is None:
            return
        was = self._silent
        self._silent = not emit
        try:
            self.setCurrentItem(item, 0, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.scrollToItem(item)
        finally:
            self._silent = was

    def item_for(self, path: Path) -> QTreeWidgetItem | None:
        return self._items.get(path)

    def item_text(self, path: Path) -> str:
        item = self._items.get(path)
        return item.text(0) if item is not None else ""

    def paths(self) -> list[Path]:
        out = []
        iterator = QTreeWidgetItemIterator(self)
        while iterator.value():
            out.append(tuple(iterator.value().data(0, PATH_ROLE)))
            iterator += 1
        return out

    def _current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        if current is not None and not self._silent:
            self.pathSelected.emit(tuple(current.data(0, PATH_ROLE)))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Delete and is_section(self.current_path() or ()):
            self.deleteRequested.emit()
            return
        super().keyPressEvent(event)

    # drag and drop ---------------------------------------------------------------------------
    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        """Translate the drop into (section, new parent, index) and let the window move it."""
        source = self.currentItem()
        target = self.itemAt(event.position().toPoint())
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if source is None or not is_section(tuple(source.data(0, PATH_ROLE))):
            return
        src_path = tuple(source.data(0, PATH_ROLE))
        if target is None:
            parent, index = (), self._top_section_count()
        else:
            path = tuple(target.data(0, PATH_ROLE))
            where = self._drop_position(target, event.position().toPoint().y())
            if path == TAKEAWAYS:
                parent, index = (), 0
            elif not is_section(path):
                parent, index = (), self._top_section_count()
            elif where == "on":
                parent, index = path, target.childCount()
            elif where == "below":
                parent, index = path[:-2], path[-1] + 1
            else:
                parent, index = path[:-2], path[-1]
        self.sectionDropped.emit(src_path, parent, index)

    def _drop_position(self, item: QTreeWidgetItem, y: int) -> str:
        """'above', 'on' or 'below' the item: its top and bottom quarters mean between items."""
        rect = self.visualItemRect(item)
        margin = max(2, rect.height() // 4)
        if y < rect.top() + margin:
            return "above"
        if y > rect.bottom() - margin:
            return "below"
        return "on"

    def _top_section_count(self) -> int:
        return sum(1 for path in self._items if is_section(path) and len(path) == 2)
