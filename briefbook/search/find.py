"""Every match of a query in a brief: cover, takeaways, sections and their titles, footnotes, sources.

:func:`places` lists every text an analyst types, in reading order, with its
:class:`~briefbook.model.Address` and whether it holds inline markup (a cover field
other than the title prints as typed; a source's fields are plain too). :func:`find_all`
matches the printed text of each (:mod:`briefbook.search.printed`) and gives each match
as a :class:`Hit`: the address of the text, the span of source characters that print
as the match, and enough of the printed text around it for a results list.

A body (the takeaways, a section's body) is searched block by block, each paragraph,
sub-heading or bullet at its own address, because that is how the outline, the problems
and the preview name places; :func:`body_offset` maps a block's text back to the body's
typed text, which is what the editor shows and what a replacement changes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import overload

from briefbook.markup import footnote_refs, plain_text
from briefbook.model import Address, Brief, BulletList, iter_sections, section_label
from briefbook.model.bodytext import PathSuffix, line_paths, parse_line
from briefbook.model.brief import Section, body_text
from briefbook.model.outline import footnote_numbers, number_footnotes
from briefbook.search.printed import Segment, printed_segments
from briefbook.search.query import Matcher

#: Cover fields in the form's order; only the title holds inline markup.
COVER_FIELDS = ("body", "event", "dates", "kind", "reference", "original", "issued", "title", "website",
                "disclaimer")
SOURCE_FIELDS = ("title", "url", "file")
_SOURCE_NAMES = {"title": "title", "url": "address", "file": "file"}

#: Matches listed at most; Replace All still changes every match.
HIT_LIMIT = 100_000


class Place:
    """One text of the brief: where it is, the text as stored, whether it holds inline markup."""

    __slots__ = ("_address", "marked", "path", "text")

    def __init__(self, path: tuple, text: str, marked: bool) -> None:
        self.path = path
        self.text = text
        self.marked = marked
        self._address: Address | None = None

    @property
    def address(self) -> Address:
        if self._address is None:
            self._address = Address.of(self.path)
        return self._address

    def __repr__(self) -> str:
        return f"Place({self.path!r}, {self.text!r}, {self.marked})"


class Hit:
    """One match: the text it is in, the source span that prints as it, and its printed surroundings.

    The span is worked out when it is asked for: a common word in a long brief has
    thousands of matches, of which a results list shows a screenful.
    """

    __slots__ = ("_span", "place", "printed_end", "printed_start", "segment")

    def __init__(self, place: Place, segment: Segment, printed_start: int, printed_end: int) -> None:
        self.place = place
        self.segment = segment
        self.printed_start = printed_start
        self.printed_end = printed_end
        self._span: tuple[int, int] | None = None

    @property
    def address(self) -> Address:
        """The address of the text the match is in."""
        return self.place.address

    @property
    def span(self) -> tuple[int, int]:
        """The source characters, in the text as stored, that print as the match."""
        if self._span is None:
            self._span = self.segment.source_span(self.printed_start, self.printed_end)
        return self._span

    @property
    def start(self) -> int:
        return self.span[0]

    @property
    def end(self) -> int:
        return self.span[1]

    @property
    def matched(self) -> str:
        """The match as it prints."""
        return self.segment.text[self.printed_start:self.printed_end]

    def context(self, width: int = 40) -> tuple[str, str, str]:
        """The printed text before the match, the match, and after it, on one line, cut at about ``width``."""
        text = self.segment.text
        before = text[max(0, self.printed_start - width):self.printed_start]
        after = text[self.printed_end:self.printed_end + width]
        if self.printed_start > width:
            cut = before.find(" ")
            before = "…" + (before[cut + 1:] if 0 <= cut < width // 2 else before)
        if self.printed_end + width < len(text):
            cut = after.rfind(" ")
            after = (after[:cut] if cut > width // 2 else after) + "…"
        return _one_line(before), _one_line(self.matched), _one_line(after)

    def __repr__(self) -> str:
        return f"Hit({tuple(self.address)!r}, {self.span}, {self.matched!r})"


def _one_line(text: str) -> str:
    return text.replace("\n", " ⏎ ")


def places(brief: Brief) -> Iterator[Place]:
    """Every typed text of the brief in reading order (empty ones too; they hold no match).

    Footnotes come in the order they print (first reference first, as
    :func:`~briefbook.model.footnote_numbers` numbers them; unreferenced ones last), read
    from the references met on the way rather than by a second walk of the brief.
    """
    meta = brief.meta
    refs: list[str] = []
    for name in COVER_FIELDS:
        place = Place(("meta", name), getattr(meta, name), name == "title")
        if name == "title" and "[^" in place.text:
            refs.extend(ref.id for ref in footnote_refs(place.text))
        yield place
    yield from _blocks(brief.takeaways, ("takeaways",), refs)
    stack = [(("sections", index), section) for index, section in reversed(list(enumerate(brief.sections)))]
    while stack:
        path, section = stack.pop()
        if "[^" in section.title:
            refs.extend(ref.id for ref in footnote_refs(section.title))
        yield Place((*path, "title"), section.title, True)
        yield from _blocks(section.body, (*path, "body"), refs)
        children = list(enumerate(section.sections))
        stack.extend(((*path, "sections", index), child) for index, child in reversed(children))
    numbers = number_footnotes(refs)
    for footnote_id in sorted(brief.footnotes, key=lambda fid: numbers.get(fid, len(numbers) + 1)):
        yield Place(("footnotes", footnote_id), brief.footnotes[footnote_id], True)
    for row, source in enumerate(brief.sources):
        for name in SOURCE_FIELDS:
            yield Place(("sources", row, name), getattr(source, name), False)


def _blocks(blocks: list, body: tuple, refs: list[str]) -> list[Place]:
    """The texts of a body's blocks in reading order, noting their footnote references in ``refs``."""
    out: list[Place] = []
    for index, block in enumerate(blocks):
        if isinstance(block, BulletList):
            stack = [((*body, index, "bullets", i), bullet) for i, bullet in reversed(list(enumerate(block.items)))]
            while stack:
                path, bullet = stack.pop()
                out.append(Place(path, bullet.text, True))
                if bullet.children:
                    stack.extend(((*path, "children", i), child)
                                 for i, child in reversed(list(enumerate(bullet.children))))
        else:
            out.append(Place((*body, index), block.text, True))
    for place in out:
        if "[^" in place.text:
            refs.extend(ref.id for ref in footnote_refs(place.text))
    return out


def hits_in(place: Place, matcher: Matcher) -> list[Hit]:
    """The matches of ``matcher`` in one text."""
    return [hit for hit, _ in matches_in(place, matcher)]


def matches_in(place: Place, matcher: Matcher) -> list[tuple[Hit, re.Match[str]]]:
    """:func:`hits_in` with each match object (a replacement fills in its groups)."""
    return [(Hit(place, segment, *match.span()), match)
            for segment in printed_segments(place.text, place.marked) for match in matcher.finditer(segment.text)]


#: Between the segments of the joined text an index searches: no query typed as words holds it.
_SEPARATOR = "\x00"


class Index:
    """The printed texts of one state of a brief, joined, so that words are found in one pass.

    A query typed as words is searched over the whole joined text at once — one call
    of the regular-expression engine rather than one per text — and each match is
    mapped back to its segment by bisection when it is read. A regular expression is
    searched segment by segment (it could match across the separator), under its time
    limit. Build a new index when the brief changes; the printed forms of unchanged
    texts are remembered. An index can be built and searched a part at a time
    (:meth:`add`, :meth:`finish`, :meth:`search_part`), so the editor does it in short
    turns between keystrokes.
    """

    def __init__(self, brief: Brief | None = None) -> None:
        self.segments: list[Segment] = []
        self.owners: list[Place] = []
        self.starts: list[int] = []
        self.text = ""
        self._chunks: list[str] = []
        self._position = 0
        if brief is not None:
            for place in places(brief):
                self.add(place)
            self.finish()

    def add(self, place: Place) -> None:
        """Add the next text, in reading order."""
        if not place.text:
            return
        for segment in printed_segments(place.text, place.marked):
            self.segments.append(segment)
            self.owners.append(place)
            self.starts.append(self._position)
            self._chunks.append(segment.text)
            self._position += len(segment.text) + 1

    def finish(self) -> None:
        """Every text added: join them for searching."""
        self.text = _SEPARATOR.join(self._chunks)
        self._chunks = []

    def search(self, matcher: Matcher, limit: int = HIT_LIMIT) -> Results:
        """Every match, in reading order (at most ``limit``); raises ``QueryError``."""
        matcher.start()
        spans, where = self.search_part(matcher, 0, len(self.segments), limit)
        return Results(self, spans, where)

    def search_part(self, matcher: Matcher, first: int, last: int,
                    limit: int = HIT_LIMIT) -> tuple[list[tuple[int, int]], list[int] | None]:
        """The matches in segments ``first`` to ``last`` (excluded): their spans in the joined text and
        ``None``, or, for a regular expression, their spans in their segments and the segments' numbers."""
        if first >= last:
            return [], None if self.joined(matcher) else []
        if self.joined(matcher):
            end = self.starts[last - 1] + len(self.segments[last - 1].text)
            found = matcher.pattern.finditer(self.text, self.starts[first], end)
            return [match.span() for match in islice(found, limit)], None
        spans: list[tuple[int, int]] = []
        where: list[int] = []
        for k in range(first, last):
            for match in matcher.finditer(self.segments[k].text):
                spans.append(match.span())
                where.append(k)
            if len(spans) >= limit:
                break
        return spans[:limit], where[:limit]

    @staticmethod
    def joined(matcher: Matcher) -> bool:
        """Whether ``matcher`` searches the joined text (words typed as words) rather than each segment."""
        return matcher.literal and _SEPARATOR not in matcher.query.text


class Results(Sequence[Hit]):
    """The matches an :class:`Index` found, each made a :class:`Hit` when it is read."""

    def __init__(self, index: Index, spans: list[tuple[int, int]], where: list[int] | None) -> None:
        self._index = index
        #: Offsets in the index's joined text (``where`` is None), or in segment ``where[i]``.
        self._spans = spans
        self._where = where

    def __len__(self) -> int:
        return len(self._spans)

    @overload
    def __getitem__(self, item: int) -> Hit: ...

    @overload
    def __getitem__(self, item: slice) -> list[Hit]: ...

    def __getitem__(self, item: int | slice) -> Hit | list[Hit]:
        if isinstance(item, slice):
            return [self[i] for i in range(*item.indices(len(self)))]
        start, end = self._spans[item]
        index = self._index
        if self._where is not None:
            k = self._where[item]
            return Hit(index.owners[k], index.segments[k], start, end)
        k = bisect_right(index.starts, start) - 1
        base = index.starts[k]
        return Hit(index.owners[k], index.segments[k], start - base, end - base)


def find_all(brief: Brief, matcher: Matcher, limit: int = HIT_LIMIT) -> Results:
    """Every match in the brief, in reading order (at most ``limit``); raises ``QueryError``."""
    return Index(brief).search(matcher, limit)


def find_in_text(text: str, matcher: Matcher, marked: bool = True) -> list[tuple[int, int]]:
    """The source spans of the matches in one stored text (a field, a title, a footnote)."""
    matcher.start()
    return [(hit.start, hit.end) for hit in hits_in(Place((), text, marked), matcher)]


def find_in_body(text: str, matcher: Matcher) -> list[tuple[int, int]]:
    """The spans, in a body's typed text (what the editor shows), of the matches in its blocks."""
    matcher.start()
    spans: list[tuple[int, int]] = []
    offset = 0
    for raw in text.split("\n"):
        line = parse_line(raw)
        if line.text:
            base = offset + line.text_start
            for hit in hits_in(Place((), line.text.replace("\u2028", "\n"), True), matcher):
                spans.append((base + hit.start, base + hit.end))
        offset += len(raw) + 1
    return spans


def body_offsets(text: str) -> dict[PathSuffix, int]:
    """Where the text of each block of a body starts in the body's typed text, by the block's path suffix."""
    starts: dict[PathSuffix, int] = {}
    offset = 0
    for raw, suffix in zip(text.split("\n"), line_paths(text), strict=False):
        if suffix is not None:
            starts[suffix] = offset + parse_line(raw).text_start
        offset += len(raw) + 1
    return starts


def body_offset(brief: Brief, address: Address) -> tuple[Address, int] | None:
    """For the address of a block's text: the body's address and where that text starts in the body's
    typed text; ``None`` for a text outside a body or one that is gone."""
    suffix = address.block_suffix
    if not suffix:
        return None
    body = address.body
    owner = brief if body.area == "takeaways" else (body.section_address.resolve(brief)
                                                    if body.section_address else None)
    if owner is None or not (owner is brief or isinstance(owner, Section)):
        return None
    start = body_offsets(body_text(owner)).get(tuple(suffix))
    return None if start is None else (body, start)


class PlaceNames:
    """Names of places for a results list: "Cover: event", "Key takeaways", "II.A Title of A", "Footnote 3"."""

    def __init__(self, brief: Brief) -> None:
        self._labels: dict[Address, str] = {}
        self._titles: dict[Address, str] = {}
        for entry in iter_sections(brief):
            address = Address(entry.path)
            parent = self._labels.get(address.parent_section, "")
            label = section_label(entry.level, address.index + 1).rstrip(".")
            self._labels[address] = f"{parent}.{label}" if parent else label
            self._titles[address] = " ".join(plain_text(entry.section.title).split())
        self._numbers = footnote_numbers(brief)

    def name(self, address: Address) -> str:
        area = address.area
        if area == "meta":
            return f"Cover: {address.field}"
        if area == "takeaways":
            return "Key takeaways"
        if area == "footnotes":
            number = self._numbers.get(str(address.field))
            return f"Footnote {number}" if number else f"Footnote {address.field} (unused)"
        if area == "sources":
            return f"Source {int(address[1]) + 1}: {_SOURCE_NAMES.get(str(address.field), address.field)}"
        section = address.section_address
        label = self._labels.get(section, "?") if section is not None else "?"
        if address.is_title:
            return f"{label} title"
        title = self._titles.get(section, "") if section is not None else ""
        return f"{label} {title[:40]}{'…' if len(title) > 40 else ''}".rstrip()
