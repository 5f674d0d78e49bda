"""Finding where a quotation's words are in the sources, and how they differ there.

A quotation is a list of *pieces*, the stretches between its omission marks
(:func:`~briefbook.quotes.words.quoted_words`). The longest piece is the *anchor*:

1. **Where it may be.** Its rarest word pairs that the sources have at all (at most
   :data:`RAREST`, each looked up in :class:`~briefbook.quotes.index.SourceIndex`, none found
   more than :data:`PLACES_READ` times, see :func:`_rarest`) vote for where the piece would
   start, and the pieces next to it vote for the places where they could follow or precede
   it; the places with most votes, at most :data:`CANDIDATES` of them, are tried. A changed
   word spoils only the two pairs it is in, so a quotation with one word changed in five
   still has a pair that votes. A piece of one word looks the word itself up.
2. **How it aligns.** The piece is aligned, word for word, with the source's words there by
   rapidfuzz's Levenshtein alignment (``opcodes``; in C, and for lists of word numbers as
   well as strings): once exactly where the votes put it, once with a margin either side
   for words added or left out, the better kept (see :func:`align`); source words before
   its first and after its last aligned word are trimmed off. A long piece is aligned
   :data:`CHUNK` words at a time along the source, so the work grows with its length, not
   with its square.
3. **The other pieces** are looked for in the same source, in order, each within
   :data:`GAP` words of the one before (an omission leaves out a clause or a few
   sentences, not pages): found by their word pairs in that stretch alone, then aligned
   the same way.

The result for each candidate is scored by the words it shares with the source; the
best is kept. What the score means for the verdict is decided in :mod:`briefbook.quotes.check`,
which tells :func:`find` the least score it can use: a candidate whose words could not reach
it even aligned at their best (counted, not aligned: :func:`_possible`) is passed over. Most
quotations of a brief that are not in its sources are decided so, without an alignment,
and the check of such a brief never loads rapidfuzz.
Every step costs about the quotation's length (and constants), never the sources' size.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence

from briefbook.quotes.index import SourceIndex
from briefbook.quotes.words import Words
from briefbook.record import Record

#: The rarest word pairs of the anchor that vote for its place.
RAREST = 24
#: Places of one pair read at most (a pair more common than this says little anyway).
PLACES_READ = 64
#: Places tried for the anchor (the first that gives the whole quotation exactly ends the search).
CANDIDATES = 8
#: Pieces either side of the anchor whose votes count for its places, and the places (most voted) they
#: count for: a quotation cut by a hundred omission marks costs no more than one cut by a few.
NEIGHBOURS = 3
SUPPORTED = 256
#: Words the source may have between two pieces of a quotation an omission mark joins.
GAP = 150
#: Words aligned in one call: the alignment's work is about the square of this, per chunk.
CHUNK = 400


def margin(length: int) -> int:
    """Source words taken either side of where a piece of ``length`` words should be: room for
    words the quotation added or left out without an omission mark."""
    return 3 + length // 10


class Step(Record):
    """One step of an alignment: ``tag`` is equal, replace, insert (quotation words the source
    lacks) or delete (source words the quotation lacks); positions in the piece and in
    :attr:`SourceIndex.words`."""

    __slots__ = FIELDS = ("tag", "piece_start", "piece_end", "source_start", "source_end")

    def __init__(self, tag: str, piece_start: int, piece_end: int, source_start: int, source_end: int) -> None:
        self.tag = tag
        self.piece_start = piece_start
        self.piece_end = piece_end
        self.source_start = source_start
        self.source_end = source_end


class Placed(Record):
    """A piece aligned with the source: the steps, and the source words from ``first`` to ``last``."""

    __slots__ = FIELDS = ("piece", "steps", "first", "last")

    def __init__(self, piece: Words, steps: list[Step], first: int, last: int) -> None:
        self.piece = piece
        self.steps = steps
        self.first = first
        self.last = last

    @property
    def equal(self) -> int:
        return sum(step.piece_end - step.piece_start for step in self.steps if step.tag == "equal")

    @property
    def exact(self) -> bool:
        return len(self.steps) == 1 and self.steps[0].tag == "equal"

    @property
    def span(self) -> int:
        return max(len(self.piece), self.last - self.first)


class Match(Record):
    """A quotation's pieces in one source: each placed, or ``None`` where a piece is not there."""

    __slots__ = FIELDS = ("source", "placed", "pieces")

    def __init__(self, source: int, placed: list[Placed | None] | None = None,
                 pieces: list[Words] | None = None) -> None:
        self.source = source  # the position in :attr:`SourceIndex.texts`
        self.placed: list[Placed | None] = [] if placed is None else placed
        self.pieces: list[Words] = [] if pieces is None else pieces

    @property
    def equal(self) -> int:
        return sum(placed.equal for placed in self.placed if placed is not None)

    @property
    def score(self) -> float:
        """The share of words in common: equal words over the longer of quotation and source, piece by piece."""
        total = sum(placed.span if placed is not None else len(piece)
                    for placed, piece in zip(self.placed, self.pieces, strict=True))
        return self.equal / total if total else 0.0

    @property
    def exact(self) -> bool:
        return all(placed is not None and placed.exact for placed in self.placed)

    @property
    def first(self) -> int:
        return min(placed.first for placed in self.placed if placed is not None)

    @property
    def last(self) -> int:
        return max(placed.last for placed in self.placed if placed is not None)


def find(pieces: Sequence[Words], index: SourceIndex, least: float = 0.0) -> Match | None:
    """The best place of the quotation made of ``pieces`` in the sources, or ``None`` if no word of it votes
    or no place could score ``least`` (a :attr:`Match.score`; 1.0 asks for the quotation exactly)."""
    if not pieces:
        return None
    anchor = max(range(len(pieces)), key=lambda k: len(pieces[k]))
    counted = Counter(pieces[anchor].numbers) if least > 0 else None
    best: Match | None = None
    for start, source in _anchor_places(pieces, anchor, index):
        low, high = index.bounds(source)
        if counted is not None and _possible(pieces, anchor, counted, start, low, high, index) < least:
            continue
        match = Match(source, [None] * len(pieces), list(pieces))
        placed = align(pieces[anchor], start, low, high, index)
        match.placed[anchor] = placed
        limit = placed.first
        for k in range(anchor - 1, -1, -1):  # the pieces before the anchor, nearest first
            window = (max(low, limit - GAP - len(pieces[k]) - margin(len(pieces[k]))), limit)
            found = _place_near(pieces[k], window, index, late=True)
            if found is not None:
                match.placed[k] = found
                limit = found.first
        limit = placed.last
        for k in range(anchor + 1, len(pieces)):
            window = (limit, min(high, limit + GAP + len(pieces[k]) + margin(len(pieces[k]))))
            found = _place_near(pieces[k], window, index, late=False)
            if found is not None:
                match.placed[k] = found
                limit = found.last
        if best is None or (match.exact, match.score) > (best.exact, best.score):
            best = match
        if best.exact:
            break
    return best


def _possible(pieces: Sequence[Words], anchor: int, counted: Counter[int], start: int, low: int, high: int,
              index: SourceIndex) -> float:
    """The highest :attr:`Match.score` the quotation could have with its anchor placed about ``start``.

    An alignment pairs each equal word of the anchor with one source word of the stretch :func:`align`
    may read, so the anchor has at most as many equal words as it shares with that stretch, counted
    with repetition (``counted`` is its words so counted); the other pieces are taken as all equal.
    A score divides by at least the quotation's length, so this bounds it from above, and costs the
    stretch's length, a fraction of an alignment.
    """
    length = len(pieces[anchor])
    room = margin(length)
    # As :func:`_aligned` reads: from ``room`` words before ``start`` (or the source's first word), the
    # piece's length and ``2 * room`` spare for the first chunk, ``room`` more for each later one; the
    # tight alignment and the exact comparison read within that.
    first = max(low, start - room)
    reach = first + length + (max(1, math.ceil(length / CHUNK)) + 1) * room
    stretch = Counter(index.words[first:min(high, reach)])
    shared = sum((counted & stretch).values())
    total = sum(len(piece) for piece in pieces)
    return (shared + total - length) / total if total else 0.0


def _anchor_places(pieces: Sequence[Words], anchor: int, index: SourceIndex) -> list[tuple[int, int]]:
    """Where in :attr:`SourceIndex.words` the anchor piece may start, and in which source, most likely first.

    Each place the anchor's pairs vote for also counts the votes of the other pieces for places
    where they could be from there (in order, within :data:`GAP` words a piece): a quotation with
    an omission whose first part a source repeats in several places is found where the rest follows.
    """
    votes, seen = _votes(pieces[anchor], index)
    if len(pieces) > 1 and votes:
        near = range(max(0, anchor - NEIGHBOURS), min(len(pieces), anchor + NEIGHBOURS + 1))
        others = [(k, sorted(_votes(pieces[k], index)[0].elements())) for k in near if k != anchor]
        support = Counter({start: count + sum(_within(starts, *_reach(pieces, anchor, k, start))
                                              for k, starts in others)
                           for start, count in votes.most_common(SUPPORTED)})
    else:
        support = votes
    chosen: list[tuple[int, int]] = []
    room = margin(len(pieces[anchor]))
    for start, _votes_for in support.most_common():
        if all(abs(start - other) > room for other, _ in chosen):
            chosen.append((start, index.source_at(seen[start])))
            if len(chosen) == CANDIDATES:
                break
    return chosen


def _votes(piece: Words, index: SourceIndex) -> tuple[Counter[int], dict[int, int]]:
    """The votes of the piece's rarest pairs (or words) for where it starts, and for each start a place
    of a voting word (which says the source)."""
    numbers = piece.numbers
    votes: Counter[int] = Counter()
    seen: dict[int, int] = {}
    if len(numbers) >= 2:
        counted = [(index.pair_count(numbers[i], numbers[i + 1]), i) for i in range(len(numbers) - 1)
                   if numbers[i] >= 0 and numbers[i + 1] >= 0]
        for i in _rarest(counted):
            for place in index.pair_places(numbers[i], numbers[i + 1])[:PLACES_READ]:
                votes[place - i] += 1
                seen[place - i] = place
    if not votes:  # one word, or no pair of it in any source: its rarest words vote
        counted = [(len(index.word_places(number)), i) for i, number in enumerate(numbers) if number >= 0]
        for i in _rarest(counted):
            for place in index.word_places(numbers[i])[:PLACES_READ]:
                votes[place - i] += 1
                seen[place - i] = place
    return votes, seen


def _reach(pieces: Sequence[Words], anchor: int, other: int, start: int) -> tuple[int, int]:
    """Where piece ``other`` may start when the anchor starts at ``start``: after it (or before it), at most
    :data:`GAP` words from each piece between, with their margins."""
    if other > anchor:
        least = start + sum(len(pieces[k]) - margin(len(pieces[k])) for k in range(anchor, other))
        most = start + sum(len(pieces[k]) + margin(len(pieces[k])) + GAP for k in range(anchor, other))
    else:
        least = start - sum(len(pieces[k]) + margin(len(pieces[k])) + GAP for k in range(other, anchor))
        most = start - sum(len(pieces[k]) - margin(len(pieces[k])) for k in range(other, anchor))
    return least, most


def _within(starts: list[int], least: int, most: int) -> int:
    """How many of the votes (sorted starts, one per vote) are for starts from ``least`` to ``most``."""
    return bisect_right(starts, most) - bisect_left(starts, least)


def _rarest(counted: list[tuple[int, int]]) -> list[int]:
    """Of (occurrences, position) in the piece, the positions of the rarest pairs (or words) that vote.

    Only those the sources have at most :data:`PLACES_READ` times vote, each at every place it is:
    a common one read only in part would vote for its first places and not for the rest, and could
    outvote the one place that has the whole passage. When every one is common, the rarest votes
    for its first places alone — then the passage is common too, and any of its places will do.
    """
    rare = [entry for entry in counted if 0 < entry[0] <= PLACES_READ]
    if rare:
        return [i for _count, i in heapq.nsmallest(RAREST, rare)]
    present = [entry for entry in counted if entry[0]]
    return [min(present)[1]] if present else []


def _place_near(piece: Words, window: tuple[int, int], index: SourceIndex, late: bool) -> Placed | None:
    """The piece placed in the stretch ``window`` of the source's words, or ``None`` if none of its words is
    there; of equally good places, the last (``late``) or the first — the one nearest the anchor."""
    low, high = window
    if high <= low:
        return None
    numbers = piece.numbers
    stretch = index.words[low:high]
    votes: Counter[int] = Counter()
    if len(numbers) >= 2:
        at: dict[tuple[int, int], list[int]] = {}
        for i in range(len(numbers) - 1):
            at.setdefault((numbers[i], numbers[i + 1]), []).append(i)
        for k in range(len(stretch) - 1):
            for i in at.get((stretch[k], stretch[k + 1]), ()):
                votes[low + k - i] += 1
    if not votes:
        single: dict[int, list[int]] = {}
        for i, number in enumerate(numbers):
            single.setdefault(number, []).append(i)
        for k, number in enumerate(stretch):
            for i in single.get(number, ()):
                votes[low + k - i] += 1
    if not votes:
        return None
    start = max(votes, key=lambda place: (votes[place], place if late else -place))
    return align(piece, start, low, high, index)


def align(piece: Words, start: int, low: int, high: int, index: SourceIndex) -> Placed:
    """The piece aligned with the source's words about ``start``, within positions ``low`` to ``high``.

    Two alignments are made and the better kept (more words equal, then fewer source words): one of
    the source's words exactly where the votes put the piece, which is right when the quotation has
    changed words but added or dropped none before its end, and one with a margin either side, for
    words added or dropped. The margin alone can mislead: its words cost a deletion wherever they go,
    so an alignment may pair a changed first word with a margin word and take a stray “the” from the
    margin as equal for the same price as the true alignment.
    """
    numbers = piece.numbers
    length = len(numbers)
    if low <= start and start + length <= high and index.words[start:start + length].tolist() == numbers:
        return Placed(piece, [Step("equal", 0, length, start, start + length)], start, start + length)
    room = margin(length)
    tight = _aligned(piece, max(low, start), min(high, max(low, start) + length), 0, index) if start < high else None
    loose = _aligned(piece, max(low, start - room), high, room, index)
    if tight is None or (loose.equal, -loose.span) > (tight.equal, -tight.span):
        return loose
    return tight


def _aligned(piece: Words, cursor: int, high: int, room: int, index: SourceIndex) -> Placed:
    """The piece aligned from source position ``cursor`` on, with ``room`` words to spare at each end,
    :data:`CHUNK` words of the piece at a time, never past ``high``."""
    from rapidfuzz.distance import Levenshtein  # loaded when a quotation is first aligned, not by every check

    numbers, words = piece.numbers, index.words
    length = len(numbers)
    steps: list[Step] = []
    done = 0
    while done < length:
        upto = min(length, done + CHUNK)
        spare = 2 * room if not steps else max(room, margin(upto - done))
        reach = min(high, cursor + (upto - done) + spare)
        part = Levenshtein.opcodes(words[cursor:reach].tolist(), numbers[done:upto])
        chunk = [Step(op.tag, done + op.dest_start, done + op.dest_end, cursor + op.src_start,
                      cursor + op.src_end) for op in part]
        if not steps:
            while chunk and chunk[0].tag == "delete":
                chunk.pop(0)
        while chunk and chunk[-1].tag == "delete":
            chunk.pop()
        steps.extend(chunk)
        cursor = max((step.source_end for step in chunk), default=cursor)
        done = upto
    steps = _edges(_merged(steps))
    first = next((step.source_start for step in steps if step.tag != "insert"), cursor)
    last = max((step.source_end for step in steps if step.tag != "insert"), default=first)
    return Placed(piece, steps, first, max(last, first))


def _edges(steps: list[Step]) -> list[Step]:
    """The alignment's ends made to hug the passage: a changed first (last) word is aligned with the source
    word next to the passage, not one of the margin's words with the words between them dropped.

    The margin's words cost a deletion each wherever they are, so an alignment may change a word of the
    margin and drop the source's word next to it for the same price; moving the change inward is the
    same price again and says what happened.
    """
    if len(steps) >= 2 and steps[0].tag == "replace" and steps[1].tag == "delete":
        change, dropped = steps[0], steps[1]
        width = change.source_end - change.source_start
        steps = [Step("replace", change.piece_start, change.piece_end, dropped.source_end - width,
                      dropped.source_end), *steps[2:]]
    if len(steps) >= 2 and steps[-1].tag == "replace" and steps[-2].tag == "delete":
        dropped, change = steps[-2], steps[-1]
        width = change.source_end - change.source_start
        steps = [*steps[:-2], Step("replace", change.piece_start, change.piece_end, dropped.source_start,
                                   dropped.source_start + width)]
    return steps


def _merged(steps: list[Step]) -> list[Step]:
    """Consecutive steps of the same kind as one (chunks meet in the middle of an equal stretch)."""
    merged: list[Step] = []
    for step in steps:
        if merged and merged[-1].tag == step.tag and merged[-1].piece_end == step.piece_start \
                and merged[-1].source_end == step.source_start:
            last = merged[-1]
            merged[-1] = Step(step.tag, last.piece_start, step.piece_end, last.source_start, step.source_end)
        else:
            merged.append(step)
    return merged
