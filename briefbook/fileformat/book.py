"""The book file, ``NAME.book.yaml`` ⇄ :class:`briefbook.model.book.Book`, and the briefs it binds.

A book file is read the way a brief is — the safe event stream (:mod:`.compose`), the
reader's walk with every problem at ``FILE:LINE:COLUMN`` (:class:`.reader.Reader`) — and
written canonically (saving the file it wrote gives the same bytes), atomically and with
the ``~`` backup (:func:`briefbook.atomic.write_checked` through :func:`save_book`).

:func:`read_book` reads the book and then each brief it names, relative to the book's
folder, with the brief reader (:func:`briefbook.fileformat.read`). A brief that is missing
or has errors is a problem at the line of its entry in the book file, naming the brief's
path, and the other briefs still load: one broken brief does not keep a delegation from
its book. Documented in ``docs/format.md`` (*Books*) and ``resources/book.schema.json``.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from yaml.nodes import MappingNode, ScalarNode

from briefbook.fileformat import source
from briefbook.fileformat.compose import compose
from briefbook.fileformat.linemap import FILE_START, Position
from briefbook.fileformat.reader import Reader, describe
from briefbook.filekinds import NotOrdinaryFile, read_ordinary
from briefbook.model import Brief
from briefbook.model.book import FOOTNOTE_NUMBERINGS, Book, BookCover
from briefbook.problems import Problem, SaveError, Severity
from briefbook.record import Record

#: The key a book file starts with, holding the book format's version: what tells a book from a brief.
BOOK_KEY = "book"
BOOK_VERSION = 1
BOOK_SUFFIX = ".book.yaml"
TOP_KEYS = (BOOK_KEY, "title", "cover", "footnotes", "briefs")
COVER_KEYS = BookCover.FIELDS


class BookEntry(Record):
    """One brief of a loaded book: its entry as written, where it is, and the brief (``None`` if broken)."""

    __slots__ = FIELDS = ("entry", "path", "position", "brief")

    def __init__(self, entry: str, path: Path, position: Position, brief: Brief | None = None) -> None:
        self.entry = entry
        self.path = path
        #: Where the entry is written in the book file.
        self.position = position
        self.brief = brief


class BookResult(Record):
    """What reading a book gives: the book (``None`` if the book file itself has errors), its briefs, problems."""

    __slots__ = FIELDS = ("book", "briefs", "problems")

    def __init__(self, book: Book | None, briefs: list[BookEntry] | None = None,
                 problems: list[Problem] | None = None) -> None:
        self.book = book
        self.briefs: list[BookEntry] = [] if briefs is None else briefs
        #: The book file's problems and those of each brief, each with its file, line and column.
        self.problems: list[Problem] = [] if problems is None else problems

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def loaded(self) -> list[tuple[BookEntry, Brief]]:
        """The briefs that loaded, in the book's order."""
        return [(entry, entry.brief) for entry in self.briefs if entry.brief is not None]


def is_book_path(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a book: by its ``.book.yaml`` name, or else by its first key (``book:``)."""
    name = os.fspath(path)
    if name.endswith(BOOK_SUFFIX):
        return True
    if not name.endswith((".yaml", ".yml")):
        return False
    try:
        head = read_ordinary(name, 4096)
    except (OSError, ValueError, NotOrdinaryFile):
        return False
    for line in head.decode("utf-8", "replace").splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return stripped.startswith(f"{BOOK_KEY}:")
    return False


class _BookReader(Reader):
    """The brief reader's walk and reporting, over a book's keys."""

    def book(self, root) -> tuple[Book | None, list[Position]]:
        if root is None or not isinstance(root, MappingNode):
            where = root if root is not None else None
            message = f"this is not a book: a book file starts with the line '{BOOK_KEY}: {BOOK_VERSION}'"
            if where is None:
                self.problems.append(Problem(Severity.ERROR, message, (), "", *FILE_START))
            else:
                self.error(where, f"{message}, found {describe(where)}")
            return None, []
        keys = {k.value: v for k, v in root.value if isinstance(k, ScalarNode)}
        version = keys.get(BOOK_KEY)
        if version is None:
            self.error(root, f"this is not a book: the key '{BOOK_KEY}: {BOOK_VERSION}' is missing; add it as "
                       "the first line")
            return None, []
        if not (isinstance(version, ScalarNode) and version.value.strip() == str(BOOK_VERSION)):
            self.error(version, f"expected the book format version '{BOOK_KEY}: {BOOK_VERSION}', found "
                       f"{describe(version)}")
            return None, []
        book, positions = Book(), []
        for key, key_node, value in self.pairs(root, (), TOP_KEYS, "a book", "the book"):
            self.at((key,), key_node)
            if key == "title":
                book.title = self.text(value, ("title",))
            elif key == "cover":
                for name, _, text in self.pairs(value, ("cover",), COVER_KEYS, "the cover's key: value lines",
                                                "the book's cover"):
                    setattr(book.cover, name, self.text(text, ("cover", name)))
                if book.cover.language not in ("en", "fr"):
                    self.error(value, f"expected the language 'en' or 'fr', found '{book.cover.language}'",
                               ("cover", "language"))
            elif key == "footnotes":
                numbering = self.text(value, ("footnotes",))
                if numbering in FOOTNOTE_NUMBERINGS:
                    book.footnotes = numbering
                else:
                    self.error(value, "expected how footnotes are numbered, 'per-brief' (from 1 in each brief) or "
                               f"'book' (on through the book), found {describe(value)}", ("footnotes",))
            elif key == "briefs":
                for item in self.items(value, ("briefs",), "a list of briefs' paths"):
                    entry = self.text(item, ("briefs", len(book.entries)), "a brief's path")
                    if not entry.strip():
                        self.error(item, "expected a brief's path relative to the book's folder, found nothing",
                                   ("briefs", len(book.entries)))
                        continue
                    book.entries.append(entry)
                    positions.append((item.start_mark.line + 1, item.start_mark.column + 1))
        return (None if self.errors else book), positions


def loads_book(text: str | bytes, filename: str = "<string>") -> tuple[Book | None, list[Position], list[Problem]]:
    """The book in ``text``, where each entry is written, and the problems at ``filename:LINE:COLUMN``."""
    if isinstance(text, bytes):
        decoded, problems = source.decode(text)
        if decoded is None:
            return None, [], [p.located(filename, p.line or 1, p.column or 1) for p in problems]
        text = decoded
    composed = compose(text.removeprefix("\ufeff"))
    if composed.problems:
        return None, [], [p.located(filename, p.line or 1, p.column or 1) for p in composed.problems]
    reader = _BookReader()
    book, positions = reader.book(composed.root)
    problems = [p.located(filename, p.line or 1, p.column or 1) for p in reader.problems]
    return book, positions, sorted(problems, key=lambda p: (p.line, p.column))


def read_book(path: str | os.PathLike[str]) -> BookResult:
    """Read the book at ``path`` and each of its briefs. Never raises for bad input."""
    name = os.fspath(path)
    try:
        data = read_ordinary(name, source.MAX_FILE_BYTES + 1)
    except NotOrdinaryFile as exc:
        return BookResult(None, [], [Problem(Severity.ERROR, f"cannot read the book: {exc}", (), name, 1, 1)])
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or exc.__class__.__name__
        return BookResult(None, [], [Problem(Severity.ERROR, f"cannot read the book: {reason}", (), name, 1, 1)])
    book, positions, problems = loads_book(data, name)
    result = BookResult(book, [], problems)
    if book is None:
        return result
    from briefbook.fileformat import read

    folder = Path(name).parent
    for entry, position in zip(book.entries, positions, strict=True):
        brief_path = folder / entry
        loaded = BookEntry(entry, brief_path, position)
        result.briefs.append(loaded)
        if not brief_path.exists():
            result.problems.append(Problem(Severity.ERROR, f"the brief {entry} is missing (no file at "
                                           f"{brief_path}); the book is made without it",
                                           ("briefs", len(result.briefs) - 1), name, *position))
            continue
        read_result = read(brief_path)
        result.problems.extend(read_result.problems)
        if read_result.brief is None:
            reason = read_result.errors[0].message if read_result.errors else "it could not be read"
            result.problems.append(Problem(Severity.ERROR, f"the brief {entry} has errors and is left out of the "
                                           f"book: {reason}", ("briefs", len(result.briefs) - 1), name, *position))
        loaded.brief = read_result.brief
    return result


def dumps_book(book: Book) -> str:
    """The canonical text of a book file: keys in order, the cover's empty fields left out."""
    from briefbook.fileformat.writer import scalar  # loaded to write a book, not by every read of a brief

    out = [f"{BOOK_KEY}: {BOOK_VERSION}\n", "title: ", scalar(book.title, 0)]
    cover = [(name, getattr(book.cover, name)) for name in COVER_KEYS if getattr(book.cover, name)]
    if cover:
        out.append("cover:\n")
        for name, value in cover:
            out.extend((f"  {name}: ", scalar(value, 2)))
    out.append(f"footnotes: {book.footnotes}\n")
    if book.entries:
        out.append("briefs:\n")
        for entry in book.entries:
            out.extend(("  - ", scalar(entry, 2)))
    return "".join(out)


def relative_entry(brief: str | os.PathLike[str], book_path: str | os.PathLike[str]) -> str:
    """The entry that names ``brief`` from the folder of ``book_path``: relative, ``/`` between folders."""
    folder = Path(book_path).absolute().parent
    relative = os.path.relpath(Path(brief).absolute(), folder)
    return PurePosixPath(*Path(relative).parts).as_posix()


def save_book(book: Book, path: str | os.PathLike[str]):
    """Write the book canonically and atomically, keeping the previous version as ``path~``.

    The same steps as a brief's save (:func:`briefbook.fileformat.saving.save`); raises :class:`SaveError`.
    """
    from briefbook.fileformat import saving

    try:
        text = dumps_book(book)
    except Exception as exc:  # a fault in the model must not reach the user as a traceback
        raise SaveError(f"Cannot write {os.fspath(path)}: {exc.__class__.__name__}: {exc}.") from exc
    return saving.save_bytes(text.encode("utf-8", "surrogatepass"), path)


__all__ = ["BOOK_KEY", "BOOK_SUFFIX", "BookEntry", "BookResult", "dumps_book", "is_book_path", "loads_book",
           "read_book", "relative_entry", "save_book"]
