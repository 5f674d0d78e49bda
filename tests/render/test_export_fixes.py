"""Export fixes an Assembly editor would otherwise make by hand: long properties, widow control, sub-heading levels."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from briefbook.fileformat import load
from briefbook.render.docx import build_docx

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "templates" / "samples" / "182-SPE-24-E.brief.yaml"


def test_a_title_and_event_longer_than_word_allows_are_shortened_not_refused():
    brief = load(SAMPLE)
    brief.meta.title = "A VERY LONG TITLE " * 30
    brief.meta.event = "word " * 80
    document = docx.Document(io.BytesIO(build_docx(brief)))
    props = document.core_properties
    assert len(props.title) <= 255 and props.title.endswith("…") and props.title.startswith("A VERY LONG TITLE")
    assert len(props.subject) <= 255 and props.subject.endswith("word…")


def test_widow_and_orphan_control_is_on_for_every_paragraph():
    with zipfile.ZipFile(io.BytesIO(build_docx(load(SAMPLE)))) as package:
        styles = package.read("word/styles.xml").decode("utf-8")
    defaults = styles[styles.index("<w:pPrDefault>"):styles.index("</w:pPrDefault>")]
    assert "<w:widowControl/>" in defaults
    assert 'w:widowControl w:val="0"' not in styles


def test_unnumbered_sub_headings_have_an_outline_level_below_the_contents():
    document = docx.Document(io.BytesIO(build_docx(load(SAMPLE))))
    style = document.styles["Subheading"]
    level = style.element.pPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}outlineLvl")
    assert level is not None and level.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "3"
    assert style.base_style.name.casefold() == "heading 4"
    assert style.element.pPr.numPr is None and style.base_style.element.pPr.numPr is None


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_reads_the_sub_headings_as_headings(tmp_path):
    path = tmp_path / "sample.docx"
    path.write_bytes(build_docx(load(SAMPLE)))
    markdown = subprocess.run(["pandoc", "-t", "markdown", str(path)], capture_output=True, text=True,
                              check=True, timeout=120).stdout
    assert "#### Focus of the Meetings" in markdown
    assert "# ALLIED DETERRENCE AND DEFENCE" in markdown


def test_right_to_left_quotations_are_marked_right_to_left_in_word_and_the_preview():
    from briefbook.model.body import set_body_text
    from briefbook.render.html import render_html

    brief = load(SAMPLE)
    arabic_words = "\u0627\u0644\u0633\u0644\u0627\u0645 \u0639\u0644\u064a\u0643\u0645"
    set_body_text(brief.sections[0], f"- \u201c{arabic_words}\u201d, he said.\n"
                                     "- Plain English, with \u05e9\u05dc\u05d5\u05dd inside.")
    with zipfile.ZipFile(io.BytesIO(build_docx(brief))) as package:
        body = package.read("word/document.xml").decode("utf-8")
    arabic = body[:body.index("he said")]
    arabic = arabic[arabic.rindex("<w:p>"):]
    assert "<w:bidi/>" in arabic and "<w:rtl/>" in arabic
    english = body[body.index("Plain English") - 400:body.index("inside")]
    english = english[english.rindex("<w:p>"):]
    assert "<w:bidi/>" not in english and english.count("<w:rtl/>") == 1  # only the Hebrew run
    html = render_html(brief)
    assert html.count('dir="rtl"') == 1
