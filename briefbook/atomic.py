"""Writing files so that a failure or a kill never leaves a half-written or lost file.

The new content goes to a temporary file in the target's own folder (so the final
rename stays on one file system and is atomic), is flushed and fsynced, given the old
file's permissions and, where the system allows, its owner, and only then replaces the
target. If anything fails — a full disk, a read-only folder, a file locked by Word on
Windows — the temporary file is removed, the old file is untouched, and
:class:`SaveError` says what happened in words a user can act on.

What is refused before anything is written, each with its own message: a name with a
NUL or too long for the file system, a folder, a named pipe, a device or a socket in
the target's place (see :mod:`briefbook.filekinds`), and a read-only file — the user
made it read-only, and replacing it by a rename (which a writable folder allows) would
quietly undo that choice.

A file reached through a symbolic link is written where the link points: the link is a
choice the user made (a brief kept in a synced folder, say) and saving must not replace
it with a copy. A file with more than one hard link is rewritten in place, so that every
name of it sees the new version — see :func:`_rewrite_in_place` for the price of that.

Temporary files are named ``.NAME.PID-HOST.RANDOM.tmp``: the process and machine that
wrote them. A kill leaves one behind; the next write of the same file recognises it,
sees that its writer is gone, and removes it (:func:`remove_leftovers`).

The same staging serves copies (:func:`stage_copy`), which is how the file format
keeps the previous version of a brief as a backup without ever leaving a truncated
backup behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from briefbook.filekinds import NotOrdinaryFile, not_ordinary, open_ordinary
from briefbook.problems import SaveError
from briefbook.record import Value

#: At most this many bytes of the target's name go into a temporary file's name, so that a
#: name the file system just accepts still leaves room for the rest (NAME_MAX is 255 bytes).
_NAME_BYTES_IN_TEMPORARY = 200
#: A temporary file whose writer cannot be asked (another machine, an older Briefbook, a
#: system with no way to ask) is left over when it is older than this; no write takes so long.
STALE_AFTER_SECONDS = 15 * 60
#: Temporary files this process is writing now: never removed as left over.
_in_progress: set[str] = set()


def describe_os_error(exc: OSError, path: Path) -> str:
    """A sentence for the user, naming the file and what to do."""
    code = exc.errno
    if isinstance(exc, NotOrdinaryFile):
        return f"Cannot write {path}: {exc}."
    if code in (errno.EACCES, errno.EPERM):
        folder = Path(os.path.abspath(path)).parent
        if not os.access(folder, os.W_OK):
            return (f"Cannot write {path}: the folder {folder} cannot be written to. "
                    "Save under another name, in a folder of your own.")
        return (
            f"Cannot write {path}: permission denied. The file may be read-only or open in another "
            "program such as Word; close it there, or save under another name."
        )
    if code == errno.ENOENT:
        return f"Cannot write {path}: the folder {path.parent} does not exist."
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return f"Cannot write {path}: the disk is full. Free some space and save again; the old file is unchanged."
    if code == errno.EROFS:
        return f"Cannot write {path}: the disk is read-only."
    if code == errno.EISDIR:
        return f"Cannot write {path}: it is a folder."
    if code == errno.ENAMETOOLONG:
        return f"Cannot write {path}: the file name is too long for this disk; choose a shorter name."
    if code == errno.ELOOP:
        return f"Cannot write {path}: its symbolic links lead round in a circle."
    if code == errno.ENOTDIR:
        return f"Cannot write {path}: a part of the path that should be a folder is a file."
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


class WriteTarget(Value):
    """A file about to be written, checked: where its links lead and what is there now."""

    __slots__ = FIELDS = ("named", "path", "existing")

    def __init__(self, named: Path, path: Path, existing: os.stat_result | None) -> None:
        #: The path as the user gave it, for messages.
        self.named = named
        #: The file to replace (:func:`link_target` of ``named``).
        self.path = path
        #: The file there now; ``None`` when there is none yet.
        self.existing = existing

    @property
    def hard_linked(self) -> bool:
        return self.existing is not None and self.existing.st_nlink > 1


def writable_target(path: str | os.PathLike[str]) -> WriteTarget:
    """Check that ``path`` may be written, before anything is; raises :class:`SaveError` saying why not."""
    named = Path(path)
    try:
        target = link_target(named)
        existing = os.stat(target)
    except ValueError as exc:  # a name no file system accepts (a NUL inside it)
        raise SaveError(f"Cannot write {named}: the file name is not valid (it holds a NUL character).") from exc
    except FileNotFoundError:
        return WriteTarget(named, target, None)
    except OSError as exc:  # too long a name, a loop of links, a file where a folder should be
        raise SaveError(describe_os_error(exc, named)) from exc
    if stat.S_ISDIR(existing.st_mode):
        raise SaveError(describe_os_error(OSError(errno.EISDIR, "Is a directory"), named))
    if not stat.S_ISREG(existing.st_mode):
        raise SaveError(f"Cannot write {named}: {not_ordinary(existing.st_mode)}; nothing was written.")
    if _read_only(target, existing):
        raise SaveError(f"Cannot write {named}: the file is read-only. Make it writable first, "
                        "or save under another name; the file was not changed.")
    return WriteTarget(named, target, existing)


def _read_only(target: Path, existing: os.stat_result) -> bool:
    """The user cannot write the file, or nobody may (a file an administrator's save must not replace either)."""
    return not existing.st_mode & 0o222 or not os.access(target, os.W_OK)


class StagedFile:
    """A complete, fsynced temporary file beside ``target`` that replaces it on :meth:`commit`.

    Until the commit the target is untouched, so a failure or a kill at any moment
    leaves either the old target or the complete new one. Use it as a context manager:
    leaving the block without committing removes the temporary file.
    """

    def __init__(self, target: Path, temporary: str):
        self.target = target
        self.temporary: str | None = temporary
        _in_progress.add(os.path.abspath(temporary))

    def commit(self) -> None:
        """Put the staged content in place in one rename; raises ``OSError`` and keeps the old target."""
        if self.temporary is None:
            raise ValueError("this staged file was already committed or discarded")
        os.replace(self.temporary, self.target)
        _in_progress.discard(os.path.abspath(self.temporary))
        self.temporary = None
        _fsync_folder(self.target.parent)

    def discard(self) -> None:
        """Remove the temporary file (nothing once committed)."""
        if self.temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.temporary)
            _in_progress.discard(os.path.abspath(self.temporary))
            self.temporary = None

    def __enter__(self) -> StagedFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.discard()


def host_name() -> str:
    """This machine's name, as ``socket.gethostname()`` gives it.

    Read from ``uname`` where there is one: the socket module costs the editor's start some
    milliseconds to import, for nothing else it does.
    """
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


def _host_tag() -> str:
    return f"{zlib.crc32(host_name().encode('utf-8', 'replace')):08x}"


def _short_name(name: str) -> str:
    """``name``, cut to what a temporary file's name has room for (whole characters only)."""
    if len(os.fsencode(name)) <= _NAME_BYTES_IN_TEMPORARY:
        return name
    kept = 0
    for index, char in enumerate(name):
        kept += len(os.fsencode(char))
        if kept > _NAME_BYTES_IN_TEMPORARY:
            return name[:index]
    return name


def _temporary_prefix(target: Path) -> str:
    return f".{_short_name(target.name)}.{os.getpid()}-{_host_tag()}."


def _leftover_pattern(target: Path) -> re.Pattern[str]:
    """Names of temporary files staged for ``target`` (and, without PID and host, by older versions)."""
    short = re.escape(_short_name(target.name))
    return re.compile(rf"\.{short}\.(?:(?P<pid>[0-9]{{1,10}})-(?P<host>[0-9a-f]{{8}})\.)?[a-z0-9_]{{8}}\.tmp")


def _writer_gone(pid: int, host: str, age: float) -> bool:
    """Whether the process that staged a temporary file can no longer be writing it."""
    if host != _host_tag() or os.name != "posix":
        return age > STALE_AFTER_SECONDS  # no way to ask another machine (nor, safely, Windows) about it
    if pid == os.getpid():
        return True  # this process's own, and not one it is writing now (those are skipped before)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):
        return False  # it runs, as another user, or the system will not say
    return False


def remove_leftovers(target: Path) -> list[Path]:
    """Remove temporary files that killed writes of ``target`` left beside it; returns what was removed.

    Only files named as this module names them are considered, and of those only ones
    whose writer has gone: a write of the same file running now in another process is
    left alone. Failing to list or remove anything is never an error.
    """
    folder = target.parent
    pattern = _leftover_pattern(target)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder if str(folder) else "."))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None or os.path.abspath(entry.path) in _in_progress:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        pid, host = match["pid"], match["host"]
        gone = (_writer_gone(int(pid), host, now - info.st_mtime) if pid is not None
                else now - info.st_mtime > STALE_AFTER_SECONDS)
        if gone:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _stage(target: Path, fill: Callable[[BinaryIO], None], finish: Callable[[str], None]) -> StagedFile:
    """A temporary file beside ``target`` holding what ``fill`` writes, synced to disk.

    ``finish`` gets the temporary file's name to set its owner and permissions. Raises
    ``OSError`` with no temporary file left behind.
    """
    fd, name = tempfile.mkstemp(prefix=_temporary_prefix(target), suffix=".tmp", dir=target.parent)
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


def _keep_owner(name: str, existing: os.stat_result) -> None:
    """Give the new file the old one's owner and group where the system lets us (root may; others may not)."""
    if not hasattr(os, "chown") or (existing.st_uid, existing.st_gid) == _owner_of(name):
        return
    with contextlib.suppress(OSError):
        os.chown(name, existing.st_uid, existing.st_gid)


def _owner_of(name: str) -> tuple[int, int]:
    info = os.stat(name)
    return info.st_uid, info.st_gid


def stage_bytes(target: Path, data: bytes, existing: os.stat_result | None = None) -> StagedFile:
    """Stage ``data`` to replace ``target``, keeping the owner and permissions of the file it replaces."""
    if existing is None:
        with contextlib.suppress(OSError):
            existing = os.stat(target)

    def ownership(name: str) -> None:
        if existing is None:
            os.chmod(name, 0o666 & ~_umask())
            return
        _keep_owner(name, existing)
        os.chmod(name, existing.st_mode & 0o7777)  # after chown, which may clear the set-id bits

    return _stage(target, lambda tmp: tmp.write(data), ownership)


def stage_copy(source: Path, target: Path) -> StagedFile:
    """Stage a copy of the ordinary file ``source`` (content, owner, permissions, times) to replace ``target``."""

    def copy(tmp: BinaryIO) -> None:
        with os.fdopen(open_ordinary(source), "rb") as original:
            shutil.copyfileobj(original, tmp)

    def ownership(name: str) -> None:
        _keep_owner(name, os.stat(source))
        shutil.copystat(source, name)

    return _stage(target, copy, ownership)


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` (the file a symbolic link points to) with ``data`` all at once, or not at all.

    Raises :class:`SaveError` — see :func:`writable_target` for what is refused before
    anything is written — with the old file as it was.
    """
    write_checked(writable_target(path), data)


def write_checked(target: WriteTarget, data: bytes) -> None:
    """:func:`write_atomic` for a target already checked by :func:`writable_target`."""
    remove_leftovers(target.path)
    try:
        if target.hard_linked:
            _rewrite_in_place(target, data)
        else:
            with stage_bytes(target.path, data, target.existing) as staged:
                staged.commit()
    except OSError as exc:
        raise SaveError(describe_os_error(exc, target.named)) from exc


def _rewrite_in_place(target: WriteTarget, data: bytes) -> None:
    """Write ``data`` into the existing file, so that all its hard links see it.

    A rename would give only this name the new version and leave the other names on
    the old one. The trade-off: rewriting in place is not atomic. So the new content is
    first staged and synced completely beside the file (a full disk fails there, with
    nothing changed), and the file's old content is kept in memory and written back if
    the rewrite itself fails. Only a kill or a power cut during the rewrite — a few
    milliseconds — can leave the file incomplete; the brief's backup (``NAME~``, which
    :mod:`briefbook.fileformat.saving` replaces *before* a hard-linked file is rewritten)
    then holds the previous version.
    """
    with stage_bytes(target.path, data, target.existing):
        fd = open_ordinary(target.path, os.O_RDWR)
        with os.fdopen(fd, "r+b") as handle:
            old = handle.read()
            try:
                _overwrite(handle, data)
            except OSError:
                with contextlib.suppress(OSError):
                    _overwrite(handle, old)
                raise


def _overwrite(handle: BinaryIO, data: bytes) -> None:
    handle.seek(0)
    handle.write(data)
    handle.truncate()
    handle.flush()
    os.fsync(handle.fileno())


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
