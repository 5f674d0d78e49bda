"""The table of contents: a real ``TOC`` field whose cached result already lists the sections.

Word and LibreOffice both show a field's cached result until it is updated, so the
entries are written out (number, title, a dotted-leader tab, a ``PAGEREF`` field)
and the document opens with its contents listed. Page numbers need a layout engine:
their ``PAGEREF`` results are left empty and fill in when the reader updates the
table (Word: right-click → *Update Field*, or F9; LibreOffice: *Tools → Update → Update
All*). The field is deliberately not marked dirty and ``w:updateFields`` is not set:
either makes Word ask on every opening whether to update fields that "may refer to
other files", which is the nag the Assembly's readers should not see.

Each numbered heading carries a ``_Toc…`` bookmark that its entry links to, as in a
table Word made itself (``\\h``).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from briefbook.render.docx.ooxml import ANCHOR, HISTORY, HYPERLINK, TAB, field_runs, paragraph, run, w

#: The switches Word's own "Automatic Table" uses: heading levels 1–3, hyperlinked entries,
#: page numbers hidden in web view, and paragraphs' outline levels.
TOC_CODE = 'TOC \\o "1-3" \\h \\z \\u'

@dataclass(frozen=True)
class TocEntry:
    #: Style id of the entry's paragraph (*toc 1–3*).
    style: str
    #: The section's printed number (``I.``, ``A.``, ``1.``) as Word's numbering will show it.
    label: str
    #: Plain title, footnote marks left out.
    text: str
    bookmark: str


def toc_bookmark(index: int) -> str:
    """Bookmark names in Word's pattern (``_Toc`` and digits), numbered in document order."""
    return f"_Toc{index:09d}"


def write_toc(body: etree._Element, entries: list[TocEntry], *, heading: str, heading_style: str) -> None:
    """The table, wrapped like Word's own in a table-of-contents content control, at the end of ``body``."""
    if not entries:
        return
    sdt = etree.SubElement(body, w("sdt"))
    gallery = etree.SubElement(etree.SubElement(sdt, w("sdtPr")), w("docPartObj"))
    etree.SubElement(gallery, w("docPartGallery")).set(w("val"), "Table of Contents")
    etree.SubElement(gallery, w("docPartUnique"))
    content = etree.SubElement(sdt, w("sdtContent"))
    run(paragraph(content, heading_style), heading)
    last = len(entries) - 1
    for index, entry in enumerate(entries):
        p = paragraph(content, entry.style)
        if index == 0:
            etree.SubElement(etree.SubElement(p, w("r")), w("fldChar")).set(w("fldCharType"), "begin")
            instr = etree.SubElement(etree.SubElement(p, w("r")), w("instrText"))
            instr.text = f" {TOC_CODE} "
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            etree.SubElement(etree.SubElement(p, w("r")), w("fldChar")).set(w("fldCharType"), "separate")
        link = etree.SubElement(p, HYPERLINK)
        link.set(ANCHOR, entry.bookmark)
        link.set(HISTORY, "1")
        run(link, entry.label)
        etree.SubElement(etree.SubElement(link, w("r")), TAB)
        run(link, entry.text)
        etree.SubElement(etree.SubElement(link, w("r")), TAB)
        field_runs(link, f"PAGEREF {entry.bookmark} \\h")
        if index == last:
            etree.SubElement(etree.SubElement(p, w("r")), w("fldChar")).set(w("fldCharType"), "end")
