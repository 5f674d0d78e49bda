"""A lock file beside an open brief, so two people never overwrite each other's edits unawares.

Like LibreOffice's ``.~lock.`` files: ``.name.brief.yaml.lock`` names who has the brief
open (user, machine, process and its start, since when). Opening a brief someone else
holds asks first; a lock left by a process that has ended is taken over.

A lock file is read back from disk, where anything can be, so nothing in one can be
turned against the user:

- at most :data:`READ_LIMIT` bytes are read; a larger or malformed file, or one that
  names no possible process (``pid`` 0, -1, ``true``, a huge number), is *damaged*: it
  names nobody and is replaced;
- a process that has ended, or whose number now belongs to a process started at
  another moment, holds nothing (:func:`briefbook.document.processes.is_running`);
- a lock of another machine cannot be checked from here: it is shown as held, with
  who, where and since when, and the user decides;
- a symbolic link, a folder or a pipe in the lock's place is never followed, opened
  or removed: the brief simply gets no lock;
- the lock is written whole under a temporary name and linked into place, which fails
  when a lock appeared meanwhile (two windows opening together: one wins, the other asks);
- every window has a token of its own, so two windows of one process see each other's
  lock, and a window never removes a lock that someone took over from it.

A folder where no lock can be written (read-only, full) is not an error: the brief opens
without a lock, and :attr:`BriefLock.note` says so.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from briefbook.atomic import host_name
from briefbook.document import processes

#: More than any lock Briefbook writes (about 250 bytes); a larger file is not one of ours.
READ_LIMIT = 4096
#: The longest user or machine name shown; a crafted lock cannot fill the dialog.
NAME_LIMIT = 60

#: How the user chose to open a brief: take the lock if it is free, take it over from
#: whoever holds it ("anyway"), or take no lock and change nothing ("read-only").
OpenChoice = Literal["edit", "anyway", "read-only"]

#: What ``link`` says on a file system that has no hard links (FAT, some network shares).
_NO_HARD_LINKS = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOSYS,
                  getattr(errno, "ENOTSUP", errno.EPERM), getattr(errno, "EOPNOTSUPP", errno.EPERM)}

#: The tokens of the locks this process holds, one per window (owned here, nowhere else).
_HELD_TOKENS: set[str] = set()


@dataclass(frozen=True)
class LockHolder:
    """Who holds a brief, as far as its lock file tells (every field safe to show)."""

    user: str
    host: str
    since: datetime | None
    #: The holder is a process on this computer (which runs: a stale one holds nothing).
    this_computer: bool
    #: The holder is another window of this very Briefbook.
    this_process: bool = False

    def age(self, now: datetime | None = None) -> str:
        """How long ago the lock was taken, in words ("" when unknown or in the future)."""
        if self.since is None:
            return ""
        seconds = ((now or datetime.now(UTC)) - self.since).total_seconds()
        if seconds < -120:  # the other computer's clock is ahead: no age rather than a wrong one
            return ""
        minutes = int(max(seconds, 0) // 60)
        if minutes < 1:
            return "just now"
        for size, word in ((60 * 24, "day"), (60, "hour"), (1, "minute")):
            if minutes >= size:
                count = minutes // size
                return f"{count} {word}{'' if count == 1 else 's'} ago"
        return ""  # pragma: no cover - minutes >= 1 always matches

    def describe(self, now: datetime | None = None) -> str:
        """Who, where, since when and how long ago: ``colleague on pc-12, since 3 Mar 2026 09:12 (2 hours ago)``."""
        who = "you, in another Briefbook window" if self.this_process else f"{self.user} on {self.host}"
        if self.since is None:
            return who
        when = self.since.astimezone().strftime("%d %b %Y %H:%M").lstrip("0")
        age = self.age(now)
        return f"{who}, since {when}" + (f" ({age})" if age else "")


@dataclass(frozen=True)
class _Reading:
    """What is in the lock's place: nothing, a lock, a damaged file, something unreadable."""

    kind: Literal["absent", "lock", "damaged", "unreadable", "not-a-file"]
    info: dict | None = None
    raw: bytes = b""
    mtime: float | None = None


def _clean(value: object, fallback: str) -> str:
    """A name from a lock file, fit to show: printable, one line, short."""
    if not isinstance(value, str):
        return fallback
    text = " ".join("".join(c if c.isprintable() else " " for c in value[:4 * NAME_LIMIT]).split())
    if len(text) > NAME_LIMIT:
        text = text[:NAME_LIMIT - 1] + "\u2026"
    return text or fallback


def _since(value: object, mtime: float | None) -> datetime | None:
    """When the lock was taken: its ``since`` (ISO 8601; naive is local time), else the file's time."""
    if isinstance(value, str) and len(value) <= 64:
        with contextlib.suppress(ValueError, OverflowError, OSError):
            return _showable(datetime.fromisoformat(value).astimezone(UTC))
    if mtime is not None:
        with contextlib.suppress(ValueError, OverflowError, OSError):
            return _showable(datetime.fromtimestamp(mtime, UTC))
    return None


def _showable(moment: datetime) -> datetime:
    """``moment``, once it is known to convert to local time (year 1 or 9999 may not: ``OverflowError``)."""
    moment.astimezone().strftime("%d %b %Y %H:%M")
    return moment


def _read(file: Path) -> _Reading:
    """The lock's place, without following a link or opening anything but a regular file."""
    try:
        status = os.lstat(file)
    except FileNotFoundError:
        return _Reading("absent")
    except (OSError, ValueError):
        return _Reading("unreadable")
    if not stat.S_ISREG(status.st_mode):
        return _Reading("not-a-file", mtime=status.st_mtime)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(file, flags)
    except FileNotFoundError:
        return _Reading("absent")
    except OSError:
        return _Reading("unreadable", mtime=status.st_mtime)
    try:
        raw = os.read(descriptor, READ_LIMIT + 1)
    except OSError:
        return _Reading("unreadable", mtime=status.st_mtime)
    finally:
        os.close(descriptor)
    damaged = _Reading("damaged", raw=raw, mtime=status.st_mtime)
    if len(raw) > READ_LIMIT:
        return damaged
    try:
        info = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError; so are over-long numbers
        return damaged
    if (not isinstance(info, dict) or not isinstance(info.get("host"), str) or not info["host"]
            or processes.valid_pid(info.get("pid")) is None):
        return damaged
    return _Reading("lock", info=info, raw=raw, mtime=status.st_mtime)


class BriefLock:
    """The lock of one brief, as one window takes and gives it back (see the module docstring)."""

    def __init__(self, brief_path: str) -> None:
        target = Path(os.path.abspath(brief_path))
        self.brief = str(target)
        self.file = target.with_name(f".{target.name}.lock")
        self.token = os.urandom(16).hex()  # as random as uuid4, without importing uuid
        #: Whether the lock file on disk is this lock's.
        self.held = False
        #: A sentence for the status bar about the last :meth:`acquire` ("" when nothing to say).
        self.note = ""
        #: The lock of someone else that :meth:`acquire` took over, to put back if the brief is not opened.
        self._taken_over: bytes | None = None

    # -- who holds it ---------------------------------------------------------------------------
    def holder(self) -> LockHolder | None:
        """Who else holds the brief, or None: free, ours, stale or damaged."""
        return self._holder(_read(self.file))

    def _holder(self, reading: _Reading) -> LockHolder | None:
        if reading.kind == "unreadable":  # another user's lock we may not read: held, by someone
            return LockHolder("someone", "an unknown computer", _since(None, reading.mtime), False)
        if reading.kind != "lock" or reading.info is None:
            return None
        info = reading.info
        token = info.get("token")
        if token == self.token:
            return None
        running = processes.is_running(info)
        if running is False:
            return None
        holder = LockHolder(_clean(info.get("user"), "someone"), _clean(info.get("host"), "another computer"),
                            _since(info.get("since"), reading.mtime), running is True)
        if running and info.get("pid") == os.getpid():
            if token not in _HELD_TOKENS:
                return None  # left by a window of this process that no longer holds it
            return LockHolder(holder.user, holder.host, holder.since, True, this_process=True)
        return holder

    # -- taking and giving back -------------------------------------------------------------------
    def acquire(self, take_over: bool = False) -> LockHolder | None:
        """Take the lock; returns who holds it when someone else does and ``take_over`` is false.

        Nothing is written then. A lock that is stale or damaged, or any lock with
        ``take_over``, is replaced. When no lock can be written, the brief is simply not
        locked (:attr:`held` stays false, :attr:`note` says why).
        """
        self.note = ""
        _remove_stale_temporaries(self.file.parent)
        for _attempt in range(4):  # each turn is a race lost to another window: few are possible
            reading = _read(self.file)
            if reading.kind == "absent":
                written = self._write(replace=False)
                if written != "exists":
                    return None  # taken, or no lock can be written here
                continue  # a lock appeared meanwhile: look at it
            if reading.kind == "not-a-file":
                self.note = f"No lock written beside the brief: {self.file.name} is not a lock file."
                return None
            holder = self._holder(reading)
            if holder is not None and not take_over:
                return holder
            if _read(self.file).raw != reading.raw:
                continue  # changed since it was read: someone else is taking it
            replaced = self._replacing(reading, holder)
            if self._write(replace=True) == "written":
                self._taken_over = reading.raw if holder is not None and reading.kind == "lock" else None
                if replaced:
                    self.note = f"Took over {replaced}."
            return None
        self.note = f"No lock written beside the brief: {self.file.name} keeps changing."
        return None

    def _replacing(self, reading: _Reading, holder: LockHolder | None) -> str:
        """What taking over ``reading`` replaces, in words ("" for a lock of our own)."""
        if reading.kind == "damaged":
            return "the damaged lock file"
        if holder is not None:
            return f"the lock of {holder.describe()}"
        info = reading.info or {}
        if reading.kind != "lock" or info.get("token") == self.token:
            return ""
        return (f"the lock left by {_clean(info.get('user'), 'someone')} on "
                f"{_clean(info.get('host'), 'this computer')}, whose Briefbook no longer runs")

    def _write(self, replace: bool) -> Literal["written", "exists", "failed"]:
        """Write the lock whole under a temporary name, then link (or, to replace, rename) it into place."""
        since = datetime.now(UTC).astimezone().isoformat(timespec="seconds")
        data = json.dumps({**processes.current(), "since": since, "token": self.token,
                           "program": "Briefbook"}).encode("utf-8")
        temporary = self.file.with_name(_temporary_name(self.token))
        try:
            _write_new(temporary, data)
            if replace:
                os.replace(temporary, self.file)  # replaces a link itself, never what it points to
            else:
                self._link(temporary, data)
        except FileExistsError:
            return "exists"
        except (OSError, ValueError) as exc:
            self.note = f"No lock written beside the brief ({_reason(exc)}): others opening it are not warned."
            return "failed"
        finally:
            with contextlib.suppress(OSError, ValueError):
                temporary.unlink()
        self.held = True
        _HELD_TOKENS.add(self.token)
        return "written"

    def _link(self, temporary: Path, data: bytes) -> None:
        """Put the written lock in place only if none is there (``FileExistsError`` otherwise)."""
        try:
            os.link(temporary, self.file)
        except OSError as exc:
            if exc.errno not in _NO_HARD_LINKS:
                raise
            _write_new(self.file, data)  # a file system without hard links: create the lock exclusively

    def release(self, give_back: bool = False) -> None:
        """Remove the lock file if it is still ours (someone who took it over keeps theirs).

        ``give_back``: the brief was not opened after all, so the lock taken over from
        someone else is put back as it was, rather than removed.
        """
        if self.held:
            reading = _read(self.file)
            if reading.kind == "lock" and reading.info is not None and reading.info.get("token") == self.token:
                with contextlib.suppress(OSError, ValueError):
                    if give_back and self._taken_over is not None:
                        temporary = self.file.with_name(_temporary_name(self.token))
                        try:
                            _write_new(temporary, self._taken_over)
                            os.replace(temporary, self.file)
                        finally:
                            with contextlib.suppress(OSError):
                                temporary.unlink()
                    else:
                        self.file.unlink()
        self.held = False
        self._taken_over = None
        _HELD_TOKENS.discard(self.token)


_TEMPORARY_PREFIX = ".~briefbook-"


def _temporary_name(token: str) -> str:
    """A lock being written: named by the process writing it, so a killed writer's is recognised."""
    return f"{_TEMPORARY_PREFIX}{os.getpid()}-{token[:12]}.tmp"


def _remove_stale_temporaries(folder: Path) -> None:
    """Remove the half-written locks of writers that were killed (of this machine's processes, that have ended)."""
    host = host_name()
    try:
        names = [name for name in os.listdir(folder) if name.startswith(_TEMPORARY_PREFIX) and name.endswith(".tmp")]
    except (OSError, ValueError):
        return
    for name in names:
        pid, _, rest = name[len(_TEMPORARY_PREFIX):].partition("-")
        if not rest or not pid.isdigit() or processes.is_running({"host": host, "pid": int(pid)}) is not False:
            continue
        with contextlib.suppress(OSError):
            (folder / name).unlink()


def _write_new(file: Path, data: bytes) -> None:
    """Create ``file`` (``FileExistsError`` if anything, even a dangling link, is there) holding ``data``."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(file, flags, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
    except BaseException:
        os.close(descriptor)
        with contextlib.suppress(OSError):
            file.unlink()
        raise
    os.close(descriptor)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__
