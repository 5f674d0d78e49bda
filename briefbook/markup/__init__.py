"""Inline markup: the one parser and the one writer every part of Briefbook uses.

Text in a brief is CommonMark inline markup restricted to what the Assembly's format
needs: ``**bold**``, ``*italic*``, ``[text](https://…)``, footnote references
``[^id]`` and backslash escapes. Everything else — HTML, entities, code spans,
typographic replacement — is left as typed, so curly quotes, dashes and Cyrillic come
through untouched and nothing an analyst pastes is silently reinterpreted.

- :func:`parse` gives the runs and footnote references the renderers print, each
  with the source span it came from;
- :func:`scan` gives every syntactic piece with its span (what the editor's
  highlighter and its bold/italic keys need; see :mod:`briefbook.markup.inline`);
- :func:`serialize` writes runs back as markup and :func:`escape` makes plain text
  print as typed.

Footnote references need no definition in the same text: in a brief they live in
the ``footnotes`` mapping.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from briefbook.markup.cache import TextCache
from briefbook.markup.inline import (
    BREAK,
    DESTINATION,
    EMPHASIS,
    ESCAPE,
    FOOTNOTE,
    FOOTNOTE_ID,
    LINK_CLOSE,
    LINK_OPEN,
    SPACE,
    TEXT,
    FootnoteRef,
    Piece,
    Run,
    read_runs,
    scan,
)
from briefbook.markup.links import ALLOWED_SCHEMES

__all__ = [
    "ALLOWED_SCHEMES", "BREAK", "DESTINATION", "EMPHASIS", "ESCAPE", "FOOTNOTE", "FOOTNOTE_ID", "LINK_CLOSE",
    "LINK_OPEN", "SPACE", "TEXT", "FootnoteRef", "Inline", "Piece", "Run", "escape", "footnote_refs", "forget", "parse",
    "parse_with_parser", "plain_text", "scan", "serialize", "wrapping_emphasis",
]


Inline = Run | FootnoteRef

#: The characters the parser acts on (emphasis, links, footnote marks, escapes, line
#: breaks, NUL). Most bullets of a brief have none of them, and skipping the parser for
#: those makes long briefs render several times faster.
_MARKUP_CHARACTERS = re.compile(r"[*_\[\]\\\n\r\x00\u2028]")


def _parse(text: str) -> tuple[Inline, ...]:
    if not text:
        return ()
    if not _MARKUP_CHARACTERS.search(text):
        return (Run(text, start=0, end=len(text)),)
    return parse_with_parser(text)


#: Parse results by text (see :mod:`briefbook.markup.cache` for when texts are forgotten).
parse_cache: TextCache[tuple[Inline, ...]] = TextCache(_parse, size=65536)


def parse(text: str) -> tuple[Inline, ...]:
    """Split marked-up text into runs and footnote references.

    Adjacent runs with the same formatting are merged, so renderers emit as few runs
    as Word itself would. Results are cached (:data:`parse_cache`): a brief's texts
    change one at a time.
    """
    return parse_cache(text)


def forget(texts: Iterable[str]) -> None:
    """Tell the parse cache that ``texts`` were replaced by an edit and need not be kept."""
    parse_cache.forget(texts)


def parse_with_parser(text: str) -> tuple[Inline, ...]:
    """:func:`parse` without the cache and the shortcut for unmarked text (the tests compare the two)."""
    return read_runs(text)


def plain_text(text: str) -> str:
    """The text without markup, footnote references dropped (for word counts, titles, search)."""
    return "".join(item.text for item in parse(text) if isinstance(item, Run))


def footnote_refs(text: str) -> list[FootnoteRef]:
    """The footnote references of a text, in order."""
    return [item for item in parse(text) if isinstance(item, FootnoteRef)]


def wrapping_emphasis(text: str, start: int, end: int, strong: bool) -> tuple[Piece, Piece] | None:
    """The bold (``strong``) or italic delimiters that wrap ``text[start:end]``, if a pair does.

    A pair wraps the stretch when only delimiters lie between them and it: either the
    stretch includes them (``**phrase**`` selected) or it sits just inside them (the
    words selected). This is how the editor's bold and italic keys know to unwrap.
    Only the delimiters next to ``start`` can open such a pair, so the look-up costs
    little however long the line.
    """
    pieces = scan(text)
    starts = [piece.start for piece in pieces]
    ends = [piece.end for piece in pieces]

    def only_delimiters(low: int, high: int) -> bool:
        first, last = bisect_right(ends, low), bisect_left(starts, high)
        return all(pieces[index].kind == EMPHASIS for index in range(first, last))

    at = bisect_left(starts, start)
    candidates: list[int] = []
    index = at - 1
    while index >= 0 and pieces[index].kind == EMPHASIS and ends[index] <= start:
        candidates.append(index)  # just outside the stretch
        index -= 1
    index = at
    while index < len(pieces) and pieces[index].kind == EMPHASIS and ends[index] <= end:
        candidates.append(index)  # the stretch starts with it
        index += 1
    for index in candidates:
        opener = pieces[index]
        if not opener.opening or opener.strong != strong:
            continue
        closer = pieces[opener.partner]
        if opener.end <= start and end <= closer.start and only_delimiters(end, closer.start):
            return opener, closer
        if (start <= opener.start and closer.end <= end and only_delimiters(start, opener.start)
                and only_delimiters(closer.end, end)):
            return opener, closer
    return None


_ESCAPABLE = re.compile(r"([\\*_\[\]`])")


def escape(text: str) -> str:
    """Escape plain text so that :func:`parse` gives it back unchanged."""
    return _ESCAPABLE.sub(r"\\\1", text)


from briefbook.markup.serialize import serialize  # noqa: E402 (it builds on the parser above)
