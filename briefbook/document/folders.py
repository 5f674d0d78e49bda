"""Where Briefbook keeps files of its own: the settings, the autosaved recovery copies, the user's words.

Passed in (to the document, the session, the window) rather than held in a module
global, so that a test or a benchmark gives each window a folder of its own and the
user's real settings are never read or changed by them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths

#: The names the platform's folders and settings are kept under.
ORGANIZATION = "NATO PA"
APPLICATION = "Briefbook"


@dataclass(frozen=True)
class AppFolders:
    """``data`` is a folder for everything (tests, benchmarks); ``None`` means the platform's own places."""

    data: Path | None = None

    def _base(self) -> Path:
        if self.data is not None:
            return Path(self.data)
        base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        return Path(base or Path.home() / ".briefbook")

    def recovery(self) -> Path:
        """Where unsaved work is autosaved: the application's data folder."""
        return self._base() / "recovery"

    def user_words(self, language: str) -> Path:
        """The words the user added to the dictionary of ``language``, one a line (for every brief)."""
        return self._base() / f"words-{language}.txt"

    def settings_file(self) -> Path | None:
        """The INI file the session keeps, or ``None`` for the platform's settings store."""
        return Path(self.data) / "NATO PA" / "Briefbook.ini" if self.data is not None else None
