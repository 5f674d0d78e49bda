"""The texts of a brief's sources, read from their ``file`` beside the brief.

The same call as ``briefbook.sources.store.read_sources``, reduced to reading each
source's stored text as UTF-8 relative to the brief's folder; a file missing or
unreadable is a warning at the source's ``file`` field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefbook.filekinds import read_ordinary
from briefbook.model import Brief, Source
from briefbook.problems import Problem, warning

#: The largest source text read (a stored text of fifty pages is about 150 kB).
LIMIT = 64 << 20


@dataclass(frozen=True)
class SourceText:
    index: int
    source: Source
    text: str


@dataclass
class SourceSet:
    texts: list[SourceText] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_sources(brief_path: Path | None, brief: Brief) -> SourceSet:
    """The stored text of every source with a ``file``, and a warning for each that cannot be read."""
    found = SourceSet()
    folder = Path(brief_path).parent if brief_path is not None else Path.cwd()
    for index, source in enumerate(brief.sources):
        if not source.file:
            continue
        try:
            text = read_ordinary(folder / source.file, LIMIT).decode("utf-8", "replace")
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            found.problems.append(warning(f"source file {source.file} cannot be read: {reason}",
                                          ("sources", index, "file")))
            continue
        found.texts.append(SourceText(index, source, text))
    return found
