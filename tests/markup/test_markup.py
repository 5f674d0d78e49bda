"""The inline markup parser that every renderer shares."""

from __future__ import annotations

import pytest

from briefbook.markup import FootnoteRef, Run, escape, footnote_refs, parse, plain_text


def test_bold_italic_and_nesting():
    assert parse("a **b *c*** d") == (
        Run("a "),
        Run("b ", bold=True),
        Run("c", bold=True, italic=True),
        Run(" d"),
    )


def test_link_keeps_its_target_and_formatting():
    assert parse("see the [**NATO** release](https://www.nato.int/x)") == (
        Run("see the "),
        Run("NATO", bold=True, href="https://www.nato.int/x"),
        Run(" release", href="https://www.nato.int/x"),
    )


@pytest.mark.parametrize("target", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x"])
def test_unsafe_link_targets_stay_plain_text(target):
    items = parse(f"[click]({target})")
    assert all(isinstance(i, Run) and i.href is None for i in items)
    assert plain_text(f"[click]({target})") == f"[click]({target})"


def test_footnote_references_need_no_definition():
    items = parse("forces:[^hvp-1] and more[^x]")
    assert items[1] == FootnoteRef("hvp-1", offset=7)
    assert [r.id for r in footnote_refs("forces:[^hvp-1] and more[^x]")] == ["hvp-1", "x"]


def test_unicode_and_typography_kept_as_typed():
    text = "“shoulder-to-shoulder” — Україна’s [...] & <b>x</b> &amp; `code`"
    assert plain_text(text) == text


def test_escapes_make_markup_characters_literal():
    assert plain_text(r"\*\*not bold\*\* and \[^x]") == "**not bold** and [^x]"
    assert footnote_refs(r"\[^x]") == []


@pytest.mark.parametrize("text", ["**a** *b* [c](d)", "x*y*z", "[^1]", "a\\b", "_u_ `c`"])
def test_escape_round_trips_to_the_same_plain_text(text):
    assert plain_text(escape(text)) == text


def test_unbalanced_markers_are_text():
    assert plain_text("**open and never closed") == "**open and never closed"
    assert plain_text("5 * 3 = 15") == "5 * 3 = 15"


def test_empty_text():
    assert parse("") == ()


def test_the_shortcut_for_unmarked_text_agrees_with_the_parser():
    from briefbook.fileformat import load
    from briefbook.markup import parse_with_parser
    from briefbook.model import iter_texts

    from conftest import SAMPLE

    sample = load(SAMPLE)
    tricky = ["", " leading and trailing ", "tab\there", "a & b < c > d", "50% of 3!", "NUL\x00here", "line\nbreak",
              "win\r\nline", "back\\slash", "under_score", "“quoted” — dash", "Кириллица", "x" * 500]
    texts = [place.text for place in iter_texts(sample)] + list(sample.footnotes.values()) + tricky
    for text in texts:
        assert parse(text) == parse_with_parser(text), repr(text)


def test_a_line_separator_is_a_line_break_in_every_renderer():
    assert parse("first\u2028**second**") == (Run("first\n"), Run("second", bold=True))
    assert plain_text("a\u2028b") == "a\nb"


# -- source spans -------------------------------------------------------------------------


def test_runs_and_references_know_where_they_came_from():
    text = "a **b** \\*c[^fn]"
    runs = parse(text)
    assert [(item.start, item.end) for item in runs] == [(0, 2), (4, 5), (7, 11), (11, 16)]
    assert text[runs[-1].start:runs[-1].end] == "[^fn]"
    # A run merged from pieces spans the whole stretch; an escaped character's span holds its backslash.
    merged = parse("x\\*y")
    assert merged == (Run("x*y"),) and (merged[0].start, merged[0].end) == (0, 4)


def test_spans_take_no_part_in_equality():
    assert Run("x", bold=True) == Run("x", bold=True, start=3, end=9)
    assert FootnoteRef("a", 2) == FootnoteRef("a", 2, start=5, end=10)


def test_spans_count_the_source_when_line_ends_are_crlf():
    text = "one\r\n**two**[^n]"
    runs = parse(text)
    assert runs[:2] == (Run("one\n"), Run("two", bold=True))
    assert text[runs[1].start:runs[1].end] == "two"
    assert text[runs[2].start:runs[2].end] == "[^n]"
    assert runs[2].offset == 11  # the offset counts CR LF as one character, as it always has


def test_scan_names_every_piece():
    from briefbook.markup import DESTINATION, EMPHASIS, ESCAPE, FOOTNOTE, LINK_CLOSE, LINK_OPEN, TEXT, scan

    text = "**b** [l](https://x.y \"t\") \\* [^f]"
    pieces = scan(text)
    assert [(p.kind, text[p.start:p.end]) for p in pieces] == [
        (EMPHASIS, "**"), (TEXT, "b"), (EMPHASIS, "**"), (TEXT, " "), (LINK_OPEN, "["), (TEXT, "l"),
        (LINK_CLOSE, "]"), (DESTINATION, '(https://x.y "t")'), (TEXT, " "), (ESCAPE, "\\"), (TEXT, "*"),
        (TEXT, " "), (FOOTNOTE, "[^f]"),
    ]
    assert pieces[0].partner == 2 and pieces[2].partner == 0 and pieces[0].opening and pieces[0].strong
    assert pieces[4].partner == 6 and pieces[7].href == "https://x.y" and pieces[5].href == "https://x.y"
    assert pieces[1].bold and not pieces[3].bold


def test_unmatched_delimiters_are_text_pieces():
    from briefbook.markup import TEXT, scan

    assert [(p.kind, p.text) for p in scan("2 * 3")] == [(TEXT, "2 "), (TEXT, "*"), (TEXT, " 3")]


def test_spaces_around_a_line_break_are_pieces_that_do_not_print():
    from briefbook.markup import BREAK, SPACE, TEXT, scan

    text = "a  \n  b"
    assert [(p.kind, text[p.start:p.end]) for p in scan(text)] == [
        (TEXT, "a"), (SPACE, "  "), (BREAK, "\n"), (SPACE, "  "), (TEXT, "b")]
    assert parse(text) == (Run("a\nb"),)


# -- the editor's bold and italic keys ------------------------------------------------------


@pytest.mark.parametrize(("text", "start", "end", "strong", "expected"), [
    ("a **word** b", 4, 8, True, ((2, 4), (8, 10))),  # the words selected
    ("a **word** b", 2, 10, True, ((2, 4), (8, 10))),  # the delimiters selected with them
    ("***word***", 3, 7, True, ((1, 3), (7, 9))),
    ("***word***", 3, 7, False, ((0, 1), (9, 10))),
    ("_word_", 1, 5, False, ((0, 1), (5, 6))),
    ("a **word** b", 4, 8, False, None),  # bold is not italic
    ("**a b**", 2, 3, True, None),  # only part of the bold stretch
    ("a word b", 2, 6, True, None),
    ("**x** and **y**", 2, 13, True, None),  # two pairs, neither wraps the selection
])
def test_wrapping_emphasis(text, start, end, strong, expected):
    from briefbook.markup import wrapping_emphasis

    found = wrapping_emphasis(text, start, end, strong)
    assert (None if found is None else tuple((piece.start, piece.end) for piece in found)) == expected


def test_escape_markup_and_footnote_marks():
    assert parse(escape("[^a] *b* _c_ \\ `d`")) == (Run("[^a] *b* _c_ \\ `d`"),)


def test_wrapping_emphasis_ignores_a_selection_starting_inside_words():
    from briefbook.markup import wrapping_emphasis

    assert wrapping_emphasis("xy **word**", 1, 11, True) is None
    assert wrapping_emphasis("**word**", 0, 8, True) is not None
