"""The process's long-lived objects kept out of Python's full garbage collections.

A brief open in the editor is tens of thousands of Python objects (the model, the
parsed texts the views cache, the preview's placed parts) that live as long as it is
open. Python's cyclic collector walks every tracked object in each full collection,
and a full collection comes whenever enough new objects have survived: with a long
brief open that walk takes tens of milliseconds, landing on whatever key or background
turn is running. Freezing the heap once the brief is shown moves those objects out of
the collector's reach (``gc.freeze``), so later collections walk only what was made
since; objects freed by their reference count are freed as ever.

The C allocator gets one setting too (:func:`map_large_blocks`), for the quotation
check's index, whose arrays of half a million numbers grow block by block.
"""

from __future__ import annotations

import gc
import sys

#: glibc's ``mallopt`` parameter for the size from which a block is mapped on its own.
_M_MMAP_THRESHOLD = -3
#: The size glibc starts with (128 KiB), kept from then on.
_MAPPED_FROM = 128 * 1024


def release() -> None:
    """Another brief is about to be shown: what was frozen may be collected again."""
    gc.unfreeze()


def freeze() -> None:
    """The brief shown and drawn: keep what the process holds now out of full collections."""
    gc.freeze()


def map_large_blocks() -> bool:
    """Have glibc map every block from 128 KiB on its own, for good; whether it took the setting.

    glibc raises that threshold each time a mapped block is freed, so after a while of Qt's
    work blocks of megabytes come from the heap instead, and growing one means copying it
    whole to fresh memory: 10–20 ms of one turn each time an array of the sources' index
    outgrows its place, where a mapped block is remapped at no cost. A fixed threshold ends
    the raising (``man mallopt``). Elsewhere than glibc this does nothing.
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # here, not at start: only a brief with sources needs it

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (AttributeError, OSError):
        return False  # not glibc (musl has no such call)
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    return bool(mallopt(_M_MMAP_THRESHOLD, _MAPPED_FROM))
