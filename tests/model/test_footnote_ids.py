"""Footnote ids made from the words a footnote is about, and renamed with every reference to them."""

from __future__ import annotations

import copy

import pytest

from briefbook.fileformat import load
from briefbook.markup import footnote_refs
from briefbook.model import Brief, Bullet, BulletList, Paragraph, Section, iter_texts, structure
from briefbook.model.structure import FootnoteIdError, footnote_id_from_text, printed_text, rename_footnote
from briefbook.resources import sample_brief


def refs(brief: Brief, fid: str) -> int:
    return sum(ref.id == fid for place in iter_texts(brief) for ref in footnote_refs(place.text))


@pytest.mark.parametrize(("words", "before", "expected"), [
    ("Allies met at the Washington Summit", True, "met-washington-summit"),
    ("First sentence. Then the Défense européenne", True, "then-defense-europeenne"),
    ("The Ramstein format and more words", False, "ramstein-format-more"),
    ("in the", True, "fn1"),  # nothing that names anything
    ("", True, "fn1"),
    ("NATO’s 75th anniversary!", True, "nato-75th-anniversary"),
])
def test_an_id_is_made_from_the_words(words, before, expected) -> None:
    fid = footnote_id_from_text(Brief(), words, before)
    assert fid == expected
    assert structure.footnote_id_problem(Brief(), "x", fid) is None  # always a valid id


def test_an_id_is_unique_among_defined_and_referenced_ids() -> None:
    brief = Brief(takeaways=[Paragraph("See[^washington-summit-2].")], footnotes={"washington-summit": "A"})
    assert footnote_id_from_text(brief, "the Washington Summit") == "washington-summit-3"


def test_a_long_text_gives_a_short_id() -> None:
    fid = footnote_id_from_text(Brief(), "extraordinarily " * 3 + "incomprehensibilities")
    assert len(fid) <= structure.ID_LENGTH and not fid.endswith("-")


def test_printed_text_leaves_markup_and_references_out() -> None:
    text = "The **bold** [link](https://a.org) words[^fn1] \\*here"
    assert printed_text(text) == "The bold link words *here"
    assert printed_text(text, 0, text.index("words") + 2) == "The bold link wo"


def test_renaming_rewrites_every_reference_and_keeps_the_order() -> None:
    brief = load(sample_brief())
    old = "participating-nations"
    count = refs(brief, old)
    order = list(brief.footnotes)
    before = copy.deepcopy(brief)
    assert rename_footnote(brief, old, "ukraine-participants") == ("footnotes",)
    assert refs(brief, old) == 0 and refs(brief, "ukraine-participants") == count
    assert list(brief.footnotes) == [("ukraine-participants" if fid == old else fid) for fid in order]
    assert brief.footnotes["ukraine-participants"] == before.footnotes[old]
    rename_footnote(brief, "ukraine-participants", old)
    assert brief == before


def test_renaming_reaches_titles_nested_bullets_and_footnote_texts_only_as_references() -> None:
    brief = Brief(sections=[Section("Title[^a]", body=[
        BulletList([Bullet("one[^a] and [^ab]", [Bullet("deeper [^a]")])]),
        Paragraph("literal \\[^a] and `[^a]` text[^a]"),
    ])], footnotes={"a": "See [^a] too", "ab": "other"})
    rename_footnote(brief, "a", "b")
    section = brief.sections[0]
    assert section.title == "Title[^b]"
    assert section.body[0].items[0].text == "one[^b] and [^ab]"
    assert section.body[0].items[0].children[0].text == "deeper [^b]"
    assert section.body[1].text == "literal \\[^a] and `[^b]` text[^b]"  # an escaped one is no reference
    assert brief.footnotes == {"b": "See [^b] too", "ab": "other"}


@pytest.mark.parametrize(("new", "says"), [("two words", "cannot be a footnote id"), ("", "cannot be"),
                                           ("-x", "cannot be"), ("x" * 65, "cannot be"),
                                           ("ab", "already has a footnote")])
def test_renaming_refuses_an_invalid_or_taken_id(new, says) -> None:
    brief = Brief(takeaways=[Paragraph("x[^a] y[^ab]")], footnotes={"a": "A"})
    before = copy.deepcopy(brief)
    with pytest.raises(FootnoteIdError, match=says):
        rename_footnote(brief, "a", new)
    assert brief == before


def test_renaming_to_the_same_id_does_nothing() -> None:
    brief = Brief(footnotes={"a": "A"})
    assert rename_footnote(brief, "a", "a") is None
