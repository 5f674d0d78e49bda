"""Undo commands: typing as splices of the typed text, word steps, exact undo, and short values."""

from __future__ import annotations

import copy
import random

from briefbook.document.commands import (
    Change,
    EditValue,
    Snapshot,
    Span,
    Splice,
    TextEdit,
    continues_word,
    merge_splices,
)
from briefbook.document.history import History
from briefbook.model import Address, Brief, Paragraph, Section
from briefbook.model.brief import body_text, set_body_text


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
        self.changes: list[Change] = []

    def notify(self, change: Change) -> None:
        self.changes.append(change)


def type_into(stack: History, host: Host, body: Address, text: str, at: int) -> int:
    """Type ``text`` key by key at ``at`` as the editor reports it; returns the position after."""
    for character in text:
        stack.push(TextEdit(host, body, Splice(at, "", character)))
        at += 1
    return at


def test_typing_is_a_splice_of_the_typed_text_and_undo_takes_back_words() -> None:
    brief = Brief(takeaways=[Paragraph("Old.")])
    host, stack = Host(brief), History()
    body = Address.takeaways()
    type_into(stack, host, body, " New words", len("Old."))
    assert body_text(brief) == "Old. New words" and brief.takeaways == [Paragraph("Old. New words")]
    assert stack.count() == 2  # " New" and " words"
    assert host.changes[-1].from_stack is False  # the user's own edit: the editor already shows it
    stack.undo()
    assert body_text(brief) == "Old. New"
    assert host.changes[-1].splice == Splice(8, " words", "") and host.changes[-1].from_stack
    stack.undo()
    assert brief.takeaways == [Paragraph("Old.")]
    stack.redo()
    stack.redo()
    assert body_text(brief) == "Old. New words"


def test_undo_gives_back_the_text_exactly_as_typed() -> None:
    brief = Brief(sections=[Section("One", body=[Paragraph("First.")])])
    host, stack = Host(brief), History()
    body = Address.section(0).body
    section = brief.sections[0]
    set_body_text(section, "First.\n\n\n- a   ")  # blank lines and trailing spaces the blocks do not keep
    type_into(stack, host, body, "b", len(body_text(section)))
    stack.push(EditValue(host, "Rename Section", Address.section(0).title, "One", "Two"))
    stack.push(Snapshot(host, "Add Footnote", brief, Brief(sections=copy.deepcopy(brief.sections)),
                        Address.section(0), Address.section(0)))
    stack.undo()
    stack.undo()
    assert body_text(brief.sections[0]) == "First.\n\n\n- a   b"
    stack.undo()
    assert body_text(brief.sections[0]) == "First.\n\n\n- a   "


def test_backspace_and_delete_merge_into_one_step() -> None:
    brief = Brief(takeaways=[Paragraph("abcdef")])
    host, stack = Host(brief), History()
    body = Address.takeaways()
    for at in (5, 4, 3):  # Backspace three times from the end
        stack.push(TextEdit(host, body, Splice(at, "abcdef"[at], "")))
    assert body_text(brief) == "abc" and stack.count() == 1
    stack.push(TextEdit(host, body, Splice(0, "a", "")))  # elsewhere: a step of its own
    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert body_text(brief) == "abcdef"


def test_merged_splices_agree_with_applying_them_one_by_one() -> None:
    rng = random.Random(11)
    for _ in range(500):
        text = "".join(rng.choice("ab ") for _ in range(rng.randrange(1, 30)))
        first_at = rng.randrange(0, len(text) + 1)
        if rng.random() < 0.5:
            first = Splice(first_at, "", rng.choice("ab "))
            then = Splice(first_at + 1, "", rng.choice("ab "))
        else:
            cut = rng.randrange(0, len(text))
            first = Splice(cut, text[cut], "")
            after = first.apply(text)
            at = rng.choice([cut, cut - 1]) if after else 0
            if not 0 <= at < len(after):
                continue
            then = Splice(at, after[at], "")
        if continues_word(first, then):
            assert merge_splices(first, then).apply(text) == then.apply(first.apply(text))


def test_edit_values_stay_the_commands_own_through_undo_and_redo() -> None:
    brief = Brief(footnotes={"fn1": "Old."})
    host, stack = Host(brief), History()
    stack.push(EditValue(host, "Edit Footnote", Address.footnotes("fn1"), "Old.", "New."))
    assert brief.footnotes == {"fn1": "New."}
    stack.undo()
    assert brief.footnotes == {"fn1": "Old."} and host.changes[-1].text == "Old."
