"""The shipped sample brief holds the whole of brief 182 SPE 24 E, as printed.

Expectations are derived from the PDF text of the real brief
(``tests/data/reference``, read by :mod:`reference_text`), never typed in here, so a
bullet dropped, a bold run moved or a quote straightened in the sample fails a test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefbook.fileformat import load
from briefbook.languages import language_of
from briefbook.markup import FootnoteRef, Run, parse, plain_text
from briefbook.model import (
    Block,
    Brief,
    Bullet,
    BulletList,
    Heading,
    Paragraph,
    footnote_order,
    iter_sections,
    iter_texts,
)

from reference_text import Item, Reference, bold_runs, normalise_line, plain, read_reference

SAMPLES = Path(__file__).resolve().parent.parent / "templates" / "samples"
SAMPLE = SAMPLES / "182-SPE-24-E.brief.yaml"


@pytest.fixture(scope="module")
def brief() -> Brief:
    return load(SAMPLE)


@pytest.fixture(scope="module")
def reference() -> Reference:
    return read_reference()


def _bullet_items(bullets: list[Bullet], level: int) -> list[Item]:
    out: list[Item] = []
    for bullet in bullets:
        out.append(Item("bullet", level, bullet.text))
        out.extend(_bullet_items(bullet.children, level + 1))
    return out


def _block_items(blocks: list[Block]) -> list[Item]:
    out: list[Item] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(Item("paragraph", 0, block.text))
        elif isinstance(block, Heading):
            out.append(Item("heading", 0, block.text))
        elif isinstance(block, BulletList):
            out.extend(_bullet_items(block.items, 1))
    return out


def model_items(brief: Brief) -> list[Item]:
    """The sample's body as reference items: what the reader sees, in order."""
    items = _block_items(brief.takeaways)
    for entry in iter_sections(brief):
        items.append(Item("section", 0, entry.section.title))
        items.extend(_block_items(entry.section.body))
    return items


def test_cover_block_is_the_reference_cover(brief: Brief, reference: Reference) -> None:
    meta = brief.meta
    language = language_of(meta.language)
    cover = [meta.body, *meta.event.splitlines(), meta.dates, meta.kind, meta.reference_line(language),
             meta.effective_disclaimer(language)]
    assert cover == reference.cover
    assert meta.title.splitlines() == reference.title
    assert (meta.language, meta.website, meta.toc) == ("en", "www.nato-pa.int", False)


def test_five_numbered_sections_with_the_reference_titles(brief: Brief, reference: Reference) -> None:
    entries = list(iter_sections(brief))
    assert [e.section.title for e in entries] == reference.sections()
    assert [e.label for e in entries] == ["I.", "II.", "III.", "IV.", "V."]
    assert {e.level for e in entries} == {1}


def test_key_takeaways_open_with_a_paragraph_and_have_two_sub_headings(brief: Brief) -> None:
    assert isinstance(brief.takeaways[0], Paragraph)
    headings = [b.text for b in brief.takeaways if isinstance(b, Heading)]
    assert headings == ["Focus of the Meetings", "Additional notes"]
    nested = [b for b in brief.takeaways if isinstance(b, BulletList) and any(i.children for i in b.items)]
    assert len(nested) == 1, "the focus list nests its sub-points one level down"


def test_every_item_in_order_with_its_kind_and_nesting(brief: Brief, reference: Reference) -> None:
    got = [(i.kind, i.level, plain_text(i.text)) for i in model_items(brief)]
    want = [(i.kind, i.level, i.plain) for i in reference.items]
    assert got == want


def test_plain_text_in_document_order_is_the_reference_text(brief: Brief, reference: Reference) -> None:
    lines = [line for place in iter_texts(brief) for line in plain_text(place.text).split("\n")]
    assert lines == reference.body_lines()


def test_bold_runs_are_exactly_the_reference_bold_runs(brief: Brief, reference: Reference) -> None:
    runs = [item.text for place in iter_texts(brief) for item in parse(place.text)
            if isinstance(item, Run) and item.bold]
    assert runs == reference.bold_runs()
    assert len(runs) > 50


def test_no_run_is_italic_or_stray_markup(brief: Brief) -> None:
    for place in iter_texts(brief):
        for item in parse(place.text):
            if isinstance(item, Run):
                assert not item.italic, place.path
                assert "**" not in item.text and "[^" not in item.text, place.path


def test_page_break_split_bullets_are_single_bullets(brief: Brief) -> None:
    bullets = [plain_text(i.text) for i in model_items(brief) if i.kind == "bullet"]
    assert any("security assistance and training for Ukraine. He highlighted" in b for b in bullets)
    assert any("Discussions centred on enhancing cyber defences" in b for b in bullets)
    assert not any(b.startswith(("training for Ukraine", "on enhancing")) for b in bullets)


def test_footnote_sits_where_the_reference_marks_it(brief: Brief, reference: Reference) -> None:
    assert footnote_order(brief) == list(brief.footnotes) == ["participating-nations"]
    [marked] = [i for i in reference.items if "¹" in i.text]
    [place] = [p for p in iter_texts(brief) if "[^participating-nations]" in p.text]
    parsed = parse(place.text)
    refs = [n for n, item in enumerate(parsed) if isinstance(item, FootnoteRef)]
    assert len(refs) == 1
    before = "".join(item.text for item in parsed[:refs[0]] if isinstance(item, Run))
    after = "".join(item.text for item in parsed[refs[0] + 1:] if isinstance(item, Run))
    want_before, want_after = marked.text.split("¹")
    assert (before, after) == (plain(want_before), plain(want_after))


def test_footnote_text_and_link(brief: Brief, reference: Reference) -> None:
    [want] = reference.footnotes
    runs = [item for item in parse(brief.footnotes["participating-nations"]) if isinstance(item, Run)]
    links = [run for run in runs if run.href]
    assert [run.text for run in links] == _reference_link_texts(want)
    assert all(run.href and run.href.startswith("https://www.nato.int/") for run in links)
    assert "".join(run.text for run in runs) == "For participating nations, please refer to the NATO press release."


def _reference_link_texts(text: str) -> list[str]:
    """Link texts of a reference footnote: its links point at ``#``, which the parser refuses."""
    return [item.text for item in parse(text.replace("(#)", "(https://example.org/)"))
            if isinstance(item, Run) and item.href]


def test_press_release_source_has_its_local_copy(brief: Brief) -> None:
    [source] = brief.sources
    assert source.url.startswith("https://www.nato.int/cps/en/natohq/news_")
    copy = SAMPLE.parent / source.file
    assert copy.is_file()
    assert copy.read_text(encoding="utf-8").splitlines()[0] == source.title


def test_reference_reading_rules(tmp_path: Path) -> None:
    """The reader must join page-break splits, keep nesting and tell paragraphs from headings."""
    text = "\n".join([
        "BODY", "EVENT", "MEETING:", "KEY TAKEAWAYS", "",
        "An opening **paragraph**.", "", "Sub-heading", "",
        "- first **bold** and", "", "continued here.", " - nested¹", "",
        "I. SECTION ONE", "- last", "", "www.nato-pa.int", "", "¹ The note.",
    ])
    path = tmp_path / "ref.txt"
    path.write_text(text, encoding="utf-8")
    ref = read_reference(path)
    assert ref.cover == ["BODY", "EVENT"]
    assert ref.title == ["MEETING:", "KEY TAKEAWAYS"]
    assert ref.items == [
        Item("paragraph", 0, "An opening **paragraph**."),
        Item("heading", 0, "Sub-heading"),
        Item("bullet", 1, "first **bold** and continued here."),
        Item("bullet", 2, "nested¹"),
        Item("section", 0, "SECTION ONE"),
        Item("bullet", 1, "last"),
    ]
    assert ref.footnotes == ["The note."]
    assert ref.bold_runs() == ["paragraph", "bold"]
    assert ref.body_lines()[2:5] == ["An opening paragraph.", "Sub-heading", "first bold and continued here."]
    assert ref.body_lines()[5] == "nested"
    assert ref.document_lines(footnote_marks=True)[:2] + ref.document_lines(footnote_marks=True)[7:8] == [
        "BODY", "EVENT", "nested1"]
    assert bold_runs("a **b** c **d e**") == ["b", "d e"]


def test_normalise_line_drops_numbers_bullets_and_marks() -> None:
    assert normalise_line("II.\tSUPPORT FOR UKRAINE") == "SUPPORT FOR UKRAINE"
    assert normalise_line("•\tNATO forces:¹  and  more") == "NATO forces: and more"
    assert normalise_line("A. STRENGTHENING") == "STRENGTHENING"
    assert normalise_line("A meeting of the Council") == "A meeting of the Council"
    assert normalise_line("\ufeffNATO PARLIAMENTARY ASSEMBLY") == "NATO PARLIAMENTARY ASSEMBLY"
    assert normalise_line("        ◦ Implementation") == "Implementation"
