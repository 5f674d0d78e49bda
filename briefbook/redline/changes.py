"""What a redline is made of: the merged stream of old and new blocks, each marked with what changed.

The comparison (:mod:`briefbook.redline.align`) turns two briefs into one stream of
:class:`TrackedBlock` in print order — the new brief's blocks, with the old brief's
deleted and moved-away blocks put where they stood — and the redline writer
(:mod:`briefbook.redline.writer`) draws that stream with the export's own DOCX writer,
wrapping each :class:`Piece` in the Word revision its :class:`Change` names. Nothing here
knows XML.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from briefbook.render.styles import Role
from briefbook.render.walk import Inline, RenderBlock


class Change(StrEnum):
    """What happened to a stretch of text, or to a paragraph as a whole (its paragraph mark)."""

    SAME = "same"
    INSERTED = "inserted"
    DELETED = "deleted"
    #: Text of a section that moved: where it stood (shown struck through, removed on accepting) …
    MOVED_FROM = "moved-from"
    #: … and where it stands now (removed on rejecting).
    MOVED_TO = "moved-to"

    @property
    def removed(self) -> bool:
        """Whether the text is gone from the new version (accepting the change removes it)."""
        return self in (Change.DELETED, Change.MOVED_FROM)


@dataclass(frozen=True, slots=True)
class Piece:
    """Consecutive runs and footnote marks of a block that changed the same way."""

    change: Change
    items: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class TrackedBlock:
    """One printed paragraph of the redline: its text in pieces, and what happened to the paragraph."""

    #: The block as it prints in the new brief; a paragraph only the old brief had: as it printed there.
    #: Its runs are unused (the pieces are what is written); its footnote marks carry the redline's numbers.
    block: RenderBlock
    pieces: tuple[Piece, ...]
    #: What happened to the paragraph itself: ``SAME`` for a paragraph in both versions (its words may differ).
    mark: Change = Change.SAME
    #: The style it had in the old brief, when that differs (a bullet become a paragraph, a section moved up a level).
    old_role: Role | None = None
    #: The move this paragraph opens or closes the range of (its name pairs the two ends of one move).
    move_start: str = ""
    move_end: str = ""

    @property
    def new_side(self) -> bool:
        """Whether the block's address is a place in the new brief (not only in the old)."""
        return not self.mark.removed


@dataclass(frozen=True, slots=True)
class Summary:
    """How much changed, in the terms a reviewer counts: words and paragraphs, moves, changed styles."""

    inserted_paragraphs: int = 0
    deleted_paragraphs: int = 0
    changed_paragraphs: int = 0
    moves: int = 0
    restyled: int = 0
    inserted_notes: int = 0
    deleted_notes: int = 0
    changed_notes: int = 0

    @property
    def unchanged(self) -> bool:
        return not (self.inserted_paragraphs or self.deleted_paragraphs or self.changed_paragraphs or self.moves
                    or self.restyled or self.inserted_notes or self.deleted_notes or self.changed_notes)

    def describe(self) -> str:
        """``"2 paragraphs changed, 1 inserted, 1 move"``, or ``"no differences"``."""
        if self.unchanged:
            return "no differences"

        def plural(n: int) -> str:
            return "" if n == 1 else "s"

        parts = []
        if self.changed_paragraphs:
            parts.append(f"{self.changed_paragraphs} paragraph{plural(self.changed_paragraphs)} changed")
        if self.inserted_paragraphs:
            parts.append(f"{self.inserted_paragraphs} inserted")
        if self.deleted_paragraphs:
            parts.append(f"{self.deleted_paragraphs} deleted")
        if self.moves:
            parts.append(f"{self.moves} move{plural(self.moves)}")
        if self.restyled:
            parts.append(f"{self.restyled} restyled")
        for count, what in ((self.changed_notes, "changed"), (self.inserted_notes, "inserted"),
                            (self.deleted_notes, "deleted")):
            if count:
                parts.append(f"{count} footnote{plural(count)} {what}")
        return ", ".join(parts)


def summarise(blocks: list[TrackedBlock]) -> Summary:
    """The :class:`Summary` of a redline's stream (the table of contents, which Word regenerates, not counted)."""
    inserted = deleted = changed = restyled = 0
    notes = {Change.INSERTED: 0, Change.DELETED: 0, Change.SAME: 0}
    moves: set[str] = set()
    for tracked in blocks:
        if tracked.block.role is Role.FOOTNOTE_TEXT:
            if tracked.mark is not Change.SAME or any(p.change is not Change.SAME for p in tracked.pieces):
                notes[tracked.mark] += 1
            continue
        if tracked.move_start:
            moves.add(tracked.move_start)
        if tracked.mark is Change.INSERTED:
            inserted += 1
        elif tracked.mark is Change.DELETED:
            deleted += 1
        elif tracked.mark is Change.SAME and any(piece.change is not Change.SAME for piece in tracked.pieces):
            changed += 1
        if tracked.old_role is not None:
            restyled += 1
    return Summary(inserted, deleted, changed, len(moves), restyled, notes[Change.INSERTED], notes[Change.DELETED],
                   notes[Change.SAME])


__all__ = ["Change", "Piece", "Summary", "TrackedBlock", "summarise"]
