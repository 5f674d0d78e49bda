"""Adding plain-text sources until ``briefbook.sources.extract`` is merged (this module goes then).

``briefbook.sources.store.add_source`` extracts with that module; without it, a ``.txt`` or
``.md`` file is read as UTF-8 here and stored the same way (``NAME.sources/``, a checksum),
and any other kind is refused with a message naming the file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from briefbook.atomic import describe_os_error, write_atomic
from briefbook.filekinds import read_ordinary
from briefbook.model import Source
from briefbook.problems import SaveError
from briefbook.sources.store import _free_name, checksum_of, slug, sources_folder

#: The largest file read as a source's text.
LIMIT = 64 << 20


class SourceError(Exception):
    """A file that cannot be a source; the message names it and says why."""


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str
    kind: str


def extract_text(path: Path) -> Extracted:
    path = Path(path)
    if path.suffix.lower() not in (".txt", ".md"):
        raise SourceError(f"{path.name}: only text and Markdown files can be added as sources in this version")
    try:
        text = read_ordinary(path, LIMIT).decode("utf-8")
    except UnicodeDecodeError:
        raise SourceError(f"{path.name}: not UTF-8 text") from None
    except (OSError, ValueError) as exc:
        raise SourceError(f"{path.name}: {getattr(exc, 'strerror', None) or exc}") from exc
    first = next((line.strip().lstrip("#").strip() for line in text.splitlines() if line.strip()), "")
    return Extracted(text.replace("\r\n", "\n"), first[:200] or path.stem, "text")


def add_source(brief_path: Path, original: Path, *, title: str = "", url: str = "", date: str = "") -> Source:
    extracted = extract_text(original)
    folder = sources_folder(Path(brief_path))
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise SaveError(describe_os_error(exc, folder)) from exc
    target = _free_name(folder, slug(Path(original).stem))
    data = extracted.text.encode("utf-8")
    write_atomic(target, data)
    relative = Path(os.path.relpath(target, Path(brief_path).parent)).as_posix()
    return Source(title=title.strip() or extracted.title or Path(original).stem, url=url.strip(), file=relative,
                  date=date, checksum=checksum_of(data))
