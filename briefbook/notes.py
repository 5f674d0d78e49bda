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
from briefbook.model.notes import Note
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


def block_spans(brief: Brief, on: list[tuple[Address, Note]]) -> dict[Address, list[tuple[int, int, Note]]]:
    """Where the notes ``on`` their texts fall in the printed blocks: by block address, ``(start, end, note)``.

    ``start`` and ``end`` are offsets into the block's text as it prints — stripped, the
    text the render walk parses, so they are in the coordinates of its runs' spans. A
    note whose words are gone, or that is on a whole text, spans its text's first
    block. The render walk attaches them to its blocks (:attr:`RenderBlock.notes
    <briefbook.render.walk.RenderBlock.notes>`), for the Word comments and the preview.
    """
    out: dict[Address, list[tuple[int, int, Note]]] = {}
    starts_of: dict[Address, list[tuple[int, PathSuffix, str]]] = {}
    for address, note in on:
        text = typed_text(brief, address)
        if not text or not text.strip():
            continue
        span = locate(brief, address, note) if note.quote else None
        if not is_body(address):
            blocks = [(0, (), text)]
        else:
            blocks = starts_of.get(address) or starts_of.setdefault(address, _block_starts(text))
            if not blocks:
                continue
        begin, suffix, block = blocks[0]
        if span is not None:
            begin, suffix, block = next((b for b in blocks if b[0] <= span[0] <= b[0] + len(b[2])), blocks[0])
        lead = len(block) - len(block.lstrip())
        printed = len(block.strip())
        first, last = (span[0] - begin - lead, span[1] - begin - lead) if span is not None else (0, printed)
        first, last = max(0, min(first, printed)), max(0, min(last, printed))
        out.setdefault(address.child(*suffix), []).append((first, last, note))
    return out


def _block_starts(text: str) -> list[tuple[int, PathSuffix, str]]:
    """Where each block's text starts in a body's typed text, its path suffix and the text."""
    out = []
    offset = 0
    for raw, suffix in zip(text.split("\n"), line_paths(text), strict=False):
        if suffix is not None:
            line = parse_line(raw)
            out.append((offset + line.text_start, suffix, line.text))
        offset += len(raw) + 1
    return out


__all__ = ["anchor", "block_spans", "is_body", "locate", "quote_spans", "typed_text"]
