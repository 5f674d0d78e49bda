"""The one walk through a brief that every renderer draws from.

A brief becomes a flat stream of :class:`RenderBlock` — one per printed paragraph, in
print order: the cover fields, the title, the key takeaways, the contents, each section's
heading and body, the footnotes, the footer. Each block already carries every decision
the output formats must agree on: its :class:`~briefbook.render.styles.Role`, its model
:class:`~briefbook.model.Address`, its printed number (``I.``, ``A.``, ``1.``), its level
(clamped to the three the house style has), and its inline runs with every footnote mark
numbered. The DOCX writer and the HTML preview only say how a block looks in their
format; neither traverses the brief, numbers anything or decides what prints — so they
cannot disagree, in the manner of pandoc's single document tree or novelWriter's
tokenizer.

Decided here and nowhere else:

- the order of the parts, and that the contents appear only when asked for and there
  is a section to list (:func:`parts`);
- which text prints: text is printed stripped, and a paragraph, sub-heading, bullet,
  title, cover field or footer whose text is empty, or whose markup prints nothing (an
  empty link, ``** **``), prints nothing — in the export and in the preview alike. A
  section heading always prints, because it carries a number;
  the bullets under an empty bullet print at their own depth;
- section numbers (:func:`briefbook.model.section_label`) and level clamping;
- footnote numbers (:func:`briefbook.model.number_footnotes`, first reference first),
  and that a footnote text cannot itself hold a footnote mark (Word has no notes of
  notes), so marks inside footnote texts are left out;
- the title of the contents (:func:`contents_title`, from the languages table), and the
  cover's reference line and disclaimer in the words of the version's language.

The stream is made part by part (:class:`Part`) so that the preview can walk one
section alone after a keystroke, with the footnote numbers it already knows. A book of
briefs walks each brief in turn: :func:`walk` takes one brief and numbers its notes
from 1, as each brief of a book prints its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache

from briefbook.markup import FootnoteRef, Run, footnote_refs, parse, plain_text
from briefbook.model import (
    MAX_LEVEL,
    Address,
    Block,
    Brief,
    Bullet,
    BulletList,
    Heading,
    Note,
    Paragraph,
    Section,
    footnote_numbers,
    iter_sections,
    note_text_address,
    section_label,
)
from briefbook.render.styles import BULLET_ROLES, HEADING_ROLES, Role


def contents_title(language: str) -> str:
    """The heading of the table of contents of a version in ``language`` (the languages table's)."""
    from briefbook.languages import language_of

    return language_of(language).contents

#: The cover block's fields in print order: role and ``meta`` field.
COVER_FIELDS = ((Role.COVER_BODY, "body"), (Role.COVER_EVENT, "event"), (Role.COVER_DATES, "dates"),
                (Role.COVER_KIND, "kind"), (Role.COVER_REFERENCE, "reference"),
                (Role.COVER_DISCLAIMER, "disclaimer"))

_TOC_ROLES = (Role.TOC_1, Role.TOC_2, Role.TOC_3)
assert len(HEADING_ROLES) == len(BULLET_ROLES) == len(_TOC_ROLES) == MAX_LEVEL, "one style per level"


#: Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms):
#: a quick look before the exact test, so a brief in English or French costs one search per run.
RTL_LETTERS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def right_to_left(text: str) -> bool:
    """Whether ``text`` reads right to left: its first strongly directional letter is Hebrew or Arabic."""
    if RTL_LETTERS.search(text) is None:
        return False
    import unicodedata

    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False



@dataclass(frozen=True, slots=True)
class NoteMark:
    """A footnote mark in running text, or the number a footnote text prints with."""

    id: str
    #: The printed number; 0 only where the caller's numbers do not know the id.
    number: int


#: What a block's text is made of: runs of text as :mod:`briefbook.markup` parses them, and marks.
Inline = Run | NoteMark

#: A reviewer's note on a block: where its words start and end in the block's printed
#: text (the coordinates of the runs' spans), and the note.
NoteSpan = tuple[int, int, Note]


@dataclass(frozen=True, slots=True)
class NoteEdge:
    """Where a reviewer's note's words start, or end, between two runs (see :func:`cut_at_notes`)."""

    note: Note
    end: bool


@dataclass(frozen=True, slots=True)
class RenderBlock:
    """One printed paragraph, with everything both outputs need to draw it alike."""

    role: Role
    #: The model place the text comes from (a TOC entry: the title of the section it lists).
    address: Address
    runs: tuple[Inline, ...] = ()
    #: A heading's or TOC entry's printed number, ``I.``, ``A.``, ``1.``.
    label: str = ""
    #: A heading's or TOC entry's section level, a bullet's depth; clamped to the house style's three.
    level: int = 0
    #: A footnote text: the note it is the text of.
    note: NoteMark | None = None
    #: A footnote referenced but never written (the checks report it); its ``runs`` are empty.
    missing: bool = False
    #: Reviewers' notes on the block's words, in the order they were written.
    notes: tuple[NoteSpan, ...] = ()

    @property
    def text(self) -> str:
        """The block's text without formatting or marks."""
        return "".join(run.text for run in self.runs if isinstance(run, Run))


class PartKind(StrEnum):
    """What a part of the brief is; each kind is walked its own way (:func:`walk_part`)."""

    COVER = "cover"
    TITLE = "title"
    TAKEAWAYS = "takeaways"
    CONTENTS = "contents"
    SECTION = "section"
    FOOTNOTES = "footnotes"
    FOOTER = "footer"


@dataclass(frozen=True, slots=True)
class Part:
    """A stretch of the stream that can be walked alone: the cover, a section (heading and body), …"""

    kind: PartKind
    address: Address
    #: For a section: the section, its level (unclamped) and printed number.
    section: Section | None = None
    level: int = 0
    label: str = ""


@cache
def _label(level: int, number: int) -> str:
    """:func:`briefbook.model.section_label`, remembered: the preview asks for one on every keystroke."""
    return section_label(level, number)


def section_part(address: Address, section: Section) -> Part:
    """The part of the section at ``address``."""
    level = address.level
    return Part(PartKind.SECTION, address, section, level, _label(level, address.index + 1))


def parts(brief: Brief) -> list[Part]:
    """The brief's parts in print order."""
    out = [Part(PartKind.COVER, Address.cover()), Part(PartKind.TITLE, Address.cover("title")),
           Part(PartKind.TAKEAWAYS, Address.takeaways())]
    if brief.meta.toc and brief.sections:
        out.append(Part(PartKind.CONTENTS, Address.cover("toc")))
    out.extend(Part(PartKind.SECTION, Address(entry.path), entry.section, entry.level, entry.label)
               for entry in iter_sections(brief))
    out.append(Part(PartKind.FOOTNOTES, Address.footnotes()))
    out.append(Part(PartKind.FOOTER, Address.cover("website")))
    return out


def part_at(brief: Brief, address: Address) -> Part | None:
    """The body part (the takeaways or a section) that holds ``address``, or ``None`` for any other place."""
    owner = Address.of(address).owner
    if owner.area == "takeaways":
        return Part(PartKind.TAKEAWAYS, owner)
    if not owner.is_section:
        return None
    section = owner.resolve(brief)
    return section_part(owner, section) if isinstance(section, Section) else None


def walk(brief: Brief) -> Iterator[RenderBlock]:
    """The whole brief as blocks, in print order."""
    numbers = footnote_numbers(brief)
    for part in parts(brief):
        yield from walk_part(brief, part, numbers)


def walk_part(brief: Brief, part: Part, numbers: dict[str, int]) -> Iterator[RenderBlock]:
    """The blocks of one part, with the notes on their words; ``numbers`` are the brief's footnote numbers.

    A French version prints in French typography (:mod:`briefbook.render.typography`).
    """
    yield from typeset(brief, _noted_blocks(brief, part, numbers))


def typeset(brief: Brief, blocks: Iterable[RenderBlock]) -> Iterator[RenderBlock]:
    """``blocks`` in the brief's typography: a French version's runs in French typography."""
    if brief.meta.language != "fr":
        yield from blocks
        return
    from briefbook.render.typography import french

    for block in blocks:
        runs = french(block.runs)
        yield block if runs is block.runs else replace(block, runs=runs)


def _noted_blocks(brief: Brief, part: Part, numbers: dict[str, int]) -> Iterator[RenderBlock]:
    on = _part_notes(brief, part)
    if not on:
        yield from _blocks_of(brief, part, numbers)
        return
    from briefbook.notes import block_spans

    spans = block_spans(brief, on)
    for block in _blocks_of(brief, part, numbers):
        found = spans.get(block.address)
        if part.kind is PartKind.COVER and block.address == Address.cover("reference"):
            whole = len(block.text)  # the reference line holds the reference, the original and the date
            found = [*(found or ()), *((0, whole, note) for address, note in on if address.field in _LINE_FIELDS)]
        yield replace(block, notes=tuple(found)) if found else block


#: The cover fields printed within the reference line; a note on one is on the whole line.
_LINE_FIELDS = ("original", "issued")


def _part_notes(brief: Brief, part: Part) -> list[tuple[Address, Note]]:
    """The notes on the texts of a part, each with its text's address."""
    kind = part.kind
    if kind is PartKind.SECTION:
        assert part.section is not None
        return [(note_text_address(part.address, note), note) for note in part.section.notes]
    if not brief.notes or kind in (PartKind.CONTENTS, PartKind.FOOTER):
        return []
    top = Address(())
    mine = [(note_text_address(top, note), note) for note in brief.notes]
    if kind is PartKind.TAKEAWAYS:
        return [(a, n) for a, n in mine if a.area == "takeaways"]
    if kind is PartKind.TITLE:
        return [(a, n) for a, n in mine if a == ("meta", "title")]
    if kind is PartKind.COVER:
        return [(a, n) for a, n in mine if a.area == "meta" and a.field not in ("title", "website")]
    return [(a, n) for a, n in mine if a.area == "footnotes"]


def cut_at_notes(block: RenderBlock) -> tuple[Inline | NoteEdge, ...]:
    """The block's runs, cut where its notes' words start and end, with a :class:`NoteEdge` there.

    A run is cut only where its printed characters stand one for one for its source (a
    run holding an escape is not: the edges go round it). A note's end that falls where
    a run ends closes right after that run, before a footnote mark that follows it.
    """
    if not block.notes:
        return block.runs
    events = sorted([(start, 1, note) for start, _, note in block.notes]
                    + [(end, 0, note) for _, end, note in block.notes], key=lambda e: (e[0], -e[1]))
    pending = list(reversed(events))
    out: list[Inline | NoteEdge] = []
    for item in block.runs:
        if not isinstance(item, Run):
            out.append(item)
            continue
        start, end = (0, len(item.text)) if item.start == item.end == 0 else (item.start, item.end)
        if end - start != len(item.text):
            while pending and pending[-1][0] <= start:
                _, kind, note = pending.pop()
                out.append(NoteEdge(note, end=kind == 0))
            out.append(item)
            continue
        piece = start
        while pending and (pending[-1][0] < end or (pending[-1][0] == end and pending[-1][1] == 0)):
            at = min(max(pending[-1][0], start), end)
            if at > piece:
                out.append(item.replace(text=item.text[piece - start:at - start], start=piece, end=at))
                piece = at
            _, kind, note = pending.pop()
            out.append(NoteEdge(note, end=kind == 0))
        if piece < end or not item.text:
            out.append(item.replace(text=item.text[piece - start:], start=piece, end=end) if piece > start else item)
    out.extend(NoteEdge(note, end=kind == 0) for _, kind, note in reversed(pending))
    return tuple(out)


def _blocks_of(brief: Brief, part: Part, numbers: dict[str, int]) -> Iterator[RenderBlock]:
    """The blocks of one part as they print, before notes are attached."""
    kind, meta = part.kind, brief.meta
    if kind is PartKind.SECTION:
        section = part.section
        assert section is not None
        yield section_heading(part, numbers)
        yield from walk_body(section.body, part.address.child("body"), numbers)
    elif kind is PartKind.TAKEAWAYS:
        yield from walk_body(brief.takeaways, part.address, numbers)
    elif kind is PartKind.COVER:
        from briefbook.languages import language_of

        language = language_of(meta.language)
        texts = {"reference": meta.reference_line(language), "disclaimer": meta.effective_disclaimer(language)}
        for role, field in COVER_FIELDS:
            text = texts.get(field, getattr(meta, field)).strip()
            if text:
                yield RenderBlock(role, Address.cover(field), (Run(text),))
    elif kind is PartKind.TITLE:
        text = meta.title.strip()
        runs = inline(text, numbers) if text else ()
        if _shows(runs):
            yield RenderBlock(Role.TITLE, part.address, runs)
    elif kind is PartKind.CONTENTS:
        yield from _contents(brief, part.address)
    elif kind is PartKind.FOOTNOTES:
        for fid, number in numbers.items():
            text = brief.footnotes.get(fid)
            runs = () if text is None else tuple(r for r in _no_empty_links(text, parse(text.strip()))
                                                  if isinstance(r, Run))
            yield RenderBlock(Role.FOOTNOTE_TEXT, Address.footnotes(fid), runs, note=NoteMark(fid, number),
                              missing=text is None)
    elif kind is PartKind.FOOTER:
        text = meta.website.strip()
        if text:
            yield RenderBlock(Role.FOOTER, part.address, (Run(text),))


def _contents(brief: Brief, address: Address) -> Iterator[RenderBlock]:
    yield RenderBlock(Role.TOC_HEADING, address, (Run(contents_title(brief.meta.language)),))
    for entry in iter_sections(brief):
        level = min(entry.level, MAX_LEVEL)
        title = " ".join(plain_text(entry.section.title).split())
        yield RenderBlock(_TOC_ROLES[level - 1], Address(entry.path).child("title"), (Run(title),) if title else (),
                          entry.label, level)


def section_heading(part: Part, numbers: dict[str, int]) -> RenderBlock:
    """A section part's heading block, before notes and typography (see :func:`walk_part`)."""
    assert part.section is not None
    level = min(part.level, MAX_LEVEL)
    return RenderBlock(HEADING_ROLES[level - 1], part.address.child("title"),
                       inline(part.section.title.strip(), numbers), part.label, level)


def walk_body(blocks: list[Block], address: Address, numbers: dict[str, int]) -> Iterator[RenderBlock]:
    """The blocks of a body (the takeaways or a section's) at ``address``."""
    for index, block in enumerate(blocks):
        kind = type(block)
        if kind is BulletList:
            yield from _bullets(block.items, address.child(index, "bullets"), 1, numbers)  # type: ignore[union-attr]
            continue
        text = block.text.strip()  # type: ignore[union-attr]
        runs = inline(text, numbers) if text else ()
        if _shows(runs):
            yield RenderBlock(Role.SUBHEADING if kind is Heading else Role.BODY, address.child(index), runs)


def _bullets(items: list[Bullet], address: Address, depth: int, numbers: dict[str, int]) -> Iterator[RenderBlock]:
    level = min(depth, MAX_LEVEL)
    role = BULLET_ROLES[level - 1]
    for index, bullet in enumerate(items):
        text = bullet.text.strip()
        runs = inline(text, numbers) if text else ()
        if _shows(runs):
            yield RenderBlock(role, address.child(index), runs, level=level)
        if bullet.children:
            yield from _bullets(bullet.children, address.child(index, "children"), depth + 1, numbers)


def _no_empty_links(text: str, items: tuple) -> tuple:
    """``items`` with ``[text]()`` (an address not typed yet) printing as its text, not as a link to nowhere."""
    if "](" in text and any(type(item) is Run and item.href == "" for item in items):
        return tuple(item.replace(href=None) if type(item) is Run and item.href == "" else item for item in items)
    return items


def _shows(runs: tuple[Inline, ...]) -> bool:
    """Whether the runs print anything: a footnote mark, or a run with more than spaces."""
    return any(type(item) is not Run or item.text.strip() for item in runs)


def inline(text: str, numbers: dict[str, int]) -> tuple[Inline, ...]:
    """Marked-up text as runs, its footnote marks numbered."""
    items = _no_empty_links(text, parse(text))
    if "[^" not in text:
        return items  # type: ignore[return-value]
    return tuple(NoteMark(item.id, numbers.get(item.id, 0)) if isinstance(item, FootnoteRef) else item
                 for item in items)


# --------------------------------------------------------------------------- references


def _text_refs(text: str) -> Iterator[str]:
    if "[^" in text:
        for ref in footnote_refs(text):
            yield ref.id


def _bullet_refs(items: list[Bullet]) -> Iterator[str]:
    for bullet in items:
        yield from _text_refs(bullet.text)
        if bullet.children:
            yield from _bullet_refs(bullet.children)


def body_refs(blocks: Iterable[Block]) -> Iterator[str]:
    """The footnote ids a body's blocks cite, in order."""
    for block in blocks:
        if type(block) is BulletList:
            yield from _bullet_refs(block.items)  # type: ignore[union-attr]
        elif type(block) in (Paragraph, Heading):
            yield from _text_refs(block.text)  # type: ignore[union-attr]


def part_refs(brief: Brief, part: Part) -> tuple[str, ...]:
    """The footnote ids a part cites, in order: what its blocks' marks will be numbered from.

    The walk of the whole brief numbers from :func:`briefbook.model.footnote_numbers`;
    a renderer that keeps unchanged parts passes the parts' references, in :func:`parts`
    order, to :func:`briefbook.model.number_footnotes` instead — the same numbers.
    """
    if part.kind is PartKind.SECTION:
        assert part.section is not None
        return (*_text_refs(part.section.title), *body_refs(part.section.body))
    if part.kind is PartKind.TAKEAWAYS:
        return tuple(body_refs(brief.takeaways))
    if part.kind is PartKind.TITLE:
        return tuple(_text_refs(brief.meta.title))
    return ()


__all__ = ["COVER_FIELDS", "RTL_LETTERS", "Inline", "NoteEdge", "NoteMark", "NoteSpan", "Part",
           "PartKind", "RenderBlock", "body_refs", "contents_title", "cut_at_notes", "inline", "part_at", "part_refs",
           "parts", "right_to_left", "section_heading", "section_part", "typeset", "walk", "walk_body", "walk_part"]
