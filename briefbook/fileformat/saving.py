"""Saving a brief: the new file all at once, and the previous version kept as ``NAME~``.

Every way a brief is saved — the editor, ``briefbook new --force``, the library's
``briefbook.save`` — goes through :func:`save`, so a brief saved from a script keeps
its backup exactly as one saved in the editor does.

The steps are ordered so that a failure or a kill at any moment is safe:

1. the brief is written out in memory (a fault here changes nothing on disk);
2. the current file is copied to a temporary file beside ``NAME~`` and fsynced;
3. the new content replaces the file in one rename (:func:`briefbook.atomic.write_checked`);
4. the synced copy replaces ``NAME~`` in one rename.

(A file with several hard links is rewritten in place instead, so that all its names
see the new version; then step 4 comes before step 3, see :mod:`briefbook.atomic`.)

``NAME~`` is never written in place, only replaced by a complete copy, so it is never
truncated: it holds either the version before the last successful save or the one
before that. A save that fails leaves both the file and ``NAME~`` as they were. The
most a kill can leave behind is a hidden temporary file (``.NAME~.PID-HOST.….tmp``)
beside them, which the next save of the file removes.

Keeping the backup is a courtesy, not a condition: when the previous version cannot be
copied (it is unreadable, or ``NAME~`` is a folder) the brief is still saved, and the
result says why there is no backup so the editor can tell the user.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from briefbook.atomic import StagedFile, link_target, remove_leftovers, stage_copy, writable_target, write_checked
from briefbook.fileformat.disk import DiskVersion
from briefbook.fileformat.writer import dumps
from briefbook.model import Brief
from briefbook.problems import SaveError

#: What is appended to a brief's file name to name its backup.
BACKUP_SUFFIX = "~"


@dataclass(frozen=True)
class SaveResult:
    """What a successful save did: where it wrote, and what became of the previous version."""

    #: The file written: the target of the symbolic link when the brief was saved through one.
    path: Path
    #: Where the previous version is kept; ``None`` when there was none or it could not be kept.
    backup: Path | None = None
    #: Why the previous version could not be kept (``"Permission denied"``); empty otherwise.
    backup_error: str = ""
    #: The version now on disk: what was written (not part of what a save result equals).
    disk: DiskVersion | None = field(default=None, compare=False)

    @property
    def backup_kept(self) -> bool:
        return self.backup is not None


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Where saving ``path`` keeps the previous version: beside the file itself, links followed."""
    target = link_target(path)
    return target.with_name(target.name + BACKUP_SUFFIX)


def encode(brief: Brief, path: str | os.PathLike[str]) -> bytes:
    """The bytes of the saved file; raises :class:`SaveError` before anything on disk is touched."""
    try:
        return dumps(brief).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise SaveError(f"Cannot write {os.fspath(path)}: the brief holds a broken character "
                        f"(U+{ord(exc.object[exc.start]):04X}); delete it and save again.") from exc
    except Exception as exc:  # a fault in the model must not take unsaved work down with it
        raise SaveError(f"Cannot write {os.fspath(path)}: the brief could not be written out "
                        f"({exc.__class__.__name__}: {exc}); the previous file was not changed. "
                        "Please report this.") from exc


def save(brief: Brief, path: str | os.PathLike[str]) -> SaveResult:
    """Write the brief canonically and atomically, keeping the previous version as ``path~``.

    Raises :class:`SaveError` when the brief cannot be written (see
    :func:`briefbook.atomic.writable_target` for what is refused before anything is
    written); the file and its backup are then as they were. A backup that cannot be
    kept does not fail the save: see :attr:`SaveResult.backup_error`.
    """
    return save_bytes(encode(brief, path), path)


def save_bytes(data: bytes, path: str | os.PathLike[str]) -> SaveResult:
    """:func:`save` of text already written out (a book file's, say): the same steps and backup."""
    target = writable_target(path)
    backup = target.path.with_name(target.path.name + BACKUP_SUFFIX)
    remove_leftovers(backup)
    staged: StagedFile | None = None
    backup_error = ""
    if target.existing is not None:
        try:
            staged = stage_copy(target.path, backup)
        except OSError as exc:
            backup_error = _reason(exc)
    if staged is not None and target.hard_linked:
        # a hard-linked file is rewritten in place, which a kill could leave incomplete:
        # the previous version must be safe in the backup first
        backup_error = _commit(staged)
        staged = None
    try:
        write_checked(target, data)
    except SaveError:
        if staged is not None:
            staged.discard()
        raise
    disk = _written(target.path, data)
    if staged is not None:
        backup_error = _commit(staged)
    if target.existing is None or backup_error:
        return SaveResult(target.path, None, backup_error, disk)
    return SaveResult(target.path, backup, disk=disk)


def _written(target: Path, data: bytes) -> DiskVersion:
    """The version just written: its digest, and the status the file has now."""
    try:
        status = os.stat(target)
    except OSError:
        status = None
    return DiskVersion.of(data, status)


def _commit(staged: StagedFile) -> str:
    """Put the staged backup in place; why it could not be, or ""."""
    try:
        staged.commit()
    except OSError as exc:
        staged.discard()
        return _reason(exc)
    return ""


def _reason(exc: OSError) -> str:
    """The short reason the editor shows after "No backup copy kept: "."""
    return exc.strerror or exc.__class__.__name__
