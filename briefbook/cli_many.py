"""Many briefs in one command: ``briefbook export A B … [-o OUTDIR]`` and ``briefbook check FOLDER``.

After a ministerial meeting the secretariat exports a whole set of briefs at once. One
process does them all, so the interpreter starts and the exporter and the template are
loaded once, not once a brief. Each brief is done in turn and a failure is that brief's
alone: the others are still done, a summary at the end says which failed and why, and
the exit status says whether all succeeded. On a terminal a progress line (``[3/20]
NAME``) shows how far the command has come, on the error stream, so the output itself
stays what scripts read.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from briefbook.record import Record

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

#: Folders a search for briefs does not enter: the stored texts of sources, and hidden ones.
_SKIPPED_FOLDERS = (".sources",)


def briefs_in(names: Iterable[str]) -> tuple[list[str], list[str]]:
    """Each name, a folder replaced by the ``*.brief.yaml`` files under it (sorted); and the folders that held none."""
    out: list[str] = []
    empty: list[str] = []
    for name in names:
        if not os.path.isdir(name):
            out.append(name)
            continue
        found = []
        for folder, subfolders, files in os.walk(name):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and not d.endswith(_SKIPPED_FOLDERS))
            found.extend(os.path.join(folder, f) for f in sorted(files) if f.endswith(".brief.yaml"))
        if found:
            out.extend(found)
        else:
            empty.append(name)
    return out, empty


class Progress:
    """``[3/20] NAME`` on one line of a terminal's error stream, rewritten as the command goes; silent otherwise."""

    def __init__(self, total: int, stream=None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.shown = total > 1 and getattr(self.stream, "isatty", lambda: False)()
        self._width = 0

    def step(self, index: int, name: str) -> None:
        if not self.shown:
            return
        line = f"[{index}/{self.total}] {name}"
        self.stream.write("\r" + line + " " * max(0, self._width - len(line)))
        self.stream.flush()
        self._width = len(line)

    def clear(self) -> None:
        """Take the progress line away before anything else is printed."""
        if self.shown and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0


class Tally(Record):
    """What became of each brief of a many-brief command."""

    __slots__ = FIELDS = ("done", "failed")

    def __init__(self, done: list[str] | None = None, failed: list[tuple[str, str]] | None = None) -> None:
        self.done: list[str] = [] if done is None else done
        self.failed: list[tuple[str, str]] = [] if failed is None else failed

    def summary(self, verb: str, noun: str = "brief") -> str:
        total = len(self.done) + len(self.failed)
        plural = "" if total == 1 else "s"
        if not self.failed:
            return f"{verb} {total} {noun}{plural}: all succeeded."
        lines = [f"{verb} {len(self.done)} of {total} {noun}{plural}; {len(self.failed)} failed:"]
        lines.extend(f"  {name}: {why}" for name, why in self.failed)
        return "\n".join(lines)


def run_each(names: list[str], one: Callable[[str], str | None], progress: Progress) -> Tally:
    """``one(name)`` for each brief (``None`` when it succeeded, else why it failed), with progress shown."""
    tally = Tally()
    for index, name in enumerate(names, start=1):
        progress.step(index, name)
        try:
            why = one(name)
        except KeyboardInterrupt:
            progress.clear()
            raise
        progress.clear()
        if why is None:
            tally.done.append(name)
        else:
            tally.failed.append((name, why))
    return tally


def output_folder(output: str | None, count: int) -> tuple[Path | None, str | None]:
    """The folder ``-o`` names for a many-brief export (made if missing), or why it cannot be one."""
    if output is None:
        return None, None
    folder = Path(output)
    if folder.suffix.lower() in (".docx", ".pdf") and not folder.is_dir():
        return None, (f"{output}: with {count} briefs, -o names the folder to write them to, "
                      "not one document.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return None, f"{output}: cannot make the folder: {exc.strerror or exc.__class__.__name__}."
    if not folder.is_dir():
        return None, f"{output}: is not a folder."
    return folder, None
