"""``briefbook source add`` and ``source list``: the source stored beside the brief, and clear refusals."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefbook.cli import main
from briefbook.fileformat import load
from briefbook.resources import sample_brief


def copy_of_sample(folder: Path) -> Path:
    shutil.copytree(sample_brief().parent, folder / "samples")
    return folder / "samples" / sample_brief().name


def test_a_source_is_added_stored_and_listed(tmp_path, capsys) -> None:
    brief = copy_of_sample(tmp_path)
    speech = tmp_path / "Speech by the Secretary General.txt"
    speech.write_text("Speech\n\n“We will stand with Ukraine for as long as it takes.”\n", encoding="utf-8")
    assert main(["source", "add", str(brief), str(speech), "--url", "https://www.nato.int/s",
                 "--date", "2024-10-17"]) == 0
    out = capsys.readouterr().out
    assert "added source 2, “Speech”" in out and "182-SPE-24-E.sources/speech-by-the-secretary-general.txt" in out
    source = load(brief).sources[1]
    assert (source.title, source.url, source.date) == ("Speech", "https://www.nato.int/s", "2024-10-17")
    assert (brief.parent / source.file).is_file() and source.checksum.startswith("sha256:")
    assert Path(str(brief) + "~").is_file()  # saved as every save is, with its backup

    assert main(["source", "list", str(brief)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0].startswith("1. NATO Secretary General") and listed[0].endswith("[ok]")
    assert listed[1].startswith("2. Speech | 2024-10-17 | https://www.nato.int/s") and listed[1].endswith("[ok]")

    (brief.parent / source.file).unlink()
    assert main(["source", "list", str(brief)]) == 0
    assert capsys.readouterr().out.splitlines()[1].endswith("[missing]")
    assert main(["check", str(brief)]) == 0
    assert "the text of source 2 is missing" in capsys.readouterr().err


def test_what_cannot_be_a_source_leaves_the_brief_as_it_was(tmp_path, capsys) -> None:
    brief = copy_of_sample(tmp_path)
    before = brief.read_bytes()
    for arguments, expected in (
        ([str(tmp_path / "nowhere.txt")], "nowhere.txt"),
        ([str(tmp_path)], str(tmp_path.name)),
        ([str(brief), "--date", "17 October"], "not a date"),
    ):
        assert main(["source", "add", str(brief), *arguments]) == 1
        err = capsys.readouterr().err
        assert "source not added" in err and expected in err and "Traceback" not in err
    assert brief.read_bytes() == before
    broken = tmp_path / "broken.brief.yaml"
    broken.write_text("briefbook: 1\nmeta: [\n", encoding="utf-8")
    assert main(["source", "add", str(broken), str(brief)]) == 1
    assert "the brief has errors" in capsys.readouterr().err
