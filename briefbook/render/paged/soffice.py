"""LibreOffice, run headless to lay a DOCX out as a PDF: where it is, its private profile, the command.

LibreOffice refuses a second instance on a profile already in use, and hands a conversion
to the instance the user has open instead (where it may wait behind a dialog). Every
conversion therefore runs in a profile of its own, kept in Briefbook's cache folder so
that only the first conversion pays for making it. A profile is leased with an exclusive
lock for the length of one conversion; when it is taken (another export is running), the
next numbered one is used. Nothing here imports Qt: the command line runs the conversion
with :mod:`subprocess`, the editor runs :mod:`briefbook.render.paged.worker` through
``QProcess``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from briefbook.problems import SaveError
from briefbook.render.paged.limits import TIMEOUT_S

#: Profiles kept in the cache folder; beyond them a conversion uses a fresh temporary one.
PROFILE_SLOTS = 4

#: PDF export options: each bookmark becomes a named destination, which is how the page of
#: each heading is read back (see :mod:`briefbook.render.paged.pages`).
PDF_FILTER = 'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'

#: What to install, in the words the message uses.
INSTALL_HINT = ("install LibreOffice (on Debian or Ubuntu: sudo apt-get install libreoffice-writer-nogui; "
                "elsewhere from https://www.libreoffice.org)")


class LibreOfficeError(SaveError):
    """A conversion that could not be made: LibreOffice missing, too slow, or failing."""


class LibreOfficeMissing(LibreOfficeError):
    """No LibreOffice on this machine."""


def _install_paths() -> list[Path]:
    """Where LibreOffice's installers put the program on macOS and Windows."""
    if sys.platform == "darwin":
        return [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
                Path.home() / "Applications/LibreOffice.app/Contents/MacOS/soffice"]
    if sys.platform.startswith("win"):
        roots = [os.environ.get(name) for name in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432")]
        return [Path(root) / "LibreOffice" / "program" / "soffice.exe" for root in roots if root]
    return [Path("/opt/libreoffice/program/soffice"), Path("/usr/lib/libreoffice/program/soffice")]


def find_soffice() -> str | None:
    """The LibreOffice program to run (``BRIEFBOOK_SOFFICE`` first, then the ``PATH``, then install places)."""
    chosen = os.environ.get("BRIEFBOOK_SOFFICE")
    if chosen is not None:  # set, even empty: the user's choice ("" means: as if none were installed)
        return chosen if chosen and os.access(chosen, os.X_OK) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for path in _install_paths():
        if os.access(path, os.X_OK):
            return str(path)
    return None


def require_soffice(purpose: str) -> str:
    """:func:`find_soffice`, or :class:`LibreOfficeMissing` saying what it was needed for and how to get it."""
    found = find_soffice()
    if found is None:
        raise LibreOfficeMissing(f"LibreOffice is needed to {purpose}, and it is not installed: {INSTALL_HINT}.")
    return found


def cache_folder() -> Path:
    """Briefbook's cache folder, where the platform keeps programs' caches."""
    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    elif sys.platform.startswith("win"):
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "briefbook"


def _try_lock(handle: IO[bytes]) -> bool:
    """Take an exclusive lock on an open file without waiting; False if someone holds it."""
    try:
        if sys.platform.startswith("win"):
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


@dataclass
class ProfileLease:
    """A LibreOffice profile held for one conversion; :meth:`release` gives it back (a temporary one is removed)."""

    folder: Path
    _lock: IO[bytes] | None = None
    _temporary: bool = False

    @property
    def url(self) -> str:
        """The profile as the ``-env:UserInstallation`` URL LibreOffice takes."""
        return self.folder.resolve().as_uri()

    def release(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing drops the lock
            self._lock = None
        if self._temporary:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> ProfileLease:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def lease_profile(root: Path | None = None) -> ProfileLease:
    """The first free profile under ``root`` (the cache folder), else a fresh temporary one."""
    root = cache_folder() / "libreoffice" if root is None else root
    kept = _free_slot(root)
    # Every slot busy, or a cache folder that cannot be written: a temporary profile does as well, only slower.
    return kept or ProfileLease(Path(tempfile.mkdtemp(prefix="briefbook-lo-")), None, True)


def _free_slot(root: Path) -> ProfileLease | None:
    """The first kept profile under ``root`` no other conversion holds, locked; ``None`` if none can be had."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        for slot in range(1, PROFILE_SLOTS + 1):
            handle = open(root / f"profile-{slot}.lock", "a+b")  # noqa: SIM115 - held open as the lock
            if _try_lock(handle):
                lease = ProfileLease(root / f"profile-{slot}", handle)
                stop_left_behind(lease.url)
                return lease
            handle.close()
    except OSError:
        return None
    return None


def stop_left_behind(profile_url: str) -> int:
    """Stop any LibreOffice still running on the profile at ``profile_url``; how many processes were stopped.

    A conversion whose program died without stopping LibreOffice (killed, or the machine's
    session ended) leaves it running on its profile, and the profile's lock goes with the
    dead program. The next conversion on that profile would be handed to the instance left
    behind, which may never answer: every later export would wait for its timeout. Whoever
    holds the lock is the profile's only rightful user, so any LibreOffice found on it is
    one left behind. Looked for in ``/proc`` (Linux); elsewhere nothing is done.
    """
    proc = Path("/proc")
    if not sys.platform.startswith("linux") or not proc.is_dir():
        return 0
    marker = f"-env:UserInstallation={profile_url}".encode()
    mine = os.getuid()
    stopped = 0
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if entry.stat().st_uid != mine:
                continue
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue  # gone meanwhile, or not ours to read
        if marker in arguments and b"office" in arguments[0].lower():  # soffice.bin, or its oosplash launcher
            try:
                os.kill(int(entry.name), signal.SIGKILL)
                stopped += 1
            except (ProcessLookupError, PermissionError):
                pass
    return stopped


def conversion_command(soffice: str, profile: ProfileLease, docx: Path, outdir: Path) -> list[str]:
    """The command that writes ``outdir/STEM.pdf`` from ``docx``, headless, in ``profile``."""
    return [soffice, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            f"-env:UserInstallation={profile.url}", "--convert-to", PDF_FILTER, "--outdir", str(outdir), str(docx)]


@dataclass
class Timings:
    """Seconds spent, for the benchmark: LibreOffice's runs, and how many there were."""

    soffice: float = 0.0
    runs: int = 0
    each: list[float] = field(default_factory=list)

    def add(self, seconds: float) -> None:
        self.soffice += seconds
        self.runs += 1
        self.each.append(seconds)


def failure_message(returncode: int | None, output: str, pdf_made: bool) -> str:
    """What to tell the user about a conversion that ended without its PDF."""
    lines = [line for line in output.splitlines() if line.strip() and "javaldx" not in line]
    detail = f" LibreOffice said: {lines[-1].strip()}" if lines else ""
    if returncode not in (0, None):
        return f"LibreOffice could not lay the document out (it stopped with status {returncode}).{detail}"
    if not pdf_made:
        return f"LibreOffice ended without writing the PDF.{detail}"
    return f"LibreOffice could not lay the document out.{detail}"


def convert(docx_bytes: bytes, timings: Timings | None = None, *, timeout: float = TIMEOUT_S,
            purpose: str = "make a PDF") -> bytes:
    """The PDF LibreOffice lays ``docx_bytes`` out as; raises :class:`LibreOfficeError` saying why not."""
    soffice = require_soffice(purpose)
    with tempfile.TemporaryDirectory(prefix="briefbook-layout-") as work, lease_profile() as profile:
        source = Path(work) / "brief.docx"
        source.write_bytes(docx_bytes)
        outdir = Path(work) / "out"
        command = conversion_command(soffice, profile, source, outdir)
        started = time.perf_counter()
        returncode, output = _run(command, timeout)
        if timings is not None:
            timings.add(time.perf_counter() - started)
        made = outdir / "brief.pdf"
        if returncode != 0 or not made.is_file() or made.stat().st_size == 0:
            raise LibreOfficeError(failure_message(returncode, output, made.is_file()))
        return made.read_bytes()


def _run(command: list[str], timeout: float) -> tuple[int, str]:
    """Run ``command`` in a process group of its own, stopped whole at the timeout or on an interrupt."""
    windows = sys.platform.startswith("win")
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, start_new_session=not windows)
    except OSError as exc:
        raise LibreOfficeError(f"LibreOffice could not be started ({command[0]}): "
                               f"{exc.strerror or exc.__class__.__name__}.") from exc
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        stop_group(process)
        raise LibreOfficeError(f"LibreOffice took longer than {timeout:.0f} seconds to lay the document out, "
                               "and was stopped.") from exc
    except BaseException:  # an interrupt or a termination: LibreOffice must not be left running
        stop_group(process)
        raise
    return process.returncode, output.decode("utf-8", "replace")


def stop_group(process: subprocess.Popen) -> None:
    """Stop LibreOffice and the processes it started (its launcher forks the real program)."""
    try:
        if sys.platform.startswith("win"):
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
