"""The redline of the sample against a copy with a changed bullet, a new section and a deleted footnote.

Read back three ways: with lxml from the file Briefbook writes, by openxml-audit (Word's
schemas), and from LibreOffice — which opens the redline and saves it again as a DOCX,
its tracked changes then read with lxml. Exactly the three edits are tracked, nothing
else; accepting every change gives the new version's export, rejecting every change the
old's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from tracked_xml import MARK, Tracked, note_texts, paragraph_texts, parts, resolved, tracked_changes

from briefbook.fileformat import load
from briefbook.redline import build_redline
from briefbook.render.docx import build_docx

from docx_audit import assert_opens_clean

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "templates" / "samples" / "182-SPE-24-E.brief.yaml"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

NEW_SECTION = """\
  - title: DEFENCE PRODUCTION
    body:
      - Allies reviewed **progress on defence production** since the Washington Summit.
      - bullets:
          - Stocks of munitions are being replenished.
"""
NOTE = ("footnotes:\n  participating-nations: For participating nations, please refer to the "
        "[NATO press release](https://www.nato.int/cps/en/natohq/news.htm).\n")


def edited(text: str) -> str:
    """The sample with one bullet reworded, a section inserted before the fourth and its footnote deleted."""
    out = text.replace("Further announcements are expected at the February 2025 meeting",
                       "Further decisions are expected at the spring 2025 meeting")
    out = out.replace("  - title: REVIEW OF NATO OPERATIONS IN IRAQ AND KOSOVO\n",
                      NEW_SECTION + "  - title: REVIEW OF NATO OPERATIONS IN IRAQ AND KOSOVO\n")
    out = out.replace(":[^participating-nations]'", ":'").replace(NOTE, "")
    assert out.count("Further decisions") == 1 and "DEFENCE PRODUCTION" in out and "participating-nations" not in out
    return out


def moved(text: str) -> str:
    """The sample with its fourth section moved before the second, one word of it changed."""
    start = text.index("  - title: REVIEW OF NATO OPERATIONS IN IRAQ AND KOSOVO\n")
    end = text.index("  - title: ADDITIONAL NOTES\n")
    section, rest = text[start:end], text[:start] + text[end:]
    at = rest.index("  - title: SUPPORT FOR UKRAINE\n")
    return rest[:at] + section.replace("NATO’s current operations", "NATO’s present operations") + rest[at:]


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    folder = tmp_path_factory.mktemp("versions")
    new = folder / "new.brief.yaml"
    new.write_text(edited(SAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    return load(SAMPLE), load(new)


@pytest.fixture(scope="module")
def redline(versions, tmp_path_factory) -> Path:
    data, _ = build_redline(*versions, author="Reviewer")
    path = tmp_path_factory.mktemp("redline") / "redline.docx"
    path.write_bytes(data)
    return path


#: The changes the three edits make, and nothing else.
EXPECTED = [
    Tracked("document", None, None, (("del", "announcements"), ("ins", "decisions"), ("del", "February"),
                                     ("ins", "spring"))),
    Tracked("document", "ins", None, (("ins", "DEFENCE PRODUCTION"),)),
    Tracked("document", "ins", None, (("ins", "Allies reviewed progress on defence production since the Washington "
                                              "Summit."),)),
    Tracked("document", "ins", None, (("ins", "Stocks of munitions are being replenished."),)),
    Tracked("document", None, None, (("del", MARK),)),
    Tracked("footnotes", None, None, (("del", f"{MARK} For participating nations, please refer to the NATO press "
                                              "release."),)),
]


def test_exactly_the_three_edits_are_tracked(redline):
    assert tracked_changes(redline.read_bytes()) == EXPECTED


def test_word_opens_the_redline_cleanly(redline):
    assert_opens_clean(redline)


def libreoffice_resaved(path: Path, out: Path) -> bytes:
    """``path`` opened by LibreOffice and saved again as a DOCX: what LibreOffice read."""
    env = {**os.environ, "HOME": str(out)}
    subprocess.run([SOFFICE, "-env:UserInstallation=file:///tmp/lo-redline-test", "--headless", "--norestore",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(path)],
                   check=True, env=env, capture_output=True, timeout=300)
    return (out / path.name).read_bytes()


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_exactly_the_three_edits_as_tracked_changes(redline, tmp_path):
    read = tracked_changes(libreoffice_resaved(redline, tmp_path))
    # LibreOffice writes a footnote's own number followed by a tab, its way of spacing the note's text
    read = [replace(c, texts=tuple((k, t.replace(f"{MARK}\t", MARK)) for k, t in c.texts)) for c in read]
    assert read == EXPECTED


def assert_resolves_to_exports(data: bytes, old, new) -> None:
    for accept, version in ((True, new), (False, old)):
        export = parts(build_docx(version))
        result = resolved(data, accept=accept)
        assert paragraph_texts(result["document"]) == paragraph_texts(export["document"]), accept
        assert note_texts(result.get("footnotes")) == note_texts(export.get("footnotes")), accept


def test_accepting_all_gives_the_new_export_and_rejecting_all_the_old(redline, versions):
    assert_resolves_to_exports(redline.read_bytes(), *versions)


@pytest.fixture(scope="module")
def moved_versions(tmp_path_factory):
    folder = tmp_path_factory.mktemp("moved")
    new = folder / "moved.brief.yaml"
    new.write_text(moved(SAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    return load(SAMPLE), load(new)


def test_a_moved_section_is_one_move_with_its_changed_word_inserted(moved_versions, tmp_path):
    data, summary = build_redline(*moved_versions, author="Reviewer")
    (tmp_path / "moved.docx").write_bytes(data)
    assert_opens_clean(tmp_path / "moved.docx")
    changes = tracked_changes(data)
    assert summary.moves == 1 and summary.inserted_paragraphs == summary.deleted_paragraphs == 0
    destination = [c for c in changes if c.mark == "moveTo"]
    origin = [c for c in changes if c.mark == "moveFrom"]
    assert len(destination) == len(origin) == 5  # the heading and four bullets, on each side
    assert destination[1].texts == (("moveTo", "Defence Ministers also reviewed the status of NATO’s "),
                                    ("ins", "present"), ("moveTo", " operations and missions in Kosovo and Iraq."))
    assert "current" in origin[1].texts[0][1]
    assert all(kind == "moveFrom" for c in origin for kind, _ in c.texts)
    assert changes.index(destination[0]) < changes.index(origin[0])  # moved up: its new place comes first
    document = parts(data)["document"]
    names = {kind: [e.get(f"{{{W}}}name") for e in document.iter(f"{{{W}}}{kind}RangeStart")]
             for kind in ("moveFrom", "moveTo")}
    assert names == {"moveFrom": ["move1"], "moveTo": ["move1"]}
    assert_resolves_to_exports(data, *moved_versions)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_move_as_a_move(moved_versions, tmp_path):
    data, _ = build_redline(*moved_versions, author="Reviewer")
    (tmp_path / "moved.docx").write_bytes(data)
    out = tmp_path / "out"
    out.mkdir()
    changes = tracked_changes(libreoffice_resaved(tmp_path / "moved.docx", out))
    assert [c.mark for c in changes] == ["moveTo"] * 5 + ["moveFrom"] * 5
    assert ("ins", "present") in changes[1].texts


def test_a_brief_against_itself_is_its_export_with_nothing_tracked(versions):
    old, _ = versions
    data, summary = build_redline(old, old)
    assert summary.unchanged and tracked_changes(data) == []
    assert etree.tostring(parts(data)["document"]) == etree.tostring(parts(build_docx(old))["document"])

