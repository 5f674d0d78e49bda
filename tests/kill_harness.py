"""Killing saves and exports at random moments, and what must hold after each kill.

The test side is :class:`Writer` and :func:`kill_writes`. The process they kill is this
file run as a script, ``python tests/kill_harness.py WORKLOAD FOLDER READY_FD``. It
loads everything once (for the editor: builds the main window, offscreen), then obeys
lines on its standard input:

``go``
    fork a copy of itself that writes a byte to READY_FD and then writes for ever —
    brief A, export of A, brief B, export of B, … — and print the copy's process number;
``go-at K``
    the same, but the copy kills itself with SIGKILL just before its K-th call of
    ``os.fsync`` or ``os.replace`` (counted together from its start): a kill at each
    step of a write whatever the speed of the disk, where random moments on a fast
    disk mostly fall between writes;
``reap PID``
    wait for that copy (killed by the test or by itself) and print how it ended.

Forking a loaded process makes each of the hundreds of kills cost milliseconds rather
than a fresh start of Python and Qt. The copies are ordinary processes running the same
code a user's process runs; the Qt process is single-threaded when it forks (offscreen,
no event loop running), so its copies are sound.

Workloads, each over FOLDER/a.brief.yaml and FOLDER/b.brief.yaml (the two versions):

``library``  ``briefbook.save`` to FOLDER/brief.brief.yaml, ``briefbook.export_docx`` to FOLDER/brief.docx;
``cli``      ``briefbook.cli.main``: ``new --force`` from the two starter templates, ``export`` of A and B;
``editor``   ``MainWindow.files.save_to`` and ``export_to``, the brief replaced by A or B before each.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def library(folder: Path) -> Callable[[int], None]:
    import briefbook

    briefs = [briefbook.load(folder / "a.brief.yaml"), briefbook.load(folder / "b.brief.yaml")]

    def step(i: int) -> None:
        briefbook.save(briefs[i % 2], folder / "brief.brief.yaml")
        briefbook.export_docx(briefs[i % 2], folder / "brief.docx")

    return step


def cli(folder: Path) -> Callable[[int], None]:
    from briefbook.cli import main

    starters = ("key-takeaways", "long-brief")
    sources = (folder / "a.brief.yaml", folder / "b.brief.yaml")

    def step(i: int) -> None:
        target = str(folder / "brief.brief.yaml")
        if main(["new", "--force", "-q", "-t", starters[i % 2], target]) != 0:
            raise SystemExit(f"briefbook new failed at step {i}")
        if main(["export", "-q", str(sources[i % 2]), "-o", str(folder / "brief.docx")]) != 0:
            raise SystemExit(f"briefbook export failed at step {i}")

    return step


def editor(folder: Path) -> Callable[[int], None]:
    from PySide6.QtWidgets import QApplication

    from briefbook.app.main_window import MainWindow
    from briefbook.app.session import Session
    from briefbook.document import AppFolders
    from briefbook.fileformat import load

    app = QApplication.instance() or QApplication(["briefbook"])
    window = MainWindow(Session(AppFolders(folder / "settings")))

    def refuse(title: str, text: str, error: bool = False) -> None:
        print(f"{title}: {text}", file=sys.stderr, flush=True)
        os._exit(3)

    window.dialogs.show_message = refuse
    window.files._told_no_libreoffice = True  # noqa: SLF001 - the notice would stop the copy (see Writer)
    briefs = [load(folder / "a.brief.yaml"), load(folder / "b.brief.yaml")]
    target = str(folder / "brief.brief.yaml")

    def step(i: int) -> None:
        window.document.replace(briefs[i % 2], target)
        if not window.files.save_to(target) or not window.files.export_to(str(folder / "brief.docx")):
            raise SystemExit(f"the editor did not save at step {i}")
        app.processEvents()

    step.window = window  # type: ignore[attr-defined]  # kept alive with the step
    return step


def die_at(point: int) -> None:
    """Make the ``point``-th call of ``os.fsync`` or ``os.replace`` in this process the moment it is killed."""
    import itertools

    calls = itertools.count()
    real_fsync, real_replace = os.fsync, os.replace

    def reached() -> None:
        if next(calls) == point:
            os.kill(os.getpid(), signal.SIGKILL)

    def fsync(fd: int) -> None:
        reached()
        real_fsync(fd)

    def replace(source: str, destination: str) -> None:
        reached()
        real_replace(source, destination)

    os.fsync = fsync  # type: ignore[assignment]
    os.replace = replace  # type: ignore[assignment]


def serve(workload: str, folder: Path, ready: int) -> None:
    step = {"library": library, "cli": cli, "editor": editor}[workload](folder)
    step(0)  # every module a write needs is imported now, not in each copy, where the kills would land
    step(1)
    print("loaded", flush=True)
    for line in sys.stdin:
        command, *rest = line.split()
        if command in ("go", "go-at"):
            pid = os.fork()
            if pid == 0:
                if command == "go-at":
                    die_at(int(rest[0]))
                os.write(ready, b"r")
                try:
                    i = 0
                    while True:
                        step(i)
                        i += 1
                except BaseException as exc:  # noqa: BLE001 - the test must hear of it, not a traceback vanish
                    print(f"the writing copy stopped: {exc!r}", file=sys.stderr, flush=True)
                    os._exit(4)
            print(pid, flush=True)
        elif command == "reap":
            _, status = os.waitpid(int(rest[0]), 0)
            print(os.waitstatus_to_exitcode(status), flush=True)


# -- the test's side ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Versions:
    """The only contents the files may have after a kill: the two versions, whole."""

    brief: tuple[bytes, bytes]
    docx: tuple[bytes, bytes]


def prepare(folder: Path) -> Versions:
    """The two versions (the starter templates) as FOLDER/a.brief.yaml and b.brief.yaml; the files written once."""
    from briefbook.fileformat import dumps, load, save
    from briefbook.render.docx import build_docx, export_docx
    from briefbook.resources import starter_templates

    starters = starter_templates()
    briefs = [load(starters["key-takeaways"]), load(starters["long-brief"])]
    for name, brief in zip(("a", "b"), briefs, strict=True):
        (folder / f"{name}.brief.yaml").write_text(dumps(brief), encoding="utf-8")
    save(briefs[0], folder / "brief.brief.yaml")
    save(briefs[1], folder / "brief.brief.yaml")  # so that there is a backup from the start
    export_docx(briefs[0], folder / "brief.docx")
    return Versions(tuple(dumps(b).encode("utf-8") for b in briefs),  # type: ignore[arg-type]
                    tuple(build_docx(b) for b in briefs))  # type: ignore[arg-type]


class Writer:
    """This file running as the loaded process that forks the copies to be killed."""

    def __init__(self, workload: str, folder: Path) -> None:
        self.folder = folder
        self.errors = folder / "writer-errors.txt"
        ready_read, ready_write = os.pipe()
        self.ready = ready_read
        # As without LibreOffice: a brief with contents is then exported whole by the process killed,
        # not laid out by LibreOffice in another process that outlives the kill.
        env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen", "BRIEFBOOK_SOFFICE": ""}
        with open(self.errors, "wb") as errors:
            self.process = subprocess.Popen(
                [sys.executable, __file__, workload, str(folder), str(ready_write)], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=errors, text=True, pass_fds=(ready_write,), env=env)
        os.close(ready_write)
        assert self._answer() == "loaded"

    def _answer(self) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, f"the writing process ended: {self.errors.read_text(errors='replace')}"
        return line.strip()

    def start(self, die_at: int | None = None) -> int:
        """A copy writing for ever (or until its ``die_at``-th sync or rename); returns when it has begun."""
        assert self.process.stdin is not None
        self.process.stdin.write("go\n" if die_at is None else f"go-at {die_at}\n")
        pid = int(self._answer())
        assert os.read(self.ready, 1) == b"r"
        return pid

    def kill(self, pid: int) -> None:
        os.kill(pid, signal.SIGKILL)
        self.reap(pid)

    def reap(self, pid: int) -> None:
        """Wait for the copy to be dead; it must have died of SIGKILL, not stopped by itself."""
        assert self.process.stdin is not None
        self.process.stdin.write(f"reap {pid}\n")
        status = int(self._answer())
        assert status == -signal.SIGKILL, (f"the copy stopped by itself ({status}): "
                                           f"{self.errors.read_text(errors='replace')}")

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()
        os.close(self.ready)

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def temporaries(folder: Path) -> list[str]:
    """Temporary files of saves and exports (a lock half-written by a killed editor is the lock's to remove)."""
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp") and not name.startswith(".~briefbook-"))


def check_whole(folder: Path, versions: Versions, what: str) -> None:
    """The brief, its backup and the export are each one of the two versions, whole, and the briefs load."""
    from briefbook.fileformat import read

    for name in ("brief.brief.yaml", "brief.brief.yaml~"):
        data = (folder / name).read_bytes()
        assert data in versions.brief, f"{name} after {what} is neither version ({len(data)} bytes)"
        assert read(folder / name).brief is not None, f"{name} after {what} does not load"
    data = (folder / "brief.docx").read_bytes()
    assert data in versions.docx, f"brief.docx after {what} is neither export ({len(data)} bytes)"


def save_next(folder: Path) -> None:
    """The next save and export of the files, as any of the three would make them."""
    from briefbook.fileformat import load, save
    from briefbook.render.docx import export_docx

    brief = load(folder / "a.brief.yaml")
    save(brief, folder / "brief.brief.yaml")
    export_docx(brief, folder / "brief.docx")


@dataclass
class KillCount:
    kills: int = 0
    #: Kills that left a temporary file: the kill came in the middle of a write.
    left_temporaries: int = 0


def kill_writes(workload: str, folder: Path, random_kills: int, longest_wait: float,
                step_kills: int) -> tuple[KillCount, KillCount]:
    """Kill writing copies and check the files after each kill and after the next save.

    First ``random_kills`` copies, each after a random wait of up to ``longest_wait``
    seconds; then ``step_kills`` copies that die at their 0th, 1st, 2nd … sync or
    rename. Returns the count of each kind.
    """
    import time

    versions = prepare(folder)
    seed = random.randrange(2**32)
    moments = random.Random(seed)
    at_random, at_steps = KillCount(), KillCount()
    with Writer(workload, folder) as writer:
        for kill in range(random_kills + step_kills):
            if kill < random_kills:
                pid = writer.start()
                time.sleep(moments.uniform(0, longest_wait))
                writer.kill(pid)
                what, count = f"random kill {kill} of the {workload}'s writes (seed {seed})", at_random
            else:
                point = kill - random_kills
                writer.reap(writer.start(die_at=point))
                what, count = f"the {workload}'s kill at sync or rename {point}", at_steps
            check_whole(folder, versions, what)
            count.kills += 1
            count.left_temporaries += bool(temporaries(folder))
            save_next(folder)
            assert temporaries(folder) == [], f"temporary files remain after the save that followed {what}"
            check_whole(folder, versions, f"the save after {what}")
    return at_random, at_steps


if __name__ == "__main__":
    sys.exit(serve(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])))
