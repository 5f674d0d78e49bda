"""The brief as plain Python objects.

Everything in Briefbook — the file format, the checks, the editor, the preview and
the DOCX writer — reads and writes these classes and nothing else. They hold text as
the analyst typed it, inline markup included (see :mod:`briefbook.markup`); numbers of
sections and footnotes are never stored, because they are derived from order and
would otherwise go stale the moment a section moves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefbook.model.blocks import Block, Bullet, BulletList, Heading, Paragraph, block_texts
from briefbook.model.body import Body, body_holder, body_text, set_body_text
from briefbook.model.languages import Language, disclaimer_for, reference_line

if TYPE_CHECKING:
    from briefbook.model.notes import Note

#: Kinds of document the Assembly publishes; the disclaimer is worded after the kind.
KNOWN_KINDS = ("Policy Brief", "Information Document", "Report", "Background Paper")



@dataclass
class Budget:
    """The length the authors mean the brief, or a section, to keep within; ``None`` sets no limit.

    Words are counted on the body text as it prints and pages are estimated from the
    export's page and fonts (:mod:`briefbook.counts`); going over is a warning, never
    a refusal, as a draft is often long before it is cut.
    """

    words: int | None = None
    pages: int | None = None

    def __bool__(self) -> bool:
        return self.words is not None or self.pages is not None


@dataclass
class Section:
    """A numbered section; ``sections`` are its sub-sections one level down (I. → A. → 1.)."""

    title: str
    body: list[Block] = Body()  # type: ignore[assignment]  # blocks, or derived from typed text
    sections: list[Section] = field(default_factory=list)
    #: The length this section (its sub-sections included) should keep within.
    budget: Budget = field(default_factory=Budget)
    #: Reviewers' notes on this section's title and body (:class:`briefbook.model.notes.Note`).
    notes: list[Note] = field(default_factory=list)
    #: In a translation: the fingerprint of the original's section this text was last brought up
    #: to date with (:func:`briefbook.model.versions.fingerprint`); "" when never.
    synced: str = ""


@dataclass
class Translation:
    """The other-language version a brief is linked to.

    ``file`` is that version's brief file, relative to this brief's folder. ``follows`` says
    which of the two is the translation: the one that follows records, per section, what
    of the original it was brought up to date with (``Section.synced``).
    """

    file: str
    #: True: this brief is the translation of ``file``; False: ``file`` is this brief's translation.
    follows: bool


@dataclass
class Source:
    """Material the brief was drafted from.

    ``file`` is the stored text of the source (made by :mod:`briefbook.sources.store`),
    relative to the brief's folder, so the brief keeps its sources when the originals
    move; ``checksum`` (``sha256:<hex>``) tells when that text was changed since.
    """

    title: str
    url: str = ""
    file: str = ""
    #: When it was published, ISO ``YYYY-MM-DD``, or "".
    date: str = ""
    #: ``sha256:<64 hex digits>`` of the stored text's bytes, or "".
    checksum: str = ""


@dataclass
class Meta:
    """The cover block and the document's identity."""

    body: str = "NATO PARLIAMENTARY ASSEMBLY"
    event: str = ""
    dates: str = ""
    kind: str = "Policy Brief"
    reference: str = ""
    original: str = "English"
    issued: str = ""
    language: str = "en"
    title: str = ""
    website: str = "www.nato-pa.int"
    #: Empty means "worded after the kind" (see :func:`disclaimer_for`).
    disclaimer: str = ""
    #: Whether a table of contents follows the cover block.
    toc: bool = False

    def effective_disclaimer(self, language: Language) -> str:
        """The disclaimer as printed: the one typed, else the standard one of ``language`` (this version's)."""
        return self.disclaimer or disclaimer_for(self.kind, language)

    def reference_line(self, language: Language) -> str:
        """The cover's reference line: ``182 SPE 24 E | Original: English | October 2024``,
        labelled in the words of ``language`` (this version's: French puts a space before the colon)."""
        return reference_line(self.reference, self.original, self.issued, language)


@dataclass
class Brief:
    """A whole policy brief."""

    meta: Meta = field(default_factory=Meta)
    takeaways: list[Block] = Body()  # type: ignore[assignment]  # blocks, or derived from typed text
    sections: list[Section] = field(default_factory=list)
    #: Footnote texts by stable id, in the order the file lists them. The printed
    #: number comes from the order of first reference (:func:`briefbook.model.footnote_order`).
    footnotes: dict[str, str] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)
    #: Words the brief's authors taught the spell checker (names, acronyms), shared through the file.
    words: list[str] = field(default_factory=list)
    #: The length the whole brief should keep within.
    budget: Budget = field(default_factory=Budget)
    #: Reviewers' notes on the cover's fields, the key takeaways and the footnotes; a section's
    #: notes are the section's own, so they move with it.
    notes: list[Note] = field(default_factory=list)
    #: The other-language version this brief is linked to, if any.
    translation: Translation | None = None


__all__ = [
    "KNOWN_KINDS", "Block", "Body", "Brief", "Budget", "Bullet", "BulletList", "Heading", "Language", "Meta",
    "Paragraph", "Section", "Source", "Translation", "block_texts", "body_holder", "body_text", "disclaimer_for",
    "set_body_text",
]
