"""Plain classes of named fields, compared, shown and copied by those fields.

The model, the markup's runs and what reading and checking a brief produce are made
by the ten thousand and imported by every command. As dataclasses, each of them had
an ``__init__``, ``__eq__`` and ``__repr__`` written out and compiled at import, and
``dataclasses`` imports ``inspect`` to do it: together a third of what ``briefbook
check`` spent before it read a byte. So these classes write their ``__init__`` as
plain code, which is compiled once into the module's bytecode and runs faster than a
generated one, and take the rest from :class:`Record` or :class:`Value`::

    class Step(Record):
        __slots__ = FIELDS = ("tag", "start", "end")

        def __init__(self, tag: str, start: int, end: int) -> None:
            self.tag = tag
            ...

``FIELDS`` names the fields in the order ``__init__`` takes them; most classes keep
them in ``__slots__`` too, so the many small objects of a long brief carry no
``__dict__``. A class whose fields are not all stored under their own names (a
section's body is a :class:`briefbook.model.body.Body`) leaves ``__slots__`` out.
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from typing import Self


class Record:
    """Fields compared with ``==`` by value and shown by ``repr``; changed in place, so never hashed.

    ``COMPARED`` names the fields equality looks at when a class leaves some out (a
    run's place in its source text does not make it another run); it is all of
    ``FIELDS`` otherwise. Two records are equal only when they are of the same class.
    """

    __slots__ = ()
    #: The fields, in the order ``__init__`` takes them.
    FIELDS: ClassVar[tuple[str, ...]] = ()
    #: The fields ``==`` (and a :class:`Value`'s hash) look at: all of ``FIELDS`` unless a class says.
    COMPARED: ClassVar[tuple[str, ...]] = ()
    _compared: ClassVar[attrgetter]

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "COMPARED" not in cls.__dict__:
            cls.COMPARED = cls.FIELDS
        cls._compared = attrgetter(*cls.COMPARED) if cls.COMPARED else attrgetter("__class__")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._compared(self) == self._compared(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a record changes in place

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS)
        return f"{type(self).__qualname__}({shown})"

    def replace(self, **changes: object) -> Self:
        """A new one with ``changes`` made to its fields, the others as they are (as ``dataclasses.replace``)."""
        values = {name: getattr(self, name) for name in self.FIELDS}
        unknown = changes.keys() - values.keys()
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(sorted(unknown))}")
        values.update(changes)
        return type(self)(**values)


class Value(Record):
    """A record that is not changed once made (a new one is made with :meth:`replace`), so it is hashed by value."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self._compared(self))
