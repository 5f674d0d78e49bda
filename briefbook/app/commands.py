"""Undo commands: every change to the brief goes through one of these and the window's QUndoStack.

Two kinds suffice. :class:`EditValue` changes one value — a cover field, a section
title, a footnote text, a body (the blocks of takeaways or of a section) — and
merges with the next edit of the same value while the user keeps typing one word,
so undo takes back words, not letters. :class:`Snapshot` records the brief before
and after a structural change (add, delete, move, promote, demote a section; add a
footnote) — briefs are small, and a whole copy cannot get the bookkeeping wrong.

Commands change the model, then tell the window what changed through
:class:`Host.changed`; the window refreshes outline, editor and preview from the model.
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, fields
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from briefbook.model import Brief, Path
from briefbook.model.structure import set_value

#: Keystrokes further apart than this start a new undo step even within a word.
MERGE_SECONDS = 3.0


@dataclass(frozen=True)
class Change:
    """What a command did, for the window to show: where to go and what to refresh."""

    #: The outline entry that owns the change: ("meta",), ("takeaways",), a section path, ("footnotes", id)...
    where: Path
    #: The value changed (for EditValue), else ().
    path: Path = ()
    #: True when sections or footnotes were added, removed or moved: the outline is rebuilt.
    structural: bool = False
    #: Where to put the text cursor in the value's editor (undo/redo only), or None.
    cursor: int | None = None
    #: The value's text as its editor showed it (bodies: the editor's text form), or None.
    text: str | None = None


class Host(Protocol):
    brief: Brief

    def changed(self, change: Change, from_stack: bool) -> None:
        """``from_stack`` is False for the first redo of a command the user's own typing created."""


@dataclass(frozen=True)
class Span:
    """How one text turned into another: ``old[start:old_end]`` replaced by ``new[start:new_end]``."""

    start: int
    old_end: int
    new_end: int

    @staticmethod
    def between(old: str, new: str) -> Span:
        # Bodies run to tens of thousands of characters and this runs on every key:
        # the common ends are found by comparing slices (C loops), not characters.
        start = _common_prefix(old, new)
        tail = _common_suffix(old, new, min(len(old), len(new)) - start)
        return Span(start, len(old) - tail, len(new) - tail)

    @property
    def is_insert(self) -> bool:
        return self.old_end == self.start and self.new_end > self.start

    @property
    def is_delete(self) -> bool:
        return self.new_end == self.start and self.old_end > self.start


def _common_prefix(a: str, b: str) -> int:
    """The length of the longest common prefix of ``a`` and ``b``, by halving slices."""
    limit = min(len(a), len(b))
    if a[:limit] == b[:limit]:
        return limit
    low, high = 0, limit  # a[:low] == b[:low] and a[:high] != b[:high]
    while high - low > 1:
        middle = (low + high) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    """The length of the longest common suffix of ``a`` and ``b``, at most ``limit``."""
    if limit <= 0:
        return 0
    ea, eb = len(a), len(b)
    if a[ea - limit:] == b[eb - limit:]:
        return limit
    low, high = 0, limit  # the last ``low`` characters agree, the last ``high`` do not
    while high - low > 1:
        middle = (low + high) // 2
        if a[ea - middle:ea - low] == b[eb - middle:eb - low]:
            low = middle
        else:
            high = middle
    return low


class EditValue(QUndoCommand):
    """Set one value of the brief; typing within one word merges into one step.

    With ``words=False`` (short fields: a title, a date) a whole run of edits to the
    field merges, so renaming a section is one step however it was typed.

    The command keeps ``old`` and ``new`` as given, without copying: the caller hands
    it values nobody else holds (the window copies the old value out of the model;
    the editor builds the new one afresh). The model receives ``new`` itself when the
    command is first done, and copies on undo and redo, so the values the command
    keeps are never the model's own afterwards.
    """

    def __init__(self, host: Host, label: str, where: Path, path: Path, old: object, new: object,
                 old_text: str | None = None, new_text: str | None = None, by_user: bool = True,
                 words: bool = True) -> None:
        super().__init__(label)
        self.host, self.where, self.path = host, where, path
        self.old, self.new = old, new
        self.old_text = old_text if old_text is not None else (old if isinstance(old, str) else "")
        self.new_text = new_text if new_text is not None else (new if isinstance(new, str) else "")
        self.span = Span.between(self.old_text, self.new_text)
        self.stamp = time.monotonic()
        self._by_user = by_user
        self._words = words
        self._first = True

    def id(self) -> int:  # noqa: A003 - Qt's name
        return 1

    def _apply(self, value: object, text: str, cursor: int) -> None:
        # First done: the model takes the new value itself (nothing changes model values in
        # place; the next edit copies it as its own old value). Undo and redo hand out copies.
        set_value(self.host.brief, self.path, value if self._first else copy.deepcopy(value))
        from_stack = not (self._first and self._by_user)
        self._first = False
        self.host.changed(Change(self.where, self.path, cursor=cursor, text=text), from_stack)

    def redo(self) -> None:
        self._apply(self.new, self.new_text, self.span.new_end)

    def undo(self) -> None:
        self._apply(self.old, self.old_text, self.span.old_end)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, EditValue) or other.path != self.path or other.text() != self.text():
            return False
        if other.stamp - self.stamp > MERGE_SECONDS:
            return False
        if self._words and not self._continues(other.span, other.new_text):
            return False
        self.new, self.new_text, self.stamp = other.new, other.new_text, other.stamp
        self.span = Span.between(self.old_text, self.new_text)
        return True

    def _continues(self, nxt: Span, nxt_text: str) -> bool:
        """Whether ``nxt`` carries on typing (or deleting) the same word."""
        mine = self.span
        if mine.is_insert and nxt.is_insert and nxt.start == mine.new_end:
            typed = nxt_text[nxt.start:nxt.new_end]
            before = self.new_text[mine.new_end - 1] if mine.new_end else ""
            if len(typed) != 1 or typed in "\n\u2028\u2029":
                return False
            return not (typed.isspace() and before and not before.isspace())  # a space starts the next word
        if mine.is_delete and nxt.is_delete:
            return nxt.old_end == mine.start or nxt.start == mine.start
        return False


class Snapshot(QUndoCommand):
    """A structural change, recorded as the whole brief before and after it."""

    def __init__(self, host: Host, label: str, before: Brief, after: Brief,
                 where_before: Path, where_after: Path) -> None:
        super().__init__(label)
        self.host = host
        self.before, self.after = copy.deepcopy(before), copy.deepcopy(after)
        self.where_before, self.where_after = where_before, where_after
        self._first = True

    def _apply(self, state: Brief, where: Path) -> None:
        for item in fields(Brief):
            setattr(self.host.brief, item.name, copy.deepcopy(getattr(state, item.name)))
        from_stack = not self._first
        self._first = False
        self.host.changed(Change(where, structural=True), from_stack)

    def redo(self) -> None:
        self._apply(self.after, self.where_after)

    def undo(self) -> None:
        self._apply(self.before, self.where_before)
