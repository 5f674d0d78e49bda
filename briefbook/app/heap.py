"""The process's long-lived objects kept out of Python's full garbage collections.

A brief open in the editor is tens of thousands of Python objects (the model, the
parsed texts the views cache, the preview's placed parts) that live as long as it is
open. Python's cyclic collector walks every tracked object in each full collection,
and a full collection comes whenever enough new objects have survived: with a long
brief open that walk takes tens of milliseconds, landing on whatever key or background
turn is running. Freezing the heap once the brief is shown moves those objects out of
the collector's reach (``gc.freeze``), so later collections walk only what was made
since; objects freed by their reference count are freed as ever.
"""

from __future__ import annotations

import gc


def release() -> None:
    """Another brief is about to be shown: what was frozen may be collected again."""
    gc.unfreeze()


def freeze() -> None:
    """The brief shown and drawn: keep what the process holds now out of full collections."""
    gc.freeze()
