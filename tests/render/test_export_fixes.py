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
