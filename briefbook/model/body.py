"""A body held as blocks or as the text typed for it, whichever was given last.

See :class:`Body`. The brief's takeaways and each section's body are ``Body`` fields
(:mod:`briefbook.model.brief`); :func:`body_text` and :func:`set_body_text` are how
the document reads and sets the text the analyst types.
"""

from __future__ import annotations

from briefbook.markup import forget
from briefbook.model.blocks import Block, block_texts
from briefbook.model.bodytext import from_text, to_text


class Body:
    """A body (the key takeaways, a section's blocks) held as blocks or as the text typed for it.

    The editor edits a body as text (:mod:`briefbook.model.bodytext`); everything else
    reads blocks. Rather than keep the two forms in step by hand, a body stores
    whichever was given last and derives the other when it is read: setting
    ``section.body`` to blocks drops any typed text, setting the typed text (see
    :func:`set_body_text`) drops the blocks, which are parsed again on the next read.
    So no reader can see blocks older than the text, and undoing typing restores the
    text exactly as it was typed, not as the blocks would print it.

    It is a data descriptor named among its class's fields (:class:`briefbook.record.Record`),
    so ``Section(title, body=[...])``, equality, ``repr`` and ``copy.deepcopy`` all see the blocks.
    Derived blocks belong to the body: change a body by setting it, never by mutating
    the list a read returned.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self._blocks = f"_{name}_blocks"
        self._text = f"_{name}_text"
        self._replaced = f"_{name}_replaced"

    def __get__(self, obj: object, owner: type | None = None) -> list[Block]:
        if obj is None:
            return self  # type: ignore[return-value]  # the descriptor itself, read from the class
        blocks = obj.__dict__.get(self._blocks)
        if blocks is None:
            blocks = from_text(obj.__dict__.get(self._text) or "")
            obj.__dict__[self._blocks] = blocks
            replaced = obj.__dict__.pop(self._replaced, None)
            if replaced:  # texts typed over are no use to the parse cache any more
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
        return to_text(self.__get__(obj))

    def set_text(self, obj: object, text: str) -> None:
        old = obj.__dict__.get(self._blocks)
        if old is not None:  # kept until the blocks are derived again, to compare their texts
            obj.__dict__[self._replaced] = old
        obj.__dict__[self._text] = text
        obj.__dict__[self._blocks] = None


def body_holder(owner: object) -> tuple[object, Body]:
    """The object and descriptor holding the body of ``owner``: the brief's takeaways, a section's body."""
    for value in vars(type(owner)).values():
        if isinstance(value, Body):
            return owner, value
    raise TypeError(f"{type(owner).__name__} has no body")


def body_text(owner: object) -> str:
    """The text of the takeaways (``owner`` a brief) or of a section's body, as last typed."""
    obj, body = body_holder(owner)
    return body.text(obj)


def set_body_text(owner: object, text: str) -> None:
    """Set the takeaways' or a section's body from typed text; its blocks follow on the next read."""
    obj, body = body_holder(owner)
    body.set_text(obj, text)
