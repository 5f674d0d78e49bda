"""A briefing book: a cover, one contents and briefs bound in one document, as plain objects.

A delegation travelling to a Summit gets a book of a dozen briefs and background notes.
The book holds no brief's text: it names each brief by its path relative to the book's
file, in print order, so a brief stays one file that its analyst edits, and any number
of books may bind it. Reading the briefs is the file format's (:mod:`briefbook.fileformat.book`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: How the footnotes of a book are numbered: from 1 in each brief, or on through the book.
PER_BRIEF = "per-brief"
THROUGH_BOOK = "book"
FOOTNOTE_NUMBERINGS = (PER_BRIEF, THROUGH_BOOK)


@dataclass
class BookCover:
    """What the book's own cover prints, in the brief's cover vocabulary (:class:`briefbook.model.Meta`)."""

    body: str = "NATO PARLIAMENTARY ASSEMBLY"
    event: str = ""
    dates: str = ""
    reference: str = ""
    issued: str = ""
    language: str = "en"


@dataclass
class Book:
    """A book's title, cover, briefs in order, and how its footnotes are numbered."""

    title: str = ""
    cover: BookCover = field(default_factory=BookCover)
    #: The briefs' paths, relative to the folder of the book's file, with ``/`` between folders.
    entries: list[str] = field(default_factory=list)
    #: :data:`PER_BRIEF` or :data:`THROUGH_BOOK`.
    footnotes: str = PER_BRIEF


__all__ = ["FOOTNOTE_NUMBERINGS", "PER_BRIEF", "THROUGH_BOOK", "Book", "BookCover"]
