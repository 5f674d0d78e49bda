"""Reviewers' notes exported as Word comments on the same words, as python-docx, LibreOffice and Word read them."""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from briefbook.fileformat import load
from briefbook.markup import Run
from briefbook.model import Note
from briefbook.render.docx import build_docx, export_docx
from briefbook.render.styles import Role
from briefbook.render.walk import NoteEdge, RenderBlock, cut_at_notes

from docx_audit import assert_opens_clean

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "templates" / "samples" / "182-SPE-24-E.brief.yaml"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def noted(tmp_path_factory) -> Path:
    brief = load(SAMPLE)
    brief.sections[0].notes.append(Note("Is this the minister's wording?\nCheck the transcript.",
                                        quote="Mark Rutte", author="Jane Doe", initials="JD",
                                        date="2024-10-18T21:30:00Z"))
    brief.notes.append(Note("Shorter title?", on="meta/title", quote="KEY TAKEAWAYS", author="Ann Lee"))
    path = tmp_path_factory.mktemp("comments") / "noted.docx"
    export_docx(brief, path)
    return path


def anchored(document_xml: bytes) -> dict[str, str]:
    """The text between each comment's range start and end, by comment id."""
    root = etree.fromstring(document_xml)
    texts: dict[str, list[str]] = {}
    open_ids: set[str] = set()
    for element in root.iter():
        if element.tag == f"{W}commentRangeStart":
            open_ids.add(element.get(f"{W}id"))
            texts.setdefault(element.get(f"{W}id"), [])
        elif element.tag == f"{W}commentRangeEnd":
            open_ids.discard(element.get(f"{W}id"))
        elif element.tag == f"{W}t":
            for cid in open_ids:
                texts[cid].append(element.text or "")
    return {cid: "".join(parts) for cid, parts in texts.items()}


def test_comments_part_holds_both_notes_anchored_on_their_words(noted):
    with zipfile.ZipFile(noted) as package:
        comments = etree.fromstring(package.read("word/comments.xml"))
        document = package.read("word/document.xml")
    found = {c.get(f"{W}id"): (c.get(f"{W}author"), c.get(f"{W}initials"), c.get(f"{W}date"),
                               "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in c.iter(f"{W}p")))
             for c in comments.iter(f"{W}comment")}
    assert sorted(found.values()) == sorted([
        ("Ann Lee", "AL", None, "Shorter title?"),
        ("Jane Doe", "JD", "2024-10-18T21:30:00Z", "Is this the minister's wording?\nCheck the transcript."),
    ])
    by_text = {value[3]: key for key, value in found.items()}
    spans = anchored(document)
    assert spans[by_text["Shorter title?"]] == "KEY TAKEAWAYS"
    assert spans[by_text["Is this the minister's wording?\nCheck the transcript."]] == "Mark Rutte"
    assert document.count(b"<w:commentReference ") == 2


def test_python_docx_reads_the_comments(noted):
    document = docx.Document(str(noted))
    comments = {c.comment_id: c for c in (document.comments.get(i) for i in range(2))}
    assert {c.author for c in comments.values()} == {"Jane Doe", "Ann Lee"}
    assert {c.text for c in comments.values()} == {"Shorter title?",
                                                    "Is this the minister's wording?\nCheck the transcript."}


def test_word_opens_the_export_with_comments_cleanly(noted):
    assert_opens_clean(noted)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_comments_on_the_same_words(noted, tmp_path):
    env = {**os.environ, "HOME": str(tmp_path)}
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "odt", "--outdir", str(tmp_path), str(noted)],
                   check=True, env=env, capture_output=True, timeout=300)
    with zipfile.ZipFile(tmp_path / "noted.odt") as package:
        content = package.read("content.xml").decode("utf-8")
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    root = etree.fromstring(content.encode("utf-8"))
    notes = {}
    for annotation in root.iter(f"{{{office}}}annotation"):
        name = annotation.get(f"{{{office}}}name")
        creator = "".join(annotation.itertext()).strip()
        notes[name] = creator
    assert len(notes) == 2
    assert any("Jane Doe" in text and "minister's wording" in text for text in notes.values())
    # The words between each annotation and its end, as LibreOffice anchored them.
    plain = re.sub(r"<office:annotation (?:[^>]*)>.*?</office:annotation>", "\x01", content, flags=re.S)
    plain = re.sub(r"<office:annotation-end[^>]*/>", "\x02", plain)
    plain = re.sub(r"<[^>]+>", "", plain)
    spans = re.findall("\x01([^\x02]*)\x02", plain)
    assert sorted(spans) == ["KEY TAKEAWAYS", "Mark Rutte"]


def test_a_note_across_bold_and_plain_runs_cuts_them_and_keeps_their_formatting():
    runs = (Run("Lead.", bold=True, start=2, end=7), Run(" Rest of it", start=9, end=20))
    note = Note("n")
    block = RenderBlock(Role.BULLET_1, (), runs, notes=((5, 14, note),))
    assert cut_at_notes(block) == (
        Run("Lea", bold=True, start=2, end=5), NoteEdge(note, end=False), Run("d.", bold=True, start=5, end=7),
        Run(" Rest", start=9, end=14), NoteEdge(note, end=True), Run(" of it", start=14, end=20))


def test_a_brief_without_notes_has_no_comments_part():
    with zipfile.ZipFile(__import__("io").BytesIO(build_docx(load(SAMPLE)))) as package:
        assert not [name for name in package.namelist() if "comments" in name]


def test_notes_on_a_footnote_and_a_gone_passage_are_still_exported(tmp_path):
    brief = load(SAMPLE)
    fid = next(iter(brief.footnotes))
    brief.notes.append(Note("On the footnote", on=f"footnotes/{fid}", quote="participating"))
    brief.sections[0].notes.append(Note("Words gone", quote="no such words anywhere"))
    path = tmp_path / "more.docx"
    export_docx(copy.deepcopy(brief), path)
    with zipfile.ZipFile(path) as package:
        # A note on a footnote's words is a comment on the footnote's mark in the text (LibreOffice 7.4
        # crashes on comments inside footnotes next to comments in the text); the words go with the
        # document's unprinted values, for an import to put the note back on them.
        assert not anchored(package.read("word/footnotes.xml"))
        document = package.read("word/document.xml")
        body = anchored(document)
        unprinted = package.read("customXml/item1.xml").decode("utf-8")
    assert sorted(body.values()) == sorted([brief.sections[0].body[0].text.strip(), ""])
    on_mark = next(cid for cid, text in body.items() if text == "")
    start = document.index(f'<w:commentRangeStart w:id="{on_mark}"/>'.encode())
    end = document.index(f'<w:commentRangeEnd w:id="{on_mark}"/>'.encode())
    assert b"<w:footnoteReference" in document[start:end]
    assert f'id="{on_mark}" initials="made" footnote-words="participating" occurrence="1"' in unprinted
    assert_opens_clean(path)
