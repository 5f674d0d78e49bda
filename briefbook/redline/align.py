"""Two briefs matched part by part into one stream of tracked blocks (see :mod:`briefbook.redline.changes`).

Both briefs are walked by the one render walk (:func:`briefbook.render.walk.walk_part`),
so the comparison sees exactly what prints — numbers derived, empty texts left out — and
compares:

- the cover's fields and the title field by field;
- the key takeaways, and the blocks within a section, as sequences of paragraphs
  (:func:`align_blocks`): unchanged paragraphs are matched first
  (:class:`difflib.SequenceMatcher`); between them, one paragraph in place of one of the
  same style is that paragraph rewritten, and among more a rewritten paragraph is paired
  with its old version by similarity (rapidfuzz); each pair is compared word by word
  (:func:`briefbook.redline.words.diff_runs`); what is left was inserted or deleted whole;
- the sections by identity (:func:`_align_sections`): a section is its heading and its
  body. Unchanged sections are matched first, in order; a section changed in place is
  paired with its old self by title and content; a section found elsewhere in the other
  version — the same, or nearly — is a move, and neighbouring sections moved together
  (a section with its sub-sections) are one move;
- the footnotes by id, numbered again in the order their marks print in the redline,
  deleted marks included, as Word numbers them with the changes shown
  (:func:`_number_notes`).

The table of contents is the new brief's, untracked: Word regenerates it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from briefbook.model import Address, Brief, footnote_numbers
from briefbook.redline.changes import Change, Piece, TrackedBlock
from briefbook.redline.words import Key, diff_runs, runs_key
from briefbook.render.styles import Role
from briefbook.render.walk import Inline, NoteMark, PartKind, RenderBlock, parts, walk_part

#: Two paragraphs at least this similar (0–1, rapidfuzz's ratio of their texts) are one paragraph rewritten.
PARAGRAPH_SIMILARITY = 0.5
#: Two sections at least this similar (title and content) are one section changed in place …
SECTION_SIMILARITY = 0.5
#: … and at least this similar, one section moved (and changed) when found elsewhere.
MOVED_SIMILARITY = 0.75
#: Above this many pairs of candidates, rewritten paragraphs are paired in order and moved-and-changed
#: sections are not looked for: the work would grow with the square of a long stretch of changes.
_MAX_PAIRS = 2500


@dataclass(slots=True)
class _Section:
    """A section as compared: its heading and body blocks, what they print, and its title."""

    blocks: list[RenderBlock]
    key: Key
    title: str
    text: str = field(default="", repr=False)


@dataclass(slots=True)
class _Printed:
    """One brief walked and grouped the way it is compared."""

    cover: list[RenderBlock] = field(default_factory=list)
    title: list[RenderBlock] = field(default_factory=list)
    takeaways: list[RenderBlock] = field(default_factory=list)
    contents: list[RenderBlock] = field(default_factory=list)
    sections: list[_Section] = field(default_factory=list)
    notes: dict[str, tuple[Inline, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, brief: Brief) -> _Printed:
        printed = cls()
        numbers = footnote_numbers(brief)
        for part in parts(brief):
            # reviewers' notes are not part of the comparison: a redline shows the text's changes
            blocks = [replace(b, notes=()) if b.notes else b for b in walk_part(brief, part, numbers)]
            kind = part.kind
            if kind is PartKind.SECTION:
                printed.sections.append(_Section(blocks, tuple(block_key(b) for b in blocks),
                                                 blocks[0].text if blocks else ""))
            elif kind is PartKind.FOOTNOTES:
                printed.notes = {b.note.id: b.runs for b in blocks if b.note is not None}
            elif kind is PartKind.COVER:
                printed.cover = blocks
            elif kind is PartKind.TITLE:
                printed.title = blocks
            elif kind is PartKind.TAKEAWAYS:
                printed.takeaways = blocks
            elif kind is PartKind.CONTENTS:
                printed.contents = blocks
        return printed


def compare(old: Brief, new: Brief) -> list[TrackedBlock]:
    """The redline's stream: every paragraph of ``new``, and of ``old`` what ``new`` no longer has, in print order."""
    before, after = _Printed.of(old), _Printed.of(new)
    stream = [*_by_role(before.cover, after.cover), *_by_role(before.title, after.title),
              *align_blocks(before.takeaways, after.takeaways),
              *(TrackedBlock(b, (Piece(Change.SAME, b.runs),)) for b in after.contents),
              *_align_sections(before.sections, after.sections)]
    stream, order = _number_notes(stream)
    stream.extend(_note_texts(order, before.notes, after.notes))
    return stream


def block_key(block: RenderBlock) -> Key:
    """What makes a block print the same: its style and its text with formatting and footnote marks."""
    return (block.role, runs_key(block.runs))


# --------------------------------------------------------------------------- paragraphs


def align_blocks(old: list[RenderBlock], new: list[RenderBlock], *, moved: bool = False) -> Iterator[TrackedBlock]:
    """``new``'s blocks tracked against ``old``'s, with the deleted ones where they stood.

    With ``moved``, the blocks are a moved section's at its destination: deleted blocks are
    left out (the section's old text stands, moved from, where it was).
    """
    old_keys, new_keys = [block_key(b) for b in old], [block_key(b) for b in new]
    if old_keys == new_keys:
        yield from (_unchanged(b, moved) for b in new)
        return
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes():
        if tag == "equal":
            yield from (_unchanged(b, moved) for b in new[j1:j2])
            continue
        if i2 - i1 == j2 - j1 == 1 and old[i1].role == new[j1].role:  # one paragraph in place of one: rewritten
            yield _rewritten(old[i1], new[j1], moved)
            continue
        for before, after in _pair(old[i1:i2], new[j1:j2], _paragraph_similarity, PARAGRAPH_SIMILARITY):
            if after is None:
                if not moved:
                    yield _whole(before, Change.DELETED)
            elif before is None:
                yield _whole(after, Change.INSERTED)
            else:
                yield _rewritten(before, after, moved)


def _unchanged(block: RenderBlock, moved: bool) -> TrackedBlock:
    change = Change.MOVED_TO if moved else Change.SAME
    return TrackedBlock(block, (Piece(change, block.runs),) if block.runs else (), change)


def _whole(block: RenderBlock, change: Change) -> TrackedBlock:
    return TrackedBlock(block, (Piece(change, block.runs),) if block.runs else (), change)


def _rewritten(before: RenderBlock, after: RenderBlock, moved: bool) -> TrackedBlock:
    return TrackedBlock(after, diff_runs(before.runs, after.runs, moved=moved),
                        Change.MOVED_TO if moved else Change.SAME,
                        old_role=before.role if before.role != after.role else None)


def _paragraph_similarity(a: RenderBlock, b: RenderBlock) -> float:
    if not a.text and not b.text:
        return 1.0 if a.role == b.role else 0.5
    return fuzz.ratio(a.text, b.text) / 100


def _by_role(old: list[RenderBlock], new: list[RenderBlock]) -> Iterator[TrackedBlock]:
    """Fields compared field by field (each cover field has its own style): in ``new``'s order, then the gone ones."""
    before = {b.role: b for b in old}
    for after in new:
        was = before.pop(after.role, None)
        yield _whole(after, Change.INSERTED) if was is None else _rewritten(was, after, moved=False)
    yield from (_whole(b, Change.DELETED) for b in before.values())


def _pair(old: list, new: list, similarity, threshold: float) -> list[tuple]:
    """``old`` and ``new`` interleaved as pairs ``(old, new)``, ``(old, None)`` or ``(None, new)`` in print order.

    The pairs are those of most total similarity keeping the order (each at least
    ``threshold``); between two pairs, the deleted come before the inserted.
    """
    n, m = len(old), len(new)
    if not n or not m:
        return [(a, None) for a in old] + [(None, b) for b in new]
    if n * m > _MAX_PAIRS:  # a long stretch of changes: pair in order, as far as they are alike
        scores = {(i, i): s for i in range(min(n, m)) if (s := similarity(old[i], new[i])) >= threshold}
    else:
        scores = {(i, j): s for i in range(n) for j in range(m) if (s := similarity(old[i], new[j])) >= threshold}
    pairs = _best_pairs(n, m, scores)
    out: list[tuple] = []
    i = j = 0
    for pi, pj in [*pairs, (n, m)]:
        out.extend((old[k], None) for k in range(i, pi))
        out.extend((None, new[k]) for k in range(j, pj))
        if pi < n:
            out.append((old[pi], new[pj]))
        i, j = pi + 1, pj + 1
    return out


def _best_pairs(n: int, m: int, scores: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """The order-keeping pairs ``(i, j)`` of most total score (a weighted longest common subsequence)."""
    if not scores:
        return []
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = best[i], best[i + 1]
        for j in range(m - 1, -1, -1):
            s = scores.get((i, j))
            row[j] = max(below[j], row[j + 1], below[j + 1] + s if s is not None else 0.0)
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        s = scores.get((i, j))
        if s is not None and best[i][j] == best[i + 1][j + 1] + s:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


# --------------------------------------------------------------------------- sections


def _section_text(section: _Section) -> str:
    if not section.text:
        section.text = "\n".join(b.text for b in section.blocks[1:])
    return section.text


def _section_similarity(a: _Section, b: _Section) -> float:
    """Title and content together: a section keeps its identity through a new title or a rewritten body."""
    title = fuzz.ratio(a.title, b.title) / 100 if a.title or b.title else 1.0
    text_a, text_b = _section_text(a), _section_text(b)
    content = fuzz.ratio(text_a, text_b) / 100 if text_a or text_b else title
    return 0.4 * title + 0.6 * content


def _align_sections(old: list[_Section], new: list[_Section]) -> Iterator[TrackedBlock]:
    """The sections tracked: matched in place, moved, inserted or deleted (see the module's docstring)."""
    anchors: list[tuple[int, int]] = []
    gone, came = [], []
    # each key hashed once: the matcher looks keys up many times, and a tuple does not keep its hash
    ids: dict[Key, int] = {}
    old_ids = [ids.setdefault(s.key, len(ids)) for s in old]
    new_ids = [ids.setdefault(s.key, len(ids)) for s in new]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_ids, new_ids, autojunk=False).get_opcodes():
        if tag == "equal":
            anchors.extend(zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        paired = _best_pairs(i2 - i1, j2 - j1, _scores(old[i1:i2], new[j1:j2], SECTION_SIMILARITY))
        anchors.extend((i1 + i, j1 + j) for i, j in paired)
        gone.extend(i for i in range(i1, i2) if i - i1 not in {p[0] for p in paired})
        came.extend(j for j in range(j1, j2) if j - j1 not in {p[1] for p in paired})
    moved_to = _moves(old, new, gone, came, old_ids, new_ids)
    names = _move_names(moved_to)
    old_names = {moved_to[j]: name for j, name in names.items()}
    anchors.sort()
    i = j = 0
    for ai, aj in [*anchors, (len(old), len(new))]:
        for k in range(i, ai):
            if k in old_names:
                yield from _in_range([_whole(b, Change.MOVED_FROM) for b in old[k].blocks], old_names, k)
            else:
                yield from (_whole(b, Change.DELETED) for b in old[k].blocks)
        for k in range(j, aj):
            if k in moved_to:
                yield from _in_range(list(align_blocks(old[moved_to[k]].blocks, new[k].blocks, moved=True)), names, k)
            else:
                yield from (_whole(b, Change.INSERTED) for b in new[k].blocks)
        if ai < len(old) and old_ids[ai] == new_ids[aj]:
            yield from (_unchanged(b, False) for b in new[aj].blocks)
        elif ai < len(old):
            yield from align_blocks(old[ai].blocks, new[aj].blocks)
        i, j = ai + 1, aj + 1


def _scores(old: list[_Section], new: list[_Section], threshold: float) -> dict[tuple[int, int], float]:
    if len(old) * len(new) > _MAX_PAIRS:
        pairs: Iterable[tuple[int, int]] = ((i, i) for i in range(min(len(old), len(new))))
    else:
        pairs = ((i, j) for i in range(len(old)) for j in range(len(new)))
    return {(i, j): s for i, j in pairs if (s := _section_similarity(old[i], new[j])) >= threshold}


def _moves(old: list[_Section], new: list[_Section], gone: list[int], came: list[int], old_ids: list[int],
           new_ids: list[int]) -> dict[int, int]:
    """Sections deleted in one place and inserted in another that are one section moved: new index → old index.

    ``old_ids`` and ``new_ids`` number the sections' keys: equal numbers, equal sections.
    """
    waiting: dict[int, list[int]] = {}
    for i in gone:
        waiting.setdefault(old_ids[i], []).append(i)
    moved: dict[int, int] = {}
    for j in came:
        same = waiting.get(new_ids[j])
        if same:
            moved[j] = same.pop(0)
    left_old = [i for i in gone if i not in set(moved.values())]
    left_new = [j for j in came if j not in moved]
    if left_old and left_new and len(left_old) * len(left_new) <= _MAX_PAIRS:
        found = sorted(((s, i, j) for i in left_old for j in left_new
                        if (s := _section_similarity(old[i], new[j])) >= MOVED_SIMILARITY), reverse=True)
        taken: set[int] = set()
        for _, i, j in found:
            if i not in taken and j not in moved:
                moved[j] = i
                taken.add(i)
    return moved


def _move_names(moved_to: dict[int, int]) -> dict[int, str]:
    """A name for each move, by new index: sections moved together, next to each other on both sides, share one."""
    names: dict[int, str] = {}
    count = 0
    for j in sorted(moved_to):
        if j - 1 in names and moved_to.get(j - 1) == moved_to[j] - 1:
            names[j] = names[j - 1]
        else:
            count += 1
            names[j] = f"move{count}"
    return names


def _in_range(blocks: list[TrackedBlock], names: dict[int, str], k: int) -> Iterator[TrackedBlock]:
    """The blocks of moved section ``k`` (its index on its side), the range of its move opened and closed round them.

    ``names`` are the moves' names by index on the same side: a range opens at the first
    section of its move and closes after the last.
    """
    name = names[k]
    yield from _with_range(blocks, name, names.get(k - 1) != name, names.get(k + 1) != name)


def _with_range(blocks: list[TrackedBlock], name: str, first: bool, last: bool) -> Iterator[TrackedBlock]:
    if not blocks:
        return
    if first:
        blocks[0] = replace(blocks[0], move_start=name)
    if last:
        blocks[-1] = replace(blocks[-1], move_end=name)
    yield from blocks


# --------------------------------------------------------------------------- footnotes

#: A note as the redline knows it: its id, and whether it is the old version's copy of a note the new keeps.
NoteKey = tuple[bool, str]


def _number_notes(stream: list[TrackedBlock]) -> tuple[list[TrackedBlock], list[tuple[NoteKey, int]]]:
    """The stream with every footnote mark numbered in print order, and the notes in that order.

    A mark of a note the new version still cites elsewhere, in deleted (or moved-away)
    text, is the mark of the old version's copy of that note: a note of its own, deleted
    with its mark, so that accepting the changes leaves the new version's note and
    rejecting them the old's.
    """
    kept = {item.id for tracked in stream for piece in tracked.pieces if not piece.change.removed
            for item in piece.items if isinstance(item, NoteMark)}
    numbers: dict[NoteKey, int] = {}
    out = []
    for tracked in stream:
        if not any(isinstance(item, NoteMark) for piece in tracked.pieces for item in piece.items):
            out.append(tracked)
            continue
        pieces = []
        for piece in tracked.pieces:
            items = []
            for item in piece.items:
                if isinstance(item, NoteMark):
                    key = (piece.change.removed and item.id in kept, item.id)
                    item = NoteMark(item.id, numbers.setdefault(key, len(numbers) + 1))
                items.append(item)
            pieces.append(Piece(piece.change, tuple(items)))
        out.append(replace(tracked, pieces=tuple(pieces)))
    return out, list(numbers.items())


def _note_texts(order: list[tuple[NoteKey, int]], old: dict[str, tuple[Inline, ...]],
                new: dict[str, tuple[Inline, ...]]) -> Iterator[TrackedBlock]:
    """Each note's text, tracked: a deleted note's text deleted, a new note's inserted, a kept one's compared."""
    for (old_copy, note_id), number in order:
        mark = NoteMark(note_id, number)
        block = RenderBlock(Role.FOOTNOTE_TEXT, Address.footnotes(note_id), note=mark)
        if old_copy or note_id not in new:
            runs = old.get(note_id, ())
            yield TrackedBlock(replace(block, runs=runs), (Piece(Change.DELETED, runs),) if runs else (),
                               Change.DELETED)
        elif note_id not in old:
            runs = new[note_id]
            yield TrackedBlock(replace(block, runs=runs), (Piece(Change.INSERTED, runs),) if runs else (),
                               Change.INSERTED)
        else:
            yield TrackedBlock(replace(block, runs=new[note_id]), diff_runs(old[note_id], new[note_id]))


__all__ = ["MOVED_SIMILARITY", "PARAGRAPH_SIMILARITY", "SECTION_SIMILARITY", "align_blocks", "block_key", "compare"]
