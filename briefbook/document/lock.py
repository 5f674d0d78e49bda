"""A lock file beside an open brief, so two windows never overwrite each other's edits unawares.

Like LibreOffice's ``.~lock.`` files: ``.name.brief.yaml.lock`` names who has the
brief open (user, machine, process, since when). Opening a brief someone else holds
asks first; a lock left by a process that is gone on this machine is taken over.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import time
from pathlib import Path


def _me() -> dict:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is no reason to fail
        user = "someone"
    return {"user": user, "host": socket.gethostname(), "pid": os.getpid()}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


class BriefLock:
    def __init__(self, brief_path: str) -> None:
        target = Path(brief_path)
        self.file = target.with_name(f".{target.name}.lock")
        self.held = False

    def holder(self) -> dict | None:
        """Who else holds the brief, or None (free, ours, or left by a process that has ended)."""
        try:
            info = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(info, dict):
            return None
        me = _me()
        if info.get("host") == me["host"]:
            pid = info.get("pid")
            if pid == me["pid"] or not isinstance(pid, int) or not _alive(pid):
                return None
        return info

    def acquire(self) -> None:
        """Write the lock; a folder we cannot write to simply means no lock (never an error)."""
        info = {**_me(), "since": time.strftime("%Y-%m-%d %H:%M")}
        try:
            self.file.write_text(json.dumps(info), encoding="utf-8")
            self.held = True
        except OSError:
            self.held = False

    def release(self) -> None:
        if self.held:
            with contextlib.suppress(OSError):
                self.file.unlink()
            self.held = False


def describe(holder: dict) -> str:
    who = holder.get("user", "someone")
    where = holder.get("host", "another computer")
    since = holder.get("since", "")
    return f"{who} on {where}" + (f" (since {since})" if since else "")
