"""Emphasis: which ``*`` and ``_`` delimiters open and close bold and italic.

CommonMark's rules, as markdown-it applies them: a run of delimiters can open if it
is left-flanking and close if it is right-flanking (judged by whether whitespace or
punctuation sits on either side; ``_`` may not open or close inside a word), and
closers are matched with openers by the "process emphasis" algorithm: one delimiter
character at a time, the rule of 3 for runs that can both open and close, and lower
bounds per kind of closer so that failed searches are never repeated — linear time
however the delimiters are arranged. Two adjacent pairs of one marker make ``**``.
"""

from __future__ import annotations

import unicodedata

ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_WHITESPACE = frozenset("\t\n\x0b\x0c\r \xa0\u1680\u202f\u205f\u3000") | frozenset(map(chr, range(0x2000, 0x200B)))


class Delimiters:
    """The ``*`` and ``_`` characters of one text or link label, one list per attribute.

    Flat lists rather than an object per character: a long text has hundreds of
    thousands of them.
    """

    __slots__ = ("marker", "length", "position", "can_open", "can_close", "end")

    def __init__(self) -> None:
        self.marker: list[str] = []
        self.length: list[int] = []  # of the run the character belongs to
        self.position: list[int] = []
        self.can_open: list[bool] = []
        self.can_close: list[bool] = []
        self.end: list[int] = []  # index of the matched closer, -1 if none


OTHER_CLASS, WHITESPACE_CLASS, PUNCTUATION_CLASS = 1, 2, 3
#: Character -> class, filled as characters are met (a brief uses a few hundred distinct ones).
CHARACTER_CLASSES: dict[str, int] = {}


def character_class(ch: str) -> int:
    """Whether ``ch`` counts as whitespace, punctuation (Unicode P or S) or neither next to a delimiter."""
    found = CHARACTER_CLASSES.get(ch)
    if found is None:
        if ch in _WHITESPACE:
            found = WHITESPACE_CLASS
        elif ch in ASCII_PUNCTUATION or (ch >= "\x80" and unicodedata.category(ch)[0] in "PS"):
            found = PUNCTUATION_CLASS
        else:
            found = OTHER_CLASS
        CHARACTER_CLASSES[ch] = found
    return found


def _flanking(marker: str, before: int, after: int) -> tuple[bool, bool]:
    """Whether a run of ``marker`` between characters of these classes can open and can close emphasis."""
    left = not (after == WHITESPACE_CLASS or (after == PUNCTUATION_CLASS and before == OTHER_CLASS))
    right = not (before == WHITESPACE_CLASS or (before == PUNCTUATION_CLASS and after == OTHER_CLASS))
    if marker == "*":
        return left, right
    # "_" may not open or close inside a word.
    return left and (not right or before == PUNCTUATION_CLASS), right and (not left or after == PUNCTUATION_CLASS)


FLANKING = {(marker, before, after): _flanking(marker, before, after)
             for marker in "*_" for before in (1, 2, 3) for after in (1, 2, 3)}


def match_emphasis(delimiters: Delimiters) -> None:
    """Pair openers with closers (CommonMark's "process emphasis", with per-kind lower bounds).

    ``bottoms`` remembers, per marker, closer length modulo 3 and whether the closer
    could also open, below which no opener can match; ``jumps`` skips stretches
    already matched. Together they keep the work linear.
    """
    marker, length, position = delimiters.marker, delimiters.length, delimiters.position
    can_open, can_close, ends = delimiters.can_open, delimiters.can_close, delimiters.end
    bottoms: dict[str, list[int]] = {}
    jumps: list[int] = []
    header, last_position = 0, -2
    for closer in range(len(position)):
        jumps.append(0)
        if marker[header] != marker[closer] or last_position != position[closer] - 1:
            header = closer
        last_position = position[closer]
        if not can_close[closer]:
            continue
        bottom = bottoms.setdefault(marker[closer], [-1] * 6)
        kind = (3 if can_open[closer] else 0) + length[closer] % 3
        opener = header - jumps[header] - 1
        new_bottom = opener
        while opener > bottom[kind]:
            if marker[opener] == marker[closer] and can_open[opener] and ends[opener] < 0:
                total = length[opener] + length[closer]
                odd = ((can_close[opener] or can_open[closer]) and total % 3 == 0
                       and (length[opener] % 3 != 0 or length[closer] % 3 != 0))
                if not odd:
                    last_jump = jumps[opener - 1] + 1 if opener > 0 and not can_open[opener - 1] else 0
                    jumps[closer] = closer - opener + last_jump
                    jumps[opener] = last_jump
                    can_open[closer] = can_close[opener] = False
                    ends[opener] = closer
                    new_bottom = -1
                    last_position = -2
                    break
            opener -= jumps[opener] + 1
        if new_bottom != -1:
            bottom[kind] = new_bottom


def emphasis_roles(delimiters: Delimiters, roles: dict[int, tuple[int, bool, bool, int]]) -> None:
    """Record each matched delimiter's role; two adjacent pairs of the same marker make one strong pair."""
    marker, position, ends = delimiters.marker, delimiters.position, delimiters.end
    index = len(position) - 1
    while index >= 0:
        closer = ends[index]
        if closer == -1:
            index -= 1
            continue
        at, closer_at = position[index], position[closer]
        strong = (index > 0 and ends[index - 1] == closer + 1 and marker[index - 1] == marker[index]
                  and position[index - 1] == at - 1 and position[closer + 1] == closer_at + 1)
        if strong:
            roles[at - 1] = (at, True, True, 2)
            roles[at] = (at, True, True, 0)
            roles[closer_at] = (at, False, True, 2)
            roles[closer_at + 1] = (at, False, True, 0)
            index -= 2
        else:
            roles[at] = (at, True, False, 1)
            roles[closer_at] = (at, False, False, 1)
            index -= 1
