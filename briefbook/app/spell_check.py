"""Spell checking in the editor: which words of a line to underline, and what learning a word does.

One :class:`SpellCheck` per window holds the :class:`~briefbook.spelling.Speller` for the
language of the brief shown, its user word list (in the user's data folder, for every
brief) and the brief's own words (``words:`` in the file, shared with colleagues). The
highlighter asks it for the unknown words of each line it draws; the body editor's
context menu asks it for suggestions and sends it "Ignore", "Add to Dictionary" and
"Add to This Brief's Words". Each answer about a word is remembered, so a keystroke
costs a dictionary look-up only for a word not seen before.

Opening a Hunspell dictionary takes Enchant 30–60 ms of C code, which would be one long
pause just after a brief is shown (or its language changed); it is opened on a thread
of its own instead (pyenchant calls Enchant through ctypes, which lets go of Python's
lock meanwhile), and the speller is handed to the window when it is ready. That thread
also looks up the words of the brief's first :data:`ANSWERED_ON_THREAD` characters (a
whole brief of usual length) before handing the speller over, so the first reading of the
brief, in background turns between keystrokes, finds its answers remembered: a turn then
costs reading lines, not Hunspell's first look-up of each word.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from briefbook.document import Change, Document
from briefbook.document.folders import AppFolders
from briefbook.model import Address, Brief
from briefbook.spelling import LineReader, Speller, Word, first_texts, open_speller

if TYPE_CHECKING:
    from briefbook.app.pages import EditorPages

#: How long after a brief is shown (the window on screen) its dictionary is opened.
OPEN_DELAY_MS = 250
#: How much of the brief's text (from its start) has its words looked up on the dictionary's thread:
#: a whole brief of usual length (the sample is about 12,000 characters; its 700 words take that
#: thread some 25 ms). The thread waits for the window's own work, so a longer stretch would only
#: delay the first underlines of a long brief, whose later words are mostly the same words again.
ANSWERED_ON_THREAD = 20_000


class SpellCheck(QObject):
    """The spell checker of one window (see the module docstring)."""

    #: What counts as known changed (a word learnt, another language): lines are to be drawn again.
    changed = Signal()
    #: A dictionary opened on its thread: language, speller or None, and (what to tell the user, the
    #: answers found there, the brief's words and the words ignored they were found with).
    _opened = Signal(str, object, object)

    def __init__(self, document: Document, folders: AppFolders, tell: Callable[[str], None],
                 place: Callable[[], Address]) -> None:
        super().__init__()
        self.document = document
        self._place = place
        self.folders = folders
        self._tell = tell
        self._speller: Speller | None = None
        self._language: str | None = None
        self._known: dict[str, bool] = {}
        self._ignored: set[str] = set()
        #: Reads each line again only where it changed (see :class:`~briefbook.spelling.LineReader`).
        self._reader: LineReader | None = None
        #: Loading a dictionary takes about 50 ms: done just after the brief is first drawn, not before.
        self._opening = QTimer(self, singleShot=True, interval=OPEN_DELAY_MS)
        self._opening.timeout.connect(self.refresh)
        self._opened.connect(self._speller_opened)
        self._shown = False
        document.replaced.connect(lambda _select: self.schedule())
        document.changed.connect(self._document_changed)

    def schedule(self, shown: bool | None = None) -> None:
        """Open the dictionary for the brief shown, once the window is on screen (``shown``)."""
        if shown is not None:
            self._shown = shown
        if self._shown:
            self._opening.start()

    @property
    def available(self) -> bool:
        return self._speller is not None

    def refresh(self) -> None:
        """Follow the brief shown: its language (another dictionary, opened in the background) and its own words."""
        brief = self.document.brief
        if brief.meta.language != self._language:
            self._language = brief.meta.language
            self._speller = None  # the other language's dictionary would underline every word
            threading.Thread(target=self._open, name="dictionary", daemon=True,
                             args=(self._language, self.folders.user_words(self._language), list(brief.words),
                                   first_texts(brief, ANSWERED_ON_THREAD), frozenset(self._ignored))).start()
            self._forget()
        elif self._speller is not None:
            words = set(brief.words)
            grown, self._speller.brief_words = self._speller.brief_words <= words, words
            self._forget(grown)
        else:
            self._forget()
        self.changed.emit()

    def _open(self, language: str, personal: Path, brief_words: list[str], texts: list[str],
              ignored: frozenset[str]) -> None:
        """The dictionary's thread: open it, answer for the words of ``texts``, and hand both over."""
        told: list[str] = []
        speller = open_speller(language, personal, brief_words, warn=told.append)
        answers = speller.answers(texts, ignored) if speller is not None else {}
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self._opened.emit(language, speller, (told, answers, set(brief_words), ignored))

    def _speller_opened(self, language: str, speller: Speller | None, handed: tuple) -> None:
        if language != self._language:
            return  # another language was asked for meanwhile; its own dictionary is on its way
        told, answers, brief_words, ignored = handed
        self._speller = speller
        if speller is not None:
            speller.brief_words = set(self.document.brief.words)  # as they are now
        for message in told:
            self._tell(message)
        self._forget()
        if speller is not None and speller.brief_words == brief_words and self._ignored == ignored:
            self._known.update(answers)  # answered as things stand (else found again, word by word)
        self.changed.emit()

    def _forget(self, grown: bool = False) -> None:
        """What is known changed: answers are found again (a word learnt also makes its possessive
        and the compounds it is part of right). When words were only added (``grown``: a word
        learnt, ignored or added to the brief), a word that was right stays right, and only the
        others are asked about again."""
        self._known = {word: True for word, right in self._known.items() if right} if grown else {}
        speller = self._speller
        self._reader = LineReader(speller.language, self.known) if speller is not None else None

    def _document_changed(self, change: Change) -> None:
        if self._opening.isActive():
            return  # the dictionary is about to be opened for the brief as it is then
        if change.structural or change.path.startswith(("meta", "language")):
            brief_words = set(self.document.brief.words)
            speller = self._speller
            if self.document.brief.meta.language != self._language or (
                    speller is not None and speller.brief_words != brief_words):
                self.refresh()

    def known(self, word: str) -> bool:
        """Whether ``word``, as written in the text, needs no underline (remembered per word)."""
        found = self._known.get(word)
        if found is None:
            speller = self._speller
            found = self._known[word] = speller is None or speller.right(word, self._ignored)
        return found

    def unknown(self, text: str) -> list[Word]:
        """The unknown words of marked-up ``text`` (nothing when no dictionary is installed)."""
        reader = self._reader
        return reader.unknown(text) if reader is not None else []

    def suggestions(self, word: str) -> list[str]:
        return self._speller.suggestions(word) if self._speller is not None else []

    def ignore(self, word: str) -> None:
        """Take ``word`` as right until Briefbook is closed."""
        self._ignored.add(word)
        self._forget(grown=True)
        self.changed.emit()

    def learn(self, word: str) -> None:
        """Add ``word`` to the user's dictionary, for every brief and every session."""
        if self._speller is not None:
            self._speller.learn(word)
            self._forget(grown=True)
            self.changed.emit()

    def add_to_brief(self, word: str) -> None:
        """Add ``word`` to the brief's own words (saved in its file): one undoable step."""
        where = self._place()

        def add(brief: Brief) -> Address | None:
            if word in brief.words:
                return None
            brief.words.append(word)
            return where

        self.document.restructure("Add Word to Brief", add, where)


def check_every_field(pages: EditorPages, spell: SpellCheck) -> None:
    """Spell-check every place text is typed: the body (takeaways and sections), section titles,
    the cover's fields and footnote texts."""
    pages.editor.set_spell_check(spell)
    pages.title_edit.set_spell_check(spell)
    pages.meta_form.set_spell_check(spell)
    pages.footnotes.text.set_spell_check(spell)
