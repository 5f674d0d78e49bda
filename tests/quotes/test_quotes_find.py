"""Finding a brief's quotations on its printed text: which marks pair, and where each quotation is typed."""

from __future__ import annotations

from briefbook.model import Address, Brief, Bullet, BulletList, Paragraph, Section, Source
from briefbook.quotes.find import pairs, quotations, quotations_in, unclosed


def found(text: str) -> list[str]:
    return [q.printed for q in quotations_in(Address(("x",)), text)]


def test_curly_straight_and_french_quotations():
    assert found("He said “we stand firm” and “we will”.") == ["“we stand firm”", "“we will”"]
    assert found('He said "we stand firm" and "we will".') == ['"we stand firm"', '"we will"']
    assert found("Il a dit « nous tiendrons » hier.") == ["« nous tiendrons »"]
    assert found("Il a dit «\u00a0nous tiendrons\u00a0» hier.") == ["«\u00a0nous tiendrons\u00a0»"]


def test_apostrophes_and_single_quotes_are_never_quotation_marks():
    assert found("NATO’s and Rutte's ‘words’ and 'others'") == []
    assert found("“the Alliance’s ‘core task’ is defence”") == ["“the Alliance’s ‘core task’ is defence”"]


def test_marks_of_other_kinds_inside_a_quotation_are_nested_in_it():
    assert found("« il a dit “non” hier »") == ["« il a dit “non” hier »"]
    assert found('“he called it "vital" again”') == ['“he called it "vital" again”']


def test_an_unclosed_mark_quotes_nothing_and_is_reported():
    assert found("He said “we stand firm and left.") == []
    assert pairs("He said “we stand firm and “we will”.") == ([(27, 35)], [8])
    assert pairs('one "two') == ([], [4])
    assert found("a stray ” closing mark") == []


def test_marks_around_no_word_are_no_quotation():
    assert found("typed “” ahead") == []


def test_bold_marks_are_no_part_of_a_quotation_and_offsets_are_the_typed_ones():
    text = "He stated that **“NATO Allies provided EUR 20.9 billion.”** Then more."
    (quotation,) = quotations_in(Address(("x",)), text)
    assert quotation.printed == "“NATO Allies provided EUR 20.9 billion.”"
    assert text[quotation.start:quotation.end] == quotation.printed
    assert quotation.inner == "NATO Allies provided EUR 20.9 billion."


def test_a_quotation_opening_outside_bold_and_closing_inside_pairs():
    text = "highlighted that “In a more world. **The growing alignment is undermining.**”"
    (quotation,) = quotations_in(Address(("x",)), text)
    assert quotation.printed == "“In a more world. The growing alignment is undermining.”"
    assert text[quotation.start] == "“" and text[quotation.end - 1] == "”"
    opened_in_bold = "**He added, “We are determined** to work”."
    (quotation,) = quotations_in(Address(("x",)), opened_in_bold)
    assert quotation.printed == "“We are determined to work”"
    assert opened_in_bold[quotation.start:quotation.end] == "“We are determined** to work”"


def test_a_quotation_runs_across_a_footnote_mark():
    text = "he said “we stand[^fn1] firm” today"
    (quotation,) = quotations_in(Address(("x",)), text)
    assert quotation.printed == "“we stand  firm”"  # the footnote's number prints there: a word break
    assert text[quotation.start:quotation.end] == "“we stand[^fn1] firm”"


def test_escapes_and_links_print_as_they_read():
    text = r"see “the \*core\* [task](https://nato.int) of NATO”"
    (quotation,) = quotations_in(Address(("x",)), text)
    assert quotation.printed == "“the *core* task of NATO”"
    assert text[quotation.start:quotation.end] == r"“the \*core\* [task](https://nato.int) of NATO”"


def test_a_cover_field_other_than_the_title_prints_as_typed():
    (quotation,) = quotations_in(Address.cover("event"), "MEETING ON “**DETERRENCE**”", marked=False)
    assert quotation.printed == "“**DETERRENCE**”"


def test_every_typed_text_of_a_brief_but_the_sources():
    brief = Brief()
    brief.meta.title = "On “deterrence”"
    brief.meta.event = "Talks on “defence”"
    brief.takeaways = [Paragraph("He said “one”."), BulletList([Bullet("“two”", [Bullet("and “three”")])])]
    brief.sections = [Section("The “four”", [Paragraph("“five”")], [Section("Sub", [Paragraph("“six”")])])]
    brief.footnotes = {"fn": "As “seven” said."}
    brief.sources = [Source(title="A source on “top priority”", url="https://nato.int", file="a.txt")]
    listed = [(tuple(q.address), q.printed) for q in quotations(brief)]
    assert listed == [
        (("meta", "event"), "“defence”"),
        (("meta", "title"), "“deterrence”"),
        (("takeaways", 0), "“one”"),
        (("takeaways", 1, "bullets", 0), "“two”"),
        (("takeaways", 1, "bullets", 0, "children", 0), "“three”"),
        (("sections", 0, "title"), "“four”"),
        (("sections", 0, "body", 0), "“five”"),
        (("sections", 0, "sections", 0, "body", 0), "“six”"),
        (("footnotes", "fn"), "“seven”"),
    ]


def test_unclosed_marks_of_a_brief_with_their_places():
    brief = Brief()
    brief.takeaways = [Paragraph("fine “one” then **“open** and on")]
    (mark,) = unclosed(brief)
    assert mark.address == Address(("takeaways", 0)) and mark.mark == "“"
    assert brief.takeaways[0].text[mark.offset] == "“"


def test_finding_is_linear_in_the_text():
    text = "“a” " * 50_000 + '"b" ' * 25_000 + "“" * 50_000
    found_pairs, open_marks = pairs(text)
    assert len(found_pairs) == 50_000 + 25_000
    assert len(open_marks) == 50_000  # each “ starts anew, the one before it never closed
