"""The ``briefbook`` command, run as a user runs it: as a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE


def briefbook(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "briefbook", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


def test_version():
    result = briefbook("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("briefbook ")


def test_check_the_sample_is_clean():
    result = briefbook("check", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    assert "ok (0 errors" in result.stdout


def test_check_reports_file_line_column_and_exits_1(tmp_path):
    bad = tmp_path / "bad.brief.yaml"
    bad.write_text("briefbook: 1\nmeta:\n  title: x\nsections:\n  - title: A\n    colour: red\n", encoding="utf-8")
    result = briefbook("check", str(bad))
    assert result.returncode == 1
    assert f"{bad}:6:5: error:" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_of_a_missing_file_is_an_error_not_a_traceback(tmp_path):
    result = briefbook("check", str(tmp_path / "nope.brief.yaml"))
    assert result.returncode == 1
    assert "nope.brief.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2():
    assert briefbook("check").returncode == 2
    assert briefbook("export").returncode == 2
    assert briefbook("--no-such-option").returncode == 2


def test_new_from_each_template_gives_a_clean_brief(tmp_path):
    listing = briefbook("new", "--list")
    assert listing.returncode == 0
    names = [line.split()[0] for line in listing.stdout.splitlines() if line.strip()]
    assert "key-takeaways" in names and "long-brief" in names
    for name in names:
        target = tmp_path / f"{name}.brief.yaml"
        result = briefbook("new", "--template", name, str(target))
        assert result.returncode == 0, result.stderr
        assert briefbook("check", str(target)).returncode == 0


def test_new_refuses_to_overwrite(tmp_path):
    target = tmp_path / "mine.brief.yaml"
    target.write_text("precious", encoding="utf-8")
    result = briefbook("new", str(target))
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert target.read_text(encoding="utf-8") == "precious"


def test_new_with_force_keeps_the_replaced_brief_as_a_backup(tmp_path):
    target = tmp_path / "mine.brief.yaml"
    target.write_bytes(SAMPLE.read_bytes())
    result = briefbook("new", "--force", str(target))
    assert result.returncode == 0, result.stderr
    backup = tmp_path / "mine.brief.yaml~"
    assert backup.read_bytes() == SAMPLE.read_bytes()
    assert f"the previous file is kept as {backup}" in result.stdout
    assert target.read_bytes() != SAMPLE.read_bytes()
    assert briefbook("check", str(target)).returncode == 0


def test_new_says_when_no_backup_could_be_kept_but_still_creates_the_brief(tmp_path):
    target = tmp_path / "mine.brief.yaml"
    target.write_text("old", encoding="utf-8")
    (tmp_path / "mine.brief.yaml~").mkdir()
    result = briefbook("new", "--force", str(target))
    assert result.returncode == 0, result.stderr
    assert "no backup copy of the previous file kept" in result.stderr
    assert briefbook("check", str(target)).returncode == 0


def test_new_with_unknown_template_lists_the_known_ones(tmp_path):
    result = briefbook("new", "--template", "nope", str(tmp_path / "x.brief.yaml"))
    assert result.returncode == 2
    assert "key-takeaways" in result.stderr


def test_export_writes_a_docx_beside_the_brief(tmp_path):
    brief = tmp_path / "182-SPE-24-E.brief.yaml"
    brief.write_bytes(SAMPLE.read_bytes())
    result = briefbook("export", str(brief))
    assert result.returncode == 0, result.stderr
    out = tmp_path / "182-SPE-24-E.docx"
    import docx

    assert any("KEY TAKEAWAYS" in p.text for p in docx.Document(str(out)).paragraphs)


def test_export_into_a_missing_folder_says_so(tmp_path):
    result = briefbook("export", str(SAMPLE), "-o", str(tmp_path / "no" / "such" / "out.docx"))
    assert result.returncode == 1
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_refuses_a_brief_with_errors(tmp_path):
    bad = tmp_path / "bad.brief.yaml"
    bad.write_text("briefbook: 1\ntakeaways:\n  - see[^missing]\n", encoding="utf-8")
    result = briefbook("export", str(bad), "-o", str(tmp_path / "out.docx"))
    assert result.returncode == 1
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the no-screen message is for Linux")
def test_opening_the_editor_without_a_screen_explains_instead_of_crashing():
    result = briefbook(str(SAMPLE))
    assert result.returncode == 2
    assert "xvfb-run" in result.stderr


def test_library_round_trip_is_byte_identical(tmp_path):
    import briefbook as bb

    copy = tmp_path / "copy.brief.yaml"
    bb.save(bb.load(SAMPLE), copy)
    assert copy.read_bytes() == SAMPLE.read_bytes()


def test_library_save_keeps_the_previous_version_as_a_backup(tmp_path):
    import briefbook as bb

    copy = tmp_path / "copy.brief.yaml"
    copy.write_text("briefbook: 1\n", encoding="utf-8")
    saved = bb.save(bb.load(SAMPLE), copy)
    assert saved.backup == tmp_path / "copy.brief.yaml~"
    assert saved.backup.read_text(encoding="utf-8") == "briefbook: 1\n"


# -- paths and files that are not ordinary: a message and a status, never a traceback nor a wait ------
needs_fifos = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@needs_fifos
def test_check_export_and_open_of_a_named_pipe_answer_at_once(tmp_path):
    pipe = tmp_path / "b.brief.yaml"
    os.mkfifo(pipe)
    checked = briefbook("check", str(pipe))  # (the harness's time-out stops a hang; no time is asserted)
    assert checked.returncode == 1
    assert f"{pipe}:1:1: error: cannot read the file: it is a named pipe (FIFO)" in checked.stderr
    exported = briefbook("export", str(pipe), "-o", str(tmp_path / "out.docx"))
    assert exported.returncode == 1 and "named pipe" in exported.stderr
    opened = briefbook(str(pipe))
    assert opened.returncode == 2
    assert f"{pipe}: cannot open it: it is a named pipe (FIFO), not an ordinary file." in opened.stderr
    for result in (checked, exported, opened):
        assert "Traceback" not in result.stderr


@needs_fifos
def test_export_to_a_named_pipe_or_with_one_as_template_is_refused(tmp_path):
    pipe = tmp_path / "out.docx"
    os.mkfifo(pipe)
    result = briefbook("export", str(SAMPLE), "-o", str(pipe))
    assert result.returncode == 1
    assert f"Cannot write {pipe}: it is a named pipe (FIFO), not an ordinary file" in result.stderr
    result = briefbook("export", str(SAMPLE), "-o", str(tmp_path / "b.docx"), "--template", str(pipe))
    assert result.returncode == 2
    assert "cannot use this template: it is a named pipe (FIFO)" in result.stderr


def test_export_and_new_refuse_a_read_only_file_with_a_message_that_says_so(tmp_path):
    out = tmp_path / "out.docx"
    out.write_bytes(b"kept")
    out.chmod(0o444)
    result = briefbook("export", str(SAMPLE), "-o", str(out))
    assert result.returncode == 1
    assert f"Cannot write {out}: the file is read-only" in result.stderr
    brief = tmp_path / "b.brief.yaml"
    brief.write_bytes(SAMPLE.read_bytes())
    brief.chmod(0o444)
    result = briefbook("new", "--force", str(brief))
    assert result.returncode == 1 and "read-only" in result.stderr
    assert out.read_bytes() == b"kept" and brief.read_bytes() == SAMPLE.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.brief.yaml", "out.docx"]


def test_names_too_long_for_the_disk_are_ordinary_errors(tmp_path):
    long = str(tmp_path / ("x" * 300))
    for args, status in ((("export", str(SAMPLE), "-o", long + ".docx"), 1),
                         (("new", long), 1),
                         (("new", "--force", long), 1),
                         (("check", long + ".brief.yaml"), 1),
                         (("export", long + ".brief.yaml"), 1),
                         (("export", str(SAMPLE), "-o", str(tmp_path / "b.docx"), "--template", long), 2),
                         ((long + ".brief.yaml",), 2)):
        result = briefbook(*args)
        assert result.returncode == status, (args, result.stderr)
        assert "too long" in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_version_number_of_100000_digits_is_an_error_at_its_place(tmp_path):
    huge = tmp_path / "huge.brief.yaml"
    huge.write_text("briefbook: " + "7" * 100_000 + "\nmeta:\n  title: x\n  toc: " + "1" * 100_000 + "\n")
    result = briefbook("check", str(huge))
    assert result.returncode == 1
    assert (f"{huge}:1:12: error: expected the format version 'briefbook: 1', found a number of 100000 digits"
            in result.stderr)
    assert "internal error" not in result.stderr and "report" not in result.stderr
    assert len(result.stderr) < 1000, "the message does not repeat the number"
    huge.write_text("briefbook: 1\nmeta:\n  title: x\n  toc: " + "1" * 100_000 + "\n")
    result = briefbook("check", str(huge))
    assert f"{huge}:4:8: error: expected true or false, found a number of 100000 characters" in result.stderr


def test_a_subcommand_ending_without_the_interpreters_shutdown_still_delivers_all_it_wrote(tmp_path):
    """The command ends straight after its work; everything printed to a pipe, and the file written, are whole."""
    brief = tmp_path / "many.brief.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    brief.write_text(text.replace("footnotes:", "footnotes:\n" + "".join(f"  unused-{n}: Never cited.\n"
                                                                           for n in range(400)), 1),
                     encoding="utf-8")
    checked = briefbook("check", "--quiet", str(brief))
    assert checked.returncode == 0
    printed = checked.stdout + checked.stderr
    assert [f"'unused-{n}' is never referenced" in printed for n in range(400)] == [True] * 400
    out = tmp_path / "many.docx"
    exported = briefbook("export", str(brief), "-o", str(out))
    assert exported.returncode == 0 and "Exported" in exported.stdout + exported.stderr
    import docx

    assert any("NATO" in p.text for p in docx.Document(str(out)).paragraphs)
