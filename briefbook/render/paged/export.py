"""The PDF export, and the Word export with its contents' page numbers, as the command line runs them.

Both build the DOCX as :func:`briefbook.render.docx.export_docx` does, lay it out with
LibreOffice (:class:`~briefbook.render.paged.layout.PageNumbering` over
:func:`~briefbook.render.paged.soffice.convert`), and write the result whole or not at all.
A Word export is laid out too when LibreOffice is there, with or without contents, so that
no heading is left at the foot of a page where LibreOffice shows it
(:mod:`briefbook.render.docx.keeps`). A Word export made where LibreOffice is missing, or
fails, is written as it is — its contents, if any, without page numbers, which a notice
says — only the PDF cannot be made without it.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from briefbook.atomic import WriteTarget, writable_target, write_checked
from briefbook.model import Brief
from briefbook.render.docx import checked_docx
from briefbook.render.paged.layout import PageNumbering
from briefbook.render.paged.soffice import (
    LibreOfficeError,
    LibreOfficeMissing,
    Timings,
    convert,
    find_soffice,
    require_soffice,
)

#: Told before each layout: its number (1, 2, 3).
Progress = Callable[[int], None]

#: The notice of a Word export made without LibreOffice.
NO_LIBREOFFICE_NOTICE = ("The contents have no page numbers: LibreOffice, which lays the document out to find "
                         "them, is not installed (Word fills them in on F9).")


def lay_out(numbering: PageNumbering, timings: Timings | None = None, progress: Progress | None = None,
            purpose: str = "make a PDF") -> None:
    """Run ``numbering``'s rounds with LibreOffice until its document is final."""
    while (docx := numbering.next_layout()) is not None:
        if progress is not None:
            progress(numbering.layouts + 1)
        numbering.laid_out(convert(docx, timings, purpose=purpose))


def paged_pdf(docx: bytes, timings: Timings | None = None, progress: Progress | None = None) -> bytes:
    """The PDF of ``docx`` with its contents' page numbers written in; raises :class:`LibreOfficeError`."""
    numbering = PageNumbering(docx)
    lay_out(numbering, timings, progress)
    assert numbering.pdf is not None
    return numbering.pdf


def paged_docx(docx: bytes, timings: Timings | None = None, progress: Progress | None = None) -> tuple[bytes,
                                                                                                     list[str]]:
    """``docx`` laid out: its contents' page numbers, its headings kept with their text; and notices.

    Without LibreOffice, ``docx`` as it was, with a notice if it has contents to number.
    """
    numbering = PageNumbering(docx)
    if find_soffice() is None:
        return docx, [NO_LIBREOFFICE_NOTICE] if numbering.has_contents else []
    try:
        lay_out(numbering, timings, progress, purpose="number the contents' pages" if numbering.has_contents
                else "keep the headings with their text")
    except LibreOfficeError as exc:
        if numbering.has_contents:
            return docx, [f"The contents have no page numbers: {exc}"]
        return docx, [f"The headings were not checked for the foot of a page: {exc}"]
    return numbering.docx, numbering.notices


def pdf_target(path: str | os.PathLike[str]) -> WriteTarget:
    """The checked target of a PDF, refused before any work if LibreOffice is missing."""
    target = writable_target(path)
    require_soffice("make a PDF")
    return target


def export_pdf(brief: Brief, path: str | os.PathLike[str], template: str | os.PathLike[str] | None = None,
               timings: Timings | None = None, progress: Progress | None = None) -> None:
    """Write the PDF of ``brief`` to ``path``; raises :class:`briefbook.problems.SaveError` saying why not."""
    target = pdf_target(path)
    _, docx = checked_docx(brief, path, template)
    write_checked(target, paged_pdf(docx, timings, progress))


def export_docx_paged(brief: Brief, path: str | os.PathLike[str], template: str | os.PathLike[str] | None = None,
                      timings: Timings | None = None, progress: Progress | None = None) -> list[str]:
    """:func:`briefbook.render.docx.export_docx` with the contents' page numbers; the notices to show."""
    target, docx = checked_docx(brief, path, template)
    data, notices = paged_docx(docx, timings, progress)
    write_checked(target, data)
    return notices


__all__ = ["LibreOfficeError", "LibreOfficeMissing", "NO_LIBREOFFICE_NOTICE", "export_docx_paged", "export_pdf",
           "paged_docx", "paged_pdf"]
