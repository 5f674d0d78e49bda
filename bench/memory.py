"""Memory that stays behind after work is done, measured so that the allocator's noise does not swamp it.

Two measures, taken after the work has settled, a full ``gc.collect()`` and
``malloc_trim(0)`` (which hands glibc's free heap pages back to the system):

- **resident memory now**, from ``/proc/self/statm`` (not ``ru_maxrss``, which is a
  peak and never goes down): everything the process holds, Qt's C++ heap included,
  but also memory the allocators keep for reuse;
- **the Python heap**, from ``tracemalloc``: the bytes of every Python allocation
  still alive, exactly, but blind to memory Qt allocates in C++. Tracing slows
  every allocation, so it is used in a pass of its own, never in a timed one.

:func:`retained_sites` says where the retained Python memory was allocated: each
trace is put on the innermost frame in the product's code.
"""

from __future__ import annotations

import ctypes
import gc
import linecache
import os
import sys
import tracemalloc

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def current_rss() -> int | None:
    """Resident memory of this process now, in bytes (None where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return None


def _malloc_trim() -> bool:
    try:
        return bool(ctypes.CDLL("libc.so.6").malloc_trim(0))
    except (OSError, AttributeError):
        return False


def settle() -> None:
    """Collect every generation of garbage and give free heap pages back, before a reading."""
    gc.collect()
    _malloc_trim()


def reading(traced: bool) -> dict[str, int | None]:
    """Resident bytes, Python allocated blocks and, when tracing, traced Python bytes, after :func:`settle`."""
    settle()
    return {"rss": current_rss(), "blocks": sys.getallocatedblocks(),
            "traced": tracemalloc.get_traced_memory()[0] if tracemalloc.is_tracing() else None}


#: Traces whose innermost frame is in these files belong to the benchmark, not the product.
_OWN = (os.path.join(os.path.dirname(os.path.abspath(__file__)), "*"), tracemalloc.__file__,
        "<frozen importlib._bootstrap*>")


def product_snapshot() -> tracemalloc.Snapshot:
    """A snapshot of the traced memory without the benchmark's own (its lists of timings, ...)."""
    snapshot = tracemalloc.take_snapshot()
    return snapshot.filter_traces([tracemalloc.Filter(False, pattern) for pattern in _OWN])


def snapshot_bytes(snapshot: tracemalloc.Snapshot) -> int:
    return sum(trace.size for trace in snapshot.traces)


def site(traceback: tracemalloc.Traceback, marker: str = f"{os.sep}briefbook{os.sep}") -> str:
    """``file:line  code`` of the innermost frame in the product (else the innermost frame)."""
    frames = list(traceback)  # oldest first
    chosen = next((f for f in reversed(frames) if marker in f.filename), frames[-1] if frames else None)
    if chosen is None:
        return "?"
    name = chosen.filename
    if marker in name:
        name = "briefbook" + os.sep + name.rsplit(marker, 1)[1]
    code = linecache.getline(chosen.filename, chosen.lineno).strip()
    return f"{name}:{chosen.lineno}  {code}"[:160]


def retained_sites(before: tracemalloc.Snapshot, after: tracemalloc.Snapshot, top: int = 12) -> list[dict]:
    """The Python memory kept between two snapshots, by the product line that allocated it, largest first."""
    by_site: dict[str, list[int]] = {}
    for stat in after.compare_to(before, "traceback"):
        if stat.size_diff == 0:
            continue
        entry = by_site.setdefault(site(stat.traceback), [0, 0])
        entry[0] += stat.size_diff
        entry[1] += stat.count_diff
    ordered = sorted(by_site.items(), key=lambda item: -item[1][0])
    return [{"site": name, "bytes": size, "blocks": count} for name, (size, count) in ordered[:top]]


def live_types() -> dict[str, int]:
    """How many objects of each type the garbage collector tracks now (containers: not str, int, float)."""
    gc.collect()
    counts: dict[str, int] = {}
    for obj in gc.get_objects():
        kind = type(obj)
        name = f"{kind.__module__}.{kind.__qualname__}"
        counts[name] = counts.get(name, 0) + 1
    return counts


def grown_types(before: dict[str, int], after: dict[str, int], top: int = 10) -> list[tuple[str, int]]:
    """The types with the most more objects ``after`` than ``before``, most first."""
    grown = [(name, after[name] - before.get(name, 0)) for name in after]
    return sorted(((name, n) for name, n in grown if n > 0), key=lambda item: (-item[1], item[0]))[:top]
