"""What Briefbook remembers between runs, kept in QSettings.

Recent files, the last brief, and for each brief where it was left: the selected
part of the outline, the cursor and scroll positions (reopening where one left off
was a long-standing request of users of similar editors), plus window geometry,
splitter sizes and the folders last used in the file dialogs.

Tests point QSettings at a temporary folder (``use_settings_folder``) so a test run
never reads or changes the user's real settings.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

ORGANIZATION = "NATO PA"
APPLICATION = "Briefbook"
MAX_RECENT = 10


_data_folder: Path | None = None


def use_settings_folder(folder: str | os.PathLike[str]) -> None:
    """Keep settings as INI files, and recovery files, under ``folder`` instead of the user's own."""
    global _data_folder
    _data_folder = Path(folder)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))


def _settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


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

    def __init__(self) -> None:
        self._s = _settings()

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


def recovery_dir() -> Path:
    """Where unsaved work is autosaved: the application's data folder."""
    if _data_folder is not None:
        return _data_folder / "recovery"
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".briefbook") / "recovery"


class Recovery:
    """The autosave of one brief's unsaved work, offered back at the next start.

    An untitled brief is autosaved too (skipping those lost users' work elsewhere).
    Beside the text goes a small JSON note naming the file it belongs to.
    """

    def __init__(self, path: str | None, token: str) -> None:
        self.path = os.path.abspath(path) if path else None
        name = hashlib.sha1(self.path.encode("utf-8")).hexdigest()[:16] if self.path else f"untitled-{token}"
        self.file = recovery_dir() / f"{name}.brief.yaml"
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
    def pending(path: str | None) -> Path | None:
        """An autosave newer than ``path`` (or, for ``None``, of an untitled brief), if any."""
        folder = recovery_dir()
        if not folder.is_dir():
            return None
        if path is None:
            found = sorted(folder.glob("untitled-*.brief.yaml"), key=lambda p: p.stat().st_mtime)
            return found[-1] if found else None
        candidate = Recovery(path, "").file
        if not candidate.is_file():
            return None
        try:
            newer = candidate.stat().st_mtime > Path(path).stat().st_mtime
        except OSError:
            newer = True  # the file itself is gone: the autosave is all there is
        return candidate if newer else None
