"""Typed addresses: what each names, which outline entry owns it, and that they stay plain tuples."""

from __future__ import annotations

from briefbook.model import Address, Brief, Bullet, BulletList, Paragraph, Section


def test_an_address_is_the_tuple_it_names() -> None:
    section = Address.section(0, 1)
    assert section == ("sections", 0, "sections", 1) and hash(section) == hash(("sections", 0, "sections", 1))
    assert {("sections", 0, "sections", 1): "I.B."}[section] == "I.B."
    assert Address.of(section) is section and Address.of(("meta",)) == Address.cover()


def test_sections_their_titles_bodies_and_blocks() -> None:
    section = Address.section(2, 0, 3)
    assert section.is_section and section.level == 3 and section.index == 3
    assert section.section_indexes == (2, 0, 3)
    assert section.title == (*section, "title") and section.title.is_title and not section.title.is_section
    bullet = section.body.child(1, "bullets", 0, "children", 2)
    assert bullet.owner == section and bullet.section_address == section and bullet.level == 3
    assert bullet.block_suffix == (1, "bullets", 0, "children", 2)
    assert section.parent_section == Address.section(2, 0) and section.sibling(0) == Address.section(2, 0, 0)
    assert Address.section(1).parent_section == () and not Address.section(1).parent_section


def test_the_outline_entry_each_place_belongs_to() -> None:
    assert Address.cover("title").owner == Address.cover() and Address.cover("title").field == "title"
    assert Address.takeaways().child(0).owner == Address.takeaways() == Address.takeaways().body
    assert Address.takeaways().child(0).block_suffix == (0,)
    assert Address.footnotes("fn1").owner == Address.footnotes() and Address.footnotes("fn1").field == "fn1"
    assert Address.sources(2, "url").owner == Address.sources() and Address.sources(2, "url").field == "url"
    assert Address().owner == Address.cover()


def test_resolve_finds_the_value_or_none() -> None:
    brief = Brief(takeaways=[BulletList([Bullet("a", [Bullet("b")])])],
                  sections=[Section("One", [Paragraph("text")], [Section("Sub")])], footnotes={"fn1": "Note."})
    assert Address.takeaways().child(0, "bullets", 0, "children", 0).resolve(brief) == Bullet("b")
    assert Address.section(0, 0).title.resolve(brief) == "Sub"
    assert Address.section(0).body.child(0).resolve(brief) == Paragraph("text")
    assert Address.footnotes("fn1").resolve(brief) == "Note."
    assert Address.section(5).resolve(brief) is None and Address.footnotes("gone").resolve(brief) is None
