"""Typed addresses of every editable value of a brief.

An :class:`Address` names a place in a brief the way the file format nests it, as a
tuple of keys and indexes — ``("sections", 0, "sections", 1)`` is section I.B.,
``("sections", 0, "body", 2)`` its third block, ``("meta", "title")`` the cover's
title, ``("footnotes", "fn1")`` a footnote's text. The checks, the file format's line
map, the renderers, the editor and (later) find, spell check and review notes all
speak of places by address, so a problem found in the model can be shown at its line
in the file, at its widget in the editor and at its paragraph in the preview.

It *is* a tuple (a subclass with no extra state), so an address equals, hashes and
sorts like the plain tuple it wraps; what the class adds is one place that knows the
grammar of those tuples: which outline entry owns an address, where a section's body
is, what level a section has. Nothing outside this module re-parses the tuples.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

AreaName = Literal["meta", "takeaways", "sections", "footnotes", "sources"]

#: The parts of a brief an address can start with.
AREAS: tuple[str, ...] = ("meta", "takeaways", "sections", "footnotes", "sources")


class Address(tuple):
    """A place in a brief; see the module docstring for the grammar."""

    __slots__ = ()

    def __new__(cls, parts: Iterable[object] = ()) -> Address:
        return super().__new__(cls, tuple(parts))

    @classmethod
    def of(cls, path: Iterable[object]) -> Address:
        """``path`` as an address (itself when it already is one)."""
        return path if isinstance(path, Address) else cls(path)

    # -- constructors ----------------------------------------------------------------------
    @classmethod
    def cover(cls, field: str | None = None) -> Address:
        """The cover block, or one of its fields (``Address.cover("title")``)."""
        return cls(("meta",) if field is None else ("meta", field))

    @classmethod
    def takeaways(cls) -> Address:
        """The key takeaways (their blocks live at this very address)."""
        return cls(("takeaways",))

    @classmethod
    def section(cls, *indexes: int) -> Address:
        """A section by its indexes from the top: ``section(0, 1)`` is I.B."""
        parts: list[object] = []
        for index in indexes:
            parts += ["sections", int(index)]
        return cls(parts)

    @classmethod
    def footnotes(cls, footnote_id: str | None = None) -> Address:
        """The footnotes, or the text of one by its id."""
        return cls(("footnotes",) if footnote_id is None else ("footnotes", footnote_id))

    @classmethod
    def sources(cls, row: int | None = None, field: str | None = None) -> Address:
        """The sources, one source by its row, or one field of it."""
        parts: list[object] = ["sources"]
        if row is not None:
            parts.append(int(row))
            if field is not None:
                parts.append(field)
        return cls(parts)

    # -- what it names --------------------------------------------------------------------------
    @property
    def area(self) -> str:
        """The part of the brief: ``meta``, ``takeaways``, ``sections``, ``footnotes`` or ``sources``."""
        return str(self[0]) if self else "meta"

    def child(self, *parts: object) -> Address:
        """This address extended by ``parts``."""
        return tuple.__new__(Address, self + parts)  # the render walk makes one per printed block

    def _section_end(self) -> int:
        """How many leading parts name the innermost section (0 when the address is in no section)."""
        end = 0
        while end + 2 <= len(self) and self[end] == "sections" and isinstance(self[end + 1], int):
            end += 2
        return end

    @property
    def is_section(self) -> bool:
        """Whether this names a section itself (not its title, body or anything inside)."""
        return bool(self) and self._section_end() == len(self)

    @property
    def in_section(self) -> bool:
        return self._section_end() > 0

    @property
    def section_address(self) -> Address | None:
        """The innermost section this address is in (itself for a section), or ``None``."""
        end = self._section_end()
        return Address(self[:end]) if end else None

    @property
    def section_indexes(self) -> tuple[int, ...]:
        """The innermost section's indexes from the top (``(0, 1)`` for I.B.); ``()`` outside sections."""
        return tuple(int(self[i]) for i in range(1, self._section_end(), 2))  # type: ignore[call-overload]

    @property
    def level(self) -> int:
        """The level of the innermost section (1 for I., 2 for A., 3 for 1.), 0 outside sections."""
        return self._section_end() // 2

    @property
    def index(self) -> int:
        """The last part as a position: a section's index among its siblings, a block's in its body."""
        last = self[-1] if self else None
        if not isinstance(last, int):
            raise ValueError(f"{tuple(self)!r} ends in no index")
        return last

    @property
    def parent_section(self) -> Address:
        """For a section: the section it is a sub-section of, or ``()`` for the top level."""
        return Address(self[:-2])

    def sibling(self, index: int) -> Address:
        """The same kind of place at another position of the same list."""
        return Address((*self[:-1], index))

    @property
    def owner(self) -> Address:
        """The outline entry this address belongs to: the cover, the takeaways, a section, the
        footnotes or the sources. A bullet belongs to its section, a field to the cover."""
        if not self or self[0] in ("meta", "takeaways", "footnotes", "sources"):
            return Address((self.area,))
        return Address(self[: self._section_end()])

    @property
    def body(self) -> Address:
        """Where the blocks edited for this outline entry live: the takeaways, or the section's body."""
        owner = self.owner
        return owner if owner.area == "takeaways" else owner.child("body")

    @property
    def title(self) -> Address:
        """The title of the innermost section."""
        section = self.section_address
        if section is None:
            raise ValueError(f"{tuple(self)!r} is in no section")
        return section.child("title")

    @property
    def is_title(self) -> bool:
        return len(self) >= 3 and self[-1] == "title" and self.in_section and self._section_end() == len(self) - 1

    @property
    def block_suffix(self) -> tuple:
        """The part below the body: ``(2, "bullets", 0)`` for a bullet of a body's third block."""
        if not self:
            return ()
        body = self.body
        if self[: len(body)] != body:
            return ()
        return tuple(self[len(body):])

    @property
    def block(self) -> Address | None:
        """The body block this address is in (the list, for one of its bullets), or ``None`` outside a body.

        A renderer that draws a body block by block keys what it draws by this.
        """
        body = self.body  # found once: the preview's render asks this of every block it draws
        end = len(body)
        if len(self) > end and isinstance(self[end], int) and self[:end] == body:
            return tuple.__new__(Address, self[:end + 1])
        return None

    @property
    def field(self) -> str | None:
        """The cover field, footnote id or source field named, if any."""
        if self.area == "meta" and len(self) >= 2:
            return str(self[1])
        if self.area == "footnotes" and len(self) >= 2:
            return str(self[1])
        if self.area == "sources" and len(self) >= 3:
            return str(self[2])
        return None

    def startswith(self, prefix: Iterable[object]) -> bool:
        prefix = tuple(prefix)
        return self[: len(prefix)] == prefix

    def resolve(self, brief: object) -> object:
        """The object at this address (a section, block, bullet, text or field), or ``None`` if it is gone."""
        node: object = brief
        for key in self:
            try:
                if isinstance(key, int):
                    node = node[key]  # type: ignore[index]
                elif isinstance(node, dict):
                    node = node[key]
                elif key == "bullets":
                    node = node.items  # type: ignore[attr-defined]
                else:
                    node = getattr(node, key)  # type: ignore[arg-type]
            except (IndexError, KeyError, AttributeError, TypeError):
                return None
        return node

    def __repr__(self) -> str:
        return f"Address({tuple(self)!r})"

