"""The book model: plain objects, the footnote numberings it knows."""

from __future__ import annotations

from briefbook.model.book import FOOTNOTE_NUMBERINGS, PER_BRIEF, THROUGH_BOOK, Book, BookCover


def test_a_new_book_numbers_footnotes_per_brief_and_lists_nothing() -> None:
    book = Book()
    assert book.footnotes == PER_BRIEF
    assert book.entries == []
    assert book.cover == BookCover()
    assert FOOTNOTE_NUMBERINGS == (PER_BRIEF, THROUGH_BOOK)


def test_books_do_not_share_their_lists() -> None:
    first, second = Book(), Book()
    first.entries.append("a.brief.yaml")
    assert second.entries == []
