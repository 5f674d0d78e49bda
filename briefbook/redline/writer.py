"""The redline written by the export's own DOCX writer, fed the comparison instead of one brief.

:class:`RedlineWriter` is the export's :class:`~briefbook.render.docx.body.BodyWriter`
with one difference: it writes the stream of :class:`~briefbook.redline.changes.TrackedBlock`
that :func:`briefbook.redline.align.compare` made, each piece's runs through the same
inline writer and footnote handling, then wrapped in its revision
(:class:`~briefbook.redline.tracked.Revisions`). Styles, numbering (Word's list
numbering: a new section renumbers the ones after it without a tracked change), the
table of contents, the header, footer and properties are the export's, drawn for the
new brief — so accepting every change gives the new version's export, and rejecting
every change the old's.
"""

from __future__ import annotations

from lxml import etree

from briefbook.model import Brief
from briefbook.redline.changes import Change, TrackedBlock
from briefbook.redline.tracked import Revisions
from briefbook.render.docx.body import BodyWriter
from briefbook.render.docx.comments import Comments
from briefbook.render.docx.footnotes import Footnotes
from briefbook.render.docx.inline import Links
from briefbook.render.docx.ooxml import bookmark, run
from briefbook.render.docx.template import Template
from briefbook.render.styles import HEADING_ROLES, Role
from briefbook.render.walk import RenderBlock

_CONTENTS_ROLES = frozenset({Role.TOC_HEADING, Role.TOC_1, Role.TOC_2, Role.TOC_3})
_HEADINGS = frozenset(HEADING_ROLES)


class RedlineWriter(BodyWriter):
    """Writes a redline's tracked blocks into the ``w:body`` of a fresh copy of the template."""

    def __init__(self, body: etree._Element, template: Template, footnotes: Footnotes, links: Links,
                 comments: Comments, *, blocks: list[TrackedBlock], revisions: Revisions):
        super().__init__(body, template, footnotes, links, comments)
        self._tracked = blocks
        self._revisions = revisions

    def write(self, brief: Brief) -> None:
        """Write the redline's blocks; ``brief`` (the new version) is not walked again."""
        contents: list[RenderBlock] = []
        for tracked in self._tracked:
            role = tracked.block.role
            if role in _CONTENTS_ROLES:
                contents.append(tracked.block)
                continue
            if contents:
                self._contents(contents)
                contents = []
            if role is Role.FOOTNOTE_TEXT:
                self._tracked_note(tracked)
            elif role is not Role.FOOTER:
                self._tracked_paragraph(tracked)
        if contents:
            self._contents(contents)

    def _tracked_paragraph(self, tracked: TrackedBlock) -> None:
        block = tracked.block
        p = self._new_paragraph(block)
        old_style = self._ids[tracked.old_role] if tracked.old_role is not None else None
        self._revisions.mark_paragraph(p, tracked.mark, old_style)
        side = Change.MOVED_FROM if tracked.mark.removed else Change.MOVED_TO
        if tracked.move_start:
            self._revisions.open_range(p, side, tracked.move_start)
        # a heading the contents list is the bookmark the entry links to; a deleted heading is listed no more
        name = self._listed.get(block.address) if tracked.new_side and block.role in _HEADINGS else None
        number = self._next_bookmark() if name else 0
        if name:
            bookmark(p, number, name, end=False)
        for piece in tracked.pieces:
            last = p[-1]  # the paragraph always has its w:pPr
            self._inline.write(p, piece.items, self._links, self._mark)
            self._revisions.wrap(p, last, piece.change)
        if name:
            bookmark(p, number, name, end=True)
        if tracked.move_end:
            self._revisions.close_range(p, side, tracked.move_end)

    def _tracked_note(self, tracked: TrackedBlock) -> None:
        """A footnote's text; a note inserted or deleted whole has its own number mark tracked too."""
        block = tracked.block
        assert block.note is not None
        known = self._notes.get(block.note.number)
        if known is None:
            return
        note = known[1]
        whole = tracked.mark if tracked.mark is not Change.SAME else None
        if whole is not None:
            self._revisions.wrap(note, note[0], whole)  # the note's own number mark, after its w:pPr
        if not tracked.pieces:
            return
        last = note[-1]
        run(note, " ")
        if whole is not None:
            self._revisions.wrap(note, last, whole)
        elif all(piece.change is Change.INSERTED for piece in tracked.pieces):
            self._revisions.wrap(note, last, Change.INSERTED)  # a note that had no text: the space comes with it
        for piece in tracked.pieces:
            last = note[-1]
            self._inline.write(note, piece.items, self._note_links, None)
            self._revisions.wrap(note, last, piece.change)


def writer_factory(blocks: list[TrackedBlock], revisions: Revisions):
    """What :func:`briefbook.render.docx.build_docx` calls to make the body's writer: a :class:`RedlineWriter`."""

    def make(body: etree._Element, template: Template, footnotes: Footnotes, links: Links,
             comments: Comments) -> RedlineWriter:
        return RedlineWriter(body, template, footnotes, links, comments, blocks=blocks, revisions=revisions)

    return make


__all__ = ["RedlineWriter", "writer_factory"]
