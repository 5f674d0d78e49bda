"""A paragraph's pieces as the brief's inline markup, and where its comments' words print in it.

The runs between two footnote marks are written by the one serializer
(:func:`briefbook.markup.serialize`), which escapes what must be escaped and checks
that the markup prints as the runs did; the marks become ``[^id]``. Alongside, the
printed offset of every comment range edge is counted on the same text, so a Word
comment becomes a note on exactly the words it covered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from briefbook.markup import FootnoteRef, Run, parse, serialize
from briefbook.markup.serialize import spaces_outside_formatting
from briefbook.wordimport.paragraphs import Bookmark, CommentEdge, NoteCrossRef, NoteMark, Piece, Text


@dataclass
class Marked:
    """One paragraph as markup: the text, and each comment edge's printed offset in it (stripped)."""

    text: str
    printed: str
    #: Comment id → (start, end) printed offsets; ``end`` is ``None`` when the range ends after this paragraph.
    comments: dict[str, list[int | None]] = field(default_factory=dict)
    #: Comment ids whose range ends here but started in an earlier paragraph.
    ended: list[str] = field(default_factory=list)
    #: The footnote ids of the marks within each comment's range (a note on a footnote is one on its mark).
    marks: dict[str, list[str]] = field(default_factory=dict)


def drop_printed(pieces: list[Piece], count: int) -> list[Piece]:
    """``pieces`` without their first ``count`` printed characters (a typed number or bullet)."""
    out: list[Piece] = []
    for piece in pieces:
        if count and isinstance(piece, Text):
            if len(piece.text) <= count:
                count -= len(piece.text)
                continue
            piece = Text(piece.text[count:], piece.bold, piece.italic, piece.href)
            count = 0
        out.append(piece)
    return out


def to_markup(pieces: list[Piece], note_id: Callable[[Piece], str | None], line_breaks: bool = True,
              typed: Callable[[str], str] | None = None) -> Marked:
    """The markup of ``pieces``; ``note_id`` gives a mark's or cross-reference's footnote id (``None``: left out).

    Tabs print as spaces; a line break stays a line break when ``line_breaks`` (a title,
    a body's text), else it is a space (a footnote, which is one line). ``typed`` turns a
    text as printed back into the text as typed (French typography's spaces, see
    :func:`briefbook.render.typography.as_typed`).
    """
    items: list[Run | str] = []  # runs, and footnote ids where their marks are
    printed: list[str] = []
    length = 0
    edges: list[tuple[CommentEdge, int]] = []
    open_ranges: set[str] = set()
    marks: dict[str, list[str]] = {}

    for piece in pieces:
        if isinstance(piece, Text):
            text = piece.text.replace("\t", " ")
            if typed is not None:
                text = typed(text)
            if not line_breaks:
                text = text.replace("\n", " ")
            items.append(Run(text, piece.bold, piece.italic, piece.href))
            printed.append(text)
            length += len(text)
        elif isinstance(piece, (NoteMark, NoteCrossRef)):
            fid = note_id(piece)
            if fid is not None:
                items.append(fid)
                if isinstance(piece, NoteMark):
                    for cid in open_ranges:
                        marks.setdefault(cid, []).append(fid)
        elif isinstance(piece, CommentEdge):
            edges.append((piece, length))
            (open_ranges.discard if piece.end else open_ranges.add)(piece.id)
        elif isinstance(piece, Bookmark):
            continue
    whole = "".join(printed)
    lead = len(whole) - len(whole.lstrip())
    stripped = whole.strip()
    marked = Marked(_strip_markup(serialized(items)), stripped, marks=marks)
    for edge, at in edges:
        offset = max(0, min(len(stripped), at - lead))
        if not edge.end:
            marked.comments[edge.id] = [offset, None]
        elif edge.id in marked.comments:
            marked.comments[edge.id][1] = offset
        else:
            marked.ended.append(edge.id)
    return marked


#: Stands for a footnote mark while the runs around it are serialized (a private-use character).
_SLOT = "\ue000"


def serialized(items: list[Run | str]) -> str:
    """Runs and footnote ids (``str``) as one marked-up text, formatting kept across the marks.

    The marks are serialized as placeholders carrying the formatting both their neighbours
    share, so italic that runs through a footnote mark stays one italic span; the result
    is checked by parsing it, and if it would not print as the runs do, each stretch
    between marks is serialized on its own (which always prints right).
    """
    ids = [item for item in items if isinstance(item, str)]
    runs = [item for item in items if isinstance(item, Run)]
    if not ids:
        return serialize(runs)
    if not any(_SLOT in run.text for run in runs):
        slotted: list[Run] = []
        for index, item in enumerate(items):
            if isinstance(item, Run):
                slotted.append(item)
                continue
            before = next((x for x in reversed(items[:index]) if isinstance(x, Run)), None)
            after = next((x for x in items[index + 1:] if isinstance(x, Run)), None)
            both = before is not None and after is not None
            slotted.append(Run(_SLOT, both and before.bold and after.bold, both and before.italic and after.italic))
        text = serialize(slotted)
        if text.count(_SLOT) == len(ids):
            names = iter(ids)
            candidate = re.sub(_SLOT, lambda _: f"[^{next(names)}]", text)
            read = [item.id if isinstance(item, FootnoteRef) else item for item in parse(candidate)]
            if _printing(read) == _printing(items):
                return candidate
    out: list[str] = []
    stretch: list[Run] = []
    for item in items:
        if isinstance(item, Run):
            stretch.append(item)
            continue
        out.append(serialize(stretch, fewer_escapes=False) if stretch else "")
        out.append(f"[^{item}]")
        stretch = []
    out.append(serialize(stretch, fewer_escapes=False) if stretch else "")
    return "".join(out)


def _printing(items: list) -> list:
    """What ``items`` print: each stretch between marks as text and formatting, spaces outside it, and the marks."""
    out: list = []
    stretch: list[Run] = []
    for item in [*items, None]:
        if isinstance(item, Run):
            stretch.append(item)
            continue
        out.append([(r.text, r.bold, r.italic, r.href is not None) for r in spaces_outside_formatting(stretch)])
        stretch = []
        if item is not None:
            out.append(item)
    return out


def _strip_markup(text: str) -> str:
    """The markup without the spaces at its ends (which print nothing in a brief)."""
    return text.strip(" \t\n")
