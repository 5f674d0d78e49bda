"""The brief as plain Python objects.

Everything in Briefbook — the file format, the checks, the editor, the preview and
the DOCX writer — reads and writes these classes and nothing else. They hold text as
the analyst typed it, inline markup included (see :mod:`briefbook.markup`); numbers of
sections and footnotes are never stored, because they are derived from order and
would otherwise go stale the moment a section moves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefbook.model.blocks import Block, Bullet, BulletList, Heading, Paragraph, block_texts
from briefbook.model.body import Body, body_holder, body_text, set_body_text
from briefbook.model.languages import Language, disclaimer_for, reference_line
from briefbook.record import Record

if TYPE_CHECKING:
    from briefbook.model.notes import Note

#: Kinds of document the Assembly publishes; the disclaimer is worded after the kind.
KNOWN_KINDS = ("Policy Brief", "Information Document", "Report", "Background Paper")



class Budget(Record):
    """The length the authors mean the brief, or a section, to keep within; ``None`` sets no limit.

    Words are counted on the body text as it prints and pages are estimated from the
    export's page and fonts (:mod:`briefbook.counts`); going over is a warning, never
    a refusal, as a draft is often long before it is cut.
    """

    __slots__ = FIELDS = ("words", "pages")

    def __init__(self, words: int | None = None, pages: int | None = None) -> None:
        self.words = words
        self.pages = pages

    def __bool__(self) -> bool:
        return self.words is not None or self.pages is not None


class Section(Record):
    """A numbered section; ``sections`` are its sub-sections one level down (I. → A. → 1.).

    Its ``body`` is a :class:`Body`: blocks, or derived from the text typed for it.
    """

    FIELDS = ("title", "body", "sections", "budget", "notes", "synced")
    body = Body()

    def __init__(self, title: str, body: list[Block] | tuple = (), sections: list[Section] | None = None,
                 budget: Budget | None = None, notes: list[Note] | None = None, synced: str = "") -> None:
        self.title = title
        self.body = body
        self.sections: list[Section] = [] if sections is None else sections
        #: The length this section (its sub-sections included) should keep within.
        self.budget = Budget() if budget is None else budget
        #: Reviewers' notes on this section's title and body (:class:`briefbook.model.notes.Note`).
        self.notes: list[Note] = [] if notes is None else notes
        #: In a translation: the fingerprint of the original's section this text was last brought up
        #: to date with (:func:`briefbook.model.versions.fingerprint`); "" when never.
        self.synced = synced


class Translation(Record):
    """The other-language version a brief is linked to.

    ``file`` is that version's brief file, relative to this brief's folder. ``follows`` says
    which of the two is the translation: the one that follows records, per section, what
    of the original it was brought up to date with (``Section.synced``).
    """

    __slots__ = FIELDS = ("file", "follows")

    def __init__(self, file: str, follows: bool) -> None:
        self.file = file
        #: True: this brief is the translation of ``file``; False: ``file`` is this brief's translation.
        self.follows = follows


class Source(Record):
    """Material the brief was drafted from.

    ``file`` is the stored text of the source (made by :mod:`briefbook.sources.store`),
    relative to the brief's folder, so the brief keeps its sources when the originals
    move; ``checksum`` (``sha256:<hex>``) tells when that text was changed since.
    """

    __slots__ = FIELDS = ("title", "url", "file", "date", "checksum")

    def __init__(self, title: str, url: str = "", file: str = "", date: str = "", checksum: str = "") -> None:
        self.title = title
        self.url = url
        self.file = file
        #: When it was published, ISO ``YYYY-MM-DD``, or "".
        self.date = date
        #: ``sha256:<64 hex digits>`` of the stored text's bytes, or "".
        self.checksum = checksum


class Meta(Record):
    """The cover block and the document's identity."""

    __slots__ = FIELDS = ("body", "event", "dates", "kind", "reference", "original", "issued", "language",
                          "title", "website", "disclaimer", "toc")

    def __init__(self, body: str = "NATO PARLIAMENTARY ASSEMBLY", event: str = "", dates: str = "",
                 kind: str = "Policy Brief", reference: str = "", original: str = "English", issued: str = "",
                 language: str = "en", title: str = "", website: str = "www.nato-pa.int", disclaimer: str = "",
                 toc: bool = False) -> None:
        self.body = body
        self.event = event
        self.dates = dates
        self.kind = kind
        self.reference = reference
        self.original = original
        self.issued = issued
        self.language = language
        self.title = title
        self.website = website
        #: Empty means "worded after the kind" (see :func:`disclaimer_for`).
        self.disclaimer = disclaimer
        #: Whether a table of contents follows the cover block.
        self.toc = toc

    def effective_disclaimer(self, language: Language) -> str:
        """The disclaimer as printed: the one typed, else the standard one of ``language`` (this version's)."""
        return self.disclaimer or disclaimer_for(self.kind, language)

    def reference_line(self, language: Language) -> str:
        """The cover's reference line: ``182 SPE 24 E | Original: English | October 2024``,
        labelled in the words of ``language`` (this version's: French puts a space before the colon)."""
        return reference_line(self.reference, self.original, self.issued, language)


class Brief(Record):
    """A whole policy brief. Its ``takeaways`` are a :class:`Body`: blocks, or derived from typed text."""

    FIELDS = ("meta", "takeaways", "sections", "footnotes", "sources", "words", "budget", "notes", "translation")
    takeaways = Body()

    def __init__(self, meta: Meta | None = None, takeaways: list[Block] | tuple = (),
                 sections: list[Section] | None = None, footnotes: dict[str, str] | None = None,
                 sources: list[Source] | None = None, words: list[str] | None = None,
                 budget: Budget | None = None, notes: list[Note] | None = None,
                 translation: Translation | None = None) -> None:
        self.meta = Meta() if meta is None else meta
        self.takeaways = takeaways
        self.sections: list[Section] = [] if sections is None else sections
        #: Footnote texts by stable id, in the order the file lists them. The printed
        #: number comes from the order of first reference (:func:`briefbook.model.footnote_order`).
        self.footnotes: dict[str, str] = {} if footnotes is None else footnotes
        self.sources: list[Source] = [] if sources is None else sources
        #: Words the brief's authors taught the spell checker (names, acronyms), shared through the file.
        self.words: list[str] = [] if words is None else words
        #: The length the whole brief should keep within.
        self.budget = Budget() if budget is None else budget
        #: Reviewers' notes on the cover's fields, the key takeaways and the footnotes; a section's
        #: notes are the section's own, so they move with it.
        self.notes: list[Note] = [] if notes is None else notes
        #: The other-language version this brief is linked to, if any.
        self.translation = translation


__all__ = [
    "KNOWN_KINDS", "Block", "Body", "Brief", "Budget", "Bullet", "BulletList", "Heading", "Language", "Meta",
    "Paragraph", "Section", "Source", "Translation", "block_texts", "body_holder", "body_text", "disclaimer_for",
    "set_body_text",
]
