"""Review notes: where they live, how they are found again, and how the file keeps them."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import briefbook
from briefbook import notes
from briefbook.model import Address, Note, iter_notes, note_text_address, notes_of, owner_of
from briefbook.model.body import body_text, set_body_text
from briefbook.problems import BriefError

SAMPLE = Path(__file__).parents[2] / "templates" / "samples" / "182-SPE-24-E.brief.yaml"
BODY = Address(("sections", 0, "body"))


@pytest.fixture(scope="module")
def loaded():
    return briefbook.load(SAMPLE)


@pytest.fixture
def brief(loaded):
    return copy.deepcopy(loaded)


def test_owner_and_text_address_are_inverse():
    for address in [("sections", 0, "body"), ("sections", 1, "sections", 0, "title"), ("takeaways",),
                    ("meta", "title"), ("footnotes", "fn1")]:
        owner, on = owner_of(address)
        assert note_text_address(owner, Note("x", on=on)) == address
    assert owner_of(("sections", 0, "body", 2, "bullets", 1)) == (Address(("sections", 0)), "body")
    with pytest.raises(ValueError):
        owner_of(("sources", 0, "title"))


def test_a_note_is_found_through_bold_and_again_after_edits_elsewhere(brief):
    text = body_text(brief.sections[0])
    start = text.index("Mark Rutte")
    quote, occurrence = notes.anchor(brief, BODY, start, start + len("Mark Rutte"))
    assert (quote, occurrence) == ("Mark Rutte", 1)
    note = Note("Name first time in full?", quote=quote, occurrence=occurrence)
    notes_of(brief, Address(("sections", 0))).append(note)
    assert notes.locate(brief, BODY, note) == (start, start + 10)
    set_body_text(brief.sections[0], "- A new first bullet, typed above.\n" + text)
    span = notes.locate(brief, BODY, note)
    assert span is not None and body_text(brief.sections[0])[span[0]:span[1]] == "Mark Rutte"


def test_the_right_occurrence_is_kept(brief):
    set_body_text(brief.sections[0], "- Allies agreed. **Allies** also agreed.\n- Then Allies left.")
    text = body_text(brief.sections[0])
    third = text.rindex("Allies")
    assert notes.anchor(brief, BODY, third, third + 6) == ("Allies", 3)
    second = text.index("**Allies**") + 2
    assert notes.anchor(brief, BODY, second, second + 6) == ("Allies", 2)
    assert notes.locate(brief, BODY, Note("n", quote="Allies", occurrence=2)) == (second, second + 6)
    assert notes.locate(brief, BODY, Note("n", quote="Allies", occurrence=4)) is None


def test_words_edited_away_leave_no_passage(brief):
    note = Note("n", quote="Mark Rutte")
    set_body_text(brief.sections[0], "- Someone else spoke.")
    assert notes.locate(brief, BODY, note) is None


def test_markup_only_spans_make_a_whole_text_note(brief):
    brief.meta.title = "**BOLD**"
    assert notes.anchor(brief, Address(("meta", "title")), 0, 2) == ("", 1)


def test_the_walk_puts_each_note_on_its_printed_block_in_the_runs_coordinates(brief):
    from briefbook.render.walk import walk

    set_body_text(brief.sections[0], "- First bullet.\n  - Nested **Rutte** here.")
    on_rutte, on_whole = Note("n", quote="Rutte"), Note("whole")
    brief.sections[0].notes[:] = [on_rutte, on_whole]
    on_title = Note("t", on="meta/title", quote="KEY")
    on_original = Note("o", on="meta/original")
    brief.notes[:] = [on_title, on_original]
    blocks = {block.address: block for block in walk(brief) if block.notes}
    nested = blocks[Address(("sections", 0, "body", 0, "bullets", 0, "children", 0))]
    assert nested.notes == ((9, 14, on_rutte),)
    assert [run.text for run in nested.runs if run.start < 14 and run.end > 9] == ["Rutte"]
    first = blocks[Address(("sections", 0, "body", 0, "bullets", 0))]
    assert first.notes == ((0, len("First bullet."), on_whole),)
    title = blocks[Address(("meta", "title"))]
    at = title.text.index("KEY")
    assert title.notes == ((at, at + 3, on_title),)
    reference = blocks[Address(("meta", "reference"))]
    assert reference.notes == ((0, len(reference.text), on_original),)
    assert len(blocks) == 4


def test_iter_notes_walks_the_brief_then_the_sections(brief):
    brief.notes.append(Note("a", on="takeaways"))
    brief.sections[1].sections.append(copy.deepcopy(brief.sections[0]))
    brief.sections[1].sections[-1].notes.append(Note("b", on="title"))
    found = [(tuple(address), note.text) for address, note in iter_notes(brief)]
    index = len(brief.sections[1].sections) - 1
    assert found == [(("takeaways",), "a"), (("sections", 1, "sections", index, "title"), "b")]


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_anchor_then_locate_gives_a_span_printing_the_quote(loaded, data):
    section = data.draw(st.integers(0, len(loaded.sections) - 1))
    text = body_text(loaded.sections[section])
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, min(len(text), start + 80)))
    address = Address(("sections", section, "body"))
    quote, occurrence = notes.anchor(loaded, address, start, end)
    span = notes.locate(loaded, address, Note("n", quote=quote, occurrence=occurrence))
    assert span is not None
    if quote:
        assert span[0] < end + len(quote) and span[1] > start - len(quote)
        found = notes.quote_spans(text, True, quote)
        assert span in found


def test_notes_round_trip_through_the_file(brief, tmp_path):
    brief.sections[0].notes.append(Note("Check\nthe transcript.", quote="defence plans", author="Jane Doe",
                                        date="2024-10-18T21:30:00Z"))
    brief.notes.append(Note("Shorter", on="meta/title", quote="KEY", occurrence=2, initials="JD"))
    path = tmp_path / "b.brief.yaml"
    briefbook.save(brief, path)
    again = briefbook.load(path)
    assert again.sections[0].notes == brief.sections[0].notes
    assert again.notes == brief.notes
    copy_path = tmp_path / "c.brief.yaml"
    briefbook.save(again, copy_path)
    assert copy_path.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("lines, message", [
    ("notes:\n  - on: sections\n    text: x\n", "a note here is on 'takeaways'"),
    ("notes:\n  - text: x\n", "does not say what it is on"),
    ("notes:\n  - on: takeaways\n", "this note has no 'text:'"),
    ("notes:\n  - on: takeaways\n    text: x\n    occurrence: 0\n", "is not an occurrence"),
    ("notes:\n  - on: takeaways\n    text: x\n    date: yesterday\n", "is not a date"),
    ("notes:\n  - on: takeaways\n    text: x\n    colour: red\n", "unknown key 'colour' in a note"),
])
def test_bad_notes_are_reported_at_their_line(tmp_path, lines, message):
    path = tmp_path / "bad.brief.yaml"
    path.write_text("briefbook: 1\nmeta:\n  title: T\n" + lines, encoding="utf-8")
    with pytest.raises(BriefError) as caught:
        briefbook.load(path)
    text = str(caught.value)
    assert message in text and f"{path}:" in text


def test_check_warns_of_notes_whose_words_or_text_are_gone(brief):
    from briefbook.checks import check

    brief.sections[0].notes.append(Note("n", quote="no such words", author="Jane"))
    brief.notes.append(Note("m", on="footnotes/gone"))
    brief.sections[0].notes.append(Note("fine", quote="Mark Rutte"))
    found = {(tuple(p.path), p.message) for p in check(brief) if "note" in p.message}
    assert found == {
        (("notes", 0), "a note is on footnote [^gone], which the brief no longer has"),
        (("sections", 0, "notes", 0), "a note by Jane was on the words “no such words”, which are no longer "
                                      "there: it is kept on the whole text"),
    }


def test_renaming_a_footnote_keeps_its_notes_on_it(brief):
    from briefbook.model.structure import rename_footnote

    old = next(iter(brief.footnotes))
    brief.notes.append(Note("n", on=f"footnotes/{old}"))
    rename_footnote(brief, old, "renamed-note")
    assert brief.notes[0].on == "footnotes/renamed-note"


def test_a_brief_with_hundreds_of_notes_is_checked_with_each_note_in_its_place():
    """Each note's place is its index in its owner's list, kept by owner (an address made anew is no key)."""
    from briefbook.checks import note_problems
    from briefbook.fileformat import load
    from briefbook.model import Note
    from briefbook.resources import sample_brief

    brief = load(sample_brief())
    for k in range(150):
        brief.sections[k % len(brief.sections)].notes.append(Note(f"n{k}", quote=f"no such words {k}"))
        brief.notes.append(Note(f"t{k}", quote=f"gone {k}", on="takeaways"))
    problems = list(note_problems(brief))
    assert len(problems) == 300
    assert problems[-1].path[-2:] == ("notes", 29)
