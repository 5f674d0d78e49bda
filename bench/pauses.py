"""How long each background task holds the UI thread: every turn of it, timed in the editor.

The editor's background work (drawing a long preview, the checks behind the Problems
panel, the quotation check, the spell check, the counts, autosave, watching the file,
the notes) runs on the UI thread in turns from Qt timers, so that a key typed meanwhile
waits for one turn at most. This wraps each task's turn method at class level, before
the window is built (so the timers' connections call the wrappers), and records how
long every turn took. A turn that is part of opening the brief or of a command the
user asked for (the preview's first chunk, the checks of a brief just opened, a check
finished at once) is left out: it is not background work.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import time
from collections.abc import Callable


def _always(*_args, **_kwargs) -> bool:
    return True


#: (task, module, class, method, which calls are background turns): the turns of each task.
TASKS: tuple[tuple[str, str, str, str, Callable[..., bool]], ...] = (
    ("preview fill", "briefbook.app.preview", "PreviewPane", "_fill",
     lambda self, budget=None, *_, **__: budget is not None and budget < 0.03),
    ("checks (Problems panel)", "briefbook.app.main_window", "MainWindow", "_check_turn",
     lambda self, budget=0.0, *_, **__: budget < 1.0),
    ("checks (Problems panel)", "briefbook.app.problems_panel", "ProblemsPanel", "_make_more", _always),
    ("quotation check", "briefbook.app.quote_checking", "QuoteCheckRun", "_turn",
     lambda self, budget=0.0, *_, **__: budget < 1.0),
    ("quotation check", "briefbook.app.quote_checking", "QuoteCheckRun", "_begin", _always),
    ("spell check", "briefbook.app.spell_underline", "SpellingHighlighter", "_background_turn", _always),
    ("spell check", "briefbook.app.spell_check", "SpellCheck", "refresh", _always),
    ("counts (status bar)", "briefbook.app.counts_view", "CountsView", "_count_some", _always),
    ("counts (status bar)", "briefbook.app.counts_view", "CountsView", "refresh", _always),
    ("autosave", "briefbook.document.controller", "Document", "_begin_autosave", _always),
    ("autosave", "briefbook.document.controller", "Document", "_autosave_turn", _always),
    ("file watching", "briefbook.document.watch", "FileWatch", "check", _always),
    ("review notes", "briefbook.app.note_actions", "NoteActions", "refresh", _always),
)


#: A turn that starts this soon after a key is a pause the typist can feel.
TYPING_SECONDS = 0.6


class Pauses:
    """``turns[task]``: (start, milliseconds) of each background turn of that task, in order."""

    def __init__(self) -> None:
        self.turns: dict[str, list[tuple[float, float]]] = {task: [] for task, *_ in TASKS}
        self.keys: list[float] = []
        self._inside = 0  # a turn that runs another task's turn is timed once, as its own

    def key(self, posted: float) -> None:
        """A key was posted at ``posted`` (``time.perf_counter()``)."""
        self.keys.append(posted)

    def install(self) -> None:
        for task, module_name, class_name, method, counts in TASKS:
            owner = getattr(importlib.import_module(module_name), class_name)
            setattr(owner, method, self._wrap(task, getattr(owner, method), counts))

    def _wrap(self, task: str, original, counts):
        @functools.wraps(original)
        def timed(*args, **kwargs):
            if self._inside:
                return original(*args, **kwargs)
            self._inside += 1
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self._inside -= 1
                if counts(*args, **kwargs):
                    self.turns[task].append((start, (time.perf_counter() - start) * 1000))

        return timed

    def summary(self) -> dict[str, dict[str, list[float]]]:
        """For each task that ran: the milliseconds of ``all`` its turns, and of those ``typing``
        (starting within :data:`TYPING_SECONDS` after a key, from the first key to the last)."""
        keys = self.keys
        found: dict[str, dict[str, list[float]]] = {}
        for task, turns in self.turns.items():
            if not turns:
                continue
            typing = [ms for start, ms in turns if keys and keys[0] <= start <= keys[-1] + TYPING_SECONDS
                      and start - keys[max(0, bisect.bisect_right(keys, start) - 1)] <= TYPING_SECONDS]
            found[task] = {"all": [ms for _, ms in turns], "typing": typing}
        return found
