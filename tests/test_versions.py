"""Linked English/French versions: the links in the file, which sections are behind, making the
French version (library and command line), and each version exporting in its own words."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from briefbook.fileformat import dumps, load, loads, save
from briefbook.model import Section
from briefbook.model.body import set_body_text
from briefbook.model.versions import Behind, behind, fingerprint
from briefbook.render.docx import export_docx
from briefbook.resources import sample_brief
from briefbook.versions import new_language_version, other_version_path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NARROW = "\u202f"


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """The sample brief and its French version made with the texts kept, in a folder of their own."""
    sample = sample_brief()
    english = tmp_path / sample.name
    shutil.copy(sample, english)
    sources = sample.with_name(sample.name.replace(".brief.yaml", ".sources"))
    if sources.is_dir():
        shutil.copytree(sources, tmp_path / sources.name)
    made = new_language_version(english, "fr", keep_text=True)
    return english, made.path


def test_the_pair_is_linked_both_ways_and_saved_with_backups(pair) -> None:
    english, french = pair
    assert french.name == "182-SPE-24-F.brief.yaml"
    e, f = load(english), load(french)
    assert (e.translation.file, e.translation.follows) == ("182-SPE-24-F.brief.yaml", False)
    assert (f.translation.file, f.translation.follows) == ("182-SPE-24-E.brief.yaml", True)
    assert other_version_path(french, f) == english.parent / "182-SPE-24-E.brief.yaml"
    assert english.with_name(english.name + "~").exists()
    assert (f.meta.language, f.meta.kind, f.meta.reference, f.meta.original) == (
        "fr", "Note de synthèse", "182 SPE 24 F", "anglais")
    assert list(f.footnotes) == list(e.footnotes) and f.sources == e.sources
    assert [s.title for s in f.sections] == [s.title for s in e.sections]
    assert set(behind(f, e).values()) == {Behind.NEW}  # kept English: every section still to translate


def test_without_keep_text_the_texts_are_emptied_and_up_to_date(tmp_path: Path) -> None:
    english = tmp_path / "draft-E.brief.yaml"
    shutil.copy(sample_brief(), english)
    made = new_language_version(english, "fr")
    f, e = load(made.path), load(english)
    assert made.path.name == "draft-F.brief.yaml"
    assert all(not s.title and not s.body for s in f.sections) and not f.takeaways
    assert set(f.footnotes.values()) == {""} and f.meta.title == ""
    assert behind(f, e) == {}
    with pytest.raises(ValueError, match="already there"):
        new_language_version(english, "fr")


def test_editing_a_section_of_the_original_puts_its_translation_behind(pair) -> None:
    english, french = pair
    e, f = load(english), load(french)
    for mine, theirs in zip(f.sections, e.sections, strict=True):
        mine.synced = fingerprint(theirs)
    assert behind(f, e) == {}
    set_body_text(e.sections[1], "- A new bullet.")
    assert behind(f, e) == {("sections", 1): Behind.CHANGED}


def test_the_links_round_trip_canonically() -> None:
    brief = load(sample_brief())
    text = dumps(brief)
    assert dumps(loads(text).brief) == text  # no link: the sample is written as before
    lines = text.splitlines(keepends=True)
    top, at = lines.index("takeaways:\n"), lines.index("sections:\n")
    linked = "".join([*lines[:top], "translation_of: 182-SPE-24-E.brief.yaml\n", *lines[top:at + 2],
                      "    synced: 0123456789ab\n", *lines[at + 2:]])
    result = loads(linked)
    assert not result.errors
    assert result.brief.sections[0].synced == "0123456789ab"
    assert dumps(result.brief) == linked


@pytest.mark.parametrize(("line", "where", "words"), [
    ("translation_of: [a, b]\n", ":2:17:", "path of the other version"),
    ("translation_of: a.yaml\ntranslated_as: b.yaml\n", ":3:1:", "not both"),
    ("sections:\n  - title: x\n    synced: xyz\n", ":4:13:", "fingerprint"),
    ("sections:\n  - title: x\n    synced: 12\n", ":4:13:", "fingerprint"),
])
def test_bad_links_are_named_at_file_line_column(line: str, where: str, words: str) -> None:
    result = loads("briefbook: 1\n" + line, "x.brief.yaml")
    [error] = result.errors
    assert error.format().startswith("x.brief.yaml" + where) and words in error.message


def test_the_command_line_makes_the_french_version(tmp_path: Path) -> None:
    english = tmp_path / "b-E.brief.yaml"
    shutil.copy(sample_brief(), english)
    out = tmp_path / "other.brief.yaml"
    run = subprocess.run([sys.executable, "-m", "briefbook", "version", "new", str(english), "--language", "fr",
                          "-o", str(out), "--keep-text"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert load(english).translation.file == "other.brief.yaml"
    assert load(out).sections[0].title == load(english).sections[0].title
    again = subprocess.run([sys.executable, "-m", "briefbook", "version", "new", str(english), "-l", "de"],
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 1 and "'de' is not in the languages table" in again.stderr
    assert "Traceback" not in again.stderr


def _paragraphs(path: Path) -> list[tuple[str, str]]:
    with zipfile.ZipFile(path) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(f"{W}body")
    out = []
    for p in body.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        out.append((style.get(f"{W}val") if style is not None else "", "".join(t.text or "" for t in p.iter(f"{W}t"))))
    return out


def test_each_version_exports_in_its_own_words(pair, tmp_path: Path) -> None:
    english, french = pair
    e, f = load(english), load(french)
    e.meta.toc = f.meta.toc = True
    f.sections[0].title = "DISSUASION ET DÉFENSE ALLIÉES"
    set_body_text(f.sections[0], "- Que faire? Les Alliés ont répondu ; « vite » et fermement !\n"
                                 "- Pourquoi ? Parce que « la menace » grandit!")
    save(f, french)
    e_docx, f_docx = tmp_path / "e.docx", tmp_path / "f.docx"
    export_docx(e, e_docx)
    export_docx(load(french), f_docx)
    e_text, f_text = dict(_paragraphs(e_docx)), _paragraphs(f_docx)
    f_styles = dict(f_text)
    assert e_text["CoverKind"] == "Policy Brief" and f_styles["CoverKind"] == "Note de synthèse"
    assert e_text["CoverReference"].startswith("182 SPE 24 E | Original: English")
    assert f_styles["CoverReference"].startswith("182 SPE 24 F | Original\u00a0: anglais")
    assert e_text["CoverDisclaimer"].startswith("This Policy Brief is presented for information only")
    assert f_styles["CoverDisclaimer"].startswith("Cette Note de synthèse est présentée pour information")
    assert e_text["TOCHeading"] == "Contents" and f_styles["TOCHeading"] == "Table des matières"
    for path, tag in ((e_docx, "en-GB"), (f_docx, "fr-FR")):
        assert docx.Document(str(path)).core_properties.language == tag
        with zipfile.ZipFile(path) as package:
            styles = etree.fromstring(package.read("word/styles.xml"))
        assert styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val") == tag
    printed = "\n".join(text for _, text in f_text)
    assert "Que faire\u202f? Les Alliés ont répondu\u202f; «\u202fvite\u202f» et fermement\u202f!" in printed
    assert "Pourquoi\u202f? Parce que «\u202fla menace\u202f» grandit\u202f!" in printed
    for mark in ";!?»":
        for index, char in enumerate(printed):
            if char == mark and printed[index - 1] != NARROW and "://" not in printed[max(0, index - 40):index]:
                pytest.fail(f"no narrow no-break space before {mark!r}: …{printed[max(0, index - 30):index + 1]}")
    for index, char in enumerate(printed):
        if char == "«":
            assert printed[index + 1] == NARROW


def test_a_new_section_title_stays_out_of_the_fingerprint_of_others() -> None:
    assert fingerprint(Section("A")) != fingerprint(Section("B"))
    parent = Section("A", sections=[Section("child")])
    assert fingerprint(parent) == fingerprint(Section("A"))


def test_the_library_function_writes_the_linked_version(tmp_path: Path) -> None:
    import briefbook

    english = tmp_path / "note-E.brief.yaml"
    shutil.copy(sample_brief(), english)
    made = briefbook.new_language_version(english, "fr", keep_text=True)
    assert Path(made).name == "note-F.brief.yaml"
    assert briefbook.load(made).translation.file == "note-E.brief.yaml"
    with pytest.raises(ValueError, match="already the 'en' version"):
        briefbook.new_language_version(english, "en", tmp_path / "x.brief.yaml")
