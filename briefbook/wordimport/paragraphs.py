"""A Word document's paragraphs as the importer reads them: style, list, and what prints in order.

Each ``w:p`` becomes a :class:`WordParagraph`: its style's name (and those it is based
on), the list it is in, its indent, and its content as a flat list of *pieces* —
formatted text, footnote marks, cross-references to a footnote, comment range edges
and bookmarks — in reading order, whatever Word wrapped them in (hyperlinks, smart
tags, content controls, fields, insertions). What cannot become text of a brief
(pictures, text boxes, equations, deleted text) is not dropped silently: it is
recorded on the paragraph as a :class:`Finding`, so the import can say where it was.

Fields are followed as Word evaluates them, across runs and across paragraphs: the
instruction is read, then the result is kept (a date), turned into what it means
(``NOTEREF`` → the footnote it refers to, ``HYPERLINK`` → a link), or left out
(``PAGEREF``, and the whole table of contents, which a brief makes afresh).

One pass over the elements, each visited once: linear in the document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from briefbook.wordimport.package import W, WordPackage

_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_ON = (None, "1", "true", "on")

#: Private-use glyphs of the Symbol and Wingdings fonts that Word uses for typed bullets.
_SYMBOL_GLYPHS = {"F0B7": "•", "F0A7": "▪", "F0D8": "➢", "F076": "❖", "F0FC": "✓", "F02D": "–", "F0A8": "◦",
                  "F06E": "■", "F0B2": "◦"}


@dataclass(frozen=True)
class Text:
    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass(frozen=True)
class NoteMark:
    """A footnote (or endnote) mark: the note's id in its part."""

    id: str
    endnote: bool = False


@dataclass(frozen=True)
class NoteCrossRef:
    """A ``NOTEREF`` field: the number of the footnote whose mark the bookmark ``name`` is round."""

    name: str


@dataclass(frozen=True)
class Bookmark:
    name: str


@dataclass(frozen=True)
class CommentEdge:
    id: str
    end: bool


Piece = Text | NoteMark | NoteCrossRef | Bookmark | CommentEdge


@dataclass(frozen=True)
class Finding:
    """Something in a paragraph that cannot become text of a brief: ``kind`` says what (``"picture"``…)."""

    kind: str
    detail: str = ""


@dataclass
class WordParagraph:
    styles: list[str]
    pieces: list[Piece] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: The list's number format at this paragraph's level (``bullet``, ``decimal``…), or ``""``.
    list_format: str = ""
    list_level: int = 0
    indent: int = 0
    #: Inside a table of contents (a ``TOC`` field or a contents control): not text of the brief.
    in_contents: bool = False
    #: Where it is in the document, counted from 1 over every paragraph of the body.
    number: int = 0

    def text(self) -> str:
        return "".join(p.text for p in self.pieces if isinstance(p, Text))


@dataclass
class Table:
    """A table in the body: where it is, so the import can report it."""

    rows: int
    first_words: str
    #: The paragraph it follows.
    number: int = 0


@dataclass
class _Field:
    instruction: list[str] = field(default_factory=list)
    result: bool = False
    kind: str = ""
    argument: str = ""


#: Fields whose result is left out: the brief makes its footnote numbers, pages and contents afresh.
_HIDDEN_RESULTS = ("NOTEREF", "PAGEREF", "TOC")
_INSTRUCTION = re.compile(r'\s*(\w+)\s*(?:"([^"]*)"|(\S+))?')


def _field_kind(instruction: str) -> tuple[str, str]:
    match = _INSTRUCTION.match(instruction)
    if not match:
        return "", ""
    return match.group(1).upper(), match.group(2) or match.group(3) or ""


class ParagraphReader:
    """Reads the paragraphs of one story (the body, a footnote, a comment) with ``link`` resolving ``r:id``s."""

    def __init__(self, package: WordPackage, link: Callable[[str], str | None]) -> None:
        self._package = package
        self._link = link
        self._fields: list[_Field] = []
        #: Open fields whose text is left out (an instruction, or a result the brief makes afresh) and
        #: open contents fields: counted as fields open and close, so a run asks in constant time.
        self._hiding = 0
        self._contents_fields = 0
        self._chains: dict[str, list[str]] = {}
        self._contents_control = 0

    # -- the story's block level
    def blocks(self, story: etree._Element) -> Iterator[WordParagraph | Table]:
        number = 0
        for item in self._walk_blocks(story):
            number += isinstance(item, WordParagraph)  # a table is numbered by the paragraph before it
            item.number = number
            yield item

    def _walk_blocks(self, parent: etree._Element) -> Iterator[WordParagraph | Table]:
        for child in parent:
            tag = child.tag
            if tag == f"{W}p":
                yield self.paragraph(child)
            elif tag == f"{W}tbl":
                rows = child.findall(f"{W}tr")
                cells = ("".join(t.text or "" for t in cell.iter(f"{W}t")) for cell in child.iter(f"{W}tc"))
                words = " ".join(" ".join(cells).split()[:8])
                yield Table(len(rows), words)
            elif tag == f"{W}sdt":
                contents = child.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
                is_contents = contents is not None and "content" in (contents.get(f"{W}val", "").lower())
                self._contents_control += is_contents
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    yield from self._walk_blocks(content)
                self._contents_control -= is_contents
            elif tag in (f"{W}customXml", f"{_MC}AlternateContent"):
                inner = child.find(f"{_MC}Fallback") if tag == f"{_MC}AlternateContent" else child
                if inner is not None:
                    yield from self._walk_blocks(inner)

    # -- one paragraph
    def paragraph(self, p: etree._Element) -> WordParagraph:
        ppr = p.find(f"{W}pPr")
        style_id = None
        num: tuple[str, int] | None = None
        indent = 0
        if ppr is not None:
            style = ppr.find(f"{W}pStyle")
            style_id = style.get(f"{W}val") if style is not None else None
            num_pr = ppr.find(f"{W}numPr")
            if num_pr is not None:
                num_id, ilvl = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
                num = (num_id.get(f"{W}val", "") if num_id is not None else "",
                       int(ilvl.get(f"{W}val", "0")) if ilvl is not None else 0)
            ind = ppr.find(f"{W}ind")
            if ind is not None:
                indent = _int(ind.get(f"{W}left") or ind.get(f"{W}start"))
        if num is None and style_id in self._package.style_lists:
            num = self._package.style_lists[style_id]
        paragraph = WordParagraph(self._chain(style_id))
        if num is not None and num[0] != "0":
            paragraph.list_level = num[1]
            paragraph.list_format = self._package.list_formats.get(num[0], {}).get(num[1], "decimal")
        paragraph.indent = indent
        paragraph.in_contents = self._in_contents()
        self._inline(p, paragraph, Text(""))
        if self._in_contents():
            paragraph.in_contents = True
        return paragraph

    def _chain(self, style_id: str | None) -> list[str]:
        key = style_id or ""
        chain = self._chains.get(key)
        if chain is None:
            chain = self._chains[key] = self._package.style_chain(style_id)
        return chain

    def _in_contents(self) -> bool:
        return self._contents_control > 0 or self._contents_fields > 0

    def _suppressed(self) -> bool:
        """Whether text here is a field's instruction or a result the brief makes afresh."""
        return self._hiding > 0

    def _href(self, style: Text) -> str | None:
        top = self._fields[-1] if self._fields else None
        if top is not None and top.result and top.kind == "HYPERLINK":
            return top.argument or None
        return style.href

    def _inline(self, parent: etree._Element, out: WordParagraph, style: Text) -> None:
        for child in parent:
            tag = child.tag
            if tag == f"{W}r":
                self._run(child, out, style)
            elif tag == f"{W}hyperlink":
                rel = child.get(f"{_R}id")
                href = self._link(rel) if rel else None
                self._inline(child, out, Text("", style.bold, style.italic, href or style.href))
            elif tag in (f"{W}ins", f"{W}moveTo"):
                out.findings.append(Finding("tracked change", "an insertion, read as accepted"))
                self._inline(child, out, style)
            elif tag in (f"{W}del", f"{W}moveFrom"):
                out.findings.append(Finding("tracked change", "a deletion, read as accepted"))
            elif tag in (f"{W}smartTag", f"{W}customXml", f"{W}dir", f"{W}bdo"):
                self._inline(child, out, style)
            elif tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self._inline(content, out, style)
            elif tag == f"{_MC}AlternateContent":
                fallback = child.find(f"{_MC}Fallback")
                if fallback is not None:
                    self._inline(fallback, out, style)
            elif tag == f"{W}fldSimple":
                self._simple_field(child, out, style)
            elif tag == f"{W}bookmarkStart":
                name = child.get(f"{W}name", "")
                if name:
                    out.pieces.append(Bookmark(name))
            elif tag in (f"{W}commentRangeStart", f"{W}commentRangeEnd"):
                out.pieces.append(CommentEdge(child.get(f"{W}id", ""), tag == f"{W}commentRangeEnd"))
            elif tag in (f"{_MATH}oMath", f"{_MATH}oMathPara"):
                out.findings.append(Finding("equation"))

    def _simple_field(self, element: etree._Element, out: WordParagraph, style: Text) -> None:
        kind, argument = _field_kind(element.get(f"{W}instr", ""))
        if kind == "NOTEREF":
            out.pieces.append(NoteCrossRef(argument))
        elif kind == "HYPERLINK":
            self._inline(element, out, Text("", style.bold, style.italic, argument or style.href))
        elif kind not in ("PAGEREF", "TOC"):
            self._inline(element, out, style)

    def _run(self, r: etree._Element, out: WordParagraph, style: Text) -> None:
        bold, italic = style.bold, style.italic
        rpr = r.find(f"{W}rPr")
        if rpr is not None:
            b, i, rstyle = rpr.find(f"{W}b"), rpr.find(f"{W}i"), rpr.find(f"{W}rStyle")
            named = self._package.style_name(rstyle.get(f"{W}val")).casefold() if rstyle is not None else ""
            bold = (b.get(f"{W}val") in _ON) if b is not None else (bold or named in ("strong", "bold"))
            italic = (i.get(f"{W}val") in _ON) if i is not None else (italic or named in ("emphasis", "italic"))
        for child in r:
            tag = child.tag
            if tag == f"{W}fldChar":
                self._field_char(child.get(f"{W}fldCharType", ""), out)
            elif tag == f"{W}instrText":
                if self._fields and not self._fields[-1].result:
                    self._fields[-1].instruction.append(child.text or "")
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                out.pieces.append(NoteMark(child.get(f"{W}id", ""), tag == f"{W}endnoteReference"))
            elif self._suppressed():
                continue
            elif tag == f"{W}t":
                self._text(out, child.text or "", bold, italic, style)
            elif tag == f"{W}tab":
                self._text(out, "\t", bold, italic, style)
            elif tag in (f"{W}br", f"{W}cr"):
                if child.get(f"{W}type") in (None, "textWrapping"):
                    self._text(out, "\n", bold, italic, style)
            elif tag == f"{W}noBreakHyphen":
                self._text(out, "\u2011", bold, italic, style)
            elif tag == f"{W}sym":
                code = (child.get(f"{W}char") or "").upper()
                glyph = _SYMBOL_GLYPHS.get(code)
                if glyph is None and code:
                    try:
                        glyph = chr(int(code, 16) - (0xF000 if code.startswith("F0") else 0))
                    except ValueError:
                        glyph = ""
                self._text(out, glyph or "", bold, italic, style)
            elif tag in (f"{W}drawing", f"{W}pict", f"{W}object"):
                box = next(child.iter(f"{W}txbxContent"), None)
                if box is not None:
                    words = " ".join("".join(t.text or "" for t in box.iter(f"{W}t")).split()[:8])
                    out.findings.append(Finding("text box", words))
                else:
                    out.findings.append(Finding("picture" if tag != f"{W}object" else "embedded object"))
            elif tag == f"{_MC}AlternateContent":
                out.findings.append(Finding("picture"))

    def _text(self, out: WordParagraph, text: str, bold: bool, italic: bool, style: Text) -> None:
        if text:
            out.pieces.append(Text(text, bold, italic, self._href(style)))

    def _field_char(self, kind: str, out: WordParagraph) -> None:
        if kind == "begin":
            self._fields.append(_Field())
            self._hiding += 1  # its instruction
        elif kind == "separate" and self._fields and not self._fields[-1].result:
            fld = self._fields[-1]
            fld.result = True
            fld.kind, fld.argument = _field_kind("".join(fld.instruction))
            self._hiding -= fld.kind not in _HIDDEN_RESULTS
            self._contents_fields += fld.kind == "TOC"
            if fld.kind == "NOTEREF":
                out.pieces.append(NoteCrossRef(fld.argument))
        elif kind == "end" and self._fields:
            fld = self._fields.pop()
            if not fld.result:  # a field with no result part: what it means still counts
                self._hiding -= 1
                fld.kind, fld.argument = _field_kind("".join(fld.instruction))
                if fld.kind == "NOTEREF":
                    out.pieces.append(NoteCrossRef(fld.argument))
            else:
                self._hiding -= fld.kind in _HIDDEN_RESULTS
                self._contents_fields -= fld.kind == "TOC"


def _int(value: str | None) -> int:
    try:
        return int(value) if value else 0
    except ValueError:
        return 0
