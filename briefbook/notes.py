"""Where a review note's passage is in the text it annotates, on the printed words.

A note (:class:`briefbook.model.notes.Note`) names its passage by the words as they
print and which occurrence of them it means. Finding them again is a literal,
case-sensitive find on the printed text, the one :mod:`briefbook.search` does: the
words are found through bold runs, links and escapes and never in markup, a link's
address or a footnote id. A body is searched block by block, as it prints, so a
passage lies within one paragraph or bullet, and within the stretch between two
footnote marks (a mark prints as a number the words do not hold).

The spans given and taken here are offsets into the text as it is *typed* at the
address: a body's whole typed text (what the editor shows, ``- `` markers and all),
a title's or a footnote's text. That is what the editor selects and underlines; the
DOCX writer turns them into offsets in each printed block (:func:`block_spans`).
"""

from __future__ import annotations

from briefbook.model import Address, Brief, Section
from briefbook.model.body import body_text
from briefbook.model.bodytext import PathSuffix, line_paths, parse_line
from briefbook.model.notes import Note, iter_notes
from briefbook.search.find import find_in_body, find_in_text
from briefbook.search.printed import printed_segments
from briefbook.search.query import Options, Query

_LITERAL = Options(match_case=True)


def is_body(address: Address) -> bool:
    """Whether ``address`` names a body (the takeaways or a section's body) rather than one text."""
    return address == ("takeaways",) or (address.in_section and len(address) == len(address.owner) + 1
                                          and address[-1] == "body")


def typed_text(brief: Brief, address: Address) -> str | None:
    """The text as typed at ``address`` (a body's whole typed text), or ``None`` when it is gone."""
    if address == ("takeaways",):
        return body_text(brief)
    if is_body(address):
        section = address.owner.resolve(brief)
        return body_text(section) if isinstance(section, Section) else None
    value = address.resolve(brief)
    return value if isinstance(value, str) else None


def quote_spans(text: str, body: bool, quote: str) -> list[tuple[int, int]]:
    """Every place ``quote`` prints in ``text``, as source spans, in order."""
    if not quote or not text:
        return []
    matcher = Query(quote, _LITERAL).compile()
    return find_in_body(text, matcher) if body else find_in_text(text, matcher)


def locate(brief: Brief, address: Address, note: Note) -> tuple[int, int] | None:
    """The typed span of ``note``'s passage in the text at ``address``; ``None`` when it is no longer there.

    A note on the whole text (no quote) spans the whole text; an empty text holds no passage.
    """
    text = typed_text(brief, Address.of(address))
    if not text:
        return None
    if not note.quote:
        return 0, len(text)
    spans = quote_spans(text, is_body(Address.of(address)), note.quote)
    return spans[note.occurrence - 1] if 0 < note.occurrence <= len(spans) else None


def anchor(brief: Brief, address: Address, start: int, end: int) -> tuple[str, int]:
    """The (quote, occurrence) of a note on the typed span ``start:end`` of the text at ``address``.

    The quote is what prints of the span's first paragraph (a body's) and first stretch
    between footnote marks, so :func:`locate` finds it again; a span that prints nothing
    (it covers only markup or a mark) gives ``("", 1)``, a note on the whole text.
    """
    address = Address.of(address)
    text = typed_text(brief, address) or ""
    body = is_body(address)
    quote, first = _printed_between(text, body, max(0, start), min(len(text), end))
    quote = quote.strip()
    if not quote:
        return "", 1
    spans = quote_spans(text, body, quote)
    if not spans:
        return "", 1
    best = max(range(len(spans)), key=lambda k: (_overlap(spans[k], (start, end)), -abs(spans[k][0] - first)))
    return quote, best + 1


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _printed_between(text: str, body: bool, start: int, end: int) -> tuple[str, int]:
    """What prints of the typed span within the first line and stretch it touches, with where that starts."""
    for base, line in _lines(text, body):
        if base + len(line) <= start or base >= end:
            continue
        for segment in printed_segments(line):
            chars: list[str] = []
            first = -1
            for k, begin in enumerate(segment.printed_at):
                stop = segment.printed_at[k + 1] if k + 1 < len(segment.printed_at) else len(segment.text)
                source = base + segment.source_at[k]
                exact = segment.exact is None or segment.exact[k]
                for offset in range(stop - begin):
                    at = source + offset if exact else source
                    if start <= at < end and (exact or base + segment.source_end[k] <= end):
                        chars.append(segment.text[begin + offset])
                        first = at if first < 0 else first
            if chars:
                return "".join(chars), first
    return "", start


def _lines(text: str, body: bool) -> list[tuple[int, str]]:
    """The printed texts of a typed text, each with where it starts: a body's lines, or the one text."""
    if not body:
        return [(0, text)]
    out = []
    offset = 0
    for raw in text.split("\n"):
        line = parse_line(raw)
        if line.text:
            out.append((offset + line.text_start, line.text.replace("\u2028", "\n")))
        offset += len(raw) + 1
    return out


def block_spans(brief: Brief) -> dict[Address, list[tuple[int, int, int]]]:
    """Each located note's passage in the printed blocks: by block address, ``(start, end, number)``.

    ``start`` and ``end`` are offsets into the block's own text (the bullet's, the title's),
    ``number`` the note's place in :func:`briefbook.model.notes.iter_notes` order. A note
    whose passage is gone is on its whole text's first block; a note on a whole body,
    on the body's first block. This is what the DOCX writer anchors its comments on.
    """
    out: dict[Address, list[tuple[int, int, int]]] = {}
    offsets: dict[Address, list[tuple[int, PathSuffix, int]]] = {}
    for number, (address, note) in enumerate(iter_notes(brief)):
        text = typed_text(brief, address)
        if not text:
            continue
        span = locate(brief, address, note) or (0, 0)
        if not is_body(address):
            out.setdefault(address, []).append((span[0], span[1] if note.quote else len(text), number))
            continue
        starts = offsets.get(address)
        if starts is None:
            starts = offsets[address] = _block_starts(text)
        if not starts:
            continue
        if not note.quote or span == (0, 0):
            begin, suffix, length = starts[0]
            out.setdefault(address.child(*suffix), []).append((0, length, number))
            continue
        for begin, suffix, length in starts:
            if begin <= span[0] <= begin + length:
                out.setdefault(address.child(*suffix), []).append((span[0] - begin, span[1] - begin, number))
                break
    return out


def _block_starts(text: str) -> list[tuple[int, PathSuffix, int]]:
    """Where each block's text starts in a body's typed text, its path suffix and its length."""
    out = []
    offset = 0
    for raw, suffix in zip(text.split("\n"), line_paths(text), strict=False):
        if suffix is not None:
            line = parse_line(raw)
            out.append((offset + line.text_start, suffix, len(line.text)))
        offset += len(raw) + 1
    return out


__all__ = ["anchor", "block_spans", "is_body", "locate", "quote_spans", "typed_text"]
