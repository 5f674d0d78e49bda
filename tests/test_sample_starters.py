"""The starter templates load and show the shapes an analyst needs to start from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefbook.fileformat import load
from briefbook.markup import Run, footnote_refs, parse
from briefbook.model import Brief, BulletList, Heading, Paragraph, footnote_order, iter_sections, iter_texts
from briefbook.resources import starter_templates

STARTERS = Path(__file__).resolve().parent.parent / "templates" / "starters"
#: Serial, series, year, language (ASSEMBLY-FORMAT.md, "The reference number").
REFERENCE = re.compile(r"^\d{3} [A-Z]+ \d{2} [EF]$")


def _load(name: str) -> Brief:
    return load(STARTERS / f"{name}.brief.yaml")


def _links(text: str) -> list[str]:
    return [item.href for item in parse(text) if isinstance(item, Run) and item.href]


def test_starters_are_the_ones_offered() -> None:
    assert set(starter_templates()) == {"key-takeaways", "long-brief"}
    assert {p.name for p in STARTERS.iterdir()} == {"key-takeaways.brief.yaml", "long-brief.brief.yaml"}


@pytest.mark.parametrize("name", ["key-takeaways", "long-brief"])
def test_starter_is_a_consistent_brief(name: str) -> None:
    brief = _load(name)
    meta = brief.meta
    assert REFERENCE.match(meta.reference), meta.reference
    assert meta.event and meta.dates and meta.issued and meta.title
    assert meta.language == "en" and meta.kind == "Policy Brief"
    # every footnote is referenced once and every reference is defined
    refs = [ref.id for place in iter_texts(brief) for ref in footnote_refs(place.text)]
    assert sorted(refs) == sorted(brief.footnotes)
    assert footnote_order(brief) == list(brief.footnotes)
    for place in iter_texts(brief):
        for item in parse(place.text):
            if isinstance(item, Run):
                assert "**" not in item.text and "[^" not in item.text, place.path


def test_key_takeaways_starter_has_the_one_page_shape() -> None:
    brief = _load("key-takeaways")
    assert not brief.meta.toc
    assert brief.meta.title.splitlines()[-1] == "KEY TAKEAWAYS"
    assert isinstance(brief.takeaways[0], Paragraph)
    assert [b.text for b in brief.takeaways if isinstance(b, Heading)] == ["Focus of the Meetings", "Additional notes"]
    entries = list(iter_sections(brief))
    assert 2 <= len(entries) <= 3 and {e.level for e in entries} == {1}
    for entry in entries:
        bullets = [i for b in entry.section.body if isinstance(b, BulletList) for i in b.items]
        assert bullets, entry.section.title
        # a bold lead sentence opens the section's first bullet
        first = parse(bullets[0].text)[0]
        assert isinstance(first, Run) and first.bold, entry.section.title
    assert any(isinstance(b, Heading) for e in entries for b in e.section.body)
    [footnote] = brief.footnotes.values()
    assert all(href.startswith("https://") for href in _links(footnote)) and _links(footnote)


def test_long_brief_starter_has_a_contents_and_three_levels() -> None:
    brief = _load("long-brief")
    assert brief.meta.toc
    entries = list(iter_sections(brief))
    labels = {e.level: [x.label for x in entries if x.level == e.level] for e in entries}
    assert set(labels) == {1, 2, 3}
    assert labels[1][:2] == ["I.", "II."] and labels[2][:2] == ["A.", "B."] and labels[3][:2] == ["1.", "2."]
    blocks = [b for e in entries for b in e.section.body]
    assert any(isinstance(b, Paragraph) for b in blocks)
    assert any(isinstance(b, BulletList) and any(i.children for i in b.items) for b in blocks)
    assert len(brief.footnotes) >= 2
    assert any(_links(text) for text in brief.footnotes.values())
