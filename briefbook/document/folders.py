"""Where Briefbook keeps files of its own: the settings and the autosaved recovery copies.

Passed in (to the document, the session, the window) rather than held in a module
global, so that a test or a benchmark gives each window a folder of its own and the
user's real settings are never read or changed by them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths


@dataclass(frozen=True)
class AppFolders:
    """``data`` is a folder for everything (tests, benchmarks); ``None`` means the platform's own places."""

    data: Path | None = None

    def recovery(self) -> Path:
        """Where unsaved work is autosaved: the application's data folder."""
        if self.data is not None:
            return Path(self.data) / "recovery"
        base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        return Path(base or Path.home() / ".briefbook") / "recovery"

    def settings_file(self) -> Path | None:
        """The INI file the session keeps, or ``None`` for the platform's settings store."""
        return Path(self.data) / "NATO PA" / "Briefbook.ini" if self.data is not None else None
