"""The walk: one stream of printed blocks, numbered once, that both outputs draw."""

from __future__ import annotations

import itertools

import pytest

from briefbook.fileformat import load
from briefbook.markup import Run
from briefbook.model import (
    Address,
    Brief,
    Bullet,
    BulletList,
    Heading,
    Meta,
    Paragraph,
    Section,
    footnote_numbers,
    iter_sections,
    number_footnotes,
)
from briefbook.model.body import body_text, set_body_text
from briefbook.render.styles import Role
from briefbook.render.walk import NoteMark, PartKind, contents_title, part_at, part_refs, parts, walk, walk_part
from briefbook.resources import starter_templates

from conftest import SAMPLE

BRIEFS = [SAMPLE, *starter_templates().values()]


@pytest.mark.parametrize("path", BRIEFS, ids=lambda p: p.name)
def test_the_walk_is_its_parts_in_order(path):
    brief = load(path)
    numbers = footnote_numbers(brief)
    by_parts = [block for part in parts(brief) for block in walk_part(brief, part, numbers)]
    assert by_parts == list(walk(brief))


@pytest.mark.parametrize("path", BRIEFS, ids=lambda p: p.name)
def test_parts_cite_footnotes_in_the_models_order(path):
    """A renderer that keeps parts' references numbers them as the model does."""
    brief = load(path)
    refs = itertools.chain.from_iterable(part_refs(brief, part) for part in parts(brief))
    assert number_footnotes(refs) == footnote_numbers(brief)
    marks = [run for block in walk(brief) if block.role is not Role.FOOTNOTE_TEXT
             for run in block.runs if isinstance(run, NoteMark)]
    assert [mark.number for mark in marks] == [footnote_numbers(brief)[mark.id] for mark in marks]
    notes = [block.note for block in walk(brief) if block.role is Role.FOOTNOTE_TEXT]
    assert [(note.id, note.number) for note in notes] == list(footnote_numbers(brief).items())


@pytest.mark.parametrize("path", BRIEFS, ids=lambda p: p.name)
def test_headings_carry_the_models_labels_and_clamped_levels(path):
    brief = load(path)
    headings = [block for block in walk(brief) if block.role.value.startswith("Heading")]
    entries = list(iter_sections(brief))
    assert [(b.address, b.label) for b in headings] == [((*e.path, "title"), e.label) for e in entries]
    assert all(b.level == min(e.level, 3) and b.role.value == f"Heading {b.level}"
               for b, e in zip(headings, entries, strict=True))


def test_empty_text_prints_nothing():
    brief = Brief(
        meta=Meta(event=" ", title="", website=""),
        takeaways=[Paragraph(""), Heading("  "), BulletList([Bullet("", [Bullet("deeper")]), Bullet("\t")])],
        sections=[Section("", [Paragraph(" kept ")])],
    )
    printed = [(block.role, tuple(block.address), block.text) for block in walk(brief)]
    assert (Role.BULLET_2, ("takeaways", 2, "bullets", 0, "children", 0), "deeper") in printed
    assert (Role.HEADING_1, ("sections", 0, "title"), "") in printed, "a heading keeps its number"
    assert (Role.BODY, ("sections", 0, "body", 0), "kept") in printed, "text prints stripped"
    assert not [p for p in printed if p[1][:1] == ("takeaways",) and not p[2]]
    assert Role.TITLE not in {p[0] for p in printed} and Role.FOOTER not in {p[0] for p in printed}
    assert Role.COVER_EVENT not in {p[0] for p in printed}


def test_levels_are_clamped_and_contents_appear_only_with_sections():
    deep = [Bullet("1", [Bullet("2", [Bullet("3", [Bullet("4")])])])]
    brief = Brief(meta=Meta(toc=True, language="fr"), takeaways=[BulletList(deep)])
    blocks = list(walk(brief))
    assert [(b.role, b.level) for b in blocks if b.role.value.startswith("List")] == [
        (Role.BULLET_1, 1), (Role.BULLET_2, 2), (Role.BULLET_3, 3), (Role.BULLET_3, 3)]
    assert all(part.kind is not PartKind.CONTENTS for part in parts(brief)), "nothing to list"
    brief.sections = [Section("Un")]
    contents = [b for b in walk(brief) if b.role in (Role.TOC_HEADING, Role.TOC_1)]
    assert [(b.role, b.text, b.label) for b in contents] == [
        (Role.TOC_HEADING, contents_title("fr"), ""), (Role.TOC_1, "Un", "I.")]


def test_footnote_texts_carry_no_marks_and_missing_ones_say_so():
    brief = Brief(takeaways=[Paragraph("a[^one] b[^gone] c[^one]")], footnotes={"one": "See [^gone] *this*."})
    notes = [b for b in walk(brief) if b.role is Role.FOOTNOTE_TEXT]
    assert [(b.note.id, b.note.number, b.missing) for b in notes] == [("one", 1, False), ("gone", 2, True)]
    assert all(isinstance(run, Run) for run in notes[0].runs)
    assert notes[0].text == "See  this."


def test_part_at_finds_the_body_part_of_an_address():
    brief = load(SAMPLE)
    bullet = Address(("sections", 0, "body", 1, "bullets", 0))
    part = part_at(brief, bullet)
    assert part is not None and part.kind is PartKind.SECTION and part.address == ("sections", 0)
    assert part.label == "I." and part.section is brief.sections[0]
    assert part_at(brief, Address.takeaways().child(0)).kind is PartKind.TAKEAWAYS
    assert part_at(brief, Address.cover("title")) is None
    assert part_at(brief, Address.section(99)) is None


def test_an_address_knows_the_body_block_it_is_in():
    bullet = Address(("sections", 0, "sections", 1, "body", 2, "bullets", 0, "children", 3))
    assert bullet.block == ("sections", 0, "sections", 1, "body", 2)
    assert Address(("takeaways", 1, "bullets", 0)).block == ("takeaways", 1)
    assert Address(("takeaways", 4)).block == ("takeaways", 4)
    for outside in (("sections", 0, "title"), ("sections", 0), ("meta", "body"), ("footnotes", "x"), ("takeaways",)):
        assert Address(outside).block is None


def test_numbering_is_first_reference_first():
    assert number_footnotes(["b", "a", "b", "c", "a"]) == {"b": 1, "a": 2, "c": 3}


def test_markup_that_prints_nothing_prints_no_paragraph_and_an_empty_address_is_no_link():
    """Empty links, or a link round a space, print nothing, so the title goes as an empty one does.

    ``[x]()`` (an address not typed yet) prints x, not a link to nowhere.
    """
    brief = load(SAMPLE)
    brief.meta.title = "[]()"
    set_body_text(brief.sections[0], "[]() [ ]()\n\n" + body_text(brief.sections[0]))
    roles = [block.role for block in walk(brief)]
    assert Role.TITLE not in roles
    assert Address.section(0).child("body", 0) not in [block.address for block in walk(brief)]
    brief.meta.title = "See [the release]() now"
    title = next(block for block in walk(brief) if block.role is Role.TITLE)
    assert [(run.text, run.href) for run in title.runs] == [("See ", None), ("the release", None), (" now", None)]
