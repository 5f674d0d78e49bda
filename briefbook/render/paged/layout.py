"""Laying a DOCX out until its contents show the pages their headings fall on.

:class:`PageNumbering` does no input or output of its own: it says which document is to
be laid out next (:meth:`~PageNumbering.next_layout`) and is given the PDF LibreOffice
made of it (:meth:`~PageNumbering.laid_out`). The command line feeds it with
:func:`briefbook.render.paged.soffice.convert`; the editor through a ``QProcess``
running :mod:`briefbook.render.paged.worker`; both therefore number pages alike.

The rounds: the document is laid out with its page numbers empty; each heading's page
is read from the PDF and written into its entry; the document is laid out again to see
whether the numbers moved anything (a wider number can wrap an entry, which lengthens
the contents and pushes every heading on). When the pages read agree with the numbers
written, the document and its PDF are final. Three layouts at most: a document whose
numbers still move after that keeps the last numbers read, and a notice says so.

Each layout is also read for headings LibreOffice left at the foot of a page, which it
does now and then although every heading keeps with its next paragraph (why:
:mod:`briefbook.render.docx.keeps`); such a heading is given a page break before it and
the document is laid out again, within the same rounds (one more is allowed for it). So
a document without contents is laid out once too.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from lxml import etree

from briefbook.render.docx.keeps import break_before, kept_paragraphs, kept_style_ids, printed_text
from briefbook.render.docx.ooxml import P
from briefbook.render.docx.toc import fill_page_numbers, first_page_number, listed_headings
from briefbook.render.paged.keeps import page_lines, stranded, text_margins
from briefbook.render.paged.limits import MAX_LAYOUTS
from briefbook.render.paged.pages import heading_pages

#: The part of a DOCX that holds the body and its contents.
DOCUMENT_PART = "word/document.xml"


def read_part(docx: bytes, name: str) -> bytes:
    with zipfile.ZipFile(BytesIO(docx)) as z:
        return z.read(name)


def replace_part(docx: bytes, name: str, data: bytes) -> bytes:
    """``docx`` with part ``name`` replaced, every entry kept in its order with its date and attributes.

    The export's bytes depend only on its content (see :mod:`briefbook.render.docx.package`);
    so do these.
    """
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(docx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, data if info.filename == name else source.read(info))
    return out.getvalue()


class PageNumbering:
    """The rounds of laying out one document (see the module docstring); there is always a first."""

    def __init__(self, docx: bytes) -> None:
        self.docx = docx
        #: The PDF of :attr:`docx` as it is now, once laid out.
        self.pdf: bytes | None = None
        self.layouts = 0
        #: What the user should know about the numbers (none found, still moving).
        self.notices: list[str] = []
        self._root = etree.fromstring(read_part(docx, DOCUMENT_PART))
        self._headings = listed_headings(self._root)
        self._first_page = first_page_number(self._root)
        self._written: dict[str, int] | None = None  # the numbers in the document now; None: still empty
        self._keeps = _Keeps(docx, self._root)
        self._done = False

    @property
    def has_contents(self) -> bool:
        return bool(self._headings)

    @property
    def done(self) -> bool:
        return self._done

    def next_layout(self) -> bytes | None:
        """The document to lay out next, or ``None`` when :attr:`docx` (and :attr:`pdf`) are final."""
        return None if self._done else self.docx

    def laid_out(self, pdf: bytes) -> None:
        """Take the PDF LibreOffice made of :meth:`next_layout`'s document."""
        self.layouts += 1
        self.pdf = pdf
        kept = self.layouts < MAX_LAYOUTS and self._keeps.keep_headings(pdf)
        if not self._headings:
            if kept:
                self._rewrite()
            else:
                self._done = True
            return
        pages = heading_pages(pdf, self._headings, self._first_page)
        if pages == self._written and not kept:
            self._done = True
            return
        if self.layouts >= MAX_LAYOUTS:
            self.notices.append("The contents' page numbers kept moving as they were written; they are those of "
                                "the last layout and may be a page out (update the table in Word with F9).")
            self._done = True
            return
        missing = len(self._headings) - len(pages)
        if missing and self._written is None:
            self.notices.append(f"{missing} of the {len(self._headings)} contents entries were not found in the "
                                "layout and have no page number.")
        fill_page_numbers(self._root, pages)
        self._written = pages
        self._rewrite()

    def _rewrite(self) -> None:
        """The document as :attr:`_root` now is, to be laid out again."""
        self.docx = replace_part(self.docx, DOCUMENT_PART, etree.tostring(
            self._root, xml_declaration=True, encoding="UTF-8", standalone=True))
        self.pdf = None  # the PDF no longer shows this document


class _Keeps:
    """The document's headings, sub-headings and footnotes, to find those a layout left at the foot of a page."""

    def __init__(self, docx: bytes, root: etree._Element) -> None:
        names = set(zipfile.ZipFile(BytesIO(docx)).namelist())
        styles = kept_style_ids(read_part(docx, "word/styles.xml")) if "word/styles.xml" in names else frozenset()
        self._kept = kept_paragraphs(root, styles)
        notes = etree.fromstring(read_part(docx, "word/footnotes.xml")) if "word/footnotes.xml" in names else None
        self._notes = [printed_text(p) for p in notes.iter(P)] if notes is not None else []
        self._margins = text_margins(root)

    def keep_headings(self, pdf: bytes) -> bool:
        """Break the page before each run of headings ``pdf`` shows at the foot of a page; whether any was."""
        if not self._kept:
            return False
        found = stranded(self.lines(pdf), self._kept, self._notes)
        return any([break_before(self._kept[index].element) for index in found])

    def lines(self, pdf: bytes) -> list[str]:
        """The lines of each page's text area (:func:`~briefbook.render.paged.keeps.page_lines`)."""
        return page_lines(pdf, self._margins)
