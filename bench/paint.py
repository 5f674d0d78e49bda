"""Catching the moment a widget has finished painting, through real Qt paint events.

An event filter on a widget sees its ``QEvent.Paint`` before the widget paints. To
time the end of the paint instead, the filter hands the same event to the widget
itself (``sendEvent`` inside the paint pass, so the widget paints as it would have)
and then swallows the original; the time taken right after that includes the
widget's own painting. ``check`` decides whether this paint is the one waited for
(it shows the new text), and runs after the time is taken, so it never counts.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject


class PaintWatch(QObject):
    """Calls ``on_painted(seconds)`` (``time.perf_counter``) after each accepted paint of the watched widgets."""

    def __init__(self, on_painted: Callable[[QObject, float], None],
                 check: Callable[[QObject], bool] | None = None) -> None:
        super().__init__()
        self.on_painted = on_painted
        self.check = check
        self._inside = False

    def watch(self, widget: QObject) -> None:
        widget.installEventFilter(self)

    def unwatch(self, widget: QObject) -> None:
        widget.removeEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if self._inside or event.type() != QEvent.Type.Paint:
            return False
        self._inside = True
        try:
            QCoreApplication.sendEvent(obj, event)
        finally:
            self._inside = False
        done = time.perf_counter()
        if self.check is None or self.check(obj):
            self.on_painted(obj, done)
        return True
