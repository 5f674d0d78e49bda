"""Noticing that a brief's file changed on disk: edited, replaced, moved or deleted by someone else.

:class:`FileWatch` keeps the version of the file the document last read or wrote
(:class:`~briefbook.fileformat.disk.DiskVersion`) and compares the file with it when a
file watcher reports a change, when the window comes back to the front, and before
every save. Watchers miss changes on network folders and lose a file replaced by a
rename, so the look before a save is the one that guarantees the rule: a save never
overwrites a version the document has not seen. A change is announced once per
version: the user is asked about a colleague's edit once, not at every save.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from briefbook.fileformat.disk import DiskVersion, current
from briefbook.problems import SaveError

#: How long after a watcher's report the file is looked at: editors and sync tools write in steps.
SETTLE_MS = 300


@dataclass(frozen=True)
class DiskChange:
    """The file at ``path`` is now ``version`` (its bytes in ``data``), not the one last seen."""

    path: str
    version: DiskVersion
    data: bytes | None

    @property
    def deleted(self) -> bool:
        """The file is gone (deleted, moved away, or no longer a file)."""
        return not self.version.exists


class DiskChangedError(SaveError):
    """A save refused because the file changed on disk since the document last saw it."""

    def __init__(self, change: DiskChange) -> None:
        super().__init__(f"{change.path} was changed by another program since Briefbook last read or saved it.")
        self.change = change


class FileWatch(QObject):
    """The version of one file last seen, and whether the file on disk still is that version."""

    #: The file changed to a version not seen before (a :class:`DiskChange`).
    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path: str | None = None
        self.seen: DiskVersion | None = None
        self._announced: DiskVersion | None = None
        self._watcher: QFileSystemWatcher | None = None
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.check)

    def follow(self, path: str | None, seen: DiskVersion | None) -> None:
        """Watch ``path``, whose version the document now holds is ``seen`` (``None``: stop watching)."""
        self.path, self.seen, self._announced = path, seen, None
        self._settle.stop()
        if self._watcher is not None:  # kept for the document's life: Qt's watchers do not like churn
            watched = self._watcher.files() + self._watcher.directories()
            if watched:
                self._watcher.removePaths(watched)
        if path is None or seen is None:
            return
        if self._watcher is None:
            self._watcher = QFileSystemWatcher(self)
            self._watcher.fileChanged.connect(self._poked)
            self._watcher.directoryChanged.connect(self._poked)
        self._rewatch()

    def _rewatch(self) -> None:
        """Watch the file and its folder again: a file replaced by a rename is no longer watched."""
        if self._watcher is None or self.path is None:
            return
        wanted = [p for p in (self.path, os.path.dirname(self.path)) if os.path.exists(p)]
        missing = [p for p in wanted if p not in self._watcher.files() + self._watcher.directories()]
        if missing:
            self._watcher.addPaths(missing)

    def _poked(self, _path: str) -> None:
        self._settle.start()

    def check(self, announce: bool = True) -> DiskChange | None:
        """The change since the version last seen, if any; announced by :attr:`changed` once per version."""
        if self.path is None or self.seen is None:
            return None
        version, data = current(self.path, self.seen)
        self._rewatch()
        if version.digest == self.seen.digest:
            self.seen = version  # the same bytes, written again (a sync tool, a touch)
            return None
        change = DiskChange(self.path, version, data)
        if announce and version != self._announced:
            self._announced = version
            self.changed.emit(change)
        return change
