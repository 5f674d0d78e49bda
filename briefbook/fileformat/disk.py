"""Which version of a brief's file is on disk: so that a save never overwrites one it has not seen.

A :class:`DiskVersion` is the digest of a file's bytes, with the file's identity and
times as a cheap first look. Reading a brief records the version read (its status
taken *before* the bytes, so a change made while reading shows as a change); saving
records the version written. Before the next save — and whenever a file watcher or
the window's return to the front suggests a change — the file is looked at again:
the same status means the same file; another status means reading it and comparing
digests, because a status also changes when a sync tool rewrites identical bytes.
"""

from __future__ import annotations

import hashlib
import os
import stat as stat_module

from briefbook.filekinds import read_ordinary
from briefbook.record import Value


def _status(result: os.stat_result) -> tuple[int, int, int, int]:
    return (result.st_dev, result.st_ino, result.st_size, result.st_mtime_ns)


class DiskVersion(Value):
    """One version of a file: the digest of its bytes (``""``: no file there) and its status."""

    __slots__ = FIELDS = ("digest", "status")

    def __init__(self, digest: str, status: tuple[int, int, int, int] | None = None) -> None:
        self.digest = digest
        self.status = status

    @property
    def exists(self) -> bool:
        return bool(self.digest)

    @classmethod
    def of(cls, data: bytes, status: os.stat_result | None) -> DiskVersion:
        return cls(hashlib.sha256(data).hexdigest(), _status(status) if status is not None else None)

    @classmethod
    def missing(cls) -> DiskVersion:
        return cls("")


def current(path: str | os.PathLike[str], known: DiskVersion | None = None,
            limit: int = 512 * 1024 * 1024) -> tuple[DiskVersion, bytes | None]:
    """The version at ``path`` now, and its bytes when they had to be read.

    When the file's status equals ``known``'s, the file is taken to be ``known`` without
    reading it. Only regular files are read (a FIFO would block); anything else, or a
    file that cannot be read, counts as no file. Never raises.
    """
    try:
        before = os.stat(path)
    except (OSError, ValueError):
        return DiskVersion.missing(), None
    if not stat_module.S_ISREG(before.st_mode):
        return DiskVersion.missing(), None
    if known is not None and known.status == _status(before):
        return known, None
    try:
        data = read_ordinary(path, limit)  # never waits, should the file have become a pipe meanwhile
    except OSError:
        return DiskVersion.missing(), None
    return DiskVersion.of(data, before), data
