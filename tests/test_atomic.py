"""Atomic writes: the target is replaced whole or not at all, links are followed, nothing is left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefbook.atomic import link_target, stage_bytes, stage_copy, write_atomic
from briefbook.problems import SaveError


def test_write_atomic_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_write_atomic_through_a_link_writes_the_linked_file(tmp_path: Path) -> None:
    real = tmp_path / "real.docx"
    real.write_bytes(b"old")
    link = tmp_path / "link.docx"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
    assert link_target(link) == real.resolve()


def test_link_target_is_the_path_as_given_without_links(tmp_path: Path) -> None:
    assert link_target(tmp_path / "plain.brief.yaml") == tmp_path / "plain.brief.yaml"
    assert link_target("relative.brief.yaml") == Path("relative.brief.yaml")


def test_a_name_with_a_nul_is_a_save_error(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="not valid"):
        write_atomic(str(tmp_path / "a\0b"), b"x")


def test_a_staged_file_left_uncommitted_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "b.brief.yaml"
    target.write_bytes(b"old")
    with stage_bytes(target, b"new"):
        assert len(list(tmp_path.iterdir())) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["b.brief.yaml"]
    assert target.read_bytes() == b"old"


def test_a_staged_copy_becomes_the_target_only_on_commit(tmp_path: Path) -> None:
    source = tmp_path / "b.brief.yaml"
    source.write_bytes(b"version 2")
    backup = tmp_path / "b.brief.yaml~"
    backup.write_bytes(b"version 1")
    with stage_copy(source, backup) as staged:
        assert backup.read_bytes() == b"version 1"
        staged.commit()
    assert backup.read_bytes() == b"version 2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.brief.yaml", "b.brief.yaml~"]
    with pytest.raises(ValueError):
        staged.commit()
