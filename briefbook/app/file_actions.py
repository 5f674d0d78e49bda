"""The File menu's commands: new, open, save, export, recent files, closing, reopening where one left off.

:class:`FileActions` asks the user what it must (through ``window.dialogs``) and has
the :class:`~briefbook.document.Document` do the work: a file that fails to load
changes nothing (the brief on screen stays); saving and exporting report failures in
words, never a traceback; closing with unsaved changes asks first.
"""

from __future__ import annotations

import os
from pathlib import Path as FilePath
from typing import Literal, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QSizePolicy, QStatusBar, QWidget

from briefbook.app.dialogs import Dialogs
from briefbook.app.disk_changes import DiskChanges
from briefbook.app.outline import COVER
from briefbook.app.pages import EditorPages
from briefbook.app.pdf_export import LayoutOutcome, LayoutProgress, LayoutRun, pdf_name
from briefbook.app.preview import PreviewPane
from briefbook.app.recovery_offers import RecoveryOffers
from briefbook.app.session import Session
from briefbook.document import Document, docx_name
from briefbook.document.watch import DiskChangedError
from briefbook.model import Address
from briefbook.problems import SaveError


def copy_name(path: str) -> str:
    """The name a read-only brief's Save As suggests: ``NAME (copy).brief.yaml`` beside it."""
    folder, name = os.path.split(path)
    for suffix in (".brief.yaml", ".yaml", ".yml", ""):
        if name.endswith(suffix):
            stem = name[: len(name) - len(suffix)] if suffix else name
            return os.path.join(folder, f"{stem} (copy){suffix or '.brief.yaml'}")
    return path  # pragma: no cover - the empty suffix always matches


#: How long the "Exported …" notice and its Open button stay in the status bar.
EXPORT_NOTICE_MS = 20000


class ExportNotice(QWidget):
    """"Exported NAME.docx" and an Open button, side by side in the status bar (one widget, one layout)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.label = QLabel()
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.label.setMinimumWidth(60)  # elided when the bar is narrow, never pushing the widgets beside it
        self.open_button = QPushButton("Open")
        self.open_button.setToolTip("Open the exported document in Word or LibreOffice")
        layout.addWidget(self.label)
        layout.addWidget(self.open_button)  # right after the words it belongs to
        layout.addStretch(1)
        self._text = ""

    def show_export(self, path: str, template: str | None) -> None:
        with_template = f" with {FilePath(template).name}" if template else ""
        self._text = f"Exported {path}{with_template}"
        self.label.setToolTip(self._text)
        self._elide()
        self.show()

    def text(self) -> str:
        """The whole notice, as the label shows it when there is room."""
        return self._text

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.label.fontMetrics()
        room = self.width() - self.open_button.sizeHint().width() - 16
        self.label.setText(metrics.elidedText(self._text, Qt.TextElideMode.ElideMiddle, max(room, 60)))


class FileWindow(Protocol):
    """What the file actions use of their window."""

    document: Document
    session: Session
    dialogs: Dialogs
    pages: EditorPages
    preview: PreviewPane
    disk_changes: DiskChanges
    recent_menu: QMenu

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt's name

    def remember(self) -> None: ...

    def restore_place(self, place: dict) -> None: ...


class FileActions(QObject):
    """File commands of one window (see the module docstring)."""

    def __init__(self, window: FileWindow) -> None:
        super().__init__()
        self.window = window
        self.document = window.document
        self.session = window.session
        self.dialogs = window.dialogs
        self.recovery = RecoveryOffers(window)
        self._untitled_template: str | None = None
        self._preview_template: str | None = None  # the template the preview is drawn with
        self._exported: str | None = None
        self.export_notice = ExportNotice()
        self._open_export = self.export_notice.open_button
        self._open_export.clicked.connect(self._open_exported)
        # A normal widget, at the left where messages go: a message shown meanwhile hides it, and
        # it comes back once the message is gone; the permanent widgets on the right are left alone.
        window.statusBar().addWidget(self.export_notice, 1)
        self.export_notice.hide()
        self._notice_timer = QTimer(self, singleShot=True, interval=EXPORT_NOTICE_MS)
        self._notice_timer.timeout.connect(self.export_notice.hide)
        # Exports laid out by LibreOffice (the PDF, a Word document with contents) run in another process.
        self.layout_progress = LayoutProgress()
        window.statusBar().addWidget(self.layout_progress, 1)
        self.layout_run = LayoutRun(self.layout_progress, self)
        self.layout_run.ended.connect(self._layout_ended)
        self._told_no_libreoffice = False

    def _status(self, text: str, milliseconds: int = 5000) -> None:
        self.window.statusBar().showMessage(text, milliseconds)

    # -- new and open -------------------------------------------------------------------------
    def new_brief(self) -> bool:
        if not self.confirm_close():
            return False
        starter = self.dialogs.ask_starter()
        if starter is None:
            return False
        from briefbook.fileformat import read

        result = read(starter)
        if result.brief is None:
            self.dialogs.show_problems("Cannot use this template", f"The template {starter} has errors:",
                                       result.problems)
            return False
        self.window.remember()
        self.document.replace(result.brief, None, False)
        self._untitled_template = None
        self._follow_template()
        return True

    def open_dialog(self) -> bool:
        path = self.dialogs.ask_open_path(self.session.folder("open"))
        return self.open_file(path) if path else False

    def open_file(self, path: str, ask: bool = True, restore: bool = True) -> bool:
        """Open a brief; if it has errors, or the user cancels, keep the current brief as it is."""
        return self._open(path, ask, restore) == "opened"

    def _open(self, path: str, ask: bool, restore: bool, starting: bool = False,
              offer: bool = True) -> Literal["opened", "failed", "declined"]:
        """Read, then lock, then ask about unsaved changes: a Cancel anywhere changes nothing.

        A Word document is imported (File ▸ Import from Word…) rather than refused as a brief.
        """
        from briefbook.fileformat import read
        from briefbook.fileformat.book import is_book_path

        if is_book_path(path):  # a book opens in the Book dock, its first brief for editing
            return "opened" if self.window.book_actions.open_book(path) else "failed"
        if path.lower().endswith(".docx"):
            if ask and not self.confirm_close():
                return "declined"
            return "opened" if self.window.import_actions.import_file(path) else "failed"
        try:
            result = read(path)
        except Exception as exc:  # noqa: BLE001 - an unreadable file must never take the window down
            self.dialogs.show_message("Cannot open", f"Cannot open {path}: {exc}", error=True)
            return "failed"
        if result.brief is None:
            self.dialogs.show_problems("Cannot open brief", f"{path} could not be opened:", result.problems)
            return "failed"
        try:
            if not self._claim(path, starting) or (ask and not self.confirm_close()):
                return "declined"
            self.window.remember()
            self.session.set_folder("open", path)
            place = self.session.place(path) if restore else {}
            self.document.replace(result.brief, path, result.had_comments,
                                  Address(place.get("selection") or COVER), result.disk)
        finally:
            self.document.drop_claim()  # nothing to drop once the brief is shown
        self.session.add_recent(path)
        self._follow_template()
        self.window.restore_place(place)
        if offer and not self.document.read_only:  # an autosave of the brief is offered to the one who edits it
            self.recovery.offer()
        return "opened"

    def _open_to_restore(self, path: str) -> bool:
        """Show the brief at ``path`` so that its unsaved work can be restored over it (untitled if it is gone)."""
        if os.path.isfile(path):
            return self._open(path, ask=True, restore=True, offer=False) == "opened"
        if not self.confirm_close():
            return False
        from briefbook.model import Brief

        self.window.remember()
        self.document.replace(Brief(), None)
        return True

    def _claim(self, path: str, starting: bool) -> bool:
        """Take the brief's lock; if someone else holds it, ask: open anyway, read-only, or cancel."""
        holder = self.document.claim(path)
        if holder is None:
            return True
        choice = self.dialogs.ask_open_locked(path, holder, starting)
        if choice not in ("anyway", "read-only"):
            return False
        self.document.claim(path, choice)
        return True

    def open_last(self, path: str | None = None) -> bool:
        """At start: the file asked for, else the last brief; then any autosave left from a crash.

        False when the user chose not to open the brief named on the command line because
        it is open elsewhere: nothing was changed (no brief shown, no autosave offered),
        and the editor is not to start. Declining the last brief, reopened unasked, leaves
        an empty brief on screen instead: the user started Briefbook, not that brief.
        """
        if path is not None:
            if os.path.lexists(path):  # a pipe or a folder is refused in words by the opening itself
                outcome = self._open(path, ask=False, restore=True, starting=True)
                if outcome == "declined":
                    return False
                if outcome == "opened":
                    self.recovery.offer_elsewhere(self._open_to_restore)
                    return True
            else:
                self.dialogs.show_message("Cannot open", f"{path} does not exist.", error=True)
        else:
            last = self.session.last_brief()
            if last and FilePath(last).is_file():
                outcome = self._open(last, ask=False, restore=True, starting=False)
                if outcome == "opened":
                    self.recovery.offer_elsewhere(self._open_to_restore)
                    return True
                if outcome == "declined":  # remembered still: offered again at the next start
                    self._status(f"{FilePath(last).name} is open elsewhere and was not opened; File ▸ Open "
                                 "Recent opens it.", 15000)
                    return True
        if not self.recovery.offer():
            self.recovery.offer_elsewhere(self._open_to_restore)
        return True

    def fill_recent_menu(self) -> None:
        from briefbook.document import display_name

        menu = self.window.recent_menu
        menu.clear()
        recent = self.session.recent_files()
        for number, path in enumerate(recent, start=1):
            action = menu.addAction(f"&{number % 10} {display_name(path)}")
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, p=path: self._open_recent(p))
        if not recent:
            menu.addAction("No recent briefs").setEnabled(False)
        menu.addSeparator()
        menu.addAction("&Clear Menu", self.session.clear_recent).setEnabled(bool(recent))

    def _open_recent(self, path: str) -> None:
        if not FilePath(path).is_file():
            self.session.remove_recent(path)
            self.dialogs.show_message("Cannot open", f"{path} no longer exists.", error=True)
            return
        self.open_file(path)

    # -- save and export ----------------------------------------------------------------------
    def save(self) -> bool:
        """Save the brief to its file; untitled or read-only, under a new name (Save As); and an open book's changes."""
        saved = self.save_to(self.document.path) if self.document.path and not self.document.read_only \
            else self.save_as()
        return self.window.book_actions.save_changes() and saved

    def save_as(self) -> bool:
        from briefbook.document import display_name

        suggested = (self.document.path or self.document.suggested_path
                     or os.path.join(self.session.folder("save"), display_name(None)))
        if self.document.read_only:
            suggested = copy_name(suggested)
        path = self.dialogs.ask_save_path(suggested)
        if not path:
            return False
        if not path.endswith((".yaml", ".yml")):
            path += ".brief.yaml"
        if self.document.read_only and os.path.abspath(path) == self.document.path:
            self.dialogs.show_message("Cannot save", f"{display_name(path)} is open read-only: save it under "
                                      "a new name, so that whoever has it open keeps their changes.", error=True)
            return False
        return self.save_to(path)

    def save_to(self, path: str) -> bool:
        """Write the brief; on failure say why and stay unsaved."""
        if self.document.had_comments and not self.dialogs.confirm_comments_lost(self.document.path):
            return False
        template = self.export_template()  # kept by the brief under its new name too
        try:
            try:
                no_backup = self.document.save(path)
            except DiskChangedError as changed:
                if not self.window.disk_changes.resolve(changed.change, saving=True):
                    return False
                no_backup = self.document.save(path, overwrite=True)
        except SaveError as exc:
            self.dialogs.show_message("Cannot save", str(exc), error=True)
            return False
        except Exception as exc:  # noqa: BLE001 - the brief stays unsaved-marked and the user is told why
            self.dialogs.show_message("Cannot save", f"Saving {path} failed: {exc}", error=True)
            return False
        self.session.add_recent(path)
        self.session.set_folder("save", path)
        if template:
            self.session.set_template(path, template)
        self._status(f"Saved {path}. {no_backup}" if no_backup else f"Saved {path}", 8000 if no_backup else 5000)
        return True

    def export_dialog(self) -> bool:
        suggested = os.path.join(self.session.folder("export"), docx_name(self.document.path))
        path = self.dialogs.ask_export_path(suggested)
        if not path:
            return False
        if not path.lower().endswith(".docx"):
            path += ".docx"
        if self.window.book_actions.controller is not None:  # a book is open: the whole book is exported
            return self.export_book(path, "docx")
        return self.export_to(path)

    def export_book(self, path: str, kind: str) -> bool:
        """The open book to ``path``, laid out by LibreOffice in another process for its contents' page numbers."""
        from briefbook.render.paged.soffice import find_soffice

        if find_soffice() is None:  # only a Word document is asked for then (a PDF requires LibreOffice)
            return self.window.book_actions.export_docx(path)
        if self.layout_run.busy():
            self._status("An export is still being made: wait for it, or cancel it in the status bar.")
            return False
        data = self.window.book_actions.book_data(path)
        if data is None:
            return False
        self.export_notice.hide()
        self.window.statusBar().clearMessage()
        self.layout_run.start(data, path, kind)
        return True

    def export_to(self, path: str) -> bool:
        if self.document.brief.meta.toc:  # its contents' page numbers need LibreOffice's layout
            from briefbook.render.paged.soffice import find_soffice

            if find_soffice() is not None:
                return self._start_layout(path, "docx")
            if not self._told_no_libreoffice:
                from briefbook.render.paged.export import NO_LIBREOFFICE_NOTICE

                self._told_no_libreoffice = True
                self.dialogs.show_message("Contents without page numbers", NO_LIBREOFFICE_NOTICE)
        try:
            self.document.export(path, self.export_template())
        except Exception as exc:  # noqa: BLE001 - whatever went wrong, the user gets words, not a traceback
            return self._export_failed(path, exc)
        self._show_exported(path)
        return True

    def _show_exported(self, path: str) -> None:
        self.session.set_folder("export", path)
        self._exported = path
        self.window.statusBar().clearMessage()  # a message would be drawn over the notice
        self.export_notice.show_export(path, self.export_template())
        self._notice_timer.start()

    # -- exports laid out by LibreOffice --------------------------------------------------------
    def export_pdf_dialog(self) -> bool:
        """File ▸ Export to PDF…: the brief laid out by LibreOffice, its contents with their page numbers."""
        from briefbook.render.paged.soffice import LibreOfficeMissing, require_soffice

        try:
            require_soffice("make a PDF")
        except LibreOfficeMissing as exc:
            self.dialogs.show_message("Cannot export", str(exc), error=True)
            return False
        suggested = os.path.join(self.session.folder("export"), pdf_name(docx_name(self.document.path)))
        path = self.dialogs.ask_pdf_path(suggested)
        if not path:
            return False
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        if self.window.book_actions.controller is not None:  # a book is open: the whole book is exported
            return self.export_book(path, "pdf")
        return self._start_layout(path, "pdf")

    def _export_failed(self, path: str, exc: Exception) -> bool:
        """Say why an export could not be made (a SaveError's own words, else what failed); always False."""
        text = str(exc) if isinstance(exc, SaveError) else f"Exporting to {path} failed: {exc}"
        self.dialogs.show_message("Cannot export", text, error=True)
        return False

    def _start_layout(self, path: str, kind: str) -> bool:
        """Build the DOCX now and have LibreOffice lay it out in another process; False if it cannot start."""
        if self.layout_run.busy():
            self._status("An export is still being made: wait for it, or cancel it in the status bar.")
            return False
        from briefbook.render.docx import checked_docx

        try:
            _, data = checked_docx(self.document.brief, path, self.export_template())
        except Exception as exc:  # noqa: BLE001 - whatever went wrong, the user gets words, not a traceback
            return self._export_failed(path, exc)
        self.export_notice.hide()
        self.window.statusBar().clearMessage()
        self.layout_run.start(data, path, kind)
        return True

    def _layout_ended(self, outcome: LayoutOutcome) -> None:
        if outcome.cancelled:
            self._status(f"The export to {FilePath(outcome.path).name} was cancelled; nothing was written.")
        elif not outcome.ok:
            self.dialogs.show_message("Cannot export", outcome.message, error=True)
        else:
            self._show_exported(outcome.path)
            if outcome.notices:
                self.dialogs.show_message("Exported, with a notice", "\n\n".join(outcome.notices))

    # -- the export template --------------------------------------------------------------------
    def export_template(self) -> str | None:
        """The Word template this brief is exported with (``None``: the house style), if it still exists."""
        path = self.document.path
        chosen = self.session.template(path) if path else self._untitled_template
        return chosen if chosen and os.path.isfile(chosen) else None

    def choose_template(self) -> bool:
        """File ▸ Export Template…: another reference document for the export and the preview, kept per brief."""
        from briefbook.render.docx import TemplateError, check_template

        current = self.export_template()
        answer = self.dialogs.ask_export_template(current, self.session.folder("export"))
        if answer is None:
            return False
        if answer:
            try:
                check_template(answer)
            except TemplateError as exc:
                self.dialogs.show_message("Cannot use this template", str(exc), error=True)
                return False
            except Exception as exc:  # noqa: BLE001 - a file that is no Word document: words, not a traceback
                self.dialogs.show_message("Cannot use this template", f"{answer} is not a Word template "
                                          f"Briefbook can read: {exc}", error=True)
                return False
        self.set_template(answer or None)
        self._status(f"Exports use {FilePath(answer).name}." if answer else "Exports use the house style.")
        return True

    def set_template(self, template: str | None) -> None:
        """Export this brief (and draw its preview) with ``template``; remembered for the brief."""
        if self.document.path:
            self.session.set_template(self.document.path, template)
        else:
            self._untitled_template = template
        self._follow_template()

    def _follow_template(self) -> None:
        """The preview draws the brief in the styles it is exported with (redrawn only when they change)."""
        template = self.export_template()
        if template != self._preview_template:
            self._preview_template = template
            self.window.preview.set_template(template)

    def _open_exported(self) -> None:
        if self._exported:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self._exported))

    # -- closing ----------------------------------------------------------------------------------
    def confirm_close(self) -> bool:
        """True when the current brief may go: saved, or the user chose to save or discard."""
        if not self.document.is_modified():
            return True
        answer = self.dialogs.ask_save_changes(self.document.path)
        if answer == "save":
            return self.save()
        if answer == "discard":
            self.document.discard_changes()
            return True
        return False
