"""Autosave within seconds, and recovery files offered whatever their age, until the user decides."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from briefbook.document import AppFolders, Document, Splice
from briefbook.document.controller import AUTOSAVE_MAX_MS, AUTOSAVE_PAUSE_MS
from briefbook.document.recovery import Recovery, pending
from briefbook.fileformat import dumps, loads, read
from briefbook.model import Address, structure
from briefbook.model.brief import body_text
from briefbook.resources import sample_brief


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "brief" / "sample.brief.yaml"
    target.parent.mkdir()
    shutil.copy(sample_brief(), target)
    return target


def open_document(folder: Path, sample: Path, **timers: int) -> Document:
    document = Document(AppFolders(folder), **timers)
    result = read(sample)
    document.replace(result.brief, str(sample), disk=result.disk)
    return document


def recovery_files(folder: Path) -> list[Path]:
    return sorted((folder / "recovery").glob("*.brief.yaml")) if (folder / "recovery").is_dir() else []


def type_into(document: Document, section: int, text: str) -> None:
    body = Address.section(section).body
    for character in text:
        end = len(body_text(document.brief.sections[section]))
        document.edit_body(body, Splice(end, "", character))


def test_the_timers_are_those_the_user_is_promised() -> None:
    assert AUTOSAVE_PAUSE_MS <= 2000 and AUTOSAVE_MAX_MS <= 5000


def test_a_pause_in_typing_autosaves(qtbot, tmp_path: Path, sample: Path) -> None:
    document = open_document(tmp_path / "data", sample, autosave_pause_ms=200, autosave_max_ms=60_000)
    type_into(document, 0, " typed")
    assert recovery_files(tmp_path / "data") == []  # not at once: after the pause
    qtbot.waitUntil(lambda: len(recovery_files(tmp_path / "data")) == 1, timeout=5000)
    [file] = recovery_files(tmp_path / "data")
    assert "typed" in body_text(loads(file.read_text(encoding="utf-8")).brief.sections[0])
    document.close()


def test_typing_that_never_pauses_is_autosaved_all_the_same(qtbot, tmp_path: Path, sample: Path) -> None:
    document = open_document(tmp_path / "data", sample, autosave_pause_ms=10_000, autosave_max_ms=300)
    started = time.monotonic()
    while not recovery_files(tmp_path / "data") and time.monotonic() - started < 5:
        type_into(document, 0, "x")  # a key every 20 ms: the pause timer never fires
        qtbot.wait(20)
    assert recovery_files(tmp_path / "data"), "nothing was autosaved while typing went on"
    document.close()


def test_the_incremental_autosave_writes_exactly_what_a_save_would(tmp_path: Path, sample: Path) -> None:
    document = open_document(tmp_path / "data", sample, autosave_pause_ms=60_000, autosave_max_ms=60_000)

    def autosaved() -> str:
        document.autosave()
        [file] = recovery_files(tmp_path / "data")
        return file.read_text(encoding="utf-8")

    steps = [
        lambda: type_into(document, 1, " more"),
        lambda: document.set_value("Edit Title", Address.section(2).child("title"), "RENAMED"),
        lambda: type_into(document, 1, " again"),
        lambda: document.restructure("Move", lambda b: structure.move(b, Address.section(0), 1), Address.section(0)),
        lambda: type_into(document, 0, " after the move"),
        lambda: document.set_value("Edit Title", Address.cover("title"), "A new title"),
        document.history.undo,
        document.history.undo,
        document.history.undo,
        document.history.redo,
        lambda: type_into(document, 2, " last"),
    ]
    for step in steps:
        step()
        if document.is_modified():
            assert autosaved() == dumps(document.brief)
    document.close()


def test_undoing_back_to_the_saved_brief_removes_the_autosave(tmp_path: Path, sample: Path) -> None:
    document = open_document(tmp_path / "data", sample)
    type_into(document, 0, " x")
    document.autosave()
    assert recovery_files(tmp_path / "data")
    document.history.undo()
    document.autosave()
    assert recovery_files(tmp_path / "data") == []
    document.close()


def test_an_autosave_is_offered_even_when_the_file_is_newer(tmp_path: Path, sample: Path) -> None:
    document = open_document(tmp_path / "data", sample)
    type_into(document, 0, " unsaved")
    document.autosave()
    document.close()  # ends without deciding, as a crash does
    later = time.time() + 3600
    os.utime(sample, (later, later))  # a sync or a pull made the file newer
    [found] = pending(AppFolders(tmp_path / "data"), str(sample))
    assert "unsaved" in found.text()


def test_deciding_later_keeps_the_autosave_and_the_next_opening_writes_its_own(tmp_path: Path,
                                                                               sample: Path) -> None:
    first = open_document(tmp_path / "data", sample)
    type_into(first, 0, " first session")
    first.autosave()
    first.close()
    second = open_document(tmp_path / "data", sample)  # the offer was put off
    type_into(second, 0, " second session")
    second.autosave()
    files = recovery_files(tmp_path / "data")
    assert len(files) == 2  # the first session's work was not overwritten
    texts = sorted(file.read_text(encoding="utf-8") for file in files)
    assert any("first session" in t for t in texts) and any("second session" in t for t in texts)
    second.close()
    assert len(pending(AppFolders(tmp_path / "data"), str(sample))) == 2


@pytest.mark.parametrize("note", [
    None, "not json", "[1, 2]", json.dumps({"pid": True}), json.dumps({"pid": -1, "host": "HOST"}),
    json.dumps({"pid": 0, "host": "HOST"}), json.dumps({"pid": 10**40, "host": "HOST"}),
    json.dumps({"pid": 1, "host": "HOST", "started": "another-boot:1"}),
    json.dumps({"pid": "1234", "host": "HOST", "path": 7}),
])
def test_a_recovery_file_with_any_note_is_offered_when_no_running_process_writes_it(
        tmp_path: Path, sample: Path, note: str | None) -> None:
    import socket

    folders = AppFolders(tmp_path / "data")
    recovery = Recovery(folders, str(sample), "crafted")
    recovery.file.parent.mkdir(parents=True)
    recovery.file.write_text(dumps(read(sample).brief), encoding="utf-8")
    if note is not None:
        recovery.note.write_text(note.replace("HOST", socket.gethostname()), encoding="utf-8")
    [found] = pending(folders, str(sample))
    assert found.file == recovery.file and found.saved


def test_an_autosave_of_a_running_process_is_not_offered(tmp_path: Path, sample: Path) -> None:
    import subprocess
    import sys

    folders = AppFolders(tmp_path / "data")
    recovery = Recovery(folders, str(sample), "other")
    recovery.write(dumps(read(sample).brief).encode("utf-8"))
    from briefbook.document import processes

    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as other:
        try:
            note = {**json.loads(recovery.note.read_text()), "pid": other.pid,
                    "started": processes.start_token(other.pid)}
            recovery.note.write_text(json.dumps(note))
            recovery.release()  # not this process's any more: the other one is writing it
            assert pending(folders, str(sample)) == []
        finally:
            other.kill()
    assert len(pending(folders, str(sample))) == 1  # it ended: the work is left behind


def test_what_a_killed_autosave_left_half_written_is_removed(tmp_path: Path, sample: Path) -> None:
    folders = AppFolders(tmp_path / "data")
    recovery = folders.recovery()
    recovery.mkdir(parents=True)
    old, fresh = recovery / ".abc.brief.yaml.x1y2.tmp", recovery / ".def.brief.yaml.z3w4.tmp"
    old.write_text("half", encoding="utf-8")
    fresh.write_text("being written", encoding="utf-8")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    pending(folders, str(sample))
    assert not old.exists() and fresh.exists()  # a write under way is left alone
