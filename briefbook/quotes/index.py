"""The words of a brief's sources, indexed so a quotation is looked up at the cost of its own length.

Every source's text is read into one list of word numbers (:class:`~briefbook.quotes.words.Vocabulary`),
the sources one after another with a mark between them, each word with where it is in
its source's text. Two indexes point into that list:

- every *pair* of consecutive words → where it occurs; a quotation's rarest pairs say
  where in the sources it may be (a pair is rare enough to point at a few places even in
  twenty sources of fifty pages, where a single word like “Alliance” points at hundreds);
- every word → where it occurs, for quotations of one word and as a last resort.

Reading 3 MB of sources takes a few seconds of Python, so the index is built a little at a
time (:meth:`SourceIndex.step`, a part of a text at a time, cut where no word runs across),
and the editor does it in short turns between keystrokes. Positions are kept in
``array`` rather than lists: half a million words cost a few megabytes, not tens.
"""

from __future__ import annotations

import time
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from typing import Protocol

from briefbook.quotes.words import BREAK, WORD, Vocabulary

#: Between two sources in the list of words: no word has this number, so no pair spans it.
BETWEEN = -1
#: Characters of a source read in one go: about half a millisecond of work (some 250 words).
PART = 1500
#: The pair index is kept in this many dictionaries (by the sum of the two numbers): a dictionary that grows is
#: copied whole, and one of half a million pairs would hold up a turn of the editor for tens of milliseconds.
SHARDS = 64


class SourceModel(Protocol):
    title: str


class SourceText(Protocol):
    """What the check needs of a source's stored text (``briefbook.sources.store.SourceText`` has it)."""

    @property
    def index(self) -> int: ...  # the source's position in the brief's list of sources

    @property
    def source(self) -> SourceModel: ...

    @property
    def text(self) -> str: ...


class SourceIndex:
    """The words of ``texts`` with their places, and the pair and word indexes (see the module docstring)."""

    def __init__(self, texts: Sequence[SourceText]) -> None:
        self.texts = list(texts)
        self.vocabulary = Vocabulary()
        #: Word numbers of every source in turn, :data:`BETWEEN` after each.
        self.words = array("q")
        #: Where each word starts and ends in its source's text.
        self.starts = array("q")
        self.ends = array("q")
        #: Position in :attr:`words` of each source's first word (one entry per source read so far).
        self.first_word: list[int] = []
        self._pairs: list[dict[int, int | array]] = [{} for _ in range(SHARDS)]
        self._places: dict[int, array] = {}
        self._source = 0  # the source being read
        self._offset = 0  # how much of it has been read
        self._part_seconds = 0.0  # how long reading a part takes, about

    @property
    def done(self) -> bool:
        return self._source >= len(self.texts)

    def step(self, budget_seconds: float = 0.002) -> bool:
        """Read sources for about ``budget_seconds`` (at least one part); whether every source is read.

        A part is not begun when the parts so far say it would end past the budget, so that a
        turn of the editor keeps to it rather than overrunning by a part.
        """
        now = time.perf_counter()
        deadline = now + budget_seconds
        while not self.done:
            self._read_part()
            then = time.perf_counter()
            self._part_seconds = max(then - now, 0.9 * self._part_seconds)  # the slow parts are remembered
            now = then
            if now + self._part_seconds >= deadline:
                break
        return self.done

    def finish(self) -> None:
        """Read what is left, at once (the command line; a check asked for before the index is built)."""
        while not self.done:
            self._read_part()

    def _read_part(self) -> None:
        text = self.texts[self._source].text
        if self._offset == 0:
            self.first_word.append(len(self.words))
        start = self._offset
        cut = BREAK.search(text, min(start + PART, len(text)))
        end = cut.start() if cut else len(text)
        words, starts, ends = self.words, self.starts, self.ends
        pairs, places, add = self._pairs, self._places, self.vocabulary.add
        previous = words[-1] if words else BETWEEN
        for match in WORD.finditer(text, start, end):
            number = add(match.group())
            position = len(words)
            words.append(number)
            starts.append(match.start())
            ends.append(match.end())
            found = places.get(number)
            if found is None:
                places[number] = found = array("q")  # no tuple to build it from: the reading
                found.append(position)  # allocates nothing the garbage collector counts
            else:
                found.append(position)
            if previous != BETWEEN:
                key = (previous << 32) | number
                shard = pairs[(previous + number) % SHARDS]
                earlier = shard.get(key)
                if earlier is None:
                    shard[key] = position - 1
                elif isinstance(earlier, int):
                    shard[key] = both = array("q")
                    both.append(earlier)
                    both.append(position - 1)
                else:
                    earlier.append(position - 1)
            previous = number
        self._offset = end
        if end >= len(text):
            words.append(BETWEEN)
            starts.append(len(text))
            ends.append(len(text))
            self._source += 1
            self._offset = 0

    # -- looking up ----------------------------------------------------------------------------
    def pair_places(self, first: int, second: int) -> Sequence[int]:
        """Where the pair of words starts, in :attr:`words` (in order)."""
        found = self._pairs[(first + second) % SHARDS].get((first << 32) | second)
        if found is None:
            return ()
        return (found,) if isinstance(found, int) else found

    def pair_count(self, first: int, second: int) -> int:
        found = self._pairs[(first + second) % SHARDS].get((first << 32) | second)
        return 0 if found is None else 1 if isinstance(found, int) else len(found)

    def word_places(self, number: int) -> Sequence[int]:
        """Where the word occurs, in :attr:`words` (in order)."""
        return self._places.get(number, ())

    def source_at(self, position: int) -> int:
        """Which of :attr:`texts` the word at ``position`` is in."""
        return bisect_right(self.first_word, position) - 1

    def bounds(self, source: int) -> tuple[int, int]:
        """The positions of the first word of source number ``source`` and just after its last."""
        first = self.first_word[source]
        following = self.first_word[source + 1] if source + 1 < len(self.first_word) else len(self.words)
        return first, following - 1  # the mark after the source's last word is not in it

    def wording(self, first: int, last: int) -> str:
        """The source's text from word ``first`` to word ``last`` (excluded), on one line."""
        if last <= first:
            return ""
        text = self.texts[self.source_at(first)].text
        return " ".join(text[self.starts[first]:self.ends[last - 1]].split())
