"""The page each listed heading falls on, read from LibreOffice's PDF of the document.

A ``PAGEREF`` field shows the page of a bookmark, so the page is read for the bookmark
itself: LibreOffice writes every bookmark as a named destination of the PDF when asked
(:data:`briefbook.render.paged.soffice.PDF_FILTER`), and a destination names its page.
Should a PDF hold no destinations (an older LibreOffice), the PDF's outline is used: its
entries are the headings, with their printed numbers, in order, and each entry is matched
to the next heading of the contents with the same number and title.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Sequence

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from briefbook.render.docx.toc import ListedHeading
from briefbook.render.paged.soffice import LibreOfficeError


def heading_pages(pdf_bytes: bytes, headings: Sequence[ListedHeading], first_page: int = 1) -> dict[str, int]:
    """Printed page numbers by bookmark name, for the headings found; ``first_page`` is the first page's number."""
    pdf = _open(pdf_bytes)
    try:
        by_name = _destinations(pdf)
        pages: dict[str, int] = {}
        for heading in headings:
            index = by_name.get(_key(heading.bookmark))
            if index is not None:
                pages[heading.bookmark] = index + first_page
        if len(pages) < len(headings):
            for bookmark, index in _from_outline(pdf, [h for h in headings if h.bookmark not in pages]).items():
                pages[bookmark] = index + first_page
        return pages
    finally:
        pdf.close()


def _open(pdf_bytes: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(pdf_bytes)
    except pdfium.PdfiumError as exc:
        raise LibreOfficeError(f"LibreOffice wrote a PDF that cannot be read ({exc}).") from exc


def _key(name: str) -> str:
    """A bookmark's name as it can be compared with a destination's: LibreOffice writes ``_`` as ``5F``."""
    name = name.lstrip("#")
    return name[2:] if name.upper().startswith("5F") else name.lstrip("_")


def _destinations(pdf: pdfium.PdfDocument) -> dict[str, int]:
    """Every named destination of ``pdf`` with the index of its page."""
    found: dict[str, int] = {}
    for number in range(pdfium_c.FPDF_CountNamedDests(pdf)):
        size = ctypes.c_long(0)
        pdfium_c.FPDF_GetNamedDest(pdf, number, None, ctypes.byref(size))
        if size.value <= 0:
            continue
        buffer = ctypes.create_string_buffer(size.value)
        dest = pdfium_c.FPDF_GetNamedDest(pdf, number, buffer, ctypes.byref(size))
        if not dest:
            continue
        index = pdfium_c.FPDFDest_GetDestPageIndex(pdf, dest)
        if index >= 0:
            found[_key(buffer.raw[: size.value].decode("utf-16-le", "replace").rstrip("\x00"))] = index
    return found


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _from_outline(pdf: pdfium.PdfDocument, headings: Sequence[ListedHeading]) -> dict[str, int]:
    """Page indexes of ``headings`` from the outline, matched in order by printed number and title."""
    items = []
    for item in pdf.get_toc():
        dest = item.get_dest()
        index = dest.get_index() if dest is not None else None
        if index is not None:
            items.append((_words(item.get_title()), index))
    found: dict[str, int] = {}
    position = 0
    for heading in headings:
        wanted = _words(f"{heading.label} {heading.title}")
        for at in range(position, len(items)):
            if items[at][0] == wanted:
                found[heading.bookmark] = items[at][1]
                position = at + 1
                break
    return found
