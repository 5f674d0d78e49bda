"""Writing files so that a failure never leaves a half-written or lost file.

The new content goes to a temporary file in the target's own folder (so the final
rename stays on one file system and is atomic), is flushed and fsynced, and only then
replaces the target. If anything fails — a full disk, a read-only folder, a file
locked by Word on Windows — the temporary file is removed, the old file is untouched,
and :class:`SaveError` says what happened in words a user can act on.

A file reached through a symbolic link is written where the link points: the link is
a choice the user made (a brief kept in a synced folder, say) and saving must not
quietly replace it with a copy.

The same staging serves copies (:func:`stage_copy`), which is how the file format
keeps the previous version of a brief as a backup without ever leaving a truncated
backup behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from briefbook.problems import SaveError


def describe_os_error(exc: OSError, path: Path) -> str:
    """A sentence for the user, naming the file and what to do."""
    code = exc.errno
    if code in (errno.EACCES, errno.EPERM):
        return (
            f"Cannot write {path}: permission denied. The file may be read-only or open in another "
            "program such as Word; close it there, or save under another name."
        )
    if code == errno.ENOENT:
        return f"Cannot write {path}: the folder {path.parent} does not exist."
    if code == errno.ENOSPC:
        return f"Cannot write {path}: the disk is full. Free some space and save again; the old file is unchanged."
    if code == errno.EROFS:
        return f"Cannot write {path}: the disk is read-only."
    if code == errno.EISDIR:
        return f"Cannot write {path}: it is a folder."
    if code == errno.ENAMETOOLONG:
        return f"Cannot write {path}: the file name is too long."
    reason = exc.strerror or exc.__class__.__name__
    return f"Cannot write {path}: {reason}."


def link_target(path: str | os.PathLike[str]) -> Path:
    """The file that writing to ``path`` must replace: where its symbolic links lead.

    ``path`` itself, as given, when no link is involved, so that messages name the file
    the way the user did. Raises ``ValueError`` for a name with a NUL in it.
    """
    given = Path(path)
    real = Path(os.path.realpath(given))
    return given if real == Path(os.path.abspath(given)) else real


class StagedFile:
    """A complete, fsynced temporary file beside ``target`` that replaces it on :meth:`commit`.

    Until the commit the target is untouched, so a failure or a kill at any moment
    leaves either the old target or the complete new one. Use it as a context manager:
    leaving the block without committing removes the temporary file.
    """

    def __init__(self, target: Path, temporary: str):
        self.target = target
        self.temporary: str | None = temporary

    def commit(self) -> None:
        """Put the staged content in place in one rename; raises ``OSError`` and keeps the old target."""
        if self.temporary is None:
            raise ValueError("this staged file was already committed or discarded")
        os.replace(self.temporary, self.target)
        self.temporary = None
        _fsync_folder(self.target.parent)

    def discard(self) -> None:
        """Remove the temporary file (nothing once committed)."""
        if self.temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.temporary)
            self.temporary = None

    def __enter__(self) -> StagedFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.discard()


def _stage(target: Path, fill: Callable[[BinaryIO], None], finish: Callable[[str], None]) -> StagedFile:
    """A temporary file beside ``target`` holding what ``fill`` writes, synced to disk.

    ``finish`` gets the temporary file's name to set its permissions. Raises ``OSError``
    with no temporary file left behind.
    """
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    staged = StagedFile(target, name)
    try:
        with os.fdopen(fd, "wb") as tmp:
            fill(tmp)
            tmp.flush()
            os.fsync(tmp.fileno())
        finish(name)
    except BaseException:
        staged.discard()
        raise
    return staged


def stage_bytes(target: Path, data: bytes) -> StagedFile:
    """Stage ``data`` to replace ``target``, keeping the permissions of the file it replaces."""

    def permissions(name: str) -> None:
        if target.exists():
            os.chmod(name, target.stat().st_mode & 0o7777)  # keep the permissions the user gave the file
        else:
            os.chmod(name, 0o666 & ~_umask())

    return _stage(target, lambda tmp: tmp.write(data), permissions)


def stage_copy(source: Path, target: Path) -> StagedFile:
    """Stage a copy of ``source`` (content, permissions and times) to replace ``target``."""

    def copy(tmp: BinaryIO) -> None:
        with open(source, "rb") as original:
            shutil.copyfileobj(original, tmp)

    return _stage(target, copy, lambda name: shutil.copystat(source, name))


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` (the file a symbolic link points to) with ``data`` all at once, or not at all."""
    named = Path(path)
    try:
        target = link_target(named)
    except ValueError as exc:  # a name no file system accepts (a NUL inside it)
        raise SaveError(f"Cannot write {named}: the file name is not valid.") from exc
    if target.is_dir():
        raise SaveError(describe_os_error(OSError(errno.EISDIR, "Is a directory"), named))
    try:
        with stage_bytes(target, data) as staged:
            staged.commit()
    except OSError as exc:
        raise SaveError(describe_os_error(exc, named)) from exc


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
