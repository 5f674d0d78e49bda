"""French typography on output: the export and the preview print it, the file keeps what was typed."""

from __future__ import annotations

import copy
import re
import zipfile

import pytest

from briefbook.fileformat import dumps, load
from briefbook.render.docx import build_docx
from briefbook.render.html import HtmlRenderer, render_html
from briefbook.render.typography import NARROW, NO_BREAK, french_texts
from briefbook.resources import sample_brief
from briefbook.search.find import find_all
from briefbook.search.query import Options, Query


@pytest.mark.parametrize(("typed", "printed"), [
    ("Quoi ?", f"Quoi{NARROW}?"),
    ("Quoi?", f"Quoi{NARROW}?"),
    ("Vraiment ?!", f"Vraiment{NARROW}?!"),
    ("a ; b", f"a{NARROW}; b"),
    ("Attention !", f"Attention{NARROW}!"),
    ("« Bonjour »", f"«{NARROW}Bonjour{NARROW}»"),
    ("«Bonjour»", f"«{NARROW}Bonjour{NARROW}»"),
    ("Note : ceci", f"Note{NO_BREAK}: ceci"),
    ("Note: ceci", f"Note{NO_BREAK}: ceci"),
    ("à 10:30, soit 1:2", "à 10:30, soit 1:2"),
    ("voir https://www.nato.int/a?b=1 ;", f"voir https://www.nato.int/a?b=1{NARROW};"),
    ("1 000 et 40 000 000 en 2024 12", f"1{NARROW}000 et 40{NARROW}000{NARROW}000 en 2024 12"),
    ("20 % et 20%", f"20{NARROW}% et 20{NARROW}%"),
    ("Original\u00a0: anglais", "Original\u00a0: anglais"),
    (f"déjà{NARROW}?", f"déjà{NARROW}?"),
])
def test_french_marks(typed, printed):
    assert french_texts([typed]) == [printed]


def test_a_mark_at_the_edge_of_a_run_gets_its_space_in_the_run_that_holds_it():
    assert french_texts(["Quoi ", "?"]) == [f"Quoi{NARROW}", "?"]
    assert french_texts(["«", "Bonjour", "»"]) == [f"«{NARROW}", "Bonjour", f"{NARROW}»"]


def _french_sample():
    brief = load(sample_brief())
    brief.meta.language = "fr"
    brief.meta.original = "anglais"
    body = brief.sections[0].body
    body[1].items[0].text = "**Les ministres ont dit : « Allons plus vite ! »** Pourquoi? Parce que ; enfin."
    return brief


def _document_text(data: bytes) -> str:
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def test_the_french_export_has_narrow_no_break_spaces_before_every_high_mark_and_inside_guillemets():
    brief = _french_sample()
    typed = dumps(brief)
    text = _document_text(build_docx(brief))
    for mark in ";!?»":
        for found in re.finditer(re.escape(mark), text):
            before = text[found.start() - 1]
            assert before in (NARROW, "!", "?"), f"{text[found.start() - 20:found.end()]!r}"
    for found in re.finditer("«", text):
        assert text[found.end()] == NARROW
    assert f"dit{NO_BREAK}: «{NARROW}Allons plus vite{NARROW}!{NARROW}»" in text
    assert dumps(brief) == typed  # the brief as typed is untouched
    assert "Pourquoi? Parce que ; enfin." in typed


def test_the_english_export_is_left_as_typed():
    brief = _french_sample()
    brief.meta.language = "en"
    assert "Pourquoi? Parce que ; enfin." in _document_text(build_docx(brief))


def test_the_preview_prints_it_too_and_redraws_when_the_language_changes():
    brief = _french_sample()
    renderer = HtmlRenderer()
    html = "".join(f.html for f in renderer.fragments(brief))
    assert f"Pourquoi{NARROW}? Parce que{NARROW}; enfin." in html
    english = copy.deepcopy(brief)
    english.meta.language = "en"
    html = "".join(f.html for f in renderer.fragments(english))
    assert "Pourquoi? Parce que ; enfin." in html
    assert NARROW not in render_html(english)


def test_a_search_for_the_text_as_typed_still_finds_it():
    brief = _french_sample()
    results = find_all(brief, Query("Parce que ;", Options()).compile())
    assert len(results) == 1
