"""The brief as plain Python objects: no Qt, no I/O."""

from briefbook.model.address import Address
from briefbook.model.brief import (
    KNOWN_KINDS,
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
    Translation,
    disclaimer_for,
)
from briefbook.model.languages import Language, LanguageTable
from briefbook.model.notes import Note, iter_notes, note_text_address, notes_of, owner_of
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
    "KNOWN_KINDS", "MAX_LEVEL", "Block", "Brief", "Budget", "Bullet", "BulletList", "Heading", "Language",
    "LanguageTable", "Meta", "Note", "Paragraph", "Path", "Section", "SectionEntry", "Source", "TextPlace",
    "Translation", "disclaimer_for",
    "footnote_numbers", "footnote_order", "iter_block_texts", "iter_notes", "iter_sections", "iter_texts",
    "note_text_address", "notes_of", "number_footnotes", "owner_of", "resolve", "section_label",
]
