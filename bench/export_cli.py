"""``briefbook export`` as a whole process, against ``pandoc -o .docx`` on the same content.

Both are run as the user runs them, from a fresh process each time, interleaved and
alternating which goes first, so that a burst of load on the shared machine hits
both alike. The figure is the ratio of each pair's times; the absolute times are
reported beside it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from generate import Inputs


def briefbook_command() -> list[str]:
    """The installed ``briefbook`` console script beside this interpreter, else ``python -m briefbook``."""
    script = Path(sys.executable).with_name("briefbook")
    if script.exists():
        return [str(script)]
    found = shutil.which("briefbook")
    return [found] if found else [sys.executable, "-m", "briefbook"]


@dataclass
class CliRuns:
    briefbook: list[float] = field(default_factory=list)
    pandoc: list[float] = field(default_factory=list)
    check: list[float] = field(default_factory=list)
    error: str = ""

    @property
    def ratios(self) -> list[float]:
        return [b / p for b, p in zip(self.briefbook, self.pandoc, strict=False) if p > 0]

    @property
    def check_ratios(self) -> list[float]:
        """``briefbook check`` of the brief ÷ the ``pandoc`` export timed beside it."""
        return [c / p for c, p in zip(self.check, self.pandoc, strict=False) if p > 0]


def _timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    return time.perf_counter() - start, done


def export_commands(inputs: Inputs, folder: Path) -> tuple[list[str], list[str]]:
    """(briefbook command, pandoc command) writing into ``folder``."""
    ours = [*briefbook_command(), "export", str(inputs.brief), "-o", str(folder / f"briefbook-x{inputs.scale}.docx"),
            "--quiet"]
    theirs = ["pandoc", "-f", "markdown", str(inputs.markdown), "-o", str(folder / f"pandoc-x{inputs.scale}.docx")]
    return ours, theirs


def check_command(inputs: Inputs) -> list[str]:
    """``briefbook check`` of the brief as a user runs it (its sources' quotations checked too)."""
    return [*briefbook_command(), "check", str(inputs.brief), "--quiet"]


def measure(inputs: Inputs, folder: Path, repeats: int) -> CliRuns:
    """Warm each up once (file caches), then time ``repeats`` interleaved rounds of export, check and pandoc."""
    runs = CliRuns()
    ours, theirs = export_commands(inputs, folder)
    checking = check_command(inputs)
    if shutil.which("pandoc") is None:
        runs.error = "pandoc is not installed"
    for name, command in (("briefbook export", ours), ("briefbook check", checking), ("pandoc", theirs)):
        if name == "pandoc" and runs.error:
            continue
        _, done = _timed(command)
        if done.returncode != 0:
            runs.error = f"{name} failed (exit {done.returncode}): {(done.stderr or done.stdout).strip()[-1500:]}"
            return runs
    for index in range(repeats):
        pair = [("b", ours), ("c", checking), ("p", theirs)]
        if index % 2:
            pair.reverse()
        for which, command in pair:
            if which == "p" and shutil.which("pandoc") is None:
                continue
            elapsed, done = _timed(command)
            if done.returncode != 0:
                runs.error = f"{command[0]} failed (exit {done.returncode}): {done.stderr.strip()[-1500:]}"
                return runs
            {"b": runs.briefbook, "c": runs.check, "p": runs.pandoc}[which].append(elapsed)
    return runs
