"""Word comments as review notes, on the words each comment covered.

While the document is read, each comment's range is remembered as printed offsets in
the paragraph it starts in (:class:`PendingNote`). Once the brief is whole, those
offsets are turned into offsets in the text as typed — the block's line in a body's
typed text, through the printed form the find uses — and :func:`briefbook.notes.anchor`
makes the note's words and occurrence exactly as the editor does for a selection, so
an imported note is found again by the same :func:`briefbook.notes.locate`.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from briefbook.model import Address, Brief, Note
from briefbook.model.bodytext import line_paths, parse_line
from briefbook.model.notes import add_note
from briefbook.notes import anchor, is_body, typed_text
from briefbook.render.docx.comments import initials_of
from briefbook.search.printed import printed_segments
from briefbook.wordimport.package import W, WordPackage


@dataclass
class PendingNote:
    """A comment read in a paragraph: its id, the text it is on, which block, and its printed span there."""

    comment: str
    address: Address
    block: int
    printed: str
    start: int
    end: int | None
    #: On a footnote's mark: a note on the footnote (its words, when the export recorded them).
    on_mark: bool = False


def _comment_text(element: etree._Element) -> str:
    paragraphs = []
    for p in element.iter(f"{W}p"):
        paragraphs.append("".join(t.text or "" for t in p.iter(f"{W}t")).strip())
    return "\n".join(p for p in paragraphs if p)


def _line(text: str, body: bool, block: int) -> tuple[int, str] | None:
    """Where block ``block``'s text starts in the typed ``text``, and that text (as printed markup)."""
    if not body:
        return 0, text
    offset = 0
    index = 0
    for raw, suffix in zip(text.split("\n"), line_paths(text), strict=False):
        if suffix is not None:
            if index == block:
                line = parse_line(raw)
                return offset + line.text_start, line.text.replace("\u2028", "\n")
            index += 1
        offset += len(raw) + 1
    return None


def _typed_span(line: str, start: int, end: int) -> tuple[int, int] | None:
    """The source span of ``line`` that prints as its printed characters ``start:end`` (stripped)."""
    segments = printed_segments(line)
    whole = "".join(s.text for s in segments)
    lead = len(whole) - len(whole.lstrip())
    start, end = start + lead, end + lead
    base = 0
    first = last = None
    for segment in segments:
        size = len(segment.text)
        if first is None and start < base + size:
            local_end = min(end, base + size) - base
            first, last = segment.source_span(start - base, max(local_end, start - base + 1))
            if end <= base + size:
                return first, last
        elif first is not None and end <= base + size and end > base:
            return first, segment.source_span(0, end - base)[1]
        base += size
    return (first, last) if first is not None else None


def place_notes(brief: Brief, pending: list[PendingNote], package: WordPackage, remarks: list) -> None:
    """Add a note to ``brief`` for each comment read; a comment whose words are not found goes on its whole text."""
    from briefbook.wordimport.assemble import ImportRemark

    for item in pending:
        element = package.comments.get(item.comment)
        if element is None:
            continue
        author, initials = element.get(f"{W}author", ""), element.get(f"{W}initials", "")
        known = package.unprinted
        if known is not None and initials == initials_of(author) and item.comment.isdigit() \
                and int(item.comment) in known.made_initials:  # made up by the export: the note named none
            initials = ""
        note = Note(_comment_text(element), author=author, initials=initials, date=element.get(f"{W}date", ""))
        if item.on_mark:
            words = known.footnote_words.get(int(item.comment)) if known and item.comment.isdigit() else None
            if words is not None:
                note.quote, note.occurrence = words
            add_note(brief, item.address, note)
            continue
        text = typed_text(brief, item.address) or ""
        located = _line(text, is_body(item.address), item.block)
        span = None
        if located is not None and item.end is not None and item.end > item.start:
            base, line = located
            local = _typed_span(line, item.start, item.end)
            span = (base + local[0], base + local[1]) if local else None
        if span is not None:
            note.quote, note.occurrence = anchor(brief, item.address, *span)
        if not note.quote and item.end != item.start and located is None:
            remarks.append(ImportRemark("comments", f"the comment “{note.text[:40]}” was put on the whole text "
                                                    "it was in: its words could not be found"))
        add_note(brief, item.address, note)
