"""The printed characters of a text, and where each of them is in the text as stored.

Find matches what prints, not what is typed: ``Rutte`` is found in ``**Rutte**``, and
the ``**``, a link's address and a footnote's ``[^id]`` are never matched. A text's
printed form is cut into *segments* at its footnote references (a match never spans
a footnote mark, which prints as a number), and each segment is a list of *stretches*:
printed characters that stand for consecutive characters of the source, so an offset
in the printed text maps back to the source with one bisection.

The form comes from the inline parser's runs (:func:`briefbook.markup.parse`), which
the preview and the checks have usually parsed already, so searching a brief open in
the editor costs no second parse. A run whose source holds more than its printed
characters (an escape, a line break with spaces around it) is mapped piece by piece
from :func:`briefbook.markup.scan` instead, as is every text that holds one.
"""

from __future__ import annotations

from bisect import bisect_right

from briefbook.markup import BREAK, FOOTNOTE, TEXT, FootnoteRef, parse, scan
from briefbook.markup.cache import TextCache


class Segment:
    """Printed characters between two footnote marks, with the source offset of each stretch.

    ``printed_at[k]`` is where stretch ``k`` starts in :attr:`text`, ``source_at[k]`` where
    it starts in the source, ``source_end[k]`` where it ends there; ``exact[k]`` says
    whether its characters are the source's one for one (a line break from ``\\r\\n`` is not).
    """

    __slots__ = ("exact", "printed_at", "source_at", "source_end", "text")

    def __init__(self, text: str, printed_at: tuple[int, ...], source_at: tuple[int, ...],
                 source_end: tuple[int, ...], exact: tuple[bool, ...] | None = None) -> None:
        # A plain class, not a frozen dataclass: a search of a long brief makes thousands.
        self.text = text
        self.printed_at = printed_at
        self.source_at = source_at
        self.source_end = source_end
        #: ``None`` when every stretch is exact.
        self.exact = exact

    def __repr__(self) -> str:
        return f"Segment({self.text!r}, {self.printed_at}, {self.source_at})"

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source characters that print as ``text[start:end]`` (``end > start``)."""
        first = bisect_right(self.printed_at, start) - 1
        last = bisect_right(self.printed_at, end - 1) - 1
        exact = self.exact
        begin = self.source_at[first] + (start - self.printed_at[first] if exact is None or exact[first] else 0)
        finish = (self.source_at[last] + end - self.printed_at[last] if exact is None or exact[last]
                  else self.source_end[last])
        return begin, finish


def _single(text: str, start: int = 0) -> Segment:
    return Segment(text, (0,), (start,), (start + len(text),))


def printed_segments(text: str, marked: bool = True) -> tuple[Segment, ...]:
    """The printed form of ``text``: inline markup when ``marked``, else every character prints."""
    if not text:
        return ()
    if not marked:
        return (_single(text),)
    return _forms(text)


def _printed(text: str) -> tuple[Segment, ...]:
    items = parse(text)
    if len(items) == 1 and not isinstance(items[0], FootnoteRef):
        run = items[0]
        if run.end - run.start == len(run.text):  # one run, plain or wholly bold: the commonest case
            return (_single(run.text, run.start),)
    segments: list[Segment] = []
    chunks: list[str] = []
    printed_at: list[int] = []
    source_at: list[int] = []
    source_end: list[int] = []
    position = 0

    def close() -> None:
        nonlocal position
        if chunks:
            segments.append(Segment("".join(chunks), tuple(printed_at), tuple(source_at), tuple(source_end)))
        chunks.clear()
        printed_at.clear()
        source_at.clear()
        source_end.clear()
        position = 0

    for item in items:
        if isinstance(item, FootnoteRef):
            close()
            continue
        if item.end - item.start != len(item.text):
            return scanned_segments(text)
        chunks.append(item.text)
        printed_at.append(position)
        source_at.append(item.start)
        source_end.append(item.end)
        position += len(item.text)
    close()
    return tuple(segments)


def scanned_segments(text: str) -> tuple[Segment, ...]:
    """:func:`printed_segments` read piece by piece from :func:`briefbook.markup.scan` (exact for every text)."""
    segments: list[Segment] = []
    chunks: list[str] = []
    printed_at: list[int] = []
    source_at: list[int] = []
    source_end: list[int] = []
    exact: list[bool] = []
    position = 0
    for piece in (*scan(text), None):
        if piece is None or piece.kind == FOOTNOTE:
            if chunks:
                segments.append(Segment("".join(chunks), tuple(printed_at), tuple(source_at), tuple(source_end),
                                        tuple(exact)))
            chunks, printed_at, source_at, source_end, exact, position = [], [], [], [], [], 0
            continue
        if piece.kind not in (TEXT, BREAK):
            continue
        printed = piece.text
        chunks.append(printed)
        printed_at.append(position)
        source_at.append(piece.start)
        source_end.append(piece.end)
        exact.append(piece.end - piece.start == len(printed))
        position += len(printed)
    return tuple(segments)


#: Printed forms by text. A search is repeated as the query is typed and after each change,
#: over texts that mostly have not changed; the cache is bounded, like the parse cache, and as
#: large: a least-recently-used cache smaller than the brief misses on every text of a search.
_forms: TextCache[tuple[Segment, ...]] = TextCache(_printed, size=65536)
