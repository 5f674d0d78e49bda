"""Writing files so that a failure never leaves a half-written or lost file.

The new content goes to a temporary file in the target's own folder (so the final
rename stays on one file system and is atomic), is flushed and fsynced, and only then
replaces the target. If anything fails — a full disk, a read-only folder, a file
locked by Word on Windows — the temporary file is removed, the old file is untouched,
and :class:`SaveError` says what happened in words a user can act on.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

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


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once, or not at all."""
    target = Path(path)
    if target.is_dir():
        raise SaveError(describe_os_error(OSError(errno.EISDIR, "Is a directory"), target))
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        if target.exists():
            # keep the permissions the user gave the file
            os.chmod(tmp_name, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp_name, 0o666 & ~_umask())
        os.replace(tmp_name, target)
        tmp_name = None
        _fsync_folder(target.parent)
    except OSError as exc:
        raise SaveError(describe_os_error(exc, target)) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


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
