"""The undo history: steps, merging, the saved state, groups, and nothing kept that was merged away."""

from __future__ import annotations

import gc
import weakref

from briefbook.document.history import History


class Note:
    """A command that appends a letter to a list; letters typed in a row merge."""

    def __init__(self, out: list[str], letter: str, label: str = "Typing") -> None:
        self.out, self.letters, self.label = out, letter, label

    def redo(self) -> None:
        self.out.extend(self.letters)

    def undo(self) -> None:
        del self.out[len(self.out) - len(self.letters):]

    def absorb(self, later: object) -> bool:
        if isinstance(later, Note) and later.label == self.label and later.letters != " ":
            self.letters += later.letters
            return True
        return False


def test_steps_merge_undo_and_redo() -> None:
    out: list[str] = []
    changes: list[int] = []
    history = History(lambda: changes.append(history.index))
    for letter in "ab cd":
        history.push(Note(out, letter))
    assert out == list("ab cd") and history.count() == 2  # "ab", " cd"
    assert history.undo_label() == "Typing" and history.can_undo() and not history.can_redo()
    history.undo()
    assert out == list("ab") and history.redo_label() == "Typing"
    history.redo()
    assert out == list("ab cd") and changes


def test_never_merges_into_the_saved_step_and_knows_when_it_is_back() -> None:
    out: list[str] = []
    history = History()
    history.push(Note(out, "a"))
    history.set_clean()
    history.push(Note(out, "b"))
    assert history.count() == 2 and not history.is_clean()
    history.undo()
    assert history.is_clean() and out == ["a"]
    history.undo()
    history.push(Note(out, "x"))  # the saved state is on the branch just dropped
    assert out == ["x"] and not history.is_clean() and history.count() == 1
    history.undo()
    assert not history.is_clean()


def test_a_group_is_one_step() -> None:
    out: list[str] = []
    history = History()
    with history.step("Insert Footnote"):
        history.push(Note(out, "[", label="Add"))
        history.push(Note(out, "^", label="Typing"))
        assert not history.can_undo()  # no undo half-way through a step
    assert history.count() == 1 and history.undo_label() == "Insert Footnote"
    history.undo()
    assert out == []
    history.redo()
    assert out == ["[", "^"]
    with history.step("Nothing"):
        pass
    assert history.count() == 1  # an empty step is not recorded


def test_merged_and_forgotten_commands_are_not_kept() -> None:
    out: list[str] = []
    history = History()
    refs = []
    for letter in "abcdef":
        note = Note(out, letter)
        refs.append(weakref.ref(note))
        history.push(note)
        del note
    gc.collect()
    assert sum(ref() is not None for ref in refs) == 1  # only the step "abcdef" itself
    history.clear()
    gc.collect()
    assert all(ref() is None for ref in refs) and history.count() == 0 and history.is_clean()
