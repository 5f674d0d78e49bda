"""Model-level checks: each problem with its severity and address, nothing else touched."""

from __future__ import annotations

import copy

import pytest

from briefbook.checks import REFERENCE, CheckRun, check
from briefbook.model import Address, Brief, Bullet, BulletList, Heading, Meta, Paragraph, Section, Source
from briefbook.problems import Severity


def clean_brief() -> Brief:
    return Brief(
        Meta(event="MEETING", dates="17-18 October 2024", reference="182 SPE 24 E", issued="October 2024",
             title="KEY TAKEAWAYS"),
        [Paragraph("Opening.[^a]"), BulletList([Bullet("**Lead** text", [Bullet("child", [Bullet("grandchild")])])])],
        [Section("ONE", [Heading("Sub"), Paragraph("Text.[^b] and again [^a]")],
                 [Section("Two", [], [Section("Three", [Paragraph("p")])])])],
        {"a": "Note A.", "b": "Note B with [a link](https://www.nato.int/)."},
        [Source("Press release", "https://www.nato.int/x", "sources/x.txt")],
    )


def found(brief: Brief) -> list[tuple[str, tuple, str]]:
    return [(p.severity.value, p.path, p.message) for p in check(brief)]


def test_a_clean_brief_has_no_problems() -> None:
    assert check(clean_brief()) == []


def test_check_is_pure() -> None:
    brief = clean_brief()
    brief.footnotes["unused"] = ""
    before = copy.deepcopy(brief)
    check(brief)
    assert brief == before


def test_problems_carry_paths_but_no_lines() -> None:
    brief = clean_brief()
    brief.meta.language = "xx"
    [problem] = check(brief)
    assert (problem.file, problem.line, problem.column) == ("", 0, 0)
    assert problem.path == ("meta", "language")


def test_every_problem_names_its_place_by_a_typed_address() -> None:
    brief = clean_brief()
    brief.meta.title = ""
    brief.takeaways.append(Paragraph(""))
    brief.sections[0].sections[0].title = ""
    brief.footnotes["never"] = "Unreferenced."
    brief.sources.append(Source("", "ftp://x"))
    brief.sections[0].body.append(BulletList([Bullet("", [Bullet("bad \x07")])]))
    problems = check(brief)
    assert len(problems) >= 7
    assert all(type(p.path) is Address for p in problems)
    by_message = {p.message: p.path for p in problems}
    assert by_message["the brief has no title"] == Address.cover("title")
    assert by_message["this section has no title"] == Address.section(0, 0).title
    assert by_message["empty bullet"].block_suffix == (2, "bullets", 0)
    assert by_message["this source has no title"] == Address.sources(1, "title")
    assert Address.footnotes("never") in by_message.values()



@pytest.mark.parametrize("reference", [
    "182 SPE 24 E", "151 SPE 24 E", "106 SPE 21 E", "025 DSC 24 E rev.1", "025 DSC 24 E rev.1 fin",
    "033 PC 23 E fin", "200 STC 24 E corr.2", "012 CDS 22 E",
])
def test_references_that_fit_the_grammar(reference: str) -> None:
    assert REFERENCE.fullmatch(reference)
    brief = clean_brief()
    brief.meta.reference = reference
    assert check(brief) == []


@pytest.mark.parametrize("reference", [
    "182-SPE-24-E", "82 SPE 24 E", "182 SPE 2024 E", "182 spe 24 E", "182  SPE 24 E", "182 SPE 24 EN",
    "182 SPE 24 E REV.1", "182 SPE 24", " 182 SPE 24 E", "182 SPE 24 E rev 1",
])
def test_references_that_do_not_fit_are_warnings_never_errors(reference: str) -> None:
    brief = clean_brief()
    brief.meta.reference = reference
    [problem] = check(brief)
    assert problem.severity is Severity.WARNING
    assert problem.path == ("meta", "reference")
    assert f"'{reference}'" in problem.message and "182 SPE 24 E" in problem.message


def test_reference_letter_must_match_the_language() -> None:
    brief = clean_brief()
    brief.meta.language = "fr"
    [problem] = check(brief)
    assert problem.severity is Severity.WARNING and "'E'" in problem.message and "'F'" in problem.message
    brief.meta.reference = "182 SPE 24 F"
    assert check(brief) == []


def test_missing_reference_and_title_are_warnings() -> None:
    brief = clean_brief()
    brief.meta.reference = ""
    brief.meta.title = "  "
    assert [(s, p) for s, p, _ in found(brief)] == [("warning", ("meta", "reference")), ("warning", ("meta", "title"))]


def test_unknown_language_is_an_error_naming_the_known_ones() -> None:
    brief = clean_brief()
    brief.meta.language = "de"
    [(severity, path, message)] = found(brief)
    assert (severity, path) == ("error", ("meta", "language"))
    assert "'de'" in message and "en (English)" in message and "fr (French)" in message


def test_dangling_reference_is_an_error_at_its_text() -> None:
    brief = clean_brief()
    brief.sections[0].sections[0].sections[0].body[0] = Paragraph("See[^gone] and[^gone2]")
    problems = found(brief)
    assert [(s, p) for s, p, _ in problems] == [("error", ("sections", 0, "sections", 0, "sections", 0, "body", 0))] * 2
    assert "[^gone]" in problems[0][2] and "[^gone2]" in problems[1][2]


def test_escaped_reference_is_not_a_reference() -> None:
    brief = clean_brief()
    brief.takeaways.append(Paragraph(r"Literal \[^text] here"))
    assert check(brief) == []


def test_unused_and_empty_footnotes_are_warnings() -> None:
    brief = clean_brief()
    brief.footnotes["spare"] = "Never used."
    brief.footnotes["a"] = " "
    problems = found(brief)
    assert [(s, p) for s, p, _ in problems] == [("warning", ("footnotes", "a")), ("warning", ("footnotes", "spare"))]
    assert "empty" in problems[0][2] and "never referenced" in problems[1][2]


def test_invalid_footnote_id_is_an_error() -> None:
    brief = clean_brief()
    brief.footnotes["has space"] = "x"
    [(severity, path, message)] = found(brief)
    assert (severity, path) == ("error", ("footnotes", "has space")) and "footnote id" in message


def test_empty_section_and_untitled_section_are_warnings() -> None:
    brief = clean_brief()
    brief.sections.append(Section("ADDITIONAL NOTES"))
    brief.sections.append(Section("", [Paragraph("x")]))
    problems = found(brief)
    assert [(s, p) for s, p, _ in problems] == [("warning", ("sections", 1)), ("warning", ("sections", 2, "title"))]
    assert "II." in problems[0][2] and "'ADDITIONAL NOTES' is empty" in problems[0][2]


def test_a_fourth_section_level_is_one_error_at_its_top() -> None:
    brief = clean_brief()
    third = brief.sections[0].sections[0].sections[0]
    third.sections = [Section("Four", [Paragraph("x")], [Section("Five", [Paragraph("y")])])]
    problems = found(brief)
    assert [(s, p) for s, p, _ in problems] == [("error", ("sections", 0, "sections", 0, "sections", 0, "sections", 0))]
    assert "at most 3 levels" in problems[0][2]


def test_empty_blocks_are_warnings() -> None:
    brief = clean_brief()
    brief.takeaways = [Paragraph(""), Heading(" "), BulletList([]), BulletList([Bullet("a", [Bullet("")])]),
                       Paragraph("[^a]")]
    assert [(s, p, m) for s, p, m in found(brief)] == [
        ("warning", ("takeaways", 0), "empty paragraph"),
        ("warning", ("takeaways", 1), "empty heading"),
        ("warning", ("takeaways", 2), "empty list of bullets"),
        ("warning", ("takeaways", 3, "bullets", 0, "children", 0), "empty bullet"),
    ]


def test_bullets_deeper_than_three_levels_are_a_warning() -> None:
    brief = clean_brief()
    brief.takeaways[1] = BulletList([Bullet("1", [Bullet("2", [Bullet("3", [Bullet("4")])])])])
    [(severity, path, message)] = found(brief)
    assert severity == "warning" and path == ("takeaways", 1, "bullets", 0, "children", 0, "children", 0)
    assert "third level" in message


@pytest.mark.parametrize(("where", "path"), [
    (lambda b: setattr(b.meta, "event", "MEET\x0bING"), ("meta", "event")),
    (lambda b: setattr(b.meta, "title", "T\x00"), ("meta", "title")),
    (lambda b: b.takeaways.append(Paragraph("x\x1by[^a]")), ("takeaways", 2)),
    (lambda b: setattr(b.takeaways[1].items[0].children[0], "text", "c\x7f"),
     ("takeaways", 1, "bullets", 0, "children", 0)),
    (lambda b: b.footnotes.update(a="Note\x0c"), ("footnotes", "a")),
    (lambda b: setattr(b.sources[0], "file", "x\x01.txt"), ("sources", 0, "file")),
])
def test_control_characters_are_errors_at_their_text(where, path: tuple) -> None:
    brief = clean_brief()
    where(brief)
    [(severity, got, message)] = found(brief)
    assert (severity, got) == ("error", path)
    assert "U+00" in message and "Word" in message


def test_tabs_and_line_breaks_are_fine() -> None:
    brief = clean_brief()
    brief.takeaways.append(Paragraph("a\tb\nc\r\nd"))
    assert check(brief) == []


def test_source_problems_are_warnings() -> None:
    brief = clean_brief()
    brief.sources = [Source("", "ftp://x.org/a"), Source("Untitled url-less")]
    assert [(s, p) for s, p, _ in found(brief)] == [("warning", ("sources", 0, "title")),
                                                     ("warning", ("sources", 0, "url"))]


def test_problems_come_in_document_order() -> None:
    brief = clean_brief()
    brief.meta.language = "de"
    brief.takeaways.append(Paragraph("[^gone]"))
    brief.sections.append(Section("EMPTY"))
    brief.footnotes["spare"] = "x"
    paths = [p for _, p, _ in found(brief)]
    assert paths == [("meta", "language"), ("takeaways", 2), ("sections", 1), ("footnotes", "spare")]


def test_checks_run_in_turns_find_what_one_check_finds() -> None:
    """The editor runs the checks a few milliseconds at a time; every turn's share adds up to the whole."""
    brief = clean_brief()
    for index in range(300):  # enough texts for many parts, with a problem of every kind among them
        brief.sections.append(Section(f"S{index}", [BulletList([Bullet(f"a [^n{index % 7}] \x01" if index % 50 == 0
                                                                      else f"text {index}")])]))
    brief.sections.append(Section("EMPTY"))
    brief.footnotes["spare"] = "x"
    brief.footnotes["bad id"] = ""
    whole = check(brief)
    run = CheckRun(brief)
    turns = 1
    while not run.step(0.0):  # a budget spent at once: one part per turn
        turns += 1
    assert turns > 10
    assert run.problems == whole
    assert {p.path.area for p in whole} >= {"sections", "footnotes"}
    assert sum(1 for p in whole if "U+0001" in p.message) == 6
