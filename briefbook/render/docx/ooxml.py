"""The few WordprocessingML building blocks the exporter makes, as plain lxml elements.

A long brief has thousands of paragraphs, so elements are made with
``etree.SubElement`` and pre-computed Clark-notation tag names rather than through
python-docx's proxy objects; nothing here searches the growing document.
"""

from __future__ import annotations

import re

from lxml import etree

from briefbook.render.walk import RTL_LETTERS

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    """Clark name of a ``w:`` element or attribute."""
    return f"{{{W_NS}}}{tag}"


# Tags and attributes used per paragraph or run, computed once.
P, PPR, PSTYLE, R, RPR, RSTYLE, T, TAB, BR = (w(t) for t in ("p", "pPr", "pStyle", "r", "rPr", "rStyle", "t", "tab",
                                                             "br"))
BOLD, BOLD_CS, ITALIC, ITALIC_CS = w("b"), w("bCs"), w("i"), w("iCs")
HYPERLINK, VAL, ID, NAME, ANCHOR, HISTORY = (w("hyperlink"), w("val"), w("id"), w("name"), w("anchor"),
                                             w("history"))
FLDCHAR, FLDCHARTYPE, INSTRTEXT = w("fldChar"), w("fldCharType"), w("instrText")
BOOKMARK_START, BOOKMARK_END = w("bookmarkStart"), w("bookmarkEnd")
R_ID = f"{{{R_NS}}}id"

#: Characters XML 1.0 cannot hold (tab, line feed and carriage return are allowed), plus
#: lone surrogates and the two non-characters; text pasted from other programs carries them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


#: Anything :func:`run` must treat specially: control characters (tab and line feed included) and non-XML.
_CONTROL = re.compile("[\x00-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` without the characters an XML file cannot contain."""
    return _NOT_XML.sub("", text)


def paragraph(parent: etree._Element, style_id: str) -> etree._Element:
    """A new ``w:p`` at the end of ``parent`` drawn with paragraph style ``style_id``."""
    p = etree.SubElement(parent, P)
    etree.SubElement(etree.SubElement(p, PPR), PSTYLE).set(VAL, style_id)
    return p


def run(parent: etree._Element, text: str, *, bold: bool = False, italic: bool = False,
        style_id: str = "") -> etree._Element:
    """A ``w:r`` holding ``text``; tabs and line breaks become ``w:tab`` and ``w:br``.

    The only run properties ever written are a character style, bold, italic, and right to left
    for a run holding Hebrew or Arabic letters.
    """
    r = etree.SubElement(parent, R)
    rtl = RTL_LETTERS.search(text) is not None
    if style_id or bold or italic or rtl:
        rpr = etree.SubElement(r, RPR)
        if style_id:
            etree.SubElement(rpr, RSTYLE).set(VAL, style_id)
        if bold:
            etree.SubElement(rpr, BOLD)
            etree.SubElement(rpr, BOLD_CS)
        if italic:
            etree.SubElement(rpr, ITALIC)
            etree.SubElement(rpr, ITALIC_CS)
        if rtl:  # Hebrew or Arabic letters: the run is laid out right to left, with its complex-script font
            etree.SubElement(rpr, w("rtl"))
    if _CONTROL.search(text) is None:  # the common case: nothing to clean, break or tab
        _text(r, text)
        return r
    text = clean(text).replace("\r\n", "\n").replace("\r", "\n")
    for piece in re.split("([\n\t])", text):
        if piece == "\n":
            etree.SubElement(r, BR)
        elif piece == "\t":
            etree.SubElement(r, TAB)
        elif piece:
            _text(r, piece)
    return r


def _text(r: etree._Element, text: str) -> None:
    t = etree.SubElement(r, T)
    t.text = text
    if text[:1].isspace() or text[-1:].isspace():
        t.set(XML_SPACE, "preserve")


def field_runs(parent: etree._Element, code: str, result: str = "", *, style_id: str = "") -> None:
    """A complex field (``begin`` / code / ``separate`` / cached result / ``end``) as runs of ``parent``.

    The cached result is what readers show before the field is updated.
    """
    etree.SubElement(etree.SubElement(parent, R), FLDCHAR).set(FLDCHARTYPE, "begin")
    instr = etree.SubElement(etree.SubElement(parent, R), INSTRTEXT)
    instr.text = f" {code} "
    instr.set(XML_SPACE, "preserve")
    etree.SubElement(etree.SubElement(parent, R), FLDCHAR).set(FLDCHARTYPE, "separate")
    if result:
        run(parent, result, style_id=style_id)
    etree.SubElement(etree.SubElement(parent, R), FLDCHAR).set(FLDCHARTYPE, "end")


def bookmark(parent: etree._Element, number: int, name: str, *, end: bool) -> None:
    """A bookmark boundary; ``number`` pairs the start with its end."""
    el = etree.SubElement(parent, BOOKMARK_END if end else BOOKMARK_START)
    el.set(ID, str(number))
    if not end:
        el.set(NAME, name)
