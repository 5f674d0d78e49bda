"""Which groups of the brief the preview document holds, and in which frames.

The preview (:mod:`briefbook.app.preview`) draws a long brief progressively, in chunks
from the event loop. What those chunks have done so far is kept here, in one place:

- the *target*, the groups the document is to show (the renderer's, for the latest brief; the
  sections of a long brief past its top are rendered as they are read, see
  :class:`~briefbook.render.html.Groups`);
- the *placed* groups, a prefix of the target in document order, the last of them perhaps
  *partial* (a long group, placed a part at a time);
- the *spare* frames after them, made ahead and empty, one for each group still to come;
- the groups drawn *early*: one the reader went to or typed into before the fill got there,
  drawn in the spare frame made for it, which joins the placed when the fill reaches it.

The pane decides when and how long a chunk runs, and keeps the view; this class edits the
document (through :class:`~briefbook.app.preview_frames.FrameWriter`) and knows where each
group is.
"""

from __future__ import annotations

from time import perf_counter

from PySide6.QtGui import QTextCursor, QTextDocument, QTextFrame

from briefbook.app.preview_frames import (
    PIECE_BLOCKS,
    FrameWriter,
    Groups,
    Placed,
    hairline,
    remove_frames,
    same_ends,
    take_out,
)


class DrawnGroups:
    """The groups of the preview document as drawn so far (see the module's docstring)."""

    def __init__(self, document: QTextDocument, frames: FrameWriter) -> None:
        self._document = document
        self._frames = frames
        self.target = Groups()
        self.placed: list[Placed] = []
        self.partial = False
        self.spare: list[QTextFrame] = []
        self.early: dict[int, Placed] = {}  # by index in the target
        self._complete = True

    @property
    def filling(self) -> bool:
        """Whether groups are still to be inserted (as of the last :meth:`insert`)."""
        return not self._complete

    def start(self, groups: Groups) -> None:
        """Clear the document for ``groups``, to be inserted by :meth:`insert`."""
        self._document.clear()
        hairline(QTextCursor(self._document))
        self.target = groups
        self.placed, self.partial, self.spare, self.early = [], False, [], {}
        self._complete = False

    def group(self, number: int) -> Placed | None:
        """The target's group ``number`` as drawn (placed, or early), or None."""
        return self.placed[number] if number < len(self.placed) else self.early.get(number)

    def drawn(self, found: tuple[int, int]) -> bool:
        """Whether the fragment at ``found`` (a group's index and a fragment's in it) is in the document yet."""
        group = self.group(found[0])
        return group is not None and found[1] < len(group.counts)

    def early_frames(self) -> list[QTextFrame]:
        """The frames of the groups drawn early, in document order."""
        return [group.frame for _, group in sorted(self.early.items())]

    def insert(self, cursor: QTextCursor, deadline: float | None, least: int, typing: bool,
               frames_ahead: int) -> int:
        """Insert the next groups, at least ``least``, until ``deadline`` (a ``perf_counter`` time; None: all).

        The first chunks make ``frames_ahead`` empty frames each for the groups to come, while
        the document is short: Qt goes through the whole document after an edit that adds frames
        (see :meth:`FrameWriter.new_frames`). While the reader is ``typing``, such a chunk makes
        frames only, long groups are placed in shorter parts, and a group not rendered yet is
        rendered in a chunk of its own. Returns the groups (or parts) placed, -1 for a chunk that
        made frames or rendered a group only.
        """
        placed, target, spare = self.placed, self.target, self.spare
        count = 0
        ahead = len(target) - len(placed) - len(spare)
        if ahead > 0:
            cursor.movePosition(QTextCursor.MoveOperation.End)
            count = -1 if typing and (spare or self.partial) else 0
            spare += self._frames.new_frames(cursor, ahead if deadline is None else min(frames_ahead, ahead))
        limit = None if deadline is None else PIECE_BLOCKS // 3 if typing else PIECE_BLOCKS
        while (len(placed) < len(target) or self.partial) and count >= 0:
            if typing and not self.partial and not target.rendered(len(placed)):
                if count == 0:  # rendering it and placing it would make one turn twice as long
                    target[len(placed)]  # noqa: B018 - reading it renders it
                    count = -1
                break
            self.partial = self._frames.place_next(cursor, placed, target, spare, self.partial, limit, self.early)
            count += 1
            if deadline is not None and count >= least and perf_counter() >= deadline:
                break
        if len(placed) == len(target) and spare:  # fewer groups than foreseen (edits while filling)
            remove_frames(cursor, spare)
            spare.clear()
            self.early.clear()
        self._complete = len(placed) == len(target) and not self.partial
        return count

    def draw_early(self, number: int, most_blocks: int) -> bool:
        """Draw the target's group ``number`` now, in the empty frame made for it, if it has at most
        ``most_blocks`` text blocks. Returns whether it is drawn (now or before).

        Not possible for a group placed or being placed, or one whose frame is not made yet.
        """
        offset = number - len(self.placed)
        if self._complete or offset < 0 or offset >= len(self.spare):
            return False
        if number in self.early:
            return True
        key, fragments = self.target[number]
        if sum(fragment.blocks for fragment in fragments) > most_blocks:
            return False
        cursor = QTextCursor(self._document)
        cursor.beginEditBlock()
        self.early[number] = self._frames.fill_frame(cursor, self.spare[offset], key, fragments)
        cursor.endEditBlock()
        return True

    def update(self, cursor: QTextCursor, groups: Groups) -> bool:
        """Make the complete document show ``groups``: changed fragments replaced, groups added and
        taken out where the keys (paths) differ. Returns whether anything changed.

        Raises :class:`~briefbook.app.preview_frames.Mismatch` if Qt made other blocks than declared.
        """
        placed = self.placed
        self.target = groups
        head, tail = same_ends(placed, groups)  # groups keep their frames where their keys (paths) stay
        kept = [*zip(placed[:head], groups[:head], strict=True),
                *zip(placed[len(placed) - tail:], groups[len(groups) - tail:], strict=True)]
        changed = [(group, fragments) for group, (_, fragments) in kept if group.fragments is not fragments]
        removed = placed[head:len(placed) - tail]
        added = groups[head:len(groups) - tail]
        if not changed and not removed and not added:
            return False
        for group, fragments in changed:
            self._frames.update_group(cursor, group, fragments)
        take_out(cursor, removed)
        if added:
            cursor.setPosition(placed[head - 1].frame.lastPosition() + 1 if head else 0)
            placed[head:len(placed) - tail] = self._frames.insert_groups(cursor, added)
        else:
            del placed[head:len(placed) - tail]
        return True

    def update_filling(self, cursor: QTextCursor, groups: Groups) -> bool:
        """:meth:`update` while filling: placed groups whose keys still lead ``groups`` are updated in
        place; from the first that does not, the placed frames are taken out and the fill inserts
        the new groups instead. Groups drawn early are updated, or emptied for the fill if their
        frame no longer holds their place. Returns whether anything changed.
        """
        placed = self.placed
        self.target = groups
        head = same_ends(placed, groups)[0]
        complete = len(placed) - self.partial
        if head > complete:  # a group placed in part: kept while what it has is unchanged
            has, fragments = placed[-1].fragments, groups[head - 1][1]
            if len(fragments) < len(has) or any(a is not b for a, b in zip(has, fragments, strict=False)):
                head -= 1
        changed = [(group, fragments) for group, (_, fragments) in
                   zip(placed[:min(head, complete)], groups[:min(head, complete)], strict=True)
                   if group.fragments is not fragments]
        removed = placed[head:]
        dropped = []  # the spare frames shift when placed ones are taken out: their groups are the fill's again
        for number, group in list(self.early.items()):
            if removed or number >= len(groups) or groups.key(number) != group.key:
                dropped.append(self.early.pop(number))
            elif group.fragments is not groups[number][1]:
                changed.append((group, groups[number][1]))
        if not changed and not removed and not dropped:
            return False
        for group, fragments in changed:
            self._frames.update_group(cursor, group, fragments)
        take_out(cursor, removed)
        for group in dropped:
            self._frames.empty(cursor, group)
        del placed[head:]
        if removed:
            self.partial = False  # it was the last placed: it went with them
        return True
