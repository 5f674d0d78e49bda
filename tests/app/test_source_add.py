"""Adding sources in the window: File ▸ Add Source…, the pane's button and files dropped on it; a text, an
HTML page, a Word document and a PDF, each made here; an untitled brief saved first; files that cannot be
read named in a message; missing and changed stored texts shown, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import test_main_window
import test_source_pane
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from briefbook.app.source_dialog import SourceDetails, date_problem
from briefbook.app.sources_panel import STATE_COLUMN

dialogs, make_window = test_main_window.dialogs, test_main_window.make_window
settings_dir = test_main_window.settings_dir
sourced, window = test_source_pane.sourced, test_source_pane.window

PASSAGE = "Allies agreed to keep the Black Sea open to shipping"


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF whose text layer holds ``text`` (Helvetica, no compression), written by hand."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    content = f"BT /F1 12 Tf 72 720 Td ({escaped}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def make_source(folder: Path, kind: str) -> Path:
    """A file of ``kind`` holding :data:`PASSAGE`, as an analyst would have saved it."""
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "txt":
        path = folder / "statement.txt"
        path.write_text(f"Final statement\n\n{PASSAGE}, the ministers said.\n", encoding="utf-8")
    elif kind == "html":
        path = folder / "statement.html"
        path.write_text("<html><head><title>Ministers' statement</title><script>var tracking = 1;</script>"
                        "</head><body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
                        f"<article><h1>Ministers' statement</h1><p>{PASSAGE}, the ministers said.</p>"
                        "</article></body></html>", encoding="utf-8")
    elif kind == "docx":
        import docx

        path = folder / "statement.docx"
        document = docx.Document()
        document.add_heading("Ministers' statement", level=1)
        document.add_paragraph(f"{PASSAGE}, the ministers said.")
        document.save(str(path))
    else:
        path = folder / "statement.pdf"
        path.write_bytes(minimal_pdf(f"{PASSAGE}, the ministers said."))
    return path


class Answers:
    """Stands in for the file dialog and the details dialog of Add Source."""

    def __init__(self, window, files: list[Path], details: SourceDetails | None = None) -> None:
        self.offered: list[tuple[Path, SourceDetails]] = []
        self.details = details
        actions = window.source_actions
        actions.ask_files = lambda: list(files)
        actions.ask_details = self.answer
        actions.confirm_save_first = lambda: self.offered.append((Path("save first"), SourceDetails(""))) or True

    def answer(self, file: Path, offered: SourceDetails) -> SourceDetails | None:
        self.offered.append((file, offered))
        return self.details or offered


@pytest.mark.parametrize("kind", ["txt", "html", "docx", "pdf"])
def test_add_a_source_of_each_kind(qtbot, window, tmp_path, kind) -> None:
    original = make_source(tmp_path / "downloads", kind)
    answers = Answers(window, [original], SourceDetails("Ministers' statement", "https://example.org/s", "2024-10-17"))
    before = len(window.document.brief.sources)
    window.add_source_action.trigger()
    assert answers.offered[0][0] == original and answers.offered[0][1].title  # prefilled from the extraction
    brief = window.document.brief
    assert len(brief.sources) == before + 1
    source = brief.sources[-1]
    assert (source.title, source.url, source.date) == ("Ministers' statement", "https://example.org/s", "2024-10-17")
    stored = Path(window.document.path).parent / source.file
    assert stored.is_file() and stored.parent.name.endswith(".sources")
    assert PASSAGE in " ".join(stored.read_text(encoding="utf-8").split())
    pane = window.source_pane
    assert pane.isVisible() and pane.current_source() == before and PASSAGE in " ".join(pane.text().split())
    if kind == "html":
        assert "tracking" not in pane.text() and "Home | News" not in pane.text()
    assert window.undo_action.text() == "&Undo Add Source"
    window.undo_action.trigger()
    assert len(window.document.brief.sources) == before
    assert pane.chooser.count() == before


def test_files_dropped_on_the_pane_are_added_in_one_step(qtbot, window, tmp_path) -> None:
    files = [make_source(tmp_path / "a", "txt"), make_source(tmp_path / "b", "html"),
             tmp_path / "a" / "photo.png"]
    files[2].write_bytes(b"\x89PNG")
    answers = Answers(window, [])
    window.source_actions.set_visible(True)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(file)) for file in files])
    before = len(window.document.brief.sources)
    view = window.source_pane.view
    view.dropEvent(QDropEvent(QPointF(view.rect().center()), Qt.DropAction.CopyAction, mime,
                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert [file for file, _ in answers.offered] == files[:2]  # the picture is no source
    assert len(window.document.brief.sources) == before + 2
    assert window.undo_action.text() == "&Undo Add 2 Sources"


def test_an_untitled_brief_is_saved_before_its_first_source(qtbot, make_window, dialogs, tmp_path) -> None:
    window = make_window()
    assert window.document.path is None
    dialogs.save_path = str(tmp_path / "new.brief.yaml")
    answers = Answers(window, [make_source(tmp_path / "in", "txt")])
    window.add_source_action.trigger()
    assert answers.offered[0][0] == Path("save first") and "save_path" in dialogs.asked
    assert window.document.path == str(tmp_path / "new.brief.yaml")
    source = window.document.brief.sources[-1]
    assert (tmp_path / source.file).is_file() and source.file.startswith("new.sources/")


def test_a_file_that_cannot_be_read_is_named_in_a_message(qtbot, window, dialogs, tmp_path) -> None:
    broken = tmp_path / "scan.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    Answers(window, [broken])
    before = len(window.document.brief.sources)
    window.add_source_action.trigger()
    messages = [entry for entry in dialogs.asked if entry.startswith("message:Add Source:")]
    assert len(messages) == 1 and "scan.pdf" in messages[0]
    assert len(window.document.brief.sources) == before and not window.document.is_modified()


def test_missing_and_changed_texts_are_shown_not_raised(qtbot, make_window, sourced) -> None:
    from briefbook.fileformat import read

    brief = read(sourced).brief
    stored = sourced.parent / brief.sources[0].file
    stored.write_text(stored.read_text(encoding="utf-8") + "\nA line added by hand.", encoding="utf-8")
    window = make_window()
    assert window.files.open_file(str(sourced), ask=False)
    window.outline.select(("sources",))
    table = window.pages.sources.table
    assert table.item(0, STATE_COLUMN).text() == "changed"
    assert any(p.path[:2] == ("sources", 0) for p in window.problems.problems)
    assert "A line added by hand." in window.source_pane.text()  # still shown: the text is still used
    stored.unlink()
    window.files.open_file(str(sourced), ask=False)
    window.outline.select(("sources",))
    assert window.pages.sources.table.item(0, STATE_COLUMN).text() == "missing"
    assert window.source_pane.text() == ""
    assert "missing" in window.source_pane.view.placeholderText() or window.source_pane.view.placeholderText()


def test_the_sources_page_shows_and_checks_dates(qtbot, window) -> None:
    window.outline.select(("sources",))
    table = window.pages.sources.table
    headers = [table.horizontalHeaderItem(i).text() for i in range(table.columnCount())]
    assert headers == ["Title", "Address (URL)", "Date", "Stored text", "State"]
    assert table.item(0, 2).text() == window.document.brief.sources[0].date
    assert date_problem("18/10/2024") and date_problem("2024-10-18") == ""


def test_a_date_typed_on_the_sources_page_is_checked(qtbot, window) -> None:
    window.outline.select(("sources",))
    table = window.pages.sources.table
    before = window.document.brief.sources[0].date
    table.item(0, 2).setText("18/10/2024")
    assert window.document.brief.sources[0].date == before and table.item(0, 2).text() == before
    assert "YYYY-MM-DD" in window.statusBar().currentMessage()
    table.item(0, 2).setText(" 2024-10-19 ")
    assert window.document.brief.sources[0].date == "2024-10-19"
    window.undo_action.trigger()
    assert window.document.brief.sources[0].date == before
