"""The autosaved copy of a brief's unsaved work, and finding the copies a crash left behind.

Each open brief writes its unsaved work to a recovery file of its own in the user's
data folder (never beside the brief, never over it): ``KEY-TOKEN.brief.yaml``, where
``KEY`` names the brief's file (``untitled`` for a brief never saved) and ``TOKEN``
this opening of it. Beside it goes a JSON note: the brief's path, when it was written,
and the process that wrote it (:mod:`briefbook.document.processes`).

A recovery file is *pending* — left by work that was never saved — when the process
that wrote it no longer runs. It is offered back whatever the file on disk looks like
(a sync or a pull can make the brief newer than the autosave, and the unsaved typing is
still the user's), and it stays until the user decides: restoring it, keeping the file
on disk, or keeping the recovered text as a copy. Every opening writes under a new
token, so a recovery file the user put off deciding about is never overwritten.

A recovery file is written in one rename but not synced to the disk: the data folder
is local, and without the sync a write costs about a millisecond even for a 600-page
brief, so it can run between keystrokes. A crash or a kill keeps everything written
(the system holds it); only a power cut can take the last seconds with it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from briefbook.document import processes
from briefbook.document.folders import AppFolders

_UNTITLED = "untitled"

#: Recovery files an open brief of this process is writing. A process-wide fact, like
#: the process number in a note: a second window of the same program must not offer
#: the first one's autosave as work left by a crash.
_WRITING_HERE: set[Path] = set()


def _key(path: str | None) -> str:
    return hashlib.sha1(path.encode("utf-8", "surrogatepass")).hexdigest()[:16] if path else _UNTITLED


class Recovery:
    """The recovery file of one opening of a brief (``path``, ``None`` for untitled)."""

    def __init__(self, folders: AppFolders, path: str | None, token: str) -> None:
        self.folders = folders
        self.path = os.path.abspath(path) if path else None
        self.file = folders.recovery() / f"{_key(self.path)}-{token}.brief.yaml"
        self.note = self.file.with_suffix(".json")

    @classmethod
    def adopt(cls, found: Found) -> Recovery:
        """Continue writing to a pending recovery file the user chose to restore."""
        recovery = cls(found.folders, found.path, "")
        recovery.file, recovery.note = found.file, found.note
        return recovery

    def write(self, data: bytes) -> None:
        """Write ``data`` (the brief's text) and its note, each in one rename; raises ``OSError``."""
        self.file.parent.mkdir(parents=True, exist_ok=True)
        note = {"path": self.path, "saved": time.strftime("%Y-%m-%d %H:%M:%S"), **processes.current()}
        _WRITING_HERE.add(self.file)
        _replace(self.note, json.dumps(note).encode("utf-8"))  # the note first: a text never lacks its owner
        _replace(self.file, data)

    def release(self) -> None:
        """This opening ends without deciding (a crash, as far as the file is concerned): leave the file pending."""
        _WRITING_HERE.discard(self.file)

    def discard(self) -> None:
        """Remove the files."""
        _WRITING_HERE.discard(self.file)
        for file in (self.file, self.note):
            with contextlib.suppress(OSError):
                file.unlink()


@dataclass(frozen=True)
class Found:
    """A pending recovery file: unsaved work of a process that no longer runs."""

    folders: AppFolders
    file: Path
    #: The brief it belongs to; ``None`` for an untitled brief.
    path: str | None
    #: When it was written, as the note says (else the file's time).
    saved: str

    @property
    def note(self) -> Path:
        return self.file.with_suffix(".json")

    def text(self) -> str:
        """The recovered brief's text; raises ``OSError``."""
        return self.file.read_text(encoding="utf-8", errors="replace")

    def discard(self) -> None:
        for file in (self.file, self.note):
            with contextlib.suppress(OSError):
                file.unlink()


def pending(folders: AppFolders, path: str | None = None, *, every: bool = False) -> list[Found]:
    """Recovery files no running process is writing: of the brief at ``path`` (untitled ones
    for ``None``), or of every brief with ``every``; newest first."""
    folder = folders.recovery()
    if not folder.is_dir():
        return []
    _remove_stale_temporaries(folder)
    pattern = "*.brief.yaml" if every else f"{_key(os.path.abspath(path) if path else None)}*.brief.yaml"
    found = []
    for file in folder.glob(pattern):
        entry = _pending(folders, file)
        if entry is not None:
            found.append(entry)
    return sorted(found, key=lambda entry: entry.saved, reverse=True)


def _pending(folders: AppFolders, file: Path) -> Found | None:
    try:
        stat = file.stat()
    except OSError:
        return None
    try:
        note = json.loads(file.with_suffix(".json").read_text(encoding="utf-8", errors="replace")[:65536])
    except (OSError, ValueError):
        note = {}  # written by an older version, or the note was lost: the text is still the user's
    if not isinstance(note, dict):
        note = {}
    if file in _WRITING_HERE or (processes.valid_pid(note.get("pid")) != os.getpid() and processes.is_running(note)):
        return None  # still being written by an open window
    path, saved = note.get("path"), note.get("saved")
    if not isinstance(saved, str):
        saved = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(stat.st_mtime))
    return Found(folders, file, path if isinstance(path, str) and path else None, saved)


def _replace(target: Path, data: bytes) -> None:
    """``target`` now holds ``data``, all of it or none: a temporary file beside it, renamed over it."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


#: A temporary file in the recovery folder older than this belongs to a write that was killed.
_STALE_S = 60


def _remove_stale_temporaries(folder: Path) -> None:
    """Remove what killed autosaves left half-written (a write takes milliseconds; these are a minute old)."""
    now = time.time()
    for leftover in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > _STALE_S:
                leftover.unlink()
