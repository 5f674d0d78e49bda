"""The open brief and everything it needs whether or not a window shows it.

:class:`Document` owns the brief, its path, the undo stack, the modified state, the
lock beside the file, the autosave timer and the recovery copy. Views (outline,
editors, preview, problems) observe it through its signals and change the brief only
through its commands — :meth:`Document.edit_body`, :meth:`Document.set_value`,
:meth:`Document.restructure` — each an undo step. Every command changes the model
at once (typing included: the body editor hands each edit over as it is made), so
whoever reads :attr:`Document.brief` reads the brief as the user sees it; there is
nothing to flush and nothing to forget.

Rules that keep work safe: a brief that fails to load changes nothing; saving writes
atomically and keeps the previous version as ``name.brief.yaml~``; unsaved work reaches
a recovery file within :data:`AUTOSAVE_PAUSE_MS` of a pause in typing and at least every
:data:`AUTOSAVE_MAX_MS` while it goes on, offered back at the next start
(:mod:`briefbook.document.recovery`); and the file on disk is watched
(:mod:`briefbook.document.watch`): a save never overwrites a version of the file that
the document has not seen.
"""

from __future__ import annotations

import contextlib
import copy
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path as FilePath

from PySide6.QtCore import QObject, QTimer, Signal

from briefbook.document.commands import Change, EditValue, NoteEdit, SetTexts, Snapshot, Splice, TextEdit
from briefbook.document.folders import AppFolders
from briefbook.document.history import History
from briefbook.document.lock import BriefLock, LockHolder, OpenChoice
from briefbook.document.recovery import Found, Recovery, pending
from briefbook.document.watch import DiskChange, DiskChangedError, FileWatch
from briefbook.fileformat.disk import DiskVersion
from briefbook.fileformat.writer import SectionTexts, dump_bytes
from briefbook.model import Address, Brief
from briefbook.model.brief import body_text
from briefbook.model.notes import Note, notes_of, owner_of

#: Unsaved work is autosaved this long after the last change...
AUTOSAVE_PAUSE_MS = 2_000
#: ... and at least this often while changes go on: under the 5 s promised, leaving room for a busy machine.
AUTOSAVE_MAX_MS = 4_500


def display_name(path: str | None) -> str:
    """The file name shown in the title bar and in messages."""
    return FilePath(path).name if path else "Untitled.brief.yaml"


def docx_name(path: str | None) -> str:
    """The Word file name an export of the brief at ``path`` suggests."""
    name = display_name(path)
    for suffix in (".brief.yaml", ".yaml", ".yml"):
        if name.endswith(suffix):
            return name[: -len(suffix)] + ".docx"
    return name + ".docx"


def _token() -> str:
    """Eight random hex digits that tell this editor's autosave of a brief from another's."""
    return os.urandom(4).hex()


@dataclass(frozen=True)
class _Claim:
    """A brief about to be opened: its path, the lock taken for it, whether it opens read-only."""

    path: str
    lock: BriefLock | None
    read_only: bool


class Document(QObject):
    """One open brief: the model, its file and its history (see the module docstring)."""

    #: A command changed the brief (a :class:`~briefbook.document.commands.Change`).
    changed = Signal(object)
    #: Another brief replaced the one shown; the argument is the address to show first (or None).
    replaced = Signal(object)
    #: The path or the modified state changed (the title bar follows).
    stateChanged = Signal()
    #: A line for the status bar and how long to show it (ms).
    message = Signal(str, int)
    #: What can be undone or redone changed (the Edit menu follows).
    historyChanged = Signal()
    #: The file on disk is no longer the version the document last saw (a :class:`DiskChange`).
    diskChanged = Signal(object)
    #: The brief became read-only or editable (the editing widgets follow).
    readOnlyChanged = Signal(bool)

    def __init__(self, folders: AppFolders | None = None, parent: QObject | None = None,
                 autosave_pause_ms: int = AUTOSAVE_PAUSE_MS, autosave_max_ms: int = AUTOSAVE_MAX_MS) -> None:
        super().__init__(parent)
        self.folders = folders or AppFolders()
        self.brief = Brief()
        self.path: str | None = None
        #: Where Save As proposes to save an untitled brief read from another format (``None``: the usual).
        self.suggested_path: str | None = None
        #: Whether the file had YAML comments, which a save does not keep.
        self.had_comments = False
        self._modified = False
        self.history = History(self._history_changed)
        #: The brief differs from its file for a reason the history does not know (recovered work,
        #: the file deleted, the user kept their version over another on disk).
        self._differs = False
        self._recovery = Recovery(self.folders, None, _token())
        self._lock: BriefLock | None = None
        self._read_only = False
        self._claimed: _Claim | None = None
        self._pause = QTimer(self, singleShot=True, interval=autosave_pause_ms)
        self._deadline = QTimer(self, singleShot=True, interval=autosave_max_ms)
        self._pause.timeout.connect(self._begin_autosave)
        self._deadline.timeout.connect(self._begin_autosave)
        #: An autosave under way: the sections written out so far, a few per turn of the event loop.
        self._job: SectionTexts | None = None
        self._job_next = 0
        self._job_bytes: bytes | None = None  # the file joined, to be written in the next turn
        self._job_turns = QTimer(self, interval=1)
        self._job_turns.timeout.connect(self._autosave_turn)
        self.changed.connect(self._brief_changed)
        self.watch = FileWatch(self)
        self.watch.changed.connect(self.diskChanged)

    # -- state --------------------------------------------------------------------------------
    def is_modified(self) -> bool:
        return not self.history.is_clean() or self._differs

    @property
    def disk(self) -> DiskVersion | None:
        """The version of the file the document last read or wrote (``None``: untitled, or not known)."""
        return self.watch.seen

    def _history_changed(self) -> None:
        self.historyChanged.emit()
        if self.is_modified() != self._modified:
            self._modified = self.is_modified()
            self.stateChanged.emit()

    @property
    def name(self) -> str:
        return display_name(self.path)

    def notify(self, change: Change) -> None:
        """Called by the commands after each change of the model."""
        self.changed.emit(change)

    def _brief_changed(self, change: Change) -> None:
        where = change.where
        if self._job is not None:  # what the autosave under way wrote out of this change is out of date
            self._job_bytes = None
            if change.structural:
                self._job.clear()
                self._job_next = 0
            elif where.area == "sections" and len(where) > 1:
                self._job.forget(int(where[1]))  # type: ignore[call-overload]
        self._pause.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def _mark_differs(self) -> None:
        self._differs = True
        self._modified = True
        self.stateChanged.emit()

    # -- replacing the brief ------------------------------------------------------------------
    def replace(self, brief: Brief, path: str | None, had_comments: bool = False,
                select: Address | None = None, disk: DiskVersion | None = None) -> None:
        """Show another brief (opened or new): nothing to undo, nothing unsaved.

        ``disk`` is the version of the file ``brief`` was read from.
        """
        self._recovery.discard()  # the brief being replaced was saved or its changes discarded
        self._take_lock(path)
        self.path = os.path.abspath(path) if path else None
        self.suggested_path = None
        self.had_comments = had_comments
        self._differs = False
        self._recovery = Recovery(self.folders, self.path, _token())
        self._stop_autosave()
        self.brief = brief
        self.watch.follow(self.path, disk)
        self.history.clear()
        self.replaced.emit(select)
        self._modified = self.is_modified()
        self.stateChanged.emit()

    def adopt_imported(self, brief: Brief, suggested: str) -> None:
        """Show a brief read from a Word document: untitled and unsaved until saved, Save As proposing ``suggested``.

        Unsaved, so that closing asks to save it and the autosave keeps it like any typing.
        """
        self.replace(brief, None)
        self.suggested_path = os.path.abspath(suggested)
        self._mark_differs()

    def adopt_recovered(self, brief: Brief, found: Found, select: Address | None) -> None:
        """Show the autosaved copy ``found`` in place of the brief: unsaved until saved.

        The document goes on autosaving into ``found``, so saving or discarding removes it.
        """
        self._recovery.discard()
        self._recovery = Recovery.adopt(found)
        self._stop_autosave()
        self.brief = brief
        self.history.clear()
        self._differs = True
        self.replaced.emit(select)
        self._modified = self.is_modified()
        self.stateChanged.emit()
        self.autosave()  # the note now names this process: no other window offers it as left behind

    def pending_recovery(self) -> list[Found]:
        """Autosaves of this brief (untitled: of untitled briefs) that no open window is writing, newest first."""
        return pending(self.folders, self.path)

    def discard_changes(self) -> None:
        """The user chose not to keep the unsaved changes: forget them and their autosave."""
        self._recovery.discard()
        self._differs = False
        self.history.set_clean()
        self.stateChanged.emit()

    def close(self) -> None:
        """The brief is no longer shown: release the lock beside its file and stop watching it.

        Unsaved work not decided about (there is none after the window's close asked) stays
        in its recovery file for the next start.
        """
        self._stop_autosave()
        self._recovery.release()
        self.drop_claim()
        self._take_lock(None)
        self.watch.follow(None, None)

    # -- the lock and read-only briefs -----------------------------------------------------------
    @property
    def read_only(self) -> bool:
        """Opened read-only: nothing can be edited, no lock is held, saving writes a new file."""
        return self._read_only

    def claim(self, path: str, choice: OpenChoice = "edit") -> LockHolder | None:
        """Prepare to show the brief at ``path``: take its lock before :meth:`replace` shows it.

        Returns who holds it when someone else does and ``choice`` is ``"edit"`` (nothing is
        claimed then: ask the user, then claim again with ``"anyway"`` or ``"read-only"``).
        The next :meth:`replace` of ``path`` uses the claim; :meth:`drop_claim` gives it up.
        """
        self.drop_claim()
        target = os.path.abspath(path)
        if choice == "read-only":
            self._claimed = _Claim(target, None, True)
            return None
        shown = self._lock if self._lock is not None and self._lock.brief == target else None
        lock = shown or BriefLock(target)  # the brief shown, opened again, keeps its lock
        holder = lock.acquire(take_over=choice == "anyway")
        if holder is not None:
            return holder
        if lock.note:
            self.message.emit(lock.note, 10000)
        self._claimed = _Claim(target, lock, False)
        return None

    def drop_claim(self) -> None:
        """The brief claimed was not opened after all: give its lock back."""
        claimed, self._claimed = self._claimed, None
        if claimed is not None and claimed.lock is not None and claimed.lock is not self._lock:
            claimed.lock.release(give_back=True)

    def _take_lock(self, path: str | None) -> None:
        """The brief shown is now the one at ``path``: hold its lock (or none, read-only)."""
        target = os.path.abspath(path) if path else None
        claimed = self._claimed
        if claimed is not None and claimed.path == target:
            self._claimed = None
            lock, read_only = claimed.lock, claimed.read_only
        elif target is None:
            lock, read_only = None, False
        elif self._lock is not None and self._lock.brief == target and self._lock.held:
            lock, read_only = self._lock, self._read_only  # the brief shown, shown again: its lock stays
        else:  # not claimed (a save under a new name): the lock if it is free, never another's
            lock, read_only = BriefLock(target), False
            holder = lock.acquire()
            if holder is not None:
                lock = None
                self.message.emit(f"{display_name(target)} is also open by {holder.describe()}.", 10000)
            elif lock.note:
                self.message.emit(lock.note, 10000)
        if self._lock is not None and self._lock is not lock:
            self._lock.release()
        self._lock = lock
        if read_only != self._read_only:
            self._read_only = read_only
            self.readOnlyChanged.emit(read_only)
            self.stateChanged.emit()

    # -- files --------------------------------------------------------------------------------
    def save(self, path: str, overwrite: bool = False) -> str | None:
        """Write the brief to ``path`` and make it the brief's file; raises ``SaveError``.

        Raises :class:`DiskChangedError` (a ``SaveError``) instead of overwriting a version
        of the brief's own file that the document has not seen, unless ``overwrite``.
        Returns why no backup of the previous version was kept, if none could be.
        """
        from briefbook.fileformat import save

        if not overwrite and self.path is not None and os.path.abspath(path) == self.path:
            change = self.watch.check(announce=False)
            if change is not None and change.version.exists:
                raise DiskChangedError(change)
        saved = save(self.brief, path)  # keeps the previous version as ``path~`` when there is one
        if os.path.abspath(path) != self.path:
            self._recovery.discard()
            self._take_lock(path)
            self.path = os.path.abspath(path)
            self._recovery = Recovery(self.folders, self.path, _token())
        self._recovery.discard()
        self._differs = False
        self.had_comments = False
        self.watch.follow(self.path, saved.disk)
        self.history.set_clean()
        self.stateChanged.emit()
        return f"No backup copy kept: {saved.backup_error}" if saved.backup_error else None

    def export(self, path: str, template: str | None = None) -> None:
        """Write the brief as a Word document; raises ``SaveError``."""
        from briefbook.render.docx import export_docx  # loaded on first export: keeps start-up fast

        export_docx(self.brief, path, template)

    def autosave(self) -> None:
        """Write unsaved work to the recovery file now (untitled briefs too); none is left once nothing is unsaved."""
        self._stop_autosave()
        self._write_recovery(SectionTexts())

    def _begin_autosave(self) -> None:
        """Autosave between keystrokes: the sections are written out a few per turn of the event loop.

        A 600-page brief takes tens of milliseconds to write out; in turns of at most 2 ms
        no keystroke waits longer than that (see ``bench/RESULTS.md``), and nothing is kept
        between autosaves.
        """
        self._stop_autosave()
        if not self.is_modified():
            self._recovery.discard()
            return
        self._job, self._job_next = SectionTexts(), 0
        self._job_turns.start()

    def _autosave_turn(self) -> None:
        job, sections = self._job, self.brief.sections
        if job is None:
            self._job_turns.stop()
            return
        if self._job_next >= len(sections):
            # All written out by the turns before: joined in a turn of its own (sections changed meanwhile
            # are written out afresh here), and the file written in the next.
            if self._job_bytes is None and self.is_modified():
                with contextlib.suppress(Exception):  # a fault is met again, and reported, by the write below
                    self._job_bytes = dump_bytes(self.brief, job)
                    return
            data = self._job_bytes
            self._stop_autosave()
            self._write_recovery(job, data)
            return
        deadline = time.perf_counter() + 0.002
        while self._job_next < len(sections) and time.perf_counter() < deadline:
            job.data(self._job_next, sections[self._job_next])
            self._job_next += 1

    def _stop_autosave(self) -> None:
        self._pause.stop()
        self._deadline.stop()
        self._job_turns.stop()
        self._job = None
        self._job_bytes = None

    def _write_recovery(self, sections: SectionTexts, data: bytes | None = None) -> None:
        """Write the recovery file: ``data`` when the brief was already joined into it, else from ``sections``."""
        if not self.is_modified():
            self._recovery.discard()
            return
        try:
            self._recovery.write(dump_bytes(self.brief, sections) if data is None else data)
        except OSError as exc:
            self.message.emit(f"Autosave failed: {exc.strerror or exc}. Save the brief to keep your work.", 8000)
        except Exception as exc:  # noqa: BLE001 - a fault here must not stop the editing it protects
            self.message.emit(f"Autosave failed ({exc.__class__.__name__}: {exc}). Save the brief to keep "
                              "your work.", 8000)

    # -- the file on disk -----------------------------------------------------------------------
    def reload(self, brief: Brief, disk: DiskVersion, had_comments: bool = False) -> None:
        """Show the brief as the file now holds it, as one undoable step: undo gives the previous text back."""
        where = Address.cover()
        self.history.push(Snapshot(self, "Reload from Disk", self.brief, brief, where, where))
        self._differs = False
        self.had_comments = had_comments
        self.watch.follow(self.path, disk)
        self.history.set_clean()
        self._modified = self.is_modified()
        self.stateChanged.emit()

    def keep_mine(self, change: DiskChange) -> None:
        """The user keeps the brief as shown over the version on disk, which a save will now replace."""
        self.watch.follow(self.path, change.version)
        self._mark_differs()

    # -- commands -------------------------------------------------------------------------------
    def edit_body(self, body: Address, splice: Splice) -> None:
        """Record typing in a body (the takeaways or a section's body) as one splice of its text."""
        self.history.push(TextEdit(self, Address.of(body), splice))

    def set_value(self, label: str, path: Address, new: object, words: bool = True) -> None:
        """Record an edit of one short value (``new`` must be the caller's own: the command keeps it)."""
        path = Address.of(path)
        old = copy.deepcopy(path.resolve(self.brief))  # the one copy: the command owns it
        self.history.push(EditValue(self, label, path, old, new, words=words))

    def restructure(self, label: str, edit: Callable[[Brief], Address | None],
                    where_before: Address) -> Address | None:
        """Run ``edit(copy) -> address to show`` on a copy; if it did something, record it as one step."""
        after = copy.deepcopy(self.brief)
        where = edit(after)
        if where is not None:
            self.history.push(Snapshot(self, label, self.brief, after, where_before, Address.of(where)))
        return where

    def set_texts(self, label: str, changes: list[tuple[Address, str, str]]) -> bool:
        """Set several texts as one undo step (find's Replace All): each ``(address, old, new)``, where the
        address is a body's (its typed text) or a text field's. Nothing is changed, and False returned,
        when a text is no longer ``old`` (it was edited since the change was worked out)."""
        from briefbook.document.commands import body_owner, is_body

        changes = [(Address.of(path), old, new) for path, old, new in changes if old != new]
        for path, old, _new in changes:
            try:
                now = (body_text(body_owner(self.brief, path)) if is_body(path)
                       else path.resolve(self.brief))
            except KeyError:
                return False
            if now != old:
                return False
        if changes:
            self.history.push(SetTexts(self, label, changes))
        return True

    @contextmanager
    def one_step(self, label: str) -> Iterator[None]:
        """Commands pushed inside the ``with`` block undo and redo as one step."""
        with self.history.step(label):
            yield

    # -- reviewers' notes -----------------------------------------------------------------------
    def add_note(self, text_address: Address, note: Note, cursor: int = 0) -> bool:
        """Put ``note`` on the text at ``text_address`` (its ``on`` set to match), one undo step; False if
        no note can be on that text. ``cursor`` is where an undo or redo puts the cursor in the text."""
        try:
            owner, on = owner_of(Address.of(text_address))
            notes = notes_of(self.brief, owner)
        except (KeyError, ValueError):
            return False
        note = copy.deepcopy(note)
        note.on = on
        self.history.push(NoteEdit(self, "New Note", Address.of(text_address), len(notes), None, note, cursor))
        return True

    def edit_note(self, text_address: Address, index: int, text: str, cursor: int = 0) -> bool:
        """Give the ``index``-th note on the text at ``text_address`` a new text, one undo step."""
        found = self._note_at(text_address, index)
        if found is None:
            return False
        place, note = found
        if note.text == text:
            return True
        changed = copy.deepcopy(note)
        changed.text = text
        self.history.push(NoteEdit(self, "Edit Note", Address.of(text_address), place, note, changed, cursor))
        return True

    def remove_note(self, text_address: Address, index: int, cursor: int = 0) -> bool:
        """Take away the ``index``-th note on the text at ``text_address``, one undo step."""
        found = self._note_at(text_address, index)
        if found is None:
            return False
        place, note = found
        self.history.push(NoteEdit(self, "Delete Note", Address.of(text_address), place, note, None, cursor))
        return True

    def _note_at(self, text_address: Address, index: int) -> tuple[int, Note] | None:
        """The place in its owner's list and the note that is the ``index``-th on the text at ``text_address``."""
        try:
            owner, on = owner_of(Address.of(text_address))
            notes = notes_of(self.brief, owner)
        except (KeyError, ValueError):
            return None
        places = [place for place, note in enumerate(notes) if note.on == on]
        if not 0 <= index < len(places):
            return None
        return places[index], notes[places[index]]
