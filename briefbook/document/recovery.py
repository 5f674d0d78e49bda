"""The autosaved copy of a brief's unsaved work, offered back at the next start.

An untitled brief is autosaved too (skipping those lost users' work elsewhere).
Beside the text goes a small JSON note naming the file it belongs to.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from briefbook.document.folders import AppFolders


class Recovery:
    """The recovery file of one brief (``path``) or of one untitled brief (``token``)."""

    def __init__(self, folders: AppFolders, path: str | None, token: str) -> None:
        self.folders = folders
        self.path = os.path.abspath(path) if path else None
        name = hashlib.sha1(self.path.encode("utf-8")).hexdigest()[:16] if self.path else f"untitled-{token}"
        self.file = folders.recovery() / f"{name}.brief.yaml"
        self.note = self.file.with_suffix(".json")

    def write(self, text: str) -> None:
        from briefbook.atomic import write_atomic

        self.file.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.file, text.encode("utf-8"))
        write_atomic(self.note, json.dumps({"path": self.path}).encode("utf-8"))

    def discard(self) -> None:
        for file in (self.file, self.note):
            with contextlib.suppress(OSError):
                file.unlink()

    @staticmethod
    def pending(folders: AppFolders, path: str | None) -> Path | None:
        """An autosave newer than ``path`` (or, for ``None``, of an untitled brief), if any."""
        folder = folders.recovery()
        if not folder.is_dir():
            return None
        if path is None:
            found = sorted(folder.glob("untitled-*.brief.yaml"), key=lambda p: p.stat().st_mtime)
            return found[-1] if found else None
        candidate = Recovery(folders, path, "").file
        if not candidate.is_file():
            return None
        try:
            newer = candidate.stat().st_mtime > Path(path).stat().st_mtime
        except OSError:
            newer = True  # the file itself is gone: the autosave is all there is
        return candidate if newer else None
