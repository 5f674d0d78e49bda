"""Undo commands: every change to the brief goes through one of these and the document's history.

Three kinds suffice:

- :class:`TextEdit` records typing in a body (the key takeaways, a section's body) as
  the splice the editor made — where, what was removed, what was inserted — so a
  step costs what was typed, not a copy of the body, and typing within one word
  merges into one step (undo takes back words, not letters). The model keeps the
  typed text itself (:class:`briefbook.model.brief.Body`), so undo gives back the
  text exactly as it was typed.
- :class:`EditValue` changes one short value — a cover field, a section title, a
  footnote text, a source field — keeping the old and the new value.
- :class:`Snapshot` records the brief before and after a structural change (add,
  delete, move, promote, demote a section; add or delete a footnote): a whole copy
  cannot get the bookkeeping of moved addresses wrong.

Commands change the model, then tell the document what changed
(:meth:`Host.notify`), which tells the views.
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass
from typing import Protocol

from briefbook.model import Address, Brief
from briefbook.model.brief import Section, body_text, set_body_text
from briefbook.model.structure import set_value

#: Keystrokes further apart than this start a new undo step even within a word.
MERGE_SECONDS = 3.0

#: Characters that end a line; typing one is a step of its own.
_LINE_ENDS = "\n\u2028\u2029"


@dataclass(frozen=True)
class Splice:
    """``removed`` at ``start`` replaced by ``inserted``: one edit of a text."""

    start: int
    removed: str
    inserted: str

    def apply(self, text: str) -> str:
        return text[: self.start] + self.inserted + text[self.start + len(self.removed):]

    def inverse(self) -> Splice:
        return Splice(self.start, self.inserted, self.removed)


@dataclass(frozen=True)
class Change:
    """What a command did, for the views to show: where to go and what to refresh."""

    #: The outline entry that owns the change: the cover, the takeaways, a section, the footnotes, the sources.
    where: Address
    #: The value changed (a body, a field, a title, a footnote), else ().
    path: Address = Address()
    #: True when sections or footnotes were added, removed or moved: the outline is rebuilt.
    structural: bool = False
    #: Where to put the text cursor in the value's editor (undo/redo only), or None.
    cursor: int | None = None
    #: A short value's new text as its field shows it, or None.
    text: str | None = None
    #: For typing in a body: the splice that turns the text the editor shows into the new one.
    splice: Splice | None = None
    #: False for the first doing of an edit the user made in a view, which already shows it.
    from_stack: bool = True


class Host(Protocol):
    brief: Brief

    def notify(self, change: Change) -> None:
        """Called by every command after it changed the model."""


@dataclass(frozen=True)
class Span:
    """How one text turned into another: ``old[start:old_end]`` replaced by ``new[start:new_end]``."""

    start: int
    old_end: int
    new_end: int

    @staticmethod
    def between(old: str, new: str) -> Span:
        # Texts run to tens of thousands of characters: the common ends are found by
        # comparing slices (C loops), not characters.
        start = _common_prefix(old, new)
        tail = _common_suffix(old, new, min(len(old), len(new)) - start)
        return Span(start, len(old) - tail, len(new) - tail)

    @property
    def is_insert(self) -> bool:
        return self.old_end == self.start and self.new_end > self.start

    @property
    def is_delete(self) -> bool:
        return self.new_end == self.start and self.old_end > self.start

    def splice(self, old: str, new: str) -> Splice:
        return Splice(self.start, old[self.start:self.old_end], new[self.start:self.new_end])


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


def continues_word(first: Splice, then: Splice) -> bool:
    """Whether ``then``, made right after ``first``, carries on typing (or deleting) the same word."""
    if not first.removed and not then.removed and first.inserted and then.inserted:
        if then.start != first.start + len(first.inserted):
            return False
        typed, before = then.inserted, first.inserted[-1]
        if len(typed) != 1 or typed in _LINE_ENDS:
            return False
        return not (typed.isspace() and not before.isspace())  # a space starts the next word
    if not first.inserted and not then.inserted and first.removed and then.removed:
        return then.start + len(then.removed) == first.start or then.start == first.start  # Backspace, Delete
    return False


def merge_splices(first: Splice, then: Splice) -> Splice:
    """One splice doing ``first`` then ``then`` (for splices :func:`continues_word` accepts)."""
    if first.inserted:
        return Splice(first.start, first.removed, first.inserted + then.inserted)
    if then.start == first.start:  # Delete: the text after goes on disappearing
        return Splice(first.start, first.removed + then.removed, "")
    return Splice(then.start, then.removed + first.removed, "")  # Backspace


def body_owner(brief: Brief, body: Address) -> Brief | Section:
    """What holds the body at ``body``: the brief for the takeaways, else the section."""
    if body.area == "takeaways":
        return brief
    section = body.section_address.resolve(brief) if body.section_address else None
    if not isinstance(section, Section):
        raise KeyError(tuple(body))
    return section


class TextEdit:
    """Typing in a body, as a splice of its text; typing within one word merges into one step."""

    def __init__(self, host: Host, body: Address, splice: Splice, label: str = "Typing") -> None:
        self.label = label
        self.host, self.body, self.splice = host, body, splice
        self.stamp = time.monotonic()
        self._first = True

    def _apply(self, splice: Splice) -> None:
        owner = body_owner(self.host.brief, self.body)
        set_body_text(owner, splice.apply(body_text(owner)))
        from_stack, self._first = not self._first, False
        self.host.notify(Change(self.body.owner, self.body, cursor=splice.start + len(splice.inserted),
                                 splice=splice, from_stack=from_stack))

    def redo(self) -> None:
        self._apply(self.splice)

    def undo(self) -> None:
        self._apply(self.splice.inverse())

    def absorb(self, other: object) -> bool:
        if not isinstance(other, TextEdit) or other.body != self.body or other.label != self.label:
            return False
        if other.stamp - self.stamp > MERGE_SECONDS or not continues_word(self.splice, other.splice):
            return False
        self.splice, self.stamp = merge_splices(self.splice, other.splice), other.stamp
        return True


class EditValue:
    """Set one short value of the brief; typing within one word merges into one step.

    With ``words=False`` (short fields: a title, a date) a whole run of edits to the
    field merges, so renaming a section is one step however it was typed. The
    command keeps ``old`` and ``new`` as given: the caller hands it values nobody else
    holds; the model gets copies on undo and redo.
    """

    def __init__(self, host: Host, label: str, path: Address, old: object, new: object,
                 by_user: bool = True, words: bool = True) -> None:
        self.label = label
        self.host, self.path = host, Address.of(path)
        self.old, self.new = old, new
        self.old_text = old if isinstance(old, str) else ""
        self.new_text = new if isinstance(new, str) else ""
        self.span = Span.between(self.old_text, self.new_text)
        self.stamp = time.monotonic()
        self._by_user = by_user
        self._words = words
        self._first = True

    def _apply(self, value: object, text: str, cursor: int) -> None:
        set_value(self.host.brief, self.path, value if self._first else copy.deepcopy(value))
        from_stack = not (self._first and self._by_user)
        self._first = False
        self.host.notify(Change(self.path.owner, self.path, cursor=cursor, text=text, from_stack=from_stack))

    def redo(self) -> None:
        self._apply(self.new, self.new_text, self.span.new_end)

    def undo(self) -> None:
        self._apply(self.old, self.old_text, self.span.old_end)

    def absorb(self, other: object) -> bool:
        if not isinstance(other, EditValue) or other.path != self.path or other.label != self.label:
            return False
        if other.stamp - self.stamp > MERGE_SECONDS:
            return False
        if self._words and not continues_word(self.span.splice(self.old_text, self.new_text),
                                              other.span.splice(other.old_text, other.new_text)):
            return False
        self.new, self.new_text, self.stamp = other.new, other.new_text, other.stamp
        self.span = Span.between(self.old_text, self.new_text)
        return True


class Snapshot:
    """A structural change, recorded as the whole brief before and after it."""

    def __init__(self, host: Host, label: str, before: Brief, after: Brief,
                 where_before: Address, where_after: Address) -> None:
        self.label = label
        self.host = host
        self.before, self.after = copy.deepcopy(before), copy.deepcopy(after)
        self.where_before, self.where_after = Address.of(where_before), Address.of(where_after)
        self._first = True

    def _apply(self, state: Brief, where: Address) -> None:
        # The whole state, typed body texts included, replaces the brief's own (the
        # brief object stays the same, so every view that holds it sees the change).
        vars(self.host.brief).update(vars(copy.deepcopy(state)))
        from_stack, self._first = not self._first, False
        self.host.notify(Change(where, structural=True, from_stack=from_stack))

    def redo(self) -> None:
        self._apply(self.after, self.where_after)

    def undo(self) -> None:
        self._apply(self.before, self.where_before)

    def absorb(self, other: object) -> bool:
        return False


def is_body(path: Address) -> bool:
    """Whether ``path`` names a body (the takeaways, a section's body) rather than a text field."""
    return path.area in ("takeaways", "sections") and path.body == path


class SetTexts:
    """Several texts of the brief set at once — find's Replace and Replace All — as one step.

    Each change names a value by address: a body (the takeaways, a section's body: its
    typed text) or a text field (a cover field, a title, a footnote, a source field). The
    step keeps, for each, the splice between old and new text, not copies of the bodies.
    One value changed is shown as any edit is (the page, the cursor after it); several
    are announced once, as a structural change, so the views refresh once rather than once
    per value.
    """

    def __init__(self, host: Host, label: str, changes: list[tuple[Address, str, str]]) -> None:
        self.label = label
        self.host = host
        self.changes = [(Address.of(path), Span.between(old, new).splice(old, new)) for path, old, new in changes]

    def _apply(self, undo: bool) -> None:
        brief = self.host.brief
        shown: tuple[Address, Splice, str] | None = None
        for path, splice in reversed(self.changes) if undo else self.changes:
            step = splice.inverse() if undo else splice
            if is_body(path):
                owner = body_owner(brief, path)
                text = step.apply(body_text(owner))
                set_body_text(owner, text)
            else:
                text = step.apply(str(path.resolve(brief) or ""))
                set_value(brief, path, text)
            shown = (path, step, text)
        if len(self.changes) != 1 or shown is None:
            first = self.changes[0][0] if self.changes else Address.cover()
            self.host.notify(Change(first.owner, structural=True))
            return
        path, step, text = shown
        body = is_body(path)
        self.host.notify(Change(path.owner, path, cursor=step.start + len(step.inserted),
                                text=None if body else text, splice=step if body else None))

    def redo(self) -> None:
        self._apply(undo=False)

    def undo(self) -> None:
        self._apply(undo=True)

    def absorb(self, other: object) -> bool:
        return False


class NoteEdit:
    """A reviewer's note added, rewritten or taken away — one step, keeping only that note.

    The note is named by its owner (the brief or a section, by address) and its place in
    the owner's list, which is where the history left it when the step is undone or
    redone: the steps after it are undone first. ``before`` is ``None`` for a note added,
    ``after`` for one deleted. The change names the annotated text (``text_address``)
    and puts the cursor at ``cursor``, so an undo shows where the note was.
    """

    def __init__(self, host: Host, label: str, text_address: Address, index: int,
                 before: object | None, after: object | None, cursor: int = 0) -> None:
        from briefbook.model.notes import owner_of

        self.label = label
        self.host = host
        self.text_address = Address.of(text_address)
        self.owner, _on = owner_of(self.text_address)
        self.index = index
        self.before, self.after = copy.deepcopy(before), copy.deepcopy(after)
        self.cursor = cursor
        self._first = True

    def _apply(self, remove: object | None, put: object | None) -> None:
        from briefbook.model.notes import notes_of

        notes = notes_of(self.host.brief, self.owner)
        if remove is not None:
            del notes[self.index]
        if put is not None:
            notes.insert(self.index, copy.deepcopy(put))
        from_stack, self._first = not self._first, False
        self.host.notify(Change(self.text_address.owner, self.text_address, cursor=self.cursor, from_stack=from_stack))

    def redo(self) -> None:
        self._apply(self.before, self.after)

    def undo(self) -> None:
        self._apply(self.after, self.before)

    def absorb(self, other: object) -> bool:
        return False
