"""Interim stand-in for ``briefbook.sources`` until the source store is on this branch (removed then).

Plain text files only; the real store extracts HTML, DOCX and PDF and keeps checksums.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from briefbook.markup import escape
from briefbook.model import Brief, Source
from briefbook.problems import Problem, warning

_MONTHS = {"en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"],
           "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                  "octobre", "novembre", "décembre"]}


class SourceError(Exception):
    """A file that cannot be a source; the message names it."""


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str
    kind: str


@dataclass(frozen=True)
class SourceText:
    index: int
    source: Source
    text: str


@dataclass
class SourceSet:
    texts: list[SourceText] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def extract_text(path: Path) -> Extracted:
    path = Path(path)
    if path.suffix.lower() not in (".txt", ".md"):
        raise SourceError(f"{path.name}: this kind of file cannot be read yet")
    try:
        return Extracted(path.read_text(encoding="utf-8"), path.stem, "text")
    except (OSError, UnicodeError) as exc:
        raise SourceError(f"{path.name}: {exc}") from exc


def sources_folder(brief_path: Path) -> Path:
    name = brief_path.name
    for suffix in (".brief.yaml", ".yaml", ".yml"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return brief_path.parent / f"{name}.sources"


def add_source(brief_path: Path, original: Path, *, title: str = "", url: str = "", date: str = "") -> Source:
    extracted = extract_text(original)
    folder = sources_folder(Path(brief_path))
    folder.mkdir(exist_ok=True)
    target = folder / (Path(original).stem + ".txt")
    number = 2
    while target.exists():
        target = folder / f"{Path(original).stem}-{number}.txt"
        number += 1
    target.write_text(extracted.text, encoding="utf-8")
    shutil.copystat(original, target)
    source = Source(title=title or extracted.title, url=url, file=f"{folder.name}/{target.name}")
    if date and hasattr(source, "date"):
        source.date = date  # type: ignore[attr-defined]
    return source


def read_sources(brief_path: Path | None, brief: Brief) -> SourceSet:
    found = SourceSet()
    folder = Path(brief_path).parent if brief_path is not None else Path.cwd()
    for index, source in enumerate(brief.sources):
        if not source.file:
            continue
        try:
            text = (folder / source.file).read_text(encoding="utf-8")
        except (OSError, UnicodeError) as exc:
            found.problems.append(warning(f"source file {source.file} is missing or unreadable: {exc}",
                                          ("sources", index, "file")))
            continue
        found.texts.append(SourceText(index, source, text))
    return found


def citation(source: Source, language: str) -> str:
    text = f"[{escape(source.title)}]({source.url})" if source.url else escape(source.title)
    date = getattr(source, "date", "")
    if date:
        day = dt.date.fromisoformat(date)
        month = _MONTHS.get(language, _MONTHS["en"])[day.month - 1]
        text += f", {day.day} {month} {day.year}"
    return text + "."
