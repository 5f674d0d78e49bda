"""``briefbook import BRIEF.docx``: the brief file written, what was not imported said, refusals clear."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest

from briefbook.cli import main
from briefbook.fileformat import load
from briefbook.render.docx import export_docx
from briefbook.resources import sample_brief
from briefbook.wordimport import WordImportError, import_docx


def test_import_writes_the_brief_beside_the_document(tmp_path, capsys) -> None:
    exported = tmp_path / "182-SPE-24-E.docx"
    export_docx(load(sample_brief()), exported)
    assert main(["import", str(exported)]) == 0
    written = tmp_path / "182-SPE-24-E.brief.yaml"
    assert written.read_bytes() == sample_brief().read_bytes()
    out = capsys.readouterr().out
    assert f"Imported {exported} to {written} (5 sections, 1 footnote, 0 notes)" in out


def test_an_existing_brief_is_not_overwritten_without_force(tmp_path, capsys) -> None:
    exported = tmp_path / "brief.docx"
    export_docx(load(sample_brief()), exported)
    target = tmp_path / "out.brief.yaml"
    target.write_text("mine", encoding="utf-8")
    assert main(["import", str(exported), "-o", str(target)]) == 1
    assert "already exists; not overwritten (use --force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mine"
    assert main(["import", str(exported), "-o", str(target), "--force", "-q"]) == 0
    assert Path(f"{target}~").read_text(encoding="utf-8") == "mine"  # the previous file is kept


def test_what_was_not_imported_is_printed_with_its_place(tmp_path, capsys) -> None:
    document = docx.Document()
    document.add_paragraph("TITLE", style="Title")
    document.add_paragraph("FIRST", style="Heading 1")
    document.add_paragraph("Before the table.")
    document.add_table(rows=3, cols=1).cell(0, 0).text = "Figures"
    path = tmp_path / "tabled.docx"
    document.save(path)
    assert main(["import", str(path)]) == 0
    err = capsys.readouterr().err
    assert f"{path}: after paragraph 3 (in “FIRST”): a table of 3 rows (“Figures…”) was not imported" in err


@pytest.mark.parametrize(("content", "says"), [
    (b"not a zip at all", "it is not a Word document (.docx)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "it is a Word 97-2003 document (.doc)"),
    (None, "it is damaged or not a Word document"),
])
def test_what_is_not_a_word_document_is_refused_by_name(tmp_path, capsys, content, says) -> None:
    path = tmp_path / "bad.docx"
    if content is None:  # a zip with a content-types entry but no document in it
        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w") as package:
            package.writestr("[Content_Types].xml", "<Types/>")
        content = buffer.getvalue()
    path.write_bytes(content)
    with pytest.raises(WordImportError, match=re.escape(says)):
        import_docx(path)
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert str(path) in err and says in err and "Traceback" not in err
    assert not (tmp_path / "bad.brief.yaml").exists()


def test_a_folder_and_a_missing_file_are_refused(tmp_path, capsys) -> None:
    assert main(["import", str(tmp_path)]) == 1
    assert main(["import", str(tmp_path / "none.docx")]) == 1
    err = capsys.readouterr().err
    assert "it is a folder" in err and "no such file" in err
