"""The exported .docx, read back with python-docx and lxml: structure, styles, notes, links, files.

Expectations come from the brief that was exported (or from the reference text of
brief 182 SPE 24 E), never from the exporter itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from lxml import etree

from briefbook.fileformat import load
from briefbook.languages import language_of
from briefbook.markup import plain_text
from briefbook.model import Brief, Bullet, BulletList, Heading, Meta, Paragraph, Section, footnote_numbers
from briefbook.problems import SaveError
from briefbook.render.docx import build_docx, export_docx

from reference_text import read_reference

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "templates" / "samples" / "182-SPE-24-E.brief.yaml"


def small_brief(**meta) -> Brief:
    return Brief(
        meta=Meta(event="MEETING OF THE\nDEFENCE COMMITTEE", dates="1-2 March 2025", reference="101 DSC 25 E",
                  issued="March 2025", title="FIRST LINE:\nSECOND LINE", **meta),
        takeaways=[
            Paragraph("An *opening* paragraph.[^b]"),
            BulletList([Bullet("**Lead.** Rest", [Bullet("child", [Bullet("grandchild", [Bullet("deeper")])])])]),
            Heading("Focus"),
        ],
        sections=[
            Section("FIRST", [Heading("Sub"), Paragraph("See [the site](https://example.org/a).[^a]")], [
                Section("Second level", [BulletList([Bullet("Again.[^b]")])], [Section("Third level")]),
            ]),
            Section("SECOND", [Paragraph("Undefined note.[^missing]")]),
        ],
        footnotes={"a": "Note A with [a link](https://example.org/note) and **bold**.", "b": "Note B."},
    )


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def xml(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(parts(data)[name])


def text_of(element: etree._Element) -> str:
    """Text as Word shows it (w:t, tabs, breaks), without field codes."""
    out = []
    for el in element.iter(f"{W}t", f"{W}tab", f"{W}br"):
        out.append(el.text or "" if el.tag == f"{W}t" else "\t" if el.tag == f"{W}tab" else "\n")
    return "".join(out)


def body_paragraphs(data: bytes) -> list[tuple[str, str]]:
    body = xml(data, "word/document.xml").find(f"{W}body")
    return [(p.find(f"{W}pPr/{W}pStyle").get(f"{W}val"), text_of(p)) for p in body.iter(f"{W}p")]


@pytest.fixture(scope="module")
def sample() -> Brief:
    return load(SAMPLE)


@pytest.fixture(scope="module")
def sample_docx(sample) -> bytes:
    return build_docx(sample)


def test_anatomy_in_order_with_its_styles():
    brief = small_brief()
    assert body_paragraphs(build_docx(brief)) == [
        ("CoverBody", "NATO PARLIAMENTARY ASSEMBLY"),
        ("CoverEvent", "MEETING OF THE\nDEFENCE COMMITTEE"),
        ("CoverDates", "1-2 March 2025"),
        ("CoverKind", "Policy Brief"),
        ("CoverReference", brief.meta.reference_line(language_of(brief.meta.language))),
        ("CoverDisclaimer", brief.meta.effective_disclaimer(language_of(brief.meta.language))),
        ("Title", "FIRST LINE:\nSECOND LINE"),
        ("BodyText", "An opening paragraph."),
        ("ListBullet", "Lead. Rest"),
        ("ListBullet2", "child"),
        ("ListBullet3", "grandchild"),
        ("ListBullet3", "deeper"),
        ("Subheading", "Focus"),
        ("Heading1", "FIRST"),
        ("Subheading", "Sub"),
        ("BodyText", "See the site."),
        ("Heading2", "Second level"),
        ("ListBullet", "Again.1"),  # the repeated note's mark is a NOTEREF field showing its number
        ("Heading3", "Third level"),
        ("Heading1", "SECOND"),
        ("BodyText", "Undefined note."),
    ]


def test_no_direct_formatting_beyond_bold_italic_and_links(sample_docx):
    allowed_run = {f"{W}rStyle", f"{W}b", f"{W}bCs", f"{W}i", f"{W}iCs"}
    for name in ("word/document.xml", "word/footnotes.xml"):
        root = xml(sample_docx, name)
        for ppr in root.iter(f"{W}pPr"):
            if ppr.getparent().getparent().get(f"{W}type") in ("separator", "continuationSeparator"):
                continue
            assert [child.tag for child in ppr] == [f"{W}pStyle"], name
        for rpr in root.iter(f"{W}rPr"):
            assert {child.tag for child in rpr} <= allowed_run, name


def test_bold_runs_are_those_of_the_reference(sample_docx):
    document = docx.Document(BytesIO(sample_docx))
    found: list[str] = []
    for p in document.paragraphs[7:]:  # after the cover block and the title
        current = ""
        for r in p.runs:
            if r.bold:
                current += r.text
            elif current:
                found.append(current)
                current = ""
        if current:
            found.append(current)
    assert [" ".join(s.split()) for s in found] == [" ".join(s.split()) for s in read_reference().bold_runs()]


def test_sample_sections_are_headings_without_typed_numbers(sample, sample_docx):
    headings = [text for style, text in body_paragraphs(sample_docx) if style == "Heading1"]
    assert headings == [s.title for s in sample.sections]


def test_curly_quotes_and_dashes_are_kept(sample_docx):
    text = "\n".join(t for _, t in body_paragraphs(sample_docx))
    for char in "“”’—":
        assert char in text


def test_hyperlinks_are_relationships_of_the_part_they_sit_in():
    data = build_docx(small_brief())
    files = parts(data)
    for part, rels, url, words in (
        ("word/document.xml", "word/_rels/document.xml.rels", "https://example.org/a", "the site"),
        ("word/footnotes.xml", "word/_rels/footnotes.xml.rels", "https://example.org/note", "a link"),
    ):
        links = list(etree.fromstring(files[part]).iter(f"{W}hyperlink"))
        assert len(links) == 1
        link = links[0]
        assert text_of(link) == words
        assert link.find(f"{W}r/{W}rPr/{W}rStyle").get(f"{W}val") == "Hyperlink"
        relationships = {r.get("Id"): r for r in etree.fromstring(files[rels])}
        rel = relationships[link.get(R_ID)]
        assert (rel.get("Target"), rel.get("TargetMode")) == (url, "External")
        assert rel.get("Type").endswith("/hyperlink")


def test_footnotes_numbered_by_first_appearance_and_repeats_refer_back():
    brief = small_brief()
    data = build_docx(brief)
    notes = [n for n in xml(data, "word/footnotes.xml") if n.get(f"{W}type") is None]
    numbers = footnote_numbers(brief)
    assert numbers == {"b": 1, "a": 2, "missing": 3}
    texts = [text_of(n).strip() for n in notes]
    assert texts == ["Note B.", "Note A with a link and bold.", ""]
    body = xml(data, "word/document.xml")
    refs = [r.get(f"{W}id") for r in body.iter(f"{W}footnoteReference")]
    assert refs == [n.get(f"{W}id") for n in notes]  # one mark per note, in order
    codes = [i.text.strip() for i in body.iter(f"{W}instrText") if "NOTEREF" in i.text]
    assert len(codes) == 1
    target = codes[0].split()[1]
    start = body.find(f".//{W}bookmarkStart[@{W}name='{target}']")
    assert start is not None and start.getnext().find(f"{W}footnoteReference").get(f"{W}id") == refs[0]
    bold = [r for r in notes[1].iter(f"{W}r") if r.find(f"{W}rPr/{W}b") is not None]
    assert text_of(bold[0]) == "bold"


def test_contents_field_holds_its_entries_and_headings_their_bookmarks():
    brief = small_brief(toc=True)
    data = build_docx(brief)
    body = xml(data, "word/document.xml").find(f"{W}body")
    sdt = body.find(f"{W}sdt")
    assert sdt.find(f".//{W}docPartGallery").get(f"{W}val") == "Table of Contents"
    codes = [i.text.strip() for i in sdt.iter(f"{W}instrText")]
    assert codes[0] == 'TOC \\o "1-3" \\h \\z \\u'
    entries = [(p.find(f"{W}pPr/{W}pStyle").get(f"{W}val"), text_of(p)) for p in sdt.iter(f"{W}p")]
    assert entries == [("TOCHeading", "Contents"), ("TOC1", "I.\tFIRST\t"), ("TOC2", "A.\tSecond level\t"),
                       ("TOC3", "1.\tThird level\t"), ("TOC1", "II.\tSECOND\t")]
    kinds = [f.get(f"{W}fldCharType") for f in sdt.iter(f"{W}fldChar")]
    assert kinds.count("begin") == kinds.count("end") == 5  # the TOC and one PAGEREF per entry
    assert all(f.get(f"{W}dirty") is None for f in sdt.iter(f"{W}fldChar"))
    anchors = [link.get(f"{W}anchor") for link in sdt.iter(f"{W}hyperlink")]
    headings = [p for p in body.iterchildren(f"{W}p") if p.find(f"{W}pPr/{W}pStyle").get(f"{W}val").startswith(
        "Heading")]
    assert [p.find(f"{W}bookmarkStart").get(f"{W}name") for p in headings] == anchors
    assert [f"PAGEREF {a} \\h" for a in anchors] == codes[1:]
    assert xml(data, "word/settings.xml").find(f"{W}updateFields") is None
    without = xml(build_docx(small_brief()), "word/document.xml")
    assert without.find(f".//{W}sdt") is None and without.find(f".//{W}bookmarkStart[@{W}name]") is not None


def test_the_same_brief_gives_the_same_bytes(sample):
    first, second = build_docx(sample), build_docx(load(SAMPLE))
    assert first == second
    with zipfile.ZipFile(BytesIO(first)) as z:
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.namelist()[0] == "[Content_Types].xml"


def test_properties_and_language(sample):
    meta = sample.meta
    document = docx.Document(BytesIO(build_docx(sample)))
    props = document.core_properties
    assert props.title == " ".join(plain_text(meta.title).split())
    assert props.subject == " ".join(meta.event.split())
    assert props.author == "NATO Parliamentary Assembly"
    assert props.language == "en-GB"
    assert props.created is None and props.modified is None


def test_a_french_version_is_proofed_in_french():
    data = build_docx(small_brief(language="fr", original="French", toc=True))
    styles = xml(data, "word/styles.xml")
    assert styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val") == "fr-FR"
    assert xml(data, "word/settings.xml").find(f"{W}themeFontLang").get(f"{W}val") == "fr-FR"
    assert docx.Document(BytesIO(data)).core_properties.language == "fr-FR"
    assert ("TOCHeading", "Table des matières") in body_paragraphs(data)


def test_header_footer_carry_reference_website_and_page_number():
    brief = small_brief(website="www.example.int")
    document = docx.Document(BytesIO(build_docx(brief)))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == "101 DSC 25 E"
    assert section.first_page_header.paragraphs[0].text == ""
    for footer in (section.footer, section.first_page_footer):
        assert footer.paragraphs[0].text.startswith("www.example.int")
        codes = [i.text.strip() for i in footer._element.iter(f"{W}instrText")]
        assert codes == ["PAGE"]


JUNK = "Pasted\x00 from\x01 a\x08 PDF\x0b with\x0c junk\x1f\ufffe and a\ttab"


def test_control_characters_are_cleaned_not_written():
    brief = small_brief()
    brief.meta.title = f"TITLE {JUNK}"
    brief.takeaways.append(Paragraph(JUNK))
    brief.footnotes["a"] = JUNK + " [x\x07y](https://example.org/)"
    brief.meta.reference = "101\x02 DSC"
    data = build_docx(brief)
    document = docx.Document(BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    # the markup parser turns NUL into U+FFFD as CommonMark asks; the rest is dropped on writing
    assert "Pasted\ufffd from a PDF with junk and a\ttab" in paragraphs
    assert document.core_properties.title == "TITLE Pasted\ufffd from a PDF with junk and a tab"
    assert document.sections[0].header.paragraphs[0].text == "101 DSC"
    notes = xml(data, "word/footnotes.xml")
    assert [text_of(link) for link in notes.iter(f"{W}hyperlink")] == ["xy"]


def test_a_long_brief_builds_whole():
    sections = [
        Section(f"SECTION {n}",
                [Paragraph("Text.[^n]"), BulletList([Bullet(f"b{k}", [Bullet("c")]) for k in range(30)])],
                [Section("Sub", [BulletList([Bullet("x")] * 10)])])
        for n in range(100)
    ]
    brief = Brief(meta=Meta(title="LONG", toc=True), sections=sections, footnotes={"n": "Once."})
    body = xml(build_docx(brief), "word/document.xml")
    styles = [p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") for p in body.iter(f"{W}p")]
    assert styles.count("ListBullet") == 100 * 40 and styles.count("ListBullet2") == 100 * 30
    assert styles.count("TOC1") == 100 and styles.count("Heading2") == 100
    assert len(list(body.iter(f"{W}footnoteReference"))) == 1
    assert len([i for i in body.iter(f"{W}instrText") if "NOTEREF" in i.text]) == 99


# --- writing the file


def test_export_writes_the_file(tmp_path, sample):
    target = tmp_path / "brief.docx"
    export_docx(sample, target)
    assert target.read_bytes() == build_docx(sample)
    assert list(tmp_path.iterdir()) == [target]


def test_missing_folder_is_a_clear_error(tmp_path, sample):
    target = tmp_path / "no such folder" / "brief.docx"
    with pytest.raises(SaveError) as caught:
        export_docx(sample, target)
    assert str(target) in str(caught.value) and "does not exist" in str(caught.value)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="permissions are not enforced for this user")
def test_unwritable_folder_leaves_the_old_file_untouched(tmp_path, sample):
    target = tmp_path / "brief.docx"
    target.write_bytes(b"the analyst's previous export")
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(SaveError) as caught:
            export_docx(sample, target)
    finally:
        tmp_path.chmod(0o700)
    assert "permission denied" in str(caught.value)
    assert target.read_bytes() == b"the analyst's previous export"
    assert list(tmp_path.iterdir()) == [target]


def test_a_file_locked_by_another_program_is_left_untouched(tmp_path, sample, monkeypatch):
    """On Windows, Word holds its open file; replacing it fails with a permission error."""
    target = tmp_path / "brief.docx"
    target.write_bytes(b"open in Word")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(SaveError) as caught:
        export_docx(sample, target)
    assert str(target) in str(caught.value) and "open in another program" in str(caught.value)
    assert target.read_bytes() == b"open in Word"
    assert list(tmp_path.iterdir()) == [target]


def test_a_folder_in_the_way_is_a_clear_error(tmp_path, sample):
    (tmp_path / "brief.docx").mkdir()
    with pytest.raises(SaveError, match="folder"):
        export_docx(sample, tmp_path / "brief.docx")


def test_importing_the_exporter_does_not_import_qt():
    code = ("import sys, briefbook.render.docx; "
            "sys.exit(any(name.split('.')[0] in ('PySide6', 'shiboken6') for name in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO).returncode == 0


#: Child order of paragraph and run properties in ISO/IEC 29500 (the elements Briefbook or its
#: template may write); Word refuses some files whose properties are out of order.
PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "numPr", "pBdr", "shd", "tabs",
             "spacing", "ind", "contextualSpacing", "jc", "outlineLvl", "rPr"]
RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "noProof", "vanish", "webHidden",
             "color", "spacing", "kern", "sz", "szCs", "u", "vertAlign", "lang"]


@pytest.mark.parametrize("name", ["word/styles.xml", "word/numbering.xml", "word/document.xml",
                                  "word/footnotes.xml", "word/header1.xml", "word/footer1.xml"])
def test_properties_are_in_schema_order(name):
    root = xml(build_docx(small_brief(toc=True)), name)
    for tag, order in ((f"{W}pPr", PPR_ORDER), (f"{W}rPr", RPR_ORDER)):
        for props in root.iter(tag):
            children = [child.tag.removeprefix(W) for child in props]
            assert all(child in order for child in children), (name, children)
            assert children == sorted(children, key=order.index), (name, children)


def test_no_leftovers_of_the_templates_specimen(sample_docx):
    files = parts(sample_docx)
    document_rels = files["word/_rels/document.xml.rels"].decode()
    assert "nato-pa.int" not in document_rels  # the specimen's link
    notes = xml(sample_docx, "word/footnotes.xml")
    assert "specimen" not in text_of(notes) and "footnote text style" not in text_of(notes)
    core = files["docProps/core.xml"].decode()
    assert "template" not in core.lower() and "lastModifiedBy" not in core


def test_the_same_bytes_from_separate_processes(tmp_path):
    """Nothing depends on the process: not hash seeds, not the clock, not the folder."""
    code = ("import sys; from briefbook.fileformat import load; from briefbook.render.docx import export_docx; "
            "export_docx(load(sys.argv[1]), sys.argv[2])")
    outputs = []
    for seed in ("1", "2"):
        target = tmp_path / f"run{seed}" / "brief.docx"
        target.parent.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code, str(SAMPLE), str(target)], check=True, env=env, cwd=tmp_path)
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]


def test_a_section_deeper_than_three_levels_is_drawn_and_listed_at_level_three():
    brief = small_brief(toc=True)
    brief.sections[0].sections[0].sections[0].sections = [Section("Fourth level")]
    body = xml(build_docx(brief), "word/document.xml").find(f"{W}body")
    styled = [(p.find(f"{W}pPr/{W}pStyle").get(f"{W}val"), text_of(p)) for p in body.iterchildren(f"{W}p")]
    assert ("Heading3", "Fourth level") in styled
    entries = [text_of(p) for p in body.find(f"{W}sdt").iter(f"{W}p")]
    assert entries[-2] == "1.\tFourth level\t"
    anchors = [link.get(f"{W}anchor") for link in body.iter(f"{W}hyperlink") if link.get(f"{W}anchor")]
    names = [b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")]
    assert anchors == [n for n in names if n.startswith("_Toc")]
