"""Headings LibreOffice left at the foot of a page, found on the pages of its PDF.

Why LibreOffice sometimes does, although every heading style keeps with the next
paragraph, is told in :mod:`briefbook.render.docx.keeps`. Here the pages are read as a
reader sees them: the words of each page's text area (between the top and bottom
margins, so the running header and the footer are left out), in which the kept
paragraphs (:func:`briefbook.render.docx.keeps.kept_paragraphs`) are found in order.
A page whose words end with a kept paragraph — or with it and the page's footnotes —
has it stranded; the paragraph to break before is the first of the run of kept ones it
ends (a heading and the sub-heading under it go over together).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pypdfium2 as pdfium
from lxml import etree

from briefbook.render.docx.keeps import KeptParagraph
from briefbook.render.docx.ooxml import w
from briefbook.render.paged.soffice import LibreOfficeError

#: A heading's number as Word prints it before the title (``I.``, ``A.``, ``1.``, ``1.2``), case folded.
_LABEL = r"(?:[ivxlcdm]+|[a-z]|\d+)(?:\.\d+)*\.?"
_TWIPS_PER_POINT = 20
#: Word's margin when a section names none: an inch.
_DEFAULT_MARGIN_PT = 72.0


def text_margins(document: etree._Element) -> tuple[float, float]:
    """The top and bottom page margins in points, from the body's section properties."""
    margins = document.find(f"{w('body')}/{w('sectPr')}/{w('pgMar')}")

    def points(side: str) -> float:
        value = margins.get(w(side)) if margins is not None else None
        try:
            return abs(int(value)) / _TWIPS_PER_POINT if value is not None else _DEFAULT_MARGIN_PT
        except ValueError:
            return _DEFAULT_MARGIN_PT

    return points("top"), points("bottom")


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def page_lines(pdf_bytes: bytes, margins: tuple[float, float]) -> list[str]:
    """Each page's text area as lines of words (runs of space as one, case folded), joined by line feeds."""
    top, bottom = margins
    try:
        pdf = pdfium.PdfDocument(pdf_bytes)
    except pdfium.PdfiumError as exc:
        raise LibreOfficeError(f"LibreOffice wrote a PDF that cannot be read ({exc}).") from exc
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            text = page.get_textpage().get_text_bounded(left=0, bottom=bottom, right=page.get_width(),
                                                        top=page.get_height() - top)
            pages.append("\n".join(line for line in map(_words, text.splitlines()) if line))
        return pages
    finally:
        pdf.close()


def _pattern(text: str) -> re.Pattern[str] | None:
    """A paragraph's words at the start of a line, after its number if it has one, wrapped anywhere."""
    words = _words(text).split()
    if not words:
        return None
    return re.compile(rf"(?m)^(?:{_LABEL} )?" + r"[ \n]".join(map(re.escape, words)))


def _nothing_but(rest: str, notes: Sequence[str]) -> bool:
    """Whether ``rest`` holds only footnotes (each with its number) and space."""
    rest = " ".join(rest.split())
    for note in notes:
        if note and note in rest:
            rest = rest.replace(note, " ")
    return not rest.replace(" ", "").strip("0123456789")


def stranded(pages: Sequence[str], kept: Sequence[KeptParagraph], notes: Sequence[str] = ()) -> list[int]:
    """Indexes into ``kept`` of the paragraphs to break before: each starts a run that ends a page.

    ``pages`` are :func:`page_lines`; ``notes`` the footnotes' texts, which print below the
    last line of a page's text. The last page is never counted: its end is the brief's.
    """
    notes = [_words(note) for note in notes]
    found: list[tuple[int, int, int] | None] = []  # page, start and end of each kept paragraph's words
    page, offset = 0, 0
    for paragraph in kept:
        pattern = _pattern(paragraph.text)
        at = None
        for number in range(page, len(pages)) if pattern is not None else ():
            match = pattern.search(pages[number], offset if number == page else 0)
            if match is not None:
                at = (number, match.start(), match.end())
                break
        found.append(at)
        if at is not None:
            page, offset = at[0], at[2]
    breaks: list[int] = []
    for index, at in enumerate(found):
        if at is None or at[0] >= len(pages) - 1 or not _nothing_but(pages[at[0]][at[2]:], notes):
            continue
        first = index
        while first > 0 and kept[first].after_kept and _run_continues(pages, found[first - 1], found[first]):
            first -= 1
        if first not in breaks:
            breaks.append(first)
    return breaks


def _run_continues(pages: Sequence[str], before: tuple[int, int, int] | None,
                   after: tuple[int, int, int] | None) -> bool:
    """Whether two kept paragraphs follow each other on the same page with nothing printed between."""
    return (before is not None and after is not None and before[0] == after[0]
            and not pages[after[0]][before[2]:after[1]].strip())
