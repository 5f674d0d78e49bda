"""Profiles for the report: where the time of a missed target goes.

Two views are used. ``cProfile`` (through :mod:`pstats`) shows the functions a
measured operation spends its time in, sorted by cumulative and by own time; for
whole-process figures ``python -X importtime`` shows which imports make up the start.
Both come back as plain text blocks ready for RESULTS.md.
"""

from __future__ import annotations

import io
import os
import pstats
import re
import subprocess
import sys
from pathlib import Path

_REPO = str(Path(__file__).resolve().parent.parent)


def pstats_top(profile_file: str | os.PathLike[str], limit: int = 15, only: str | None = None) -> str:
    """The top entries by cumulative time, then by own time, with repository paths shortened.

    ``only`` (a regular expression on ``file:line(function)``) keeps the product's and
    its libraries' entries and drops the benchmark's own idle waiting.
    """
    out = io.StringIO()
    stats = pstats.Stats(str(profile_file), stream=out)
    for order in ("cumulative", "tottime"):
        out.write(f"--- sorted by {order}{' (' + only + ' only)' if only else ''} ---\n")
        stats.sort_stats(order).print_stats(*([only] if only else []), limit)
    return _tidy(out.getvalue())


def _tidy(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith(("Ordered by", "List reduced", "Random listing")):
            continue
        if re.match(r"\w{3} \w{3} +\d+ \d\d:\d\d:\d\d \d{4} ", line):  # the profile file's date and name
            continue
        line = line.replace(_REPO + "/", "")
        line = re.sub(r"/\S*?/site-packages/", "", line)
        line = re.sub(r"/\S*?/lib/python3\.\d+/", "", line)
        lines.append(line.rstrip())
    return "\n".join(lines)


def cprofile_command(command: list[str], profile_file: Path, env: dict[str, str] | None = None) -> str:
    """Run ``python -m cProfile -o FILE <command…>`` (``command`` without the interpreter); its top entries."""
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(profile_file), *command],
        capture_output=True, text=True, env=env, timeout=900, check=False,
    )
    if not profile_file.exists():
        return f"(profile failed: exit {done.returncode}: {done.stderr.strip()[-800:]})"
    return pstats_top(profile_file)


def importtime(command: list[str], env: dict[str, str] | None = None, limit: int = 15) -> str:
    """The slowest imports (cumulative µs) of ``python -X importtime <command…>``."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *command],
        capture_output=True, text=True, env=env, timeout=900, check=False,
    )
    rows = []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if match:
            rows.append((int(match.group(2)), len(match.group(3)), match.group(4)))
    if not rows:
        return f"(importtime failed: exit {done.returncode}: {done.stderr.strip()[-800:]})"
    total = sum(cumulative for cumulative, depth, _ in rows if depth <= 1)
    top = sorted(rows, reverse=True)[:limit]
    lines = [f"all top-level imports: {total / 1000:.0f} ms", "cumulative ms  module"]
    lines += [f"{cumulative / 1000:13.1f}  {name}" for cumulative, _, name in top]
    return "\n".join(lines)
