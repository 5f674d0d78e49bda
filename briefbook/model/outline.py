"""What is derived from a brief's order rather than stored: section numbers and footnote numbers.

A *path* names a place in the brief as a tuple of keys and indexes, the same way the
file format nests it — ``("sections", 0, "sections", 1)`` is section I.B.,
``("sections", 0, "body", 2)`` its third block. The checks, the file format's line
map and the editor all speak of places by path, so a problem found in the model can
be shown at its line in the file and at its widget in the editor.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from briefbook.markup import footnote_refs
from briefbook.model.address import Address
from briefbook.model.brief import Block, Brief, Bullet, BulletList, Heading, Paragraph, Section, block_texts
from briefbook.record import Value

Path = tuple

#: Deepest section level the Assembly's numbering goes to (I. → A. → 1.).
MAX_LEVEL = 3

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        count, number = divmod(number, value)
        out.append(numeral * count)
    return "".join(out)


def letters(number: int) -> str:
    """1 → A, 26 → Z, 27 → AA: how Word continues an upper-letter list."""
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


@cache
def section_label(level: int, number: int) -> str:
    """The printed number of the ``number``-th section (from 1) at ``level`` (from 1)."""
    if level == 1:
        return f"{roman(number)}."
    if level == 2:
        return f"{letters(number)}."
    return f"{number}."


class SectionEntry(Value):
    """A section, where it sits, its level (1 = I.) and its printed number."""

    __slots__ = FIELDS = ("path", "level", "label", "section")

    def __init__(self, path: Path, level: int, label: str, section: Section) -> None:
        self.path = path
        self.level = level
        self.label = label
        self.section = section


def iter_sections(brief: Brief) -> Iterator[SectionEntry]:
    """Every section in document order with its level and printed number."""

    def walk(sections: list[Section], level: int, prefix: Path) -> Iterator[SectionEntry]:
        for index, section in enumerate(sections):
            path = (*prefix, "sections", index)
            yield SectionEntry(path, level, section_label(level, index + 1), section)
            yield from walk(section.sections, level + 1, path)

    yield from walk(brief.sections, 1, ())


class TextPlace(Value):
    """One piece of marked-up text and where it sits."""

    __slots__ = FIELDS = ("path", "text")

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text


def _iter_bullets(bullets: list[Bullet], prefix: Path) -> Iterator[TextPlace]:
    for index, bullet in enumerate(bullets):
        path = (*prefix, index)
        yield TextPlace(path, bullet.text)
        yield from _iter_bullets(bullet.children, (*path, "children"))


def iter_block_texts(blocks: list[Block], prefix: Path) -> Iterator[TextPlace]:
    for index, block in enumerate(blocks):
        path = (*prefix, index)
        if isinstance(block, (Paragraph, Heading)):
            yield TextPlace(path, block.text)
        elif isinstance(block, BulletList):
            yield from _iter_bullets(block.items, (*path, "bullets"))


def iter_texts(brief: Brief) -> Iterator[TextPlace]:
    """Every marked-up text of the body in reading order (cover and footnotes excluded)."""
    yield TextPlace(("meta", "title"), brief.meta.title)
    yield from iter_block_texts(brief.takeaways, ("takeaways",))
    for entry in iter_sections(brief):
        yield TextPlace((*entry.path, "title"), entry.section.title)
        yield from iter_block_texts(entry.section.body, (*entry.path, "body"))


def number_footnotes(refs: Iterable[str]) -> dict[str, int]:
    """The printed number of each footnote id, given every reference in reading order.

    The one rule of footnote numbering, Word's: a note is numbered at its first
    reference, from 1, and a later reference to it repeats that number. Renderers that
    keep the references of unchanged parts cached pass them here rather than count
    themselves, so the preview, the export and the footnotes panel cannot disagree.
    """
    numbers: dict[str, int] = {}
    for fid in refs:
        if fid not in numbers:
            numbers[fid] = len(numbers) + 1
    return numbers


def footnote_order(brief: Brief) -> list[str]:
    """Footnote ids in the order Word will number them: first reference first.

    Ids that are referenced but not defined are included (the checks flag them);
    footnotes never referenced are not, as they will not print.
    """
    return list(footnote_numbers(brief))


def footnote_numbers(brief: Brief) -> dict[str, int]:
    """The printed number of each referenced footnote."""
    # Most texts hold no reference at all; a substring test is far cheaper than a parse.
    return number_footnotes(ref.id for text in _texts(brief) if "[^" in text for ref in footnote_refs(text))


def _texts(brief: Brief) -> Iterator[str]:
    """The texts of :func:`iter_texts`, in the same order, without their addresses."""
    yield brief.meta.title
    stack: list[Section] = list(reversed(brief.sections))
    yield from block_texts(brief.takeaways)
    while stack:
        section = stack.pop()
        yield section.title
        yield from block_texts(section.body)
        stack.extend(reversed(section.sections))


def resolve(brief: Brief, path: Path):
    """The object at ``path`` (a section, block, bullet or text), or ``None`` if it is gone."""
    return Address.of(path).resolve(brief)
