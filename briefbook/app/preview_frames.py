"""The preview document as frames of fragments, edited in place.

Each group of fragments — a section with its heading, the takeaways, the cover — sits
in a frame of its own. Qt then re-lays out only the edited frame and shifts the
frames after it, instead of re-laying every block to the end of a 600-page brief; a
section added or removed is a frame inserted or taken out.
Each frame starts with a hairline block, so that every fragment follows a block end:
a fragment is pasted from a scratch document as "separator + blocks", which makes Qt
copy each block's own format and list membership instead of merging the first block
into its neighbour.
"""

from __future__ import annotations

from PySide6.QtGui import (
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
    QTextFrame,
    QTextFrameFormat,
)

from briefbook.model import Address, Path
from briefbook.render.html import Fragment, Group, Groups

_DUMMY = "<p>x</p>"

#: A long group (the footnotes of a long brief) is placed by a chunk of the fill a part of
#: about this many text blocks at a time (see :func:`piece_end`); a section's group is one part
#: — except while the reader types, when a part is about a third as long.
PIECE_BLOCKS = 24


def piece_end(fragments: tuple[Fragment, ...], start: int, limit: int = PIECE_BLOCKS) -> int:
    """The end of the part of ``fragments`` from ``start``, about ``limit`` blocks, that one step of a chunk places."""
    blocks, end = 0, start
    while end < len(fragments) and (end == start or blocks + fragments[end].blocks <= limit):
        blocks += fragments[end].blocks
        end += 1
    return end


def locate(groups: Groups, path: Address) -> tuple[int, int] | None:
    """Where the fragment that draws ``path`` (or its nearest container's) is: the index of
    its group in ``groups``, placed or still to be, and its index in the group.

    A place that prints nothing (an empty paragraph) is found as its outline entry: a
    section's heading, the first block of the takeaways.

    A group not rendered yet (see :class:`~briefbook.render.html.Groups`) is rendered only if
    it may hold the place: every fragment of a part has a key inside the part's address, so
    a part whose address neither holds ``path`` nor lies inside it cannot."""
    best, best_len = None, -1
    for number in range(len(groups)):
        if not groups.rendered(number) and not path.startswith(groups.key(number)):
            continue
        for index, fragment in enumerate(groups[number][1]):
            key = fragment.key
            if len(key) > best_len and path.startswith(key):
                best, best_len = (number, index), len(key)
    if best is None:  # a container of fragments: its first one (a section → its heading)
        best = next(((number, index) for number in range(len(groups)) if _may_hold(groups, number, path)
                     for index, fragment in enumerate(groups[number][1])
                     if Address.of(fragment.key).startswith(path)), None)
    if best is None and path.owner != path:
        return locate(groups, path.owner)
    return best


def _may_hold(groups: Groups, number: int, path: Address) -> bool:
    """Whether group ``number`` may have a fragment inside ``path`` (known without rendering it)."""
    if groups.rendered(number):
        return True
    key = groups.key(number)
    return path.startswith(key) or Address.of(key).startswith(path)


def same_ends(placed: list[Placed], groups: Groups) -> tuple[int, int]:
    """How many placed groups at the start and at the end (not overlapping) have the keys of ``groups``' there."""
    head, limit = 0, min(len(placed), len(groups))
    while head < limit and placed[head].key == groups.key(head):
        head += 1
    tail = 0
    while tail < limit - head and placed[-1 - tail].key == groups.key(len(groups) - 1 - tail):
        tail += 1
    return head, tail


class Placed:
    """A group of fragments as placed in the document: its frame and each fragment's block count."""

    __slots__ = ("counts", "fragments", "frame", "key")

    def __init__(self, key: Path, frame: QTextFrame, fragments: tuple[Fragment, ...], counts: list[int]) -> None:
        self.key, self.frame, self.fragments, self.counts = key, frame, fragments, counts


class Mismatch(Exception):
    """Qt made a different number of blocks than the fragment declared."""


def take_out(cursor: QTextCursor, groups: list) -> None:
    """Remove the groups' frames, last first so earlier positions stay valid.

    Each frame goes with the hairline after it, which merges with the one before.
    """
    remove_frames(cursor, [group.frame for group in groups])


def remove_frames(cursor: QTextCursor, frames: list[QTextFrame]) -> None:
    """Remove ``frames`` (in document order) as :func:`take_out` removes a group's."""
    for frame in reversed(frames):
        cursor.setPosition(frame.firstPosition() - 1)
        cursor.setPosition(frame.lastPosition() + 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()


def hairline(cursor: QTextCursor) -> None:
    """Make the cursor's (empty) block a 1-pixel line: the seams around and inside frames."""
    block_format = QTextBlockFormat()
    block_format.setLineHeight(1, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    char_format = QTextCharFormat()
    char_format.setFontPointSize(1)
    cursor.setBlockFormat(block_format)
    cursor.setBlockCharFormat(char_format)


class FrameWriter:
    """Puts groups of fragments into ``document`` as frames and replaces the fragments that change.

    ``scratch`` is a document of the same style sheet that fragments are parsed in first.
    """

    def __init__(self, document: QTextDocument, scratch: QTextDocument) -> None:
        self._document = document
        self._scratch = scratch

    def first_block(self, group: Placed) -> int:
        """The block number of the group's first fragment (after the frame's hairline)."""
        return self._document.findBlock(group.frame.firstPosition()).blockNumber() + 1

    def block_at(self, group: Placed, index: int, wanted: str) -> QTextBlock | None:
        """The block of the group's fragment ``index`` that holds the anchor named ``wanted``
        (or the nearest container's: the fragment's first block at least)."""
        count = group.counts[index]
        if not count:
            return None
        block = self._document.findBlockByNumber(self.first_block(group) + sum(group.counts[:index]))
        best, best_len = block, -1
        for _ in range(count):
            it = block.begin()
            while not it.atEnd():
                for name in it.fragment().charFormat().anchorNames():
                    if (wanted == name or wanted.startswith(name + "/")) and len(name) > best_len:
                        best, best_len = block, len(name)
                it += 1
            block = block.next()
        return best

    def insert_groups(self, cursor: QTextCursor, groups: list[Group]) -> list[Placed]:
        """Insert a frame per group after the hairline block the cursor is in."""
        placed = []
        for key, fragments in groups:
            frame = self.new_frames(cursor, 1)[0]
            placed.append(self.fill_frame(cursor, frame, key, fragments))
            cursor.setPosition(frame.lastPosition() + 1)
        return placed

    def place_next(self, cursor: QTextCursor, placed: list[Placed], target: Groups, spare: list[QTextFrame],
                   partial: bool, limit: int | None, early: dict[int, Placed]) -> bool:
        """Place the next group of ``target`` after the ``placed`` ones, in the first of the ``spare``
        frames (made here if there are none) — or, if the last placed is ``partial``, more of it.

        A part of a long group, about ``limit`` blocks, is placed (None: the rest of it; see :func:`piece_end`).
        A group drawn ``early`` (by its index in ``target``) is already in that frame and joins the placed
        as it is. Returns whether the last placed group is still partial.
        """
        if partial:  # the rest of a group placed in part
            group = placed[-1]
            fragments = target[len(placed) - 1][1]
        else:
            if not spare:  # more groups than foreseen (edits while filling)
                cursor.movePosition(QTextCursor.MoveOperation.End)
                spare += self.new_frames(cursor, len(target) - len(placed))
            key, fragments = target[len(placed)]
            drawn = early.pop(len(placed), None)
            if drawn is not None and drawn.frame is spare[0] and drawn.key == key:
                spare.pop(0)
                placed.append(drawn)
                if drawn.fragments is not fragments:
                    self.refill(cursor, drawn, fragments)
                return False
            if drawn is not None:  # not where it was drawn: the fill draws the group afresh
                self.empty(cursor, drawn)
            group = Placed(key, spare.pop(0), (), [])
            placed.append(group)
        done = len(group.fragments)
        end = len(fragments) if limit is None else piece_end(fragments, done, limit)
        self.append(cursor, group, fragments[done:end])
        if end < len(fragments):
            return True
        group.fragments = fragments  # the renderer's own tuple: unchanged groups are known by it
        return False

    def new_frames(self, cursor: QTextCursor, count: int) -> list[QTextFrame]:
        """Insert ``count`` empty frames after the hairline block the cursor is in, for groups to come.

        Qt goes through the whole document at the end of every edit that adds or removes a
        frame (``QTextDocumentPrivate::scan_frames``), so a long preview makes its frames a
        batch at a time and fills them in later edits, which do not.
        """
        frames = []
        for _ in range(count):
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            frame = cursor.insertFrame(QTextFrameFormat())
            hairline(cursor)
            cursor.setPosition(frame.lastPosition() + 1)
            hairline(cursor)
            frames.append(frame)
        return frames

    def empty(self, cursor: QTextCursor, group: Placed) -> None:
        """Take the group's fragments out of its frame, which stays (with its hairline) for the fill to use."""
        self.replace(cursor, self.first_block(group), sum(group.counts), "")
        group.fragments, group.counts = (), []

    def refill(self, cursor: QTextCursor, group: Placed, fragments: tuple[Fragment, ...]) -> None:
        """Put ``fragments`` into the group's frame instead of those it has, counting blocks as they are made."""
        self.empty(cursor, group)
        self.append(cursor, group, fragments)

    def fill_frame(self, cursor: QTextCursor, frame: QTextFrame, key: Path,
                   fragments: tuple[Fragment, ...]) -> Placed:
        """Put a group's fragments into an empty frame from :meth:`new_frames`; the group as placed."""
        group = Placed(key, frame, (), [])
        self.append(cursor, group, fragments)
        return group

    def append(self, cursor: QTextCursor, group: Placed, fragments: tuple[Fragment, ...]) -> None:
        """Put ``fragments`` into the group's frame after those it has: a long group is placed in parts."""
        first = self.first_block(group) + sum(group.counts)
        counts = [f.blocks for f in fragments]
        made = self.replace(cursor, first, 0, "".join(f.html for f in fragments))
        if made != sum(counts):
            # Qt made other blocks than the fragments declare: place them one by one, counting.
            self.replace(cursor, first, made, "")
            counts = []
            for fragment in fragments:
                counts.append(self.replace(cursor, first + sum(counts), 0, fragment.html))
        group.fragments += fragments
        group.counts += counts
        self.keep_bottom_margin(group.frame)

    def keep_bottom_margin(self, frame: QTextFrame) -> None:
        """Qt drops the space after a frame's last block; the frame keeps it instead."""
        margin = self._document.findBlock(frame.lastPosition()).blockFormat().bottomMargin()
        frame_format = frame.frameFormat()
        if not frame_format.hasProperty(QTextFormat.Property.FrameBottomMargin) or \
                frame_format.bottomMargin() != margin:
            frame_format.setBottomMargin(margin)
            frame.setFrameFormat(frame_format)

    def _piece(self, html: str) -> tuple[QTextDocumentFragment, int]:
        """``html`` as a document fragment that starts with a block separator, and its block count."""
        scratch = self._scratch
        scratch.setHtml(_DUMMY + html)
        cursor = QTextCursor(scratch)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        return QTextDocumentFragment(cursor), scratch.blockCount() - 1

    def update_group(self, cursor: QTextCursor, group: Placed, fragments: tuple[Fragment, ...]) -> None:
        """Replace, inside the group's frame, the fragments that changed."""
        old = group.fragments
        if len(fragments) == len(old):
            # Unchanged fragments come back from the renderer's cache as the same objects.
            changes = [(i, i + 1, i, i + 1) for i, (a, b) in enumerate(zip(old, fragments, strict=True))
                       if a is not b and a.html != b.html]
        else:
            start = 0
            limit = min(len(old), len(fragments))
            while start < limit and old[start].html == fragments[start].html:
                start += 1
            tail = 0
            while tail < limit - start and old[-1 - tail].html == fragments[-1 - tail].html:
                tail += 1
            changes = [(start, len(old) - tail, start, len(fragments) - tail)]
        counts = group.counts
        first = self.first_block(group)
        for a, b, c, d in reversed(changes):  # from the end, so earlier block numbers stay valid
            expected = [f.blocks for f in fragments[c:d]]
            made = self.replace(cursor, first + sum(counts[:a]), sum(counts[a:b]),
                                 "".join(f.html for f in fragments[c:d]))
            if made != sum(expected):
                raise Mismatch
            counts[a:b] = expected
        group.fragments = fragments
        self.keep_bottom_margin(group.frame)

    def replace(self, cursor: QTextCursor, first: int, count: int, html: str) -> int:
        """Replace ``count`` blocks from block number ``first`` with ``html``; the blocks it made."""
        doc = self._document
        before = doc.findBlockByNumber(first - 1)
        start = before.position() + before.length() - 1
        end = start
        if count:
            last = doc.findBlockByNumber(first + count - 1)
            end = last.position() + last.length() - 1
        # Qt gives an *empty* block (a rule) the format of the block merged into it: keep its own.
        block_format, char_format = before.blockFormat(), before.charFormat()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        made = 0
        if html:
            piece, made = self._piece(html)
            cursor.insertFragment(piece)
        else:
            cursor.removeSelectedText()
        cursor.setPosition(start)
        if cursor.blockFormat() != block_format or cursor.blockCharFormat() != char_format:
            cursor.setBlockFormat(block_format)
            cursor.setBlockCharFormat(char_format)
        return made
