"""Reviewers' notes as Word comments, anchored on the words each note is on.

A note (:class:`briefbook.model.notes.Note`) names its words as they print; the render
walk finds them in each printed block (:attr:`RenderBlock.notes
<briefbook.render.walk.RenderBlock.notes>`) and cuts the block's runs where they start
and end (:func:`~briefbook.render.walk.cut_at_notes`). Here the comment's range marks
(``w:commentRangeStart`` / ``w:commentRangeEnd``, then the reference run Word shows the
comment's mark with) are put between the pieces, which is
what Word writes when a reviewer selects words and chooses *New Comment*. The comments
themselves go to the comments part (``word/comments.xml``), in the order their words
print, with their author, initials and date, each as Word makes one: a first paragraph
opening with the comment's annotation mark, one paragraph for each line of the note.
"""

from __future__ import annotations

import datetime as dt

from lxml import etree

from briefbook.model import Note
from briefbook.render.docx.ooxml import PPR, PSTYLE, RPR, RSTYLE, VAL, XML_SPACE, R, T, clean, w
from briefbook.render.docx.opc import WordDocument
from briefbook.render.walk import Inline, NoteEdge, RenderBlock, cut_at_notes

_ID = w("id")


class Comments:
    """The comments part of one export: a Word comment for each note, made when its words are first written."""

    def __init__(self, document: WordDocument) -> None:
        self._document = document
        self._part: etree._Element | None = None  # the comments part's root, made with the first comment
        self._ids: dict[int, int] = {}
        #: Ids of the comments whose initials were made from the author's name (the note gave none).
        self.made_initials: list[int] = []
        #: Notes on a footnote's words, each a comment on the footnote's mark in the text (see :meth:`on_mark`).
        self.on_marks: list[tuple[int, Note]] = []

    def marked(self, block: RenderBlock) -> tuple[Inline | NoteEdge, ...]:
        """The block's runs, cut and marked where its notes' words start and end (:func:`cut_at_notes`)."""
        if not block.notes:
            return block.runs
        for _, _, note in block.notes:
            self.comment_id(note)
        return cut_at_notes(block)

    def comment_id(self, note: Note) -> int:
        """The id of ``note``'s comment, made now if it has none yet (so comments are in print order)."""
        known = self._ids.get(id(note))
        if known is None:
            if self._part is None:
                self._part = self._document.comments.element
            known = self._ids[id(note)] = _next_id(self._part)
            element = _comment(self._part, known, clean(note.text), clean(note.author),
                               clean(note.initials) or initials_of(note.author))
            _set_date(element, note.date)
            if not clean(note.initials):
                self.made_initials.append(known)
        return known


    def on_mark(self, parent: etree._Element, notes: list[Note], write_mark) -> None:
        """``write_mark()`` (a footnote's mark) into ``parent`` as the words of a comment for each of ``notes``.

        A note on a footnote's words is a comment on the footnote's mark in the text, not
        inside the footnote: LibreOffice (7.4) crashes opening a document whose footnotes
        hold comments when the text around them holds comments too. Which words of the
        footnote the note is on goes with the document's unprinted values
        (:mod:`~briefbook.render.docx.unprinted`), so an import puts the note back on them.
        """
        ids = [self.comment_id(note) for note in notes]
        for number in ids:
            write_edge(parent, number, end=False)
        write_mark()
        for number, note in zip(ids, notes, strict=True):
            write_edge(parent, number, end=True)
            self.on_marks.append((number, note))


def _next_id(comments: etree._Element) -> int:
    """One more than the highest comment id in use (0 for the first)."""
    return max((int(c.get(_ID, "-1")) for c in comments.iterchildren(w("comment"))), default=-1) + 1


def _comment(comments: etree._Element, number: int, text: str, author: str, initials: str) -> etree._Element:
    """A ``w:comment`` appended to ``comments``: the annotation mark, then ``text`` a paragraph per line."""
    comment = etree.SubElement(comments, w("comment"))
    comment.set(_ID, str(number))
    comment.set(w("author"), author)
    comment.set(w("initials"), initials)
    lines = text.split("\n")
    first = _paragraph(comment)
    mark = etree.SubElement(first, R)
    etree.SubElement(etree.SubElement(mark, RPR), RSTYLE).set(VAL, "CommentReference")
    etree.SubElement(mark, w("annotationRef"))
    if text:  # an empty note keeps the mark alone, as Word leaves a comment nothing was typed into
        _text_run(etree.SubElement(first, R), lines[0])
    for line in lines[1:]:
        p = _paragraph(comment)
        if line:
            _text_run(etree.SubElement(p, R), line)
    return comment


def _paragraph(comment: etree._Element) -> etree._Element:
    p = etree.SubElement(comment, w("p"))
    etree.SubElement(etree.SubElement(p, PPR), PSTYLE).set(VAL, "CommentText")
    return p


def _text_run(r: etree._Element, text: str) -> None:
    """``text`` as the contents of run ``r``: tabs as ``w:tab``, the rest in ``w:t`` (spaces kept)."""
    for index, piece in enumerate(text.split("\t")):
        if index:
            etree.SubElement(r, w("tab"))
        if piece:
            t = etree.SubElement(r, T)
            t.text = piece
            if piece.strip() != piece:
                t.set(XML_SPACE, "preserve")


def write_edge(parent: etree._Element, comment_id: int, end: bool) -> None:
    """A comment's range start, or its range end followed by the reference run, at the end of ``parent``."""
    if not end:
        etree.SubElement(parent, w("commentRangeStart")).set(_ID, str(comment_id))
        return
    etree.SubElement(parent, w("commentRangeEnd")).set(_ID, str(comment_id))
    r = etree.SubElement(parent, w("r"))
    etree.SubElement(r, w("commentReference")).set(_ID, str(comment_id))


def initials_of(author: str) -> str:
    """The initials Word shows for a comment whose note gives none: those of the author's name."""
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


__all__ = ["Comments", "initials_of", "write_edge"]
