"""Undo commands: the changed span of a text, and values that stay the command's own."""

from __future__ import annotations

import random

from PySide6.QtGui import QUndoStack

from briefbook.app.commands import Change, EditValue, Span
from briefbook.model import Brief, Bullet, BulletList, Paragraph


def naive_span(old: str, new: str) -> Span:
    """The span as defined: the longest common prefix, then the longest common suffix of the rest."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    tail = 0
    while tail < min(len(old), len(new)) - start and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return Span(start, len(old) - tail, len(new) - tail)


def test_span_between_agrees_with_the_definition() -> None:
    rng = random.Random(7)
    cases = [("", ""), ("", "a"), ("a", ""), ("abc", "abc"), ("aaaa", "aa"), ("aa", "aaaa"), ("abba", "abbba")]
    for _ in range(3000):
        base = "".join(rng.choice("ab \n") for _ in range(rng.randrange(0, 60)))
        at = rng.randrange(0, len(base) + 1)
        cut = rng.randrange(at, min(len(base), at + 5) + 1)
        cases.append((base, base[:at] + "".join(rng.choice("ab") for _ in range(rng.randrange(0, 4))) + base[cut:]))
        cases.append((base, "".join(rng.choice("ab") for _ in range(rng.randrange(0, 60)))))
    long = "x" * 50_000
    cases += [(long, long + "y"), (long, "y" + long), (long + "a" + long, long + "b" + long)]
    for old, new in cases:
        assert Span.between(old, new) == naive_span(old, new), (old, new)


class Host:
    def __init__(self, brief: Brief) -> None:
        self.brief = brief
        self.changes: list[tuple[Change, bool]] = []

    def changed(self, change: Change, from_stack: bool) -> None:
        self.changes.append((change, from_stack))


def test_edit_values_stay_the_commands_own_through_undo_and_redo() -> None:
    brief = Brief(takeaways=[Paragraph("Old.")])
    host = Host(brief)
    stack = QUndoStack()
    old = [Paragraph("Old.")]
    new = [Paragraph("Old."), BulletList([Bullet("New")])]
    stack.push(EditValue(host, "Typing", ("takeaways",), ("takeaways",), old, new, "Old.", "Old.\n- New"))
    assert brief.takeaways == new
    assert host.changes[-1][1] is False  # the user's own edit: the editor already shows it
    stack.undo()
    assert brief.takeaways == [Paragraph("Old.")] and brief.takeaways is not old
    assert host.changes[-1][0].text == "Old." and host.changes[-1][1] is True
    brief.takeaways[0].text = "Changed in place after undo"
    stack.redo()
    assert brief.takeaways == [Paragraph("Old."), BulletList([Bullet("New")])]
    brief.takeaways[1].items[0].text = "Changed in place after redo"
    stack.undo()
    assert brief.takeaways == [Paragraph("Old.")]
    stack.redo()
    assert brief.takeaways == [Paragraph("Old."), BulletList([Bullet("New")])]
