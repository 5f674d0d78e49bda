"""Words, characters and an estimated page count of a brief, counted on what prints.

One count serves the status bar, the outline, ``briefbook check --stats`` and the
budget checks (:mod:`briefbook.checks`), so they cannot disagree. It is taken on the
blocks of the one render walk (:mod:`briefbook.render.walk`), whose runs come from the
one inline parser: markup is never counted and footnote marks, which the walk keeps
apart from the runs, are left out.

- **Words and characters** are those of the *body text*: the paragraphs and bullets of
  the key takeaways and of the sections. Section titles and their numbers, unnumbered
  sub-headings, the cover, the title and the contents are not body text and are not
  counted. Footnote texts are counted apart (:attr:`Totals.footnotes`) and are not in
  the body's words, as the Assembly's length limits go. A word is a stretch between
  spaces holding a letter or a digit (a lone dash is no word), which is near enough
  Word's rule; characters are the printed ones, spaces included, line breaks not.
- **Pages** are estimated from the height each printed block takes: the export's
  page size and margins, and each style's font size, line spacing, spacing before and
  after and indents, all read from the template (:mod:`briefbook.render.template`),
  with the width of an average character of the font as set in text, and the space
  between two paragraphs taken as the larger of the two spaces, as LibreOffice lays the
  export out. The constants below were calibrated on the sample brief, whose export
  LibreOffice prints on 5 pages: the estimate says 5, and 40 and 383 pages for the
  benchmark's ×10 and ×100 briefs, which LibreOffice prints on 40 and 390 pages (see
  ``tests/test_counts.py``); a brief of plain paragraphs, 39 for 39. The brief's
  pages count everything that prints — cover, headings, contents, footnotes — and are
  rounded up, as a printed page is whole; a section's pages are its heading's and its
  body's share of a page, sub-sections included, to a tenth.
- A section's count includes its sub-sections: a budget for section II is one for all of II.

Counting is cheap after the first time: :class:`BriefCounts` remembers each section's
count until told that it changed, so a keystroke costs a count of the section typed in.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from briefbook.markup import Run, parse, plain_text
from briefbook.model import Address, Brief, Section
from briefbook.model.blocks import blocks_value
from briefbook.model.outline import SectionEntry, iter_sections
from briefbook.render.styles import BULLET_ROLES, Role
from briefbook.render.template import TemplateError, TextStyle, default_template, template_styles
from briefbook.render.walk import (
    NoteMark,
    Part,
    PartKind,
    RenderBlock,
    contents_title,
    section_heading,
    section_part,
    typeset,
    walk_body,
    walk_part,
)

#: The roles whose words are the body text.
BODY_ROLES = frozenset((Role.BODY, *BULLET_ROLES))

#: Width of an average character of text, in ems of the font size, as lines break in a
#: justified paragraph: Arial's (and Liberation Sans') average over English prose is
#: 0.447 em regular and 0.482 em bold; a line breaks before the word that does not fit,
#: so about half a word per line is left blank, about 3 per cent of a line.
EM_REGULAR = 0.46
EM_BOLD = 0.50
#: Text in capitals (level-1 titles, the title) is wider.
EM_CAPITALS = 0.64
#: A single line's height in ems, as LibreOffice sets Arial (Liberation Sans): 13.9 points at 11 points, 110 %.
LINE_EMS = 1.15
#: The space after the paragraph before a part (a section's heading follows a bullet or a
#: paragraph, whose spaces after are 5 and 8 points in the house style).
PREVIOUS_AFTER = 6.0

#: Used when the template cannot be read: A4 with 2.5 cm margins, Arial 11 pt.
_FALLBACK_WIDTH, _FALLBACK_HEIGHT = 453.5, 700.1
_FALLBACK_LOOK = TextStyle(font="Arial", size=11.0, line_factor=1.1, space_after=8.0)

_WORD_CHARACTER = re.compile(r"\w")
_TOC_ROLES = (Role.TOC_1, Role.TOC_2, Role.TOC_3)
#: The parts around the body, counted for the pages only.
_FURNITURE = (Part(PartKind.COVER, Address.cover()), Part(PartKind.TITLE, Address.cover("title")),
              Part(PartKind.FOOTER, Address.cover("website")))


def count_text(text: str) -> tuple[int, int]:
    """Words and characters of printed text (see the module docstring); linear in the text."""
    words = sum(1 for token in text.split() if _WORD_CHARACTER.search(token))
    return words, len(text) - text.count("\n")


@dataclass(frozen=True, slots=True)
class Count:
    """Words and characters of body text, and the height the printed blocks take on the page."""

    words: int = 0
    characters: int = 0
    #: Points of a page's text height.
    height: float = 0.0

    def __add__(self, other: Count) -> Count:
        return Count(self.words + other.words, self.characters + other.characters, self.height + other.height)

    def __sub__(self, other: Count) -> Count:
        return Count(self.words - other.words, self.characters - other.characters, self.height - other.height)


@dataclass(frozen=True)
class PageMetrics:
    """What the page estimate reads from the template: the text area and each role's look."""

    #: Width and height of the page's text area, in points (page less margins).
    text_width: float
    text_height: float
    looks: Mapping[Role, TextStyle]

    def look(self, block: RenderBlock) -> TextStyle:
        return self.looks.get(block.role) or self.looks.get(Role.BODY) or _FALLBACK_LOOK

    def block_height(self, block: RenderBlock, after_previous: float = PREVIOUS_AFTER) -> float:
        """The points of page height a printed block takes: its lines and the spacing around it.

        The space between two paragraphs is the larger of the first's space after and the
        second's space before, as LibreOffice lays the export out; ``after_previous`` is the
        space after the block printed before this one.
        """
        look = self.look(block)
        size = look.size or 11.0
        line = look.line_points or size * (look.line_factor or 1.0) * LINE_EMS
        width = max(self.text_width - look.indent_left - look.indent_right, size * 10)
        text = block.text
        if look.caps or text.isupper():
            ems = len(text) * EM_CAPITALS
        elif look.bold:
            ems = len(text) * EM_BOLD
        else:
            bold = sum(len(run.text) for run in block.runs if isinstance(run, Run) and run.bold)
            ems = (len(text) - bold) * EM_REGULAR + bold * EM_BOLD
        if "\n" in text:  # a line break in a title or a cover field: each line breaks on its own
            per_character = ems / max(len(text), 1)
            lines = sum(max(1, math.ceil(len(piece) * per_character * size / width)) for piece in text.split("\n"))
        else:
            lines = max(1, math.ceil(ems * size / width))
        return lines * line + max(look.space_before - after_previous, 0.0) + look.space_after

    def pages(self, height: float) -> float:
        """How many pages ``height`` points of printed blocks fill."""
        return height / self.text_height


def _metrics_from(styles) -> PageMetrics:
    box = styles.page_box
    if box is None:
        return PageMetrics(_FALLBACK_WIDTH, _FALLBACK_HEIGHT, styles.looks)
    return PageMetrics(box.text_width, box.text_height, styles.looks)


def page_metrics(template: str | Path | None = None) -> PageMetrics:
    """The page estimate's measures for ``template`` (the shipped one by default); read once per template.

    A template that cannot be read gives A4 and Arial 11 pt rather than no count: the
    export will say what is wrong with it.
    """
    try:
        return template_styles(template or default_template()).derived(_metrics_from)
    except TemplateError:
        return PageMetrics(_FALLBACK_WIDTH, _FALLBACK_HEIGHT, {})


def count_blocks(blocks: Iterable[RenderBlock], metrics: PageMetrics) -> Count:
    """Words and characters of the body text among ``blocks``, and the height of them all."""
    words = characters = 0
    height = 0.0
    after = PREVIOUS_AFTER
    for block in blocks:
        if block.role in BODY_ROLES:
            w, c = count_text(block.text)
            words += w
            characters += c
        height += metrics.block_height(block, after)
        after = metrics.look(block).space_after
    return Count(words, characters, height)


def count_footnote(text: str, metrics: PageMetrics) -> Count:
    """A footnote text's words, characters and height (its number printed before it)."""
    runs = tuple(r for r in parse(text.strip()) if isinstance(r, Run))
    block = RenderBlock(Role.FOOTNOTE_TEXT, Address.footnotes(), runs, note=NoteMark("", 0))
    words, characters = count_text(block.text)
    return Count(words, characters, metrics.block_height(block))


@dataclass(frozen=True)
class SectionCount:
    """A section's place in the outline and its count, sub-sections included."""

    entry: SectionEntry
    count: Count

    @property
    def address(self) -> Address:
        return Address(self.entry.path)


@dataclass(frozen=True)
class Totals:
    """The whole brief: its body text, its footnotes apart, and everything printed for the pages."""

    #: The takeaways and the sections (height: of them alone).
    body: Count
    footnotes: Count
    #: Points of page height of everything that prints (cover, headings, contents, footnotes).
    height: float
    #: The estimated number of printed pages, rounded up.
    pages: int


class BriefCounts:
    """Counts of one brief, each part's remembered until :meth:`forget` says it changed.

    A section's own count (its heading and body) is kept with the section object and its
    level, and the sums over all sections are kept as they go, so after a keystroke the
    whole brief's count costs a count of the section typed in, plus the cover's and the
    footnotes' few lines. The document tells which value changed after each command; the
    window passes that on to :meth:`forget`. A structural change (sections added, moved,
    undone: the brief's sections are new objects then) forgets everything, and the first
    count of a long brief can be taken a little at a time (:meth:`advance`).
    """

    def __init__(self, metrics: PageMetrics | None = None) -> None:
        self._metrics = metrics
        self.forget()

    @property
    def metrics(self) -> PageMetrics:
        if self._metrics is None:
            self._metrics = page_metrics()
        return self._metrics

    def forget(self, brief: Brief | None = None, address: Address | None = None) -> None:
        """The value at ``address`` of ``brief`` changed (no address: anything may have): count its part again."""
        if address is None or brief is None or not address:
            #: id(section) → (the section, its level, its own count, its contents line's height)
            self._sections: dict[int, tuple[Section, int, Count, float]] = {}
            self._own_sum = Count()
            self._contents_sum = 0.0
            self._pending: Iterator[SectionEntry] | None = None
            self._all_counted = False
            self._stale: dict[Address, None] = {}
            self._takeaways: Count | None = None
            self._footnotes: dict[str, tuple[str, Count]] = {}
            #: id(section) → each of its body blocks' share of its count, by what the block is made of
            self._blocks: dict[int, dict[tuple, tuple[int, int, tuple[float, ...], float]]] = {}
            return
        address = Address.of(address)
        if address.area == "takeaways":
            self._takeaways = None
        elif address.in_section:
            where = address.section_address
            assert where is not None
            known = self._sections.pop(id(where.resolve(brief)), None)
            if known is not None:
                self._own_sum = self._own_sum - known[2]
                self._contents_sum -= known[3]
            self._stale[where] = None
        # the cover's few lines are counted afresh each time; footnotes are kept with their text

    # -- counting, a part at a time ----------------------------------------------------------------
    def advance(self, brief: Brief, seconds: float) -> bool:
        """Count sections not counted yet for about ``seconds``; ``True`` once every part is counted."""
        if not self._all_counted:
            if self._pending is None:
                self._pending = iter_sections(brief)
            deadline = time.perf_counter() + seconds
            for entry in self._pending:
                self._own(brief, Address(entry.path), entry.section, entry.level)
                if time.perf_counter() > deadline:
                    return False
            self._pending = None
            self._all_counted = True
        while self._stale:
            where = next(iter(self._stale))
            del self._stale[where]
            section = where.resolve(brief)
            if isinstance(section, Section):
                self._own(brief, where, section, where.level)
        return True

    @property
    def complete(self) -> bool:
        """Whether every section's count is known (after :meth:`advance` returned ``True``, until a change)."""
        return self._all_counted and not self._stale

    def _own(self, brief: Brief, address: Address, section: Section, level: int) -> tuple[Count, float]:
        """A section's heading and body (not its sub-sections), and its line in the contents."""
        known = self._sections.get(id(section))
        if known is not None and known[0] is section and known[1] == level:
            return known[2], known[3]
        if known is not None:  # another object where a forgotten one was, or a new level
            self._own_sum = self._own_sum - known[2]
            self._contents_sum -= known[3]
        own = self._count_section(brief, address, section)
        title = _plain_title(section)
        entry = RenderBlock(_TOC_ROLES[min(level, len(_TOC_ROLES)) - 1], address.child("title"),
                            (Run(title),) if title else ())
        contents = self.metrics.block_height(entry)
        self._sections[id(section)] = (section, level, own, contents)
        self._own_sum = self._own_sum + own
        self._contents_sum += contents
        return own, contents

    def _count_section(self, brief: Brief, address: Address, section: Section) -> Count:
        """``count_blocks`` of the section's part, each body block's share remembered with what it
        was made from: typing into a section of thousands of lines (a whole report pasted into
        one) recounts the block typed in, not the section, which took 0.1–0.2 s of one turn."""
        metrics = self.metrics
        part = section_part(address, section)
        heading = next(typeset(brief, [section_heading(part, {})]))
        words = characters = 0
        height = metrics.block_height(heading, PREVIOUS_AFTER)
        after = metrics.look(heading).space_after
        french = brief.meta.language == "fr"
        known = self._blocks.get(id(section), {})
        kept: dict[tuple, tuple[int, int, tuple[float, ...], float]] = {}
        body = address.child("body")
        for block, value in zip(section.body, blocks_value(section.body), strict=True):
            key = (after, french, value)
            found = kept.get(key) or known.get(key)
            if found is None:
                found = _count_body_block(brief, block, body, after, metrics)
            kept[key] = found
            words += found[0]
            characters += found[1]
            for share in found[2]:  # added one by one, as count_blocks adds them: the same sum to the last bit
                height += share
            after = found[3]
        self._blocks[id(section)] = kept
        return Count(words, characters, height)

    # -- what is asked ---------------------------------------------------------------------------
    def takeaways(self, brief: Brief) -> Count:
        if self._takeaways is None:
            part = Part(PartKind.TAKEAWAYS, Address.takeaways())
            self._takeaways = count_blocks(walk_part(brief, part, {}), self.metrics)
        return self._takeaways

    def section(self, brief: Brief, address: Address) -> Count:
        """The section at ``address`` with its sub-sections (an empty count if there is none)."""
        address = Address.of(address)
        section = address.resolve(brief)
        if not isinstance(section, Section) or not address.is_section:
            return Count()
        return self._subtree(brief, address, section, address.level)

    def _subtree(self, brief: Brief, address: Address, section: Section, level: int) -> Count:
        total = self._own(brief, address, section, level)[0]
        for index, child in enumerate(section.sections):
            total = total + self._subtree(brief, address.child("sections", index), child, level + 1)
        return total

    def sections(self, brief: Brief) -> list[SectionCount]:
        """Every section in document order, each counted with its sub-sections."""
        entries = list(iter_sections(brief))
        own = [self._own(brief, Address(entry.path), entry.section, entry.level)[0] for entry in entries]
        inclusive = list(own)
        parents: list[int] = []  # entries come in document order: a section's sub-sections follow it
        for index, entry in enumerate(entries):
            while parents and entries[parents[-1]].level >= entry.level:
                parents.pop()
            for parent in parents:
                inclusive[parent] = inclusive[parent] + own[index]
            parents.append(index)
        return [SectionCount(entry, count) for entry, count in zip(entries, inclusive, strict=True)]

    def footnotes(self, brief: Brief) -> Count:
        """Every footnote text of the brief (one never referenced does not print; the checks say so)."""
        total = Count()
        known = self._footnotes
        fresh: dict[str, tuple[str, Count]] = {}
        for fid, text in brief.footnotes.items():
            entry = known.get(fid)
            if entry is None or entry[0] != text:
                entry = (text, count_footnote(text, self.metrics))
            fresh[fid] = entry
            total = total + entry[1]
        self._footnotes = fresh
        return total

    def totals(self, brief: Brief) -> Totals:
        """The whole brief. Counts what :meth:`advance` has not counted yet, all at once."""
        self.advance(brief, math.inf)
        metrics = self.metrics
        body = self.takeaways(brief) + self._own_sum
        height = body.height
        for part in _FURNITURE:  # what prints of them is the walk's to say
            height += count_blocks(walk_part(brief, part, {}), metrics).height
        if brief.meta.toc and brief.sections:  # the contents, whose entries' heights are kept with the sections
            title = contents_title(brief.meta.language)
            heading = RenderBlock(Role.TOC_HEADING, Address.cover("toc"), (Run(title),))
            height += metrics.block_height(heading) + self._contents_sum
        notes = self.footnotes(brief)
        height += notes.height
        return Totals(body, notes, height, max(1, math.ceil(metrics.pages(height) - 1e-9)))


def _count_body_block(brief: Brief, block, body: Address, after: float,
                      metrics: PageMetrics) -> tuple[int, int, tuple[float, ...], float]:
    """One body block's words, characters and the height of each block it prints, after a block
    whose space after is ``after``; and the space after its own last printed block."""
    words = characters = 0
    heights = []
    for printed in typeset(brief, walk_body([block], body, {})):
        if printed.role in BODY_ROLES:
            w, c = count_text(printed.text)
            words += w
            characters += c
        heights.append(metrics.block_height(printed, after))
        after = metrics.look(printed).space_after
    return words, characters, tuple(heights), after


def page_share(metrics: PageMetrics, count: Count) -> float:
    """A part's share of the printed pages, to a tenth."""
    return round(metrics.pages(count.height), 1)


def _plain_title(section: Section) -> str:
    return " ".join(plain_text(section.title).split())


def stats_rows(brief: Brief, counts: BriefCounts | None = None) -> Iterator[tuple[str, Count]]:
    """The rows of ``briefbook check --stats``: the takeaways, then each section, indented by level."""
    counts = counts or BriefCounts()
    yield "Key takeaways", counts.takeaways(brief)
    for row in counts.sections(brief):
        title = _plain_title(row.entry.section) or "(untitled)"
        yield f"{'  ' * (row.entry.level - 1)}{row.entry.label} {title}", row.count


__all__ = ["BODY_ROLES", "BriefCounts", "Count", "PageMetrics", "SectionCount", "Totals", "count_blocks",
           "count_footnote", "count_text", "page_metrics", "page_share", "stats_rows"]
