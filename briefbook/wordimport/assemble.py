"""The brief put together from a Word document's classified paragraphs.

The document is read in order, the way the brief prints: the cover block, the title,
the contents (which a brief makes afresh, so it only says the brief has one), the key
takeaways up to the first numbered heading, then the sections, each heading opening
a section at its level and the paragraphs, sub-headings and bullets after it making
its body. Footnote marks become ``[^id]`` references to footnotes whose ids are the
ones the export left in the document (:mod:`briefbook.render.docx.unprinted`) while
they still describe the same notes, and otherwise are made from the words before the
mark, as the editor makes them. Word comments become review notes on the words they
covered.

Everything that cannot be placed is said with its place (:class:`ImportRemark`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefbook.languages import language_of
from briefbook.model import KNOWN_KINDS, Address, Brief, Bullet, BulletList, Heading, Meta, Paragraph, Section
from briefbook.model import disclaimer_for as standard_disclaimer
from briefbook.model.structure import footnote_id_from_text
from briefbook.render.typography import as_typed
from briefbook.wordimport.classify import Classifier, Kind
from briefbook.wordimport.markup import Marked, drop_printed, to_markup
from briefbook.wordimport.notes import PendingNote, place_notes
from briefbook.wordimport.package import WordPackage
from briefbook.wordimport.paragraphs import (
    Bookmark,
    CommentEdge,
    NoteCrossRef,
    NoteMark,
    ParagraphReader,
    Table,
    Text,
    WordParagraph,
)

_WEBSITE = re.compile(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?", re.ASCII)


@dataclass(frozen=True)
class ImportRemark:
    """What the import could not place, or did other than the document shows, and where."""

    place: str
    message: str

    def format(self, file: str) -> str:
        return f"{file}: {self.place}: {self.message}"


@dataclass
class _Body:
    """A body being filled: its blocks and how many texts it has (a note's block is counted in them)."""

    address: Address
    blocks: list = field(default_factory=list)
    texts: int = 0
    #: The bullets open at each depth, outermost first.
    open_bullets: list[Bullet] = field(default_factory=list)


class Assembler:
    """Builds one brief from one :class:`WordPackage` (see the module docstring)."""

    def __init__(self, package: WordPackage) -> None:
        self.package = package
        self.brief = Brief(meta=Meta(body="", kind="", original="", website=""))
        self.remarks: list[ImportRemark] = []
        self._pending: list[PendingNote] = []
        self._open_comments: dict[str, PendingNote] = {}
        self._heading = ""
        self._reference_line = ""
        self._body: _Body = _Body(Address.takeaways())
        #: Each body filled, with the section it is of (``None``: the takeaways); set on the model at the end.
        self._bodies: list[tuple[Section | None, _Body]] = [(None, self._body)]
        self._stack: list[Section] = []
        self._section_paths: list[tuple[int, ...]] = []
        self._ids: dict[tuple[bool, str], str] = {}
        self._marks_by_name: dict[str, tuple[bool, str]] = {}
        self._started = False
        self._told: set[str] = set()
        #: A French document prints French typography, which the brief adds on output: taken out as read.
        self._typed = as_typed if package.language().lower().startswith("fr") else None

    # -- the whole document
    def run(self) -> Brief:
        reader = ParagraphReader(self.package, self.package.hyperlink_target)
        items = list(reader.blocks(self.package.body))
        self._name_footnotes([i for i in items if isinstance(i, WordParagraph)])
        classifier = Classifier(typed=self.package.unprinted is None)
        for item in items:
            if isinstance(item, Table):
                self._remark(item.number, f"a table of {item.rows} row{'s' * (item.rows != 1)} "
                             f"(“{item.first_words}…”) was not imported: a brief has no tables", "after paragraph")
                continue
            self._paragraph(item, classifier.kind(item))
        self._finish_meta()
        for owner, body in self._bodies:
            if owner is None:
                self.brief.takeaways = body.blocks
            else:
                owner.body = body.blocks
        self._footnote_texts()
        place_notes(self.brief, self._pending, self.package, self.remarks)
        self._apply_unprinted()
        return self.brief

    def _remark(self, number: int, message: str, place: str = "paragraph") -> None:
        where = f"{place} {number}" + (f" (in “{self._heading}”)" if self._heading else "")
        self.remarks.append(ImportRemark(where, message))

    # -- footnote ids, decided before any text is written
    def _name_footnotes(self, paragraphs: list[WordParagraph]) -> None:
        marks: list[tuple[tuple[bool, str], str]] = []
        for paragraph in paragraphs:
            names: list[str] = []
            before: list[str] = []
            for piece in paragraph.pieces:
                if isinstance(piece, Bookmark):
                    names.append(piece.name)
                elif isinstance(piece, Text):
                    before.append(piece.text)
                    if piece.text.strip():
                        names = []
                elif isinstance(piece, NoteMark):
                    key = (piece.endnote, piece.id)
                    if key not in self._ids:
                        self._ids[key] = ""
                        marks.append((key, "".join(before)))
                    for name in names:
                        self._marks_by_name[name] = key
                    names = []
        known = self.package.unprinted
        printed = sorted((n for n in known.footnotes if n.number), key=lambda n: n.number) if known else []
        use_known = bool(printed) and len(printed) == len(marks)
        if known and printed and not use_known:
            self.remarks.append(ImportRemark("footnotes", "the document's footnotes are not those it was exported "
                                                          "with: their ids are made from the words before each mark"))
        used: set[str] = set()
        for index, (key, words) in enumerate(marks):
            fid = printed[index].id if use_known else footnote_id_from_text(self.brief, words, used=used)
            self._ids[key] = fid
            used.add(fid)
        if any(key[0] for key, _ in marks):
            self.remarks.append(ImportRemark("endnotes", "the document's endnotes were imported as footnotes"))

    def _note_id(self, piece) -> str | None:
        if isinstance(piece, NoteMark):
            return self._ids.get((piece.endnote, piece.id))
        if isinstance(piece, NoteCrossRef):
            key = self._marks_by_name.get(piece.name)
            return self._ids.get(key) if key else None
        return None

    # -- one paragraph
    def _paragraph(self, paragraph: WordParagraph, kind: Kind) -> None:
        for finding in paragraph.findings:
            self._finding(paragraph.number, finding.kind, finding.detail)
        if kind.what in ("skip", "contents"):
            if kind.what == "contents":
                self.brief.meta.toc = True
            self._comments_outside(paragraph, "the contents" if kind.what == "contents" else "a paragraph not imported")
            return
        numbered = paragraph.list_format not in ("", "bullet", "none")
        if kind.what == "bullet" and numbered and "numbered" not in self._told:
            self._told.add("numbered")
            self._remark(paragraph.number, "a numbered list was read as bullets: a brief numbers only its sections")
        pieces = drop_printed(paragraph.pieces, kind.strip) if kind.strip else paragraph.pieces
        typed_bold = kind.what == "heading" and not paragraph.styles[0].casefold().startswith("heading")
        styled = kind.what in ("heading", "subheading", "title", "cover") and self.package.unprinted is None
        if (typed_bold or styled) and _all_bold(pieces):
            pieces = [Text(p.text, False, p.italic, p.href) if isinstance(p, Text) else p for p in pieces]
        marked = to_markup(pieces, self._note_id, line_breaks=kind.what in ("title", "paragraph", "bullet"),
                           typed=self._typed)
        if not marked.text:
            self._comments_outside(paragraph, "an empty paragraph")
            return
        if kind.what == "paragraph" and not self._started and not self.brief.meta.title:
            typed = typed_cover_field(marked.printed, self.brief.meta)
            if typed:
                kind = Kind("cover", field=typed)
        if kind.what == "cover" and not self._started:
            self._cover(kind.field, marked, paragraph.number)
        elif kind.what == "title" and not self._started:
            self.brief.meta.title = f"{self.brief.meta.title}\n{marked.text}" if self.brief.meta.title else marked.text
            self._notes_on(marked, Address.cover("title"), 0)
        elif kind.what == "heading":
            self._started = True
            self._section(kind.level, marked, paragraph.number)
        else:
            if kind.what in ("cover", "title"):  # a cover paragraph after the text began is text
                kind = Kind("paragraph")
            self._started = True
            self._block(kind, marked)

    def _finding(self, number: int, kind: str, detail: str) -> None:
        if kind == "tracked change":
            if "tracked" not in self._told:
                self._told.add("tracked")
                self._remark(number, "the document has tracked changes: they were read as if accepted "
                                     "(accept or reject them in Word first to choose)")
            return
        what = {"picture": "a picture", "text box": "a text box", "equation": "an equation",
                "embedded object": "an embedded object"}.get(kind, kind)
        self._remark(number, f"{what}{f' (“{detail}…”)' if detail else ''} was not imported")

    def _comments_outside(self, paragraph: WordParagraph, where: str) -> None:
        for piece in paragraph.pieces:
            if isinstance(piece, CommentEdge) and not piece.end:
                self._remark(paragraph.number, f"a comment on {where} was not imported")

    # -- the cover
    def _cover(self, name: str, marked: Marked, number: int) -> None:
        """A cover field: plain text, as the cover prints it (only the title holds markup)."""
        meta = self.brief.meta
        if name == "reference":
            self._reference_line = marked.printed
            self._notes_on(marked, Address.cover("reference"), 0)
            return
        current = getattr(meta, name)
        setattr(meta, name, f"{current}\n{marked.printed}" if current else marked.printed)
        self._notes_on(marked, Address.cover(name), 0)

    def _finish_meta(self) -> None:
        meta = self.brief.meta
        lang = self.package.language().lower()
        french_label = "original\u00a0:" in self._reference_line.casefold() or "original :" in \
            self._reference_line.casefold()
        meta.language = "fr" if lang.startswith("fr") or (not lang and french_label) else "en"
        parts = [p.strip() for p in self._reference_line.split("|")] if self._reference_line else []
        rest = []
        for part in parts:
            label = re.match(r"original\s*:\s*", part, re.IGNORECASE)
            if label:
                meta.original = part[label.end():]
            else:
                rest.append(part)
        if rest:
            meta.reference = rest[0]
        if len(rest) > 1:
            meta.issued = " | ".join(rest[1:])
        if meta.disclaimer and meta.disclaimer == standard_disclaimer(meta.kind, language_of(meta.language)):
            meta.disclaimer = ""
        if self.package.unprinted is None:  # not a Briefbook export: what the Assembly's briefs say by default
            defaults = Meta()
            meta.body = meta.body or defaults.body
            meta.kind = meta.kind or defaults.kind
            meta.original = meta.original or defaults.original
        footer = self.package.footer_text()[:2000]  # a website, not a hostile essay
        website = _WEBSITE.search(footer)
        meta.website = website.group(0) if website else ("" if footer else Meta().website)
        if not self._started and not meta.title and not self.brief.sections:
            self.remarks.append(ImportRemark("document", "no title and no text were found"))

    # -- sections and bodies
    def _section(self, level: int, marked: Marked, number: int) -> None:
        depth = min(level, len(self._stack) + 1)
        if depth != level:
            self._remark(number, f"a level-{level} heading with no level-{level - 1} heading before it "
                                 f"was read as level {depth}")
        del self._stack[depth - 1:]
        section = Section(marked.text)
        if self._stack:
            parent = self._stack[-1]
            parent.sections.append(section)
            path = self._path_of(depth - 1) + (len(parent.sections) - 1,)
        else:
            self.brief.sections.append(section)
            path = (len(self.brief.sections) - 1,)
        self._stack.append(section)
        del self._section_paths[depth - 1:]
        self._section_paths.append(path)
        self._body = _Body(Address.section(*path).body)
        self._bodies.append((section, self._body))
        self._heading = marked.printed[:60]
        self._notes_on(marked, Address.section(*path).title, 0)

    def _path_of(self, depth: int) -> tuple[int, ...]:
        return self._section_paths[depth - 1]

    def _block(self, kind: Kind, marked: Marked) -> None:
        body = self._body
        index = body.texts
        body.texts += 1
        if kind.what == "bullet":
            depth = min(kind.level, len(body.open_bullets) + 1)
            bullet = Bullet(marked.text)
            if depth == 1:
                if not body.blocks or not isinstance(body.blocks[-1], BulletList):
                    body.blocks.append(BulletList([]))
                body.blocks[-1].items.append(bullet)
            else:
                body.open_bullets[depth - 2].children.append(bullet)
            del body.open_bullets[depth - 1:]
            body.open_bullets.append(bullet)
        else:
            body.open_bullets = []
            body.blocks.append(Heading(marked.text) if kind.what == "subheading" else Paragraph(marked.text))
        self._notes_on(marked, body.address, index)

    # -- notes and footnotes
    def _notes_on(self, marked: Marked, address: Address, block: int) -> None:
        for cid in marked.ended:
            pending = self._open_comments.pop(cid, None)
            if pending is not None:
                pending.end = len(pending.printed)
        for cid, (start, end) in marked.comments.items():
            on_marks = marked.marks.get(cid)
            if on_marks and end == start:  # a comment on a footnote's mark: a note on the footnote
                self._pending.append(PendingNote(cid, Address.footnotes(on_marks[0]), 0, "", 0, 0, on_mark=True))
                continue
            pending = PendingNote(cid, address, block, marked.printed, start or 0, end)
            self._pending.append(pending)
            if end is None:
                self._open_comments[cid] = pending
                pending.end = len(marked.printed)

    def _footnote_texts(self) -> None:
        notes = {**{(False, k): v for k, v in self.package.footnotes.items()},
                 **{(True, k): v for k, v in self.package.endnotes.items()}}
        reader = ParagraphReader(self.package, self.package.footnote_hyperlink_target)
        for key, fid in self._ids.items():
            element = notes.get(key)
            if element is None:
                self.brief.footnotes[fid] = ""
                continue
            texts = []
            for item in reader.blocks(element):
                if isinstance(item, Table):
                    self.remarks.append(ImportRemark(f"footnote {fid}", "a table in it was not imported"))
                    continue
                marked = to_markup(item.pieces, self._note_id, line_breaks=False, typed=self._typed)
                if marked.text:
                    self._notes_on(marked, Address.footnotes(fid), 0)
                    texts.append(marked.text)
            self.brief.footnotes[fid] = " ".join(texts)

    def _apply_unprinted(self) -> None:
        known = self.package.unprinted
        if known is None:
            return
        self.brief.sources = list(known.sources)
        self.brief.words = list(known.words)
        self.brief.budget = known.budget
        for path, budget in known.section_budgets.items():
            section = _section_at(self.brief, path)
            if section is not None:
                section.budget = budget
        # The file's order of footnotes, and those nothing refers to (they do not print).
        printed = dict(self.brief.footnotes)
        ordered: dict[str, str] = {}
        for note in known.footnotes:
            if note.number and note.id in printed:
                ordered[note.id] = printed.pop(note.id)
            elif not note.number and note.id not in printed:
                ordered[note.id] = note.text
        ordered.update(printed)
        self.brief.footnotes = ordered


def _all_bold(pieces: list) -> bool:
    """Whether every printed word is bold: a heading made bold by hand, whose bold is its look, not emphasis.

    Not asked of a Briefbook export, whose bold is always the analyst's.
    """
    texts = [p for p in pieces if isinstance(p, Text) and p.text.strip()]
    return bool(texts) and all(p.bold for p in texts)


_DATES = re.compile(r"\d{1,2}(?:\s*[-–]\s*\d{1,2})?(?:\s+\w+)?\s+\d{4}|\w+\s+\d{1,2}(?:\s*[-–]\s*\d{1,2})?,\s+\d{4}")
_DISCLAIMERS = ("presented for information only", "présenté pour information")


def typed_cover_field(text: str, meta: Meta) -> str:
    """The cover field a paragraph typed in *Normal* style before the title is, by what it says; ``""`` if none.

    A brief typed without the template still has the Assembly's cover block, in its
    order: the Assembly's name, the event in capitals, its dates, the kind of document,
    the reference line (``… | Original: … | …``) and the disclaimer.
    """
    folded = " ".join(text.split()).casefold()
    if folded in ("nato parliamentary assembly", "assemblée parlementaire de l'otan"):
        return "body"
    if "|" in text and re.search(r"original\s*:", folded):
        return "reference"
    if folded in {kind.casefold() for kind in KNOWN_KINDS} or folded in _FRENCH_KINDS:
        return "kind"
    if any(words in folded for words in _DISCLAIMERS):
        return "disclaimer"
    if _DATES.fullmatch(text.strip()) and not meta.dates:
        return "dates"
    if not meta.event and not meta.kind and text.upper() == text and any(c.isalpha() for c in text) and len(text) < 200:
        return "event"
    return ""


_FRENCH_KINDS = {"note de synthèse", "document d'information", "rapport", "document de référence"}


def _section_at(brief: Brief, path: tuple[int, ...]) -> Section | None:
    sections = brief.sections
    section = None
    for index in path:
        if not 0 <= index < len(sections):
            return None
        section = sections[index]
        sections = section.sections
    return section


__all__ = ["Assembler", "ImportRemark"]
