"""Words as the quotation check compares them: what a quotation may change without being altered.

A quotation and its source are both read as a list of words, each kept with its place in
the text it came from (to show the source's wording and to point at it). Two words are
the same when they differ only in:

- case (``casefold``: “NATO” is “nato”, “Strasse” is “straße”);
- the apostrophe typed (’ ' ʼ are one): “Alliance’s” is “Alliance's”;
- compatibility forms (``NFKC``: a ligature “ﬁ” from a PDF is “fi”, a full-width digit a digit).

Punctuation, quotation marks and dashes are never words, so they are never compared: a
hyphen or a dash of any form separates words (“shoulder-to-shoulder” is three words, as
is “shoulder – to – shoulder”), and line breaks and spacing are only space.

A word is a run of letters and digits, with apostrophes inside it (``\\w+(?:['’]\\w+)*``,
linear: what follows an apostrophe must be a letter, so there is one way to read a text).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

WORD = re.compile(r"\w+(?:['’]\w+)*")

#: The marks of an omission inside a quotation: [...], […], (...), (…), … and ... (spaces allowed inside).
ELISION = re.compile(r"\[\s*(?:\.\s*\.\s*\.|…)\s*\]|\(\s*(?:\.\s*\.\s*\.|…)\s*\)|…|\.\.\.")

#: A place where a long text may be cut into parts that are read one at a time: no word spans it.
BREAK = re.compile(r"[^\w'’]")


def normal(word: str) -> str:
    """The form in which two words are compared (see the module docstring)."""
    form = unicodedata.normalize("NFKC", word).casefold()
    return form.replace("’", "'").replace("ʼ", "'")


class Vocabulary:
    """A number for each distinct word, so that words compare, hash and index as small integers.

    Each word as written is normalised once (:func:`normal`); the forms seen are remembered
    by their written form too, so reading a long source costs a dictionary look-up a word.
    """

    __slots__ = ("_numbers", "_written")

    def __init__(self) -> None:
        self._written: dict[str, int] = {}
        self._numbers: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._numbers)

    def add(self, written: str) -> int:
        """The number of ``written`` (given one if its form is new)."""
        number = self._written.get(written)
        if number is None:
            form = normal(written)
            number = self._numbers.setdefault(form, len(self._numbers))
            self._written[written] = number
        return number

    def find(self, written: str) -> int | None:
        """The number of ``written``, or ``None`` when no source has the word (nothing is added)."""
        number = self._written.get(written)
        return self._numbers.get(normal(written)) if number is None else number


class Words:
    """A stretch of a quotation between omission marks: its word numbers and where each word is.

    A word no source has gets a negative number of its own (the same word twice, the same
    number), so it compares unequal to every source word and equal to itself.
    """

    __slots__ = ("ends", "numbers", "starts", "text")

    def __init__(self, text: str, numbers: list[int], starts: list[int], ends: list[int]) -> None:
        self.text = text
        self.numbers = numbers
        self.starts = starts
        self.ends = ends

    def __len__(self) -> int:
        return len(self.numbers)

    def wording(self, first: int, last: int) -> str:
        """Words ``first`` to ``last`` (excluded) as the quotation prints them, on one line."""
        return " ".join(self.text[self.starts[first]:self.ends[last - 1]].split())


def quoted_words(text: str, vocabulary: Vocabulary) -> list[Words]:
    """The stretches of a quotation's words between its omission marks (empty stretches dropped)."""
    unknown: dict[str, int] = {}
    pieces: list[Words] = []
    for part_start, part_end in _parts(text):
        numbers: list[int] = []
        starts: list[int] = []
        ends: list[int] = []
        for match in WORD.finditer(text, part_start, part_end):
            written = match.group()
            number = vocabulary.find(written)
            if number is None:
                number = unknown.setdefault(normal(written), -1 - len(unknown))
            numbers.append(number)
            starts.append(match.start())
            ends.append(match.end())
        if numbers:
            pieces.append(Words(text, numbers, starts, ends))
    return pieces


def _parts(text: str) -> Iterator[tuple[int, int]]:
    """The stretches of ``text`` between omission marks, as (start, end)."""
    start = 0
    for mark in ELISION.finditer(text):
        yield start, mark.start()
        start = mark.end()
    yield start, len(text)


def printed_words(text: str) -> int:
    """How many words ``text`` has as a reader counts them: runs between spaces that hold a letter or digit."""
    return sum(1 for chunk in text.split() if any(c.isalnum() for c in chunk))
