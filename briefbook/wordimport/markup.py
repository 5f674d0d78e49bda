"""A paragraph's pieces as the brief's inline markup, and where its comments' words print in it.

The runs between two footnote marks are written by the one serializer
(:func:`briefbook.markup.serialize`), which escapes what must be escaped and checks
that the markup prints as the runs did; the marks become ``[^id]``. Alongside, the
printed offset of every comment range edge is counted on the same text, so a Word
comment becomes a note on exactly the words it covered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from briefbook.markup import Run, serialize
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
    out: list[str] = []
    runs: list[Run] = []
    printed: list[str] = []
    length = 0
    edges: list[tuple[CommentEdge, int]] = []
    open_ranges: set[str] = set()
    marks: dict[str, list[str]] = {}

    def flush() -> None:
        if runs:
            out.append(serialize(runs))
            runs.clear()

    for piece in pieces:
        if isinstance(piece, Text):
            text = piece.text.replace("\t", " ")
            if typed is not None:
                text = typed(text)
            if not line_breaks:
                text = text.replace("\n", " ")
            runs.append(Run(text, piece.bold, piece.italic, piece.href))
            printed.append(text)
            length += len(text)
        elif isinstance(piece, (NoteMark, NoteCrossRef)):
            fid = note_id(piece)
            if fid is not None:
                flush()
                out.append(f"[^{fid}]")
                if isinstance(piece, NoteMark):
                    for cid in open_ranges:
                        marks.setdefault(cid, []).append(fid)
        elif isinstance(piece, CommentEdge):
            edges.append((piece, length))
            (open_ranges.discard if piece.end else open_ranges.add)(piece.id)
        elif isinstance(piece, Bookmark):
            continue
    flush()
    whole = "".join(printed)
    lead = len(whole) - len(whole.lstrip())
    stripped = whole.strip()
    marked = Marked(_strip_markup("".join(out)), stripped, marks=marks)
    for edge, at in edges:
        offset = max(0, min(len(stripped), at - lead))
        if not edge.end:
            marked.comments[edge.id] = [offset, None]
        elif edge.id in marked.comments:
            marked.comments[edge.id][1] = offset
        else:
            marked.ended.append(edge.id)
    return marked


def _strip_markup(text: str) -> str:
    """The markup without the spaces at its ends (which print nothing in a brief)."""
    return text.strip(" \t\n")
