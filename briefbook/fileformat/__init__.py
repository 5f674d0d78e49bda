"""The brief file format, version 1: a ``.brief.yaml`` file ⇄ the model.

Reading never raises for bad input: :func:`read` and :func:`loads` return a
:class:`LoadResult` whose problems say, at ``FILE:LINE:COLUMN``, what is wrong and
what to do. Only the safe YAML parser is used, and only its event stream (see
:mod:`briefbook.fileformat.compose`), so no file can run code, expand an alias bomb
or smuggle in a tag. Writing is canonical (:mod:`briefbook.fileformat.writer`),
atomic, and keeps the previous version of the file as ``NAME~``
(:mod:`briefbook.fileformat.saving`, the one place that policy lives). The format is
documented for users in ``docs/format.md`` and described for editors by
``resources/brief.schema.json``.
"""

from __future__ import annotations

import errno
import gc
import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from briefbook.checks import check
from briefbook.fileformat import source
from briefbook.fileformat.comments import has_comments
from briefbook.fileformat.compose import compose as compose_nodes
from briefbook.fileformat.disk import DiskVersion
from briefbook.fileformat.linemap import LineMap, Position
from briefbook.fileformat.reader import FORMAT_VERSION, Reader
from briefbook.filekinds import NotOrdinaryFile, read_ordinary
from briefbook.model import Brief
from briefbook.problems import BriefError, Problem, Severity
from briefbook.record import Record

if TYPE_CHECKING:
    from briefbook.fileformat.saving import SaveResult

__all__ = ["FORMAT_VERSION", "LineMap", "LoadResult", "dumps", "load", "loads", "read", "save"]


class LoadResult(Record):
    """What reading a brief file gives: the brief (``None`` if there are errors) and every problem."""

    __slots__ = FIELDS = ("brief", "problems", "had_comments", "positions", "disk")

    def __init__(self, brief: Brief | None, problems: list[Problem] | None = None, had_comments: bool = False,
                 positions: LineMap | None = None, disk: DiskVersion | None = None) -> None:
        self.brief = brief
        #: Errors and warnings, reader's and checks', each with file, line and column set, in file order.
        self.problems: list[Problem] = [] if problems is None else problems
        #: The file held YAML comments, which saving will not keep.
        self.had_comments = had_comments
        #: Where each place starts in the file (1-based line, column), by address.
        self.positions = LineMap() if positions is None else positions
        #: The version of the file that was read (``None`` when the text did not come from a file).
        self.disk = disk

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def locate(self, address: Iterable[object]) -> Position:
        """(line, column) of an address in the file; the nearest enclosing place known, else (1, 1)."""
        return self.positions.locate(address)


def loads(text: str | bytes, filename: str = "<string>") -> LoadResult:
    """Read a brief from text or bytes. Never raises for bad input."""
    try:
        result = _loads(text)
    except RecursionError:
        result = LoadResult(None, [_file_error("the file is nested too deeply to read")])
    except Exception as exc:  # an internal fault must still reach the user as a message
        result = LoadResult(None, [_file_error(
            f"internal error while reading ({exc.__class__.__name__}: {exc}); "
            "please report this, with the file if you can")])
    return _finish(result, filename)


def read(path: str | os.PathLike[str]) -> LoadResult:
    """Read a brief file. Never raises: an unreadable file is a problem like any other.

    A folder, a named pipe, a device or a socket is refused at once, without being
    opened for long enough to wait on it (see :mod:`briefbook.filekinds`).
    """
    name = os.fspath(path)
    try:
        found = os.stat(name)  # before reading: a change made meanwhile then shows as one
        if stat.S_ISREG(found.st_mode) and found.st_size > source.MAX_FILE_BYTES:
            return _finish(LoadResult(None, [source.too_large(found.st_size)]), name)
        # a file may grow while it is read: read no more than the limit allows
        data = read_ordinary(name, source.MAX_FILE_BYTES + 1)
        if len(data) > source.MAX_FILE_BYTES:
            return _finish(LoadResult(None, [source.too_large(None)]), name)
    except NotOrdinaryFile as exc:
        message = "this is a folder, not a brief file" if exc.is_folder else f"cannot read the file: {exc}"
        return _finish(LoadResult(None, [_file_error(message)]), name)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        if exc.errno == errno.ENAMETOOLONG:
            reason = "the file name is too long for this disk"
        return _finish(LoadResult(None, [_file_error(f"cannot read the file: {reason}")]), name)
    except ValueError:  # a name no file system accepts (a NUL inside it)
        return _finish(LoadResult(None, [_file_error(
            "cannot read the file: the name is not valid (it holds a NUL character)")]), name)
    result = loads(data, name)
    result.disk = DiskVersion.of(data, found)
    return result


def load(path: str | os.PathLike[str]) -> Brief:
    """Read a brief file, or raise :class:`BriefError` listing its problems, errors first."""
    result = read(path)
    if result.brief is None:
        raise BriefError(result.problems)
    return result.brief


def dumps(brief: Brief) -> str:
    """The brief as canonical YAML text (see :mod:`briefbook.fileformat.writer`)."""
    # imported here: reading a brief, as ``briefbook export`` and the editor's start do,
    # needs neither the writer nor the atomic file writer
    from briefbook.fileformat.writer import dumps as write

    return write(brief)


def save(brief: Brief, path: str | os.PathLike[str]) -> SaveResult:
    """Write the brief canonically and atomically, keeping the previous version as ``path~``.

    Raises :class:`SaveError` if the brief cannot be written; see
    :func:`briefbook.fileformat.saving.save` for the backup and what the result reports.
    """
    from briefbook.fileformat.saving import save as _save

    return _save(brief, path)


def _file_error(message: str) -> Problem:
    return Problem(Severity.ERROR, message, (), "", 1, 1)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a read builds its many small objects.

    A long brief makes tens of thousands of events and nodes, none in reference cycles;
    without the pause the collector runs over them again and again and reading takes
    twice as long.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _loads(data: str | bytes) -> LoadResult:
    with _collector_paused():
        return _read_text(data)


def _read_text(data: str | bytes) -> LoadResult:
    if isinstance(data, (bytes, bytearray, memoryview)):
        text, problems = source.decode(bytes(data))
        if text is None:
            return LoadResult(None, problems)
    else:
        if len(data) > source.MAX_FILE_BYTES:
            return LoadResult(None, [source.too_large(len(data.encode("utf-8", "surrogatepass")))])
        text = data.removeprefix("\ufeff")
        problems = source.check_characters(text)
        if problems:
            return LoadResult(None, problems)
    composed = compose_nodes(text)
    commented = has_comments(text, composed.spans)
    if composed.problems:
        return LoadResult(None, composed.problems, commented)
    reader = Reader()
    brief = reader.brief(composed.root)
    problems = reader.problems
    if brief is not None:
        found = check(brief)
        if reader.errors:
            # the model misses what the reader skipped; its warnings (an "empty" list whose
            # only item was refused, say) would only confuse
            found = [p for p in found if p.is_error]
        problems.extend(found)
    if any(p.is_error for p in problems):
        brief = None
    return LoadResult(brief, problems, commented, LineMap(reader.positions))


def _finish(result: LoadResult, filename: str) -> LoadResult:
    """Give every problem the file name and a line (checks' problems know only their address)."""
    located = []
    for problem in result.problems:
        if problem.line:
            located.append(problem.located(filename, problem.line, problem.column))
        else:
            located.append(problem.located(filename, *result.locate(problem.path)))
    # checks' problems may repeat a place the reader already reported; show each once
    unique = list(dict.fromkeys(located))
    result.problems = sorted(unique, key=lambda p: (p.line, p.column))
    return result
