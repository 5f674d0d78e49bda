"""Spell check in the editor: unknown words underlined, suggestions applied, words learnt for the brief
and for the user (across a restart), F7 to the next unknown word."""

from __future__ import annotations

import test_main_window
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu
from test_main_window import TAKEAWAYS, select, type_at_end

from briefbook.app.spell_menu import add_spelling_entries
from briefbook.fileformat import read

dialogs, make_window, sample = test_main_window.dialogs, test_main_window.make_window, test_main_window.sample
settings_dir, window = test_main_window.settings_dir, test_main_window.window

WAVY = QTextCharFormat.UnderlineStyle.SpellCheckUnderline


def underlined(block) -> set[str]:
    """The stretches of a line drawn with the spelling underline."""
    text = block.text()
    return {text[r.start:r.start + r.length] for r in block.layout().formats() if r.format.underlineStyle() == WAVY}


def ready(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.spell.available, timeout=5000)


def menu_for(window, word: str) -> QMenu:
    editor = window.editor
    position = editor.toPlainText().rindex(word) + 1
    cursor = editor.textCursor()
    cursor.setPosition(position)
    menu = editor.createStandardContextMenu()
    add_spelling_entries(menu, editor, window.spell, cursor)
    return menu


def choose(menu: QMenu, text: str) -> None:
    [action] = [a for a in menu.actions() if a.text().replace("&", "") == text]
    action.trigger()


def unknown_words(window) -> list[str]:
    return [w.text for w in window.spell.unknown(window.editor.toPlainText())]


def test_an_unknown_word_is_underlined_and_a_suggestion_replaces_it(qtbot, window) -> None:
    ready(qtbot, window)
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " We recieve teh defence")
    assert "recieve" in unknown_words(window) and "defence" not in unknown_words(window)
    assert underlined(window.editor.document().lastBlock()) == {"recieve", "teh"}  # not "defence", nor markup
    menu = menu_for(window, "recieve")
    assert [a.text() for a in menu.actions()][:1] == ["receive"]
    choose(menu, "receive")
    assert window.document.brief.takeaways[-1].items[-1].text.endswith("We receive teh defence")
    window.document.history.undo()
    assert "recieve" in window.document.brief.takeaways[-1].items[-1].text


def test_a_word_added_to_the_brief_is_saved_in_it(qtbot, window, sample) -> None:
    ready(qtbot, window)
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " said Umerov")
    assert "Umerov" in unknown_words(window)
    choose(menu_for(window, "Umerov"), "Add to This Brief's Words")
    assert window.document.brief.words == ["Umerov"] and "Umerov" not in unknown_words(window)
    assert window.files.save()
    assert read(sample).brief.words == ["Umerov"]
    window.document.history.undo()  # undo takes the word back out
    assert window.document.brief.words == [] and "Umerov" in unknown_words(window)


def test_a_word_added_to_the_dictionary_stays_known_after_a_restart(qtbot, make_window, window, settings_dir,
                                                                    sample) -> None:
    ready(qtbot, window)
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " Zelenskyy")
    choose(menu_for(window, "Zelenskyy"), "Add to Dictionary")
    assert "Zelenskyy" not in unknown_words(window)
    assert "Zelenskyy" in (settings_dir / "words-en.txt").read_text(encoding="utf-8")
    assert window.files.save()
    window.close()
    again = make_window()
    assert again.files.open_file(str(sample), ask=False)
    ready(qtbot, again)
    assert "Zelenskyy" not in [w.text for w in again.spell.unknown(read(sample).brief.takeaways[-1].items[-1].text)]


def test_ignore_lasts_for_the_session(qtbot, window) -> None:
    ready(qtbot, window)
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " Rustem")
    choose(menu_for(window, "Rustem"), "Ignore")
    assert "Rustem" not in unknown_words(window)


def test_f7_selects_the_next_unknown_word(qtbot, window) -> None:
    ready(qtbot, window)
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " one teh two recieve")
    editor = window.editor
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    words = []
    for _ in range(len(unknown_words(window)) + 1):
        window.next_misspelled_action.trigger()
        words.append(editor.textCursor().selectedText())
    assert "teh" in words and "recieve" in words
    assert words[-1] == words[0]  # past the last, from the top again


def test_without_a_dictionary_the_status_bar_says_so(qtbot, make_window, sample, monkeypatch) -> None:
    from briefbook import spelling

    monkeypatch.setitem(spelling.DICTIONARIES, "en", "xx_XX")
    window = make_window()
    assert window.files.open_file(str(sample), ask=False)
    qtbot.waitUntil(lambda: "dictionary" in window.statusBar().currentMessage(), timeout=5000)
    assert "No xx_XX dictionary is installed (Debian: hunspell-en-gb)" in window.statusBar().currentMessage()
    assert not window.spell.available and window.spell.unknown("teh recieve") == []
    window.next_misspelled_action.trigger()
    assert "no dictionary is installed" in window.statusBar().currentMessage()


def test_the_briefs_words_are_looked_up_on_the_dictionarys_thread_not_between_keys(
        qtbot, make_window, sample, monkeypatch) -> None:
    import threading

    from briefbook.spelling import Speller

    on_window_thread: list[str] = []
    asking = Speller.known

    def known(self, word: str) -> bool:
        if threading.current_thread() is threading.main_thread():
            on_window_thread.append(word)
        return asking(self, word)

    monkeypatch.setattr(Speller, "known", known)
    window = make_window()
    assert window.files.open_file(str(sample), ask=False)
    ready(qtbot, window)
    select(qtbot, window, TAKEAWAYS)
    qtbot.waitUntil(lambda: window.editor.highlighter.remaining() == 0, timeout=5000)
    assert on_window_thread == []  # every word of the sample was answered on the dictionary's thread
    type_at_end(qtbot, window, " teh")
    assert "teh" in on_window_thread  # a new word is asked about as it is typed
    assert underlined(window.editor.document().lastBlock()) == {"teh"}


def test_answers_found_for_the_brief_as_it_was_are_not_used_once_its_words_changed(
        qtbot, make_window, sample, monkeypatch) -> None:
    import threading

    from briefbook.spelling import Speller

    asked, go_on = threading.Event(), threading.Event()
    answering = Speller.answers

    def answers(self, texts, ignored=frozenset()):
        asked.set()
        assert go_on.wait(5)  # the brief is changed while its words are being looked up
        return answering(self, texts, ignored)

    monkeypatch.setattr(Speller, "answers", answers)
    window = make_window()
    assert window.files.open_file(str(sample), ask=False)
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " Umerov")
    qtbot.waitUntil(asked.is_set, timeout=5000)
    window.spell.add_to_brief("Umerov")
    assert window.document.brief.words == ["Umerov"]
    go_on.set()
    ready(qtbot, window)
    qtbot.waitUntil(lambda: window.editor.highlighter.remaining() == 0, timeout=5000)
    assert "Umerov" not in unknown_words(window)
    assert "Umerov" not in underlined(window.editor.document().lastBlock())


def test_a_word_ignored_leaves_the_right_words_answered(qtbot, window, monkeypatch) -> None:
    from briefbook.spelling import Speller

    ready(qtbot, window)
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " teh Rustem's defence")
    asked: list[str] = []
    asking = Speller.known
    monkeypatch.setattr(Speller, "known", lambda self, word: asked.append(word) or asking(self, word))
    choose(menu_for(window, "Rustem"), "Ignore")
    qtbot.waitUntil(lambda: window.editor.highlighter.remaining() == 0, timeout=5000)
    assert underlined(window.editor.document().lastBlock()) == {"teh"}  # the word ignored is right now
    assert "teh" in asked and "defence" not in asked  # only the words that were wrong are asked about again
