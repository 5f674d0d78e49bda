"""Two versions of a paragraph compared word by word, keeping each word's formatting.

A paragraph's runs (as the render walk gives them: text with bold, italic and a link,
and footnote marks) are cut into tokens — a word, a stretch of spaces, one punctuation
character, a footnote mark — each keeping its run's formatting. Two tokens are the same
when they print the same: the same text in the same formatting, or a mark of the same
footnote (its number may differ, numbers being derived). The tokens are aligned with
:class:`difflib.SequenceMatcher` and the result read back as :class:`Piece`\\ s of whole
runs, so a word that became bold is a deleted word and an inserted one, and a link keeps
its address on both sides.

Spaces match everywhere, so an alignment left alone keeps the single spaces between two
rewritten words as "unchanged" and cuts a rewritten phrase into word-sized crumbs; a
stretch of spaces between two changes is therefore folded into the change, as a reviewer
would read it (and as Word's own comparison shows it).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from briefbook.markup import Run
from briefbook.redline.changes import Change, Piece
from briefbook.render.walk import Inline, NoteMark

#: A word (letters, digits, joined by apostrophes), a stretch of spaces, or one other character. Linear.
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|\s+|[^\w\s]")

#: Above this many token comparisons a paragraph is shown deleted and inserted whole rather than
#: aligned (the alignment's cost grows with the product of the two lengths).
_MAX_WORK = 4_000_000

Key = tuple


def item_key(item: Inline) -> Key:
    """What makes a run or mark print the same in both versions (a mark's number is derived, so left out)."""
    if isinstance(item, NoteMark):
        return ("note", item.id)
    return ("text", item.text, item.bold, item.italic, item.href)


def runs_key(items: tuple[Inline, ...]) -> Key:
    """The key of a whole paragraph's text: equal keys print the same."""
    return tuple(item_key(item) for item in items)


def tokens(items: tuple[Inline, ...]) -> list[Inline]:
    """The runs cut into words, spaces and single characters, each keeping its formatting; marks as they are."""
    out: list[Inline] = []
    for item in items:
        if isinstance(item, NoteMark):
            out.append(item)
            continue
        text = item.text
        if not text:
            continue
        for match in _TOKEN.finditer(text):
            out.append(Run(match.group(), item.bold, item.italic, item.href))
    return out


def diff_runs(old: tuple[Inline, ...], new: tuple[Inline, ...], *, moved: bool = False) -> tuple[Piece, ...]:
    """``new`` as pieces against ``old``: unchanged, deleted (old words) and inserted (new words), in print order.

    A deletion comes before the insertion that replaces it, as in Word. With ``moved``, the
    paragraph is the destination of a move: unchanged words are ``MOVED_TO`` and deleted
    words are left out (they stand, moved from, where the paragraph was).
    """
    same = Change.MOVED_TO if moved else Change.SAME
    if runs_key(old) == runs_key(new):
        return (Piece(same, new),) if new else ()
    a, b = tokens(old), tokens(new)
    if len(a) * len(b) > _MAX_WORK:
        return _pieces([(Change.DELETED, a), (Change.INSERTED, b)], moved)
    a_keys, b_keys = [item_key(t) for t in a], [item_key(t) for t in b]
    matcher = SequenceMatcher(None, a_keys, b_keys, autojunk=False)
    spans: list[tuple[Change, list[Inline]]] = []
    for tag, i1, i2, j1, j2 in _fold_spaces(matcher.get_opcodes(), a_keys):
        if tag == "equal":
            spans.append((same, b[j1:j2]))
            continue
        if i2 > i1:
            spans.append((Change.DELETED, a[i1:i2]))
        if j2 > j1:
            spans.append((Change.INSERTED, b[j1:j2]))
    return _pieces(spans, moved)


def _is_space(key: Key) -> bool:
    return key[0] == "text" and key[1].isspace()


def _fold_spaces(opcodes: list[tuple[str, int, int, int, int]], a_keys: list[Key]) -> list[tuple[str, int, int, int,
                                                                                                       int]]:
    """The opcodes with each unchanged stretch of spaces between two changes made part of one change."""
    out: list[list] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        between = 0 < index < len(opcodes) - 1
        if tag == "equal" and between and all(_is_space(a_keys[i]) for i in range(i1, i2)):
            tag = "replace"
        if tag != "equal" and out and out[-1][0] != "equal":
            out[-1][2], out[-1][4] = i2, j2  # contiguous with the change before: one change
            continue
        out.append([tag, i1, i2, j1, j2])
    return [tuple(op) for op in out]  # type: ignore[misc]


def _pieces(spans: list[tuple[Change, list[Inline]]], moved: bool) -> tuple[Piece, ...]:
    """Spans of tokens as pieces of whole runs: neighbouring tokens of one formatting joined again."""
    pieces: list[Piece] = []
    for change, items in spans:
        if not items or (moved and change is Change.DELETED):
            continue
        joined = _join(items)
        if pieces and pieces[-1].change is change:
            pieces[-1] = Piece(change, _join([*pieces[-1].items, *joined]))
        else:
            pieces.append(Piece(change, tuple(joined)))
    return tuple(pieces)


def _join(items: list[Inline] | tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Neighbouring runs of one formatting as one run (their texts joined once, not one token at a time)."""
    out: list[Inline] = []
    texts: list[str] = []
    for item in items:
        last = out[-1] if out else None
        if (isinstance(item, Run) and isinstance(last, Run) and last.bold == item.bold and last.italic == item.italic
                and last.href == item.href):
            texts.append(item.text)
            continue
        if texts:
            out[-1] = out[-1].replace(text="".join(texts))  # type: ignore[union-attr]
        texts = [item.text] if isinstance(item, Run) else []
        out.append(item)
    if texts:
        out[-1] = out[-1].replace(text="".join(texts))  # type: ignore[union-attr]
    return tuple(out)


__all__ = ["diff_runs", "item_key", "runs_key", "tokens"]
