"""The inline parser: every syntactic piece of a text, with where it sits in the source.

The renderers need runs and footnote references; the editor needs more — which
characters are markup, which delimiter closes which, where a link's address is —
and it needs them for every key the analyst types. So the parser keeps source
offsets for everything it reads: :func:`scan` hands out :class:`Piece` tuples that
tile the source exactly, and :func:`read_runs` the runs and references the
renderers print, each with its span.

The rules are CommonMark's inline rules for the subset a brief uses, with the
choices markdown-it makes where the specification leaves room, so texts saved by
earlier versions print the same:

- ``*`` / ``_`` emphasis (see :mod:`briefbook.markup.emphasis`);
- ``[text](destination "title")`` links (see :mod:`briefbook.markup.links`);
- ``[^id]`` footnote references (no definition needed: a brief keeps them apart);
- backslash escapes; ``\\`` or two spaces before a line break; spaces around a line
  break dropped; U+2028 (Shift+Enter) and CR are line breaks, NUL prints as U+FFFD.

Time is linear in the text whatever its shape, unclosed brackets and delimiter
soup included (``tests/test_markup_scaling.py`` counts the work). The work is kept
in flat lists rather than one object per character, because a long text would
otherwise spend most of its time allocating.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from briefbook.markup.emphasis import (
    ASCII_PUNCTUATION,
    CHARACTER_CLASSES,
    FLANKING,
    WHITESPACE_CLASS,
    Delimiters,
    character_class,
    emphasis_roles,
    match_emphasis,
)
from briefbook.markup.links import LinkFinder
from briefbook.record import Value

#: Footnote ids: letters, digits, ``-``, ``_`` and ``.``; no spaces, so they survive diffs.
FOOTNOTE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")

# Piece kinds.
TEXT = "text"  #: printed characters (``Piece.text`` is what prints)
ESCAPE = "escape"  #: the backslash that makes the next character literal
BREAK = "break"  #: a line break (prints as ``"\n"``)
SPACE = "space"  #: spaces around a line break, not printed
EMPHASIS = "emphasis"  #: a ``*``/``**``/``_``/``__`` delimiter that opens or closes emphasis
LINK_OPEN = "link_open"  #: the ``[`` of a link
LINK_CLOSE = "link_close"  #: the ``]`` of a link
DESTINATION = "destination"  #: a link's ``(address "title")``
FOOTNOTE = "footnote"  #: a ``[^id]`` reference (``Piece.text`` is the id)
_DELIMITERS = "delimiters"  # a run of ``*`` or ``_``, before emphasis is matched


class Piece(NamedTuple):
    """Source characters ``start`` to ``end`` and what they are (one of the kinds above).

    ``bold``/``italic``/``href`` are the formatting of printed text (``href`` also on a
    link's three markup pieces). ``partner`` is the index, in the same :func:`scan`
    result, of the delimiter that closes or opens this one, or of the link's ``[``
    (for its ``]`` and destination) or ``]`` (for its ``[``).
    """

    kind: str
    start: int
    end: int
    text: str = ""
    bold: bool = False
    italic: bool = False
    href: str | None = None
    partner: int = -1
    opening: bool = False
    strong: bool = False


class Run(Value):
    """A stretch of text with one formatting.

    ``start``/``end`` are the source offsets of the markup it was read from (for a run
    merged from several pieces, the whole stretch, delimiters between them included).
    They take no part in comparisons: two runs that print the same are equal.
    """

    __slots__ = FIELDS = ("text", "bold", "italic", "href", "start", "end")
    COMPARED = ("text", "bold", "italic", "href")

    def __init__(self, text: str, bold: bool = False, italic: bool = False, href: str | None = None,
                 start: int = 0, end: int = 0) -> None:
        self.text = text
        self.bold = bold
        self.italic = italic
        self.href = href
        self.start = start
        self.end = end


class FootnoteRef(Value):
    """A ``[^id]`` reference; the renderer gives it its number."""

    __slots__ = FIELDS = ("id", "offset", "start", "end")
    COMPARED = ("id", "offset")

    def __init__(self, id: str, offset: int = 0, start: int = 0, end: int = 0) -> None:
        self.id = id
        #: Character offset of the reference in the text (CR LF counted as one), for jump-to-place.
        self.offset = offset
        #: Source offsets of the whole ``[^id]``.
        self.start = start
        self.end = end


_TOKEN_START = re.compile(r"\*+|_+|[\n\\\[]")


def _normalise(text: str) -> tuple[str, list[int] | None]:
    """The text with one kind of line break and no NUL, and (if lengths differ) where each character came from."""
    norm = text
    if "\r" in text or "\u2028" in text:
        norm = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    if "\0" in norm:
        norm = norm.replace("\0", "\ufffd")
    if len(norm) == len(text):
        return norm, None
    origin: list[int] = []
    index = 0
    while index < len(text):
        origin.append(index)
        index += 2 if text.startswith("\r\n", index) else 1
    origin.append(len(text))
    return norm, origin


class _Parser:
    """One parse of one normalised text: links found first, then items, then emphasis matched."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.n = len(src)
        self.links = LinkFinder(src, self._footnote_end).links if "](" in src else {}
        # The items, in source order, as parallel lists.
        self.kinds: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.data: dict[int, str] = {}  # start of a footnote reference or link piece -> id or address
        self.delimiter_lists: list[Delimiters] = []
        self.tokenize(0, self.n)
        #: delimiter position -> (pair number, opening, strong, characters in its piece; 0 for the second of ``**``)
        self.roles: dict[int, tuple[int, bool, bool, int]] = {}
        for delimiters in self.delimiter_lists:
            if delimiters.position:
                match_emphasis(delimiters)
                emphasis_roles(delimiters, self.roles)

    def _footnote_end(self, pos: int) -> int:
        src = self.src
        if not src.startswith("[^", pos):
            return 0
        match = FOOTNOTE_ID.match(src, pos + 2)
        if not match or not src.startswith("]", match.end()):
            return 0
        return match.end() + 1

    def _item(self, kind: str, start: int, end: int) -> None:
        if end > start:
            self.kinds.append(kind)
            self.starts.append(start)
            self.ends.append(end)

    def tokenize(self, pos: int, limit: int) -> None:
        """Items for ``src[pos:limit]`` (the whole text, or one link's label)."""
        src, item = self.src, self._item
        kind, start, end = self.kinds.append, self.starts.append, self.ends.append
        delimiters = Delimiters()
        self.delimiter_lists.append(delimiters)
        marker, length, position = delimiters.marker, delimiters.length, delimiters.position
        can_open, can_close, closer = delimiters.can_open, delimiters.can_close, delimiters.end
        flanking, classes = FLANKING, CHARACTER_CLASSES
        pending = pos  # plain text since the last item; spaces before a line break are trimmed from it
        while pos < limit:
            match = _TOKEN_START.search(src, pos, limit)
            if match is None:
                break
            pos = match.start()
            ch = src[pos]
            if ch == "*" or ch == "_":  # the commonest markup, so handled here rather than in a method
                if pos > pending:
                    kind(TEXT)
                    start(pending)
                    end(pos)
                after = match.end()
                # The start and end of the text (or label) count as whitespace.
                before = classes.get(src[pos - 1]) or character_class(src[pos - 1]) if pos else WHITESPACE_CLASS
                following = src[after] if after < limit else " "
                after_class = classes.get(following) or character_class(following)
                opens, closes = flanking[ch, before, after_class]
                count = after - pos
                if count == 1:
                    marker.append(ch)
                    length.append(1)
                    position.append(pos)
                    can_open.append(opens)
                    can_close.append(closes)
                    closer.append(-1)
                else:
                    marker.extend(ch * count)
                    length.extend([count] * count)
                    position.extend(range(pos, after))
                    can_open.extend([opens] * count)
                    can_close.extend([closes] * count)
                    closer.extend([-1] * count)
                kind(_DELIMITERS)
                start(pos)
                end(after)
                pos = pending = after
            elif ch == "\n":
                trim = pos
                while trim > pending and src[trim - 1] == " ":
                    trim -= 1
                item(TEXT, pending, trim)
                item(SPACE, trim, pos)
                pos = pending = self._line_break(pos, limit)
            elif ch == "\\":
                if pos + 1 >= limit:
                    pos += 1
                    continue
                item(TEXT, pending, pos)
                following = src[pos + 1]
                if following == "\n":
                    item(ESCAPE, pos, pos + 1)
                    pos = pending = self._line_break(pos + 1, limit)
                elif following in ASCII_PUNCTUATION:
                    item(ESCAPE, pos, pos + 1)
                    item(TEXT, pos + 1, pos + 2)
                    pos = pending = pos + 2
                else:
                    item(TEXT, pos, pos + 2)
                    pos = pending = pos + 2
            else:
                footnote = self._footnote_end(pos) if src.startswith("[^", pos) else 0
                link = self.links.get(pos) if limit == self.n else None
                if footnote:
                    item(TEXT, pending, pos)
                    self.data[pos] = src[pos + 2:footnote - 1]
                    item(FOOTNOTE, pos, footnote)
                    pos = pending = footnote
                elif link:
                    close, link_end, href = link
                    item(TEXT, pending, pos)
                    self.data[pos] = self.data[close + 1] = href
                    item(LINK_OPEN, pos, pos + 1)
                    self.tokenize(pos + 1, close)
                    item(LINK_CLOSE, close, close + 1)
                    item(DESTINATION, close + 1, link_end)
                    pos = pending = link_end
                else:
                    pos += 1
        item(TEXT, pending, limit)

    def _line_break(self, pos: int, limit: int) -> int:
        """Items for the line break at ``pos`` and the spaces that start the next line; returns what follows."""
        self._item(BREAK, pos, pos + 1)
        end = pos + 1
        while end < limit and self.src[end] in " \t":
            end += 1
        self._item(SPACE, pos + 1, end)
        return end


def _items(parser: _Parser) -> Iterator[tuple[str, int, int]]:
    """The parser's items with delimiter runs split into characters: matched (``_DELIMITERS``) or printed."""
    roles = parser.roles
    for kind, start, end in zip(parser.kinds, parser.starts, parser.ends, strict=True):
        if kind != _DELIMITERS:
            yield kind, start, end
            continue
        for position in range(start, end):
            role = roles.get(position)
            if role is None:
                yield TEXT, position, position + 1
            elif role[3]:
                yield kind, position, position + role[3]


def scan(text: str) -> tuple[Piece, ...]:
    """Every piece of ``text`` in order; the pieces' spans tile the text exactly."""
    if not text:
        return ()
    norm, origin = _normalise(text)
    parser = _Parser(norm)
    roles, data = parser.roles, parser.data
    pieces: list[Piece] = []
    openers: dict[int, int] = {}  # pair number (or -1 for the link) -> index of its opening piece
    bold = italic = 0
    href: str | None = None
    for kind, start, end in _items(parser):
        source_start, source_end = (origin[start], origin[end]) if origin else (start, end)
        if kind == TEXT:
            pieces.append(Piece(TEXT, source_start, source_end, norm[start:end], bold > 0, italic > 0, href))
        elif kind == BREAK:
            pieces.append(Piece(BREAK, source_start, source_end, "\n", bold > 0, italic > 0, href))
        elif kind == _DELIMITERS:
            pair, opening, strong, _ = roles[start]
            if opening:
                openers[pair] = len(pieces)
                pieces.append(Piece(EMPHASIS, source_start, source_end, opening=True, strong=strong))
                bold, italic = bold + strong, italic + (not strong)
            else:
                partner = openers[pair]
                pieces[partner] = pieces[partner]._replace(partner=len(pieces))
                pieces.append(Piece(EMPHASIS, source_start, source_end, partner=partner, strong=strong))
                bold, italic = bold - strong, italic - (not strong)
        elif kind == FOOTNOTE:
            pieces.append(Piece(FOOTNOTE, source_start, source_end, data[start]))
        elif kind == LINK_OPEN:
            href = data[start]
            openers[-1] = len(pieces)
            pieces.append(Piece(LINK_OPEN, source_start, source_end, href=href, opening=True))
        elif kind == LINK_CLOSE:
            pieces[openers[-1]] = pieces[openers[-1]]._replace(partner=len(pieces))
            pieces.append(Piece(LINK_CLOSE, source_start, source_end, href=href, partner=openers[-1]))
            href = None
        elif kind == DESTINATION:
            pieces.append(Piece(DESTINATION, source_start, source_end, href=data[start], partner=openers[-1]))
        else:
            pieces.append(Piece(kind, source_start, source_end))
    return tuple(pieces)


def read_runs(text: str) -> tuple[Run | FootnoteRef, ...]:
    """The runs and footnote references of ``text``, adjacent runs of one formatting merged.

    The same walk as :func:`scan`, without building a piece per item: the renderers
    read every text of a brief this way.
    """
    if not text:
        return ()
    norm, origin = _normalise(text)
    parser = _Parser(norm)
    roles, data = parser.roles, parser.data
    out: list[Run | FootnoteRef] = []
    parts: list[str] = []  # the text of the run being built, joined once when it is complete
    run_format: tuple[bool, bool, str | None] = (False, False, None)
    current = run_format  # the formatting printed text has here
    run_start = run_end = bold = italic = 0
    href: str | None = None
    escape_start = -1

    def finish() -> None:
        out.append(Run("".join(parts), *run_format, origin[run_start] if origin else run_start,
                       origin[run_end] if origin else run_end))
        parts.clear()

    for kind, start, end in zip(parser.kinds, parser.starts, parser.ends, strict=True):
        if kind in (TEXT, BREAK):
            if not parts or current != run_format:
                if parts:
                    finish()
                run_format, run_start = current, escape_start if escape_start >= 0 else start
            run_end = end
            parts.append("\n" if kind == BREAK else norm[start:end])
            escape_start = -1
        elif kind == _DELIMITERS:
            for position in range(start, end):
                role = roles.get(position)
                if role is None:  # an unmatched delimiter character prints
                    if not parts or current != run_format:
                        if parts:
                            finish()
                        run_format, run_start = current, position
                    run_end = position + 1
                    parts.append(norm[position])
                elif role[3]:
                    step = 1 if role[1] else -1
                    if role[2]:
                        bold += step
                    else:
                        italic += step
                    current = (bold > 0, italic > 0, href)
        elif kind == ESCAPE:
            escape_start = start
        elif kind == FOOTNOTE:
            if parts:
                finish()
            out.append(FootnoteRef(data[start], start, origin[start] if origin else start,
                                   origin[end] if origin else end))
        elif kind == LINK_OPEN:
            href = data[start]
            current = (bold > 0, italic > 0, href)
        elif kind == LINK_CLOSE:
            href = None
            current = (bold > 0, italic > 0, href)
    if parts:
        finish()
    return tuple(out)
