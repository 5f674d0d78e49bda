"""Exported and imported again, a brief comes back as it was saved: the same bytes."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from briefbook.fileformat import dumps, load, loads
from briefbook.render.docx import build_docx, export_docx
from briefbook.wordimport import import_docx

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "templates" / "samples" / "182-SPE-24-E.brief.yaml"
STARTERS = ROOT / "templates" / "starters"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

#: A brief using every part the file format has: French, a contents, budgets, italic, links,
#: three levels of sections and bullets, a footnote cited twice, one never cited, taught words,
#: and reviewers' notes on a cover field, the takeaways, a section title and body and a footnote.
RICH = """\
briefbook: 1
meta:
  body: NATO PARLIAMENTARY ASSEMBLY
  event: RÉUNION DES MINISTRES
  dates: 17-18 octobre 2024
  kind: Note de synthèse
  reference: 182 SPE 24 F
  original: anglais
  issued: octobre 2024
  language: fr
  title: |-
    RÉUNION DES MINISTRES :
    POINTS CLÉS
  website: www.nato-pa.int
  disclaimer: Un avertissement particulier.
  toc: true
budget: {pages: 5, words: 2000}
takeaways:
  - Les ministres se sont réunis à *Bruxelles* avec **M. Rutte** et [l'OTAN](https://www.nato.int/).[^first]
  - heading: Points
  - bullets:
      - Un
      - - Deux
        - - Trois et a_b [...]
sections:
  - title: DÉFENSE
    budget: {words: 800}
    body:
      - Un paragraphe qui renvoie encore à la note.[^first] Et à une autre.[^second]
    sections:
      - title: Sous-section
        body:
          - bullets:
              - '**Gras** puis texte.'
        sections:
          - title: Troisième niveau
            body:
              - Fin.
        notes:
          - on: title
            quote: Sous
            text: Titre à revoir.
            author: Jane Doe
            initials: JD
            date: '2024-10-18T21:30:00Z'
    notes:
      - on: body
        quote: encore
        text: |-
          Est-ce exact ?
          Deuxième paragraphe.
        author: Jane Doe
        initials: JD
        date: '2024-10-18T21:30:00Z'
footnotes:
  second: Deuxième note, *voir* [ici](https://example.org/a).
  first: Première note.
  unused: Jamais citée.
words:
  - Rutte
notes:
  - on: meta/title
    quote: POINTS CLÉS
    text: Plus court.
    author: A. Reviewer
  - on: takeaways
    quote: Bruxelles
    text: Ville ?
    author: B
  - on: footnotes/second
    quote: voir
    text: Lien ?
    author: C
"""


def _round_trip(text: str, tmp_path: Path) -> str:
    brief = loads(text).brief
    assert brief is not None
    path = tmp_path / "exported.docx"
    export_docx(brief, path)
    imported = import_docx(path)
    assert imported.remarks == []
    return dumps(imported.brief)


@pytest.mark.parametrize("path", [SAMPLE, STARTERS / "long-brief.brief.yaml", STARTERS / "key-takeaways.brief.yaml"],
                         ids=lambda p: p.name)
def test_the_shipped_briefs_come_back_byte_for_byte(path, tmp_path):
    text = path.read_text(encoding="utf-8")
    assert _round_trip(text, tmp_path) == text


def test_every_part_of_the_format_comes_back_byte_for_byte(tmp_path):
    text = dumps(loads(RICH).brief)  # canonical
    assert _round_trip(text, tmp_path) == text
    assert text.count("quote:") == 5


def test_the_part_that_keeps_what_does_not_print_is_in_the_package(tmp_path):
    brief = load(SAMPLE)
    with zipfile.ZipFile(__import__("io").BytesIO(build_docx(brief))) as package:
        names = package.namelist()
        item = next(n for n in names if n.startswith("customXml/item") and "Props" not in n)
        xml = package.read(item).decode("utf-8")
    assert 'id="participating-nations"' in xml and "sha256:" in xml
    assert "Rutte" not in xml  # no printed text: the text is read from the document itself


def test_text_edited_in_word_is_what_comes_back(tmp_path):
    """The document's words decide, not a copy: an edit made in Word is imported."""
    path = tmp_path / "sample.docx"
    export_docx(load(SAMPLE), path)
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"inaugural ministerial", b"first ministerial")
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    imported = import_docx(path)
    assert "**Mark Rutte's first ministerial meeting**" in dumps(imported.brief)


def test_footnotes_added_in_word_get_ids_from_their_words(tmp_path):
    brief = load(SAMPLE)
    path = tmp_path / "sample.docx"
    export_docx(brief, path)
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    # Word's footnotes as a second program would leave them: the identity part says one, the document has none.
    document = parts["word/document.xml"].decode("utf-8")
    start = document.index('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference')
    end = document.index("</w:r>", start) + len("</w:r>")
    parts["word/document.xml"] = (document[:start] + document[end:]).encode("utf-8")
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    imported = import_docx(path)
    assert "[^" not in dumps(imported.brief).split("footnotes:")[0]
    assert any("footnotes" in remark.place for remark in imported.remarks)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_a_note_in_a_footnote_beside_a_note_on_the_words_that_cite_it(tmp_path):
    """LibreOffice 7.4 crashed on this one until the comment's reference followed the footnote mark."""
    brief = loads(RICH).brief
    path = tmp_path / "rich.docx"
    export_docx(brief, path)
    env = {**os.environ, "HOME": str(tmp_path)}
    done = subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                           "--norestore", "--convert-to", "odt", "--outdir", str(tmp_path), str(path)],
                          env=env, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr[-400:]
    with zipfile.ZipFile(tmp_path / "rich.odt") as package:
        content = package.read("content.xml").decode("utf-8")
    assert content.count("<office:annotation ") == 5
