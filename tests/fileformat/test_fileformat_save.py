"""Saving keeps the previous version as ``NAME~``, atomically, on every save path.

The backup is only ever replaced by a complete, synced copy: a fault injected at each
step of a save (in the middle of copying, before a sync, before a rename) must leave
the file and its backup each whole — the old version or the new, never a mix or a
truncated file.
"""

from __future__ import annotations

import itertools
import os
import random
import shutil
import stat
from pathlib import Path

import pytest
from test_fileformat_write import make_brief

from briefbook.fileformat import dumps, save
from briefbook.fileformat.saving import SaveResult, backup_path
from briefbook.model import Brief, Meta, Paragraph
from briefbook.problems import SaveError


def brief_titled(title: str) -> Brief:
    return Brief(Meta(title=title), takeaways=[Paragraph(f"The text of {title}.")])


def encoded(brief: Brief) -> bytes:
    return dumps(brief).encode("utf-8")


def leftovers(folder: Path, *expected: str) -> list[str]:
    """Files in ``folder`` other than ``expected``: temporary files a save left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name not in expected)


def test_the_first_save_of_a_file_keeps_no_backup(tmp_path: Path) -> None:
    target = tmp_path / "b.brief.yaml"
    result = save(brief_titled("one"), target)
    assert result == SaveResult(target, None, "")
    assert not result.backup_kept
    assert leftovers(tmp_path, "b.brief.yaml") == []


def test_saving_again_keeps_the_previous_version_as_the_backup(tmp_path: Path) -> None:
    target = tmp_path / "b.brief.yaml"
    first, second, third = brief_titled("one"), brief_titled("two"), brief_titled("three")
    save(first, target)
    result = save(second, target)
    assert result.backup == tmp_path / "b.brief.yaml~" == backup_path(target)
    assert result.backup_kept and result.backup_error == ""
    assert (tmp_path / "b.brief.yaml~").read_bytes() == encoded(first)
    assert target.read_bytes() == encoded(second)
    save(third, target)
    assert (tmp_path / "b.brief.yaml~").read_bytes() == encoded(second)
    assert leftovers(tmp_path, "b.brief.yaml", "b.brief.yaml~") == []


def test_the_backup_is_the_file_as_it_was_even_if_another_program_wrote_it(tmp_path: Path) -> None:
    target = tmp_path / "b.brief.yaml"
    target.write_bytes(b"briefbook: 1\n# hand-edited\n")
    save(brief_titled("one"), target)
    assert (tmp_path / "b.brief.yaml~").read_bytes() == b"briefbook: 1\n# hand-edited\n"


def test_the_backup_keeps_the_permissions_of_the_file(tmp_path: Path) -> None:
    target = tmp_path / "b.brief.yaml"
    save(brief_titled("one"), target)
    target.chmod(0o640)
    save(brief_titled("two"), target)
    assert stat.S_IMODE((tmp_path / "b.brief.yaml~").stat().st_mode) == 0o640
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_saving_through_a_symbolic_link_writes_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    real_folder = tmp_path / "synced"
    real_folder.mkdir()
    real = real_folder / "182.brief.yaml"
    save(brief_titled("one"), real)
    link = tmp_path / "current.brief.yaml"
    link.symlink_to(real)
    result = save(brief_titled("two"), link)
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_bytes() == encoded(brief_titled("two"))
    assert result.path == real.resolve()
    # the backup is of the file itself, beside it
    assert result.backup == real.resolve().with_name("182.brief.yaml~")
    assert (real_folder / "182.brief.yaml~").read_bytes() == encoded(brief_titled("one"))
    assert leftovers(tmp_path, "synced", "current.brief.yaml") == []
    assert leftovers(real_folder, "182.brief.yaml", "182.brief.yaml~") == []


def test_a_backup_that_cannot_be_kept_does_not_fail_the_save(tmp_path: Path) -> None:
    target = tmp_path / "b.brief.yaml"
    save(brief_titled("one"), target)
    (tmp_path / "b.brief.yaml~").mkdir()  # something in the backup's place that a file cannot replace
    result = save(brief_titled("two"), target)
    assert target.read_bytes() == encoded(brief_titled("two"))
    assert result.backup is None and not result.backup_kept
    assert result.backup_error  # the reason, for "No backup copy kept: …"
    assert leftovers(tmp_path, "b.brief.yaml", "b.brief.yaml~") == []


def test_an_unreadable_previous_version_is_reported_and_the_save_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "b.brief.yaml"
    save(brief_titled("one"), target)
    save(brief_titled("two"), target)

    def refuse(source, destination, *args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(shutil, "copyfileobj", refuse)
    result = save(brief_titled("three"), target)
    assert result.backup_error == "Permission denied" and result.backup is None
    assert target.read_bytes() == encoded(brief_titled("three"))
    assert (tmp_path / "b.brief.yaml~").read_bytes() == encoded(brief_titled("one")), "the old backup is kept"
    assert leftovers(tmp_path, "b.brief.yaml", "b.brief.yaml~") == []


def test_a_failure_in_the_middle_of_the_backup_leaves_the_old_backup_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "b.brief.yaml"
    old, previous, new = (make_brief(random.Random(seed)) for seed in (1, 2, 3))
    save(old, target)
    save(previous, target)
    real_copy = shutil.copyfileobj

    def half_then_full_disk(source, destination, *args):
        data = source.read()
        destination.write(data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copyfileobj", half_then_full_disk)
    result = save(new, target)
    assert result.backup_error == "No space left on device"
    assert (tmp_path / "b.brief.yaml~").read_bytes() == encoded(old)
    assert leftovers(tmp_path, "b.brief.yaml", "b.brief.yaml~") == []
    monkeypatch.setattr(shutil, "copyfileobj", real_copy)
    save(new, target)
    assert (tmp_path / "b.brief.yaml~").read_bytes() == encoded(new), "the next save keeps a backup again"


def test_a_failed_save_changes_neither_the_file_nor_its_backup(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "b.brief.yaml"
    save(brief_titled("one"), target)
    save(brief_titled("two"), target)
    real_replace = os.replace

    def refuse_the_brief(source, destination):
        if Path(destination).name == "b.brief.yaml":
            raise PermissionError(13, "Permission denied", str(destination))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", refuse_the_brief)
    with pytest.raises(SaveError, match="permission denied"):
        save(brief_titled("three"), target)
    assert target.read_bytes() == encoded(brief_titled("two"))
    assert (tmp_path / "b.brief.yaml~").read_bytes() == encoded(brief_titled("one"))
    assert leftovers(tmp_path, "b.brief.yaml", "b.brief.yaml~") == []


def test_a_brief_that_cannot_be_written_out_touches_nothing(tmp_path: Path) -> None:
    target = tmp_path / "b.brief.yaml"
    save(brief_titled("one"), target)
    save(brief_titled("two"), target)
    with pytest.raises(SaveError, match="U\\+D800"):
        save(Brief(Meta(title="broken \ud800")), target)
    assert (tmp_path / "b.brief.yaml~").read_bytes() == encoded(brief_titled("one"))
    assert leftovers(tmp_path, "b.brief.yaml", "b.brief.yaml~") == []


class Killed(BaseException):
    """The process dying at this point: nothing after it runs, not even ``except Exception``."""


def _die_at(step: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the ``step``-th copy, sync or rename of the save the moment the process dies."""
    counter = itertools.count()
    real_replace, real_fsync = os.replace, os.fsync

    def point() -> None:
        if next(counter) == step:
            raise Killed

    def copy(source, destination, *args):
        data = source.read()
        destination.write(data[: len(data) // 2])
        point()  # dying half way through the copy
        destination.write(data[len(data) // 2:])

    def fsync(fd: int) -> None:
        point()
        real_fsync(fd)

    def replace(source, destination) -> None:
        point()
        real_replace(source, destination)

    monkeypatch.setattr(shutil, "copyfileobj", copy)
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)


def test_dying_at_any_step_leaves_a_whole_file_and_a_whole_backup(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old, previous, new = (make_brief(random.Random(seed)) for seed in (4, 5, 6))
    for step in itertools.count():
        folder = tmp_path / f"step{step}"
        folder.mkdir()
        target = folder / "b.brief.yaml"
        save(old, target)
        save(previous, target)
        with monkeypatch.context() as patch:
            _die_at(step, patch)
            try:
                save(new, target)
            except Killed:
                died = True
            else:
                died = False
        file, backup = target.read_bytes(), (folder / "b.brief.yaml~").read_bytes()
        assert file in (encoded(previous), encoded(new)), step
        assert backup in (encoded(old), encoded(previous)), step
        if not died:
            assert step > 3, "a save has at least a copy, syncs and renames to die in"
            assert (file, backup) == (encoded(new), encoded(previous))
            assert leftovers(folder, "b.brief.yaml", "b.brief.yaml~") == []
            break
