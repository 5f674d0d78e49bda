"""The export and the preview print the same blocks, labels and footnote numbers.

Both are read back by what a reader sees, not by what Briefbook meant: the DOCX
through its XML (paragraph styles by name, heading numbers as Word counts them from
the template's list levels, footnote numbers in the order of their marks, cross-
reference fields to the note they point at), the HTML through its paragraphs, list
items and anchors. The two readings must agree block for block, and with the walk.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

import lxml.html
import pytest
from lxml import etree

from briefbook.fileformat import load
from briefbook.model import Brief, Bullet, BulletList, Paragraph, footnote_numbers, iter_sections
from briefbook.render.docx import build_docx
from briefbook.render.house_style import css_class
from briefbook.render.html import render_fragments
from briefbook.render.styles import Role
from briefbook.render.template import style_key
from briefbook.render.walk import NoteMark, walk
from briefbook.resources import starter_templates

from conftest import SAMPLE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BY_NAME = {style_key(role.value): role for role in Role}
BY_CLASS = {css_class(role): role for role in Role}
CASES = [(SAMPLE, False), (SAMPLE, True), *((path, None) for path in starter_templates().values()), ("dense", True)]


def dense() -> Brief:
    """The long starter with notes cited again, from headings, bullets and deep bullets, and one never written."""
    brief = load(starter_templates()["long-brief"])
    first, second = list(footnote_numbers(brief))[:2]
    brief.meta.title += f"[^{second}]"
    brief.takeaways.insert(0, Paragraph(f"Cited first here[^{second}], then[^{first}] **again**[^{second}]."))
    brief.takeaways.append(BulletList([Bullet("", [Bullet(f"deep[^{first}]", [Bullet("deeper[^gone]")])])]))
    entry = list(iter_sections(brief))[-1]
    entry.section.title += f" [^{first}]"
    entry.section.body.append(Paragraph(""))
    return brief


def _words(text: str) -> str:
    return " ".join(text.split())


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += numeral * count
    return out


def _format(number: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return _roman(number)
    if fmt == "upperLetter":
        return chr(ord("A") + (number - 1) % 26) * ((number - 1) // 26 + 1)
    assert fmt == "decimal", fmt
    return str(number)


class WordReading:
    """The printed blocks of a .docx as Word will show them."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(BytesIO(data)) as z:
            self.document = etree.fromstring(z.read("word/document.xml"))
            styles = etree.fromstring(z.read("word/styles.xml"))
            numbering = etree.fromstring(z.read("word/numbering.xml"))
            self.notes_part = etree.fromstring(z.read("word/footnotes.xml"))
            self.footers = [etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith("word/footer")]
        self.names = {s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val") for s in styles.iter(f"{W}style")}
        self.levels: dict[str, tuple[int, str, str]] = {}  # heading style id → (ilvl, numFmt, lvlText)
        for style in styles.iter(f"{W}style"):
            num = style.find(f"{W}pPr/{W}numPr")
            if num is None or not BY_NAME.get(style_key(self.names[style.get(f"{W}styleId")]), Role.BODY) \
                    .value.startswith("Heading"):
                continue
            level = num.find(f"{W}ilvl")  # none: the list's first level
            num_id, ilvl = num.find(f"{W}numId").get(f"{W}val"), int(level.get(f"{W}val")) if level is not None else 0
            abstract = numbering.find(f"{W}num[@{W}numId='{num_id}']/{W}abstractNumId").get(f"{W}val")
            lvl = numbering.find(f"{W}abstractNum[@{W}abstractNumId='{abstract}']/{W}lvl[@{W}ilvl='{ilvl}']")
            self.levels[style.get(f"{W}styleId")] = (ilvl, lvl.find(f"{W}numFmt").get(f"{W}val"),
                                                     lvl.find(f"{W}lvlText").get(f"{W}val"))
        self.note_numbers: dict[str, int] = {}  # footnote id → the number Word gives it
        self.fields: list[list] = []  # [code, in result] of each open field (the contents' spans paragraphs)
        self.blocks = [self._paragraph(p) for p in self.document.find(f"{W}body").iter(f"{W}p")]
        self._number_headings()

    def _paragraph(self, p: etree._Element) -> tuple[Role, str, str, tuple[int, ...]]:
        style = p.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
        role = BY_NAME[style_key(self.names[style])]
        text, marks, fields = [], [], self.fields
        for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}footnoteReference", f"{W}fldChar", f"{W}instrText"):
            tag = etree.QName(el).localname
            if tag == "fldChar":
                kind = el.get(f"{W}fldCharType")
                if kind == "begin":
                    fields.append(["", False])
                elif kind == "separate":
                    fields[-1][1] = True
                else:
                    fields.pop()
            elif tag == "instrText":
                fields[-1][0] += el.text
            elif tag == "footnoteReference":
                fid = el.get(f"{W}id")
                assert fid not in self.note_numbers, "a note is referenced once; later marks are cross-references"
                self.note_numbers[fid] = len(self.note_numbers) + 1
                marks.append(self.note_numbers[fid])
            elif fields and fields[-1][0].split()[0] == "NOTEREF":
                marks.append(self._cross_reference(fields[-1][0].split()[1], el.text))
            else:
                text.append({"tab": "\t", "br": "\n"}.get(tag, el.text or ""))
        joined = "".join(text)
        label = ""
        if role in (Role.TOC_1, Role.TOC_2, Role.TOC_3):
            label, joined = joined.split("\t")[:2]
        return role, label, _words(joined), tuple(marks)

    def _cross_reference(self, bookmark: str, shown: str) -> int:
        """A ``NOTEREF`` field's shown number, checked against the note its bookmark holds."""
        start = self.document.find(f".//{W}bookmarkStart[@{W}name='{bookmark}']")
        reference = start.getnext().find(f".//{W}footnoteReference")
        assert shown == str(self.note_numbers[reference.get(f"{W}id")])
        return int(shown)

    def _number_headings(self) -> None:
        """Heading numbers as Word's multi-level list counts them."""
        counters = [0, 0, 0]
        paragraphs = list(self.document.find(f"{W}body").iter(f"{W}p"))
        for index, p in enumerate(paragraphs):
            style = p.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
            if style not in self.levels:
                continue
            ilvl, fmt, pattern = self.levels[style]
            counters[ilvl] += 1
            counters[ilvl + 1:] = [0] * (2 - ilvl)
            label = pattern.replace(f"%{ilvl + 1}", _format(counters[ilvl], fmt))
            role, _, text, marks = self.blocks[index]
            self.blocks[index] = (role, label, text, marks)

    def notes(self) -> list[tuple[int, str]]:
        out = []
        for note in self.notes_part.iter(f"{W}footnote"):
            if note.get(f"{W}type") is None:
                text = "".join(t.text or "" for t in note.iter(f"{W}t"))
                out.append((self.note_numbers[note.get(f"{W}id")], _words(text)))
        return sorted(out)

    def footer_text(self) -> str:
        return " ".join(_words("".join(t.text or "" for t in footer.iter(f"{W}t"))) for footer in self.footers)


class PreviewReading:
    """The printed blocks of the preview's HTML: paragraphs and list items with their anchors."""

    def __init__(self, html: str) -> None:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        self.blocks = []
        for el in root.iter("p", "li"):
            if el.get("class") in (None, "footnote-separator"):
                continue
            self.blocks.append(self._block(el))

    def _block(self, el) -> tuple[Role, str, str, tuple[int, ...]]:
        role = BY_CLASS[el.get("class")]
        label, text, marks = "", [el.text or ""], []

        def visit(node) -> None:
            nonlocal label
            for child in node:
                if child.tag == "ul":
                    continue
                if child.tag == "span" and "white-space:pre" in child.get("style", ""):
                    label = child.text_content().rstrip("\t")
                elif child.tag == "a" and "footnote-reference" in child.get("class", "").split():
                    marks.append(int(child.text_content()))
                elif child.tag == "br":
                    text.append("\n")
                else:
                    text.append(child.text or "")
                    visit(child)
                text.append(child.tail or "")

        visit(el)
        return role, label, _words("".join(text)), tuple(marks)


@pytest.mark.parametrize(("path", "toc"), CASES, ids=lambda v: getattr(v, "name", str(v)))
def test_export_and_preview_print_the_same_blocks(path, toc):
    brief = dense() if path == "dense" else load(path)
    if toc is not None:
        brief.meta.toc = toc
    word = WordReading(build_docx(brief))
    preview = PreviewReading("".join(f.html for f in render_fragments(brief)))
    streamed = [(b.role, b.label if b.role not in (Role.BULLET_1, Role.BULLET_2, Role.BULLET_3) else "", _words(b.text),
                 tuple(r.number for r in b.runs if isinstance(r, NoteMark))) for b in walk(brief)]

    body = [block for block in preview.blocks if block[0] not in (Role.FOOTNOTE_TEXT, Role.FOOTER)]
    assert word.blocks == body
    assert [b for b in streamed if b[0] not in (Role.FOOTNOTE_TEXT, Role.FOOTER)] == body
    assert len(body) > 10 and any(label for _, label, _, _ in body)
    if toc or brief.meta.toc:
        assert any(role is Role.TOC_1 for role, *_ in body)

    notes = [(marks[0], text) for role, _, text, marks in preview.blocks if role is Role.FOOTNOTE_TEXT]
    missing = {b.note.number for b in walk(brief) if b.missing}  # the preview says so; Word's note stays empty
    assert all("no text for footnote" in text for number, text in notes if number in missing)
    assert word.notes() == [(number, "" if number in missing else text) for number, text in notes]
    assert [number for number, _ in notes] == list(range(1, len(notes) + 1))
    footer = [text for role, _, text, _ in preview.blocks if role is Role.FOOTER]
    assert footer == [brief.meta.website] and brief.meta.website in word.footer_text()
