"""A briefing book: a cover, one contents and briefs bound in one document, as plain objects.

A delegation travelling to a Summit gets a book of a dozen briefs and background notes.
The book holds no brief's text: it names each brief by its path relative to the book's
file, in print order, so a brief stays one file that its analyst edits, and any number
of books may bind it. Reading the briefs is the file format's (:mod:`briefbook.fileformat.book`).
"""

from __future__ import annotations

from briefbook.record import Record

#: How the footnotes of a book are numbered: from 1 in each brief, or on through the book.
PER_BRIEF = "per-brief"
THROUGH_BOOK = "book"
FOOTNOTE_NUMBERINGS = (PER_BRIEF, THROUGH_BOOK)


class BookCover(Record):
    """What the book's own cover prints, in the brief's cover vocabulary (:class:`briefbook.model.Meta`)."""

    __slots__ = FIELDS = ("body", "event", "dates", "reference", "issued", "language")

    def __init__(self, body: str = "NATO PARLIAMENTARY ASSEMBLY", event: str = "", dates: str = "",
                 reference: str = "", issued: str = "", language: str = "en") -> None:
        self.body = body
        self.event = event
        self.dates = dates
        self.reference = reference
        self.issued = issued
        self.language = language


class Book(Record):
    """A book's title, cover, briefs in order, and how its footnotes are numbered."""

    __slots__ = FIELDS = ("title", "cover", "entries", "footnotes")

    def __init__(self, title: str = "", cover: BookCover | None = None, entries: list[str] | None = None,
                 footnotes: str = PER_BRIEF) -> None:
        self.title = title
        self.cover = BookCover() if cover is None else cover
        #: The briefs' paths, relative to the folder of the book's file, with ``/`` between folders.
        self.entries: list[str] = [] if entries is None else entries
        #: :data:`PER_BRIEF` or :data:`THROUGH_BOOK`.
        self.footnotes = footnotes


__all__ = ["FOOTNOTE_NUMBERINGS", "PER_BRIEF", "THROUGH_BOOK", "Book", "BookCover"]
