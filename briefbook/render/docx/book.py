"""A book as one Word document: the book's cover and contents, then each brief as a Word section of its own.

Each brief is written by the brief's own body writer (:class:`~briefbook.render.docx.body.BodyWriter`)
from the book's walk of it (:func:`briefbook.render.book.walk_book_brief`), into one document
whose footnotes, links and comments parts all briefs share, so their ids never collide.
What binds them is decided here:

- every brief is a Word section (``w:sectPr``), so it starts on a new page, and each section
  has header parts of its own, copies of the template's, whose ``{reference}`` names that
  brief (its reference number, else its title): the template's header design, the brief's name;
- footnotes restart at 1 in each section (``w:footnotePr/w:numRestart w:val="eachSect"``) or run
  on through the book (``continuous``), as the book says — the walk's numbers agree either way;
- one contents for the book, a real ``TOC`` field whose entries link to a ``_Toc…`` bookmark round
  each brief's title and each section's heading, named through the whole book; its page numbers
  are LibreOffice's, filled in by :mod:`briefbook.render.paged` as for a brief; its instruction
  (:func:`book_toc_code`) rebuilds the same entries when Word updates the fields (F9), from the
  briefs' titles and headings only, so a table updated in Word still lists what the book's did;
- bookmark ids, and the ``_Ref…`` bookmarks of footnotes referred to twice, are renumbered per
  brief so that names made by two briefs' writers stay apart.
"""

from __future__ import annotations

import copy
import os
import re

from lxml import etree

from briefbook.model import Brief
from briefbook.model.book import THROUGH_BOOK, Book
from briefbook.render.book import book_contents, book_meta, footnote_offsets, walk_book_brief, walk_book_cover
from briefbook.render.docx import _move_children
from briefbook.render.docx.body import BodyWriter
from briefbook.render.docx.comments import Comments
from briefbook.render.docx.footnotes import Footnotes
from briefbook.render.docx.furniture import fill_header_footer, fill_tokens, set_language, set_properties
from briefbook.render.docx.inline import Links, drop_links
from briefbook.render.docx.ooxml import (
    BOOKMARK_END,
    BOOKMARK_START,
    ID,
    INSTRTEXT,
    NAME,
    PPR,
    PSTYLE,
    R_ID,
    R_NS,
    VAL,
    W_NS,
    T,
    bookmark,
    clean,
    w,
)
from briefbook.render.docx.opc import CT, RT, Part, WordDocument
from briefbook.render.docx.package import package_bytes
from briefbook.render.docx.template import load_template
from briefbook.render.docx.toc import TocEntry, toc_bookmark, write_toc
from briefbook.render.styles import HEADING_ROLES, Role
from briefbook.render.template import default_template

_REF_NAME = re.compile(r"_Ref[0-9]+")


def book_header_name(brief: Brief) -> str:
    """What a brief's running header says: its reference number, else the first line of its title."""
    reference = brief.meta.reference.strip()
    if reference:
        return reference
    return next((line.strip() for line in brief.meta.title.splitlines() if line.strip()), "")


def build_book_docx(book: Book, briefs: list[Brief], template: str | os.PathLike[str] | None = None) -> bytes:
    """The whole .docx of ``book`` with ``briefs`` (those that loaded, in the book's order)."""
    tpl = load_template(default_template() if template is None else template)
    document = WordDocument.open(tpl.blob)
    body = document.body
    last = body[-1] if len(body) and body[-1].tag == w("sectPr") else etree.Element(w("sectPr"))
    headers = _template_headers(document, last)
    for child in list(body):
        body.remove(child)
    drop_links(document.part)
    footnotes = Footnotes(document.part, document.settings.element, tpl.id(Role.FOOTNOTE_TEXT),
                          tpl.id(Role.FOOTNOTE_REFERENCE))
    comments, links = Comments(document), Links(document.part)
    restart = "continuous" if book.footnotes == THROUGH_BOOK else "eachSect"
    meta = book_meta(book)

    # the book's own section: its cover, its title, the contents
    staging = _staging()
    BodyWriter(staging, tpl, footnotes, links, comments).write(Brief(meta=meta), walk_book_cover(book))
    heading, entries = book_contents(book, briefs)
    names = [toc_bookmark(index) for index in range(1, len(entries) + 1)]
    write_toc(staging, [TocEntry(tpl.id(e.block.role), e.block.label, e.block.text, name)
                        for e, name in zip(entries, names, strict=True)],
              heading=heading.text, heading_style=tpl.id(heading.role), code=book_toc_code(document, tpl))
    sections = [(staging, book_header_name(Brief(meta=meta)))]

    bookmarks = _Counter()
    offsets = footnote_offsets(book, briefs)
    heading_styles = {tpl.id(role) for role in HEADING_ROLES}
    for index, brief in enumerate(briefs):
        staging = _staging()
        BodyWriter(staging, tpl, footnotes, links, comments).write(brief, walk_book_brief(brief, offsets[index]))
        _keep_apart(staging, index + 1, bookmarks)
        if index:
            _restart_heading_numbers(document, staging, tpl)
            if restart == "eachSect":
                _marks_as_printed(staging)
        mine = [name for entry, name in zip(entries, names, strict=True) if entry.brief == index]
        _mark_listed(staging, mine, tpl.id(Role.TITLE), heading_styles, bookmarks)
        sections.append((staging, book_header_name(brief)))
    if briefs:
        _mark_briefs(sections[1][0], sections[-1][0], bookmarks.next())

    for number, (staging, name) in enumerate(sections):
        section = copy.deepcopy(last)
        _own_headers(document, section, headers, name)
        _restart_footnotes(section, restart)
        if number < len(sections) - 1:
            _end_section(staging, section)
        _move_children(staging, body)
    body.append(section)
    for rid in headers:  # the template's own headers: every section has its copies instead
        document.part.drop_rel(rid)
    fill_header_footer(document, meta)  # the footers' {website}; the headers are filled already
    set_language(document, meta)
    set_properties(document, meta)
    return package_bytes(document.package)


class _Counter:
    """Bookmark ids through the whole document."""

    def __init__(self) -> None:
        self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value


def _staging() -> etree._Element:
    return etree.Element(w("body"), nsmap={"w": W_NS, "r": R_NS})


def _template_headers(document, section: etree._Element) -> dict[str, bytes]:
    """The XML of each header the template's section uses, by its relationship id, before any is filled."""
    out = {}
    for ref in section.iterchildren(w("headerReference")):
        rid = ref.get(R_ID)
        part = document.part.related_parts.get(rid) if rid else None
        if part is not None:
            out[rid] = etree.tostring(part.element)
    return out


def _own_headers(document, section: etree._Element, headers: dict[str, bytes], name: str) -> None:
    """Point ``section``'s header references at new copies of the template's headers, naming ``name``."""
    package = document.package
    for ref in section.iterchildren(w("headerReference")):
        original = document.part.related_parts.get(ref.get(R_ID))
        xml = headers.get(ref.get(R_ID))
        if original is None or xml is None:
            continue
        element = etree.fromstring(xml)
        for p in element.iter(w("p")):
            fill_tokens(list(p.iter(T)), {"{reference}": clean(name.strip())})
        part = Part(package.next_partname("/word/header%d.xml"), CT.WML_HEADER,
                    etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True), package)
        for rid, rel in original.rels.items():  # a logo in the header: the copy shows it too
            part.rels.add_relationship(rel.reltype, rel.target_ref if rel.is_external else rel.target_part, rid,
                                       rel.is_external)
        ref.set(R_ID, document.part.relate_to(part, RT.HEADER))


#: What follows ``w:footnotePr`` in ``w:sectPr`` (ISO/IEC 29500 order).
_AFTER_FOOTNOTE_PR = tuple(w(t) for t in (
    "endnotePr", "type", "pgSz", "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt",
    "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings",
    "sectPrChange"))


def _restart_footnotes(section: etree._Element, restart: str) -> None:
    for old in section.findall(w("footnotePr")):
        section.remove(old)
    props = etree.Element(w("footnotePr"))
    etree.SubElement(props, w("numStart")).set(VAL, "1")  # said, for LibreOffice numbers a restart from 0 without it
    etree.SubElement(props, w("numRestart")).set(VAL, restart)
    following = next((child for child in section if child.tag in _AFTER_FOOTNOTE_PR), None)
    if following is None:
        section.append(props)
    else:
        following.addprevious(props)


def _end_section(staging: etree._Element, section: etree._Element) -> None:
    """End a section with ``section`` in the properties of its last paragraph (an empty one if it ends otherwise)."""
    last = staging[-1] if len(staging) else None
    if last is None or last.tag != w("p"):
        last = etree.SubElement(staging, w("p"))
    ppr = last.find(PPR)
    if ppr is None:
        ppr = etree.Element(PPR)
        last.insert(0, ppr)
    ppr.append(section)


def _restart_heading_numbers(document, staging: etree._Element, tpl) -> None:
    """Number a brief's headings from I. again: a list instance of their own, restarting every level.

    The headings' numbers are Word's, from the list the heading styles are linked to, and a
    list counts on through the document; each brief after the first gets a new instance of
    that list (``w:num`` with ``w:startOverride`` on each level), named by its headings.
    """
    levels: dict[str, int] = {}
    num_id = None
    for level, role in enumerate(HEADING_ROLES):
        style = document.styles.element.find(f"{w('style')}[@{w('styleId')}='{tpl.id(role)}']")
        found = style.find(f"{PPR}/{w('numPr')}/{w('numId')}") if style is not None else None
        if found is not None:
            num_id = found.get(VAL)
            levels[tpl.id(role)] = level
    numbering_part = document.numbering_part if num_id is not None else None
    numbering = numbering_part.element if numbering_part is not None else None
    instance = numbering.find(f"{w('num')}[@{w('numId')}='{num_id}']") if numbering is not None else None
    abstract = instance.find(w("abstractNumId")) if instance is not None else None
    if abstract is None:
        return
    new_id = str(max(int(n.get(w("numId"))) for n in numbering.iterchildren(w("num"))) + 1)
    fresh = etree.SubElement(numbering, w("num"))
    fresh.set(w("numId"), new_id)
    etree.SubElement(fresh, w("abstractNumId")).set(VAL, abstract.get(VAL))
    for level in range(9):
        override = etree.SubElement(fresh, w("lvlOverride"))
        override.set(w("ilvl"), str(level))
        etree.SubElement(override, w("startOverride")).set(VAL, "1")
    for p in staging.iter(w("p")):
        style = p.find(f"{PPR}/{PSTYLE}")
        level = levels.get(style.get(VAL)) if style is not None else None
        if level is None:
            continue
        props = etree.Element(w("numPr"))
        etree.SubElement(props, w("ilvl")).set(VAL, str(level))
        etree.SubElement(props, w("numId")).set(VAL, new_id)
        ppr = style.getparent()
        before = [child for child in ppr if child.tag == PSTYLE or child.tag in _BEFORE_NUMPR]
        before[-1].addnext(props)


#: What comes between ``w:pStyle`` and ``w:numPr`` in ``w:pPr`` (ISO/IEC 29500 order).
_BEFORE_NUMPR = tuple(w(t) for t in ("keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl"))


#: The bookmark round every brief of a book: what the book's contents field is built from.
BRIEFS_BOOKMARK = "_BookBriefs"


def book_toc_code(document, tpl) -> str:
    """The book's ``TOC`` instruction: the briefs' titles at level 1, their headings one level further in.

    A brief's own code lists the heading styles by outline level (``\\o "1-3"``); a book's
    table has each brief's title above its sections, so it names its styles and levels
    instead (``\\t``), by the names the template gives them, and is kept to the briefs
    (``\\b``), so the book's own title above the table is not listed.
    """
    pairs = [(tpl.id(Role.TITLE), 1), *((tpl.id(role), min(level + 2, 3)) for level, role in enumerate(HEADING_ROLES))]
    names = []
    for style_id, level in pairs:
        style = document.styles.element.find(f"{w('style')}[@{w('styleId')}='{style_id}']")
        name = style.find(w("name")) if style is not None else None
        names.append(f"{name.get(VAL) if name is not None else style_id},{level}")
    return f'TOC \\b {BRIEFS_BOOKMARK} \\h \\z \\t "{",".join(names)}"'


def _mark_briefs(first: etree._Element, last: etree._Element, number: int) -> None:
    """Put :data:`BRIEFS_BOOKMARK` from the first brief's first paragraph to the last brief's last."""
    paragraphs = list(first.iter(w("p")))
    ends = list(last.iter(w("p")))
    if not paragraphs or not ends:
        return
    start = etree.Element(BOOKMARK_START)
    start.set(ID, str(number))
    start.set(NAME, BRIEFS_BOOKMARK)
    ppr = paragraphs[0].find(PPR)
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraphs[0].insert(0, start)
    bookmark(ends[-1], number, BRIEFS_BOOKMARK, end=True)


def _marks_as_printed(staging: etree._Element) -> None:
    """Give a brief's footnotes their numbers as marks of their own (``w:customMarkFollows``).

    Word restarts the numbers at each section as the section's ``w:numRestart`` says, but
    LibreOffice (7.4) numbers a section's notes from 0 and on, so its layout — the PDF — would
    print other numbers than Word. A note whose mark follows its reference as text prints that
    text in both; the numbers are the walk's (the brief's first mark is its note 1, and so on). The
    note keeps its ``w:footnoteRef``, which both print as the note's mark.
    """
    for number, reference in enumerate(staging.iter(w("footnoteReference")), start=1):
        reference.set(w("customMarkFollows"), "1")
        mark = etree.SubElement(reference.getparent(), T)
        mark.text = str(number)


def _keep_apart(staging: etree._Element, brief: int, counter: _Counter) -> None:
    """Renumber a brief's bookmark ids through the book, and name its ``_Ref…`` bookmarks after the brief."""
    ids: dict[str, str] = {}
    renamed: dict[str, str] = {}
    for element in staging.iter(BOOKMARK_START, BOOKMARK_END):
        old = element.get(ID)
        if element.tag == BOOKMARK_START:
            ids[old] = str(counter.next())
            name = element.get(NAME, "")
            if _REF_NAME.fullmatch(name):
                renamed[name] = f"_Ref{brief:03d}{name[4:][-6:]}"
                element.set(NAME, renamed[name])
        element.set(ID, ids.get(old, old))
    if renamed:
        for instr in staging.iter(INSTRTEXT):
            words = (instr.text or "").split(" ")
            if any(word in renamed for word in words):
                instr.text = " ".join(renamed.get(word, word) for word in words)


def _mark_listed(staging: etree._Element, names: list[str], title_style: str, heading_styles: set[str],
                 counter: _Counter) -> None:
    """Put the contents' bookmarks round the brief's title and its section headings, in print order.

    ``names`` are the brief's entries: its title first, then its sections. The walk prints a
    brief's title once, before its sections (a brief without one: the entry goes to its first
    paragraph), and every section's heading — a heading carries its number, so it always
    prints — in the order the contents list them.
    """
    if not names:
        return
    paragraphs = list(staging.iter(w("p")))
    styles = []
    for p in paragraphs:
        style = p.find(f"{PPR}/{PSTYLE}")
        styles.append(style.get(VAL) if style is not None else None)
    title = next((p for p, style in zip(paragraphs, styles, strict=True) if style == title_style), None)
    if title is None and paragraphs:
        title = paragraphs[0]
    headings = [p for p, style in zip(paragraphs, styles, strict=True) if style in heading_styles]
    for p, name in zip([title, *headings], names, strict=False):
        if p is None:
            continue
        number = counter.next()
        start = etree.Element(BOOKMARK_START)
        start.set(ID, str(number))
        start.set(NAME, name)
        ppr = p.find(PPR)
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        bookmark(p, number, name, end=True)


__all__ = ["BRIEFS_BOOKMARK", "book_header_name", "book_toc_code", "build_book_docx"]
