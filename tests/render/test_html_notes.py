"""Reviewers' notes in the preview: their words on a highlighter's yellow, the note as tooltip, kept up to date."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QTextDocument

from briefbook.fileformat import load
from briefbook.model import Note
from briefbook.render.html import NOTE_BACKGROUND, HtmlRenderer, render_html

SAMPLE = Path(__file__).resolve().parents[2] / "templates" / "samples" / "182-SPE-24-E.brief.yaml"


@pytest.fixture(scope="module")
def sample():
    return load(SAMPLE)


def highlighted(html: str) -> list[tuple[str, str]]:
    """The runs of text Qt draws on the note colour, with their tooltips."""
    doc = QTextDocument()
    doc.setHtml(html)
    out = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.background().color() == QColor(NOTE_BACKGROUND):
                out.append((fragment.text(), fmt.toolTip()))
            it += 1
        block = block.next()
    return out


def test_the_words_of_a_note_are_highlighted_with_the_note_as_tooltip(qapp, sample):
    brief = copy.deepcopy(sample)
    brief.sections[0].notes.append(Note("Name in full\\nthe first time?", quote="Mark Rutte"))
    brief.notes.append(Note("Shorter?", on="meta/title", quote="KEY TAKEAWAYS"))
    found = highlighted(render_html(brief))
    assert ("KEY TAKEAWAYS", "Shorter?") in found
    assert ("Mark Rutte", "Name in full\\nthe first time?") in found
    assert len(found) == 2


def test_a_note_added_changes_only_its_section_in_the_preview(sample):
    brief = copy.deepcopy(sample)
    renderer = HtmlRenderer()
    before = renderer.groups(brief)
    brief.sections[1].notes.append(Note("Check", quote=brief.sections[1].title[:7]))
    after = renderer.groups(brief)
    changed = [key for (key, old), (_, new) in zip(before, after, strict=True) if old is not new]
    assert changed == [("sections", 1)]
    assert NOTE_BACKGROUND in "".join(f.html for f in after[[k for k, _ in after].index(("sections", 1))][1])


def test_hovering_the_words_of_a_note_in_the_preview_shows_the_note(pane, qtbot, sample, monkeypatch):
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent, QTextCursor
    from PySide6.QtWidgets import QApplication, QToolTip

    brief = copy.deepcopy(sample)
    brief.notes.append(Note("Shorter?", on="meta/title", quote="KEY TAKEAWAYS"))
    pane.set_brief(brief)
    pane.flush()
    browser = pane.browser
    at = browser.document().find("KEY TAKEAWAYS")
    cursor = QTextCursor(at)
    cursor.setPosition(at.selectionStart() + 3)
    point = browser.cursorRect(cursor).center()
    shown = []
    monkeypatch.setattr(QToolTip, "showText", lambda pos, text, *args: shown.append(text))
    hover = QHelpEvent(QEvent.Type.ToolTip, point, browser.viewport().mapToGlobal(point))
    QApplication.sendEvent(browser.viewport(), hover)
    assert shown == ["Shorter?"]
    QApplication.sendEvent(browser.viewport(), QHelpEvent(QEvent.Type.ToolTip, QPoint(2, 2), QPoint(2, 2)))
    assert shown == ["Shorter?"]
