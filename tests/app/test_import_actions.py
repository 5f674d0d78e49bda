"""File ▸ Import from Word…: a Word document opened as a new, unsaved brief; what could not come in, listed."""

from __future__ import annotations

import docx
import test_main_window

from briefbook.fileformat import dumps, load
from briefbook.model import Address
from briefbook.render.docx import export_docx

dialogs, make_window, sample = test_main_window.dialogs, test_main_window.make_window, test_main_window.sample
settings_dir, window = test_main_window.settings_dir, test_main_window.window


def test_an_exported_brief_comes_back_unsaved_and_saves_to_the_same_bytes(qtbot, window, dialogs, sample, tmp_path):
    exported = tmp_path / "words" / "182-SPE-24-E.docx"
    exported.parent.mkdir()
    export_docx(load(sample), exported)
    dialogs.import_path = str(exported)
    window.import_action.trigger()
    document = window.document
    assert document.path is None and document.is_modified()
    assert dumps(document.brief) == sample.read_text(encoding="utf-8")
    assert "Imported 182-SPE-24-E.docx: 5 sections, 1 footnote, 0 notes" in window.statusBar().currentMessage()
    assert window.outline.topLevelItemCount() > 0
    suggested = []
    target = tmp_path / "words" / "182-SPE-24-E.brief.yaml"
    window.dialogs.ask_save_path = lambda proposed: suggested.append(proposed) or str(target)
    assert window.save_action.trigger() is None
    assert suggested == [str(target)]  # beside the document, named after it
    assert target.read_bytes() == sample.read_bytes()
    assert not document.is_modified() and document.path == str(target)


def test_what_could_not_be_imported_is_listed_with_its_place(qtbot, window, dialogs, tmp_path):
    made = docx.Document()
    made.add_paragraph("A TITLE", style="Title")
    made.add_paragraph("FIRST", style="Heading 1")
    made.add_paragraph("Some text.")
    made.add_table(rows=2, cols=2).cell(0, 0).text = "Figures"
    path = tmp_path / "tabled.docx"
    made.save(path)
    dialogs.import_path = str(path)
    window.import_action.trigger()
    assert window.document.brief.sections[0].title == "FIRST"
    listed = [a for a in dialogs.asked if a.startswith("problems:")]
    assert len(listed) == 1
    assert "tabled.docx: warning: after paragraph 3 (in “FIRST”): a table of 2 rows (“Figures" in listed[0]


def test_a_file_that_is_no_word_document_changes_nothing(qtbot, window, dialogs, sample, tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"plain text, not a document")
    before = dumps(window.document.brief)
    dialogs.import_path = str(bad)
    window.import_action.trigger()
    assert any(a.startswith("message:Cannot import:") and "not a Word document" in a for a in dialogs.asked)
    assert dumps(window.document.brief) == before and window.document.path == str(sample)


def test_unsaved_work_is_asked_about_first_and_cancel_keeps_it(qtbot, window, dialogs, sample, tmp_path):
    window.document.set_value("Edit Event", Address.cover("event"), "EDITED")
    dialogs.save_changes = "cancel"
    dialogs.import_path = str(tmp_path / "never-asked.docx")
    window.import_action.trigger()
    assert "save_changes" in dialogs.asked and "import_path" not in dialogs.asked
    assert window.document.brief.meta.event == "EDITED"


def test_opening_a_word_document_imports_it(qtbot, make_window, dialogs, sample, tmp_path):
    exported = tmp_path / "from-word.docx"
    export_docx(load(sample), exported)
    window = make_window()
    dialogs.open_path = str(exported)
    window.open_action.trigger()
    assert window.document.path is None and window.document.is_modified()
    assert dumps(window.document.brief) == sample.read_text(encoding="utf-8")
