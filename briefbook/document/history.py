"""The undo history of a brief: steps that can be undone and redone, merged while the user types.

A plain Python list of commands rather than Qt's ``QUndoStack``: PySide keeps the
Python side of every command Qt deletes (a merged keystroke, a cleared history, a
discarded redo branch) alive for good, so a long session of typing would keep every
merged keystroke. Here a merged command is simply never stored. The rules are Qt's:

- a new command drops what could be redone, runs, and merges into the step before it
  when that step agrees (:meth:`Command.absorb`) — never into the step the brief was
  saved at, so undoing back to the saved state stays possible;
- commands pushed inside :meth:`History.step` undo and redo as one step;
- the history is *clean* at the step where the brief was last saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol


class Command(Protocol):
    """One change of the brief that can be undone."""

    label: str

    def redo(self) -> None: ...

    def undo(self) -> None: ...

    def absorb(self, later: Command) -> bool:
        """Take ``later`` (already done) into this step; False when it is a step of its own."""
        ...


class Group:
    """Commands that undo and redo together, as one step with one label."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.commands: list[Command] = []

    def redo(self) -> None:
        for command in self.commands:
            command.redo()

    def undo(self) -> None:
        for command in reversed(self.commands):
            command.undo()

    def absorb(self, later: Command) -> bool:
        return False

    def add(self, command: Command) -> None:
        if not (self.commands and self.commands[-1].absorb(command)):
            self.commands.append(command)


class History:
    """The steps of one brief (see the module docstring); ``on_change`` is called after every change."""

    def __init__(self, on_change: Callable[[], None] | None = None) -> None:
        self._steps: list[Command] = []
        self._index = 0  # steps before it are done
        self._clean: int | None = 0  # where the brief was saved; None when that step is gone
        self._groups: list[Group] = []
        self._on_change = on_change or (lambda: None)

    # -- what it holds -------------------------------------------------------------------------
    def count(self) -> int:
        return len(self._steps)

    @property
    def index(self) -> int:
        return self._index

    def can_undo(self) -> bool:
        return self._index > 0 and not self._groups

    def can_redo(self) -> bool:
        return self._index < len(self._steps) and not self._groups

    def undo_label(self) -> str:
        return self._steps[self._index - 1].label if self.can_undo() else ""

    def redo_label(self) -> str:
        return self._steps[self._index].label if self.can_redo() else ""

    def is_clean(self) -> bool:
        return self._clean == self._index

    def set_clean(self) -> None:
        """The brief as it is now was saved (or is to count as unchanged)."""
        self._clean = self._index
        self._on_change()

    def clear(self) -> None:
        """Forget every step: a new brief, with nothing to undo."""
        self._steps.clear()
        self._groups.clear()
        self._index, self._clean = 0, 0
        self._on_change()

    # -- changing it ---------------------------------------------------------------------------
    def push(self, command: Command) -> None:
        """Do ``command`` and record it as a step, or as part of the step being typed."""
        command.redo()
        if self._groups:
            self._groups[-1].add(command)
            return
        del self._steps[self._index:]
        if self._clean is not None and self._clean > self._index:
            self._clean = None  # the saved state was undone and is now out of reach
        top = self._steps[-1] if self._steps else None
        if top is None or self._clean == self._index or not top.absorb(command):
            self._steps.append(command)
            self._index += 1
        self._on_change()

    def undo(self) -> None:
        if self.can_undo():
            self._index -= 1
            self._steps[self._index].undo()
            self._on_change()

    def redo(self) -> None:
        if self.can_redo():
            self._steps[self._index].redo()
            self._index += 1
            self._on_change()

    @contextmanager
    def step(self, label: str) -> Iterator[None]:
        """Commands pushed inside the ``with`` block undo and redo as one step called ``label``."""
        group = Group(label)
        self._groups.append(group)
        try:
            yield
        finally:
            self._groups.pop()
            if group.commands:
                if self._groups:
                    self._groups[-1].add(group)
                else:
                    self._groups_done(group)

    def _groups_done(self, group: Group) -> None:
        del self._steps[self._index:]
        if self._clean is not None and self._clean > self._index:
            self._clean = None
        self._steps.append(group)
        self._index += 1
        self._on_change()
