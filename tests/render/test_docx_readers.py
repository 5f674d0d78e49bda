"""Exports as real readers see them: LibreOffice (text and PDF) and pandoc.

The sample brief's export is compared line by line with the text of the real brief
182 SPE 24 E (``tests/data/reference``); the long starter shows the three heading
levels and the table of contents. LibreOffice starts slowly, so each format is
converted for all files in one call, with a private profile so parallel runs do not
clash. Tests skip, saying why, where a program is missing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from briefbook.fileformat import load
from briefbook.markup import plain_text
from briefbook.model import Brief, Meta, Paragraph, iter_sections
from briefbook.render.docx import export_docx

from reference_text import normalise_line, plain, read_reference

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "templates" / "samples" / "182-SPE-24-E.brief.yaml"
LONG = REPO / "templates" / "starters" / "long-brief.brief.yaml"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PANDOC = shutil.which("pandoc")
PDFTOTEXT = shutil.which("pdftotext")

needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
needs_pdftotext = pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
needs_pandoc = pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed")

_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("export")
    out = {}
    for name, source in (("sample", SAMPLE), ("long", LONG)):
        if source.exists():
            out[name] = folder / f"{name}.docx"
            export_docx(load(source), out[name])
    out["repeats"] = folder / "repeats.docx"
    export_docx(REPEATS, out["repeats"])
    return out


#: A brief whose notes are referred to twice each.
REPEATS = Brief(
    meta=Meta(title="NOTES REFERRED TO TWICE", reference="001 SPE 25 E"),
    takeaways=[Paragraph("First mark.[^a] Second note.[^b] Again the first.[^a] Again the second.[^b]")],
    footnotes={"a": "Note A.", "b": "Note B."},
)


def _convert(files: list[Path], target: str, folder: Path) -> None:
    profile = folder / "profile"
    env = {**os.environ, "HOME": str(folder)}
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--convert-to", target,
         "--outdir", str(folder), *map(str, files)],
        check=True, env=env, capture_output=True, timeout=300,
    )


@pytest.fixture(scope="module")
def libreoffice(exported, tmp_path_factory) -> dict[str, Path]:
    """LibreOffice's text (``name.txt``) and PDF (``name.pdf``) of every export."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("libreoffice")
    files = list(exported.values())
    _convert(files, "txt:Text (encoded):UTF8", folder)
    _convert(files, "pdf", folder)
    return {f"{name}.{ext}": folder / f"{name}.{ext}" for name in exported for ext in ("txt", "pdf")}


def lo_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8-sig")
    return [line for line in text.splitlines() if line.strip()]


def _expected(text: str) -> str:
    """A reference line as LibreOffice prints it: marks as plain digits, no bold markers, spaces collapsed."""
    return " ".join(plain(text.translate(_SUPERSCRIPT_DIGITS)).split())


@needs_soffice
def test_libreoffice_text_of_the_sample_is_the_reference_line_by_line(libreoffice):
    reference = read_reference()
    lines = lo_lines(libreoffice["sample.txt"])
    cover = lines[: len(reference.cover)]
    assert cover == reference.cover
    body = [normalise_line(line.replace("\t", " ")) for line in lines[len(reference.cover):]]
    expected = [*reference.title, *(_expected(item.text) for item in reference.items)]
    assert body == expected


@needs_soffice
def test_libreoffice_shows_words_own_numbers_and_bullet_levels(libreoffice):
    lines = lo_lines(libreoffice["sample.txt"])
    numbered = [line for line in lines if re.match(r"^[IVX]+\. ", line)]
    titles = [s.section.title for s in iter_sections(load(SAMPLE))]
    assert numbered == [f"{n}. {title}" for n, title in zip(("I", "II", "III", "IV", "V"), titles, strict=True)]
    reference = read_reference()
    bullets = [line for line in lines if re.match(r"^\s+\S ", line)]
    depths = [len(re.match(r"^\s+", line).group(0)) for line in bullets]
    levels = [item.level for item in reference.items if item.kind == "bullet"]
    assert len(set(depths)) == 2 and [sorted(set(depths)).index(d) + 1 for d in depths] == levels


@needs_soffice
def test_libreoffice_numbers_three_levels_and_lists_the_contents(libreoffice):
    assert "long.txt" in libreoffice, "LibreOffice did not convert the long starter brief"
    brief = load(LONG)
    lines = lo_lines(libreoffice["long.txt"])
    expected = [f"{entry.label} {plain_text(entry.section.title)}" for entry in iter_sections(brief)]
    assert {entry.level for entry in iter_sections(brief)} == {1, 2, 3}
    contents_at = lines.index("Contents")
    toc = [" ".join(line.split()) for line in lines[contents_at + 1: contents_at + 1 + len(expected)]]
    assert toc == expected
    headings = [line for line in lines[contents_at + 1 + len(expected):] if line in expected]
    assert headings == expected


def _pdf_pages(path: Path) -> list[str]:
    text = subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return [page for page in text.split("\f") if page.strip()]


@needs_soffice
@needs_pdftotext
def test_pdf_pages_have_header_footer_and_the_note_under_its_mark(libreoffice):
    brief = load(SAMPLE)
    pages = _pdf_pages(libreoffice["sample.pdf"])
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        footer = lines[-1].split()
        assert footer == [brief.meta.website, str(number)], f"footer of page {number}"
        if number == 1:
            assert lines[0] == brief.meta.body
        else:
            assert lines[0] == brief.meta.reference, f"running header of page {number}"
    note = plain_text(brief.footnotes["participating-nations"])
    marked = [page for page in pages if "interoperability among NATO forces:1" in " ".join(page.split())]
    assert len(marked) == 1
    assert f"1 {note}" in " ".join(marked[0].split())
    assert sum(note in " ".join(page.split()) for page in pages) == 1


@needs_pandoc
def test_pandoc_reads_a_real_footnote_with_its_link(exported):
    markdown = subprocess.run([PANDOC, "-f", "docx", "-t", "markdown", "--wrap=none", str(exported["sample"])],
                              check=True, capture_output=True, text=True).stdout
    assert "interoperability among NATO forces:[^1]" in markdown
    assert ("[^1]: For participating nations, please refer to the "
            "[NATO press release](https://www.nato.int/cps/en/natohq/news.htm).") in markdown


def _inlines_text(inlines: list[dict]) -> str:
    out = []
    for item in inlines:
        kind, content = item["t"], item.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind in ("Strong", "Emph"):
            out.append(_inlines_text(content))
        elif kind == "Link":
            out.append(_inlines_text(content[1]))
    return "".join(out)


@needs_pandoc
def test_pandoc_sees_headings_and_nested_bullet_lists(exported):
    assert "long" in exported, "the long starter brief was not exported"
    doc = json.loads(subprocess.run([PANDOC, "-f", "docx", "-t", "json", str(exported["long"])],
                                    check=True, capture_output=True, text=True).stdout)
    headers = [(block["c"][0], _inlines_text(block["c"][2])) for block in doc["blocks"] if block["t"] == "Header"]
    brief = load(LONG)
    numbered = [header for header in headers if header[0] <= 3]
    assert numbered == [(entry.level, plain_text(entry.section.title)) for entry in iter_sections(brief)]
    # the unnumbered sub-headings are headings too, one level below the contents' three
    assert {level for level, _ in headers} - {1, 2, 3} <= {4}
    lists = [block for block in doc["blocks"] if block["t"] == "BulletList"]
    assert lists

    def depth(block: dict) -> int:
        inner = [depth(b) for item in block["c"] for b in item if b["t"] == "BulletList"]
        return 1 + max(inner, default=0)

    assert max(depth(block) for block in lists) >= 2


@needs_soffice
@needs_pdftotext
def test_a_note_referred_to_twice_shows_its_number_twice_and_prints_once(libreoffice):
    text = " ".join(" ".join(_pdf_pages(libreoffice["repeats.pdf"])).split())
    assert "First mark.1 Second note.2 Again the first.1 Again the second.2" in text
    assert text.count("Note A.") == 1 and text.count("Note B.") == 1


@needs_pandoc
def test_pandoc_reads_the_repeated_mark_as_the_same_number(exported):
    markdown = subprocess.run([PANDOC, "-f", "docx", "-t", "markdown", "--wrap=none", str(exported["repeats"])],
                              check=True, capture_output=True, text=True).stdout
    assert "First mark.[^1] Second note.[^2] Again the first.^1^ Again the second.^2^" in markdown
    assert "[^1]: Note A." in markdown and "[^2]: Note B." in markdown
