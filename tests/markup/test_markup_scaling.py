"""Reading a text takes work in proportion to its length, whatever its shape.

A long paste must never freeze the editor, so the parser is checked on the shapes
that make naive parsers quadratic: unclosed brackets, link fragments such as
``**a*[b](``, open titles, nested parentheses, runs of delimiters. Work is counted
as lines of parser code executed rather than measured with a clock, which a busy
machine makes unreliable: doubling the text must at most double the count.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import briefbook.markup
from briefbook.markup import parse_with_parser, scan

from work_counter import lines_executed

PACKAGE = str(Path(briefbook.markup.__file__).parent)

SHAPES = [
    "**a*[b](", "[", "]", "*_", "_*a", "***a", "**a **b", "[a](", "](", "[^a", "[^a]", "a [b] (", "\\[", "\\",
    "[a](<", "[a](<b", '[a](x "', "[a](x '", "[a](x (", "((", "[a](b(", "[a](b)", "[[a](b", "[a]( ", "a  \n  ",
    "[x](http://a.b) **c** _d_ ", "[**a**](http://b) [c", "*[a](http://b)", "[^a][b](",
]


def work(text: str) -> int:
    """Lines of the markup package executed to scan and parse ``text``."""
    return lines_executed(lambda: (scan(text), parse_with_parser(text)), Path(PACKAGE))


@pytest.mark.parametrize("shape", SHAPES)
def test_twice_the_text_takes_at_most_twice_the_work(shape: str) -> None:
    small, large = work(shape * 300), work(shape * 600)
    assert large <= 2 * small + 100, (small, large)
