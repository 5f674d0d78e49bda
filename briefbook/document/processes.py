"""Who this process is, and whether a process named in a lock or an autosave note still runs.

Lock files and autosave notes are written by Briefbook but read back from disk, where
anything can be: a hand-edited file, a copy from another machine, a note left by a
process whose number the system has since given to another program. The answer here
must therefore never crash and never be fooled by a reused number: a process is named
by its host, its number *and* the moment it started (on Linux, the start time the
kernel keeps for it, together with the boot it belongs to), and a number that cannot
be a process (``0``, ``-1``, ``true``, one too large for the system) names none.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from briefbook.atomic import host_name

#: Larger than any process number a system gives (Linux's ceiling is 2**22).
_MAX_PID = 2**31 - 1


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return ""


def start_token(pid: int) -> str:
    """A string that changes when ``pid`` is given to another process ("" where unknown).

    Linux: the boot's id and the process's start time in clock ticks since boot
    (field 22 of ``/proc/PID/stat``, read after the command name, which may hold spaces).
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""
    fields = stat.rpartition(")")[2].split()
    if len(fields) < 20:
        return ""
    return f"{_boot_id()}:{fields[19]}"


def current() -> dict[str, object]:
    """This process as lock files and autosave notes name it."""
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is no reason to fail
        user = "someone"
    pid = os.getpid()
    return {"user": user, "host": host_name(), "pid": pid, "started": start_token(pid)}


def valid_pid(value: object) -> int | None:
    """``value`` as a process number, or ``None`` when it cannot be one (``True`` is not 1)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= _MAX_PID:
        return None
    return value


def is_running(info: dict) -> bool | None:
    """Whether the process ``info`` names (``host``, ``pid``, ``started``) still runs.

    ``None`` when this machine cannot tell: the process is on another host. ``False``
    for a note that names no process at all or one that has ended, and for a number
    now used by a process that started at another moment.
    """
    host = info.get("host")
    if not isinstance(host, str) or host != host_name():
        return None
    pid = valid_pid(info.get("pid"))
    if pid is None:
        return False
    if pid == os.getpid():
        return _same_start(info, pid)
    try:
        os.kill(pid, 0)
    except PermissionError:  # it runs, as another user
        return _same_start(info, pid)
    except (OSError, OverflowError, ValueError):  # ProcessLookupError among them: it has ended
        return False
    return _same_start(info, pid)


def _same_start(info: dict, pid: int) -> bool:
    started = info.get("started")
    if not isinstance(started, str) or not started:
        return True  # written by a version that did not record it: the number is all we have
    now = start_token(pid)
    return not now or now == started
