"""A full disk and failing writes: the save or export fails with "the disk is full", nothing is half-written.

Two ways: a real small disk (a tmpfs of 512 KiB, filled to within a few KiB), which
needs root and a system that lets a test mount one — the test says why when it skips —
and, everywhere, writes and syncs that fail with ENOSPC at every point of a save and
an export, with the file hard-linked or not.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import itertools
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefbook.fileformat import dumps, load, save
from briefbook.model import Brief
from briefbook.problems import SaveError
from briefbook.render.docx import build_docx, export_docx
from briefbook.resources import sample_brief, starter_templates

from conftest import REPO


@functools.cache
def versions() -> tuple[Brief, Brief, Brief]:
    """The oldest version (in the backup), the old one (the file) and the new one (being saved)."""
    return load(starter_templates()["key-takeaways"]), load(starter_templates()["long-brief"]), load(sample_brief())


def encoded(brief) -> bytes:
    return dumps(brief).encode("utf-8")


def temporaries(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


# -- a real small disk ---------------------------------------------------------------------------------
@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root; the simulated full disk below runs in its place")
    if shutil.which("mount") is None:
        pytest.skip("no mount command here; the simulated full disk below runs in its place")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(disk)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"this system refused to mount a tmpfs ({mounted.stderr.strip() or mounted.returncode}); "
                    "the simulated full disk below runs in its place")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def fill(disk: Path, leave: int) -> None:
    """Fill the disk, then free ``leave`` bytes of it again."""
    fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
        size = os.fstat(fd).st_size
        os.ftruncate(fd, max(0, size - leave))
    finally:
        os.close(fd)


def test_saving_and_exporting_to_a_full_disk(small_disk: Path) -> None:
    OLDEST, OLD, NEW = versions()
    brief, backup, out = small_disk / "b.brief.yaml", small_disk / "b.brief.yaml~", small_disk / "b.docx"
    outcomes = []
    for leave in (0, 2048, 4096, 8192, 12288, 16384, 24576, 32768, 49152, 65536, 131072):
        for name in os.listdir(small_disk):
            os.unlink(small_disk / name)
        save(OLDEST, brief)
        save(OLD, brief)
        export_docx(OLD, out)
        fill(small_disk, leave)
        try:
            result = save(NEW, brief)
        except SaveError as exc:
            assert "the disk is full" in str(exc), exc
            assert (brief.read_bytes(), backup.read_bytes()) == (encoded(OLD), encoded(OLDEST)), leave
            outcomes.append("failed")
        else:
            assert brief.read_bytes() == encoded(NEW)
            assert backup.read_bytes() == (encoded(OLD) if result.backup_kept else encoded(OLDEST))
            outcomes.append("saved" if result.backup_kept else "saved without backup")
        assert temporaries(small_disk) == [], leave
        try:
            export_docx(NEW, out)
        except SaveError as exc:
            assert "the disk is full" in str(exc)
            assert out.read_bytes() == build_docx(OLD)
        else:
            assert out.read_bytes() == build_docx(NEW)
        assert temporaries(small_disk) == [], leave
    assert outcomes[0] == "failed" and outcomes[-1] == "saved", outcomes


def test_the_command_on_a_full_disk_says_so(small_disk: Path) -> None:
    fill(small_disk, 0)
    out = small_disk / "b.docx"
    result = subprocess.run([sys.executable, "-m", "briefbook", "export", str(sample_brief()), "-o", str(out)],
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
    assert result.returncode == 1
    assert f"Cannot write {out}: the disk is full" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(os.listdir(small_disk)) == ["filler"]


# -- writes that fail, simulated ---------------------------------------------------------------------
class FailingWrites:
    """File objects from ``os.fdopen`` whose ``failing``-th write stores half its data, then fails with ENOSPC."""

    def __init__(self, failing: int) -> None:
        self.failing = failing
        self.writes = itertools.count()
        self.real_fdopen = os.fdopen

    def fdopen(self, fd: int, *args, **kwargs):
        return _FailingFile(self, self.real_fdopen(fd, *args, **kwargs))


class _FailingFile:
    def __init__(self, owner: FailingWrites, file) -> None:
        self._owner, self._file = owner, file

    def write(self, data: bytes) -> int:
        if next(self._owner.writes) == self._owner.failing:
            self._file.write(data[: len(data) // 2])
            self._file.flush()
            raise OSError(errno.ENOSPC, "No space left on device")
        return self._file.write(data)

    def __getattr__(self, name: str):
        return getattr(self._file, name)

    def __enter__(self) -> _FailingFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._file.close()


@pytest.mark.parametrize("hard_linked", [False, True], ids=["one name", "hard-linked"])
def test_a_write_failing_at_each_point_of_a_save_leaves_the_old_files_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hard_linked: bool) -> None:
    OLDEST, OLD, NEW = versions()
    for failing in itertools.count():
        folder = tmp_path / f"write{failing}"
        folder.mkdir()
        brief, backup = folder / "b.brief.yaml", folder / "b.brief.yaml~"
        save(OLDEST, brief)
        save(OLD, brief)
        if hard_linked:
            os.link(brief, folder / "other-name.brief.yaml")
        faults = FailingWrites(failing)
        with monkeypatch.context() as patch:
            patch.setattr(os, "fdopen", faults.fdopen)
            try:
                result = save(NEW, brief)
            except SaveError as exc:
                assert "the disk is full" in str(exc)
                assert brief.read_bytes() == encoded(OLD), failing
                assert backup.read_bytes() in (encoded(OLDEST), encoded(OLD)), failing
                failed = True
            else:
                assert brief.read_bytes() == encoded(NEW)
                assert backup.read_bytes() == (encoded(OLD) if result.backup_kept else encoded(OLDEST))
                failed = False
        assert temporaries(folder) == [], failing
        if hard_linked:
            assert (folder / "other-name.brief.yaml").read_bytes() == brief.read_bytes()
        if not failed and result.backup_kept:
            assert failing >= 2, "a save writes the backup and the brief before it can succeed"
            break


def test_a_sync_failing_at_each_point_of_an_export_leaves_the_old_export(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, OLD, NEW = versions()
    out = tmp_path / "b.docx"
    export_docx(OLD, out)
    real_fsync = os.fsync
    for failing in itertools.count():
        syncs = itertools.count()

        def fsync(fd: int, syncs=syncs, failing=failing) -> None:
            if next(syncs) == failing:
                raise OSError(errno.ENOSPC, "No space left on device")
            real_fsync(fd)

        with monkeypatch.context() as patch:
            patch.setattr(os, "fsync", fsync)
            try:
                export_docx(NEW, out)
            except SaveError as exc:
                assert "the disk is full" in str(exc)
                assert out.read_bytes() == build_docx(OLD)
                continue
            finally:
                assert temporaries(tmp_path) == []
        assert out.read_bytes() == build_docx(NEW)
        assert failing >= 1
        break
