"""The blocks of a body: paragraphs, unnumbered sub-headings and lists of nested bullets.

Kept apart from :mod:`briefbook.model.brief` so that the text form of a body
(:mod:`briefbook.model.bodytext`) and the body that derives blocks from it
(:mod:`briefbook.model.body`) need only these, and nothing imports in a circle.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class Bullet:
    """One bullet; ``children`` are the bullets nested one level below it."""

    text: str
    children: list[Bullet] = field(default_factory=list)


@dataclass
class Paragraph:
    """A plain body paragraph."""

    text: str


@dataclass
class Heading:
    """An unnumbered sub-heading between lists (``Focus of the Meetings``)."""

    text: str


@dataclass
class BulletList:
    """A run of bullets; nesting is carried by :attr:`Bullet.children`."""

    items: list[Bullet] = field(default_factory=list)


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
