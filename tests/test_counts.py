"""Counts of a brief: words and characters of the body text as it prints, and the page estimate."""

from __future__ import annotations

import sys

import pytest

import briefbook.counts as counts_module
from briefbook.counts import BriefCounts, count_text, page_metrics, page_share, stats_rows
from briefbook.fileformat import read
from briefbook.model import Address, Brief, Bullet, BulletList, Heading, Meta, Paragraph, Section
from briefbook.model.brief import body_text, set_body_text

from conftest import REPO, SAMPLE


def brief_of(*sections: Section, takeaways: list | None = None, footnotes: dict | None = None) -> Brief:
    return Brief(Meta(title="A TITLE OF SEVERAL WORDS"), takeaways or [], list(sections), footnotes or {})


def test_words_and_characters_of_printed_text() -> None:
    assert count_text("Allies met in Brussels.") == (4, 23)
    assert count_text("NATO-Ukraine Council — a meeting") == (4, 32)  # a lone dash is no word
    assert count_text("l’Assemblée a 32 membres") == (4, 24)
    assert count_text("  ") == (0, 2)
    assert count_text("first line\nsecond") == (3, 16)  # line breaks are not characters


def test_markup_is_not_counted() -> None:
    brief = brief_of(Section("S", [Paragraph("**Bold words** and *italic* and [a link](https://www.nato.int/) \\*")]))
    count = BriefCounts().section(brief, Address.section(0))
    printed = "Bold words and italic and a link *"
    assert (count.words, count.characters) == (7, len(printed))  # an escaped * alone is no word


def test_footnote_marks_are_not_counted_but_footnotes_apart() -> None:
    brief = brief_of(Section("S", [Paragraph("Five projects were launched.[^nations] Two more[^other].")]),
                     footnotes={"nations": "For participating nations, see the press release.", "other": "Two."})
    counts = BriefCounts()
    count = counts.section(brief, Address.section(0))
    assert count.words == 6
    assert count.characters == len("Five projects were launched. Two more.")
    totals = counts.totals(brief)
    assert totals.body.words == 6  # footnotes are not in the brief's words
    assert totals.footnotes.words == 8
    assert totals.height > totals.body.height + totals.footnotes.height - 1e-9  # but they take room on the page


def test_headings_titles_and_cover_are_not_counted() -> None:
    section = Section("A LONG TITLE WITH MANY WORDS", [Heading("An unnumbered sub-heading here"),
                                                        BulletList([Bullet("One two", [Bullet("three")])])])
    brief = brief_of(section, takeaways=[Heading("Focus of the Meetings"), Paragraph("Four words are here.")])
    counts = BriefCounts()
    assert counts.section(brief, Address.section(0)).words == 3
    assert counts.takeaways(brief).words == 4
    assert counts.totals(brief).body.words == 7


def test_a_section_counts_its_sub_sections_and_each_is_counted_apart() -> None:
    child = Section("Child", [Paragraph("three child words")])
    first = Section("First", [Paragraph("one two")], [child])
    second = Section("Second", [Paragraph("four five six seven")])
    brief = brief_of(first, second)
    counts = BriefCounts()
    rows = {tuple(row.address): row.count.words for row in counts.sections(brief)}
    assert rows == {("sections", 0): 5, ("sections", 0, "sections", 0): 3, ("sections", 1): 4}
    assert counts.section(brief, Address.section(0)).words == 5
    assert counts.section(brief, Address.section(0, 0)).words == 3
    assert counts.totals(brief).body.words == 9


def test_the_sample_prints_on_five_pages() -> None:
    """LibreOffice prints the sample's export on 5 pages (see the calibration in briefbook/counts.py)."""
    brief = read(SAMPLE).brief
    totals = BriefCounts().totals(brief)
    assert totals.pages == 5
    assert 4.3 < page_metrics().pages(totals.height) <= 5.0
    assert totals.body.words > 1500


def test_the_page_estimate_reads_the_template() -> None:
    metrics = page_metrics()
    assert metrics.text_width == pytest.approx(595.3 - 2 * 70.9, abs=0.5)  # A4, 2.5 cm margins in the template
    assert metrics.text_height == pytest.approx(841.9 - 2 * 70.9, abs=0.5)


@pytest.mark.parametrize(("scale", "printed"), [(10, 40), (100, 390)])
def test_the_page_estimate_holds_for_longer_briefs(tmp_path, scale: int, printed: int) -> None:
    """The benchmark's ×10 and ×100 briefs print on 40 and 390 pages in LibreOffice; the estimate is within 2 %."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import generate  # bench/ is not a package
    finally:
        sys.path.remove(str(REPO / "bench"))
    brief = read(generate.generate(scale, tmp_path).brief).brief
    assert abs(BriefCounts().totals(brief).pages - printed) <= max(1, printed * 0.02)


def _walks(monkeypatch) -> list[str]:
    """What the counts walk from now on: each part's kind, and "block" for each body block."""
    walked: list[str] = []
    real_part, real_body = counts_module.walk_part, counts_module.walk_body
    monkeypatch.setattr(counts_module, "walk_part", lambda b, part, numbers: walked.append(part.kind.value) or
                        real_part(b, part, numbers))
    monkeypatch.setattr(counts_module, "walk_body", lambda blocks, address, numbers: walked.append("block") or
                        real_body(blocks, address, numbers))
    return walked


def test_only_the_section_told_changed_is_counted_again(monkeypatch) -> None:
    brief = read(SAMPLE).brief
    counts = BriefCounts()
    before = counts.totals(brief)
    walked = _walks(monkeypatch)
    section = brief.sections[1]
    set_body_text(section, body_text(section) + "\n- Three more words")
    counts.forget(brief, Address.section(1).body)
    after = counts.totals(brief)
    assert after.body.words == before.body.words + 3
    assert "section" not in walked  # the cover's few parts are walked each time
    assert walked.count("block") == 1, "of the section typed in, the block typed in"
    assert after == BriefCounts().totals(brief)  # the same as counting afresh


def test_a_section_s_count_is_its_part_s_count_to_the_last_bit(monkeypatch) -> None:
    """Each body block's share is remembered by what it is made of; the sum is count_blocks' of the walk."""
    from briefbook.counts import count_blocks
    from briefbook.render.walk import section_part, walk_part

    for language in ("en", "fr"):
        brief = read(SAMPLE).brief
        brief.meta.language = language
        first = brief.sections[0]
        for other in brief.sections[1:]:
            first.body.extend(other.body)  # every kind of block, each after every other kind
        first.body.extend(first.body[:4])
        counts = BriefCounts()
        address = Address.section(0)
        expected = count_blocks(walk_part(brief, section_part(address, first), {}), counts.metrics)
        assert counts.section(brief, address) == expected
        walked = _walks(monkeypatch)
        first.body[2] = Paragraph(first.body[2].text + " and two" if isinstance(first.body[2], Paragraph) else "Two")
        counts.forget(brief, address.body)
        expected = count_blocks(walk_part(brief, section_part(address, first), {}), counts.metrics)
        assert counts.section(brief, address) == expected
        assert walked.count("block") <= 2, "the block changed (and the one after it, if its space before changed)"
        monkeypatch.undo()


def test_counting_a_little_at_a_time_gives_the_same_totals() -> None:
    brief = read(SAMPLE).brief
    counts = BriefCounts()
    turns = 0
    while not counts.advance(brief, 0.0):
        turns += 1
    assert turns == len(brief.sections) and counts.complete  # a section a turn, when no time is given
    assert counts.totals(brief) == BriefCounts().totals(brief)


def test_a_structural_change_is_counted_afresh() -> None:
    brief = read(SAMPLE).brief
    counts = BriefCounts()
    counts.totals(brief)
    brief.sections.pop()
    counts.forget()
    assert counts.totals(brief) == BriefCounts().totals(brief)


def test_stats_rows_name_each_part_in_order() -> None:
    brief = read(REPO / "templates" / "starters" / "long-brief.brief.yaml").brief
    rows = list(stats_rows(brief))
    assert rows[0][0] == "Key takeaways"
    assert rows[1][0] == "I. INTRODUCTION"
    assert rows[3][0].startswith("  A. STRENGTHENING")
    assert rows[4][0] == "    1. Defence plans and forces"
    metrics = page_metrics()
    assert all(page_share(metrics, count) >= 0.1 for _, count in rows[1:])
