"""Does a brief file hold YAML comments?

The YAML parser drops comments, and Briefbook writes files canonically, so comments a
user typed into a file by hand are lost on the next save. The editor warns before
that happens; this module tells it whether there is anything to lose.

A ``#`` starts a comment when it is at the start of a line or after a space or tab,
and is not inside a scalar. Scalar extents come from the parser's events (see
:mod:`briefbook.fileformat.compose`), so this costs no second parse. A block scalar
(``|-``) begins at its indicator, and the rest of that line can only be a comment.
"""

from __future__ import annotations

import bisect
import re

from briefbook.fileformat.compose import Span

_CANDIDATE = re.compile(r"(?:^|(?<=[ \t]))#", re.MULTILINE)


def has_comments(text: str, spans: list[Span]) -> bool:
    """Whether ``text`` holds a comment, given the extents of all its scalars (in order)."""
    if "#" not in text:
        return False
    starts = [(s[0], s[1]) for s in spans]
    line = 0
    line_start = 0
    for match in _CANDIDATE.finditer(text):
        index = match.start()
        line += text.count("\n", line_start, index)
        line_start = text.rfind("\n", 0, index) + 1
        column = index - line_start
        if not _inside_scalar(spans, starts, line, column):
            return True
    return False


def _inside_scalar(spans: list[Span], starts: list[tuple[int, int]], line: int, column: int) -> bool:
    """Whether the character at (line, column) belongs to the text of a scalar."""
    position = (line, column)
    at = bisect.bisect_right(starts, position) - 1
    if at < 0:
        return False
    start_line, start_column, end_line, end_column, block = spans[at]
    if block and line == start_line:
        return False  # on a block scalar's indicator line: only a comment can follow
    return position < (end_line, end_column)
