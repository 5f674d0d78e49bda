"""Spell checking of a brief's words, in the language of its version, over the system's Hunspell dictionaries.

Words come from the one inline parser (:func:`briefbook.markup.scan`): only printed
text is read — never markup, link addresses or footnote ids — and each word keeps its
place in the source text, so the editor can underline it and the command line can print
it at ``FILE:LINE:COLUMN``. Emphasis inside a word (``wo**rd**``) joins it; a link's
edge or a footnote mark ends it. Not checked: words in capitals (NSATU, SACEUR), words
with digits (F-35's "35", 2024), single letters, and web and mail addresses.

The dictionaries are Hunspell's, through pyenchant (a maintained binding over Enchant,
the spelling layer novelWriter and GNOME use): British English for ``en`` (the Assembly
writes "defence", "organisation"), French for ``fr``. A user's own words persist in a
plain word list; a brief's own words (names, acronyms its authors share) are given by
the caller. Without Enchant or the dictionary, :class:`SpellingUnavailable` says which
package to install instead of checking nothing.
"""

from __future__ import annotations

import re
import threading
import time
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from briefbook.fileformat.linemap import LineMap, offset_position
from briefbook.markup import FOOTNOTE, TEXT, scan
from briefbook.model import Address, Brief
from briefbook.model.outline import iter_texts
from briefbook.problems import Problem, Severity

#: Enchant's dictionary for each version's language.
DICTIONARIES = {"en": "en_GB", "fr": "fr_FR"}
#: The Debian package that brings each dictionary.
PACKAGES = {"en": "hunspell-en-gb", "fr": "hunspell-fr"}

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
#: French elisions: "l’OTAN" is checked as "OTAN" (then left alone, being in capitals).
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
#: Enchant keeps one Hunspell dictionary per language for every speller that asks for it, and one
#: broker for all, and neither may be used by two threads at once: a window checks words on its
#: thread while another window's dictionary is opened, and its words looked up, on another. Every
#: call into Enchant holds this lock (re-entrant: a dictionary may be freed inside another call).
_ENCHANT = threading.RLock()


class SpellingUnavailable(Exception):
    """No spell checking for this language here; the message says what to install."""


@dataclass(frozen=True)
class Word:
    """A word of a text: source characters ``start`` to ``end``, and the word as it is checked."""

    start: int
    end: int
    text: str


#: The inline parser's pieces of a text, remembered for the last few texts: the highlighter and the
#: spell check read the same line in the same keystroke, and parse it once between them.
scanned = lru_cache(maxsize=16)(scan)


@dataclass(frozen=True)
class Printed:
    """The printed characters of a text, and where each stretch of them starts in the source."""

    line: str
    printed_at: list[int]
    source_at: list[int]
    exact: list[bool]

    def source(self, index: int) -> int:
        """The source offset of printed character ``index``."""
        at = bisect_right(self.printed_at, index) - 1
        return self.source_at[at] + (index - self.printed_at[at] if self.exact[at] else 0)

    def word(self, start: int, end: int, text: str) -> Word:
        return Word(self.source(start), self.source(end - 1) + 1, text)


def printed(text: str) -> Printed:
    """The printed characters of ``text`` (see :class:`Printed`).

    A link's edge, its address and a footnote mark print as a space here, so that a word
    ends there; emphasis and escapes print nothing, so a word runs on through them.
    """
    chunks: list[str] = []
    printed_at: list[int] = []
    source_at: list[int] = []
    exact: list[bool] = []
    position = 0
    for piece in scanned(text):
        if piece.kind == TEXT:
            chunk, same = piece.text, piece.end - piece.start == len(piece.text)
        elif piece.kind == FOOTNOTE or piece.kind.startswith("link") or piece.kind == "destination":
            chunk, same = " ", False
        else:
            continue
        printed_at.append(position)
        source_at.append(piece.start)
        exact.append(same)
        chunks.append(chunk)
        position += len(chunk)
    return Printed("".join(chunks), printed_at, source_at, exact)


def words(text: str, language: str = "en") -> Iterator[Word]:
    """The words of marked-up ``text`` that spell checking reads, with their source spans."""
    shown = printed(text)
    return (shown.word(*found) for found in _words(shown.line, 0, len(shown.line), language, None))


def unknown_words(text: str, language: str, known: Callable[[str], bool]) -> Iterator[Word]:
    """The words of ``text`` that ``known`` does not know; of a compound not known whole
    ("Indo-Pacific" is), each part it does not know. ``known`` is asked about each word
    as written (see :func:`acceptable`), so a caller that remembers its answers pays a
    dictionary look-up only once per word."""
    shown = printed(text)
    return (shown.word(*found) for found in _words(shown.line, 0, len(shown.line), language, known))


def acceptable(word: str, language: str, known: Callable[[str], bool]) -> bool:
    """Whether ``word`` as written (an elision, a compound, a possessive…) needs no underline."""
    if language == "fr":
        elided = _ELISION.match(word)
        if elided:
            word = word[elided.end():]
    if _skipped(word) or known(word):
        return True
    return "-" in word and all(not part or _skipped(part) or known(part) for part in word.split("-"))


#: An unknown word of a printed line: its start and end there, and the word.
Found = tuple[int, int, str]


class LineReader:
    """The unknown words of one text after another, reading again only the words an edit touched.

    Typing changes a line a character at a time. The printed line is compared with the one
    read last: the stretch that differs, widened to the spaces around it, is read again,
    and the unknown words before and after it are taken over (those after it moved by the
    edit's length). No word and no address runs across a space, so what is read is what a
    reading of the whole line would find. A keystroke in a 2,000-character bullet costs the
    words around the cursor, not the 300 of the line. ``known`` must give the same answer
    for a word as long as the reader is used: make a new reader when it would not.
    """

    def __init__(self, language: str, known: Callable[[str], bool], remembered: int = 32) -> None:
        self.language = language
        self.known = known
        self._remembered = remembered
        #: Lines read, most recent last: their unknown words, in printed coordinates.
        self._lines: dict[str, list[Found]] = {}
        self._last: tuple[str, list[Found]] = ("", [])

    def unknown(self, text: str) -> list[Word]:
        shown = printed(text)
        line = shown.line
        found = self._lines.get(line)
        if found is None:
            found = self._read(line)
            self._lines[line] = found
            if len(self._lines) > self._remembered:
                del self._lines[next(iter(self._lines))]
            self._last = (line, found)
        return [shown.word(*each) for each in found]

    def _read(self, line: str) -> list[Found]:
        old, old_found = self._last
        same_start = _common_prefix(old, line)
        same_end = _common_suffix(old, line, min(len(old), len(line)) - same_start)
        start = line.rfind(" ", 0, same_start) + 1
        end = line.find(" ", len(line) - same_end)
        end = len(line) if end < 0 else end
        moved = len(line) - len(old)
        found = [each for each in old_found if each[1] <= start]
        found += _words(line, start, end, self.language, self.known)
        found += [(a + moved, b + moved, word) for a, b, word in old_found if a >= end - moved]
        return found


def _common_prefix(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share at their start (found by halving: string compares run in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    """How many characters ``a`` and ``b`` share at their end, at most ``limit``."""
    low, high = 0, max(limit, 0)
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle:len(a) - low] == b[len(b) - middle:len(b) - low]:
            low = middle
        else:
            high = middle - 1
    return low


def _words(line: str, start: int, end: int, language: str,
           known: Callable[[str], bool] | None) -> Iterator[Found]:
    """The words (with ``known``: the unknown ones) of printed ``line`` from ``start`` to ``end``.

    ``start`` and ``end`` are the ends of the line or spaces: no word or address crosses them.
    """
    addresses: list[tuple[int, int]] | None = None
    for match in _WORD.finditer(line, start, end):
        token = match.group()
        if known is not None and known(token):
            continue  # the common case, answered from the caller's memory
        first, last = match.span()
        if addresses is None:
            addresses = [m.span() for m in _ADDRESS.finditer(line, start, end)]
        if any(a <= first < b for a, b in addresses):
            continue
        word = token
        if language == "fr":
            elided = _ELISION.match(word)
            if elided:
                first += elided.end()
                word = word[elided.end():]
        if _skipped(word):
            continue
        if known is None or "-" not in word:
            yield first, last, word
            continue
        offset = first
        for part in word.split("-"):  # a compound not known whole: each part not known
            if part and not _skipped(part) and not known(part):
                yield offset, offset + len(part), part
            offset += len(part) + 1


def _skipped(word: str) -> bool:
    """Words never checked: single letters, words with digits, words in capitals (possessive or not)."""
    bare = _POSSESSIVE.sub("", word)
    return (len(bare) < 2 or any(c.isdigit() or c == "_" for c in bare)
            or (bare.isupper() and len(bare) > 1))


class Speller:
    """Checks words in one language against Hunspell, the user's word list and the brief's words."""

    def __init__(self, language: str, personal: Path | None = None, brief_words: Iterable[str] = ()) -> None:
        tag = DICTIONARIES.get(language, DICTIONARIES["en"])
        try:
            import enchant
        except ImportError as exc:  # the C library is missing: pyenchant cannot load it
            raise SpellingUnavailable("Spell checking needs the Enchant library "
                                      "(Debian: libenchant-2-2).") from exc
        try:
            with _ENCHANT:
                self._dictionary = enchant.Dict(tag)
                if personal is not None:
                    try:
                        personal.parent.mkdir(parents=True, exist_ok=True)
                        self._dictionary = enchant.DictWithPWL(tag, str(personal))
                    except OSError:
                        personal = None  # no word list where it should be: the dictionary alone, learning nothing
        except enchant.errors.Error as exc:
            package = PACKAGES.get(language, PACKAGES["en"])
            raise SpellingUnavailable(f"No {tag} dictionary is installed (Debian: {package}); "
                                      "spelling is not checked.") from exc
        self.language = language if language in DICTIONARIES else "en"
        self.personal = personal
        self.brief_words = set(brief_words)

    def known(self, word: str) -> bool:
        """Whether ``word`` is spelt right (curly apostrophes are read as straight ones)."""
        if word in self.brief_words:
            return True
        plain = word.replace("’", "'")
        with _ENCHANT:
            if self._dictionary.check(plain):
                return True
        bare = _POSSESSIVE.sub("", plain)
        if bare == plain or bare in self.brief_words:
            return bare != plain
        with _ENCHANT:
            return self._dictionary.check(bare)

    def answers(self, texts: Iterable[str], ignored: frozenset[str] = frozenset()) -> dict[str, bool]:
        """:func:`acceptable`'s answer for each word of marked-up ``texts`` (``ignored`` taken as right).

        Made on the dictionary's own thread before it is handed over, so that the editor's
        first reading of these texts finds every answer remembered instead of asking
        Hunspell word by word between keystrokes. The thread lets go of Python's lock after
        each line (``time.sleep(0)``), so a key typed meanwhile waits for one line at most.
        """
        found: dict[str, bool] = {}
        for text in texts:
            for line in text.split("\n"):
                for word in set(_WORD.findall(printed(line).line)):
                    if word not in found:
                        found[word] = self.right(word, ignored)
                time.sleep(0)
        return found

    def right(self, word: str, ignored: Collection[str] = frozenset()) -> bool:
        """Whether ``word`` as written needs no underline (see :func:`acceptable`), ``ignored`` taken as right."""
        return acceptable(word, self.language, lambda part: part in ignored or self.known(part))

    def suggestions(self, word: str, limit: int = 5) -> list[str]:
        with _ENCHANT:
            return self._dictionary.suggest(word.replace("’", "'"))[:limit]

    def learn(self, word: str) -> None:
        """Add ``word`` to the user's own word list (kept in :attr:`personal`, across sessions)."""
        with _ENCHANT:
            self._dictionary.add(word)

    def __del__(self) -> None:
        """Give the dictionary back to Enchant holding the lock, on whichever thread lets go of it last."""
        lock = _ENCHANT
        if lock is not None:  # (None while the interpreter shuts down)
            with lock:
                self.__dict__.pop("_dictionary", None)

    def unknown(self, text: str) -> Iterator[Word]:
        """The words of marked-up ``text`` that are not known (see :func:`unknown_words`)."""
        return unknown_words(text, self.language, self.right)


def open_speller(language: str, personal: Path | None = None, brief_words: Iterable[str] = (),
                 warn: Callable[[str], None] | None = None) -> Speller | None:
    """A :class:`Speller`, or ``None`` after telling ``warn`` why there is none."""
    try:
        return Speller(language, personal, brief_words)
    except SpellingUnavailable as exc:
        if warn is not None:
            warn(str(exc))
        return None


def places(brief: Brief) -> Iterator[tuple[Address, str]]:
    """Every text of the brief that is typed, with its address: cover, body, titles, footnotes."""
    meta = brief.meta
    for name in _COVER_TEXTS:
        yield Address.cover(name), getattr(meta, name)
    for place in iter_texts(brief):  # the title, the takeaways, each section's title and body
        yield Address(place.path), place.text
    for footnote_id, text in brief.footnotes.items():
        yield Address.footnotes(footnote_id), text


def first_texts(brief: Brief, characters: int) -> list[str]:
    """The brief's texts in :func:`places`' order, cut after about ``characters`` characters."""
    texts, total = [], 0
    for _address, text in places(brief):
        if total >= characters:
            break
        texts.append(text[:characters - total])
        total += len(texts[-1])
    return texts


def check_brief(brief: Brief, speller: Speller, positions: LineMap, lines: list[str],
                filename: str) -> list[Problem]:
    """A warning at ``FILE:LINE:COLUMN`` for each unknown word, with suggestions."""
    problems = []
    for address, text in places(brief):
        found = list(speller.unknown(text))
        if not found:
            continue
        heading = address.child("heading")  # a sub-heading's text is the value of its ``heading:`` key
        start = positions.locate(heading if heading in positions else address)
        for word in found:
            line, column = offset_position(lines, start, text, word.start)
            offered = speller.suggestions(word.text)
            hint = f" ({', '.join(offered[:3])}{', …' if len(offered) > 3 else ''})" if offered else ""
            problems.append(Problem(Severity.WARNING, f"unknown word '{word.text}'{hint}", address, filename,
                                    line, column))
    return problems


_COVER_TEXTS = ("body", "event", "dates", "kind", "disclaimer")
