"""What the model derives from order: section numbers and footnote numbers."""

from __future__ import annotations

from briefbook.languages import language_of
from briefbook.model import (
    Brief,
    Bullet,
    BulletList,
    Heading,
    Meta,
    Paragraph,
    Section,
    footnote_numbers,
    footnote_order,
    iter_sections,
    iter_texts,
    resolve,
    section_label,
)
from briefbook.model.outline import letters, roman


def test_labels():
    assert [roman(n) for n in (1, 4, 5, 9, 14, 40, 1999)] == ["I", "IV", "V", "IX", "XIV", "XL", "MCMXCIX"]
    assert [letters(n) for n in (1, 26, 27, 52, 53)] == ["A", "Z", "AA", "AZ", "BA"]
    assert [section_label(level, 3) for level in (1, 2, 3)] == ["III.", "C.", "3."]


def _brief() -> Brief:
    return Brief(
        meta=Meta(title="T[^b]"),
        takeaways=[Paragraph("p[^a]"), Heading("h"), BulletList([Bullet("x", [Bullet("y[^b][^c]")])])],
        sections=[
            Section("One", [Paragraph("q")], [Section("One A", sections=[Section("One A 1")]), Section("One B")]),
            Section("Two", [BulletList([Bullet("z[^a]")])]),
        ],
        footnotes={"a": "A", "b": "B", "unused": "U"},
    )


def test_sections_numbered_by_level_and_order():
    entries = [(e.level, e.label, e.section.title, e.path) for e in iter_sections(_brief())]
    assert entries == [
        (1, "I.", "One", ("sections", 0)),
        (2, "A.", "One A", ("sections", 0, "sections", 0)),
        (3, "1.", "One A 1", ("sections", 0, "sections", 0, "sections", 0)),
        (2, "B.", "One B", ("sections", 0, "sections", 1)),
        (1, "II.", "Two", ("sections", 1)),
    ]


def test_footnotes_numbered_by_first_reference_across_the_document():
    brief = _brief()
    assert footnote_order(brief) == ["b", "a", "c"]
    assert footnote_numbers(brief) == {"b": 1, "a": 2, "c": 3}


def test_paths_resolve_to_what_they_name():
    brief = _brief()
    for place in iter_texts(brief):
        if place.path[-1] == "title":
            assert resolve(brief, place.path) == place.text
        else:
            assert resolve(brief, place.path).text == place.text
    assert resolve(brief, ("takeaways", 2, "bullets", 0, "children", 0)).text == "y[^b][^c]"
    assert resolve(brief, ("sections", 9)) is None


def test_disclaimer_follows_the_kind():
    english = language_of("en")
    assert Meta(kind="Information Document").effective_disclaimer(english).startswith("This Information Document is")
    assert Meta(disclaimer="Custom.").effective_disclaimer(english) == "Custom."
    assert Meta(reference="182 SPE 24 E", original="English", issued="October 2024").reference_line(english) == (
        "182 SPE 24 E | Original: English | October 2024"
    )


def test_french_version_words_its_cover_in_french():
    meta = Meta(kind="Document d'information", language="fr", reference="182 SPE 24 F", original="anglais",
                issued="octobre 2024")
    french = language_of("fr")
    assert meta.effective_disclaimer(french).startswith("Ce Document d'information est présenté")
    assert meta.reference_line(french) == "182 SPE 24 F | Original\u00a0: anglais | octobre 2024"
