"""Writing a book: the Word document with its contents' page numbers, or its PDF, whole or not at all.

The same steps as a brief's export (:mod:`briefbook.render.paged.export`): the document is
built (:func:`briefbook.render.docx.book.build_book_docx`), laid out by LibreOffice until the
contents' page numbers agree with the pages, and written in one go. A book always has
contents, so its Word export is always laid out where LibreOffice is found; without it the
document is written with the page numbers empty, and a notice says so.
"""

from __future__ import annotations

import os
import stat

from lxml import etree

from briefbook.atomic import writable_target, write_checked
from briefbook.filekinds import not_ordinary
from briefbook.model import Brief
from briefbook.model.book import Book
from briefbook.problems import SaveError
from briefbook.render.docx import TemplateError
from briefbook.render.docx.book import build_book_docx


def book_docx(book: Book, briefs: list[Brief], path: str | os.PathLike[str],
              template: str | os.PathLike[str] | None = None) -> bytes:
    """The book's document bytes, its page numbers empty; raises :class:`SaveError` naming ``path``."""
    if template is not None:
        _check_template(template)
    try:
        return build_book_docx(book, briefs, template)
    except (etree.LxmlError, ValueError) as exc:
        raise SaveError(f"Cannot export to {os.fspath(path)}: {exc}.") from exc


def export_book(book: Book, briefs: list[Brief], path: str | os.PathLike[str],
                template: str | os.PathLike[str] | None = None) -> list[str]:
    """Write the book to ``path`` — a PDF if its name ends in ``.pdf``, else a Word document; the notices."""
    from briefbook.render.paged.export import paged_docx, paged_pdf, pdf_target

    if os.fspath(path).lower().endswith(".pdf"):
        target = pdf_target(path)
        write_checked(target, paged_pdf(book_docx(book, briefs, path, template)))
        return []
    target = writable_target(path)
    data, notices = paged_docx(book_docx(book, briefs, path, template))
    write_checked(target, data)
    return notices


def _check_template(template: str | os.PathLike[str]) -> None:
    """A template that is no ordinary file is refused before it is read (a pipe would wait for ever)."""
    try:
        mode = os.stat(template).st_mode
    except (OSError, ValueError) as exc:
        raise TemplateError(f"The Word template {os.fspath(template)} cannot be read: "
                            f"{getattr(exc, 'strerror', None) or exc.__class__.__name__}.") from exc
    if not stat.S_ISREG(mode):
        raise TemplateError(f"The Word template {os.fspath(template)} cannot be read: {not_ordinary(mode)}.")


__all__ = ["book_docx", "export_book"]
