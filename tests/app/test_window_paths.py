"""The editor's open, save and export meet files that are not ordinary: each is refused with words, at once.

The window is built as in ``test_main_window.py``; its message and problem dialogs are
replaced by recorders, so what the analyst would read is what the test reads.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from briefbook.app.main_window import MainWindow
from briefbook.app.session import Session
from briefbook.document import AppFolders
from briefbook.resources import sample_brief


@pytest.fixture
def window(qtbot, tmp_path: Path) -> tuple[MainWindow, list[str]]:
    shown: list[str] = []
    window = MainWindow(Session(AppFolders(tmp_path / "settings")))
    window.dialogs.show_message = lambda title, text, error=False: shown.append(f"{title}: {text}")
    window.dialogs.show_problems = lambda title, intro, problems: shown.append(
        f"{title}: " + "\n".join(p.format() for p in problems))
    window.dialogs.confirm_comments_lost = lambda path: True
    qtbot.addWidget(window)
    sample = tmp_path / "briefs" / "182.brief.yaml"
    sample.parent.mkdir()
    shutil.copy(sample_brief(), sample)
    assert window.files.open_file(str(sample), ask=False)
    return window, shown


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_opening_a_named_pipe_says_so_and_keeps_the_brief(window, tmp_path: Path) -> None:
    window, shown = window
    pipe = tmp_path / "pipe.brief.yaml"
    os.mkfifo(pipe)
    title = window.document.brief.meta.title
    assert not window.files.open_file(str(pipe), ask=False)
    assert shown == [f"Cannot open brief: {pipe}:1:1: error: cannot read the file: "
                     "it is a named pipe (FIFO), not an ordinary file"]
    assert window.document.brief.meta.title == title


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_given_at_start_is_named_as_one(window, tmp_path: Path) -> None:
    window, shown = window
    pipe = tmp_path / "start.brief.yaml"
    os.mkfifo(pipe)
    assert window.files.open_last(str(pipe))  # the editor starts, without the pipe
    assert shown == [f"Cannot open brief: {pipe}:1:1: error: cannot read the file: "
                     "it is a named pipe (FIFO), not an ordinary file"]


def test_saving_over_a_read_only_file_says_it_is_read_only(window, tmp_path: Path) -> None:
    window, shown = window
    locked = tmp_path / "locked.brief.yaml"
    locked.write_bytes(b"briefbook: 1\n")
    locked.chmod(0o444)
    assert not window.files.save_to(str(locked))
    assert len(shown) == 1 and shown[0].startswith(f"Cannot save: Cannot write {locked}: the file is read-only.")
    assert locked.read_bytes() == b"briefbook: 1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefs", "locked.brief.yaml", "settings"]


def test_exporting_over_a_folder_or_a_nul_name_says_why(window, tmp_path: Path) -> None:
    window, shown = window
    (tmp_path / "out.docx").mkdir()
    assert not window.files.export_to(str(tmp_path / "out.docx"))
    assert not window.files.export_to(str(tmp_path / "o\0ut.docx"))
    assert not window.files.save_to(str(tmp_path / ("x" * 300 + ".brief.yaml")))
    assert shown == [f"Cannot export: Cannot write {tmp_path / 'out.docx'}: it is a folder.",
                     f"Cannot export: Cannot write {tmp_path / 'o'}\0ut.docx: the file name is not valid "
                     "(it holds a NUL character).",
                     f"Cannot save: Cannot write {tmp_path / ('x' * 300 + '.brief.yaml')}: the file name is too "
                     "long for this disk; choose a shorter name."]
