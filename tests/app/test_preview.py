"""The preview pane: incremental updates equal a full render, the view stays put, clicks name paths."""

from __future__ import annotations

import copy
import random

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QPalette, QTextCursor, QTextFormat
from PySide6.QtTest import QTest

from briefbook.app.preview import PreviewPane
from briefbook.fileformat import load
from briefbook.model import (
    Brief,
    Bullet,
    BulletList,
    Heading,
    Paragraph,
    Section,
    footnote_numbers,
    iter_sections,
    iter_texts,
    resolve,
    section_label,
)
from briefbook.render.html import HtmlRenderer, path_name, render_fragments

from conftest import SAMPLE


def sample(times: int = 1) -> Brief:
    brief = load(SAMPLE)
    brief.sections = [copy.deepcopy(section) for _ in range(times) for section in brief.sections]
    return brief


def props(fmt: QTextFormat) -> dict:
    """A format's properties, less the index of its list object (which differs between documents)."""
    values = fmt.properties()
    values.pop(QTextFormat.Property.ObjectIndex.value, None)
    return values


def signature(pane: PreviewPane) -> list:
    """Every block's text, block format, list format and formatted runs."""
    out = []
    block = pane.document().begin()
    while block.isValid():
        runs = []
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            runs.append((fragment.text(), props(fragment.charFormat())))
            it += 1
        lst = block.textList()
        out.append((block.text(), props(block.blockFormat()), props(lst.format()) if lst else None,
                    lst.itemNumber(block) if lst else None, runs))
        block = block.next()
    out.append([props(frame.frameFormat()) for frame in pane.document().rootFrame().childFrames()])
    return out


def fresh_render(qtbot, brief: Brief) -> PreviewPane:
    other = PreviewPane()
    qtbot.addWidget(other)
    other.resize(700, 500)
    other.set_brief(brief)
    other.flush()  # a long brief is drawn progressively: the whole document
    return other


def assert_same_as_full_render(qtbot, pane: PreviewPane, brief: Brief) -> None:
    other = fresh_render(qtbot, brief)
    assert pane.document().toPlainText() == other.document().toPlainText()
    assert signature(pane) == signature(other)


def block_named(pane: PreviewPane, name: str):
    block = pane.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if name in it.fragment().charFormat().anchorNames():
                return block
            it += 1
        block = block.next()
    raise AssertionError(f"no anchor {name}")


def test_full_render_shows_the_brief(pane):
    brief = sample()
    pane.set_brief(brief)
    text = pane.document().toPlainText()
    for entry in iter_sections(brief):
        assert f"{entry.label}\t{entry.section.title}" in text
    assert brief.meta.website in text
    groups = HtmlRenderer().groups(brief)
    blocks = sum(f.blocks for _, fragments in groups for f in fragments)
    assert blocks == sum(f.blocks for f in render_fragments(brief))
    # a hairline at the top, and one opening each group's frame and one after it
    assert pane.document().blockCount() == 1 + 2 * len(groups) + blocks
    assert len(pane.document().rootFrame().childFrames()) == len(groups)


def test_edit_replaces_only_the_edited_fragment(pane, qtbot):
    brief = sample()
    pane.set_brief(brief)
    bullets = brief.sections[1].body[0]
    assert isinstance(bullets, BulletList)
    first = block_named(pane, path_name(("sections", 1, "body", 0, "bullets", 0)))
    last = block_named(pane, path_name(("sections", 1, "body", 0, "bullets", len(bullets.items) - 1)))
    low, high = first.position() - 1, last.position() + last.length() - 1
    changes = []
    pane.document().contentsChange.connect(lambda pos, removed, added: changes.append((pos, removed, added)))
    bullets.items[0].text = "**Edited lead.** " + bullets.items[0].text
    pane.update_brief(brief)
    pane.flush()
    assert changes
    for position, removed, _added in changes:
        assert low <= position and position + removed <= high + 1
    assert "Edited lead." in pane.document().toPlainText()
    assert_same_as_full_render(qtbot, pane, brief)


@pytest.mark.parametrize("edit", ["add bullet", "add child", "remove block", "add section", "new first footnote",
                                  "paragraph to heading", "retitle", "toc on", "empty the takeaways",
                                  "last takeaway to heading", "remove section", "append section", "drop footnotes",
                                  "swap sections", "add subsection"])
def test_structural_edits_equal_a_full_render(pane, qtbot, edit):
    brief = sample()
    pane.set_brief(brief)
    if edit == "add bullet":
        brief.sections[0].body[1].items.insert(1, Bullet("A *new* bullet"))
    elif edit == "add child":
        brief.sections[0].body[1].items[0].children.append(Bullet("A child"))
    elif edit == "remove block":
        del brief.sections[0].body[0]
    elif edit == "add section":
        brief.sections.insert(1, Section("NEW SECTION", [Paragraph("New text.")]))
    elif edit == "new first footnote":
        brief.footnotes["first"] = "The new first note, with a [link](https://example.org)."
        brief.takeaways[0] = Paragraph(brief.takeaways[0].text + "[^first]")
    elif edit == "paragraph to heading":
        brief.takeaways[0] = Heading(brief.takeaways[0].text)
    elif edit == "retitle":
        brief.meta.title = "A NEW TITLE\nON TWO LINES"
    elif edit == "toc on":
        brief.meta.toc = True
    elif edit == "empty the takeaways":
        brief.takeaways = []
    elif edit == "last takeaway to heading":
        brief.takeaways[-1] = Heading("Closing heading")
    elif edit == "remove section":
        del brief.sections[2]
    elif edit == "append section":
        brief.sections.append(Section("LAST", [BulletList([Bullet("one[^new]")])]))
        brief.footnotes["new"] = "New."
    elif edit == "drop footnotes":
        for place in iter_texts(brief):
            parent = resolve(brief, place.path[:-1]) if place.path[-1] == "title" else resolve(brief, place.path)
            if "[^" in place.text and isinstance(parent, (Bullet, Paragraph)):
                parent.text = place.text.split("[^")[0]
        assert not footnote_numbers(brief)
    elif edit == "swap sections":
        brief.sections[1], brief.sections[3] = brief.sections[3], brief.sections[1]
    elif edit == "add subsection":
        brief.sections[1].sections.append(Section("Sub", [Paragraph("Sub text.")]))
    pane.update_brief(brief)
    pane.flush()
    assert_same_as_full_render(qtbot, pane, brief)


def test_successive_edits_stay_equal_to_a_full_render(pane, qtbot):
    brief = sample()
    pane.set_brief(brief)
    bullets = brief.sections[0].body[1]
    for letter in "abc":
        bullets.items[0].text += letter
        pane.update_brief(brief)
        pane.flush()
    bullets.items.append(Bullet("last"))
    pane.update_brief(brief)
    pane.flush()
    bullets.items[-1].text = "last, edited"
    brief.sections[-1].body.append(Paragraph("Closing [^late]"))
    brief.footnotes["late"] = "A late note."
    pane.update_brief(brief)
    pane.flush()
    assert_same_as_full_render(qtbot, pane, brief)


def test_updates_are_coalesced_and_applied_when_idle(pane, qtbot):
    brief = sample()
    pane.set_brief(brief)
    changes = []
    pane.document().contentsChange.connect(lambda *args: changes.append(args))
    paragraph = brief.takeaways[0]
    for word in ("one", "two", "three"):
        paragraph.text += f" {word}"
        pane.update_brief(brief)
    assert changes == [], "nothing is drawn while the editor is still handling input"
    qtbot.waitUntil(lambda: "one two three" in pane.document().toPlainText())
    assert len(changes) == 1


def test_scroll_position_is_kept(pane, qtbot):
    brief = sample(times=4)
    pane.set_brief(brief)
    pane.flush()
    bar = pane.browser.verticalScrollBar()
    assert bar.maximum() > 2000
    middle = len(brief.sections) // 2
    assert pane.scroll_to(("sections", middle, "title"))
    value = bar.value()
    assert value > 1000
    section = brief.sections[middle]
    bullets = next(block for block in section.body if isinstance(block, BulletList))
    bullets.items[0].text += " More words to wrap the line onto another one, and then some more words."
    pane.update_brief(brief)
    pane.flush()
    qtbot.wait(10)
    assert bar.value() == value
    pane.set_brief(brief)
    qtbot.waitUntil(lambda: not pane.is_filling())
    qtbot.wait(10)
    assert bar.value() == value


def test_scroll_to_brings_the_part_into_view(pane):
    brief = sample(times=3)
    pane.set_brief(brief)
    pane.flush()
    bar = pane.browser.verticalScrollBar()
    last = len(brief.sections) - 1
    bullets_at = next(i for i, block in enumerate(brief.sections[last].body) if isinstance(block, BulletList))
    path = ("sections", last, "body", bullets_at, "bullets", 0)
    assert bar.value() == 0
    assert pane.scroll_to(path)
    block = block_named(pane, path_name(path))
    rect = pane.document().documentLayout().blockBoundingRect(block)
    assert bar.value() <= rect.top() and rect.bottom() <= bar.value() + pane.browser.viewport().height()
    value = bar.value()
    assert pane.scroll_to(path)
    assert bar.value() == value, "already visible: no jump"
    pane.scroll_to(("meta", "title"))
    assert bar.value() < value
    assert pane.scroll_to((*path[:-1], 99, "children", 3)), "a bullet that is gone: its list"
    assert pane.scroll_to(("sections", last)), "a section: its heading"
    assert not pane.scroll_to(("sections", 999))


def test_anchor_click_emits_the_path(pane, qtbot):
    pane.set_brief(sample())
    path = ("sections", 0, "body", 1, "bullets", 2)
    with qtbot.waitSignal(pane.pathActivated) as signal:
        pane.browser.anchorClicked.emit(QUrl(f"bb:{path_name(path)}"))
    assert signal.args == [path]
    with qtbot.waitSignal(pane.pathActivated) as signal:
        pane.browser.anchorClicked.emit(QUrl("bb:footnotes/12"))
    assert signal.args == [("footnotes", "12")]


def test_mouse_click_on_a_bullet_emits_its_path(pane, qtbot):
    brief = sample()
    pane.set_brief(brief)
    path = ("sections", 1, "body", 0, "bullets", 0)
    assert pane.scroll_to(path)
    block = block_named(pane, path_name(path))
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + 3)
    rect = pane.browser.cursorRect(cursor)
    point = QPoint(rect.center().x(), rect.center().y())
    with qtbot.waitSignal(pane.pathActivated) as signal:
        QTest.mouseClick(pane.browser.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert signal.args == [path]


def test_link_click_reports_the_url_and_the_place(pane, qtbot):
    brief = sample()
    fid = next(iter(brief.footnotes))
    pane.set_brief(brief)
    block = block_named(pane, path_name(("footnotes", fid)))
    it = block.begin()
    while not it.atEnd() and not it.fragment().charFormat().anchorHref().startswith("http"):
        it += 1
    link = it.fragment()
    pane.scroll_to(("footnotes", fid))
    cursor = QTextCursor(pane.document())
    cursor.setPosition(link.position() + 2)
    rect = pane.browser.cursorRect(cursor)
    seen = []
    pane.linkActivated.connect(lambda url: seen.append(url))
    pane.pathActivated.connect(lambda path: seen.append(path))
    with qtbot.waitSignal(pane.pathActivated):
        QTest.mouseClick(pane.browser.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(rect.center().x(), rect.center().y()))
    assert seen == [link.charFormat().anchorHref(), ("footnotes", fid)]


def test_hostile_text_is_shown_as_text(pane):
    hostile = '<script>alert("x")</script> & <b>not bold</b>'
    pane.set_brief(Brief(takeaways=[Paragraph(hostile)]))
    assert hostile in pane.document().toPlainText()


@pytest.mark.parametrize("window", ["#efefef", "#2b2b2b"])
def test_page_is_paper_white_on_a_desk_in_light_and_dark(pane, qtbot, window):
    palette = pane.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(window))
    pane.setPalette(palette)
    pane.set_brief(sample())
    qtbot.wait(20)
    image = pane.browser.viewport().grab().toImage()
    desk = image.pixelColor(3, image.height() // 2)
    page = image.pixelColor(image.width() // 2, 5 + 18 + 4)
    assert page == QColor("white")
    assert desk != page
    assert (desk.lightness() > 128) == (QColor(window).lightness() > 128)


@pytest.mark.parametrize("empty", [Bullet(""), Bullet("parent", [Bullet("")]), Bullet(" ", [Bullet("child")])])
def test_edit_after_an_empty_block_keeps_that_block(pane, qtbot, empty):
    brief = sample()
    bullets = brief.takeaways[1]
    assert isinstance(bullets, BulletList) and isinstance(brief.takeaways[2], Heading)
    bullets.items.append(empty)
    pane.set_brief(brief)
    brief.takeaways[2].text += " (edited)"
    pane.update_brief(brief)
    pane.flush()
    assert_same_as_full_render(qtbot, pane, brief)
    brief.takeaways[2] = Paragraph("now a paragraph")
    del brief.takeaways[3]
    pane.update_brief(brief)
    pane.flush()
    assert_same_as_full_render(qtbot, pane, brief)


def test_a_miscounted_fragment_falls_back_to_a_correct_document(pane, qtbot, monkeypatch):
    """If Qt makes other blocks than a fragment declares, the pane builds the document piece by piece."""
    import briefbook.render.html as html

    brief = sample()
    reference = fresh_render(qtbot, brief)
    real = html.make_fragment

    def miscounted(key, blocks, rules):
        fragment = real(key, blocks, rules)
        footer = key == ("meta", "website")
        return html.Fragment(fragment.key, fragment.html, fragment.blocks + footer)

    monkeypatch.setattr(html, "make_fragment", miscounted)
    pane.set_brief(brief)
    assert signature(pane) == signature(reference)
    brief.meta.website = "www.example.org"
    pane.update_brief(brief)
    pane.flush()
    monkeypatch.setattr(html, "make_fragment", real)
    assert signature(pane) == signature(fresh_render(qtbot, brief))


def test_appending_a_section_leaves_the_sections_before_it_alone(pane):
    brief = sample()
    pane.set_brief(brief)
    last = block_named(pane, path_name(("sections", len(brief.sections) - 1, "title")))
    changes = []
    pane.document().contentsChange.connect(lambda pos, removed, added: changes.append(pos))
    brief.sections.append(Section("ONE MORE", [Paragraph("More text.")]))
    pane.update_brief(brief)
    pane.flush()
    assert changes and min(changes) > last.position()
    assert f"{section_label(1, len(brief.sections))}\tONE MORE" in pane.document().toPlainText()


def test_a_new_template_restyles_the_preview(pane, tmp_path):
    from restyled import make_template

    def heading_format():
        block = block_named(pane, path_name(("sections", 0, "title")))
        it = block.begin()
        while not it.fragment().charFormat().anchorNames():
            it += 1
        return it.fragment().charFormat()

    pane.set_brief(sample())
    before = heading_format()
    pane.set_template(make_template(tmp_path / "red.docx", colour="CC0000", size=20))
    after = heading_format()
    assert after.foreground().color().name() == "#cc0000" != before.foreground().color().name()
    assert after.fontPointSize() == 20 != before.fontPointSize()


# --- told which value changed: the same document as comparing every section ------------------------


def _texts(blocks: list) -> list:
    """The objects holding a text in a body (paragraphs, headings, bullets at any depth)."""
    out: list = []

    def bullets(items: list[Bullet]) -> None:
        for bullet in items:
            out.append(bullet)
            bullets(bullet.children)

    for block in blocks:
        if isinstance(block, BulletList):
            bullets(block.items)
        else:
            out.append(block)
    return out


def random_edit(rng, brief: Brief) -> tuple[tuple, bool]:
    """Change one value as the window's editors do (a new body, or a new title) and return its path
    (what the window passes as the hint) and whether footnote references may have changed."""
    places = [(("takeaways",), None)] + [(entry.path, entry.section) for entry in iter_sections(brief)]
    path, section = rng.choice(places)
    if section is not None and rng.random() < 0.2:
        section.title += rng.choice(["x", " word", ""])
        return (*path, "title"), False
    body = copy.deepcopy(brief.takeaways if section is None else section.body)
    texts = _texts(body)
    kind = rng.choice(["type", "type", "type", "delete", "bullet", "paragraph", "cite", "uncite"])
    refs = kind in ("cite", "uncite")
    if kind == "paragraph" or not texts:
        body.insert(rng.randrange(len(body) + 1), Paragraph(f"New paragraph {rng.randrange(100)}."))
    elif kind == "bullet":
        lists = [block for block in body if isinstance(block, BulletList)]
        if lists:
            rng.choice(lists).items.append(Bullet("A *new* bullet"))
        else:
            body.append(BulletList([Bullet("A first bullet")]))
    else:
        target = rng.choice(texts)
        if kind == "type":
            target.text += rng.choice("abc **x** ")
        elif kind == "delete":
            target.text = target.text[:-1]
        elif kind == "cite":
            target.text += f"[^{rng.choice(sorted(brief.footnotes))}]"
        else:
            target.text = target.text.split("[^")[0]
    if section is None:
        brief.takeaways = body
        return ("takeaways",), refs
    section.body = body
    return (*path, "body"), refs


def with_notes(brief: Brief) -> Brief:
    """More footnotes, first cited in later sections, so that citing one earlier renumbers them."""
    for number, section in enumerate(brief.sections[1:4], start=1):
        brief.footnotes[f"n{number}"] = f"Note {number}."
        section.body.append(Paragraph(f"Cited here[^n{number}]."))
    return brief


def as_values(groups: list) -> list:
    return [(key, [(f.key, f.html, f.blocks) for f in fragments]) for key, fragments in groups]


@pytest.mark.parametrize("first_blocks", [None, 12], ids=["at once", "later"])
@pytest.mark.parametrize("toc", [False, True])
def test_hinted_renders_equal_full_renders(toc, first_blocks):
    """With sections left for later too, read in part between edits as the preview's fill reads them."""
    rng = random.Random(182 + toc)
    brief = with_notes(sample(2))
    brief.meta.toc = toc
    renderer = HtmlRenderer(first_blocks=first_blocks)
    renderer.groups(brief)
    compared_all = []
    original = renderer._all
    renderer._all = lambda b: compared_all.append(1) or original(b)  # type: ignore[method-assign]
    for step in range(150):
        path, refs = random_edit(rng, brief)
        before = len(compared_all)
        got = renderer.groups(brief, changed=path)
        expected = as_values(HtmlRenderer().groups(brief))
        if step % 4:  # read some of the groups only: the rest stay for later through the next edits
            read = rng.sample(range(len(got)), rng.randrange(len(got)))
            assert [as_values([got[n]]) for n in read] == [[expected[n]] for n in read], (step, path)
        else:
            assert as_values(got) == expected, (step, path)
        if not refs and not (toc and path[-1] == "title"):
            assert len(compared_all) == before, "a text edit is rendered without comparing every section"
    assert len(compared_all) < 75


def test_hinted_updates_keep_the_preview_equal_to_a_full_render(pane, qtbot):
    rng = random.Random(24)
    brief = with_notes(sample(2))
    pane.set_brief(brief)
    for step in range(60):
        path, _ = random_edit(rng, brief)
        pane.update_brief(brief, changed=path)
        if step % 3:
            pane.flush()
        if step % 15 == 14:
            pane.flush()
            assert_same_as_full_render(qtbot, pane, brief)
    pane.flush()
    assert_same_as_full_render(qtbot, pane, brief)


def test_coalesced_updates_of_different_values_compare_everything(pane, qtbot):
    brief = sample()
    pane.set_brief(brief)
    brief.sections[0].body = [*brief.sections[0].body, Paragraph("First edit.")]
    pane.update_brief(brief, changed=("sections", 0, "body"))
    brief.sections[2].body = [*brief.sections[2].body, Paragraph("Second edit.")]
    pane.update_brief(brief, changed=("sections", 2, "body"))
    pane.flush()
    text = pane.document().toPlainText()
    assert "First edit." in text and "Second edit." in text
    assert_same_as_full_render(qtbot, pane, brief)


@pytest.mark.parametrize("path", [("meta", "title"), ("footnotes", "x"), ("sections",), ("sections", 99, "body"),
                                  ("sections", 0, "sections"), ("sections", "0", "body"), ()])
def test_hints_the_renderer_cannot_use_fall_back_to_comparing(path):
    brief = sample()
    renderer = HtmlRenderer()
    renderer.groups(brief)
    brief.meta.title = "A NEW TITLE"
    brief.footnotes[next(iter(brief.footnotes))] = "A new footnote text."
    brief.sections[0].body = [Paragraph("Replaced.")]
    assert as_values(renderer.groups(brief, changed=path)) == as_values(HtmlRenderer().groups(brief))


@pytest.mark.parametrize("edit", ["cite the last note first", "drop the first citation", "cite an unknown note"])
def test_hinted_edits_that_renumber_footnotes_equal_a_full_render(pane, qtbot, edit):
    brief = sample()
    brief.footnotes["later"] = "A note cited late."
    brief.sections[-1].body.append(Paragraph("Cited late[^later]."))
    pane.set_brief(brief)
    numbers = footnote_numbers(brief)
    first = min(numbers, key=numbers.get)
    if edit == "drop the first citation":
        place = next(p for p in iter_texts(brief) if f"[^{first}]" in p.text)
        owner = place.path[:1] if place.path[0] == "takeaways" else place.path[:place.path.index("body") + 1]
        body = copy.deepcopy(resolve(brief, owner))
        suffix = place.path[len(owner):]
        target = body[suffix[0]] if len(suffix) == 1 else resolve_in(body, suffix)
        target.text = place.text.replace(f"[^{first}]", "", 1)
    else:
        owner = ("takeaways",)
        body = copy.deepcopy(brief.takeaways)
        body.insert(0, Paragraph("Now cited first[^later]." if edit == "cite the last note first"
                                 else "Cites a note with no text[^nowhere]."))
    if owner == ("takeaways",):
        brief.takeaways = body
    else:
        resolve(brief, owner[:-1]).body = body
    assert footnote_numbers(brief) != numbers
    pane.update_brief(brief, changed=owner)
    pane.flush()
    assert_same_as_full_render(qtbot, pane, brief)


def resolve_in(blocks: list, suffix: tuple):
    """The bullet a body path suffix such as ``(1, "bullets", 0, "children", 2)`` names."""
    node = blocks[suffix[0]]
    for name, index in zip(suffix[1::2], suffix[2::2], strict=True):
        node = (node.items if name == "bullets" else node.children)[index]
    return node


def test_the_page_is_set_without_kerning_or_ligatures_as_word_sets_it(pane, qtbot) -> None:
    """The template's body styles ask for no kerning and no ligatures, so Word sets each letter at its
    own width; the preview does too (Qt then skips shaping, which also makes laying a page out quicker)."""
    from PySide6.QtGui import QFont, QTextLayout

    brief = load(SAMPLE)
    pane.set_brief(brief)
    pane.flush()
    document = pane.document()
    assert document.defaultFont().styleStrategy() & QFont.StyleStrategy.PreferNoShaping
    block = document.begin()
    while block.isValid() and "NATO Ministers of Defence convened" not in block.text():
        block = block.next()
    assert block.isValid()
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.Right)
    resolved = cursor.charFormat().font().resolve(document.defaultFont())
    assert resolved.styleStrategy() & QFont.StyleStrategy.PreferNoShaping
    # "AV" is a kerned pair in the body font: set as Word sets it, it is as wide as its two letters
    layout = QTextLayout("AVAVAVAV", resolved)
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    kerned = QFont(resolved)
    kerned.setStyleStrategy(QFont.StyleStrategy.PreferDefault)
    shaped = QTextLayout("AVAVAVAV", kerned)
    shaped.beginLayout()
    shaped_line = shaped.createLine()
    shaped.endLayout()
    assert line.naturalTextWidth() > shaped_line.naturalTextWidth()
