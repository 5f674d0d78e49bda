"""Does a brief file hold YAML comments?

The YAML parser drops comments, and Briefbook writes files canonically, so comments a
user typed into a file by hand are lost on the next save. The editor warns before
that happens; this module tells it whether there is anything to lose.

A ``#`` starts a comment when it is at the start of a line or after a space or tab,
and is not inside a scalar. Scalar extents come from the parser's events (see
:mod:`briefbook.fileformat.compose`), so this costs no second parse: only the gaps
between scalars are searched. A block scalar (``|-``) begins at its indicator, and
the rest of that line can only hold a comment, so it counts as a gap.
"""

from __future__ import annotations

import re

from briefbook.fileformat.compose import Span

_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#", re.MULTILINE)


def has_comments(text: str, spans: list[Span]) -> bool:
    """Whether ``text`` holds a comment, given the extents of all its scalars in order."""
    if "#" not in text:
        return False
    gap_start = 0
    for start, end, block in spans:
        if block:
            line_end = text.find("\n", start)
            start = len(text) if line_end < 0 else line_end
        if _comment_between(text, gap_start, start):
            return True
        gap_start = max(gap_start, end)
    return _comment_between(text, gap_start, len(text))


def _comment_between(text: str, start: int, end: int) -> bool:
    if start >= end or text.find("#", start, end) < 0:
        return False
    return _COMMENT.search(text, start, end) is not None
