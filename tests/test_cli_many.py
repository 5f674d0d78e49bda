"""Many briefs in one command: export and check them all, say which failed and why, exit accordingly."""

from __future__ import annotations

import io
import shutil

from briefbook.cli import main
from briefbook.cli_many import Progress, briefs_in
from briefbook.resources import sample_brief


def _briefs(folder, count: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for k in range(count):
        target = folder / f"brief-{k:02d}.brief.yaml"
        shutil.copy(sample_brief(), target)
        names.append(str(target))
    return names


def test_twenty_briefs_export_in_one_command_to_a_folder(tmp_path, capsys) -> None:
    names = _briefs(tmp_path / "in", 20)
    out = tmp_path / "out"
    assert main(["export", *names, "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [f"brief-{k:02d}.docx" for k in range(20)]
    stdout = capsys.readouterr().out
    assert stdout.count("Exported ") == 21 and "Exported 20 briefs: all succeeded." in stdout


def test_a_broken_brief_fails_alone_and_the_summary_says_why(tmp_path, capsys) -> None:
    names = _briefs(tmp_path, 3)
    (tmp_path / "brief-01.brief.yaml").write_text("briefbook: 1\nsections: 5\n", encoding="utf-8")
    assert main(["export", *names]) == 1
    assert (tmp_path / "brief-00.docx").exists() and (tmp_path / "brief-02.docx").exists()
    assert not (tmp_path / "brief-01.docx").exists()
    err = capsys.readouterr().err
    assert "Exported 2 of 3 briefs; 1 failed:" in err
    assert f"  {names[1]}: the brief has errors; the first: {names[1]}:2:11: error: expected a list of sections" in err


def test_two_briefs_of_one_name_are_not_written_over_each_other(tmp_path, capsys) -> None:
    first = _briefs(tmp_path / "a", 1)[0]
    second = _briefs(tmp_path / "b", 1)[0]
    assert main(["export", first, second, "-o", str(tmp_path / "out"), "-q"]) == 1
    assert "was just written from" in capsys.readouterr().err


def test_several_briefs_need_a_folder_not_a_document(tmp_path, capsys) -> None:
    names = _briefs(tmp_path, 2)
    assert main(["export", *names, "-o", str(tmp_path / "one.docx")]) == 2
    assert "-o names the folder" in capsys.readouterr().err


def test_check_of_a_folder_checks_every_brief_under_it(tmp_path, capsys) -> None:
    _briefs(tmp_path / "set" / "ministerial", 2)
    _briefs(tmp_path / "set", 1)
    (tmp_path / "set" / "brief-00.sources").mkdir()
    (tmp_path / "set" / "brief-00.sources" / "x.brief.yaml").write_text("not checked", encoding="utf-8")
    (tmp_path / "set" / "notes.txt").write_text("not a brief", encoding="utf-8")
    assert main(["check", str(tmp_path / "set")]) == 0
    out = capsys.readouterr().out
    assert out.count(": ok (") == 3 and "Checked 3 briefs: all succeeded." in out


def test_a_folder_without_briefs_is_a_failure_said_plainly(tmp_path, capsys) -> None:
    assert main(["check", str(tmp_path)]) == 1
    assert "no .brief.yaml file in this folder" in capsys.readouterr().err


def test_the_folders_briefs_are_found_in_order(tmp_path) -> None:
    _briefs(tmp_path / "b", 1)
    _briefs(tmp_path / "a", 2)
    found, empty = briefs_in([str(tmp_path)])
    assert [p.split("/")[-2:] for p in found] == [["a", "brief-00.brief.yaml"], ["a", "brief-01.brief.yaml"],
                                                  ["b", "brief-00.brief.yaml"]]
    assert empty == []


def test_progress_shows_on_a_terminal_only() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    shown = Terminal()
    progress = Progress(20, shown)
    progress.step(3, "brief.brief.yaml")
    progress.clear()
    assert "[3/20] brief.brief.yaml" in shown.getvalue()
    piped = io.StringIO()
    Progress(20, piped).step(3, "x")
    assert piped.getvalue() == ""
