"""The file changed on disk by someone else: noticed, announced once, and never overwritten unseen."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from briefbook.document import AppFolders, Document
from briefbook.document.watch import DiskChangedError
from briefbook.fileformat import dumps, read
from briefbook.model import Address
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
    result = read(sample)
    document.replace(result.brief, str(sample), disk=result.disk)
    yield document
    document.close()


def colleague_edits(sample: Path, title: str = "Their title", rename: bool = False) -> str:
    """Another program writes a new version, in place or (as many editors do) by a rename."""
    brief = read(sample).brief
    brief.meta.title = title
    text = dumps(brief)
    if rename:
        temporary = sample.with_name(".other-editor.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, sample)
    else:
        sample.write_text(text, encoding="utf-8")
    return text


def test_an_edit_on_disk_is_noticed_by_the_watcher(qtbot, document: Document, sample: Path) -> None:
    with qtbot.waitSignal(document.diskChanged, timeout=5000) as signal:
        colleague_edits(sample)
    change = signal.args[0]
    assert not change.deleted and b"Their title" in change.data


@pytest.mark.parametrize("rename", [False, True])
def test_a_save_refuses_to_overwrite_a_version_it_has_not_seen(document: Document, sample: Path,
                                                               rename: bool) -> None:
    document.set_value("Edit Title", Address.cover("title"), "My title")
    theirs = colleague_edits(sample, rename=rename)
    with pytest.raises(DiskChangedError) as refused:
        document.save(str(sample))
    assert str(sample) in str(refused.value)
    assert sample.read_text(encoding="utf-8") == theirs  # untouched
    assert document.is_modified()
    document.keep_mine(refused.value.change)  # the user chose: theirs is kept elsewhere, mine wins
    document.save(str(sample))
    assert read(sample).brief.meta.title == "My title"


def test_a_save_after_the_change_was_seen_goes_ahead(document: Document, sample: Path) -> None:
    colleague_edits(sample)
    change = document.watch.check(announce=False)
    assert change is not None
    document.keep_mine(change)
    assert document.is_modified()  # the brief shown is not what the file holds
    document.save(str(sample))
    assert read(sample).brief.meta.title != "Their title"


def test_the_same_bytes_written_again_are_no_change(qtbot, document: Document, sample: Path) -> None:
    announced: list[object] = []
    document.diskChanged.connect(announced.append)
    data = sample.read_bytes()
    sample.write_bytes(data)  # a sync tool rewrites the file as it was
    os.utime(sample, (1, 1))
    assert document.watch.check() is None
    qtbot.wait(600)
    assert announced == []
    document.set_value("Edit Title", Address.cover("title"), "Mine")
    document.save(str(sample))  # no conflict


def test_a_change_is_announced_once(qtbot, document: Document, sample: Path) -> None:
    announced: list[object] = []
    document.diskChanged.connect(announced.append)
    colleague_edits(sample)
    document.watch.check()
    document.watch.check()
    qtbot.wait(600)  # the watcher's report comes too, and says nothing new
    assert len(announced) == 1
    colleague_edits(sample, "A second edit")
    document.watch.check()
    assert len(announced) == 2


def test_a_deleted_file_is_reported_and_saving_writes_it_again(qtbot, document: Document, sample: Path) -> None:
    with qtbot.waitSignal(document.diskChanged, timeout=5000) as signal:
        sample.unlink()
    assert signal.args[0].deleted
    document.keep_mine(signal.args[0])
    assert document.is_modified()
    document.save(str(sample))
    assert sample.is_file() and not document.is_modified()


def test_reloading_is_one_undoable_step(document: Document, sample: Path) -> None:
    mine = dumps(document.brief)
    colleague_edits(sample)
    change = document.watch.check()
    result = read(sample)
    document.reload(result.brief, change.version)
    assert document.brief.meta.title == "Their title" and not document.is_modified()
    document.history.undo()
    assert dumps(document.brief) == mine and document.is_modified()
    document.history.redo()
    assert document.brief.meta.title == "Their title" and not document.is_modified()
    assert document.watch.check() is None  # the version reloaded is the version seen


def test_the_watch_follows_a_file_replaced_by_renames(qtbot, document: Document, sample: Path) -> None:
    for number in range(3):  # each rename puts a new file there; the watch must follow each one
        with qtbot.waitSignal(document.diskChanged, timeout=5000) as signal:
            colleague_edits(sample, f"Version {number}", rename=True)
        change = signal.args[0]
        document.reload(read(sample).brief, change.version)
        assert document.brief.meta.title == f"Version {number}"
