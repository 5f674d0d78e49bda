"""File ▸ Export to PDF… and the Word export of a brief with contents, laid out by LibreOffice."""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

import pytest
import test_main_window
from lxml import etree

from briefbook.render.docx.toc import listed_headings
from briefbook.render.paged.soffice import find_soffice

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "render"))
from paged_check import contents_and_pages  # noqa: E402 - the render tests' reader of PDFs

make_window, settings_dir = test_main_window.make_window, test_main_window.settings_dir
dialogs = test_main_window.dialogs
LONG = Path(__file__).resolve().parents[2] / "templates" / "starters" / "long-brief.brief.yaml"
needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
SHOTS = Path("/tmp/shots-pdf")


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A cache folder of the test's own, so its LibreOffice profiles can be looked for among the processes."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


@pytest.fixture
def long_window(make_window, tmp_path, cache):
    path = tmp_path / "briefs" / "long.brief.yaml"
    path.parent.mkdir()
    shutil.copy(LONG, path)
    window = make_window()
    assert window.files.open_file(str(path), ask=False)
    return window


def running_with(folder: Path) -> list[int]:
    """Processes whose command line names ``folder`` (LibreOffice in one of its profiles)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if str(folder).encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def headings_of(docx: Path) -> list[str]:
    root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    return [f"{h.label} {h.title}" for h in listed_headings(root)]


@needs_soffice
def test_export_to_pdf_shows_progress_then_the_notice(qtbot, long_window, dialogs, tmp_path) -> None:
    window, target = long_window, tmp_path / "out" / "brief"
    target.parent.mkdir()
    window.dialogs.ask_pdf_path = lambda suggested: dialogs.asked.append(f"pdf:{suggested}") or str(target)
    window.export_pdf_action.trigger()
    files = window.files
    assert files.layout_run.busy() and files.layout_progress.isVisible()
    assert dialogs.asked[-1].startswith("pdf:") and dialogs.asked[-1].endswith("long.pdf")
    qtbot.waitUntil(lambda: "LibreOffice" in files.layout_progress.label.text(), timeout=30000)
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "pdf-progress.png"))
    qtbot.waitUntil(lambda: not files.layout_run.busy(), timeout=180000)
    made = tmp_path / "out" / "brief.pdf"
    assert made.read_bytes().startswith(b"%PDF")
    assert files.export_notice.text() == f"Exported {made}" and not files.layout_progress.isVisible(), dialogs.asked
    window.grab().save(str(SHOTS / "pdf-done.png"))
    docx = tmp_path / "check.docx"
    window.document.export(str(docx))
    numbers, pages = contents_and_pages(made, headings_of(docx))
    assert numbers == [str(page) for page in pages] and numbers[0] == "1"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="looks for LibreOffice among /proc's processes")
@needs_soffice
def test_cancel_stops_libreoffice_and_writes_nothing(qtbot, long_window, dialogs, tmp_path, cache) -> None:
    window, target = long_window, tmp_path / "brief.pdf"
    window.dialogs.ask_pdf_path = lambda suggested: str(target)
    window.export_pdf_action.trigger()
    files = window.files
    qtbot.waitUntil(lambda: bool(running_with(cache)), timeout=30000)  # LibreOffice has started
    files.layout_progress.cancel_button.click()
    qtbot.waitUntil(lambda: not files.layout_run.busy(), timeout=30000)
    assert not target.exists()
    assert "cancelled" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not running_with(cache), timeout=10000)


@needs_soffice
def test_word_export_of_a_brief_with_contents_writes_the_page_numbers(qtbot, long_window, tmp_path) -> None:
    window, target = long_window, tmp_path / "out.docx"
    assert window.files.export_to(str(target))
    qtbot.waitUntil(lambda: not window.files.layout_run.busy(), timeout=180000)
    xml = zipfile.ZipFile(target).read("word/document.xml")
    root = etree.fromstring(xml)
    results = []
    for link in root.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}hyperlink"):
        texts = [t.text for t in link.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")]
        results.append(texts[-1])
    assert results[:2] == ["1", "2"] and len(results) == 11


def test_without_libreoffice_pdf_is_refused_in_words_and_word_is_written_with_a_notice(
        qtbot, long_window, dialogs, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("BRIEFBOOK_SOFFICE", "")
    window = long_window
    window.dialogs.ask_pdf_path = lambda suggested: pytest.fail("asked for a name it cannot use")
    assert not window.files.export_pdf_dialog()
    assert any(a.startswith("message:Cannot export:LibreOffice is needed to make a PDF") for a in dialogs.asked)
    for name in ("one.docx", "two.docx"):
        assert window.files.export_to(str(tmp_path / name))
        assert (tmp_path / name).is_file()
    assert sum("Contents without page numbers" in a for a in dialogs.asked) == 1  # said once, not at every export
    assert not window.files.layout_run.busy()


def test_the_pdf_action_is_in_the_file_menu(long_window) -> None:
    texts = [a.text() for a in long_window.menuBar().actions()[0].menu().actions()]
    assert "Export to &PDF…" in texts
