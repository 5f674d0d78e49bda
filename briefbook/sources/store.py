"""Where a brief keeps its sources' texts: ``NAME.sources/`` beside ``NAME.brief.yaml``.

Adding a source extracts its text once (:mod:`briefbook.sources.extract`) and stores it
in that folder, named in the brief relative to the brief's folder and with the sha256
of its bytes. The brief then keeps its sources when the originals move or vanish, a
colleague who receives the brief with its folder has them too, and a stored text that
was changed since (by hand, or replaced by another) is told apart from the one the
quotations were checked against.

Reading never raises for a source: a missing, changed or unreadable text is a warning
at the source's ``file`` field, so the brief opens, checks and exports as before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import unicodedata
from pathlib import Path

from briefbook.filekinds import read_ordinary
from briefbook.markup import escape
from briefbook.model import Brief, Source
from briefbook.problems import Problem, SaveError, warning
from briefbook.record import Record, Value

#: The largest stored text read back (fifty pages of text are about 150 kB).
READ_LIMIT = 64 << 20

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
}
_SLUG_OUT = re.compile(r"[^a-z0-9]+")


class SourceText(Value):
    """The stored text of the source at ``index`` in ``brief.sources``."""

    __slots__ = FIELDS = ("index", "source", "text")

    def __init__(self, index: int, source: Source, text: str) -> None:
        self.index = index
        self.source = source
        self.text = text


class SourceSet(Record):
    """What the sources of a brief hold: the texts that could be read, and what is wrong with the others."""

    __slots__ = FIELDS = ("texts", "problems")

    def __init__(self, texts: list[SourceText] | None = None, problems: list[Problem] | None = None) -> None:
        self.texts: list[SourceText] = [] if texts is None else texts
        self.problems: list[Problem] = [] if problems is None else problems


def brief_name(brief_path: Path) -> str:
    """``182-SPE-24-E`` for ``182-SPE-24-E.brief.yaml`` (or ``.yaml``/``.yml``)."""
    name = brief_path.name
    for suffix in (".brief.yaml", ".brief.yml", ".yaml", ".yml"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def sources_folder(brief_path: Path) -> Path:
    """The folder beside the brief that holds its sources' texts."""
    return brief_path.parent / f"{brief_name(brief_path)}.sources"


def checksum_of(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def slug(text: str, limit: int = 60) -> str:
    """A file name's stem made of ``text``: ASCII letters, digits and hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    stem = _SLUG_OUT.sub("-", ascii_text.lower()).strip("-")[:limit].strip("-")
    return stem or "source"


def _free_name(folder: Path, stem: str) -> Path:
    target = folder / f"{stem}.txt"
    number = 2
    while target.exists():
        target = folder / f"{stem}-{number}.txt"
        number += 1
    return target


def add_source(brief_path: Path, original: Path, *, title: str = "", url: str = "", date: str = "") -> Source:
    """Extract ``original``'s text into the brief's sources folder; the :class:`Source` that names it.

    The brief itself is neither changed nor saved: the caller adds the source to it (one
    undo step in the editor, a save on the command line). Raises
    :class:`~briefbook.sources.extract.SourceError` for a file that cannot be read as a
    source and :class:`SaveError` when the folder cannot be written; nothing is half-written.
    """
    from briefbook.atomic import describe_os_error, write_atomic  # writing is loaded to add, not to read
    from briefbook.sources.extract import extract_text

    if date:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise SaveError(f"'{date}' is not a date: write it as YYYY-MM-DD, e.g. 2024-10-18.") from None
    original = Path(original)
    extracted = extract_text(original)
    folder = sources_folder(Path(brief_path))
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise SaveError(describe_os_error(exc, folder)) from exc
    target = _free_name(folder, slug(original.stem))
    data = extracted.text.encode("utf-8")
    write_atomic(target, data)
    relative = Path(os.path.relpath(target, Path(brief_path).parent)).as_posix()
    return Source(title=title.strip() or extracted.title.strip() or original.stem, url=url.strip(),
                  file=relative, date=date, checksum=checksum_of(data))


#: Stored texts read before, by path: (modification time, size, bytes' checksum, text).
_read: dict[Path, tuple[int, int, str, str]] = {}


def _stored(path: Path) -> tuple[str, str]:
    """The checksum and text of the stored file ``path``, read again only when it changed on disk."""
    status = path.stat()
    kept = _read.get(path)
    if kept is not None and kept[:2] == (status.st_mtime_ns, status.st_size):
        return kept[2], kept[3]
    data = read_ordinary(path, READ_LIMIT + 1)
    if len(data) > READ_LIMIT:
        raise ValueError(f"it is larger than {READ_LIMIT >> 20} MB")
    text = data.decode("utf-8", "replace").replace("\r\n", "\n")
    _read[path] = (status.st_mtime_ns, status.st_size, checksum_of(data), text)
    return _read[path][2], text


def read_sources(brief_path: Path | None, brief: Brief) -> SourceSet:
    """The stored text of every source with a ``file``, and a warning for each that is missing or changed.

    A text changed since it was added is still used (the analyst may have mended it on
    purpose), with a warning; relative names are read from the brief's folder, and a
    brief never saved has no folder, so its sources' files are not looked for.
    """
    found = SourceSet()
    folder = Path(brief_path).parent if brief_path is not None else None
    for index, source in enumerate(brief.sources):
        if not source.file:
            continue
        where = ("sources", index, "file")
        if folder is None:
            found.problems.append(warning(f"the text of source {index + 1} ({source.file}) is looked for beside "
                                          "the brief: save the brief first", where))
            continue
        path = folder / source.file
        try:
            checksum, text = _stored(path)
        except FileNotFoundError:
            found.problems.append(warning(f"the text of source {index + 1} is missing: {path} does not exist "
                                          "(add the source again, or copy its folder beside the brief)", where))
            continue
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            found.problems.append(warning(f"the text of source {index + 1} cannot be read: {path}: {reason}",
                                          where))
            continue
        if source.checksum and checksum != source.checksum:
            found.problems.append(warning(f"the text of source {index + 1} ({source.file}) has changed since it "
                                          "was added; quotations are checked against it as it is now", where))
        found.texts.append(SourceText(index, source, text))
    return found


def state_of(brief_path: Path | None, brief: Brief, index: int) -> str:
    """``ok``, ``missing``, ``changed``, ``unreadable`` or ``no local copy`` for the source at ``index``."""
    source = brief.sources[index]
    if not source.file:
        return "no local copy"
    if brief_path is None:
        return "missing"
    try:
        checksum, _ = _stored(Path(brief_path).parent / source.file)
    except FileNotFoundError:
        return "missing"
    except (OSError, ValueError):
        return "unreadable"
    return "changed" if source.checksum and checksum != source.checksum else "ok"


def written_date(date: str, language: str = "en") -> str:
    """``18 October 2024`` (``18 octobre 2024`` in French) for ``2024-10-18``; other text as it is."""
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        return date
    months = _MONTHS.get(language, _MONTHS["en"])
    return f"{day.day} {months[day.month - 1]} {day.year}"


def citation(source: Source, language: str = "en") -> str:
    """The footnote text citing ``source`` in the house style: ``[Title](URL), 18 October 2024.``

    The title links to the address when there is one, as the sample's footnote links
    the press release; its markup characters are escaped so it prints as written.
    """
    title = escape(source.title.strip()) or "Source"
    text = f"[{title}]({source.url.strip()})" if source.url.strip() else title
    if source.date:
        text += f", {written_date(source.date, language)}"
    return text if text.endswith(".") else text + "."

