"""What a path names, so that reading and writing refuse at once what is not an ordinary file.

Opening a named pipe (FIFO) for reading waits, without end, for a writer; opening a
device reads or writes hardware; a folder cannot be a brief. Every entry point that
reads or writes a file the user named — loading, ``briefbook check``, the editor's
open, saving and exporting — asks :func:`kind_of` first and opens with
:func:`open_ordinary`, which never waits and checks again what it opened, so a file
swapped for a pipe between the look and the open is still refused.

No Qt and nothing of Briefbook is imported here: the command line's start stays cheap.
"""

from __future__ import annotations

import os
import stat

#: Opening with this never waits for a pipe's other end (0 where the system has no such flag).
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def kind_of(mode: int) -> str:
    """What a file of this ``st_mode`` is, in the words of a message ("a folder", "a named pipe (FIFO)")."""
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def not_ordinary(mode: int) -> str:
    """The reason a file of this mode is refused: "it is a named pipe (FIFO), not an ordinary file"."""
    kind = kind_of(mode)
    if kind == "not an ordinary file":
        return "it is not an ordinary file"
    return f"it is {kind}, not an ordinary file"


class NotOrdinaryFile(OSError):
    """The path names a folder, a pipe, a device or a socket; its message says which."""

    def __init__(self, mode: int) -> None:
        super().__init__(not_ordinary(mode))
        self.mode = mode

    @property
    def is_folder(self) -> bool:
        return stat.S_ISDIR(self.mode)


def open_ordinary(path: str | os.PathLike[str], flags: int = os.O_RDONLY) -> int:
    """A descriptor of the ordinary file ``path``, opened without waiting on a pipe.

    Raises :class:`NotOrdinaryFile` for anything else (checked before and after the
    open), ``OSError`` when it cannot be opened, ``ValueError`` for a name with a NUL.
    """
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise NotOrdinaryFile(mode)
    fd = os.open(path, flags | _NONBLOCK | _CLOEXEC | _BINARY)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotOrdinaryFile(mode)
        if _NONBLOCK:
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_ordinary(path: str | os.PathLike[str], limit: int) -> bytes:
    """At most ``limit`` bytes of the ordinary file ``path`` (see :func:`open_ordinary` for what it raises)."""
    fd = open_ordinary(path)
    with os.fdopen(fd, "rb") as handle:
        return handle.read(limit)
