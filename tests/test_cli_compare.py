"""``briefbook compare OLD NEW -o REDLINE.docx``: the redline written, its author and default name, clear refusals."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from briefbook.cli import main
from briefbook.resources import sample_brief

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def two_versions(folder: Path) -> tuple[Path, Path]:
    text = sample_brief().read_text(encoding="utf-8")
    old, new = folder / "old.brief.yaml", folder / "new.brief.yaml"
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("Further announcements are expected", "Further decisions are expected"),
                   encoding="utf-8")
    return old, new


def revisions(path: Path) -> list[tuple[str, str, str]]:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return [(etree.QName(e).localname, e.get(f"{{{W}}}author"), "".join(e.itertext()))
            for tag in ("ins", "del") for e in root.iter(f"{{{W}}}{tag}")]


def test_compare_writes_the_redline_signed_by_the_author(tmp_path, capsys) -> None:
    old, new = two_versions(tmp_path)
    out = tmp_path / "review" / "redline.docx"
    out.parent.mkdir()
    assert main(["compare", str(old), str(new), "-o", str(out), "--author", "A. Analyst"]) == 0
    assert capsys.readouterr().out.strip().endswith(f"to {out}: 1 paragraph changed")
    assert sorted(revisions(out)) == [("del", "A. Analyst", "announcements"), ("ins", "A. Analyst", "decisions")]


def test_compare_without_an_output_writes_beside_the_new_version_signed_by_the_user(tmp_path, monkeypatch,
                                                                                     capsys) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "jdoe")
    old, new = two_versions(tmp_path)
    assert main(["compare", str(old), str(new), "-q"]) == 0
    assert capsys.readouterr().out == ""
    assert {author for _, author, _ in revisions(tmp_path / "new.redline.docx")} == {"jdoe"}


def test_a_broken_version_is_named_with_its_line_and_nothing_is_written(tmp_path, capsys) -> None:
    old, new = two_versions(tmp_path)
    old.write_text("briefbook: 1\nmeta: [\n", encoding="utf-8")
    out = tmp_path / "redline.docx"
    assert main(["compare", str(old), str(new), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{old}:3:1: error: YAML syntax error" in err
    assert f"{old}: cannot compare: the old version has errors" in err
    assert not out.exists()


def test_a_missing_version_and_an_unwritable_output_are_clear_messages(tmp_path, capsys) -> None:
    old, new = two_versions(tmp_path)
    assert main(["compare", str(tmp_path / "gone.brief.yaml"), str(new)]) == 1
    assert "gone.brief.yaml:1:1: error: cannot read the file: No such file or directory" in capsys.readouterr().err
    assert main(["compare", str(old), str(new), "-o", str(tmp_path / "no" / "such" / "x.docx")]) == 1
    err = capsys.readouterr().err
    assert "Cannot write" in err and "does not exist" in err and "Traceback" not in err


def test_comparing_a_version_with_itself_says_there_are_no_differences(tmp_path, capsys) -> None:
    old, _ = two_versions(tmp_path)
    assert main(["compare", str(old), str(old), "-o", str(tmp_path / "same.docx")]) == 0
    assert capsys.readouterr().out.strip().endswith(": no differences")
    assert revisions(tmp_path / "same.docx") == []
