"""File handling of the main window: new, open, save, export, recent files, autosave, reopening.

Rules that keep work safe: a file that fails to load changes nothing (the brief
on screen stays); saving writes atomically and first keeps the previous version
as ``name.brief.yaml~``; unsaved work is autosaved every minute to a recovery file
that is offered back at the next start; closing with unsaved changes asks.
Every dialog goes through an ``ask_*`` or ``show_*`` method, which tests replace.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path as FilePath

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QPushButton

from briefbook.app.dialogs import ProblemsDialog, StarterDialog
from briefbook.app.lock import BriefLock, describe
from briefbook.app.outline import COVER
from briefbook.app.session import Recovery
from briefbook.model import Brief
from briefbook.problems import Problem, SaveError

AUTOSAVE_MS = 60_000
BRIEF_FILTER = "Briefs (*.brief.yaml);;YAML files (*.yaml *.yml);;All files (*)"
DOCX_FILTER = "Word documents (*.docx)"


def display_name(path: str | None) -> str:
    return FilePath(path).name if path else "Untitled.brief.yaml"


def docx_name(path: str | None) -> str:
    name = display_name(path)
    for suffix in (".brief.yaml", ".yaml", ".yml"):
        if name.endswith(suffix):
            return name[: -len(suffix)] + ".docx"
    return name + ".docx"


class FileActions:
    """Mixed into :class:`MainWindow`; uses its ``brief``, ``undo_stack``, ``session`` and views."""

    path: str | None = None

    def init_files(self) -> None:
        self.path = None
        self._had_comments = False
        self._recovered = False
        self._recovery = Recovery(None, uuid.uuid4().hex[:8])
        self._autosave = QTimer(self, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.autosave)
        self._autosave.start()
        self._open_export = QPushButton("Open")
        self._open_export.setFlat(True)
        self._open_export.hide()
        self._open_export.clicked.connect(self._open_exported)
        self.statusBar().addWidget(self._open_export)
        self._exported: str | None = None
        self._lock: BriefLock | None = None
        self._update_title()

    # state ------------------------------------------------------------------------------------
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean() or self._recovered

    def _update_title(self, *_clean: bool) -> None:
        self.setWindowTitle(f"{display_name(self.path)}[*] \u2014 Briefbook")
        self.setWindowModified(self.is_modified())

    def _set_document(self, brief: Brief, path: str | None, had_comments: bool, select=None) -> None:
        self._recovery.discard()  # the brief being replaced was saved or its changes discarded
        self._take_lock(path)
        self.path = os.path.abspath(path) if path else None
        self._had_comments = had_comments
        self._recovered = False
        self._recovery = Recovery(self.path, uuid.uuid4().hex[:8])
        self.show_brief(brief, select)
        self.undo_stack.setClean()
        self._update_title()

    # new and open -----------------------------------------------------------------------------
    def new_brief(self) -> bool:
        if not self.confirm_close():
            return False
        starter = self.ask_starter()
        if starter is None:
            return False
        from briefbook.fileformat import read

        result = read(starter)
        if result.brief is None:
            self.show_problems("Cannot use this template", f"The template {starter} has errors:", result.problems)
            return False
        self.remember()
        self._set_document(result.brief, None, False)
        return True

    def open_dialog(self) -> bool:
        path = self.ask_open_path()
        return self.open_file(path) if path else False

    def open_file(self, path: str, ask: bool = True, restore: bool = True) -> bool:
        """Open a brief; if it has errors, show them and keep the current brief as it is."""
        from briefbook.fileformat import read

        if ask and not self.confirm_close():
            return False
        try:
            result = read(path)
        except Exception as exc:  # an unreadable file must never take the window down
            self.show_message("Cannot open", f"Cannot open {path}: {exc}", error=True)
            return False
        if result.brief is None:
            self.show_problems("Cannot open brief", f"{path} could not be opened:", result.problems)
            return False
        holder = BriefLock(path).holder()
        if holder is not None and not self.ask_open_locked(path, describe(holder)):
            return False
        self.remember()
        self.session.set_folder("open", path)
        place = self.session.place(path) if restore else {}
        select = tuple(place.get("selection") or COVER)
        self._set_document(result.brief, path, result.had_comments, select)
        self.session.add_recent(path)
        self._restore_place(place)
        self._offer_recovery(Recovery.pending(self.path))
        return True

    def _offer_recovery(self, found: FilePath | None) -> None:
        if found is None or not self.ask_recover(found):
            return
        from briefbook.fileformat import read

        result = read(found)
        if result.brief is None:
            self.show_problems("Cannot recover", "The autosaved copy could not be read:", result.problems)
            return
        self.show_brief(result.brief, self.current)
        self.undo_stack.setClean()
        if self.path is None:  # adopt the untitled autosave, so saving or discarding removes it
            self._recovery = Recovery(None, found.name.removeprefix("untitled-").removesuffix(".brief.yaml"))
        self._recovered = True
        self._update_title()

    def open_last(self, path: str | None = None) -> None:
        """At start: the file asked for, else the last brief; then any autosave left from a crash."""
        target = path or self.session.last_brief()
        if target and FilePath(target).is_file():
            if self.open_file(target, ask=False):
                return
        elif path:
            self.show_message("Cannot open", f"{path} does not exist.", error=True)
        self._offer_recovery(Recovery.pending(None))

    def fill_recent_menu(self) -> None:
        menu = self.recent_menu
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
            self.show_message("Cannot open", f"{path} no longer exists.", error=True)
            return
        self.open_file(path)

    # save -----------------------------------------------------------------------------------------
    def save(self) -> bool:
        return self.save_to(self.path) if self.path else self.save_as()

    def save_as(self) -> bool:
        suggested = self.path or os.path.join(self.session.folder("save"), display_name(None))
        path = self.ask_save_path(suggested)
        if not path:
            return False
        if not path.endswith((".yaml", ".yml")):
            path += ".brief.yaml"
        return self.save_to(path)

    def save_to(self, path: str) -> bool:
        """Write the brief; keep the previous version as ``path~``; on failure say why and stay unsaved."""
        from briefbook.fileformat import save

        if self._had_comments:
            if not self.confirm_comments_lost():
                return False
            self._had_comments = False
        target = FilePath(path)
        if target.is_file():
            try:
                shutil.copy2(target, target.with_name(target.name + "~"))
            except OSError as exc:
                self.statusBar().showMessage(f"No backup copy kept: {exc.strerror}", 8000)
        try:
            save(self.brief, path)
        except SaveError as exc:
            self.show_message("Cannot save", str(exc), error=True)
            return False
        except Exception as exc:  # noqa: BLE001 - the brief stays unsaved-marked and the user is told why
            self.show_message("Cannot save", f"Saving {path} failed: {exc}", error=True)
            return False
        if os.path.abspath(path) != self.path:
            self._recovery.discard()
            self._take_lock(path)
            self.path = os.path.abspath(path)
            self._recovery = Recovery(self.path, uuid.uuid4().hex[:8])
        self._recovery.discard()
        self._recovered = False
        self.undo_stack.setClean()
        self.session.add_recent(path)
        self.session.set_folder("save", path)
        self._update_title()
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    def _take_lock(self, path: str | None) -> None:
        if self._lock is not None:
            self._lock.release()
        self._lock = BriefLock(path) if path else None
        if self._lock is not None:
            self._lock.acquire()

    def release_lock(self) -> None:
        self._take_lock(None)

    def autosave(self) -> None:
        """Every minute: unsaved work goes to the recovery file (untitled briefs too)."""
        if not self.is_modified():
            return
        from briefbook.fileformat import dumps

        try:
            self._recovery.write(dumps(self.brief))
        except (SaveError, OSError) as exc:
            self.statusBar().showMessage(f"Autosave failed: {exc}", 8000)

    # export ---------------------------------------------------------------------------------------
    def export_dialog(self) -> bool:
        suggested = os.path.join(self.session.folder("export"), docx_name(self.path))
        path = self.ask_export_path(suggested)
        if not path:
            return False
        if not path.lower().endswith(".docx"):
            path += ".docx"
        return self.export_to(path)

    def export_to(self, path: str) -> bool:
        from briefbook.render.docx import export_docx  # loaded on first export: keeps start-up fast

        try:
            export_docx(self.brief, path)
        except SaveError as exc:
            self.show_message("Cannot export", str(exc), error=True)
            return False
        except Exception as exc:  # noqa: BLE001 - whatever went wrong, the user gets words, not a traceback
            self.show_message("Cannot export", f"Exporting to {path} failed: {exc}", error=True)
            return False
        self.session.set_folder("export", path)
        self._exported = path
        self.statusBar().showMessage(f"Exported {path}", 20000)
        self._open_export.show()
        QTimer.singleShot(20000, self._open_export.hide)
        return True

    def _open_exported(self) -> None:
        if self._exported:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self._exported))

    # closing and remembering ------------------------------------------------------------------------
    def confirm_close(self) -> bool:
        """True when the current brief may go: saved, or the user chose to save or discard."""
        if not self.is_modified():
            return True
        answer = self.ask_save_changes()
        if answer == "save":
            return self.save()
        if answer == "discard":
            self._recovery.discard()
            self._recovered = False
            self.undo_stack.setClean()
            return True
        return False

    def remember(self) -> None:
        """Store where the user is in the current brief, and the window's layout."""
        self.session.save_bytes("geometry", self.saveGeometry())
        self.session.save_bytes("state", self.saveState())
        self.session.save_bytes("splitter", self.splitter.saveState())
        self.session.save_flag("preview", self.preview_action.isChecked())
        if self.path:
            self.session.save_place(self.path, {
                "selection": list(self.current),
                "cursor": self.editor.textCursor().position(),
                "scroll": self.editor.verticalScrollBar().value(),
                "outline_scroll": self.outline.verticalScrollBar().value(),
            })
            self.session.add_recent(self.path)
        self.session.sync()

    def restore_layout(self) -> None:
        for key, apply in (("geometry", self.restoreGeometry), ("state", self.restoreState),
                           ("splitter", self.splitter.restoreState)):
            value = self.session.bytes(key)
            if value is not None:
                apply(value)
        self.set_preview_visible(self.session.flag("preview", True))

    def _restore_place(self, place: dict) -> None:
        def apply() -> None:
            cursor, scroll = place.get("cursor"), place.get("scroll")
            if isinstance(cursor, int):
                text_cursor = self.editor.textCursor()
                text_cursor.setPosition(min(cursor, len(self.editor.toPlainText())))
                self.editor.setTextCursor(text_cursor)
            if isinstance(scroll, int):
                self.editor.verticalScrollBar().setValue(scroll)
            if isinstance(place.get("outline_scroll"), int):
                self.outline.verticalScrollBar().setValue(place["outline_scroll"])

        apply()
        QTimer.singleShot(0, apply)  # again once the layout has settled and scroll ranges are known

    # dialogs (tests replace these) ------------------------------------------------------------------
    def ask_starter(self) -> FilePath | None:
        from briefbook.resources import starter_templates

        dialog = StarterDialog(starter_templates(), self)
        return dialog.chosen() if dialog.exec() else None

    def ask_open_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, "Open Brief", self.session.folder("open"), BRIEF_FILTER)
        return path or None

    def ask_save_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, "Save Brief As", suggested, BRIEF_FILTER)
        return path or None

    def ask_export_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, "Export to Word", suggested, DOCX_FILTER)
        return path or None

    def ask_save_changes(self) -> str:
        """'save', 'discard' or 'cancel'."""
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.warning(
            self, "Unsaved changes", f"Save the changes to {display_name(self.path)} before closing?",
            buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
        return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")

    def ask_recover(self, found: FilePath) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self, "Recover unsaved work",
            f"Briefbook found unsaved changes to {display_name(self.path)} from an earlier session "
            f"(autosaved {_when(found)}). Recover them?",
            buttons.Yes | buttons.No, buttons.Yes)
        return answer == buttons.Yes

    def ask_open_locked(self, path: str, holder: str) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.warning(
            self, "Brief already open",
            f"{display_name(path)} is open in Briefbook by {holder}. If you both edit it, whoever saves last "
            "overwrites the other's changes. Open it anyway?", buttons.Open | buttons.Cancel, buttons.Cancel)
        return answer == buttons.Open

    def confirm_comments_lost(self) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.information(
            self, "Comments are not kept",
            f"{display_name(self.path)} contains YAML comments. Briefbook writes the brief in its own "
            "canonical form, so the comments will not be kept in the saved file.",
            buttons.Save | buttons.Cancel, buttons.Save)
        return answer == buttons.Save

    def ask_footnote_id(self, suggested: str, existing: list[str]) -> str | None:
        from briefbook.markup import FOOTNOTE_ID

        items = [suggested, *existing]
        fid, ok = QInputDialog.getItem(self, "Insert Footnote",
                                       "Footnote &id (a new one, or pick an existing footnote):", items, 0, True)
        fid = fid.strip()
        if not ok or not fid:
            return None
        if not FOOTNOTE_ID.fullmatch(fid):
            self.show_message("Insert Footnote", f"“{fid}” cannot be a footnote id: use letters, digits, "
                              "“-”, “_” or “.”, without spaces.", error=True)
            return None
        return fid

    def show_problems(self, title: str, intro: str, problems: list[Problem]) -> None:
        ProblemsDialog(title, intro, problems, self).exec()

    def show_message(self, title: str, text: str, error: bool = False) -> None:
        if error:
            QMessageBox.critical(self, title, text)
        else:
            QMessageBox.information(self, title, text)


def _when(path: FilePath) -> str:
    from datetime import datetime

    return datetime.fromtimestamp(FilePath(path).stat().st_mtime).strftime("%d %b %Y %H:%M")
