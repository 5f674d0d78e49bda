"""Find and replace on what prints: markup never matched by accident, never broken by a replacement."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from briefbook.document import AppFolders, Document
from briefbook.fileformat import read
from briefbook.markup import parse
from briefbook.model import Address, Brief, Bullet, BulletList, Paragraph, Section, Source
from briefbook.model.brief import body_text
from briefbook.resources import sample_brief
from briefbook.search import (
    Options,
    Place,
    PlaceNames,
    Query,
    QueryError,
    find_all,
    find_in_body,
    find_in_text,
    hits_in,
    plan_replace,
    plan_replace_all,
    replace_all_marked,
    replace_marked,
)
from briefbook.search.printed import printed_segments, scanned_segments


def found(text: str, query: str, **options: bool) -> list[str]:
    """The source characters of each match in ``text``."""
    matcher = Query(query, Options(**options)).compile()
    return [text[start:end] for start, end in find_in_text(text, matcher)]


def brief_with(*texts: str) -> Brief:
    return Brief(sections=[Section(title="Title", body=[Paragraph(text) for text in texts])])


# -- finding -------------------------------------------------------------------------------------------

def test_words_inside_bold_italic_and_links_are_found_as_they_print() -> None:
    assert found("said **Rutte** and *Rutte*", "rutte") == ["Rutte", "Rutte"]
    assert found("**Mark** Rutte", "mark rutte") == ["Mark** Rutte"]  # across the end of the bold
    assert found("see [the report](https://www.nato.int/report) now", "report") == ["report"]
    assert found("wo**rd**", "word") == ["wo**rd"]


def test_markup_link_addresses_and_footnote_ids_are_never_matched() -> None:
    assert found("**bold** text", "**") == []
    assert found("[the report](https://www.nato.int/rutte)", "nato") == []
    assert found("Rutte[^rutte] said", "rutte") == ["Rutte"]
    assert found("Rutte[^fn1] said", "rutte said") == []  # a footnote mark stands between them
    assert found("5 \\* 3 and 5 * 3", "5 * 3") == ["5 \\* 3", "5 * 3"]  # escaped or not, it prints as a star


def test_match_case_whole_word_and_regular_expression() -> None:
    text = "NATO nato Natopolis"
    assert found(text, "nato") == ["NATO", "nato", "Nato"]
    assert found(text, "nato", match_case=True) == ["nato"]
    assert found(text, "nato", whole_word=True) == ["NATO", "nato"]
    assert found("EUR 40 billion, USD 425 million", r"\d+ (?:b|m)illion", regular_expression=True) == [
        "40 billion", "425 million"]
    assert found("a+b a+b", "a+b") == ["a+b", "a+b"]  # words are taken literally
    assert found("abc", "x*", regular_expression=True) == []  # empty matches find nothing


def test_an_invalid_regular_expression_says_what_is_wrong() -> None:
    with pytest.raises(QueryError, match=r"not valid at character \d+: .*"):
        Query("(unclosed", Options(regular_expression=True)).compile()
    with pytest.raises(QueryError, match="Type something"):
        Query("").compile()


def test_a_regular_expression_that_backtracks_for_ever_stops_with_a_message() -> None:
    brief = brief_with("a" * 40 + "!")
    matcher = Query("(a|aa)+$", Options(regular_expression=True)).compile(time_limit=0.2)
    with pytest.raises(QueryError, match="takes too long"):
        find_all(brief, matcher)


def test_every_text_of_the_brief_is_searched_with_its_place() -> None:
    brief = Brief(takeaways=[Paragraph("Rutte in takeaways")],
                  sections=[Section(title="Rutte title", body=[BulletList([Bullet("a", [Bullet("Rutte deep")])])],
                                    sections=[Section(title="Sub", body=[Paragraph("Rutte[^f1]")])])],
                  footnotes={"f1": "Rutte in a note", "unused": "Rutte unused"},
                  sources=[Source("Rutte speech", "https://rutte.example")])
    brief.meta.event = "Rutte event"
    brief.meta.title = "**Rutte** title"
    hits = find_all(brief, Query("rutte").compile())
    addresses = [tuple(hit.address) for hit in hits]
    assert addresses == [
        ("meta", "event"), ("meta", "title"), ("takeaways", 0), ("sections", 0, "title"),
        ("sections", 0, "body", 0, "bullets", 0, "children", 0), ("sections", 0, "sections", 0, "body", 0),
        ("footnotes", "f1"), ("footnotes", "unused"), ("sources", 0, "title"), ("sources", 0, "url")]
    names = PlaceNames(brief)
    assert [names.name(hit.address) for hit in hits][:7] == [
        "Cover: event", "Cover: title", "Key takeaways", "I title", "I Rutte title", "I.A Sub", "Footnote 1"]
    assert names.name(Address.footnotes("unused")) == "Footnote unused (unused)"
    assert names.name(Address.sources(0, "url")) == "Source 1: address"
    assert hits[1].context() == ("", "Rutte", " title")


def test_context_is_cut_at_words_and_kept_on_one_line() -> None:
    text = "word " * 30 + "NATO\nSummit " + "word " * 30
    hit = find_all(brief_with(text), Query("nato").compile())[-1]  # the first is the cover's "NATO …"
    before, matched, after = hit.context()
    assert matched == "NATO" and before.startswith("…") and after.endswith("…") and "⏎" in after


def test_find_in_a_body_gives_positions_in_its_typed_text() -> None:
    text = "- **Rutte** said\n  - and \\- Rutte\n\n\\- Rutte paragraph\n## Rutte"
    spans = find_in_body(text, Query("rutte").compile())
    assert [text[a:b] for a, b in spans] == ["Rutte"] * 4


def test_fast_printed_form_agrees_with_the_scanner() -> None:
    for text in ("**a** b", "a\\*b", "x  \n  y", "[l](http://x.org) *i* [^f] tail", "a\r\nb", "__a__b"):
        fast = [(s.text, s.source_span(0, len(s.text))) for s in printed_segments(text)]
        slow = [(s.text, s.source_span(0, len(s.text))) for s in scanned_segments(text)]
        assert fast == slow, text


# -- replacing -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "query", "replacement", "expected"), [
    ("said **Rutte**", "Rutte", "Mark Rutte", "said **Mark Rutte**"),
    ("**Mark** Rutte said", "Mark Rutte", "M. Rutte", "**M. Rutte** said"),  # the first character's formatting
    ("see [the report](https://www.nato.int/r) now", "report", "paper", "see [the paper](https://www.nato.int/r) now"),
    ("see [the report](https://www.nato.int/r) now", "see the", "read", "read[ report](https://www.nato.int/r) now"),
    ("see **the** report", "the ", "", "see report"),  # no stray ****
    ("a [link](https://www.nato.int) b", "link", "", "a  b"),  # an emptied link goes with its text
    ("Rutte[^fn1] said", "Rutte", "Mr *Rutte*", "Mr \\*Rutte\\*[^fn1] said"),  # escaped, the reference kept
    ("5 * 3", "*", "x", "5 x 3"),
])
def test_replacement_keeps_markup(text: str, query: str, replacement: str, expected: str) -> None:
    (start, end), *_ = find_in_text(text, Query(query).compile())
    assert replace_marked(text, start, end, replacement) == expected


def test_a_replacement_that_would_change_the_formatting_is_skipped_and_reported() -> None:
    brief = brief_with("a **b** c and b")
    plan = plan_replace_all(brief, Query("b", Options(whole_word=True)).compile(), " B")
    assert [skip.matched for skip in plan.skipped] == ["b"]
    assert "formatting" in plan.skipped[0].reason
    assert plan.changes[0].new == "a **b** c and  B"


def test_regular_expression_groups_are_filled_in() -> None:
    brief = brief_with("EUR 40 billion")
    plan = plan_replace_all(brief, Query(r"EUR (\d+)", Options(regular_expression=True)).compile(), r"€\1")
    assert [(e.old, e.new) for e in plan.edits] == [("EUR 40", "€40")]
    assert plan.changes[0].new == "€40 billion"
    with pytest.raises(QueryError, match="cannot be filled in"):
        plan_replace_all(brief, Query(r"EUR (\d+)", Options(regular_expression=True)).compile(), r"\2")


def test_a_paragraph_that_would_read_as_a_bullet_is_guarded() -> None:
    brief = brief_with("x marks")
    plan = plan_replace_all(brief, Query("x").compile(), "- y")
    assert plan.changes[0].new == "\\- y marks"
    document_brief = brief
    from briefbook.model.brief import set_body_text
    set_body_text(document_brief.sections[0], plan.changes[0].new)
    assert document_brief.sections[0].body == [Paragraph("- y marks")]


def test_replace_one_changes_only_that_match() -> None:
    brief = brief_with("the cat and the dog")
    matcher = Query("the").compile()
    second = find_all(brief, matcher)[1]
    plan = plan_replace(brief, matcher, "a", second)
    assert [change.new for change in plan.changes] == ["the cat and a dog"]
    brief.sections[0].body = [Paragraph("changed meanwhile")]
    assert plan_replace(brief, matcher, "a", second).skipped[0].reason.startswith("the text has changed")


def test_replace_all_on_the_sample_is_one_undo_step(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "sample.brief.yaml"
    shutil.copy(sample_brief(), path)
    document = Document(AppFolders(tmp_path / "data"))
    document.replace(read(path).brief, str(path))
    before = read(path).brief
    matcher = Query("Rutte", Options(match_case=True)).compile()
    count = len(find_all(document.brief, matcher))
    plan = plan_replace_all(document.brief, matcher, "RUTTE")
    assert len(plan.edits) == count > 5 and not plan.skipped
    assert document.set_texts("Replace All", [(c.value, c.old, c.new) for c in plan.changes])
    assert len(find_all(document.brief, matcher)) == 0
    assert len(find_all(document.brief, Query("RUTTE", Options(match_case=True)).compile())) == count
    assert document.history.undo_label() == "Replace All" and document.history.count() == 1
    document.history.undo()
    assert document.brief == before and body_text(document.brief) == body_text(before)
    assert not document.is_modified()
    document.history.redo()
    assert len(find_all(document.brief, matcher)) == 0
    stale = plan.changes[0]
    assert not document.set_texts("Replace All", [(stale.value, stale.old, stale.new)])  # no longer the old text
    document.close()


# -- a property ----------------------------------------------------------------------------------------

_ALPHABET = st.sampled_from(list("ab *_[]()^\\\n") + ["[^f1]", "](https://www.nato.int)", "**", "x"])


def looks(text: str) -> list[tuple[str, bool, bool, str | None]]:
    """Each printed character with its formatting, as the renderers read them."""
    return [(ch, item.bold, item.italic, item.href) for item in parse(text) if hasattr(item, "bold")
            for ch in item.text]


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=24).map("".join), st.sampled_from(["a", "b", "ab", "a b", "x", "*"]),
       st.sampled_from(["", "Z", "z z", "*", "[q]"]))
def test_replacing_never_breaks_markup(text: str, query: str, replacement: str) -> None:
    """Whatever the text: each match found prints as the query, and a replacement, when made, prints
    exactly as the text with that match replaced — every other character with its formatting, the
    replacement with the formatting of the match's first character, every footnote reference kept."""
    assert [s.text for s in printed_segments(text)] == [s.text for s in scanned_segments(text)]
    refs = [item.id for item in parse(text) if not hasattr(item, "bold")]
    before = looks(text)
    segments = printed_segments(text)
    offset, starts = 0, []
    for segment in segments:
        starts.append(offset)
        offset += len(segment.text)
    for hit in hits_in(Place((), text, True), Query(query).compile()):
        assert hit.matched.lower() == query.lower()
        new = replace_marked(text, hit.start, hit.end, replacement)
        if new is None:
            continue
        p = starts[next(i for i, s in enumerate(segments) if s is hit.segment)] + hit.printed_start
        q = p + len(hit.matched)
        first = before[p][1:]
        assert looks(new) == before[:p] + [(ch, *first) for ch in replacement] + before[q:], (text, new)
        assert [item.id for item in parse(new) if not hasattr(item, "bold")] == refs


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=24).map("".join), st.sampled_from(["a", "b", "x", "*"]),
       st.sampled_from(["", "Z", "z z", "*"]))
def test_replacing_every_match_at_once_is_replacing_them_one_by_one(text: str, query: str, replacement: str) -> None:
    """The one-pass Replace All of a text gives what replacing its matches one at a time, last first, gives."""
    hits = hits_in(Place((), text, True), Query(query).compile())
    at_once = replace_all_marked(text, [(hit.start, hit.end, replacement) for hit in hits]) if hits else None
    if at_once is None:
        return
    one_by_one = text
    for hit in reversed(hits):
        one_by_one = replace_marked(one_by_one, hit.start, hit.end, replacement)
        assume(one_by_one is not None)
    assert looks(at_once) == looks(one_by_one)
