"""Problems found in a brief, reported the way compilers do: ``FILE:LINE:COLUMN: severity: message``.

A problem found while reading a file knows its line; one found by the checks on the
model knows its *address* (see :mod:`briefbook.model.address`), and the file format
maps the address to a line when it can. The editor uses the address to jump to the
place.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from briefbook.model.address import Address
from briefbook.record import Value


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Problem(Value):
    """An error or warning, where in the brief it is and, once known, where in the file."""

    __slots__ = FIELDS = ("severity", "message", "path", "file", "line", "column")

    def __init__(self, severity: Severity, message: str, path: Iterable[object] = (), file: str = "",
                 line: int = 0, column: int = 0) -> None:
        self.severity = severity
        self.message = message
        #: Where in the brief; empty when the problem is about the file itself. Always an
        #: :class:`Address`, whatever sequence of keys it was made with.
        self.path = path if isinstance(path, Address) else Address.of(path)
        self.file = file
        #: 1-based; 0 when unknown.
        self.line = line
        self.column = column

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def located(self, file: str, line: int, column: int) -> Problem:
        return Problem(self.severity, self.message, self.path, file, line, column)

    def format(self) -> str:
        where = self.file or "<brief>"
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.severity.value}: {self.message}"

    __str__ = format


def error(message: str, path: Iterable[object] = ()) -> Problem:
    return Problem(Severity.ERROR, message, Address.of(path))


def warning(message: str, path: Iterable[object] = ()) -> Problem:
    return Problem(Severity.WARNING, message, Address.of(path))


class BriefError(Exception):
    """Raised when a brief cannot be loaded; carries every problem found, errors first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (not p.is_error, p.line, p.column))
        super().__init__("\n".join(p.format() for p in self.problems))


class SaveError(Exception):
    """Raised when a file cannot be written; the message names the file and the reason.

    Whatever was at the target before is left exactly as it was.
    """
