"""Section structure edits and undo merging, without a window."""

from __future__ import annotations

import pytest

from briefbook.document.commands import Span
from briefbook.model import Brief, Section, iter_sections, structure


def brief_of(*tops: Section) -> Brief:
    return Brief(sections=list(tops))


def numbered(brief: Brief) -> list[str]:
    return [f"{entry.label} {entry.section.title}" for entry in iter_sections(brief)]


def sample() -> Brief:
    return brief_of(
        Section("ONE", sections=[Section("one-a"), Section("one-b", sections=[Section("one-b-1")])]),
        Section("TWO"),
        Section("THREE"),
    )


def test_move_down_and_up_renumbers() -> None:
    brief = sample()
    assert structure.move(brief, ("sections", 1), 1) == ("sections", 2)
    assert numbered(brief)[-2:] == ["II. THREE", "III. TWO"]
    assert structure.move(brief, ("sections", 0), -1) is None


def test_demote_makes_last_child_of_previous_sibling() -> None:
    brief = sample()
    assert structure.demote(brief, ("sections", 1)) == ("sections", 0, "sections", 2)
    assert "C. TWO" in numbered(brief)
    assert structure.demote(brief, ("sections", 0)) is None  # first has no previous sibling


def test_demote_refuses_a_fourth_level() -> None:
    brief = sample()
    # one-b has a child: as a child of one-a it would push one-b-1 to level 4
    assert structure.demote(brief, ("sections", 0, "sections", 1)) is None
    assert numbered(brief) == numbered(sample())


def test_promote_places_after_parent() -> None:
    brief = sample()
    assert structure.promote(brief, ("sections", 0, "sections", 0)) == ("sections", 1)
    assert numbered(brief)[:4] == ["I. ONE", "A. one-b", "1. one-b-1", "II. one-a"]
    assert structure.promote(brief, ("sections", 0)) is None


def test_add_and_delete() -> None:
    brief = sample()
    assert structure.add_section(brief, ("sections", 0), "NEW") == ("sections", 1)
    assert numbered(brief)[4] == "II. NEW"
    assert structure.add_section(brief, ("sections", 1), "child", child=True) == ("sections", 1, "sections", 0)
    assert structure.delete_section(brief, ("sections", 1)) == ("sections", 1)
    assert [e.section.title for e in iter_sections(brief) if e.level == 1] == ["ONE", "TWO", "THREE"]


@pytest.mark.parametrize(("path", "parent", "index", "expected", "titles"), [
    (("sections", 0), (), 3, ("sections", 2), ["TWO", "THREE", "ONE"]),
    (("sections", 2), (), 0, ("sections", 0), ["THREE", "ONE", "TWO"]),
    (("sections", 1), ("sections", 2), 0, ("sections", 1, "sections", 0), ["ONE", "THREE"]),
])
def test_move_to(path, parent, index, expected, titles) -> None:
    brief = sample()
    assert structure.move_to(brief, path, parent, index) == expected
    assert [s.title for s in brief.sections] == titles


def test_move_to_refuses_into_itself_and_too_deep() -> None:
    brief = sample()
    assert structure.move_to(brief, ("sections", 0), ("sections", 0, "sections", 0), 0) is None
    assert structure.move_to(brief, ("sections", 0), ("sections", 1), 0) is None  # ONE has 3 levels
    assert numbered(brief) == numbered(sample())


def test_new_footnote_id_skips_used_ids() -> None:
    brief = Brief(footnotes={"fn1": "x"})
    brief.takeaways = []
    brief.sections = [Section("See[^fn2]")]
    assert structure.new_footnote_id(brief) == "fn3"


def test_set_value_on_fields_and_footnotes() -> None:
    brief = sample()
    structure.set_value(brief, ("sections", 0, "sections", 1, "title"), "renamed")
    structure.set_value(brief, ("footnotes", "a"), "text")
    structure.set_value(brief, ("meta", "toc"), True)
    assert brief.sections[0].sections[1].title == "renamed"
    assert brief.footnotes == {"a": "text"} and brief.meta.toc
    structure.set_value(brief, ("footnotes", "a"), None)
    assert brief.footnotes == {}


@pytest.mark.parametrize(("old", "new", "span"), [
    ("abc", "abXc", (2, 2, 3)),
    ("abc", "ac", (1, 2, 1)),
    ("aaa", "aaaa", (3, 3, 4)),
    ("", "x", (0, 0, 1)),
])
def test_span_between(old, new, span) -> None:
    assert Span.between(old, new) == Span(*span)
