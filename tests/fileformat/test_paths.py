"""Paths and files that are not ordinary: links, read-only files, hard links, pipes, devices, folders,
names too long or holding a NUL — for reading, saving and exporting alike.

Each case is tried through the library's calls (the editor and the command line call the
same ones; ``tests/test_cli.py`` and ``tests/app/test_window_paths.py`` try them there).
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefbook.atomic import STALE_AFTER_SECONDS, remove_leftovers, write_atomic
from briefbook.fileformat import dumps, load, read, save
from briefbook.model import Brief, Meta, Paragraph
from briefbook.problems import BriefError, SaveError
from briefbook.render.docx import build_docx, export_docx

needs_links = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
needs_fifos = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
as_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                             reason="only root can give a file to another owner or make a device")


def brief_titled(title: str) -> Brief:
    return Brief(Meta(title=title), takeaways=[Paragraph(f"The text of {title}.")])


def encoded(title: str) -> bytes:
    return dumps(brief_titled(title)).encode("utf-8")


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def temporaries(folder: Path) -> list[str]:
    return [name for name in listing(folder) if name.endswith(".tmp")]


# -- symbolic links ----------------------------------------------------------------------------------
@needs_links
def test_saving_and_exporting_through_a_link_write_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    save(brief_titled("one"), real / "b.brief.yaml")
    (tmp_path / "b.brief.yaml").symlink_to(real / "b.brief.yaml")
    (real / "b.docx").write_bytes(b"old export")
    (tmp_path / "b.docx").symlink_to(real / "b.docx")
    save(brief_titled("two"), tmp_path / "b.brief.yaml")
    export_docx(brief_titled("two"), tmp_path / "b.docx")
    assert (tmp_path / "b.brief.yaml").is_symlink() and (tmp_path / "b.docx").is_symlink()
    assert (real / "b.brief.yaml").read_bytes() == encoded("two")
    assert (real / "b.brief.yaml~").read_bytes() == encoded("one")
    assert (real / "b.docx").read_bytes() == build_docx(brief_titled("two"))
    assert listing(tmp_path) == ["b.brief.yaml", "b.docx", "real"]
    assert listing(real) == ["b.brief.yaml", "b.brief.yaml~", "b.docx"]


@needs_links
def test_a_link_to_a_file_not_there_yet_creates_the_file(tmp_path: Path) -> None:
    link = tmp_path / "b.brief.yaml"
    link.symlink_to(tmp_path / "elsewhere.brief.yaml")
    save(brief_titled("one"), link)
    assert link.is_symlink()
    assert (tmp_path / "elsewhere.brief.yaml").read_bytes() == encoded("one")


@needs_links
def test_a_loop_of_links_is_refused_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "a.brief.yaml").symlink_to(tmp_path / "b.brief.yaml")
    (tmp_path / "b.brief.yaml").symlink_to(tmp_path / "a.brief.yaml")
    with pytest.raises(SaveError, match="circle"):
        save(brief_titled("one"), tmp_path / "a.brief.yaml")
    assert "symbolic links" in read(tmp_path / "a.brief.yaml").problems[0].message


# -- read-only files, owners, hard links ---------------------------------------------------------------
def test_a_read_only_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "b.brief.yaml"
    save(brief_titled("one"), target)
    save(brief_titled("two"), target)
    target.chmod(0o444)
    with pytest.raises(SaveError, match="read-only") as raised:
        save(brief_titled("three"), target)
    assert str(target) in str(raised.value)
    assert target.read_bytes() == encoded("two")
    assert (tmp_path / "b.brief.yaml~").read_bytes() == encoded("one")
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert listing(tmp_path) == ["b.brief.yaml", "b.brief.yaml~"]


def test_a_read_only_export_is_refused_and_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "b.docx"
    target.write_bytes(b"the export Word has open")
    target.chmod(0o400)
    with pytest.raises(SaveError, match="read-only"):
        export_docx(brief_titled("one"), target)
    assert target.read_bytes() == b"the export Word has open"
    assert listing(tmp_path) == ["b.docx"]


def test_the_mode_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "b.brief.yaml"
    save(brief_titled("one"), target)
    target.chmod(0o600)
    save(brief_titled("two"), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@as_root
def test_the_owner_and_group_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "b.brief.yaml"
    save(brief_titled("one"), target)
    os.chown(target, 4321, 8765)
    target.chmod(0o664)
    save(brief_titled("two"), target)
    export = tmp_path / "b.docx"
    export.write_bytes(b"old")
    os.chown(export, 4321, 8765)
    export_docx(brief_titled("two"), export)
    for written in (target, tmp_path / "b.brief.yaml~", export):
        info = written.stat()
        assert (info.st_uid, info.st_gid) == (4321, 8765), written
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


def test_a_hard_linked_file_is_rewritten_in_place_so_every_name_sees_it(tmp_path: Path) -> None:
    target = tmp_path / "b.brief.yaml"
    save(brief_titled("one"), target)
    other = tmp_path / "shared-copy.brief.yaml"
    os.link(target, other)
    inode = target.stat().st_ino
    result = save(brief_titled("two"), target)
    assert target.stat().st_ino == inode and target.stat().st_nlink == 2
    assert other.read_bytes() == target.read_bytes() == encoded("two")
    assert result.backup == tmp_path / "b.brief.yaml~"
    assert result.backup.read_bytes() == encoded("one")
    assert listing(tmp_path) == ["b.brief.yaml", "b.brief.yaml~", "shared-copy.brief.yaml"]
    save(brief_titled("a longer title than before"), other)  # through the other name, growing
    assert target.read_bytes() == encoded("a longer title than before")
    save(brief_titled("x"), other)  # and shrinking: nothing of the longer version is left at the end
    assert load(target) == brief_titled("x")


# -- what is not an ordinary file ----------------------------------------------------------------------
@needs_fifos
def test_a_named_pipe_is_refused_at_once_for_reading_and_writing(tmp_path: Path) -> None:
    pipe = tmp_path / "b.brief.yaml"
    os.mkfifo(pipe)
    (problem,) = read(pipe).problems
    assert problem.format() == (f"{pipe}:1:1: error: cannot read the file: "
                                "it is a named pipe (FIFO), not an ordinary file")
    with pytest.raises(BriefError, match="named pipe"):
        load(pipe)
    with pytest.raises(SaveError, match="named pipe"):
        save(brief_titled("one"), pipe)
    with pytest.raises(SaveError, match="named pipe"):
        export_docx(brief_titled("one"), pipe)
    with pytest.raises(SaveError, match="named pipe"):
        export_docx(brief_titled("one"), tmp_path / "b.docx", template=pipe)
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert listing(tmp_path) == ["b.brief.yaml"]


@needs_links
@needs_fifos
def test_a_link_to_a_pipe_is_refused_too(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "b.brief.yaml").symlink_to(tmp_path / "pipe")
    assert "named pipe" in read(tmp_path / "b.brief.yaml").problems[0].message
    with pytest.raises(SaveError, match="named pipe"):
        save(brief_titled("one"), tmp_path / "b.brief.yaml")


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets here")
def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.brief.yaml"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert "a socket, not an ordinary file" in read(path).problems[0].message
        with pytest.raises(SaveError, match="a socket"):
            save(brief_titled("one"), path)


@as_root
def test_a_device_is_refused_and_stays_a_device(tmp_path: Path) -> None:
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    assert "a device" in read(device).problems[0].message
    with pytest.raises(SaveError, match="a device"):
        save(brief_titled("one"), device)
    with pytest.raises(SaveError, match="a device"):
        export_docx(brief_titled("one"), device)
    assert stat.S_ISCHR(device.stat().st_mode)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "b.brief.yaml"
    folder.mkdir()
    assert read(folder).problems[0].message == "this is a folder, not a brief file"
    with pytest.raises(SaveError, match="it is a folder"):
        save(brief_titled("one"), folder)
    with pytest.raises(SaveError, match="it is a folder"):
        export_docx(brief_titled("one"), folder)


def test_a_file_where_a_folder_should_be_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("a file")
    with pytest.raises(SaveError, match="should be a folder is a file"):
        save(brief_titled("one"), tmp_path / "notes" / "b.brief.yaml")


# -- names -----------------------------------------------------------------------------------------------
def test_a_name_too_long_for_the_disk_is_an_ordinary_error(tmp_path: Path) -> None:
    long = tmp_path / ("x" * 300 + ".brief.yaml")
    assert read(long).problems[0].message == "cannot read the file: the file name is too long for this disk"
    with pytest.raises(SaveError, match="too long"):
        save(brief_titled("one"), long)
    with pytest.raises(SaveError, match="too long"):
        export_docx(brief_titled("one"), tmp_path / ("x" * 300 + ".docx"))
    with pytest.raises(SaveError, match="too long"):
        export_docx(brief_titled("one"), tmp_path / "b.docx", template=tmp_path / ("t" * 300 + ".docx"))
    assert listing(tmp_path) == []


def test_a_name_just_short_enough_saves_though_its_temporary_file_and_backup_would_not_fit(tmp_path: Path) -> None:
    longest = tmp_path / ("é" * 117 + ".brief.yaml")  # 245 bytes, near the 255 the disk allows
    save(brief_titled("one"), longest)
    result = save(brief_titled("two"), longest)
    assert longest.read_bytes() == encoded("two") and result.backup_kept
    at_the_limit = tmp_path / ("y" * 244 + ".brief.yaml")  # 255 bytes: NAME~ would be 256
    save(brief_titled("one"), at_the_limit)
    result = save(brief_titled("two"), at_the_limit)
    assert at_the_limit.read_bytes() == encoded("two")
    assert result.backup is None and "too long" in result.backup_error
    assert temporaries(tmp_path) == []


def test_a_nul_in_a_name_is_an_ordinary_error(tmp_path: Path) -> None:
    name = str(tmp_path / "a\0b.brief.yaml")
    assert "NUL" in read(name).problems[0].message
    with pytest.raises(BriefError, match="NUL"):
        load(name)
    for write in (lambda: save(brief_titled("one"), name), lambda: export_docx(brief_titled("one"), name),
                  lambda: write_atomic(name, b"x"),
                  lambda: export_docx(brief_titled("one"), tmp_path / "b.docx", template=name)):
        with pytest.raises(SaveError, match="NUL"):
            write()
    assert listing(tmp_path) == []


# -- temporary files left by killed writes ------------------------------------------------------------------
def _ended_process() -> int:
    """The number of a process that has run and ended (not reused in the moment the test takes)."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(child.stdout)


def _host_tag() -> str:
    from briefbook import atomic

    return atomic._host_tag()


def test_temporary_files_of_writes_that_died_are_removed_by_the_next_save(tmp_path: Path) -> None:
    target = tmp_path / "b.brief.yaml"
    save(brief_titled("one"), target)
    dead, alive, host = _ended_process(), os.getppid(), _host_tag()
    left = {
        f".b.brief.yaml.{dead}-{host}.abcd1234.tmp": True,  # its writer has ended
        f".b.brief.yaml~.{dead}-{host}.x_9y8z7w.tmp": True,  # the backup's, likewise
        f".b.brief.yaml.{os.getpid()}-{host}.own00000.tmp": True,  # this process's, not being written
        ".b.brief.yaml.oldstyle.tmp": True,  # an older Briefbook's, long ago
        f".b.brief.yaml.{alive}-{host}.running0.tmp": False,  # a save running now in another process
        f".b.brief.yaml.{dead}-0000beef.remote00.tmp": False,  # another machine's, recent
        ".b.brief.yaml.newstyle.tmp": False,  # an older Briefbook's, recent: it may still be saving
        f".other.brief.yaml.{dead}-{host}.abcd1234.tmp": False,  # another file's
        ".b.brief.yaml.lock": False,  # not a temporary file at all
        "b.brief.yaml.notes.tmp": False,
    }
    for name in left:
        (tmp_path / name).write_bytes(b"half a brief")
    long_ago = time.time() - STALE_AFTER_SECONDS - 60
    os.utime(tmp_path / ".b.brief.yaml.oldstyle.tmp", (long_ago, long_ago))
    save(brief_titled("two"), target)
    kept = {name for name, removed in left.items() if not removed}
    assert set(listing(tmp_path)) == kept | {"b.brief.yaml", "b.brief.yaml~"}
    os.utime(tmp_path / f".b.brief.yaml.{dead}-0000beef.remote00.tmp", (long_ago, long_ago))
    assert remove_leftovers(target) == [tmp_path / f".b.brief.yaml.{dead}-0000beef.remote00.tmp"]


def test_temporary_files_of_a_killed_export_are_removed_by_the_next_export(tmp_path: Path) -> None:
    left = tmp_path / f".b.docx.{_ended_process()}-{_host_tag()}.abcdefgh.tmp"
    left.write_bytes(b"PK half a zip")
    export_docx(brief_titled("one"), tmp_path / "b.docx")
    assert listing(tmp_path) == ["b.docx"]


def test_a_temporary_file_of_a_long_name_is_recognised(tmp_path: Path) -> None:
    target = tmp_path / ("z" * 240 + ".brief.yaml")
    save(brief_titled("one"), target)
    left = tmp_path / f".{'z' * 200}.{_ended_process()}-{_host_tag()}.abcdefgh.tmp"
    left.write_bytes(b"half")
    save(brief_titled("two"), target)
    assert not left.exists()
