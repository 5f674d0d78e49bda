"""Briefs written by other programs and by hand in Word, imported: what is recovered and what is reported."""

from __future__ import annotations

import base64
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Inches
from lxml import etree

from briefbook.fileformat import dumps
from briefbook.model import BulletList, Heading, Paragraph, iter_notes
from briefbook.notes import locate
from briefbook.wordimport import import_docx

PANDOC = shutil.which("pandoc")

#: A 1×1 PNG, for a picture in the document.
PIXEL = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
                         "AAAABJRU5ErkJggg==")

MARKDOWN = """\
---
title: "MEETING OF NATO MINISTERS: KEY TAKEAWAYS"
---

Ministers met in **Brussels** with *partners*.

# ALLIED DEFENCE

#### Defence plans

- **Ministers agreed** to move faster.[^plans]
    - A nested point with a [link](https://www.nato.int/).
- Second point.

## Sub-section

Plain paragraph.

### Third level

Closing words.

[^plans]: See the [NATO press release](https://www.nato.int/cps/en/natohq/news.htm).
"""


@pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed")
def test_a_document_pandoc_made_from_markdown(tmp_path):
    source = tmp_path / "brief.md"
    source.write_text(MARKDOWN, encoding="utf-8")
    made = tmp_path / "brief.docx"
    subprocess.run([PANDOC, str(source), "-o", str(made)], check=True, timeout=120)
    imported = import_docx(made)
    brief = imported.brief
    assert brief.meta.title == "MEETING OF NATO MINISTERS: KEY TAKEAWAYS"
    assert brief.takeaways == [Paragraph("Ministers met in **Brussels** with *partners*.")]
    first = brief.sections[0]
    assert first.title == "ALLIED DEFENCE"
    assert isinstance(first.body[0], Heading) and first.body[0].text == "Defence plans"
    bullets = first.body[1]
    assert isinstance(bullets, BulletList)
    fid = next(iter(brief.footnotes))
    assert bullets.items[0].text == f"**Ministers agreed** to move faster.[^{fid}]"
    assert bullets.items[0].children[0].text == "A nested point with a [link](https://www.nato.int/)."
    assert bullets.items[1].text == "Second point."
    assert brief.footnotes[fid] == "See the [NATO press release](https://www.nato.int/cps/en/natohq/news.htm)."
    sub = first.sections[0]
    assert sub.title == "Sub-section" and sub.body == [Paragraph("Plain paragraph.")]
    assert sub.sections[0].title == "Third level" and sub.sections[0].body == [Paragraph("Closing words.")]
    assert imported.remarks == []


def _typed_by_hand(path: Path) -> None:
    """A brief typed in Word by hand: Normal style, typed numbers and bullets, a comment, a table, a picture."""
    document = docx.Document()
    for text in ("NATO PARLIAMENTARY ASSEMBLY", "MEETING OF NATO MINISTERS OF DEFENCE", "17-18 October 2024",
                 "Policy Brief", "182 SPE 24 E | Original: English | October 2024",
                 "This Policy Brief is presented for information only and does not represent the official view "
                 "of the Assembly."):
        document.add_paragraph(text, style="Normal")
    document.add_paragraph("KEY TAKEAWAYS", style="Title")
    intro = document.add_paragraph("Ministers met in Brussels with ")
    marked = intro.add_run("Mark Rutte")
    intro.add_run(" for the first time.")
    document.add_comment([marked], text="Check the spelling.", author="Jane Doe", initials="JD")
    heading = document.add_paragraph()
    heading.add_run("I.\tALLIED DETERRENCE AND DEFENCE").bold = True
    bullet = document.add_paragraph("•\t")
    bullet.add_run("Ministers discussed the plans.").bold = True
    bullet.add_run(" More would follow.")
    nested = document.add_paragraph("o\tA nested point")
    nested.paragraph_format.left_indent = Inches(1)
    sub = document.add_paragraph()
    sub.add_run("A.\tAir and missile defence").bold = True
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Country"
    table.cell(0, 1).text = "Pledge"
    picture = document.add_paragraph("A figure follows.")
    picture.add_run().add_picture(BytesIO(PIXEL))
    changed = document.add_paragraph("Kept words.")
    insertion = etree.SubElement(changed._p, qn("w:ins"), {qn("w:id"): "9", qn("w:author"): "Jane Doe"})
    run = etree.SubElement(insertion, qn("w:r"))
    etree.SubElement(run, qn("w:t")).text = " Inserted words."
    heading = document.add_paragraph()
    heading.add_run("II.\tSUPPORT FOR UKRAINE").bold = True
    document.add_paragraph("- A typed dash bullet")
    document.save(path)


def test_a_brief_typed_by_hand_in_word(tmp_path):
    path = tmp_path / "typed.docx"
    _typed_by_hand(path)
    imported = import_docx(path)
    brief = imported.brief
    meta = brief.meta
    assert (meta.body, meta.event, meta.dates, meta.kind) == (
        "NATO PARLIAMENTARY ASSEMBLY", "MEETING OF NATO MINISTERS OF DEFENCE", "17-18 October 2024", "Policy Brief")
    assert (meta.reference, meta.original, meta.issued) == ("182 SPE 24 E", "English", "October 2024")
    assert meta.disclaimer == ""  # the standard one, worded after the kind
    assert meta.title == "KEY TAKEAWAYS"
    assert [s.title for s in brief.sections] == ["ALLIED DETERRENCE AND DEFENCE", "SUPPORT FOR UKRAINE"]
    first = brief.sections[0]
    items = first.body[0].items
    assert items[0].text == "**Ministers discussed the plans.** More would follow."
    assert items[0].children[0].text == "A nested point"
    sub = first.sections[0]
    assert sub.title == "Air and missile defence"
    assert sub.body == [Paragraph("A figure follows."), Paragraph("Kept words. Inserted words.")]
    assert brief.sections[1].body[0].items[0].text == "A typed dash bullet"
    # the comment comes back as a note on the same words
    (address, note), = list(iter_notes(brief))
    assert (note.text, note.author, note.initials, note.quote) == ("Check the spelling.", "Jane Doe", "JD",
                                                                   "Mark Rutte")
    start, end = locate(brief, address, note)
    assert "Mark Rutte" in dumps(brief)
    # what a brief cannot hold is reported with its place
    report = "\n".join(imported.report())
    assert "a table of 2 rows (“Country Pledge…”) was not imported" in report
    assert "a picture was not imported" in report
    assert "tracked changes" in report
    assert "in “Air and missile defence”" in report
    assert end > start


def test_a_comment_over_a_paragraph_break(tmp_path):
    """A comment over two paragraphs keeps the words of the first, where its range starts."""
    source = tmp_path / "brief.md"
    source.write_text("# FIRST\n\nOne two three.[^a]\n\nFour five.\n\n[^a]: The footnote words.\n", encoding="utf-8")
    made = tmp_path / "brief.docx"
    if PANDOC is None:
        pytest.skip("pandoc is not installed")
    subprocess.run([PANDOC, str(source), "-o", str(made)], check=True, timeout=120)
    document = docx.Document(made)
    paragraphs = [p for p in document.paragraphs if p.text.startswith(("One", "Four"))]
    document.add_comment([paragraphs[0].runs[0], paragraphs[1].runs[0]], text="Across.", author="A")
    document.save(made)
    imported = import_docx(made)
    notes = [note for _, note in iter_notes(imported.brief)]
    assert [(n.text, n.quote) for n in notes] == [("Across.", "One two three.")]


def test_headings_numbered_by_word_at_three_levels_lose_no_words(tmp_path):
    document = docx.Document()
    document.add_paragraph("TITLE", style="Title")
    document.add_paragraph("FIRST", style="Heading 1")
    document.add_paragraph("Second level", style="Heading 2")
    document.add_paragraph("Third level", style="Heading 3")
    document.add_paragraph("A bullet", style="List Bullet")
    document.add_paragraph("A deeper bullet", style="List Bullet 2")
    document.add_paragraph("1. not a heading: a sentence that starts with a number and goes on", style="Normal")
    path = tmp_path / "levels.docx"
    document.save(path)
    brief = import_docx(path).brief
    third = brief.sections[0].sections[0].sections[0]
    assert third.title == "Third level"
    assert third.body[0].items[0].text == "A bullet"
    assert third.body[0].items[0].children[0].text == "A deeper bullet"
    assert third.body[1] == Paragraph("1. not a heading: a sentence that starts with a number and goes on")


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_the_sample_saved_again_by_libreoffice_keeps_every_word(tmp_path):
    """LibreOffice keeps the text, styles, lists and footnotes but not the unprinted part: ids come from words."""
    from briefbook.fileformat import load
    from briefbook.render.docx import export_docx
    from briefbook.resources import sample_brief

    exported = tmp_path / "sample.docx"
    export_docx(load(sample_brief()), exported)
    env = {**__import__("os").environ, "HOME": str(tmp_path)}
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    for source, target in ((exported, "odt"), (tmp_path / "odt" / "sample.odt", 'docx:"MS Word 2007 XML"')):
        folder = tmp_path / target.split(":")[0]
        subprocess.run([SOFFICE, profile, "--headless", "--norestore", "--convert-to", target.replace('"', ""),
                        "--outdir", str(folder), str(source)], check=True, env=env, capture_output=True, timeout=300)
    imported = import_docx(tmp_path / "docx" / "sample.docx")
    original = sample_brief().read_text(encoding="utf-8")
    text = dumps(imported.brief)
    assert text == original.split("sources:")[0].replace("participating-nations", "among-nato-forces")
