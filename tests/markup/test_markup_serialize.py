"""Writing runs back as markup: the inverse of the parser."""

from __future__ import annotations

import pytest

from briefbook.markup import FootnoteRef, Run, parse, serialize


def test_formatting_is_written_as_markup():
    assert serialize([Run("bold", bold=True), Run(" plain")]) == "**bold** plain"
    assert serialize([Run("both", bold=True, italic=True)]) == "***both***"
    assert serialize([Run("see "), Run("release", href="https://a.b/(x) y")]) == "see [release](https://a.b/%28x%29%20y)"


def test_words_are_escaped_so_they_print_as_typed():
    # What would be markup is escaped; what prints as itself anyway (an underscore inside a
    # word, "[...]" in a quotation) is left as an analyst types it.
    assert serialize([Run("2 * 3 [^x] a_b \\")]) == "2 \\* 3 \\[^x\\] a_b \\\\"
    assert serialize([Run("thousands of miles away [...] can")]) == "thousands of miles away [...] can"
    assert serialize([Run("*not italic*")]) == "\\*not italic\\*"
    for text in ("a_b_c", "[...]", "[x](https://a.b)", "_under_", "x * y * z", "\\[", "[^1]"):
        printed = [(r.text, r.bold, r.italic, r.href) for r in parse(serialize([Run(text)]))]
        assert printed == [(text, False, False, None)]


def test_spaces_at_the_edge_of_formatting_move_out_of_it():
    # "** bold**" would not be bold, so the space takes the formatting of its neighbours.
    assert serialize([Run(" both ", bold=True, italic=True)]) == " ***both*** "
    assert serialize([Run("a "), Run(" b", bold=True)]) == "a  **b**"


def test_formatting_markup_cannot_express_is_dropped_not_garbled():
    # A bold run ending in a quote right before a letter cannot close in CommonMark.
    assert serialize([Run("“quoted”", bold=True), Run("s tail")]) == "“quoted”s tail"


@pytest.mark.parametrize("runs", [
    [Run("a", italic=True), Run("b", bold=True, italic=True), Run("c", italic=True)],
    [Run("a", bold=True, italic=True), Run("b", italic=True)],
    [Run("a", bold=True), Run("b", italic=True)],
    [Run("x", bold=True, href="https://a.b"), Run(" y", href="https://a.b"), Run(" z")],
])
def test_nested_bold_and_italic_come_back(runs):
    assert list(parse(serialize(runs))) == runs


def test_every_text_of_the_sample_brief_comes_back():
    from briefbook.fileformat import load
    from briefbook.model import iter_texts

    from conftest import SAMPLE

    checked = 0
    for place in iter_texts(load(SAMPLE)):
        items = parse(place.text)
        if any(isinstance(item, FootnoteRef) for item in items):
            continue
        assert parse(serialize(list(items))) == items, place.text
        checked += 1
    assert checked > 20
