"""The cover block form: body, event, dates, kind, reference, languages, title, website, TOC, disclaimer.

The form only shows and reports; the window turns each edit into an undoable
change. The reference is checked as it is typed with the checks' own rule
(:func:`briefbook.checks.check_reference`), so the warning here and in the problems
list always agree; a misfit is a warning under the field, never a refusal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from briefbook.app.fields import LineEdit, TextEdit, saveable, set_field_read_only
from briefbook.languages import language_of, language_table
from briefbook.model import KNOWN_KINDS, Meta, disclaimer_for

if TYPE_CHECKING:
    from briefbook.app.spell_check import SpellCheck

#: Fields in form order, with their labels (mnemonics for Alt+letter).
LABELS = {
    "body": "&Body:",
    "event": "Eve&nt:",
    "dates": "&Dates:",
    "kind": "&Kind:",
    "reference": "&Reference:",
    "original": "&Original language:",
    "issued": "&Issued:",
    "language": "&Language of this version:",
    "title": "&Title:",
    "website": "&Website:",
    "toc": "Table of &contents:",
    "disclaimer": "Disclai&mer:",
}


#: The fields spell-checked (the reference, the website and the lists hold no words to check).
SPELLED = ("body", "event", "dates", "issued", "title", "disclaimer")


def reference_problems(meta: Meta) -> list[str]:
    """What the checks say about the reference, as sentences (empty when it fits)."""
    from briefbook.checks import check_reference

    return [p.message[:1].upper() + p.message[1:] + "." for p in check_reference(meta.reference, meta.language)]


class MetaForm(QScrollArea):
    """Edits a :class:`Meta`; ``fieldEdited(name, value)`` fires on each user edit."""

    fieldEdited = Signal(str, object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        inner = QWidget()
        outer = QVBoxLayout(inner)
        outer.setContentsMargins(16, 12, 16, 12)
        heading = QLabel("Cover")
        heading.setObjectName("pageHeading")
        outer.addWidget(heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        outer.addLayout(form)
        outer.addStretch(1)
        self.setWidget(inner)
        self._meta = Meta()
        self.widgets: dict[str, QWidget] = {}

        for name in ("body",):
            self._line(form, name, "NATO PARLIAMENTARY ASSEMBLY")
        self._text(form, "event", 2, "The event, in capitals; may take several lines")
        self._line(form, "dates", "17-18 October 2024")
        kind = QComboBox()
        kind.setEditable(True)
        kind.addItems(list(KNOWN_KINDS))
        kind.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        kind.lineEdit().textEdited.connect(lambda text: self._edited("kind", text))
        kind.activated.connect(lambda _i: self._edited("kind", kind.currentText()))
        self._row(form, "kind", kind)

        self.reference_warning = QLabel()
        self.reference_warning.setObjectName("fieldWarning")
        self.reference_warning.setWordWrap(True)
        self.reference_warning.hide()
        reference = self._make_line("reference", "182 SPE 24 E")
        box = QWidget()
        row = QVBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(reference)
        row.addWidget(self.reference_warning)
        self._row(form, "reference", box, reference)

        original = QComboBox()
        original.setEditable(True)
        table = language_table()
        original.addItems(list(dict.fromkeys(word for language in table.languages.values()
                                             for word in language.names.values())))
        original.lineEdit().textEdited.connect(lambda text: self._edited("original", text))
        original.activated.connect(lambda _i: self._edited("original", original.currentText()))
        self._row(form, "original", original)
        self._line(form, "issued", "October 2024")
        language = QComboBox()
        for code in table.languages:
            language.addItem(f"{table.get('en').names.get(code, code)} ({code})", code)
        language.activated.connect(lambda i: self._edited("language", language.itemData(i)))
        self._row(form, "language", language)
        self._text(form, "title", 3, "The title, in capitals")
        self._line(form, "website", "www.nato-pa.int")
        toc = QCheckBox("After the cover block")
        toc.toggled.connect(lambda on: self._edited("toc", bool(on)))
        self._row(form, "toc", toc)
        self._text(form, "disclaimer", 3, "")

    # building ----------------------------------------------------------------------------------
    def _row(self, form: QFormLayout, name: str, widget: QWidget, buddy: QWidget | None = None) -> None:
        label = QLabel(LABELS[name])
        label.setBuddy(buddy or widget)
        form.addRow(label, widget)
        self.widgets[name] = buddy or widget

    def _make_line(self, name: str, placeholder: str) -> LineEdit:
        edit = LineEdit()
        edit.setPlaceholderText(placeholder)
        edit.edited.connect(lambda text: self._edited(name, text))
        return edit

    def _line(self, form: QFormLayout, name: str, placeholder: str) -> None:
        self._row(form, name, self._make_line(name, placeholder))

    def _text(self, form: QFormLayout, name: str, lines: int, placeholder: str) -> None:
        edit = TextEdit(lines)
        edit.setPlaceholderText(placeholder)
        edit.edited.connect(lambda text: self._edited(name, text))
        self._row(form, name, edit)

    # showing ------------------------------------------------------------------------------------
    def set_meta(self, meta: Meta) -> None:
        """Show ``meta`` without reporting edits."""
        self._meta = meta
        for name, widget in self.widgets.items():
            value = getattr(meta, name)
            widget.blockSignals(True)
            try:
                if isinstance(widget, (LineEdit, TextEdit)):
                    widget.set_value(value)
                elif isinstance(widget, QCheckBox):
                    widget.setChecked(bool(value))
                elif isinstance(widget, QComboBox) and name == "language":
                    index = widget.findData(value)
                    if index < 0:
                        widget.addItem(value, value)
                        index = widget.count() - 1
                    widget.setCurrentIndex(index)
                elif isinstance(widget, QComboBox) and widget.currentText() != value:
                    widget.setEditText(value)
            finally:
                widget.blockSignals(False)
        self._refresh_derived()

    def set_spell_check(self, spell: SpellCheck) -> None:
        """Underline unknown words in the fields that hold words (:data:`SPELLED`)."""
        for name in SPELLED:
            self.widgets[name].set_spell_check(spell)  # type: ignore[attr-defined]

    def set_read_only(self, read_only: bool) -> None:
        """Fields show the cover of a brief opened read-only; the lists and the check box are disabled."""
        for widget in self.widgets.values():
            set_field_read_only(widget, read_only)

    def set_cursor(self, name: str, position: int | None) -> None:
        widget = self.widgets.get(name)
        if widget is None:
            return
        widget.setFocus()
        if position is not None and isinstance(widget, (LineEdit, TextEdit)):
            widget.set_cursor(position)

    def _edited(self, name: str, value: object) -> None:
        widget = self.widgets[name]
        if isinstance(value, str) and isinstance(widget, QComboBox):  # the fields clean their own text
            clean = saveable(self, value)
            if clean != value:
                value = clean
                widget.setEditText(clean)
        self.fieldEdited.emit(name, value)

    def _refresh_derived(self) -> None:
        """The disclaimer's derived wording and the reference warning follow the current values."""
        disclaimer = self.widgets["disclaimer"]
        disclaimer.setPlaceholderText(
            disclaimer_for(self._meta.kind, language_of(self._meta.language)) + "  (derived; type to replace)"
        )
        messages = reference_problems(self._meta)
        self.reference_warning.setText("\u26a0 " + " ".join(messages) if messages else "")
        self.reference_warning.setVisible(bool(messages))
        self.reference_warning.setToolTip(" ".join(messages))

    def refresh(self) -> None:
        """Called by the window after the model changed (e.g. the kind or the reference)."""
        self._refresh_derived()
