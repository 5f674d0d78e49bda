"""Review notes: a reviewer's remark on a passage of one text of the brief.

A note is kept by what it annotates, so it moves with it: a section's notes are in the
section (on its ``title`` or its ``body``) and travel, are deleted and come back on undo
with the section; the notes on the cover's fields, the key takeaways and the footnotes
are the brief's own. A note names its passage by the words as they *print* (its
``quote``, markup left out) and which occurrence of them it means, rather than by
character offsets: an edit elsewhere in the text, or one that adds a bold run, leaves
the note on its words; an edit that removes the words leaves the note on the text as a
whole, shown as such rather than dropped. The same shape round-trips to Word comments,
which are anchored on a range of printed runs.

Locating a passage in a typed text needs the printed form of the text, which is the
search layer's (:mod:`briefbook.notes`); this module is plain objects and addresses.
"""

from __future__ import annotations

from collections.abc import Iterator

from briefbook.model.address import Address
from briefbook.model.brief import Brief, Meta, Section
from briefbook.record import Record

#: What a section's note can be on.
SECTION_TARGETS = ("title", "body")

#: The cover's fields a note can be on (``meta/<field>``).
META_FIELDS = tuple(name for name in Meta.FIELDS if name not in ("toc", "language"))


class Note(Record):
    """A reviewer's note on a passage of one text of the brief (a Word comment)."""

    __slots__ = FIELDS = ("text", "quote", "occurrence", "author", "initials", "date", "on")

    def __init__(self, text: str, quote: str = "", occurrence: int = 1, author: str = "", initials: str = "",
                 date: str = "", on: str = "body") -> None:
        #: The note itself, plain text; paragraphs are separated by ``"\\n"``.
        self.text = text
        #: The words it is on, as they print (no markup); ``""`` means the whole text.
        self.quote = quote
        #: Which occurrence of :attr:`quote` in that text it means (1 = the first).
        self.occurrence = occurrence
        self.author = author
        self.initials = initials
        #: When it was written, ISO 8601 (``2024-10-18T21:30:00Z``), or ``""``.
        self.date = date
        #: Which text of its owner: ``title``/``body`` of a section; ``takeaways``,
        #: ``meta/<field>`` or ``footnotes/<id>`` of the brief.
        self.on = on


def valid_target(on: str, in_section: bool) -> bool:
    """Whether ``on`` names a text a note of a section (or of the brief) can be on."""
    if in_section:
        return on in SECTION_TARGETS
    if on == "takeaways":
        return True
    head, _, rest = on.partition("/")
    return (head == "meta" and rest in META_FIELDS) or (head == "footnotes" and bool(rest))


def note_text_address(owner: Address, note: Note) -> Address:
    """The address of the text ``note`` is on; ``owner`` is ``Address(())`` or a section's address."""
    if owner:
        return Address((*owner, note.on))
    if note.on == "takeaways":
        return Address.takeaways()
    head, _, rest = note.on.partition("/")
    return Address((head, rest))


def owner_of(text_address: Address | tuple) -> tuple[Address, str]:
    """The owner whose notes list a note on ``text_address`` belongs in, and its ``on``.

    The inverse of :func:`note_text_address`. A block's address within a body (a bullet,
    a paragraph) counts as the body it is in: notes are anchored on a body as a whole.
    """
    address = Address.of(text_address)
    area = address.area
    if area == "sections" and address.in_section:
        section = address.section_address
        assert section is not None
        rest = address[len(section):]
        return section, ("title" if rest and rest[0] == "title" else "body")
    if area == "takeaways":
        return Address(()), "takeaways"
    if area == "footnotes" and len(address) > 1:
        return Address(()), f"footnotes/{address[1]}"
    if area == "meta" and len(address) > 1:
        return Address(()), f"meta/{address[1]}"
    raise ValueError(f"a note cannot be on {tuple(address)!r}")


def notes_of(brief: Brief, owner: Address | tuple) -> list[Note]:
    """The list a note of ``owner`` lives in: the brief's (for ``()``) or the section's."""
    owner = Address.of(owner)
    if not owner:
        return brief.notes
    section = owner.resolve(brief)
    if not isinstance(section, Section):
        raise KeyError(f"no section at {tuple(owner)!r}")
    return section.notes


def iter_notes(brief: Brief) -> Iterator[tuple[Address, Note]]:
    """Every note with the address of its text, the brief's own first, then section by section."""
    top = Address(())
    for note in brief.notes:
        yield note_text_address(top, note), note
    yield from _section_notes(brief.sections, Address(()))


def _section_notes(sections: list[Section], parent: Address) -> Iterator[tuple[Address, Note]]:
    for index, section in enumerate(sections):
        owner = Address((*parent, "sections", index))
        for note in section.notes:
            yield note_text_address(owner, note), note
        yield from _section_notes(section.sections, owner)


def add_note(brief: Brief, text_address: Address | tuple, note: Note) -> Address:
    """Put ``note`` on the text at ``text_address`` (its ``on`` is set to match); the text's address."""
    owner, note.on = owner_of(text_address)
    notes_of(brief, owner).append(note)
    return note_text_address(owner, note)


def find_note(brief: Brief, text_address: Address | tuple, index: int) -> Note | None:
    """The ``index``-th note (in its owner's list order) on the text at ``text_address``, or ``None``."""
    owner, on = owner_of(text_address)
    try:
        mine = [note for note in notes_of(brief, owner) if note.on == on]
    except KeyError:
        return None
    return mine[index] if 0 <= index < len(mine) else None


def remove_note(brief: Brief, text_address: Address | tuple, index: int) -> Address | None:
    """Take away the ``index``-th note on the text at ``text_address``; the text's address, or ``None``."""
    note = find_note(brief, text_address, index)
    if note is None:
        return None
    owner, _ = owner_of(text_address)
    notes_of(brief, owner).remove(note)
    return Address.of(text_address)


def count_notes(brief: Brief) -> int:
    """How many notes the brief holds."""
    return sum(1 for _ in iter_notes(brief))


__all__ = ["META_FIELDS", "SECTION_TARGETS", "Note", "add_note", "count_notes", "find_note", "iter_notes",
           "note_text_address", "notes_of", "owner_of", "remove_note", "valid_target"]
