"""What the preview document holds, group by group, as the fill and the reader's jumps draw it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument
from test_preview_fill import long_brief

from briefbook.app.preview_frames import FrameWriter, locate
from briefbook.app.preview_groups import DrawnGroups
from briefbook.model import Address, iter_sections, iter_texts
from briefbook.render.html import Groups, HtmlRenderer


@pytest.fixture(params=[None, 30], ids=["rendered at once", "sections left for later"])
def renderer(request) -> HtmlRenderer:
    return HtmlRenderer(first_blocks=request.param)


def drawn_groups(groups: Groups) -> tuple[DrawnGroups, QTextDocument]:
    document = QTextDocument()
    drawn = DrawnGroups(document, FrameWriter(document, QTextDocument()))
    drawn.start(groups)
    return drawn, document


def chunk(drawn: DrawnGroups, document: QTextDocument, deadline: float | None = 0.0) -> int:
    """One chunk of the fill: a group at a time (deadline 0), or the rest (None)."""
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    count = drawn.insert(cursor, deadline, 1, False, 1000)
    cursor.endEditBlock()
    return count


def all_at_once(groups: Groups) -> str:
    drawn, document = drawn_groups(groups)
    chunk(drawn, document, None)
    return document.toPlainText()


def test_a_group_drawn_early_joins_the_placed_in_its_frame(qapp, renderer):
    groups = renderer.groups(long_brief(4))
    drawn, document = drawn_groups(groups)
    assert chunk(drawn, document) == 1 and drawn.filling
    last = len(groups) - 1
    assert drawn.draw_early(last, 1000)
    frame = drawn.early[last].frame
    assert drawn.drawn((last, 0)) and not drawn.drawn((last - 1, 0))
    while drawn.filling:
        chunk(drawn, document)
    assert drawn.placed[last].frame is frame and not drawn.early
    assert document.toPlainText() == all_at_once(groups), "drawn once, where it belongs"


def test_draw_early_leaves_what_it_cannot_draw_to_the_fill(qapp, renderer):
    groups = renderer.groups(long_brief(4))
    fresh, _ = drawn_groups(groups)
    assert not fresh.draw_early(len(groups) - 1, 1000), "its frame is not made yet"
    drawn, document = drawn_groups(groups)
    chunk(drawn, document)
    assert not drawn.draw_early(0, 1000), "placed already"
    assert not drawn.draw_early(len(groups) - 1, 0), "too long for one turn"
    assert not drawn.early


def test_a_group_drawn_early_is_updated_or_left_to_the_fill_when_the_groups_change(qapp, renderer):
    brief = long_brief(4)
    drawn, document = drawn_groups(renderer.groups(brief))
    chunk(drawn, document)
    last = next(n for n, (key, _) in enumerate(drawn.target) if tuple(key) == ("sections", len(brief.sections) - 1))
    assert drawn.draw_early(last, 1000)
    brief.sections[-1].title += " (edited)"
    cursor = QTextCursor(document)
    assert drawn.update_filling(cursor, renderer.groups(brief))
    assert drawn.early[last].fragments is drawn.target[last][1], "edited in place"
    assert "(edited)" in document.toPlainText()

    early = drawn.early[last]
    brief.meta.toc = True  # a group more near the top: placed frames go, and the spare ones shift
    assert drawn.update_filling(cursor, renderer.groups(brief))
    assert not drawn.early and not early.counts, "emptied for the fill"
    while drawn.filling:
        chunk(drawn, document)
    assert document.toPlainText() == all_at_once(renderer.groups(brief))


def test_locating_a_place_renders_only_the_sections_that_may_hold_it():
    brief = long_brief(4)
    eager = HtmlRenderer().groups(brief)
    places = [Address(place.path) for place in iter_texts(brief)]
    places += [Address(entry.path) for entry in iter_sections(brief)]
    places += [Address(("sections",)), Address(("sections", 999)), Address.footnotes(next(iter(brief.footnotes)))]
    for path in places:
        lazy = HtmlRenderer(first_blocks=30).groups(brief)
        before = sum(map(lazy.rendered, range(len(lazy))))
        assert not lazy.all_rendered()
        assert locate(lazy, path) == locate(eager, path), path
        rendered = sum(map(lazy.rendered, range(len(lazy)))) - before
        assert rendered <= 2, (path, rendered)  # the section holding it, and the one holding that


def test_while_the_reader_types_a_group_not_rendered_yet_is_rendered_in_a_chunk_of_its_own(qapp):
    groups = HtmlRenderer(first_blocks=30).groups(long_brief(4))
    drawn, document = drawn_groups(groups)
    while groups.rendered(len(drawn.placed)):
        chunk(drawn, document)
    number = len(drawn.placed)

    def typing_chunk() -> int:
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        count = drawn.insert(cursor, 0.0, 1, True, 1000)
        cursor.endEditBlock()
        return count

    assert typing_chunk() == -1, "rendered, nothing placed"
    assert groups.rendered(number) and len(drawn.placed) == number
    assert typing_chunk() == 1 and len(drawn.placed) == number + 1
    while drawn.filling:
        chunk(drawn, document)
    assert document.toPlainText() == all_at_once(HtmlRenderer().groups(long_brief(4)))
