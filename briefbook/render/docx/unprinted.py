"""What a brief holds that does not print, kept in the Word document as a custom XML part.

A Word document carries everything a brief prints — the cover, the text, the
footnotes, the reviewers' notes as comments — but not what the brief file knows
besides: the footnotes' ids (Word numbers its notes), the sources drafted from, the
words taught to the spell checker, the length budgets, and footnotes no text refers
to yet. Without them a document exported and imported again would come back with
ids made up from words and its sources gone.

So the export adds one custom XML part (``customXml/itemN.xml``, with its
``itemProps`` as Word writes them), which Word keeps untouched when it saves the
document and which no reader shows. The importer (:mod:`briefbook.wordimport`) reads
the text from the document itself and only the unprinted values from here, matched
to what it read: a footnote's id is used only if the footnote at that number is
still the one the part describes, so a document edited in Word (a note added or
deleted) still imports right, the new notes with ids made from their words.

This module is the one owner of the part's vocabulary: :func:`add_unprinted` writes
it, :func:`read_unprinted` reads it back from a document's package.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from lxml import etree

from briefbook.model import Brief, Budget, Section, Source, footnote_order
from briefbook.render.docx.ooxml import clean
from briefbook.render.docx.opc import CT, RT, Part

#: The part's namespace; the number is the version of its vocabulary.
NS = "urn:briefbook:unprinted:1"
_DS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


@dataclass
class FootnoteIdentity:
    """A footnote as the brief file names it: its id, and its number in print (``0``: not referred to)."""

    id: str
    number: int = 0
    #: The text of a footnote nothing refers to (it does not print, so it lives here).
    text: str = ""


@dataclass
class Unprinted:
    """The values of a brief that the Word document does not print."""

    #: In the order the brief file lists them.
    footnotes: list[FootnoteIdentity] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    budget: Budget = field(default_factory=Budget)
    #: Section budgets by the section's path (``(1, 0)``: the first sub-section of section II).
    section_budgets: dict[tuple[int, ...], Budget] = field(default_factory=dict)
    #: Comments whose initials the export made from the author's name (the note named none).
    made_initials: list[int] = field(default_factory=list)
    #: Comments on a footnote's mark that are notes on the footnote's words: id → (quote, occurrence).
    footnote_words: dict[int, tuple[str, int]] = field(default_factory=dict)


def unprinted_of(brief: Brief) -> Unprinted:
    numbers = {fid: n for n, fid in enumerate(footnote_order(brief), start=1)}
    out = Unprinted(sources=list(brief.sources), words=list(brief.words), budget=brief.budget)
    for fid, text in brief.footnotes.items():
        number = numbers.get(fid, 0)
        out.footnotes.append(FootnoteIdentity(fid, number, "" if number else text))
    stack: list[tuple[tuple[int, ...], Section]] = [((k,), s) for k, s in enumerate(brief.sections)]
    while stack:
        path, section = stack.pop()
        if section.budget:
            out.section_budgets[path] = section.budget
        stack.extend((path + (k,), s) for k, s in enumerate(section.sections))
    return out


def _budget_attributes(element: etree._Element, budget: Budget) -> None:
    if budget.words is not None:
        element.set("words", str(budget.words))
    if budget.pages is not None:
        element.set("pages", str(budget.pages))


def unprinted_xml(data: Unprinted) -> bytes:
    root = etree.Element(_q("brief"), nsmap={None: NS})
    for note in data.footnotes:
        element = etree.SubElement(root, _q("footnote"), id=clean(note.id))
        if note.number:
            element.set("number", str(note.number))
        else:
            element.text = clean(note.text)
    for source in data.sources:
        element = etree.SubElement(root, _q("source"), title=clean(source.title))
        for name in ("url", "date", "file", "checksum"):
            if getattr(source, name):
                element.set(name, clean(getattr(source, name)))
    for word in data.words:
        etree.SubElement(root, _q("word")).text = clean(word)
    if data.budget:
        _budget_attributes(etree.SubElement(root, _q("budget")), data.budget)
    for path, budget in sorted(data.section_budgets.items()):
        element = etree.SubElement(root, _q("budget"), section=".".join(str(k) for k in path))
        _budget_attributes(element, budget)
    for comment in sorted(set(data.made_initials) | set(data.footnote_words)):
        element = etree.SubElement(root, _q("comment"), id=str(comment))
        if comment in data.made_initials:
            element.set("initials", "made")
        if comment in data.footnote_words:
            quote, occurrence = data.footnote_words[comment]
            element.set("footnote-words", clean(quote))
            element.set("occurrence", str(occurrence))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _props_xml(blob: bytes) -> bytes:
    """The ``itemProps`` Word pairs with a custom XML part; its id is derived from the content, not the clock."""
    digest = hashlib.sha256(blob).hexdigest().upper()
    guid = f"{{{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}}}"
    root = etree.Element(f"{{{_DS}}}datastoreItem", nsmap={"ds": _DS})
    root.set(f"{{{_DS}}}itemID", guid)
    refs = etree.SubElement(root, f"{{{_DS}}}schemaRefs")
    etree.SubElement(refs, f"{{{_DS}}}schemaRef").set(f"{{{_DS}}}uri", NS)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=False)


def add_unprinted(document, brief: Brief, comments=None) -> None:
    """Add the part holding ``brief``'s unprinted values to ``document`` (an :class:`.opc.WordDocument`).

    ``comments`` (:class:`~briefbook.render.docx.comments.Comments`): the export's comments, for those
    whose initials were made up from the author's name and those that stand for notes on a footnote's words.
    """
    package = document.package
    taken = {part.partname for part in package.iter_parts()}
    number = 1
    while f"/customXml/item{number}.xml" in taken:
        number += 1
    data = unprinted_of(brief)
    if comments is not None:
        data.made_initials = list(comments.made_initials)
        data.footnote_words = {number: (note.quote, note.occurrence) for number, note in comments.on_marks}
    blob = unprinted_xml(data)
    item = Part(f"/customXml/item{number}.xml", CT.XML, blob, package)
    props = Part(f"/customXml/itemProps{number}.xml", CT.CUSTOM_XML_PROPERTIES, _props_xml(blob), package)
    item.relate_to(props, RT.CUSTOM_XML_PROPS)
    document.part.relate_to(item, RT.CUSTOM_XML)


def _int(value: str | None) -> int | None:
    try:
        number = int(value) if value is not None else None
    except ValueError:
        return None
    return number if number is None or number >= 0 else None


def _budget(element: etree._Element) -> Budget:
    return Budget(words=_int(element.get("words")), pages=_int(element.get("pages")))


def parse_unprinted(blob: bytes) -> Unprinted | None:
    """The values in one custom XML part, or ``None`` when the part is not this vocabulary (or not XML)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(blob, parser)
    except etree.XMLSyntaxError:
        return None
    if root.tag != _q("brief"):
        return None
    out = Unprinted()
    for element in root:
        if element.tag == _q("footnote") and element.get("id"):
            out.footnotes.append(FootnoteIdentity(element.get("id"), _int(element.get("number")) or 0,
                                                  element.text or ""))
        elif element.tag == _q("source") and element.get("title") is not None:
            out.sources.append(Source(element.get("title"), *(element.get(k, "") for k in
                                                             ("url", "file", "date", "checksum"))))
        elif element.tag == _q("word") and element.text:
            out.words.append(element.text)
        elif element.tag == _q("comment") and _int(element.get("id")) is not None:
            number = _int(element.get("id"))
            if element.get("initials") == "made":
                out.made_initials.append(number)
            if element.get("footnote-words") is not None:
                out.footnote_words[number] = (element.get("footnote-words"), _int(element.get("occurrence")) or 1)
        elif element.tag == _q("budget"):
            section = element.get("section")
            if section is None:
                out.budget = _budget(element)
            elif all(part.isdigit() for part in section.split(".")):
                out.section_budgets[tuple(int(part) for part in section.split("."))] = _budget(element)
    return out


def read_unprinted(document) -> Unprinted | None:
    """The unprinted values a Briefbook export left in ``document`` (python-docx), or ``None``."""
    for rel in document.part.rels.values():
        if not rel.is_external and rel.reltype == RT.CUSTOM_XML:
            found = parse_unprinted(rel.target_part.blob)
            if found is not None:
                return found
    return None
