"""The plain classes of named fields: compared, hashed, shown and copied as the dataclasses they replace were."""

from __future__ import annotations

import copy
import pickle
import subprocess
import sys

import pytest

from briefbook.markup import Run
from briefbook.model import Brief, Bullet, BulletList, Meta, Paragraph, Section
from briefbook.model.address import Address
from briefbook.model.body import set_body_text
from briefbook.problems import Problem, Severity
from briefbook.record import Record, Value


class Pair(Record):
    __slots__ = FIELDS = ("left", "right")

    def __init__(self, left: int, right: int = 0) -> None:
        self.left = left
        self.right = right


class OtherPair(Pair):
    __slots__ = ()


def test_equal_by_fields_and_class() -> None:
    assert Pair(1, 2) == Pair(1, 2)
    assert Pair(1, 2) != Pair(1, 3)
    assert Pair(1, 2) != OtherPair(1, 2)  # another class is another thing, as with dataclasses
    assert Pair(1, 2) != (1, 2)


def test_a_record_is_not_hashed_but_a_value_is() -> None:
    with pytest.raises(TypeError):
        hash(Pair(1))
    assert {Run("a", bold=True), Run("a", bold=True)} == {Run("a", bold=True)}


def test_fields_left_out_of_comparison() -> None:
    """A run's place in its source takes no part in what it is, or in its hash."""
    one, other = Run("word", start=0, end=4), Run("word", start=10, end=14)
    assert one == other and hash(one) == hash(other)
    assert Run("word", italic=True) != Run("word")


def test_repr_names_every_field() -> None:
    assert repr(Pair(1, 2)) == "Pair(left=1, right=2)"
    assert repr(Run("a")) == "Run(text='a', bold=False, italic=False, href=None, start=0, end=0)"


def test_replace_goes_through_init() -> None:
    problem = Problem(Severity.ERROR, "bad")
    moved = problem.replace(path=("sections", 0))
    assert isinstance(moved.path, Address) and moved.path == ("sections", 0)
    assert problem.path == () and moved.message == "bad"
    with pytest.raises(TypeError, match="no field colour"):
        Pair(1).replace(colour=2)


def test_defaults_are_not_shared() -> None:
    first, second = Bullet("a"), Bullet("b")
    first.children.append(Bullet("c"))
    assert second.children == []
    assert Brief().sections is not Brief().sections


def test_copies_and_pickles_keep_every_field() -> None:
    brief = Brief(Meta(title="T"), [Paragraph("Key")],
                  [Section("One", [BulletList([Bullet("**Lead.** Text", [Bullet("child")])])])])
    set_body_text(brief.sections[0], "- typed")
    for copied in (copy.deepcopy(brief), pickle.loads(pickle.dumps(brief))):
        assert copied == brief and copied is not brief
        assert copied.sections[0].body == [BulletList([Bullet("typed")])]
    value = Run("x", href="https://www.nato-pa.int", start=3, end=9)
    assert pickle.loads(pickle.dumps(value)).end == 9


def test_slots_keep_a_bullet_small() -> None:
    with pytest.raises(AttributeError):
        Bullet("a").colour = "red"  # type: ignore[attr-defined]


def test_value_subclass_stays_hashable() -> None:
    class Point(Value):
        __slots__ = FIELDS = ("x",)

        def __init__(self, x: int) -> None:
            self.x = x

    assert hash(Point(1)) == hash(Point(1)) and Point(1) != Point(2)


def test_reading_a_brief_does_not_import_dataclasses() -> None:
    """What a one-brief ``briefbook check`` imports: the command's start is most of its time."""
    code = ("import sys, briefbook.fileformat, briefbook.quotes.report; "
            "print('dataclasses' in sys.modules, 'inspect' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
