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

from collections import Counter

from lxml import etree

from briefbook.markup import FootnoteRef, parse, plain_text
from briefbook.model import Block, Brief, Bullet, BulletList, Heading, Paragraph, iter_sections, iter_texts
from briefbook.render.docx.footnotes import Footnotes
from briefbook.render.docx.inline import InlineWriter, Links
from briefbook.render.docx.ooxml import bookmark, field_runs, paragraph, run
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
        self._first_mark: dict[str, tuple[int, str]] = {}
        self._repeated: set[str] = set()
        self._bookmarks = 0

    # --- the document

    def write(self, brief: Brief) -> None:
        self._brief = brief
        counts = Counter(ref.id for place in iter_texts(brief) for ref in _refs(place.text))
        self._repeated = {fid for fid, count in counts.items() if count > 1}
        self._cover(brief)
        self._text(self._ids[Role.TITLE], brief.meta.title)
        self._blocks(brief.takeaways)
        entries = self._toc_entries(brief) if brief.meta.toc else []
        write_toc(self._body, entries, language=brief.meta.language, heading_style=self._ids[Role.TOC_HEADING],
                  entry_styles=tuple(self._ids[r] for r in (Role.TOC_1, Role.TOC_2, Role.TOC_3)))
        names = iter(entry.bookmark for entry in entries)
        for entry in iter_sections(brief):
            p = paragraph(self._body, self._headings[min(entry.level, len(self._headings)) - 1])
            name = next(names, None)
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

    def _toc_entries(self, brief: Brief) -> list[TocEntry]:
        return [
            TocEntry(entry.level, entry.label, plain_text(entry.section.title).replace("\n", " "),
                     toc_bookmark(index))
            for index, entry in enumerate(iter_sections(brief), start=1)
            if entry.level <= len(self._headings)
        ]

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
            name = first[1]
            field_runs(parent, f"NOTEREF {name} \\f \\h", str(first[0]),
                       style_id=self._ids[Role.FOOTNOTE_REFERENCE])
            return
        note_id, note = self._footnotes.add()
        text = self._brief.footnotes.get(fid, "") if self._brief else ""
        if text.strip():
            run(note, " ")
            self._inline.write(note, text.strip(), self._note_links, None)
        number = len(self._first_mark) + 1
        if fid in self._repeated:
            name = f"_Ref{number:09d}"
            mark = self._next_bookmark()
            bookmark(parent, mark, name, end=False)
            self._footnotes.reference(parent, note_id)
            bookmark(parent, mark, name, end=True)
        else:
            name = ""
            self._footnotes.reference(parent, note_id)
        self._first_mark[fid] = (number, name)

    def _next_bookmark(self) -> int:
        self._bookmarks += 1
        return self._bookmarks


def _refs(text: str) -> list[FootnoteRef]:
    return [item for item in parse(text) if isinstance(item, FootnoteRef)]
