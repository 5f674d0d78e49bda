"""The table of contents: a real ``TOC`` field whose cached result already lists the sections.

Word and LibreOffice both show a field's cached result until it is updated, so the
entries are written out (number, title, a dotted-leader tab, a ``PAGEREF`` field)
and the document opens with its contents listed. Page numbers need a layout engine:
:func:`write_toc` leaves the ``PAGEREF`` results empty, and :mod:`briefbook.render.paged`
lays the document out with LibreOffice and writes each heading's page into its entry's
cached result (:func:`listed_headings`, :func:`fill_page_numbers`); the reader can still
update the table (Word: right-click → *Update Field*, or F9; LibreOffice: *Tools → Update →
Update All*). The field is deliberately not marked dirty and ``w:updateFields`` is not set:
either makes Word ask on every opening whether to update fields that "may refer to
other files", which is the nag the Assembly's readers should not see.

Each numbered heading carries a ``_Toc…`` bookmark that its entry links to, as in a
table Word made itself (``\\h``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from briefbook.render.docx.ooxml import (
    ANCHOR,
    FLDCHAR,
    FLDCHARTYPE,
    HISTORY,
    HYPERLINK,
    INSTRTEXT,
    TAB,
    R,
    T,
    field_runs,
    paragraph,
    run,
    w,
)

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


def write_toc(body: etree._Element, entries: list[TocEntry], *, heading: str, heading_style: str,
              code: str = TOC_CODE) -> None:
    """The table, wrapped like Word's own in a table-of-contents content control, at the end of ``body``.

    ``code`` is the field's instruction, what Word builds the table from when its fields are
    updated: a brief's headings by default (a book's says more, see :mod:`.book`).
    """
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
            instr.text = f" {code} "
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


@dataclass(frozen=True)
class ListedHeading:
    """A heading the contents list, as its entry in the written document names it."""

    bookmark: str
    #: The printed number and the title, as the entry shows them.
    label: str
    title: str


def _pageref_bookmark(instr: etree._Element) -> str | None:
    words = (instr.text or "").split()
    return words[1] if len(words) >= 2 and words[0] == "PAGEREF" else None


def _entry_links(document: etree._Element):
    """Each contents entry's hyperlink with its ``PAGEREF`` bookmark, in order."""
    for link in document.iter(HYPERLINK):
        for instr in link.iter(INSTRTEXT):
            name = _pageref_bookmark(instr)
            if name is not None:
                yield link, name
                break


def listed_headings(document: etree._Element) -> list[ListedHeading]:
    """The headings the contents of ``document`` (a ``word/document.xml`` root) list, in order."""
    listed = []
    for link, name in _entry_links(document):
        pieces, current = [], []
        for element in link.iter(T, TAB, INSTRTEXT):
            if element.tag == INSTRTEXT:
                break
            if element.tag == TAB:
                pieces.append("".join(current))
                current = []
            else:
                current.append(element.text or "")
        label, title = (pieces + ["", ""])[:2] if len(pieces) >= 2 else ("", "".join(pieces))
        listed.append(ListedHeading(name, label, title))
    return listed


def fill_page_numbers(document: etree._Element, pages: Mapping[str, int | str]) -> int:
    """Write each entry's page (by bookmark name) as its ``PAGEREF`` field's cached result; how many changed.

    An entry whose bookmark ``pages`` does not name keeps its result as it was.
    """
    changed = 0
    for link, name in _entry_links(document):
        if name not in pages:
            continue
        if _set_result(link, name, str(pages[name])):
            changed += 1
    return changed


def _set_result(link: etree._Element, name: str, text: str) -> bool:
    """Replace the runs between the ``PAGEREF`` field's ``separate`` and ``end`` by one run of ``text``."""
    runs = [child for child in link if child.tag == R]
    state, separate, result = "before", None, []
    for r in runs:
        char = r.find(FLDCHAR)
        kind = char.get(FLDCHARTYPE) if char is not None else None
        instr = r.find(INSTRTEXT)
        if state == "before" and instr is not None and _pageref_bookmark(instr) == name:
            state = "code"
        elif state == "code" and kind == "separate":
            state, separate = "result", r
        elif state == "result" and kind == "end":
            break
        elif state == "result":
            result.append(r)
    if separate is None:
        return False
    if "".join(t.text or "" for r in result for t in r.iter(T)) == text:
        return False
    for r in result:
        link.remove(r)
    shown = etree.Element(R)
    etree.SubElement(shown, T).text = text
    separate.addnext(shown)
    return True


def first_page_number(document: etree._Element) -> int:
    """The number the first page prints (``w:pgNumType/@w:start`` of the first section, 1 by default)."""
    section = next(document.iter(w("sectPr")), None)
    numbering = section.find(w("pgNumType")) if section is not None else None
    start = numbering.get(w("start")) if numbering is not None else None
    return int(start) if start and start.isdigit() else 1
