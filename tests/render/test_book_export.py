"""A book of the sample and the two starters as one DOCX (read back with lxml), and its PDF's pages."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree
from paged_check import needs_pdftotext, page_texts

from briefbook.fileformat import load
from briefbook.model import Note
from briefbook.model.book import THROUGH_BOOK, Book
from briefbook.render.book_export import export_book
from briefbook.render.docx.book import build_book_docx
from briefbook.render.paged.soffice import find_soffice

from conftest import REPO
from docx_audit import assert_opens_clean

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BRIEFS = [REPO / "templates" / "samples" / "182-SPE-24-E.brief.yaml",
          *sorted((REPO / "templates" / "starters").glob("*.brief.yaml"))]


def _briefs():
    briefs = [load(path) for path in BRIEFS]
    briefs[1].sections[0].notes.append(Note("Check this wording.", author="Jane Doe"))
    return briefs


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


@pytest.mark.parametrize("numbering", ["per-brief", THROUGH_BOOK])
def test_each_brief_is_a_section_with_its_own_header_and_footnote_numbering(numbering: str) -> None:
    book = Book("SUMMIT BOOK", entries=[p.name for p in BRIEFS], footnotes=numbering)
    parts = _parts(build_book_docx(book, _briefs()))
    document = etree.fromstring(parts["word/document.xml"])
    sections = list(document.iter(f"{W}sectPr"))
    assert len(sections) == 1 + len(BRIEFS)  # the book's own, then one per brief
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    named = []
    for section in sections[1:]:
        refs = [r for r in section.iter(f"{W}headerReference") if r.get(f"{W}type") == "default"]
        header = parts["word/" + targets[refs[0].get("{http://schemas.openxmlformats.org/officeDocument/2006/"
                                                        "relationships}id")]]
        named.append("".join(etree.fromstring(header).itertext()))
        restart = section.find(f"{W}footnotePr/{W}numRestart").get(f"{W}val")
        assert restart == ("continuous" if numbering == THROUGH_BOOK else "eachSect")
    assert named == [b.meta.reference for b in _briefs()]
    codes = [t.text for t in document.iter(f"{W}instrText") if t.text and t.text.strip().startswith("TOC")]
    assert len(codes) == 1
    names = [b.get(f"{W}name") for b in document.iter(f"{W}bookmarkStart")]
    ids = [b.get(f"{W}id") for b in document.iter(f"{W}bookmarkStart")]
    assert len(set(names)) == len(names) and len(set(ids)) == len(ids)
    notes = [n.get(f"{W}id") for n in etree.fromstring(parts["word/footnotes.xml"]).iter(f"{W}footnote")]
    assert len(set(notes)) == len(notes) == 2 + 4
    assert b"Check this wording." in parts["word/comments.xml"]


def test_the_book_opens_clean(tmp_path: Path) -> None:
    path = tmp_path / "book.docx"
    path.write_bytes(build_book_docx(Book("SUMMIT BOOK"), _briefs()))
    assert_opens_clean(path)


@needs_pdftotext
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_the_pdf_starts_each_brief_on_a_page_with_its_header_and_the_contents_numbers_match(tmp_path: Path) -> None:
    briefs = _briefs()
    pdf = tmp_path / "book.pdf"
    export_book(Book("SUMMIT BOOK"), briefs, pdf)
    pages = page_texts(pdf)
    starts = [index for index, text in enumerate(pages) if text.startswith("NATO PARLIAMENTARY ASSEMBLY")]
    assert len(starts) == 1 + len(briefs)
    for brief, start in zip(briefs, starts[1:], strict=True):
        assert brief.meta.reference in pages[start]  # its own cover block
        assert pages[start + 1].startswith(brief.meta.reference)  # its running header on the next page
    contents = pages[0][pages[0].index("CONTENTS"):]
    numbers = [int(n) for n in re.findall(r"\.{4,} ?(\d+)", contents)]
    assert numbers[0] == starts[1] + 1  # the first brief's title, on its cover page
    headings = re.findall(r"(?:^|\d )(I\. [A-Z’' ]+?)\.{4,} ?(\d+)", contents)
    for title, number in headings:
        assert title in pages[int(number) - 1], (title, number)
    # footnotes numbered per brief: each brief's first note is 1
    assert all(re.search(r"www\.nato-pa\.int \d+$", pages[i]) for i in range(len(pages)) if pages[i])


def _style(p: etree._Element) -> str:
    style = p.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else ""


def test_the_contents_field_rebuilds_the_book_s_entries_when_word_updates_it() -> None:
    """F9 in Word rebuilds the table from its instruction: the briefs' titles, then their headings, nothing else."""
    book = Book("SUMMIT BOOK", entries=[p.name for p in BRIEFS])
    parts = _parts(build_book_docx(book, _briefs()))
    document = etree.fromstring(parts["word/document.xml"])
    styles = etree.fromstring(parts["word/styles.xml"])
    ids = {s.find(f"{W}name").get(f"{W}val"): s.get(f"{W}styleId") for s in styles.iter(f"{W}style")}
    code = next(t.text for t in document.iter(f"{W}instrText") if t.text.strip().startswith("TOC"))
    listed = re.fullmatch(r' TOC \\b (\S+) \\h \\z \\t "([^"]+)" ', code)
    assert listed, code
    pairs = listed.group(2).split(",")
    levels = {ids[name]: int(level) for name, level in zip(pairs[::2], pairs[1::2], strict=True)}
    paragraphs = list(document.iter(f"{W}p"))
    styled = [_style(p) for p in paragraphs]
    start = next(b for b in document.iter(f"{W}bookmarkStart") if b.get(f"{W}name") == listed.group(1))
    first = paragraphs.index(start.getparent())
    last = next(i for i, p in enumerate(paragraphs) for b in p.iter(f"{W}bookmarkEnd")
                if b.get(f"{W}id") == start.get(f"{W}id"))
    rebuilt = [levels[style] for style in styled[first:last + 1] if style in levels]
    entries = [int(style[-1]) for style in styled if re.fullmatch(r"TOC[1-3]", style)]
    assert rebuilt == entries  # the same entries, at the same levels, in the same order
    assert styled[:first].count(ids[pairs[0]]) == 1  # the book's own title: kept out by the bookmark
