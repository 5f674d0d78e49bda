"""What each kind of difference becomes in a redline: word by word with formatting, fields, styles, notes, moves."""

from __future__ import annotations

import textwrap

from lxml import etree
from tracked_xml import MARK, Tracked, note_texts, paragraph_texts, parts, resolved, tracked_changes

from briefbook.fileformat import loads
from briefbook.markup import Run
from briefbook.redline import build_redline, compare
from briefbook.redline.changes import Change, Piece
from briefbook.redline.words import diff_runs
from briefbook.render.docx import build_docx
from briefbook.render.walk import NoteMark

from docx_audit import assert_opens_clean

HEAD = """\
briefbook: 1
meta:
  title: A BRIEF
  dates: 17-18 October 2024
  reference: 1 SPE 24 E
  language: en
"""


def brief(body: str):
    result = loads(HEAD + textwrap.dedent(body))
    assert result.brief is not None, [p.format() for p in result.problems]
    return result.brief


def assert_resolves(data: bytes, old, new) -> None:
    for accept, version in ((True, new), (False, old)):
        export, result = parts(build_docx(version)), resolved(data, accept=accept)
        assert paragraph_texts(result["document"]) == paragraph_texts(export["document"]), accept
        assert note_texts(result.get("footnotes")) == note_texts(export.get("footnotes")), accept


def test_words_keep_their_formatting_and_a_word_made_bold_is_deleted_and_inserted():
    old = (Run("Allies "), Run("agreed", bold=True), Run(" on a "), Run("plan", href="https://nato.int"), Run("."))
    new = (Run("Allies "), Run("agreed", bold=True), Run(" on a new "), Run("plan", bold=True), Run("."))
    assert diff_runs(old, new) == (
        Piece(Change.SAME, (Run("Allies "), Run("agreed", bold=True), Run(" on a "))),
        Piece(Change.DELETED, (Run("plan", href="https://nato.int"),)),
        Piece(Change.INSERTED, (Run("new "), Run("plan", bold=True))),  # the space between two changes joins them
        Piece(Change.SAME, (Run("."),)),
    )


def test_a_rewritten_phrase_is_one_change_not_words_between_kept_spaces():
    pieces = diff_runs((Run("the ministers met in Brussels"),), (Run("the allies gathered at Mons"),))
    assert pieces == (Piece(Change.SAME, (Run("the "),)), Piece(Change.DELETED, (Run("ministers met in Brussels"),)),
                      Piece(Change.INSERTED, (Run("allies gathered at Mons"),)))


def test_a_footnote_mark_is_the_same_whatever_its_number():
    assert diff_runs((Run("Text"), NoteMark("a", 3)), (Run("Text"), NoteMark("a", 1))) == (
        Piece(Change.SAME, (Run("Text"), NoteMark("a", 1))),)


def test_cover_fields_and_takeaways_are_tracked_word_by_word():
    old = brief("""\
        takeaways:
          - Ministers met in Brussels.
        sections:
          - title: ONE
            body:
              - Text.
        """)
    new = brief("""\
        takeaways:
          - Ministers met in Brussels.
          - They agreed a plan.
        sections:
          - title: ONE
            body:
              - Text.
        """)
    new.meta.dates = "17-19 October 2024"
    data, summary = build_redline(old, new, author="R")
    assert tracked_changes(data) == [
        Tracked("document", None, None, (("del", "18"), ("ins", "19"))),
        Tracked("document", "ins", None, (("ins", "They agreed a plan."),)),
    ]
    assert (summary.changed_paragraphs, summary.inserted_paragraphs) == (1, 1)
    assert_resolves(data, old, new)


def test_a_bullet_become_a_paragraph_keeps_its_old_style_in_the_change(tmp_path):
    old = brief("""\
        sections:
          - title: ONE
            body:
              - bullets:
                  - Allies agreed.
        """)
    new = brief("""\
        sections:
          - title: ONE
            body:
              - Allies agreed.
        """)
    data, summary = build_redline(old, new)
    assert tracked_changes(data) == [Tracked("document", None, "ListBullet", ())]
    assert summary.restyled == 1
    (tmp_path / "restyled.docx").write_bytes(data)
    assert_opens_clean(tmp_path / "restyled.docx")
    assert_resolves(data, old, new)


def test_a_changed_footnote_is_tracked_inside_the_note():
    body = """\
        sections:
          - title: ONE
            body:
              - Allies agreed.[^a]
        footnotes:
          a: See the {} press release.
        """
    old, new = brief(body.format("NATO")), brief(body.format("Assembly's"))
    data, summary = build_redline(old, new)
    assert tracked_changes(data) == [Tracked("footnotes", None, None, (("del", "NATO"), ("ins", "Assembly's")))]
    assert summary.changed_notes == 1 and summary.changed_paragraphs == 0
    assert_resolves(data, old, new)


def test_a_mark_deleted_where_the_note_is_still_cited_is_a_copy_of_the_note_deleted_with_it():
    old = brief("""\
        sections:
          - title: ONE
            body:
              - First claim.[^a]
              - Second claim.
        footnotes:
          a: The source.
        """)
    new = brief("""\
        sections:
          - title: ONE
            body:
              - First claim.
              - Second claim.[^a]
        footnotes:
          a: The source, revised.
        """)
    data, _ = build_redline(old, new)
    changes = tracked_changes(data)
    assert changes[:2] == [Tracked("document", None, None, (("del", MARK),)),
                           Tracked("document", None, None, (("ins", MARK),))]
    assert [c.texts for c in changes[2:]] == [(("del", f"{MARK} The source."),), (("ins", ", revised"),)]
    assert_resolves(data, old, new)


SECTIONS = """\
sections:
  - title: ONE
    body:
      - The first section's text, long enough to be recognised.
  - title: TWO
    body:
      - The second section's text, long enough to be recognised.
    sections:
      - title: TWO A
        body:
          - The sub-section's own text, which moves with its parent.
  - title: THREE
    body:
      - The third section's text, long enough to be recognised.
  - title: FOUR
    body:
      - The fourth section's text, long enough to be recognised.
  - title: FIVE
    body:
      - The fifth section's text, long enough to be recognised.
"""


def test_a_section_moved_with_its_sub_section_is_one_move():
    old = brief(SECTIONS)
    two = SECTIONS.index("  - title: TWO\n")
    three = SECTIONS.index("  - title: THREE\n")
    new = brief(SECTIONS[:two] + SECTIONS[three:] + SECTIONS[two:three])  # TWO and TWO A after FIVE
    stream = compare(old, new)
    starts = [t.move_start for t in stream if t.move_start]
    ends = [t.move_end for t in stream if t.move_end]
    assert starts == ends == ["move1", "move1"]  # one range on each side
    marks = [(t.mark, t.block.text) for t in stream if t.mark is not Change.SAME]
    moved = ["TWO", "The second section's text, long enough to be recognised.", "TWO A",
             "The sub-section's own text, which moves with its parent."]
    assert marks == [(Change.MOVED_FROM, text) for text in moved] + [(Change.MOVED_TO, text) for text in moved]
    data, summary = build_redline(old, new)
    assert summary.moves == 1
    assert_resolves(data, old, new)


def test_a_deleted_section_and_an_inserted_one_are_not_a_move():
    old = brief(SECTIONS)
    new = brief(SECTIONS.replace("THREE", "FOUR").replace("The third section's text, long enough to be recognised.",
                                                           "Something else entirely, about other matters."))
    marks = [t.mark for t in compare(old, new) if t.mark is not Change.SAME]
    assert Change.MOVED_FROM not in marks and Change.MOVED_TO not in marks


def test_a_note_cited_again_in_inserted_words_leaves_the_words_before_it_untracked(tmp_path):
    body = """\
        sections:
          - title: ONE
            body:
              - First{}
        footnotes:
          a: The source.
        """
    old, new = brief(body.format("[^a] claim.")), brief(body.format("[^a] claim, again[^a]."))
    data, _ = build_redline(old, new)
    assert tracked_changes(data) == [Tracked("document", None, None, (("ins", ", again1"),))]  # the cross-reference
    (tmp_path / "again.docx").write_bytes(data)
    assert_opens_clean(tmp_path / "again.docx")
    assert_resolves(data, old, new)


def test_a_brief_against_itself_is_its_export_contents_links_repeated_notes_and_right_to_left_included():
    same = brief("""\
        takeaways:
          - See the [press release](https://www.nato.int/cps/en/natohq/news.htm).[^a]
        sections:
          - title: ONE
            body:
              - First claim.[^a] Second claim.[^b]
              - "الناتو يؤكد دعمه"
            sections:
              - title: ONE A
                body:
                  - heading: A sub-heading
                  - bullets:
                      - A bullet citing again.[^b]
        footnotes:
          a: The source.
          b: The *other* source.
        """)
    same.meta.toc = True
    data, summary = build_redline(same, same)
    assert summary.unchanged and tracked_changes(data) == []
    export = parts(build_docx(same))
    for name in ("document", "footnotes"):
        assert etree.tostring(parts(data)[name]) == etree.tostring(export[name]), name
