"""Reviewers' notes as Word comments, anchored on the words each note is on.

A note (:class:`briefbook.model.notes.Note`) names its words as they print;
:func:`briefbook.notes.block_spans` finds them in each printed block, in the
coordinates of the render walk's runs. Here a block's runs are cut at those offsets and
the comment's range marks (``w:commentRangeStart`` / ``w:commentRangeEnd``, then the
reference run Word shows the comment's mark with) are put between the pieces, which is
what Word writes when a reviewer selects words and chooses *New Comment*. The comments
themselves go to the comments part through python-docx (``Document.comments``), in the
order of :func:`briefbook.model.notes.iter_notes`, with their author, initials and date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import docx.document
from lxml import etree

from briefbook.markup import Run
from briefbook.model import Address, Brief, iter_notes
from briefbook.notes import block_spans
from briefbook.render.docx.ooxml import clean, w
from briefbook.render.walk import Inline

_ID = w("id")


@dataclass(frozen=True, slots=True)
class CommentMark:
    """Where a comment's range starts or ends between two runs, or its reference run."""

    comment_id: int
    end: bool


#: What a paragraph's writer is handed: runs, footnote marks and comment marks in order.
Marked = Inline | CommentMark


class Comments:
    """The brief's notes made Word comments, and each printed block's range marks."""

    def __init__(self, document: docx.document.Document, brief: Brief) -> None:
        self._spans: dict[Address, list[tuple[int, int, int]]] = {}
        numbered = list(iter_notes(brief))
        if not numbered:
            return
        self._spans = block_spans(brief)
        placed = {number for marks in self._spans.values() for _, _, number in marks}
        comments = document.comments
        self._ids: dict[int, int] = {}
        for number, (_, note) in enumerate(numbered):
            if number not in placed:  # on a text that prints nothing: Word has no words to anchor it on
                continue
            comment = comments.add_comment(clean(note.text), author=clean(note.author),
                                           initials=clean(note.initials) or _initials(note.author))
            _set_date(comment._comment_elm, note.date)  # python-docx stamps "now"; the note's own date instead
            self._ids[number] = comment.comment_id

    def __bool__(self) -> bool:
        return bool(self._spans)

    def marked(self, address: Address, runs: tuple[Inline, ...]) -> tuple[Marked, ...]:
        """``runs`` of the block at ``address``, cut and marked where notes start and end."""
        spans = self._spans.get(address)
        if not spans:
            return runs
        events = sorted([(start, 1, self._ids[n]) for start, _, n in spans]
                        + [(end, 0, self._ids[n]) for _, end, n in spans], key=lambda e: (e[0], -e[1]))
        return tuple(_cut(runs, events))


def _cut(runs: tuple[Inline, ...], events: list[tuple[int, int, int]]) -> list[Marked]:
    """The runs with a :class:`CommentMark` before the first piece at or after each event's offset."""
    out: list[Marked] = []
    pending = list(reversed(events))
    for item in runs:
        if not isinstance(item, Run):
            out.append(item)
            continue
        start, end = _span(item)
        if end - start != len(item.text):  # a run that cannot be cut (an escape): the marks go round it
            while pending and pending[-1][0] <= start:
                _, kind, cid = pending.pop()
                out.append(CommentMark(cid, end=kind == 0))
            out.append(item)
            continue
        piece_start = start
        # Marks inside the run cut it; a range that ends where the run ends closes right after it.
        while pending and (pending[-1][0] < end or (pending[-1][0] == end and pending[-1][1] == 0)):
            at = min(max(pending[-1][0], start), end)
            if at > piece_start:
                out.append(_piece(item, piece_start, at, start))
                piece_start = at
            _, kind, cid = pending.pop()
            out.append(CommentMark(cid, end=kind == 0))
        if piece_start < end or not item.text:
            out.append(_piece(item, piece_start, end, start))
    while pending:
        _, kind, cid = pending.pop()
        out.append(CommentMark(cid, end=kind == 0))
    return out


def _span(run: Run) -> tuple[int, int]:
    """A run's offsets in its block's printed text; a run made without them (a cover field) is the whole text."""
    if run.end == 0 and run.start == 0 and run.text:
        return 0, len(run.text)
    return run.start, run.end


def _piece(run: Run, start: int, end: int, run_start: int) -> Run:
    return replace(run, text=run.text[start - run_start:end - run_start], start=start, end=end)


def write_mark(parent: etree._Element, mark: CommentMark) -> None:
    """A comment's range start, or its range end followed by the reference run, at the end of ``parent``."""
    if not mark.end:
        etree.SubElement(parent, w("commentRangeStart")).set(_ID, str(mark.comment_id))
        return
    etree.SubElement(parent, w("commentRangeEnd")).set(_ID, str(mark.comment_id))
    r = etree.SubElement(parent, w("r"))
    etree.SubElement(r, w("commentReference")).set(_ID, str(mark.comment_id))


def _initials(author: str) -> str:
    return "".join(word[0] for word in clean(author).split() if word[:1].isalpha()).upper()[:9]


def _set_date(element: etree._Element, date: str) -> None:
    """The comment's ``w:date`` from the note's ISO date; none when the note has none."""
    attribute = w("date")
    moment = None
    if date:
        try:
            moment = dt.datetime.fromisoformat(date.replace("Z", "+00:00"))
        except ValueError:
            moment = None
    if moment is None:
        element.attrib.pop(attribute, None)
        return
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    element.set(attribute, moment.replace(microsecond=0).isoformat() + "Z")


__all__ = ["CommentMark", "Comments", "Marked", "write_mark"]
