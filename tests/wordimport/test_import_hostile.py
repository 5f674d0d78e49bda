"""Documents made to hurt: the import stays linear, refuses what it cannot read, and never raises otherwise."""

from __future__ import annotations

import shutil
import subprocess

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from briefbook.fileformat import dumps
from briefbook.markup import parse
from briefbook.wordimport import import_docx


def _field_char(paragraph, kind: str) -> None:
    run = etree.SubElement(paragraph._p, qn("w:r"))
    etree.SubElement(run, qn("w:fldChar")).set(qn("w:fldCharType"), kind)


def test_fields_that_never_close_and_many_runs_stay_linear(tmp_path):
    """20,000 unclosed fields then 20,000 runs: asking each run about every open field would take minutes."""
    document = docx.Document()
    document.add_paragraph("TITLE", style="Title")
    opened = document.add_paragraph("Before. ")
    for _ in range(20_000):
        _field_char(opened, "begin")
    text = document.add_paragraph()
    for k in range(20_000):
        text.add_run(f"w{k} ")
    path = tmp_path / "fields.docx"
    document.save(path)
    imported = import_docx(path)
    dumps(imported.brief)  # writable


def test_thousands_of_footnotes_get_ids_in_linear_time(tmp_path):
    source = tmp_path / "notes.md"
    source.write_text("# ONE\n\n" + "".join(f"Point {k}.[^n{k}] " for k in range(3000)) + "\n\n"
                      + "".join(f"[^n{k}]: Note {k}.\n" for k in range(3000)), encoding="utf-8")
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed")
    made = tmp_path / "notes.docx"
    subprocess.run(["pandoc", str(source), "-o", str(made)], check=True, timeout=300)
    brief = import_docx(made).brief
    assert len(brief.footnotes) == 3000 and len(set(brief.footnotes)) == 3000
    assert brief.footnotes[next(iter(brief.footnotes))] == "Note 0."


def test_markup_characters_and_control_characters_in_runs(tmp_path):
    document = docx.Document()
    document.add_paragraph("TITLE", style="Title")
    paragraph = document.add_paragraph()
    paragraph.add_run("**not bold** [^x] a_b ")
    paragraph.add_run("bold").bold = True
    paragraph.add_run(" \\ end")
    path = tmp_path / "marks.docx"
    document.save(path)
    text = import_docx(path).brief.takeaways[0].text
    assert "".join(run.text for run in parse(text)) == "**not bold** [^x] a_b bold \\ end"
