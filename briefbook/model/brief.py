"""The brief as plain Python objects.

Everything in Briefbook — the file format, the checks, the editor, the preview and
the DOCX writer — reads and writes these classes and nothing else. They hold text as
the analyst typed it, inline markup included (see :mod:`briefbook.markup`); numbers of
sections and footnotes are never stored, because they are derived from order and
would otherwise go stale the moment a section moves.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

#: Kinds of document the Assembly publishes; the disclaimer is worded after the kind.
KNOWN_KINDS = ("Policy Brief", "Information Document", "Report", "Background Paper")

#: Language codes Briefbook knows, with the word used on the cover's ``Original:`` line
#: and the proofing language Word is told to use.
LANGUAGES = {
    "en": ("English", "en-GB"),
    "fr": ("French", "fr-FR"),
}


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


class Body:
    """A body (the key takeaways, a section's blocks) held as blocks or as the text typed for it.

    The editor edits a body as text (:mod:`briefbook.model.bodytext`); everything else
    reads blocks. Rather than keep the two forms in step by hand, a body stores
    whichever was given last and derives the other when it is read: setting
    ``section.body`` to blocks drops any typed text, setting the typed text (see
    :func:`set_body_text`) drops the blocks, which are parsed again on the next read.
    So no reader can see blocks older than the text, and undoing typing restores the
    text exactly as it was typed, not as the blocks would print it.

    It is a data descriptor used as a dataclass field's default, so ``Section(title,
    body=[...])``, equality, ``repr`` and ``copy.deepcopy`` all see the blocks.
    Derived blocks belong to the body: change a body by setting it, never by mutating
    the list a read returned.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self._blocks = f"_{name}_blocks"
        self._text = f"_{name}_text"
        self._replaced = f"_{name}_replaced"

    def __get__(self, obj: object, owner: type | None = None) -> list[Block]:
        if obj is None:
            return ()  # type: ignore[return-value]  # the field's default, as dataclasses asks for it
        blocks = obj.__dict__.get(self._blocks)
        if blocks is None:
            from briefbook.model.bodytext import from_text

            blocks = from_text(obj.__dict__.get(self._text) or "")
            obj.__dict__[self._blocks] = blocks
            replaced = obj.__dict__.pop(self._replaced, None)
            if replaced:  # texts typed over are no use to the parse cache any more
                from briefbook.markup import forget

                forget(set(block_texts(replaced)) - set(block_texts(blocks)))
        return blocks

    def __set__(self, obj: object, blocks: list[Block]) -> None:
        obj.__dict__[self._blocks] = blocks if isinstance(blocks, list) else list(blocks)
        obj.__dict__[self._text] = None
        obj.__dict__.pop(self._replaced, None)

    def text(self, obj: object) -> str:
        """The body's text as typed, or made from its blocks when it was never typed."""
        typed = obj.__dict__.get(self._text)
        if typed is not None:
            return typed
        from briefbook.model.bodytext import to_text

        return to_text(self.__get__(obj))

    def set_text(self, obj: object, text: str) -> None:
        old = obj.__dict__.get(self._blocks)
        if old is not None:  # kept until the blocks are derived again, to compare their texts
            obj.__dict__[self._replaced] = old
        obj.__dict__[self._text] = text
        obj.__dict__[self._blocks] = None



@dataclass
class Section:
    """A numbered section; ``sections`` are its sub-sections one level down (I. → A. → 1.)."""

    title: str
    body: list[Block] = Body()  # type: ignore[assignment]  # blocks, or derived from typed text
    sections: list[Section] = field(default_factory=list)


@dataclass
class Source:
    """Material the brief was drafted from; ``file`` is an optional local copy of its text."""

    title: str
    url: str = ""
    file: str = ""


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

    def effective_disclaimer(self) -> str:
        return self.disclaimer or disclaimer_for(self.kind, self.language)

    def reference_line(self) -> str:
        """The cover's reference line: ``182 SPE 24 E | Original: English | October 2024``.

        French typography puts a (non-breaking) space before the colon.
        """
        label = "Original\u00a0:" if self.language == "fr" else "Original:"
        original = f"{label} {self.original}" if self.original else ""
        return " | ".join(p for p in (self.reference, original, self.issued) if p)


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


def disclaimer_for(kind: str, language: str = "en") -> str:
    """The standard disclaimer for a document kind, in the language of the version."""
    if language == "fr":
        kind = kind.strip() or "Document d'information"
        return (
            f"Ce {kind} est présenté pour information seulement et ne représente pas "
            "la position officielle de l'Assemblée."
        )
    kind = kind.strip() or "Policy Brief"
    return f"This {kind} is presented for information only and does not represent the official view of the Assembly."


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


def body_holder(owner: Brief | Section) -> tuple[object, Body]:
    """The object and descriptor holding the body of ``owner``: the brief's takeaways, a section's body."""
    name = "takeaways" if isinstance(owner, Brief) else "body"
    return owner, vars(type(owner))[name]


def body_text(owner: Brief | Section) -> str:
    """The text of the takeaways (``owner`` a brief) or of a section's body, as last typed."""
    obj, body = body_holder(owner)
    return body.text(obj)


def set_body_text(owner: Brief | Section, text: str) -> None:
    """Set the takeaways' or a section's body from typed text; its blocks follow on the next read."""
    obj, body = body_holder(owner)
    body.set_text(obj, text)
