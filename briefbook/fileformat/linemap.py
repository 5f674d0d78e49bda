"""Where each place of a brief starts in its file: address → (line, column).

The reader records the start of every value it reads, so that a problem the checks
find later on the model, which knows only its :class:`Address`, can still be printed
at ``FILE:LINE:COLUMN`` — and the editor can offer "show in file" for any place.

The reader keys what it records by plain tuples: an :class:`Address` equals and hashes
as its tuple, so either looks a place up, and building tens of thousands of address
objects on every read of a long brief would cost about a tenth of the read. Addresses
come out typed when the map is iterated.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from briefbook.model import Address

#: A 1-based (line, column) in the file.
Position = tuple[int, int]

#: Where a place is said to be when nothing about it, or what holds it, is known.
FILE_START: Position = (1, 1)


class LineMap(Mapping[Address, Position]):
    """The positions one read recorded; looked up by :class:`Address` or by plain tuple."""

    __slots__ = ("_starts",)

    def __init__(self, starts: dict[tuple, Position] | None = None):
        self._starts: dict[tuple, Position] = {} if starts is None else starts

    def __getitem__(self, address: Iterable[object]) -> Position:
        return self._starts[address if isinstance(address, tuple) else tuple(address)]

    def __contains__(self, address: object) -> bool:
        return address in self._starts

    def __iter__(self) -> Iterator[Address]:
        return (Address(key) for key in self._starts)

    def __len__(self) -> int:
        return len(self._starts)

    def locate(self, address: Iterable[object]) -> Position:
        """(line, column) of ``address``; of the nearest enclosing place known, else the file's start."""
        key = tuple(address)
        starts = self._starts
        while key:
            found = starts.get(key)
            if found is not None:
                return found
            key = key[:-1]
        return starts.get((), FILE_START)

    def __repr__(self) -> str:
        return f"LineMap({len(self)} places)"


def offset_position(lines: list[str], start: Position, text: str, offset: int) -> Position:
    """Where character ``offset`` of the value ``text`` sits in the file whose ``lines`` hold it.

    ``start`` is where the value starts (as the reader recorded it). The writer's styles are
    followed: a literal block (``|``), a single-quoted text (``''`` for a quote), a
    double-quoted one (escapes), and plain text; a value written by hand in another style
    is placed as well as its first line allows.
    """
    line, column = start
    first = lines[line - 1] if 0 < line <= len(lines) else ""
    opener = first[column - 1:column]
    if opener in ("|", ">"):
        before = text[:offset]
        row = line + 1 + before.count("\n")
        content = next((lines[i] for i in range(line, len(lines)) if lines[i].strip()), "")
        indent = len(content) - len(content.lstrip(" "))
        return row, indent + 1 + len(before) - (before.rfind("\n") + 1)
    if opener == "'":
        return line, column + 1 + offset + text[:offset].count("'")
    if opener == '"':
        from briefbook.fileformat.writer import double_quoted

        return line, column + len(double_quoted(text[:offset])) - 1
    return line, column + offset
