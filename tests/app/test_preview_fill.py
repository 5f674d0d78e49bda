"""The preview draws a long brief progressively: the top at once, the rest from the event loop.

Edits, scrolls and ``flush`` made while it fills must end in the same document as a full
render of the latest brief. Tests that interleave edits with the fill set the time budgets
to zero, so that every chunk inserts exactly one group and the interleaving does not depend
on the machine's speed.
"""

from __future__ import annotations

import copy
import time

import pytest
from test_preview import assert_same_as_full_render, block_named, sample

import briefbook.app.preview as preview
import briefbook.app.preview_frames as preview_frames
from briefbook.app.preview import PreviewPane
from briefbook.model import Brief, Bullet, BulletList, Paragraph, Section
from briefbook.render.html import path_name

COPIES = 40


def _vary(blocks: list, mark: str) -> None:
    """Append ``mark`` to every text of a body, so that no copy repeats another's text."""
    for block in blocks:
        if isinstance(block, BulletList):
            stack = list(block.items)
            while stack:
                bullet = stack.pop()
                bullet.text += mark
                stack.extend(bullet.children)
        else:
            block.text += mark


def long_brief(copies: int = COPIES) -> Brief:
    """The sample with its sections repeated ``copies`` times, each copy's texts varied."""
    brief = sample()
    sections = []
    for number in range(copies):
        for section in brief.sections:
            twin = copy.deepcopy(section)
            if number:
                mark = f" (copy {number})"
                twin.title += mark
                _vary(twin.body, mark)
                for child in twin.sections:
                    child.title += mark
                    _vary(child.body, mark)
            sections.append(twin)
    brief.sections = sections
    return brief


@pytest.fixture
def one_group_per_chunk(monkeypatch):
    """``set_brief`` inserts only its first few groups, and every later chunk one group."""
    monkeypatch.setattr(preview, "FIRST_BUDGET", 0.0)
    monkeypatch.setattr(preview, "CHUNK_BUDGET", 0.0)
    monkeypatch.setattr(preview, "TYPING_CHUNK_BUDGET", 0.0)


def has_anchor(pane: PreviewPane, name: str) -> bool:
    try:
        block_named(pane, name)
    except AssertionError:
        return False
    return True


def title_name(index: int) -> str:
    return path_name(("sections", index, "title"))


def test_a_long_brief_shows_its_top_at_once_and_the_rest_later(pane, qtbot):
    brief = long_brief()
    pane.set_brief(brief)
    assert pane.is_filling()
    text = pane.document().toPlainText()
    assert brief.meta.title.split("\n")[0] in text, "the top of the brief is drawn by set_brief itself"
    assert brief.meta.website not in text, "the end of the brief is not drawn yet"
    assert not has_anchor(pane, title_name(len(brief.sections) - 1))
    with qtbot.waitSignal(pane.filled, timeout=60000):
        pass
    assert not pane.is_filling()
    assert brief.meta.website in pane.document().toPlainText()
    assert_same_as_full_render(qtbot, pane, brief)


def test_the_sections_below_the_top_are_rendered_as_the_fill_reaches_them(pane, qtbot, one_group_per_chunk):
    brief = long_brief()
    pane.set_brief(brief)
    drawn = pane._drawn_groups
    target = drawn.target
    later = [number for number in range(len(target)) if not target.rendered(number)]
    assert len(later) > len(target) // 2, "the first paint does not wait for the whole brief's HTML"
    while pane.is_filling():
        pane._fill(0.0)
        rendered = {number for number in range(len(target)) if target.rendered(number)}
        assert rendered == set(range(len(target))) - set(later) | set(range(len(drawn.placed))), \
            "each section is rendered as it is placed, not before"
    assert target.all_rendered()
    assert_same_as_full_render(qtbot, pane, brief)


def test_a_small_brief_is_drawn_in_one_go(pane):
    seen = []
    pane.filled.connect(lambda: seen.append(True))
    brief = sample()
    pane.set_brief(brief)
    assert not pane.is_filling()
    assert seen == [True]
    assert brief.meta.website in pane.document().toPlainText()


def test_flush_completes_the_fill(pane, qtbot, one_group_per_chunk):
    seen = []
    pane.filled.connect(lambda: seen.append(True))
    brief = long_brief(10)
    pane.set_brief(brief)
    assert pane.is_filling() and not seen
    pane.flush()
    assert not pane.is_filling()
    assert seen == [True]
    assert_same_as_full_render(qtbot, pane, brief)
    qtbot.wait(20)
    assert seen == [True], "the fill is over: no chunk is left to run"


def edit_text(brief: Brief, index: int) -> tuple:
    """Type into the first text of section ``index``'s body; the path the window would hint."""
    section = brief.sections[index]
    body = copy.deepcopy(section.body)
    first = body[0].items[0] if isinstance(body[0], BulletList) else body[0]
    first.text += " Typed while the preview fills."
    section.body = body
    return ("sections", index, "body")


@pytest.mark.parametrize("hinted", [True, False])
def test_text_edits_while_filling_end_equal_to_a_full_render(pane, qtbot, one_group_per_chunk, hinted):
    brief = long_brief(12)
    pane.set_brief(brief)
    middle = len(brief.sections) // 2
    qtbot.waitUntil(lambda: has_anchor(pane, title_name(3)), timeout=30000)
    assert pane.is_filling()
    # one section already drawn, one not yet: both come out as edited
    for index in (1, middle, len(brief.sections) - 1):
        path = edit_text(brief, index)
        pane.update_brief(brief, changed=path if hinted else None)
    qtbot.waitUntil(lambda: has_anchor(pane, title_name(middle + 2)), timeout=30000)
    path = edit_text(brief, 2)
    pane.update_brief(brief, changed=path if hinted else None)
    with qtbot.waitSignal(pane.filled, timeout=60000):
        pass
    assert pane.document().toPlainText().count("Typed while the preview fills.") == 4
    assert_same_as_full_render(qtbot, pane, brief)


@pytest.mark.parametrize("edit", ["insert a section first", "remove a drawn section", "remove an undrawn section",
                                  "remove the middle section", "remove a section after the middle",
                                  "cite a new footnote first", "contents on", "subsection in a drawn section",
                                  "new brief"])
@pytest.mark.parametrize("early", [False, True], ids=["", "middle drawn early"])
def test_structural_edits_while_filling_end_equal_to_a_full_render(pane, qtbot, one_group_per_chunk, edit, early):
    brief = long_brief(12)
    pane.set_brief(brief)
    qtbot.waitUntil(lambda: has_anchor(pane, title_name(5)) and (frames_made(pane) or not early), timeout=30000)
    assert pane.is_filling()
    middle = len(brief.sections) // 2
    if early:  # the reader went to the middle section: drawn before the sections above it
        pane.scroll_to(("sections", middle, "title"))
        assert has_anchor(pane, title_name(middle)) and not has_anchor(pane, title_name(middle - 1))
    if edit == "insert a section first":
        brief.sections.insert(0, Section("A NEW FIRST SECTION", [BulletList([Bullet("Its *bullet*")])]))
    elif edit == "remove a drawn section":
        del brief.sections[2]
    elif edit == "remove an undrawn section":
        del brief.sections[-3]
    elif edit == "remove the middle section":
        del brief.sections[middle]
    elif edit == "remove a section after the middle":
        del brief.sections[middle + 3]
    elif edit == "cite a new footnote first":
        brief.footnotes["first"] = "A note now cited before all others."
        brief.takeaways = [Paragraph("Cited first[^first]."), *brief.takeaways]
    elif edit == "contents on":  # a group more after the takeaways: the drawn groups after it move
        brief.meta.toc = True
    elif edit == "subsection in a drawn section":
        brief.sections[1].sections.append(Section("Sub", [Paragraph("Sub text.")]))
    else:
        brief = long_brief(8)
        brief.meta.title = "ANOTHER BRIEF"
    if edit == "new brief":
        pane.set_brief(brief)
    else:
        pane.update_brief(brief)
    with qtbot.waitSignal(pane.filled, timeout=60000):
        pass
    assert_same_as_full_render(qtbot, pane, brief)


def test_a_structural_edit_then_a_hinted_one_while_filling(pane, qtbot, one_group_per_chunk):
    brief = long_brief(12)
    pane.set_brief(brief)
    qtbot.waitUntil(lambda: has_anchor(pane, title_name(4)), timeout=30000)
    del brief.sections[1]
    pane.update_brief(brief)
    pane.scroll_to(("meta", "title"))  # applies the pending update now, as the window's selection does
    qtbot.waitUntil(lambda: has_anchor(pane, title_name(3)), timeout=30000)
    assert pane.is_filling()
    pane.update_brief(brief, changed=edit_text(brief, 2))
    pane.flush()
    assert not pane.is_filling()
    assert_same_as_full_render(qtbot, pane, brief)


def test_scroll_to_a_part_not_drawn_yet_scrolls_there_when_it_is(pane, qtbot, one_group_per_chunk):
    brief = long_brief(12)
    pane.set_brief(brief)
    last = len(brief.sections) - 1
    bullets_at = next(i for i, block in enumerate(brief.sections[last].body) if isinstance(block, BulletList))
    path = ("sections", last, "body", bullets_at, "bullets", 0)
    assert not has_anchor(pane, path_name(path))
    assert pane.scroll_to(path)
    assert not pane.scroll_to(("sections", 9999)), "a part the brief does not have"
    with qtbot.waitSignal(pane.filled, timeout=60000):
        pass
    bar = pane.browser.verticalScrollBar()
    block = block_named(pane, path_name(path))
    rect = pane.document().documentLayout().blockBoundingRect(block)
    assert bar.value() > 0
    assert bar.value() <= rect.top() and rect.bottom() <= bar.value() + pane.browser.viewport().height()


def test_reader_scrolling_cancels_a_scroll_to_a_part_not_drawn_yet(pane, qtbot, one_group_per_chunk):
    brief = long_brief(12)
    pane.set_brief(brief)
    assert not frames_made(pane), "its frame is not made yet, so it cannot be drawn early"
    assert pane.scroll_to(("sections", len(brief.sections) - 1, "title"))
    bar = pane.browser.verticalScrollBar()
    bar.triggerAction(bar.SliderAction.SliderSingleStepAdd)  # as a wheel or an arrow key does
    value = bar.value()
    with qtbot.waitSignal(pane.filled, timeout=60000):
        pass
    assert bar.value() == value


def test_the_view_stays_put_while_the_rest_is_appended(pane, qtbot, one_group_per_chunk):
    brief = long_brief(12)
    pane.set_brief(brief)
    qtbot.waitUntil(lambda: has_anchor(pane, title_name(6)), timeout=30000)
    assert pane.is_filling()
    bar = pane.browser.verticalScrollBar()
    assert pane.scroll_to(("sections", 3, "title"))
    value = bar.value()
    assert value > 0
    block = block_named(pane, title_name(3))
    top = pane.document().documentLayout().blockBoundingRect(block).top()
    with qtbot.waitSignal(pane.filled, timeout=60000):
        pass
    assert bar.value() == value
    assert pane.document().documentLayout().blockBoundingRect(block_named(pane, title_name(3))).top() == top


def test_a_long_brief_drawn_again_keeps_the_scroll_position(pane, qtbot):
    brief = long_brief(12)
    pane.set_brief(brief)
    pane.flush()
    bar = pane.browser.verticalScrollBar()
    assert pane.scroll_to(("sections", 40, "title"))
    value = bar.value()
    assert value > 1000
    pane.set_brief(brief)  # as a new template does
    assert pane.is_filling()
    with qtbot.waitSignal(pane.filled, timeout=60000):
        pass
    assert bar.value() == value


def recorded_chunks(monkeypatch) -> list[tuple[float, float | None]]:
    """When each chunk of the fill begins (``perf_counter``), and its budget, as the pane runs them."""
    chunks: list[tuple[float, float | None]] = []
    original = PreviewPane._fill

    def recording(self, budget, least=1):
        chunks.append((time.perf_counter(), budget))
        original(self, budget, least)

    monkeypatch.setattr(PreviewPane, "_fill", recording)
    return chunks


def test_while_the_reader_types_the_fill_takes_one_short_turn_after_each_edit(pane, qtbot, monkeypatch):
    """Each chunk makes Qt redraw the view: while the reader types, one short chunk follows each edit,
    once the preview has been updated for it, and none comes between edits, where the next key would
    wait for it. Once typing stops, chunks are long again and follow each other at once."""
    monkeypatch.setattr(preview, "TYPING_SECONDS", 1.0)
    chunks = recorded_chunks(monkeypatch)
    applied: list[float] = []
    apply = PreviewPane._apply_pending
    monkeypatch.setattr(PreviewPane, "_apply_pending", lambda self: (apply(self), applied.append(time.perf_counter())))
    brief = long_brief(120)
    pane.set_brief(brief)
    qtbot.waitUntil(lambda: len(chunks) >= 3)
    assert {budget for _, budget in chunks[1:]} == {preview.CHUNK_BUDGET}
    for edit in range(3):
        brief.sections[0].title += " typed"
        seen = len(chunks)
        pane.update_brief(brief, changed=("sections", 0, "title"))
        qtbot.waitUntil(lambda: len(chunks) > seen)  # noqa: B023 - waited for here
        assert chunks[seen][1] == preview.TYPING_CHUNK_BUDGET
        assert chunks[seen][0] > applied[-1], "the edit is in the preview before the chunk"
        qtbot.wait(150)
        assert len(chunks) == seen + 1, f"edit {edit}: no chunk between edits"
        assert pane.is_filling()
    seen = len(chunks)
    qtbot.waitUntil(lambda: len(chunks) >= seen + 2, timeout=3000)
    assert chunks[seen][0] - applied[-1] >= 0.9 * preview.TYPING_SECONDS
    assert {budget for _, budget in chunks[seen:]} == {preview.CHUNK_BUDGET}
    with qtbot.waitSignal(pane.filled, timeout=120000):
        pass
    assert_same_as_full_render(qtbot, pane, brief)


def test_typed_into_a_part_not_drawn_yet_the_fill_hurries_to_it(pane, qtbot, monkeypatch, one_group_per_chunk):
    """What the reader types into shows as soon as the fill has made its frame: until then, short chunks
    follow each other with only short pauses between them; then they wait for the next edit."""
    monkeypatch.setattr(preview, "TYPING_SECONDS", 5.0)
    chunks = recorded_chunks(monkeypatch)
    brief = long_brief(120)
    pane.set_brief(brief)
    last = len(brief.sections) - 1
    brief.sections[last].title += " typed"
    pane.update_brief(brief, changed=("sections", last, "title"))
    pane._apply_pending()
    assert not has_anchor(pane, title_name(last)), "its frame is not made yet"
    qtbot.waitUntil(lambda: has_anchor(pane, title_name(last)), timeout=10000)
    assert len(chunks) >= 3 and pane.is_filling()
    gaps = [b - a for (a, _), (b, _) in zip(chunks[1:], chunks[2:], strict=False)]
    assert min(gaps) >= 0.8 * preview.TYPING_PAUSE_MS / 1000, "the chunks leave the event loop to the keys between them"
    assert block_named(pane, title_name(last)).text().endswith(" typed")
    seen = len(chunks)
    qtbot.wait(300)
    assert len(chunks) <= seen + 1, "once it shows, the fill waits for the next edit"
    pane.flush()
    assert_same_as_full_render(qtbot, pane, brief)


def test_frames_made_ahead_and_not_needed_are_taken_out(pane, qtbot, one_group_per_chunk):
    """The fill makes empty frames a batch ahead; when edits leave fewer groups, none of them stays behind."""
    brief = long_brief(12)
    pane.set_brief(brief)
    qtbot.waitUntil(lambda: has_anchor(pane, title_name(3)), timeout=30000)
    assert pane.is_filling()
    root = pane.document().rootFrame()
    drawn = pane._drawn_groups
    assert len(root.childFrames()) > len(drawn.placed), "frames are made ahead of the groups drawn into them"
    del brief.sections[6:]
    pane.update_brief(brief)
    with qtbot.waitSignal(pane.filled, timeout=60000):
        pass
    assert len(root.childFrames()) == len(pane._drawn_groups.placed)
    assert_same_as_full_render(qtbot, pane, brief)


def many_notes(count: int = 120) -> Brief:
    """The sample with ``count`` more footnotes, all cited in the first takeaway (so numbered first)."""
    brief = sample()
    for number in range(count):
        brief.footnotes[f"extra-{number}"] = f"Extra note number {number}."
    brief.takeaways[0] = Paragraph(brief.takeaways[0].text + "".join(f"[^extra-{n}]" for n in range(count)))
    return brief


def test_a_long_group_is_drawn_a_part_at_a_time(pane, qtbot, one_group_per_chunk):
    """The footnotes of a long brief are one group: the fill places them a few at a time, keeps the
    part drawn through edits elsewhere, draws it again when one of its notes changes, and
    scrolls to a note of the part not drawn yet once it is."""
    brief = many_notes()
    pane.set_brief(brief)
    while not pane._drawn_groups.partial:  # chunk by chunk, as the event loop would run them
        pane._fill(preview.CHUNK_BUDGET)
    group = pane._drawn_groups.placed[-1]
    assert group.key == ("footnotes",)
    assert 0 < sum(group.counts) <= preview_frames.PIECE_BLOCKS
    assert has_anchor(pane, path_name(("footnotes", "extra-0")))
    assert not has_anchor(pane, path_name(("footnotes", "extra-119")))

    pane.update_brief(brief, edit_text(brief, 0))
    pane._apply_pending()
    drawn = pane._drawn_groups
    assert drawn.partial and drawn.placed[-1] is group, "an edit elsewhere keeps the part drawn"

    brief.footnotes["extra-0"] = "The first extra note, rewritten."
    pane.update_brief(brief)
    pane._apply_pending()
    assert drawn.placed[-1] is not group and not drawn.partial, "a note of the part changed: drawn again"

    path = ("footnotes", "extra-119")
    assert pane.scroll_to(path)
    with qtbot.waitSignal(pane.filled, timeout=60000):
        pass
    assert "The first extra note, rewritten." in pane.document().toPlainText()
    assert_same_as_full_render(qtbot, pane, brief)
    bar = pane.browser.verticalScrollBar()
    rect = pane.document().documentLayout().blockBoundingRect(block_named(pane, path_name(path)))
    assert bar.value() <= rect.top() and rect.bottom() <= bar.value() + pane.browser.viewport().height()


def test_every_frame_is_made_early_in_the_fill(pane, qtbot, one_group_per_chunk):
    """Qt walks the whole document after an edit that adds frames: they are all made while it is short."""
    brief = long_brief(12)
    pane.set_brief(brief)
    groups = len(pane._drawn_groups.target)
    chunks = 0
    while len(pane.document().rootFrame().childFrames()) < groups:
        pane._fill(preview.CHUNK_BUDGET)  # one group per chunk
        chunks += 1
    assert chunks == -(-groups // preview.FRAMES_AHEAD) - 1, "a batch of frames each chunk, the first by set_brief"
    assert len(pane._drawn_groups.placed) == preview.FIRST_GROUPS + chunks < groups / 2
    with qtbot.waitSignal(pane.filled, timeout=60000):
        pass
    assert len(pane.document().rootFrame().childFrames()) == groups
    assert_same_as_full_render(qtbot, pane, brief)


def test_a_hidden_preview_waits_to_be_shown_before_filling_on(pane, qtbot, one_group_per_chunk):
    """Hidden, the preview takes no turns from the keys for a brief no one sees; and what waits for
    its fill (the counts, the checks) does not wait for a hidden one."""
    brief = long_brief(12)
    pane.set_brief(brief)
    qtbot.waitUntil(lambda: has_anchor(pane, title_name(2)), timeout=30000)
    pane.hide()
    assert pane.is_filling() and not pane.is_busy()
    placed = len(pane._drawn_groups.placed)
    qtbot.wait(150)
    assert len(pane._drawn_groups.placed) == placed, "no chunk while hidden"
    pane.show()
    assert pane.is_busy()
    with qtbot.waitSignal(pane.filled, timeout=60000):
        pass
    assert not pane.is_busy()
    assert_same_as_full_render(qtbot, pane, brief)


def test_while_the_reader_types_a_section_is_placed_a_few_blocks_at_a_time(pane, qtbot, one_group_per_chunk):
    brief = long_brief(12)
    pane.set_brief(brief)
    pane.update_brief(brief, edit_text(brief, 0))  # the reader types
    pane._apply_pending()
    limit = preview_frames.PIECE_BLOCKS // 3
    seen = []
    while pane.is_filling() and len(seen) < 40:
        drawn = pane._drawn_groups
        before = (drawn.placed[-1], len(drawn.placed[-1].counts)) if drawn.partial else (None, 0)
        pane._fill(preview.TYPING_CHUNK_BUDGET)
        group = pane._drawn_groups.placed[-1]
        done = before[1] if group is before[0] else 0
        added = group.counts[done:]
        if group.key[0] == "sections" and (pane._drawn_groups.partial or done):
            seen.append(group)
            largest = max(fragment.blocks for fragment in group.fragments[done:])
            assert sum(added) <= max(limit, largest), "a piece of a few blocks (one fragment at least)"
    assert seen, "some section was placed in parts"
    with qtbot.waitSignal(pane.filled, timeout=60000):
        pane.update_brief(brief, edit_text(brief, 1))
    assert_same_as_full_render(qtbot, pane, brief)


def test_showing_the_preview_is_not_typing(pane, qtbot, monkeypatch):
    """The window shows its preview (and tells it the brief) as it starts, just before it opens the last
    brief: the fill of that brief must go at its full pace, not at the pace it keeps while the reader types."""
    budgets: list[float | None] = []
    original = PreviewPane._fill

    def recording(self, budget, least=1):
        budgets.append(budget)
        original(self, budget, least)

    monkeypatch.setattr(PreviewPane, "_fill", recording)
    pane.update_brief(Brief(), typed=False)
    pane.flush()
    budgets.clear()
    pane.set_brief(long_brief(120))
    with qtbot.waitSignal(pane.filled, timeout=120000):
        pass
    assert budgets[1:] and set(budgets[1:]) == {preview.CHUNK_BUDGET}


def frames_made(pane: PreviewPane) -> bool:
    return len(pane.document().rootFrame().childFrames()) >= len(pane._drawn_groups.target)


def in_view(pane: PreviewPane, name: str) -> bool:
    bar = pane.browser.verticalScrollBar()
    rect = pane.document().documentLayout().blockBoundingRect(block_named(pane, name))
    return bar.value() <= rect.top() and rect.bottom() <= bar.value() + pane.browser.viewport().height()


def test_a_part_gone_to_before_the_fill_gets_there_is_drawn_at_once(pane, qtbot, one_group_per_chunk):
    """The reader picks a section far down a long brief while it is drawn: it shows at once, and stays
    in view while the sections above it are drawn."""
    brief = long_brief(12)
    pane.set_brief(brief)
    qtbot.waitUntil(lambda: frames_made(pane) and has_anchor(pane, title_name(4)), timeout=30000)
    last = len(brief.sections) - 1
    bullets_at = next(i for i, block in enumerate(brief.sections[last].body) if isinstance(block, BulletList))
    path = ("sections", last, "body", bullets_at, "bullets", 0)
    assert pane.scroll_to(path)
    assert pane.is_filling() and not has_anchor(pane, title_name(last - 1))
    assert has_anchor(pane, path_name(path)) and in_view(pane, path_name(path))
    before = pane.browser.verticalScrollBar().value()
    with qtbot.waitSignal(pane.filled, timeout=60000):
        pass
    assert in_view(pane, path_name(path)), "the view followed it down as the sections above were drawn"
    assert pane.browser.verticalScrollBar().value() > before
    assert_same_as_full_render(qtbot, pane, brief)


def test_a_part_gone_to_before_its_frame_is_made_is_drawn_once_it_is(pane, qtbot, one_group_per_chunk):
    """Gone to at once after opening (or the place a brief was left, at start): drawn early as soon
    as the first chunks have made its frame, not when the fill gets there."""
    brief = long_brief(12)
    pane.set_brief(brief)
    assert not frames_made(pane)
    last = len(brief.sections) - 1
    assert pane.scroll_to(("sections", last, "title"))
    assert not has_anchor(pane, title_name(last))
    qtbot.waitUntil(lambda: frames_made(pane), timeout=30000)
    qtbot.waitUntil(lambda: has_anchor(pane, title_name(last)), timeout=5000)
    assert pane.is_filling() and not has_anchor(pane, title_name(last - 1))
    assert in_view(pane, title_name(last))
    with qtbot.waitSignal(pane.filled, timeout=60000):
        pass
    assert in_view(pane, title_name(last))
    assert_same_as_full_render(qtbot, pane, brief)


@pytest.mark.parametrize("scrolled", [True, False])
def test_typing_into_a_part_the_fill_has_not_reached_shows_at_once(pane, qtbot, one_group_per_chunk, scrolled):
    brief = long_brief(12)
    pane.set_brief(brief)
    qtbot.waitUntil(lambda: frames_made(pane) and has_anchor(pane, title_name(4)), timeout=30000)
    middle = len(brief.sections) // 2
    if scrolled:
        pane.scroll_to(("sections", middle, "title"))
    for _ in range(3):
        pane.update_brief(brief, changed=edit_text(brief, middle))
        pane._apply_pending()  # as the event loop runs it, before the next chunk
        assert pane.is_filling() and not has_anchor(pane, title_name(middle - 1))
        assert pane.document().toPlainText().count("Typed while the preview fills.")
    with qtbot.waitSignal(pane.filled, timeout=60000):
        pass
    assert pane.document().toPlainText().count("Typed while the preview fills.") == 3
    assert_same_as_full_render(qtbot, pane, brief)


def test_what_the_reader_scrolled_to_below_the_fill_stays_in_view(pane, qtbot, one_group_per_chunk):
    brief = long_brief(12)
    pane.set_brief(brief)
    qtbot.waitUntil(lambda: frames_made(pane) and has_anchor(pane, title_name(4)), timeout=30000)
    last = len(brief.sections) - 1
    assert pane.scroll_to(("sections", last, "title"))
    bar = pane.browser.verticalScrollBar()
    bar.triggerAction(bar.SliderAction.SliderSingleStepAdd)  # the reader scrolls a little, as a wheel does
    layout = pane.document().documentLayout()
    offset = bar.value() - layout.blockBoundingRect(block_named(pane, title_name(last))).top()
    with qtbot.waitSignal(pane.filled, timeout=60000):
        pass
    after = bar.value() - layout.blockBoundingRect(block_named(pane, title_name(last))).top()
    assert after == pytest.approx(offset, abs=1)
