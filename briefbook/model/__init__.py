"""The brief as plain Python objects: no Qt, no I/O."""

from briefbook.model.address import Address
from briefbook.model.brief import (
    KNOWN_KINDS,
    LANGUAGES,
    Block,
    Brief,
    Budget,
    Bullet,
    BulletList,
    Heading,
    Meta,
    Paragraph,
    Section,
    Source,
    disclaimer_for,
)
from briefbook.model.outline import (
    MAX_LEVEL,
    Path,
    SectionEntry,
    TextPlace,
    footnote_numbers,
    footnote_order,
    iter_block_texts,
    iter_sections,
    iter_texts,
    number_footnotes,
    resolve,
    section_label,
)

__all__ = [
    "Address",
    "KNOWN_KINDS", "LANGUAGES", "MAX_LEVEL", "Block", "Brief", "Budget", "Bullet", "BulletList", "Heading",
    "Meta", "Paragraph", "Path", "Section", "SectionEntry", "Source", "TextPlace", "disclaimer_for",
    "footnote_numbers", "footnote_order", "iter_block_texts", "iter_sections", "iter_texts",
    "number_footnotes", "resolve", "section_label",
]
