"""Every quoted passage a brief prints: “…”, "…" and « … », with where each is typed.

Quotations are found in the *printed* text of each typed text of the brief — the cover's
fields, the takeaways, section titles and bodies, footnotes (not the sources list, whose
titles quote the source itself) — read through the one inline parser
(:mod:`briefbook.search.printed`), so ``**“Ukraine will … prevail.”**`` is one quotation
whose bold marks are no part of it, and a quotation that opens inside a bold run and
closes after it still pairs. Each quotation is given back as offsets in the text as typed,
so the editor can underline it and the command line can place it at ``FILE:LINE:COLUMN``.

How marks pair, in one pass over each text (linear in its length):

- “ opens and ” closes; « opens and » closes; a straight " opens and the next straight "
  closes (straight quotes pair in order, within one text);
- while a quotation is open, only its own closing mark closes it: marks of the other
  kinds are quotations nested in it (French « … “…” … », English “… "…" …”), part of it;
  single quotes (‘ ’ and ') are never quotation marks, as they are mostly apostrophes;
- an opening mark met again while its quotation is open starts the quotation anew: the
  earlier one was never closed (see :func:`unclosed`);
- a closing mark with nothing open is not a quotation (a typing slip, or the ” of a
  quotation that began in another text).

A footnote mark inside a quotation prints as its number; the quotation runs on through
it (its printed text holds a space there, which the check reads as a word break).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from briefbook.model import Address, Brief
from briefbook.record import Value
from briefbook.search.find import Place, places
from briefbook.search.printed import Segment, printed_segments

#: Each opening mark and the mark that closes its quotation.
CLOSING = {"“": "”", "«": "»", '"': '"'}
_WORDY = re.compile(r"\w")
#: Every quotation mark (one character each, so finding them is linear in the text).
_MARKS = re.compile('[“”«»"]')


class Quotation(Value):
    """A quoted passage: the text it is in, where it is typed there, and how it prints.

    ``start`` and ``end`` are offsets in the typed text at ``address`` and take in the
    quotation marks; ``printed`` is the passage as it prints, marks included (markup gone).
    """

    __slots__ = FIELDS = ("address", "start", "end", "printed")

    def __init__(self, address: Address, start: int, end: int, printed: str) -> None:
        self.address = address
        self.start = start
        self.end = end
        self.printed = printed

    @property
    def inner(self) -> str:
        """The quoted words as they print, without the marks around them."""
        return self.printed[1:-1]


class Unclosed(Value):
    """An opening quotation mark never closed: where it is typed."""

    __slots__ = FIELDS = ("address", "offset", "mark")

    def __init__(self, address: Address, offset: int, mark: str) -> None:
        self.address = address
        self.offset = offset
        self.mark = mark


class PrintedText:
    """A typed text's printed characters as one string, its footnote marks printed as a space.

    :func:`briefbook.search.printed.printed_segments` cuts a text at its footnote marks;
    a quotation may run across one, so the segments are joined here and an offset of the
    joined string is mapped back through its segment.
    """

    __slots__ = ("segments", "starts", "text")

    def __init__(self, text: str, marked: bool) -> None:
        self.segments: tuple[Segment, ...] = printed_segments(text, marked)
        starts: list[int] = []
        position = 0
        for segment in self.segments:
            starts.append(position)
            position += len(segment.text) + 1
        self.starts = starts
        self.text = " ".join(segment.text for segment in self.segments)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The typed characters that print as ``text[start:end]`` (``end > start``)."""
        first = bisect_right(self.starts, start) - 1
        last = bisect_right(self.starts, end - 1) - 1
        begin = self.segments[first].source_span(start - self.starts[first], start - self.starts[first] + 1)[0]
        finish = self.segments[last].source_span(end - 1 - self.starts[last], end - self.starts[last])[1]
        return begin, finish


def pairs(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """The quotations of one printed text as (opening mark, closing mark) offsets, and the
    offsets of the opening marks never closed; one pass, by the rules in the module docstring."""
    found: list[tuple[int, int]] = []
    unclosed: list[int] = []
    open_at = -1
    closing = ""
    for mark in _MARKS.finditer(text):
        at, char = mark.start(), mark.group()
        if open_at < 0:
            if char in CLOSING:
                open_at, closing = at, CLOSING[char]
        elif char == closing:
            found.append((open_at, at))
            open_at = -1
        elif char == text[open_at]:
            unclosed.append(open_at)
            open_at = at
    if open_at >= 0:
        unclosed.append(open_at)
    return found, unclosed


def _candidates(brief: Brief) -> Iterator[Place]:
    """The typed texts that can hold a quotation (every one but the sources' fields)."""
    for place in places(brief):
        if place.path[0] == "sources":
            break  # the sources come last
        if any(mark in place.text for mark in CLOSING):
            yield place


def quotations_in(address: Address, text: str, marked: bool = True) -> list[Quotation]:
    """The quotations of one typed text at ``address`` (marked: it holds inline markup)."""
    shown = PrintedText(text, marked)
    found = []
    for opening, closing in pairs(shown.text)[0]:
        if not _WORDY.search(shown.text, opening, closing):
            continue  # marks around no word (“” typed ahead of the words) quote nothing
        start, end = shown.source_span(opening, closing + 1)
        found.append(Quotation(address, start, end, shown.text[opening:closing + 1]))
    return found


def quotations(brief: Brief) -> list[Quotation]:
    """Every quotation of the brief, in reading order (see the module docstring)."""
    found: list[Quotation] = []
    for place in _candidates(brief):
        found.extend(quotations_in(place.address, place.text, place.marked))
    return found


def unclosed(brief: Brief) -> list[Unclosed]:
    """Every opening quotation mark of the brief that no closing mark answers."""
    found: list[Unclosed] = []
    for place in _candidates(brief):
        shown = PrintedText(place.text, place.marked)
        for at in pairs(shown.text)[1]:
            found.append(Unclosed(place.address, shown.source_span(at, at + 1)[0], shown.text[at]))
    return found
