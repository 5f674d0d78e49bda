"""Counting work without a clock: lines of a package executed while a call runs.

A busy machine makes timings unreliable, and a test must never assert on one; the
number of lines executed is exact and grows the way the algorithm's cost grows. It
sees only Python: work done inside C (string copies, regular expressions, lxml) is
checked by running the operation in a subprocess with a timeout instead.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path


def lines_executed(call: Callable[[], object], *packages: Path) -> int:
    """How many lines of code under ``packages`` run during ``call()``."""
    roots = tuple(str(package) for package in packages)
    count = 0

    def in_frame(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return in_frame

    def on_call(frame, event, arg):
        return in_frame if frame.f_code.co_filename.startswith(roots) else None

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        call()
    finally:
        sys.settrace(previous)
    return count
