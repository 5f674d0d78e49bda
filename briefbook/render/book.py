"""The walk of a book: its cover and title, one contents of every brief, then each brief's own walk.

Composed from the one walk of a brief (:mod:`briefbook.render.walk`), never forked: the
book's cover is the walk of a cover made from the book's data, and each brief prints
as :func:`~briefbook.render.walk.walk` yields it, with two differences the book decides:

- a brief's own contents are left out — the book has one, listing every brief's title
  (at the first level) and its sections one level further in;
- when the book numbers its footnotes through the book, a brief's marks continue from
  the notes of the briefs before it (each brief numbers its own from 1 otherwise).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, replace

from briefbook.markup import Run, plain_text
from briefbook.model import MAX_LEVEL, Address, Brief, Meta, footnote_numbers, iter_sections
from briefbook.model.book import THROUGH_BOOK, Book
from briefbook.render.styles import Role
from briefbook.render.walk import NoteMark, Part, PartKind, RenderBlock, contents_title, walk, walk_part

#: What the book's cover names it, by language.
BOOK_KIND = {"en": "Briefing Book", "fr": "Dossier d'information"}

_TOC_ROLES = (Role.TOC_1, Role.TOC_2, Role.TOC_3)


def book_meta(book: Book) -> Meta:
    """The book's cover and identity as a brief's :class:`Meta`, so the brief's cover walk prints it."""
    cover = book.cover
    return Meta(body=cover.body, event=cover.event, dates=cover.dates,
                kind=BOOK_KIND.get(cover.language, BOOK_KIND["en"]), reference=cover.reference, original="",
                issued=cover.issued, language=cover.language, title=book.title)


def walk_book_cover(book: Book) -> Iterator[RenderBlock]:
    """The book's cover block and title, as a brief's cover prints."""
    holder = Brief(meta=book_meta(book))
    for part in (Part(PartKind.COVER, Address.cover()), Part(PartKind.TITLE, Address.cover("title"))):
        yield from walk_part(holder, part, {})


@dataclass(frozen=True)
class ContentsEntry:
    """One line of the book's contents: which brief, and the block (its address is in that brief)."""

    brief: int
    block: RenderBlock


def book_contents(book: Book, briefs: list[Brief]) -> tuple[RenderBlock, list[ContentsEntry]]:
    """The contents' heading, and an entry for each brief's title and each of its sections, in print order."""
    heading = RenderBlock(Role.TOC_HEADING, Address.cover("toc"),
                          (_run(contents_title(book.cover.language)),))
    entries: list[ContentsEntry] = []
    for index, brief in enumerate(briefs):
        title = " ".join(plain_text(brief.meta.title).split()) or brief.meta.reference.strip()
        entries.append(ContentsEntry(index, RenderBlock(Role.TOC_1, Address.cover("title"),
                                                        (_run(title),) if title else (), "", 1)))
        for entry in iter_sections(brief):
            level = min(entry.level + 1, MAX_LEVEL)
            text = " ".join(plain_text(entry.section.title).split())
            entries.append(ContentsEntry(index, RenderBlock(_TOC_ROLES[level - 1], Address(entry.path).child("title"),
                                                            (_run(text),) if text else (), entry.label, level)))
    return heading, entries


def footnote_offsets(book: Book, briefs: list[Brief]) -> list[int]:
    """What each brief's footnote numbers are shifted by: 0 per brief, or the notes printed before it."""
    offsets, total = [], 0
    for brief in briefs:
        offsets.append(total if book.footnotes == THROUGH_BOOK else 0)
        total += len(footnote_numbers(brief))
    return offsets


def walk_book_brief(brief: Brief, offset: int = 0) -> Iterator[RenderBlock]:
    """One brief of a book: its own walk without its own contents, its footnotes numbered from ``offset`` + 1."""
    bound = copy.copy(brief)
    bound.meta = brief.meta.replace(toc=False)
    for block in walk(bound):
        yield _shifted(block, offset) if offset else block


def _shifted(block: RenderBlock, offset: int) -> RenderBlock:
    runs = tuple(NoteMark(r.id, r.number + offset) if isinstance(r, NoteMark) and r.number else r
                 for r in block.runs)
    note = block.note
    if note is not None and note.number:
        note = NoteMark(note.id, note.number + offset)
    return replace(block, runs=runs, note=note)


def _run(text: str) -> Run:
    return Run(text)


__all__ = ["BOOK_KIND", "ContentsEntry", "book_contents", "book_meta", "footnote_offsets", "walk_book_brief",
           "walk_book_cover"]
