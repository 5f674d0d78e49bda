"""The document controller without a window: edits, history, saving, autosave, recovery and the lock."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefbook.document import AppFolders, Change, Document, Splice
from briefbook.document.lock import BriefLock
from briefbook.fileformat import loads, read
from briefbook.model import Address, Section, structure
from briefbook.model.brief import body_text
from briefbook.resources import sample_brief


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "brief" / "sample.brief.yaml"
    target.parent.mkdir()
    shutil.copy(sample_brief(), target)
    return target


@pytest.fixture
def document(qtbot, tmp_path: Path, sample: Path) -> Document:
    document = Document(AppFolders(tmp_path / "data"))
    document.replace(read(sample).brief, str(sample))
    yield document
    document.close()


def test_every_edit_is_in_the_model_at_once(document: Document) -> None:
    changes: list[Change] = []
    document.changed.connect(changes.append)
    body = Address.takeaways()
    end = len(body_text(document.brief))
    for offset, character in enumerate(" Now"):
        document.edit_body(body, Splice(end + offset, "", character))
    assert document.brief.takeaways[-1].items[-1].text.endswith("ministerial. Now")  # nothing to flush
    assert document.is_modified()
    assert [change.from_stack for change in changes] == [False] * 4
    assert document.history.count() == 1
    document.history.undo()
    assert document.brief.takeaways[-1].items[-1].text.endswith("ministerial.")
    assert changes[-1].from_stack and changes[-1].splice == Splice(end, " Now", "")
    assert not document.is_modified()


def test_save_keeps_a_backup_and_marks_the_brief_saved(document: Document, sample: Path) -> None:
    before = sample.read_text(encoding="utf-8")
    document.set_value("Edit Title", Address.cover("title"), "A new title")
    assert document.is_modified()
    assert document.save(str(sample)) is None
    assert not document.is_modified()
    assert read(sample).brief.meta.title == "A new title"
    assert (sample.parent / (sample.name + "~")).read_text(encoding="utf-8") == before


def test_save_as_moves_the_lock_and_the_path(document: Document, sample: Path, tmp_path: Path) -> None:
    assert BriefLock(str(sample)).file.exists()
    other = tmp_path / "other.brief.yaml"
    document.save(str(other))
    assert document.path == str(other) and document.name == "other.brief.yaml"
    assert not BriefLock(str(sample)).file.exists() and BriefLock(str(other)).file.exists()
    document.close()
    assert not BriefLock(str(other)).file.exists()


def test_autosave_is_offered_back_and_discarded_once_saved(qtbot, document: Document, sample: Path,
                                                          tmp_path: Path) -> None:
    document.autosave()
    assert not list((tmp_path / "data").rglob("*.brief.yaml"))  # nothing unsaved, nothing written
    document.set_value("Edit Title", Address.cover("title"), "Unsaved title")
    document.autosave()
    assert document.pending_recovery() == []  # this document is still writing it: not left behind
    again = Document(AppFolders(tmp_path / "data"))
    again.replace(read(sample).brief, str(sample))
    assert again.pending_recovery() == []  # a second window of the same brief does not offer it either
    document.close()  # the session ends without deciding, as a crash would
    [found] = again.pending_recovery()
    assert found.path == str(sample) and loads(found.text()).brief.meta.title == "Unsaved title"
    again.adopt_recovered(loads(found.text()).brief, found, None)
    assert again.is_modified() and again.brief.meta.title == "Unsaved title"
    again.save(str(sample))
    assert again.pending_recovery() == [] and not found.file.exists()
    again.close()


def test_restructure_is_one_step_and_keeps_typed_text(document: Document) -> None:
    body = Address.section(0).body
    text = body_text(document.brief.sections[0])
    document.edit_body(body, Splice(len(text), "", "\n\n\n- typed"))
    typed = body_text(document.brief.sections[0])
    where = document.restructure("Move Section", lambda brief: structure.move(brief, Address.section(0), 1),
                                 Address.section(0))
    assert where == Address.section(1)
    assert body_text(document.brief.sections[1]) == typed  # blank lines as typed travel with the section
    document.history.undo()
    assert body_text(document.brief.sections[0]) == typed
    document.history.undo()
    assert body_text(document.brief.sections[0]) == text


def test_one_step_groups_commands(document: Document) -> None:
    with document.one_step("Insert Footnote"):
        document.restructure("Add Footnote", lambda brief: brief.footnotes.update(new="") or Address.footnotes(),
                             Address.takeaways())
        document.set_value("Edit Footnote", Address.footnotes("new"), "Text.")
    assert document.brief.footnotes["new"] == "Text." and document.history.count() == 1
    document.history.undo()
    assert "new" not in document.brief.footnotes


def test_replace_starts_afresh(document: Document, sample: Path) -> None:
    document.set_value("Edit Title", Address.cover("title"), "Changed")
    replaced: list[object] = []
    document.replaced.connect(replaced.append)
    brief = read(sample).brief
    brief.sections.append(Section("EXTRA"))
    document.replace(brief, None)
    assert replaced == [None] and document.path is None and document.name == "Untitled.brief.yaml"
    assert not document.is_modified() and document.history.count() == 0
    assert not BriefLock(str(sample)).file.exists()
