"""What Briefbook remembers between runs, kept in QSettings.

Recent files, the last brief, and for each brief where it was left: the selected
part of the outline, the cursor and scroll positions (reopening where one left off
was a long-standing request of users of similar editors), plus window geometry,
splitter sizes and the folders last used in the file dialogs.

Where the settings are kept comes in as an :class:`~briefbook.document.AppFolders`: tests
and benchmarks give a temporary folder, so a test run never reads or changes the
user's real settings.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from briefbook.document.folders import APPLICATION, ORGANIZATION, AppFolders

__all__ = ["APPLICATION", "ORGANIZATION", "Session"]
MAX_RECENT = 10


def _file_key(path: str) -> str:
    return "files/" + hashlib.sha1(os.path.abspath(path).encode("utf-8")).hexdigest()[:16]


def _to_list(value: object) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return list(value)  # type: ignore[arg-type]


class Session:
    """Reads and writes the remembered state; every getter tolerates missing or damaged values."""

    def __init__(self, folders: AppFolders | None = None) -> None:
        self.folders = folders or AppFolders()
        file = self.folders.settings_file()
        if file is None:
            self._s = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)
        else:
            self._s = QSettings(str(file), QSettings.Format.IniFormat)

    # recent files and the last brief -------------------------------------------------
    def recent_files(self) -> list[str]:
        return [p for p in _to_list(self._s.value("recent")) if isinstance(p, str)]

    def add_recent(self, path: str) -> None:
        path = os.path.abspath(path)
        recent = [path] + [p for p in self.recent_files() if p != path]
        self._s.setValue("recent", recent[:MAX_RECENT])
        self._s.setValue("last_brief", path)

    def remove_recent(self, path: str) -> None:
        self._s.setValue("recent", [p for p in self.recent_files() if p != os.path.abspath(path)])

    def clear_recent(self) -> None:
        self._s.setValue("recent", [])

    def last_brief(self) -> str | None:
        value = self._s.value("last_brief")
        return value if isinstance(value, str) and value else None

    def forget_last_brief(self) -> None:
        self._s.remove("last_brief")

    # where each brief was left ----------------------------------------------------------
    def save_place(self, path: str, place: dict) -> None:
        """``place``: selection path, cursor offset and scroll values, as JSON-friendly data."""
        self._s.setValue(_file_key(path), json.dumps(place))

    def place(self, path: str) -> dict:
        raw = self._s.value(_file_key(path))
        try:
            value = json.loads(raw) if isinstance(raw, str) else {}
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def template(self, path: str) -> str | None:
        """The Word template chosen for exporting the brief at ``path`` (None: the house style)."""
        value = self._s.value(_file_key(path) + "-template")
        return value if isinstance(value, str) and value else None

    def set_template(self, path: str, template: str | None) -> None:
        if template:
            self._s.setValue(_file_key(path) + "-template", os.path.abspath(template))
        else:
            self._s.remove(_file_key(path) + "-template")

    # the reviewer named on notes ---------------------------------------------------------
    def reviewer(self) -> tuple[str, str] | None:
        """The name and initials last given for the notes one writes, or ``None`` if never given."""
        name, initials = self._s.value("reviewer/name"), self._s.value("reviewer/initials")
        if not isinstance(name, str) or not name.strip():
            return None
        return name.strip(), initials.strip() if isinstance(initials, str) else ""

    def set_reviewer(self, name: str, initials: str) -> None:
        self._s.setValue("reviewer/name", name.strip())
        self._s.setValue("reviewer/initials", initials.strip())

    # window layout -------------------------------------------------------------------------
    def save_bytes(self, key: str, value: QByteArray) -> None:
        self._s.setValue(f"window/{key}", value)

    def bytes(self, key: str) -> QByteArray | None:
        value = self._s.value(f"window/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save_flag(self, key: str, value: bool) -> None:
        self._s.setValue(f"window/{key}", bool(value))

    def flag(self, key: str, default: bool) -> bool:
        value = self._s.value(f"window/{key}", default)
        if isinstance(value, str):
            return value.lower() in ("1", "true", "yes")
        return bool(value)

    # folders of the file dialogs ------------------------------------------------------------
    def folder(self, purpose: str) -> str:
        """The folder last used to open, save or export (home if none or gone)."""
        value = self._s.value(f"folders/{purpose}")
        if isinstance(value, str) and Path(value).is_dir():
            return value
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return docs or str(Path.home())

    def set_folder(self, purpose: str, file_path: str) -> None:
        self._s.setValue(f"folders/{purpose}", str(Path(file_path).resolve().parent))

    def sync(self) -> None:
        self._s.sync()
