"""Spell check beyond the body: cover fields, section titles and footnotes underline unknown words and offer
the same menu; a word learnt in one place is known everywhere at once and after a restart; F7 works in the
field that has the keyboard; a long text is checked to its end in the background."""

from __future__ import annotations

import test_main_window
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import QMenu
from test_main_window import select, type_at_end, type_text

from briefbook.app.outline import COVER, FOOTNOTES
from briefbook.app.spell_menu import add_line_spelling_entries, add_spelling_entries
from briefbook.fileformat import read, save
from briefbook.model.brief import set_body_text

dialogs, make_window, sample = test_main_window.dialogs, test_main_window.make_window, test_main_window.sample
settings_dir, window = test_main_window.settings_dir, test_main_window.window

WAVY = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
SECTION = ("sections", 0)


def ready(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.spell.available, timeout=5000)


def underlined(block) -> set[str]:
    """The stretches of a line drawn with the spelling underline."""
    text = block.text()
    return {text[r.start:r.start + r.length] for r in block.layout().formats() if r.format.underlineStyle() == WAVY}


def red_columns(field) -> set[int]:
    """The x positions of a one-line field where the spelling underline's red is drawn."""
    image = field.grab().toImage()
    columns = set()
    for x in range(image.width()):
        for y in range(image.height() // 2, image.height()):
            colour = QColor(image.pixel(x, y))
            if colour.red() > 150 and colour.green() < 120 and colour.blue() < 120:
                columns.add(x)
                break
    return columns


def columns_of(field, word: str) -> range:
    """Where ``word`` of a one-line field is drawn, from its cursor's geometry."""
    text = field.text()
    start = text.index(word)
    keep = field.cursorPosition()
    field.setCursorPosition(start)
    left = field.cursorRect().center().x()
    field.setCursorPosition(start + len(word))
    right = field.cursorRect().center().x()
    field.setCursorPosition(keep)
    return range(left, right)


def line_menu(window, field, word: str) -> QMenu:
    menu = QMenu(field)
    add_line_spelling_entries(menu, field, window.spell, field.text().index(word) + 1)
    return menu


def text_menu(window, field, word: str) -> QMenu:
    cursor = field.textCursor()
    cursor.setPosition(field.toPlainText().index(word) + 1)
    menu = field.createStandardContextMenu()
    add_spelling_entries(menu, field, window.spell, cursor)
    return menu


def choose(menu: QMenu, text: str) -> None:
    [action] = [a for a in menu.actions() if a.text().replace("&", "") == text]
    action.trigger()


def test_a_section_title_underlines_an_unknown_word_and_a_suggestion_replaces_it(qtbot, window) -> None:
    ready(qtbot, window)
    select(qtbot, window, SECTION)
    title = window.pages.title_edit
    before = title.text()
    title.setFocus()
    title.end(False)
    type_text(qtbot, title, " and the Secretriat")
    qtbot.waitUntil(lambda: len(red_columns(title) & set(columns_of(title, "Secretriat"))) > 10)
    assert not red_columns(title) & set(columns_of(title, "and"))  # a known word is not underlined
    menu = line_menu(window, title, "Secretriat")
    assert "Secretariat" in [a.text() for a in menu.actions()]
    choose(menu, "Secretariat")
    assert window.document.brief.sections[0].title.endswith(" and the Secretariat")
    assert not red_columns(title)
    window.document.history.undo()  # renaming a section is one step, the suggestion included
    assert window.document.brief.sections[0].title == before


def test_a_cover_field_underlines_and_offers_the_same_menu(qtbot, window) -> None:
    ready(qtbot, window)
    select(qtbot, window, COVER)
    event = window.pages.meta_form.widgets["event"]
    event.setFocus()
    event.move_to_end()
    type_text(qtbot, event, " recieve")
    qtbot.waitUntil(lambda: "recieve" in underlined(event.document().lastBlock()))
    choose(text_menu(window, event, "recieve"), "receive")
    assert window.document.brief.meta.event.endswith(" receive")
    dates = window.pages.meta_form.widgets["dates"]
    dates.setFocus()
    dates.end(False)
    type_text(qtbot, dates, " Octobre")
    qtbot.waitUntil(lambda: len(red_columns(dates) & set(columns_of(dates, "Octobre"))) > 10)


def test_a_footnote_underlines_and_a_suggestion_replaces_the_word(qtbot, window) -> None:
    ready(qtbot, window)
    select(qtbot, window, FOOTNOTES)
    panel = window.pages.footnotes
    fid = panel.current_id()
    panel.text.setFocus()
    panel.text.move_to_end()
    type_text(qtbot, panel.text, " definately")
    qtbot.waitUntil(lambda: "definately" in underlined(panel.text.document().lastBlock()))
    panel.text.moveCursor(panel.text.textCursor().MoveOperation.Start)
    window.next_misspelled_action.trigger()  # F7 in the footnote's text
    assert panel.text.textCursor().selectedText() == "definately"
    choose(text_menu(window, panel.text, "definately"), "definitely")
    assert window.document.brief.footnotes[fid].endswith(" definitely")
    assert not underlined(panel.text.document().lastBlock())


def test_a_word_learnt_in_one_field_is_known_in_every_field_at_once(qtbot, window) -> None:
    ready(qtbot, window)
    select(qtbot, window, SECTION)
    type_at_end(qtbot, window, " Umerov spoke")
    title = window.pages.title_edit
    title.setFocus()
    title.end(False)
    type_text(qtbot, title, " Umerov")
    body_line = window.editor.document().lastBlock()
    qtbot.waitUntil(lambda: "Umerov" in underlined(body_line) and bool(red_columns(title)))
    choose(line_menu(window, title, "Umerov"), "Add to Dictionary")
    assert not red_columns(title)
    # the body's lines on screen at once, the rest in the turns that follow
    qtbot.waitUntil(lambda: "Umerov" not in underlined(window.editor.document().lastBlock()), timeout=1000)


def test_words_learnt_in_fields_persist_in_the_brief_and_the_user_dictionary(qtbot, make_window, window,
                                                                            settings_dir, sample) -> None:
    ready(qtbot, window)
    select(qtbot, window, FOOTNOTES)
    panel = window.pages.footnotes
    panel.text.setFocus()
    panel.text.move_to_end()
    type_text(qtbot, panel.text, " Syrskyi Budanov")
    choose(text_menu(window, panel.text, "Syrskyi"), "Add to This Brief's Words")
    choose(text_menu(window, panel.text, "Budanov"), "Add to Dictionary")
    assert window.files.save()
    assert read(sample).brief.words == ["Syrskyi"]
    assert "Budanov" in (settings_dir / "words-en.txt").read_text(encoding="utf-8")
    window.close()
    again = make_window()  # a new window on the same folders: a restart
    assert again.files.open_file(str(sample), ask=False)
    ready(qtbot, again)
    select(qtbot, again, FOOTNOTES)
    text = again.pages.footnotes.text
    again.pages.footnotes.select(panel.current_id() or "", focus_text=True)
    assert "Syrskyi Budanov" in text.toPlainText()
    assert not {"Syrskyi", "Budanov"} & underlined(text.document().lastBlock())


def test_f7_selects_the_next_unknown_word_of_the_focused_field(qtbot, window) -> None:
    ready(qtbot, window)
    select(qtbot, window, SECTION)
    title = window.pages.title_edit
    title.setFocus()
    title.end(False)
    type_text(qtbot, title, " teh recieve")
    title.home(False)
    found = []
    for _ in range(3):
        window.next_misspelled_action.trigger()
        found.append(title.selectedText())
    assert found == ["teh", "recieve", "teh"]
    assert window.focusWidget() is title


def test_a_long_text_is_underlined_on_screen_first_and_to_its_end_in_the_background(qtbot, make_window,
                                                                                   sample) -> None:
    loaded = read(sample).brief
    lines = [f"- Line {n} of a long section, where the Alliance would recieve its orders." for n in range(3000)]
    set_body_text(loaded.sections[0], "\n".join(lines))
    save(loaded, sample)
    window = make_window()
    assert window.files.open_file(str(sample), ask=False)
    ready(qtbot, window)
    select(qtbot, window, SECTION)
    highlighter = window.editor.highlighter
    document = window.editor.document()
    assert highlighter.remaining() > 0  # not checked in the turn that loaded it
    qtbot.waitUntil(lambda: "recieve" in underlined(window.editor.firstVisibleBlock()), timeout=2000)
    assert highlighter.remaining() > 0  # the lines on screen first
    with qtbot.waitSignal(highlighter.spellingDone, timeout=30000):
        pass
    assert highlighter.remaining() == 0
    assert "recieve" in underlined(document.lastBlock())
    window.editor.setFocus()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    type_text(qtbot, window.editor, " teh")
    assert "teh" in underlined(document.lastBlock())  # typing is checked at once


def test_a_language_without_its_dictionary_says_so_and_underlines_nothing(qtbot, window, monkeypatch) -> None:
    from briefbook import spelling

    monkeypatch.setitem(spelling.DICTIONARIES, "fr", "xx_XX")  # this machine lacks the French dictionary
    ready(qtbot, window)
    select(qtbot, window, SECTION)
    title = window.pages.title_edit
    title.setFocus()
    title.end(False)
    type_text(qtbot, title, " recieve")
    qtbot.waitUntil(lambda: bool(red_columns(title)))
    select(qtbot, window, COVER)
    language = window.pages.meta_form.widgets["language"]
    language.activated.emit(language.findData("fr"))  # what choosing French in the list sends
    assert window.document.brief.meta.language == "fr"
    qtbot.waitUntil(lambda: "xx_XX" in window.statusBar().currentMessage())
    assert "(Debian: hunspell-fr)" in window.statusBar().currentMessage()
    assert not window.spell.available
    select(qtbot, window, SECTION)
    assert not red_columns(window.pages.title_edit)
    window.pages.title_edit.setFocus()
    window.next_misspelled_action.trigger()
    assert "no dictionary is installed" in window.statusBar().currentMessage()


def test_a_fields_menu_undoes_with_the_windows_history(qtbot, window) -> None:
    from briefbook.app.fields import window_undo_in_menu

    select(qtbot, window, SECTION)
    title = window.pages.title_edit
    before = title.text()
    title.setFocus()
    title.end(False)
    type_text(qtbot, title, " again")
    menu = window_undo_in_menu(title.createStandardContextMenu(), title)
    [undo] = [a for a in menu.actions() if a.text().startswith("&Undo")]
    assert undo is window.undo_action and undo.text() == "&Undo Rename Section" and undo.isEnabled()
    undo.trigger()
    assert title.text() == before == window.document.brief.sections[0].title
