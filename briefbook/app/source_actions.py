"""The window's source commands: the source pane kept in step, Quote, Add Source and the quotation check.

:class:`SourceActions` owns what the window does with the brief's sources; the brief's
sources themselves are the document's, their stored texts ``briefbook.sources.store``'s:

- the pane (:class:`~briefbook.app.source_pane.SourcePane`) is given the sources and their
  texts whenever the list may have changed (a brief opened, a source added, removed or
  edited, the brief saved under a new name), read through ``read_sources``, which reads a
  file again only when it changed; a missing or changed file is a warning in the Problems
  panel and a state on the Sources page, never an error;
- **Quote** inserts the passage selected in the pane where the analyst was writing (the
  text field of the editing pages that last had the keyboard), as
  :func:`~briefbook.app.quote_view.quote_text` makes it; **Quote with Citation** adds a
  footnote citing the source after the closing mark. Either is one undo step
  (:meth:`Document.one_step`), the footnote a structural edit inside it;
- **Add Source** (the menu, the pane's button, files dropped on the pane) extracts each
  file's text, asks the analyst to confirm its title, address and date, stores the text
  beside the brief and adds the sources as one undo step. A brief not yet saved is saved
  first: the texts live in a folder beside it;
- the quotation check (:class:`~briefbook.app.quote_checking.QuoteCheckRun`) runs after
  typing pauses; its warnings go to the Problems panel, every quotation's class to the
  pane's list, and going to an altered or verified quotation shows its passage in the pane.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPlainTextEdit, QWidget

from briefbook.app.body_editor import BodyEditor
from briefbook.app.fields import LineEdit, TextEdit
from briefbook.app.problems_panel import describe_place
from briefbook.app.quote_checking import QuoteCheckRun
from briefbook.app.quote_view import difference_html, quote_text
from briefbook.app.source_dialog import SourceDetails, ask_source_details, ask_source_files
from briefbook.app.source_pane import SourcePane
from briefbook.model import Address, Brief, Source, structure
from briefbook.problems import Problem

if TYPE_CHECKING:
    from briefbook.app.main_window import MainWindow
    from briefbook.quotes import Quotation, Verdict

#: Where the choice to show the source pane is remembered (see :class:`~briefbook.app.session.Session`).
PANE_FLAG = "source_pane"
#: Characters after which a quotation is put without a space before it.
_NO_SPACE_AFTER = "([{\u201c\u00ab\u2018'\"/\u2014\u2013-"


def citation(source: Source, language: str) -> str:
    """The footnote citing ``source`` in the brief's footnote style (the store's own rule)."""
    from briefbook.sources.store import citation as store_citation

    return store_citation(source, language)


class SourceActions(QObject):
    """The source pane and the source commands of one window (see the module docstring)."""

    def __init__(self, window: MainWindow, pane: SourcePane) -> None:
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.pages = window.pages
        self.pane = pane
        self.check = QuoteCheckRun(self.document, self)
        self.check.finished.connect(self._checked)
        #: The warnings of reading the sources' files (missing, changed, unreadable).
        self.source_problems: list[Problem] = []
        self._path: str | None = None
        self._list_stale = False
        #: The text field of the editing pages that last had the keyboard: where Quote inserts.
        self._target: QWidget | None = None
        #: Asked for the files to add and each one's details; tests put their answers here.
        self.ask_files = lambda: ask_source_files(window, str(Path(self.document.path or ".").parent))
        self.ask_details = lambda file, details: ask_source_details(window, file, details)
        self.confirm_save_first = self._confirm_save_first
        pane.quoteRequested.connect(self.quote)
        pane.addRequested.connect(self.add_source)
        pane.filesDropped.connect(self.add_files)
        pane.quotations.quotationActivated.connect(self._quotation_chosen)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.document.replaced.connect(lambda _select: self.reload())
        self.document.changed.connect(self._changed)
        self.document.stateChanged.connect(self._state_changed)
        self.document.readOnlyChanged.connect(self._read_only_changed)

    # -- the pane ----------------------------------------------------------------------------------
    def set_visible(self, visible: bool) -> None:
        """View ▸ Source Pane: beside the editor, the preview moved over to make room the first time."""
        pane, splitter = self.pane, self.window.splitter
        was_hidden = pane.isHidden()
        pane.setVisible(visible)
        action = getattr(self.window, "source_pane_action", None)
        if action is not None:
            action.setChecked(visible)
        if visible:
            self._show_quotations()
        if visible and was_hidden:
            sizes = splitter.sizes()  # a hidden widget's is 0
            where, preview = splitter.indexOf(pane), splitter.indexOf(self.window.preview)
            if sizes[where] < pane.minimumWidth() + 40:
                room = (sum(sizes) - sizes[0]) if sum(sizes) else self.window.width() - 240
                shares = (0.4, 0.3, 0.3) if not self.window.preview.isHidden() else (0.55, 0.45, 0.0)
                sizes[1], sizes[where], sizes[preview] = (int(room * share) for share in shares)
                splitter.setSizes(sizes)

    def focus_pane(self) -> None:
        self.set_visible(True)
        self.pane.view.setFocus()

    def reload(self, choose: int | None = None) -> None:
        """Read the sources' stored texts again (only files that changed are read) and show them."""
        from briefbook.sources.store import read_sources

        brief, path = self.document.brief, self.document.path
        self._path = path
        try:
            found = read_sources(Path(path) if path else None, brief)
            texts, problems = list(found.texts), list(found.problems)
        except Exception as exc:  # noqa: BLE001 - a source must never take the editor down
            texts, problems = [], []
            self.window.statusBar().showMessage(f"The sources' texts could not be read: {exc}", 10000)
        states: dict[int, str] = {}
        for problem in problems:
            where = problem.path
            if len(where) > 1 and isinstance(where[1], int):
                states[where[1]] = problem.message
        self.source_problems = problems
        self.pane.set_sources(brief.sources, {text.index: text.text for text in texts}, states, choose)
        self.pages.sources.set_states(states)
        self.check.set_texts(texts)
        self._show_problems()

    def _changed(self, change) -> None:
        if change.structural or (change.path and change.path.area == "sources"):
            self.reload()

    def _state_changed(self) -> None:
        if self.document.path != self._path:  # saved under a new name: the texts are beside it now
            self.reload()

    def _read_only_changed(self, read_only: bool) -> None:
        self.pane.set_read_only(read_only)
        for name in ("quote_action", "cite_action", "add_source_action"):
            action = getattr(self.window, name, None)
            if action is not None:
                action.setEnabled(not read_only)

    # -- the quotation check -----------------------------------------------------------------------
    def _checked(self) -> None:
        self._show_problems()
        self._list_stale = True
        if not self.pane.isHidden():
            self._show_quotations()

    def _show_quotations(self) -> None:
        """The pane's list of quotations (drawn when the pane is shown: a long brief has hundreds)."""
        if not self._list_stale:
            return
        self._list_stale = False
        self.pane.quotations.set_results(self.check.results, lambda quotation: describe_place(quotation.address),
                                         checked=self.check.checking)

    def _show_problems(self) -> None:
        """The sources' problems, then the quotations altered (the worst a brief can carry), then those not found."""
        def altered_first(problem: Problem) -> int:
            result = self.check.result_of(problem)
            return 0 if result is not None and result[1].kind == "altered" else 1
        quotations = sorted(self.check.problems, key=altered_first)
        self.window.problems.set_problems([*self.source_problems, *quotations], part="sources")

    def go_to_problem(self, problem: Problem) -> bool:
        """Go to the quotation a warning is about (and its passage in the source); False if it is about none."""
        result = self.check.result_of(problem)
        if result is None:
            return False
        self.go_to_quotation(*result)
        return True

    def _quotation_chosen(self, row: int) -> None:
        if 0 <= row < len(self.check.results):
            self.go_to_quotation(*self.check.results[row])

    def go_to_quotation(self, quotation: Quotation, verdict: Verdict) -> None:
        """Select the quotation where it is typed and, when the source has it, the passage in the pane."""
        self.window.go_to_path(quotation.address, quotation.start)
        field = QApplication.focusWidget()
        length = quotation.end - quotation.start
        if isinstance(field, QPlainTextEdit):
            cursor = field.textCursor()
            cursor.setPosition(min(cursor.position() + length, field.document().characterCount() - 1),
                               QTextCursor.MoveMode.KeepAnchor)
            field.setTextCursor(cursor)
            field.centerCursor()
            QTimer.singleShot(0, field.centerCursor)  # again once the page shown is laid out
        elif isinstance(field, QLineEdit):
            field.setSelection(quotation.start, length)
        row = next((i for i, result in enumerate(self.check.results) if result[0] == quotation), -1)
        self.pane.quotations.select_row(row)
        self.pane.show_difference(difference_html(verdict.kind, verdict.title, verdict.diff))
        if verdict.source is not None:
            self.set_visible(True)
            self.pane.show_passage(verdict.source, verdict.start, verdict.end)

    # -- quoting -----------------------------------------------------------------------------------
    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # The brief's own fields only (a table cell's editor is Qt's, and gone once the cell is left).
        if isinstance(new, (BodyEditor, LineEdit, TextEdit)) and self.pages.isAncestorOf(new):
            self._target = new

    def target_field(self) -> QWidget | None:
        """Where Quote inserts: the field last in use on the page shown, else the body editor if it is shown."""
        target = self._target
        if target is not None and target.isVisible() and not target.isReadOnly():
            return target
        editor = self.pages.editor
        return editor if editor.isVisible() and not editor.isReadOnly() else None

    def quote(self, with_citation: bool = False) -> None:
        """Quote (or Quote with Citation) the passage selected in the pane (see the module docstring)."""
        if self.document.read_only:
            return
        status = self.window.statusBar()
        text = quote_text(self.pane.selected_passage(), self.document.brief.meta.language)
        if not text:
            self.set_visible(True)
            status.showMessage("Select the passage to quote in the source pane first.", 6000)
            return
        field = self.target_field()
        if field is None:
            status.showMessage("Click in the text where the quotation goes, then choose Quote again.", 6000)
            return
        index = self.pane.current_source()
        cite = with_citation and isinstance(field, BodyEditor) and index is not None
        with self.document.one_step("Quote with Citation" if cite else "Quote"):
            _insert(field, text)
            if cite:
                self._cite(self.document.brief.sources[index])
        field.setFocus()
        if with_citation and not cite:
            status.showMessage("Quoted without a citation: a footnote can go only in the key takeaways or a "
                               "section's text.", 8000)

    def _cite(self, source: Source) -> None:
        """A footnote citing ``source`` after the closing mark (a footnote with the same words is reused)."""
        brief = self.document.brief
        note = citation(source, brief.meta.language)
        fid = next((fid for fid, text in brief.footnotes.items() if text == note), None)
        if fid is None:
            fid = structure.footnote_id_from_text(brief, source.title, before=False)
            where = self.pages.current

            def add(after: Brief) -> Address:
                after.footnotes[fid] = note
                return where
            self.document.restructure("Add Footnote", add, where)
        self.pages.editor.insert_footnote_reference(fid)

    # -- adding sources ----------------------------------------------------------------------------
    def add_source(self) -> None:
        """File ▸ Add Source…: choose files, confirm each one's title, address and date, add them."""
        if self.document.read_only or not self._saved():
            return
        self.add_files(self.ask_files())

    def add_files(self, files: list[Path]) -> None:
        """Add a source for each of ``files`` as one undo step (files dropped on the pane come here)."""
        from briefbook.problems import SaveError
        from briefbook.sources.extract import SourceError, extract_text
        from briefbook.sources.store import add_source

        if self.document.read_only or not files or not self._saved():
            return
        brief_path = Path(self.document.path or "")
        added: list[Source] = []
        for file in files:
            file = Path(file)
            try:
                extracted = extract_text(file)
                details = self.ask_details(file, SourceDetails(extracted.title or file.stem))
                if details is None:
                    continue
                added.append(add_source(brief_path, file, title=details.title, url=details.url, date=details.date))
            except (SourceError, SaveError, OSError, ValueError) as exc:
                self.window.dialogs.show_message("Add Source", _reason(file, exc), error=True)
        if not added:
            return
        where = self.pages.current

        def edit(after: Brief) -> Address:
            after.sources.extend(copy.deepcopy(added))
            return where
        first = len(self.document.brief.sources)
        self.document.restructure("Add Source" if len(added) == 1 else f"Add {len(added)} Sources", edit, where)
        self.set_visible(True)
        self.reload(choose=first + len(added) - 1)
        names = ", ".join(f"\u2018{source.title}\u2019" for source in added)
        self.window.statusBar().showMessage(f"Added {names}: the text is kept in {Path(added[-1].file).parent}/ "
                                            "beside the brief.", 10000)

    def _saved(self) -> bool:
        """Whether the brief has a file to keep its sources beside (a new one is saved first, if the analyst agrees)."""
        if self.document.path and not self.document.read_only:
            return True
        if not self.confirm_save_first():
            return False
        return bool(self.window.files.save_as()) and bool(self.document.path)

    def _confirm_save_first(self) -> bool:
        answer = QMessageBox.question(
            self.window, "Add Source", "The texts of a brief's sources are kept in a folder beside the brief, "
            "so the brief must be saved first.\n\nSave it now?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        return answer == QMessageBox.StandardButton.Save


def _reason(file: Path, exc: Exception) -> str:
    """What to tell the analyst about a file that could not be added: its name and why."""
    text = str(exc)
    if isinstance(exc, OSError):
        text = f"{file}: {exc.strerror or exc}"
    return text if file.name in text else f"{file.name}: {text}"


def _insert(field: QWidget, text: str) -> None:
    """Insert ``text`` at the field's cursor (after a selection, which is kept), a space before it
    when it would otherwise run into the word before."""
    if isinstance(field, QPlainTextEdit):
        cursor = field.textCursor()
        cursor.setPosition(cursor.selectionEnd())
        before = field.document().characterAt(cursor.position() - 1) if cursor.position() > 0 else " "
        if not before.isspace() and before not in _NO_SPACE_AFTER:
            text = " " + text
        cursor.insertText(text)
        field.setTextCursor(cursor)
    elif isinstance(field, QLineEdit):
        end = field.selectionEnd() if field.hasSelectedText() else field.cursorPosition()
        field.deselect()
        field.setCursorPosition(end)
        before = field.text()[end - 1:end] or " "
        if not before.isspace() and before not in _NO_SPACE_AFTER:
            text = " " + text
        field.insert(text)
