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
