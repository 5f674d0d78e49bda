"""The brief's printed blocks as WordprocessingML paragraphs.

The blocks come from :func:`briefbook.render.walk.walk`, which has decided everything
that must agree with the preview — what prints, in what order, at what level, with
which footnote numbers. This module only says how each block is written in Word:

- each paragraph names its style and nothing else; runs add only bold, italic and
  hyperlinks;
- section numbers are not written: *Heading 1–3* are linked to the template's
  multi-level list, so Word numbers them (and renumbers them when an analyst moves a
  section in Word); bullets are *List Bullet 1–3*, linked to the bullet list the same
  way; the walk's labels go into the table of contents' cached entries only;
- Word numbers footnotes in the order of their marks, which is the walk's order, so
  its numbers are the walk's. A note referenced a second time does not become a
  second note (Word would number it anew and shift every later number): the later
  mark is a ``NOTEREF`` field to the first — what *Insert → Cross-reference →
  Footnote number (formatted)* makes in Word — and shows the same number. The note
  is made at its first mark and its text filled in from the walk's footnote blocks,
  which follow the body; a note with no text stays empty (the checks report it).
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from briefbook.model import Address, Brief, Note
from briefbook.render.docx.comments import Comments, write_edge
from briefbook.render.docx.footnotes import Footnotes
from briefbook.render.docx.inline import InlineWriter, Links
from briefbook.render.docx.ooxml import (
    BOOKMARK_END,
    BOOKMARK_START,
    ID,
    NAME,
    bookmark,
    field_runs,
    paragraph,
    run,
    w,
)
from briefbook.render.docx.template import Template
from briefbook.render.docx.toc import TocEntry, toc_bookmark, write_toc
from briefbook.render.styles import HEADING_ROLES, Role
from briefbook.render.walk import NoteEdge, NoteMark, RenderBlock, right_to_left, walk

_CONTENTS_ROLES = frozenset({Role.TOC_HEADING, Role.TOC_1, Role.TOC_2, Role.TOC_3})
_HEADINGS = frozenset(HEADING_ROLES)


class BodyWriter:
    """Writes one brief into the ``w:body`` of a fresh copy of the template."""

    def __init__(self, body: etree._Element, template: Template, footnotes: Footnotes, links: Links,
                 comments: Comments):
        self._body = body
        self._comments = comments
        self._ids = template.style_ids
        self._inline = InlineWriter(self._ids[Role.HYPERLINK])
        self._footnotes = footnotes
        self._links = links
        self._note_links = Links(footnotes.part)
        #: Per footnote number: the run of its first mark, and the note's paragraph.
        self._notes: dict[int, tuple[etree._Element, etree._Element]] = {}
        #: Bookmark names put round first marks that are referred back to.
        self._mark_names: dict[int, str] = {}
        #: The ``_Toc…`` bookmark of each heading the contents list, by the heading's address.
        self._listed: dict[Address, str] = {}
        self._bookmarks = 0
        #: Reviewers' notes on each footnote's words, by footnote id: comments on its first mark.
        self._on_footnotes: dict[str, list[Note]] = {}

    def write(self, brief: Brief, blocks: Iterable[RenderBlock] | None = None) -> None:
        """Write ``brief``'s blocks: its walk, or ``blocks`` when given (a book's walk of the brief)."""
        for note in brief.notes:
            head, _, fid = note.on.partition("/")
            if head == "footnotes" and fid in brief.footnotes:
                self._on_footnotes.setdefault(fid, []).append(note)
        contents: list[RenderBlock] = []
        for block in walk(brief) if blocks is None else blocks:
            role = block.role
            if role in _CONTENTS_ROLES:
                contents.append(block)
                continue
            if contents:
                self._contents(contents)
                contents = []
            if role is Role.FOOTNOTE_TEXT:
                self._note_text(block)
            elif role is not Role.FOOTER:  # the footer is the template's own (see furniture)
                self._paragraph(block)
        if contents:
            self._contents(contents)

    def _paragraph(self, block: RenderBlock) -> None:
        p = self._new_paragraph(block)
        name = self._listed.get(block.address) if block.role in _HEADINGS else None
        runs = self._comments.marked(block)
        if name is None:
            self._inline.write(p, runs, self._links, self._mark, self._edge)
        else:
            number = self._next_bookmark()
            bookmark(p, number, name, end=False)
            self._inline.write(p, runs, self._links, self._mark, self._edge)
            bookmark(p, number, name, end=True)

    def _new_paragraph(self, block: RenderBlock) -> etree._Element:
        """A new paragraph at the end of the body, in the block's style and direction (the redline's start too)."""
        p = paragraph(self._body, self._ids[block.role])
        if right_to_left(block.text):  # a quotation in Arabic or Hebrew: the paragraph reads right to left
            etree.SubElement(p[0], w("bidi"))
        return p

    def _contents(self, blocks: list[RenderBlock]) -> None:
        """The table of contents: its heading and one entry per section, linked to the section's heading."""
        heading, entries = blocks[0], blocks[1:]
        listed = []
        for index, entry in enumerate(entries, start=1):
            name = self._listed[entry.address] = toc_bookmark(index)
            listed.append(TocEntry(self._ids[entry.role], entry.label, entry.text, name))
        write_toc(self._body, listed, heading=heading.text, heading_style=self._ids[heading.role])

    def _edge(self, parent: etree._Element, edge: NoteEdge) -> None:
        write_edge(parent, self._comments.comment_id(edge.note), edge.end)

    # --- footnotes

    def _mark(self, parent: etree._Element, mark: NoteMark) -> None:
        known = self._notes.get(mark.number)
        if known is not None:
            field_runs(parent, f"NOTEREF {self._mark_name(mark.number, known[0])} \\f \\h", str(mark.number),
                       style_id=self._ids[Role.FOOTNOTE_REFERENCE])
            return
        note_id, note = self._footnotes.add()
        reviewed = self._on_footnotes.get(mark.id)
        if reviewed:
            self._comments.on_mark(parent, reviewed, lambda: self._first_mark(parent, mark.number, note_id, note))
        else:
            self._first_mark(parent, mark.number, note_id, note)

    def _first_mark(self, parent: etree._Element, number: int, note_id: int, note: etree._Element) -> None:
        self._notes[number] = (self._footnotes.reference(parent, note_id), note)

    def _note_text(self, block: RenderBlock) -> None:
        assert block.note is not None
        known = self._notes.get(block.note.number)
        if known is None or not block.runs:
            return
        note = known[1]
        run(note, " ")
        # its reviewers' notes are comments on its mark (see Comments.on_mark), not in the footnote
        self._inline.write(note, block.runs, self._note_links, None, self._edge)

    def _mark_name(self, number: int, first_run: etree._Element) -> str:
        """The bookmark round a note's first mark, put there when the note is first referred back to."""
        name = self._mark_names.get(number)
        if name is None:
            name = self._mark_names[number] = f"_Ref{number:09d}"
            start, end = etree.Element(BOOKMARK_START), etree.Element(BOOKMARK_END)
            start.set(ID, str(self._next_bookmark()))
            start.set(NAME, name)
            end.set(ID, start.get(ID))
            first_run.addprevious(start)
            first_run.addnext(end)
        return name

    def _next_bookmark(self) -> int:
        self._bookmarks += 1
        return self._bookmarks
