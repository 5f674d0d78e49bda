"""No heading or sub-heading ends a page: in the export's XML, and on the pages LibreOffice lays out.

The pages are read with poppler's ``pdftotext`` (not Briefbook's own reading of them), line
by line, as a reader sees them; why LibreOffice left the sample's "I. ALLIED DETERRENCE AND
DEFENCE" at the foot of page 1 although its style keeps with the next paragraph is told in
:mod:`briefbook.render.docx.keeps`.
"""

from __future__ import annotations

import copy
import re
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
import yaml
from lxml import etree
from paged_check import needs_pdftotext
from test_pdf import LONG, briefbook, needs_soffice

from briefbook.fileformat import read
from briefbook.render.docx import build_docx
from briefbook.render.docx.keeps import KeptParagraph, break_before, kept_paragraphs, kept_style_ids
from briefbook.render.paged.keeps import stranded
from briefbook.render.paged.layout import PageNumbering
from briefbook.render.paged.soffice import find_soffice

from conftest import REPO
from docx_audit import assert_opens_clean

SAMPLE = REPO / "templates" / "samples" / "182-SPE-24-E.brief.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING_STYLES = {"Heading1", "Heading2", "Heading3", "Subheading"}

# --- the keeps in the XML (no LibreOffice) -----------------------------------------------------


def _part(docx: bytes, name: str) -> bytes:
    return zipfile.ZipFile(BytesIO(docx)).read(name)


def _styles(docx: bytes) -> dict[str, etree._Element]:
    return {s.get(f"{W}styleId"): s for s in etree.fromstring(_part(docx, "word/styles.xml")).iter(f"{W}style")}


def _resolved(styles: dict[str, etree._Element], style_id: str, prop: str) -> bool:
    """Whether paragraph property ``prop`` is on in style ``style_id``, through its ``basedOn`` chain."""
    while style_id in styles:
        el = styles[style_id].find(f"{W}pPr/{W}{prop}")
        if el is not None:
            return el.get(f"{W}val", "true") not in ("0", "false", "off")
        based = styles[style_id].find(f"{W}basedOn")
        style_id = based.get(f"{W}val") if based is not None else ""
    return False


def test_every_heading_and_sub_heading_keeps_with_its_next_paragraph_and_holds_together() -> None:
    docx = build_docx(read(SAMPLE).brief)
    styles = _styles(docx)
    for style in sorted(HEADING_STYLES):
        assert _resolved(styles, style, "keepNext"), style
        assert _resolved(styles, style, "keepLines"), style
    # a sub-heading's next paragraph is its first bullet, which need not keep with the second
    assert styles["Subheading"].find(f"{W}next").get(f"{W}val") == "ListBullet"
    assert not _resolved(styles, "ListBullet", "keepNext")
    # nothing forces a page: the export as written carries no page break of its own
    document = _part(docx, "word/document.xml")
    assert b"pageBreakBefore" not in document and b'w:type="page"' not in document


def test_the_kept_paragraphs_are_the_headings_and_sub_headings_in_order() -> None:
    docx = build_docx(read(SAMPLE).brief)
    kept = kept_paragraphs(etree.fromstring(_part(docx, "word/document.xml")),
                           kept_style_ids(_part(docx, "word/styles.xml")))
    texts = [k.text for k in kept]
    assert texts[:4] == ["Focus of the Meetings", "Additional notes", "ALLIED DETERRENCE AND DEFENCE",
                         "Implementation of NATO's new defence plans"]
    assert [k.after_kept for k in kept[:4]] == [False, False, False, True]
    assert "SUPPORT FOR UKRAINE" in texts


def test_a_page_break_before_goes_where_the_schema_puts_it() -> None:
    p = etree.fromstring(f'<w:p xmlns:w="{W[1:-1]}"><w:pPr><w:pStyle w:val="Heading1"/><w:keepNext/>'
                         '<w:numPr><w:numId w:val="2"/></w:numPr><w:spacing w:before="0"/></w:pPr></w:p>')
    assert break_before(p)
    assert [etree.QName(child).localname for child in p[0]] == ["pStyle", "keepNext", "pageBreakBefore", "numPr",
                                                                 "spacing"]
    assert not break_before(p)  # once is enough
    bare = etree.fromstring(f'<w:p xmlns:w="{W[1:-1]}"/>')
    assert break_before(bare) and bare[0][0].tag == f"{W}pageBreakBefore"


def _kept(*texts: str, after: tuple[bool, ...] = ()) -> list[KeptParagraph]:
    return [KeptParagraph(etree.Element("p"), text, index < len(after) and after[index])
            for index, text in enumerate(texts)]


def test_a_heading_at_the_foot_of_a_page_is_found_with_the_run_it_starts() -> None:
    kept = _kept("ALLIED DETERRENCE", "Implementation of plans", "Later heading", after=(False, True, False))
    pages = ["a bullet that ends\ni. allied deterrence\nimplementation of\nplans", "• text\nlater heading\n• more"]
    assert stranded(pages, kept) == [0]  # the heading, not the sub-heading under it
    pages = ["a bullet that ends\ni. allied deterrence\n• a first bullet\nimplementation of plans", "• text"]
    assert stranded(pages, kept) == [1]  # the sub-heading alone, its heading has text under it
    pages = ["text\ni. allied deterrence\n1 a footnote's text", "implementation of plans"]
    assert stranded(pages, kept, notes=["A footnote's text"]) == [0]  # the page's footnotes do not count
    pages = ["text mentioning allied deterrence in passing\nmore text", "i. allied deterrence\n• bullet"]
    assert stranded(pages, kept) == []  # words inside a line are not the heading
    assert stranded(["text\ni. allied deterrence"], kept) == []  # the end of the brief is not a page's foot


# --- the pages LibreOffice lays out -------------------------------------------------------------


def _brief_texts(docx: Path) -> tuple[list[str], list[str]]:
    """The headings' and sub-headings' printed words, and the footnotes', of an exported document."""
    package = zipfile.ZipFile(docx)
    root = etree.fromstring(package.read("word/document.xml"))
    headings = []
    for p in root.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val") in HEADING_STYLES:
            headings.append(_norm("".join(p.itertext())))
    notes = []
    if "word/footnotes.xml" in package.namelist():
        for p in etree.fromstring(package.read("word/footnotes.xml")).iter(f"{W}p"):
            if text := _norm("".join(p.itertext())):
                notes.append(text)
    return headings, notes


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


#: A heading's number as printed before it.
_LABEL = re.compile(r"^(?:[ivxlcdm]+|[a-z]|\d+)\. ")


def pages_ending_with_a_heading(pdf: Path, docx: Path) -> list[tuple[int, str]]:
    """(page, last line) of each page but the last whose last line of text is a heading or sub-heading.

    The running header and the footer (the brief's reference and website, the page number)
    and the footnotes at the foot of a page are not its text.
    """
    headings, notes = _brief_texts(docx)
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          timeout=60, check=True).stdout
    pages = text.split("\f")
    while pages and not pages[-1].strip():
        pages.pop()
    found = []
    for number, page in enumerate(pages[:-1], start=1):
        lines = [_norm(line) for line in page.splitlines() if line.strip()]
        lines = [line for line in lines if not re.fullmatch(r"(www\.\S+\s+)?\d+|\d+ spe \d+ e", line)]
        while lines and any(_LABEL.sub("", re.sub(r"^\d+ ", "", lines[-1])) in note for note in notes):
            lines.pop()  # a footnote, or the last line of one
        for size in (1, 2, 3):  # a heading may wrap over lines
            tail = _LABEL.sub("", " ".join(lines[-size:]))
            if tail in headings:
                found.append((number, " ".join(lines[-size:])))
                break
    return found


def _convert(docxs: list[Path], outdir: Path) -> list[Path]:
    """LibreOffice's own conversion of each document to PDF, as a reader would make it, in one run."""
    profile = (outdir / "profile").as_uri()
    subprocess.run([find_soffice(), "--headless", "--norestore", f"-env:UserInstallation={profile}",
                    "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docxs)], capture_output=True,
                   timeout=600, check=True)
    return [outdir / (docx.stem + ".pdf") for docx in docxs]


def _offsets(tmp_path: Path) -> list[Path]:
    """The sample moved on by a few lines at a time: one-line takeaways put before its own, and
    bullets put under its first heading, so that its headings come to the foot of a page at many
    places (the sample itself, offset 0, is the one LibreOffice got wrong)."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    briefs = []
    for before in range(0, 7):
        for under in (0, 9):
            varied = copy.deepcopy(data)
            if before:
                varied["takeaways"].insert(0, {"bullets": [f"Further point {i}." for i in range(before)]})
            if under:
                varied["sections"][0]["body"].insert(0, {"bullets": [f"Opening point {i}." for i in range(under)]})
            path = tmp_path / f"offset-{before}-{under}.brief.yaml"
            path.write_text(yaml.safe_dump(varied, allow_unicode=True, sort_keys=False), encoding="utf-8")
            briefs.append(path)
    return briefs


@needs_soffice
@needs_pdftotext
def test_no_heading_ends_a_page_of_the_word_export_in_libreoffice(tmp_path) -> None:
    sources = [SAMPLE, LONG, *_offsets(tmp_path)]
    exported = []
    for source in sources:
        target = tmp_path / (source.name.removesuffix(".brief.yaml") + ".docx")
        result = briefbook("export", str(source), "-o", str(target), "--layout")
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        assert "notice" not in result.stderr, result.stderr
        exported.append(target)
    pdfs = _convert(exported, tmp_path / "pdf")
    stranded_pages = {docx.name: found for docx, pdf in zip(exported, pdfs, strict=True)
                      if (found := pages_ending_with_a_heading(pdf, docx))}
    assert stranded_pages == {}
    # the sample's heading is kept with its text by a page break before it, the one the layout asked for
    sample = zipfile.ZipFile(exported[0]).read("word/document.xml").decode()
    assert sample.count("<w:pageBreakBefore/>") == 1
    assert re.search(r"<w:pageBreakBefore/></w:pPr><w:r><w:t>ALLIED DETERRENCE AND DEFENCE<", sample)
    assert_opens_clean(exported[0])


@needs_soffice
@needs_pdftotext
def test_no_heading_ends_a_page_of_the_pdf(tmp_path) -> None:
    for source in (SAMPLE, LONG):
        pdf, docx = tmp_path / f"{source.stem}.pdf", tmp_path / f"{source.stem}.docx"
        for target in (pdf, docx):
            result = briefbook("export", str(source), "-o", str(target))
            assert result.returncode == 0, result.stderr
        assert pages_ending_with_a_heading(pdf, docx) == [], source.name


@needs_soffice
@needs_pdftotext
def test_the_reading_of_the_pages_sees_the_heading_libreoffice_strands(tmp_path) -> None:
    """The check above can fail: the sample as written, with no layout asked for, strands its heading in LibreOffice.

    Should a later LibreOffice keep it with its text by itself, there is nothing to see, and
    this says so rather than pass for the wrong reason.
    """
    plain = tmp_path / "plain.docx"
    plain.write_bytes(build_docx(read(SAMPLE).brief))
    found = pages_ending_with_a_heading(_convert([plain], tmp_path / "pdf")[0], plain)
    if not found:
        pytest.skip("this LibreOffice keeps the sample's heading with its text without help")
    assert found == [(1, "i. allied deterrence and defence")]


def test_a_plain_word_export_is_not_laid_out_unless_asked(tmp_path, monkeypatch) -> None:
    """Laying out takes LibreOffice seconds: a brief without contents is written as it is, keeps and all."""
    from briefbook.cli import main
    from briefbook.render.paged import export as paged_export

    monkeypatch.setattr(paged_export, "convert", lambda *a, **k: pytest.fail("laid out"))
    assert main(["export", str(SAMPLE), "-o", str(tmp_path / "plain.docx"), "-q"]) == 0
    assert "<w:pageBreakBefore/>" not in zipfile.ZipFile(tmp_path / "plain.docx").read("word/document.xml").decode()


def test_a_layout_that_strands_the_sample_s_heading_breaks_the_page_before_it(tmp_path, monkeypatch) -> None:
    """Without LibreOffice: the sample's first layout as LibreOffice 7.4 made it, read back and acted on."""
    numbering = PageNumbering(build_docx(read(SAMPLE).brief))
    pages = ["cover\n• a meeting of the force-contributing members\ntook place on the sidelines of the ministerial."
             "\ni. allied deterrence and defence", "implementation of nato's new defence plans\n• text"]
    monkeypatch.setattr(numbering._keeps, "lines", lambda pdf: pages)  # the PDF's reading: its lines, as read
    numbering.laid_out(b"%PDF")
    assert not numbering.done and numbering.next_layout() is not None  # laid out again, to see the new pages
    document = _part(numbering.docx, "word/document.xml").decode()
    assert document.count("<w:pageBreakBefore/>") == 1
    assert re.search(r"<w:pageBreakBefore/></w:pPr><w:r><w:t>ALLIED DETERRENCE AND DEFENCE<", document)
    target = tmp_path / "kept.docx"
    target.write_bytes(numbering.docx)
    assert_opens_clean(target)
