"""The brief's anatomy as paragraphs: cover block, title, key takeaways, contents, numbered sections.

Each paragraph names its style and nothing else; runs add only bold, italic and
hyperlinks. Section numbers are not written: *Heading 1–3* are linked to the
template's multi-level list, so Word numbers them (and renumbers them when an
analyst moves a section in Word). Bullets are *List Bullet 1–3*, linked to the
bullet list the same way.

Footnotes are numbered by Word in order of their marks, which is the order of
:func:`briefbook.model.footnote_numbers` because the body is written in the order
:func:`briefbook.model.iter_texts` reads it. A note referenced a second time does
not become a second note (Word would number it anew and shift every later number,
so the DOCX would disagree with the preview): the later mark is a ``NOTEREF`` field
to the first — what *Insert → Cross-reference → Footnote number (formatted)* makes
in Word — and shows the same number. A referenced id with no text gets an empty note
(the checks report it before export).
"""

from __future__ import annotations

from lxml import etree

from briefbook.markup import plain_text
from briefbook.model import Block, Brief, Bullet, BulletList, Heading, Paragraph, iter_sections
from briefbook.render.docx.footnotes import Footnotes
from briefbook.render.docx.inline import InlineWriter, Links
from briefbook.render.docx.ooxml import BOOKMARK_END, BOOKMARK_START, ID, NAME, bookmark, field_runs, paragraph, run
from briefbook.render.docx.template import Template
from briefbook.render.docx.toc import TocEntry, toc_bookmark, write_toc
from briefbook.render.styles import BULLET_ROLES, HEADING_ROLES, Role


class BodyWriter:
    """Writes one brief into the ``w:body`` of a fresh copy of the template."""

    def __init__(self, body: etree._Element, template: Template, footnotes: Footnotes, links: Links):
        self._body = body
        ids = template.style_ids
        self._ids = ids
        self._bullets = tuple(ids[role] for role in BULLET_ROLES)
        self._headings = tuple(ids[role] for role in HEADING_ROLES)
        self._inline = InlineWriter(ids[Role.HYPERLINK])
        self._footnotes = footnotes
        self._links = links
        self._note_links = Links(footnotes.part)
        self._brief: Brief | None = None
        #: Per footnote id: its number and the run of its first mark.
        self._first_mark: dict[str, tuple[int, etree._Element]] = {}
        #: Bookmark names put round first marks that are referred back to.
        self._mark_names: dict[str, str] = {}
        self._bookmarks = 0

    # --- the document

    def write(self, brief: Brief) -> None:
        self._brief = brief
        self._cover(brief)
        self._text(self._ids[Role.TITLE], brief.meta.title)
        self._blocks(brief.takeaways)
        listed = self._toc_entries(brief) if brief.meta.toc else {}
        write_toc(self._body, list(listed.values()), language=brief.meta.language,
                  heading_style=self._ids[Role.TOC_HEADING],
                  entry_styles=tuple(self._ids[r] for r in (Role.TOC_1, Role.TOC_2, Role.TOC_3)))
        for entry in iter_sections(brief):
            p = paragraph(self._body, self._headings[min(entry.level, len(self._headings)) - 1])
            name = listed[entry.path].bookmark if listed else None
            if name is None:
                self._inline.write(p, entry.section.title, self._links, self._mark)
            else:
                number = self._next_bookmark()
                bookmark(p, number, name, end=False)
                self._inline.write(p, entry.section.title, self._links, self._mark)
                bookmark(p, number, name, end=True)
            self._blocks(entry.section.body)

    def _cover(self, brief: Brief) -> None:
        meta = brief.meta
        for role, text in (
            (Role.COVER_BODY, meta.body),
            (Role.COVER_EVENT, meta.event),
            (Role.COVER_DATES, meta.dates),
            (Role.COVER_KIND, meta.kind),
            (Role.COVER_REFERENCE, meta.reference_line()),
            (Role.COVER_DISCLAIMER, meta.effective_disclaimer()),
        ):
            if text.strip():
                run(paragraph(self._body, self._ids[role]), text.strip())

    def _toc_entries(self, brief: Brief) -> dict[tuple, TocEntry]:
        """Every section by its path: a section deeper than level 3 (which the checks flag) is drawn
        with *Heading 3*, so Word's ``TOC \\o "1-3"`` lists it too."""
        return {
            entry.path: TocEntry(entry.level, entry.label, " ".join(plain_text(entry.section.title).split()),
                                 toc_bookmark(index))
            for index, entry in enumerate(iter_sections(brief), start=1)
        }

    # --- blocks

    def _blocks(self, blocks: list[Block]) -> None:
        for block in blocks:
            if isinstance(block, BulletList):
                self._bullet_list(block.items, 0)
            elif isinstance(block, Heading):
                self._text(self._ids[Role.SUBHEADING], block.text)
            elif isinstance(block, Paragraph):
                self._text(self._ids[Role.BODY], block.text)

    def _bullet_list(self, bullets: list[Bullet], depth: int) -> None:
        style = self._bullets[min(depth, len(self._bullets) - 1)]
        for bullet in bullets:
            self._inline.write(paragraph(self._body, style), bullet.text, self._links, self._mark)
            if bullet.children:
                self._bullet_list(bullet.children, depth + 1)

    def _text(self, style: str, text: str) -> None:
        if text.strip():
            self._inline.write(paragraph(self._body, style), text.strip(), self._links, self._mark)

    # --- footnotes

    def _mark(self, parent: etree._Element, fid: str) -> None:
        first = self._first_mark.get(fid)
        if first is not None:
            number, first_run = first
            field_runs(parent, f"NOTEREF {self._mark_name(fid, number, first_run)} \\f \\h", str(number),
                       style_id=self._ids[Role.FOOTNOTE_REFERENCE])
            return
        note_id, note = self._footnotes.add()
        text = self._brief.footnotes.get(fid, "") if self._brief else ""
        if text.strip():
            run(note, " ")
            self._inline.write(note, text.strip(), self._note_links, None)
        self._first_mark[fid] = (len(self._first_mark) + 1, self._footnotes.reference(parent, note_id))

    def _mark_name(self, fid: str, number: int, first_run: etree._Element) -> str:
        """The bookmark round a note's first mark, put there when the note is first referred back to."""
        name = self._mark_names.get(fid)
        if name is None:
            name = self._mark_names[fid] = f"_Ref{number:09d}"
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
