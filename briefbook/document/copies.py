"""Keeping a version of a brief the user did not choose, as a copy beside it, so it is never lost."""

from __future__ import annotations

import os
import time
from pathlib import Path

from briefbook.atomic import write_atomic

_SUFFIXES = (".brief.yaml", ".yaml", ".yml")


def copy_path(path: str, reason: str, now: float | None = None) -> Path:
    """A free name beside ``path``: ``NAME (REASON 2026-12-02 14.05).brief.yaml``."""
    target = Path(path)
    name = target.name
    suffix = next((s for s in _SUFFIXES if name.endswith(s)), "")
    stem = name[: len(name) - len(suffix)] if suffix else name
    stamp = time.strftime("%Y-%m-%d %H.%M", time.localtime(now))
    candidate = target.with_name(f"{stem} ({reason} {stamp}){suffix or '.brief.yaml'}")
    number = 2
    while os.path.lexists(candidate):
        candidate = target.with_name(f"{stem} ({reason} {stamp}, {number}){suffix or '.brief.yaml'}")
        number += 1
    return candidate


def keep_copy(path: str, data: bytes, reason: str) -> Path:
    """Write ``data`` to a new file beside ``path`` (see :func:`copy_path`); raises ``SaveError``."""
    target = copy_path(path, reason)
    write_atomic(target, data)
    return target
