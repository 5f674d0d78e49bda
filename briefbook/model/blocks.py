"""The blocks of a body: paragraphs, unnumbered sub-headings and lists of nested bullets.

Kept apart from :mod:`briefbook.model.brief` so that the text form of a body
(:mod:`briefbook.model.bodytext`) and the body that derives blocks from it
(:mod:`briefbook.model.body`) need only these, and nothing imports in a circle.
"""

from __future__ import annotations

from collections.abc import Iterator

from briefbook.record import Record


class Bullet(Record):
    """One bullet; ``children`` are the bullets nested one level below it."""

    __slots__ = FIELDS = ("text", "children")

    def __init__(self, text: str, children: list[Bullet] | None = None) -> None:
        self.text = text
        self.children: list[Bullet] = [] if children is None else children


class Paragraph(Record):
    """A plain body paragraph."""

    __slots__ = FIELDS = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class Heading(Record):
    """An unnumbered sub-heading between lists (``Focus of the Meetings``)."""

    __slots__ = FIELDS = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class BulletList(Record):
    """A run of bullets; nesting is carried by :attr:`Bullet.children`."""

    __slots__ = FIELDS = ("items",)

    def __init__(self, items: list[Bullet] | None = None) -> None:
        self.items: list[Bullet] = [] if items is None else items


Block = Paragraph | Heading | BulletList


def block_texts(blocks: list[Block]) -> Iterator[str]:
    """Every text of ``blocks``: paragraphs, sub-headings and bullets at any depth."""
    for block in blocks:
        if isinstance(block, BulletList):
            stack = list(reversed(block.items))
            while stack:
                bullet = stack.pop()
                yield bullet.text
                stack.extend(reversed(bullet.children))
        else:
            yield block.text


def bullets_value(items: list[Bullet]) -> tuple:
    """Bullets as a comparable value: a text per bullet, ``(text, children)`` where it has any."""
    return tuple([(bullet.text, bullets_value(bullet.children)) if bullet.children else bullet.text
                  for bullet in items])


#: Marks a sub-heading's value, so that it never equals a paragraph's or a list's.
_HEADING = object()


def blocks_value(blocks: list[Block]) -> tuple:
    """Blocks as a comparable value, one item per block: a paragraph is its text, a list its
    bullets' value, a sub-heading its text marked as a heading's (what a block prints from, for
    the renderer and the counts to tell an unchanged block by).

    This runs over every block of the brief on an unhinted preview update, hence one comprehension.
    """
    return tuple([bullets_value(block.items) if type(block) is BulletList else
                  block.text if type(block) is Paragraph else (_HEADING, block.text) for block in blocks])
