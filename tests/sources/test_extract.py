"""A source's text from plain text, HTML, DOCX and PDF files made here; what cannot be read is a clear error."""

from __future__ import annotations

import sys
from pathlib import Path

import docx
import pytest

from briefbook.sources import extract
from briefbook.sources.extract import SourceError, extract_text

sys.path.insert(0, str(Path(__file__).parent))
from pdf_fixture import write_pdf  # noqa: E402 - the fixture sits beside the tests

QUOTE = "Ukraine will be member of NATO, there is no doubt about it"

PAGE = """<!DOCTYPE html><html><head><title>NATO - News: Defence Ministers meet</title>
<style>p { color: red }</style><script>var tracking = "do not keep me";</script></head>
<body><header><a href="/">NATO homepage</a></header><nav><ul><li>Menu item</li><li>Topics</li></ul></nav>
<main><h1>Defence Ministers meet</h1>
<p>Defence Ministers met in   Brussels
on 17 and 18 October.</p>
<p>The Secretary General said: &ldquo;Ukraine will be member of NATO, there is no doubt about it&rdquo;.<br>
A new line.</p>
<ul><li>First point</li><li>Second <b>point</b></li></ul>
<div role="navigation">Share this page</div>
<aside>Related news</aside></main>
<footer>Cookie settings</footer></body></html>"""


def test_plain_text_in_utf8_with_or_without_a_bom_and_in_windows_encoding(tmp_path) -> None:
    for name, data in (("a.txt", "Title\r\n\r\n\r\nCafé “quoted”\r\n".encode()),
                       ("b.txt", "\ufeffTitle\n\nCafé “quoted”\n".encode()),
                       ("c.md", "Title\n\nCafé “quoted”\n".encode("cp1252"))):
        got = extract_text(_write(tmp_path, name, data))
        assert got.text == "Title\n\nCafé “quoted”\n" and got.title == "Title" and got.kind == "text"


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_an_html_page_keeps_its_words_and_drops_its_navigation(tmp_path) -> None:
    got = extract_text(_write(tmp_path, "page.html", PAGE.encode()))
    assert got.kind == "html" and got.title == "NATO - News: Defence Ministers meet"
    assert got.text.split("\n\n") == [
        "Defence Ministers meet",
        "Defence Ministers met in Brussels on 17 and 18 October.",
        f"The Secretary General said: “{QUOTE}”.",
        "A new line.",
        "First point",
        "Second point\n",
    ]
    for clutter in ("NATO homepage", "Menu item", "tracking", "color", "Share this", "Related", "Cookie"):
        assert clutter not in got.text


def test_a_word_document_in_body_order_with_its_tables(tmp_path) -> None:
    document = docx.Document()
    document.add_heading("Speech by the Secretary General", level=1)
    document.add_paragraph(f"He said: “{QUOTE}.”")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Allies"
    table.cell(0, 1).text = "32"
    document.add_paragraph("After the table.")
    path = tmp_path / "speech.docx"
    document.save(path)
    got = extract_text(path)
    assert got.kind == "docx" and got.title == "Speech by the Secretary General"
    assert got.text == f"Speech by the Secretary General\n\nHe said: “{QUOTE}.”\n\nAllies\n\n32\n\nAfter the table.\n"


def test_a_pdf_text_layer_with_its_lines_mended_into_paragraphs(tmp_path) -> None:
    path = write_pdf(tmp_path / "release.pdf", [
        "NATO Defence Ministers met in Brussels on 17 and 18 October, where the Secretary",
        "General said \"we stand with Ukraine\".",
        "Cooperation across the border is cross-",
        "border, (he said).",
    ], title="Press release (PDF)")
    got = extract_text(path)
    assert got.kind == "pdf" and got.title == "Press release (PDF)"
    assert got.text == ("NATO Defence Ministers met in Brussels on 17 and 18 October, where the Secretary General said "
                        "\"we stand with Ukraine\".\n\nCooperation across the border is cross-border, (he said).\n")


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("scan.pdf", None, "no text layer"),
    ("broken.pdf", b"%PDF-1.4\nnot really a PDF", "not a PDF that can be read"),
    ("broken.docx", b"PK\x03\x04 not a zip", "cannot be read as DOCX"),
    ("empty.txt", b"", "has no text"),
    ("binary.txt", bytes(range(128, 256)) * 4 + b"\x81\x8d\x8f\x90\x9d", "cannot be read|not a text"),
    ("notes.odt", b"whatever", "a source must be"),
])
def test_what_cannot_be_a_source_is_a_clear_error_naming_the_file(tmp_path, name, data, reason) -> None:
    path = write_pdf(tmp_path / name, []) if data is None else _write(tmp_path, name, data)
    with pytest.raises(SourceError, match=reason) as raised:
        extract_text(path)
    assert name in str(raised.value)


def test_a_folder_a_missing_file_or_a_huge_one_is_refused(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(SourceError, match="folder.txt: cannot be read"):
        extract_text(folder)
    with pytest.raises(SourceError, match="gone.txt: no such file"):
        extract_text(tmp_path / "gone.txt")
    monkeypatch.setattr(extract, "LIMIT", 10)
    with pytest.raises(SourceError, match="big.txt: larger than"):
        extract_text(_write(tmp_path, "big.txt", b"x" * 11))


def test_a_long_page_is_read_in_time_linear_in_its_size(tmp_path) -> None:
    paragraphs = "".join(f"<p>Paragraph {n} with “a quotation” inside.</p>" for n in range(20000))
    got = extract_text(_write(tmp_path, "long.html", f"<html><body>{paragraphs}</body></html>".encode()))
    assert got.text.count("\n\n") == 19999


def test_a_page_in_windows_encoding_nested_thousands_deep_keeps_its_curly_quotes(tmp_path) -> None:
    page = ("<html><head><meta charset=windows-1252><title>Old page</title></head><body>"
            + "<div>" * 5000 + "<blockquote><p>He said \u201cwe stand\u201d.</p> after</blockquote>"
            + "</div>" * 5000 + "</body></html>")
    got = extract_text(_write(tmp_path, "old.htm", page.encode("cp1252")))
    assert got.text == "He said \u201cwe stand\u201d.\n\nafter\n" and got.title == "Old page"
