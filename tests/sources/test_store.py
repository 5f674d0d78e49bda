"""The sources' texts stored beside the brief: adding, reading back, missing and changed texts, citations."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from briefbook.fileformat import load, read, save
from briefbook.model import Brief, Meta, Source
from briefbook.problems import SaveError
from briefbook.resources import sample_brief
from briefbook.sources.extract import SourceError
from briefbook.sources.store import (
    add_source,
    checksum_of,
    citation,
    read_sources,
    slug,
    sources_folder,
    state_of,
    written_date,
)

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "press-release-2024-10-18.txt"


def brief_at(folder: Path) -> Path:
    path = folder / "my brief.brief.yaml"
    save(Brief(Meta(title="T", reference="1 X 24 E")), path)
    return path


def test_the_folder_is_named_after_the_brief(tmp_path) -> None:
    assert sources_folder(tmp_path / "182-SPE-24-E.brief.yaml") == tmp_path / "182-SPE-24-E.sources"
    assert sources_folder(tmp_path / "notes.yaml") == tmp_path / "notes.sources"
    assert slug("Déclaration du Sommet — 2024 (final)") == "declaration-du-sommet-2024-final"
    assert slug("«»") == "source"


def test_a_text_is_stored_beside_the_brief_with_its_checksum_and_read_back(tmp_path) -> None:
    brief_path = brief_at(tmp_path)
    original = tmp_path / "elsewhere" / "Press Release.txt"
    original.parent.mkdir()
    original.write_text("Title line\r\n\r\nHe said, \"we will\".\r\n", encoding="utf-8")
    source = add_source(brief_path, original, url="https://www.nato.int/x", date="2024-10-18")
    assert source.file == "my brief.sources/press-release.txt"
    stored = tmp_path / source.file
    assert stored.read_bytes() == b"Title line\n\nHe said, \"we will\".\n"
    assert source.checksum == checksum_of(stored.read_bytes())
    assert (source.title, source.url, source.date) == ("Title line", "https://www.nato.int/x", "2024-10-18")

    brief = load(brief_path)
    brief.sources.append(source)
    save(brief, brief_path)
    original.unlink()  # the original may move or vanish: the brief keeps its text
    again = load(brief_path)
    assert again.sources == [source]
    found = read_sources(brief_path, again)
    assert found.problems == [] and [t.text for t in found.texts] == [stored.read_text(encoding="utf-8")]
    assert state_of(brief_path, again, 0) == "ok"

    second = add_source(brief_path, stored, title="Again")
    assert second.file == "my brief.sources/press-release-2.txt"  # never over another source's text


def test_a_missing_or_changed_text_is_a_warning_at_the_source_never_a_crash(tmp_path) -> None:
    folder = tmp_path / "copy"
    shutil.copytree(sample_brief().parent, folder)
    brief_path = folder / sample_brief().name
    brief = load(brief_path)
    stored = folder / brief.sources[0].file
    assert read_sources(brief_path, brief).problems == []

    stored.write_text(stored.read_text(encoding="utf-8").replace("Rutte", "Ruttte"), encoding="utf-8")
    found = read_sources(brief_path, brief)
    [problem] = found.problems
    assert "has changed since it was added" in problem.message and problem.path == ("sources", 0, "file")
    assert "Ruttte" in found.texts[0].text  # still used, as it is now
    assert state_of(brief_path, brief, 0) == "changed"

    stored.unlink()
    found = read_sources(brief_path, brief)
    [problem] = found.problems
    assert "is missing" in problem.message and str(stored) in problem.message and found.texts == []
    assert state_of(brief_path, brief, 0) == "missing"

    stored.mkdir()
    [problem] = read_sources(brief_path, brief).problems
    assert "cannot be read" in problem.message
    assert state_of(brief_path, brief, 0) == "unreadable"


def test_an_unsaved_brief_says_where_its_texts_are_looked_for(tmp_path) -> None:
    brief = Brief(sources=[Source("A", file="a.sources/a.txt"), Source("B")])
    found = read_sources(None, brief)
    [problem] = found.problems
    assert "save the brief first" in problem.message
    assert state_of(None, brief, 1) == "no local copy"


def test_a_bad_date_or_an_unreadable_original_adds_nothing(tmp_path) -> None:
    brief_path = brief_at(tmp_path)
    text = tmp_path / "a.txt"
    text.write_text("words\n", encoding="utf-8")
    with pytest.raises(SaveError, match="not a date"):
        add_source(brief_path, text, date="18/10/2024")
    with pytest.raises(SourceError, match="nothing.bin|kind"):
        add_source(brief_path, tmp_path / "nothing.bin")
    assert not sources_folder(brief_path).exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_folder_that_cannot_be_written_is_a_clear_message(tmp_path) -> None:
    brief_path = brief_at(tmp_path)
    text = tmp_path / "a.txt"
    text.write_text("words\n", encoding="utf-8")
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(SaveError, match="cannot be written|permission"):
            add_source(brief_path, text)
    finally:
        tmp_path.chmod(0o755)


def test_the_citation_is_in_the_footnote_style_of_the_sample() -> None:
    source = Source("NATO *press* release [18 Oct]", "https://www.nato.int/x", date="2024-10-18")
    assert citation(source, "en") == r"[NATO \*press\* release \[18 Oct\]](https://www.nato.int/x), 18 October 2024."
    assert citation(source, "fr").endswith(", 18 octobre 2024.")
    assert citation(Source("Speech."), "en") == "Speech."
    assert written_date("2024-02-01", "fr") == "1 février 2024" and written_date("soon") == "soon"


def test_the_sample_ships_with_its_press_release() -> None:
    result = read(sample_brief())
    assert result.problems == []
    [source] = result.brief.sources
    assert source.url == "https://www.nato.int/cps/en/natohq/news_229540.htm" and source.date == "2024-10-18"
    assert source.file == "182-SPE-24-E.sources/press-release-2024-10-18.txt"
    found = read_sources(sample_brief(), result.brief)
    assert found.problems == []
    if REFERENCE.exists():
        assert found.texts[0].text == REFERENCE.read_text(encoding="utf-8")
    assert "Ukraine will be member of NATO" in found.texts[0].text
