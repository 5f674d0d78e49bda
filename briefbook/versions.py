"""Linked language versions of a brief on disk: making the translation of a brief file, and
finding the other version a brief names.

The rules are the model's (:mod:`briefbook.model.versions`); this module adds the files:
the default name of the new version (``182-SPE-24-E`` → ``182-SPE-24-F``), the paths each
file records of the other (relative to its own folder), and saving both through
:func:`briefbook.fileformat.save`, so each keeps its ``~`` backup as a save from the editor does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from briefbook.languages import language_table
from briefbook.model import Brief
from briefbook.model.versions import new_version


@dataclass(frozen=True)
class NewVersion:
    """What :func:`new_language_version` made: both briefs, linked, and where the new one goes."""

    original: Brief
    translation: Brief
    path: Path


def default_version_path(original: Path, brief: Brief, language: str) -> Path:
    """Where the ``language`` version of the brief at ``original`` goes by default: beside it, its
    name's language letter changed (``182-SPE-24-E.brief.yaml`` → ``182-SPE-24-F.brief.yaml``), else
    the language code added (``draft.fr.brief.yaml``)."""
    table = language_table()
    source, target = table.get(brief.meta.language), table.get(language)
    name = original.name
    stem, suffix = (name[: -len(".brief.yaml")], ".brief.yaml") if name.endswith(".brief.yaml") else (
        os.path.splitext(name))
    if stem.endswith(("-" + source.suffix, " " + source.suffix, "_" + source.suffix)):
        return original.with_name(stem[:-1] + target.suffix + suffix)
    return original.with_name(f"{stem}.{target.code}{suffix}")


def relative(path: Path, start: Path) -> str:
    """``path`` as the brief in folder ``start`` names it: relative, with forward slashes."""
    return Path(os.path.relpath(path.resolve(), start.resolve())).as_posix()


def make_language_version(original: Brief, original_path: Path, language: str, path: Path | None = None,
                          keep_text: bool = False) -> NewVersion:
    """The ``language`` version of ``original`` (read from ``original_path``), both linked; nothing is written.

    ``ValueError`` when the language is not in the languages table or is the brief's own.
    """
    table = language_table()
    if language not in table:
        known = ", ".join(table.languages)
        raise ValueError(f"the language '{language}' is not in the languages table (it knows {known})")
    if language == original.meta.language:
        raise ValueError(f"the brief is already the '{language}' version; choose another language")
    target = path if path is not None else default_version_path(original_path, original, language)
    translation = new_version(original, table, language, relative(original_path, target.parent),
                              relative(target, original_path.parent), keep_text=keep_text)
    return NewVersion(original, translation, target)


def new_language_version(original_path: str | os.PathLike[str], language: str,
                         output: str | os.PathLike[str] | None = None, keep_text: bool = False) -> NewVersion:
    """Make and save the ``language`` version of the brief file at ``original_path``, and save the
    original again with its link to it. Refuses to overwrite an existing file at the new path.

    Raises :class:`briefbook.problems.BriefError` for a brief that cannot be read,
    ``ValueError`` for a language it cannot have or a file already there, and
    :class:`briefbook.problems.SaveError` when a file cannot be written.
    """
    from briefbook.fileformat import load, save

    source = Path(original_path)
    original = load(source)
    made = make_language_version(original, source, language, Path(output) if output is not None else None,
                                 keep_text)
    if os.path.lexists(made.path):
        raise ValueError(f"{made.path}: a file is already there; choose another name with -o")
    save(made.translation, made.path)
    save(made.original, source)
    return made


def other_version_path(brief_path: str | os.PathLike[str], brief: Brief) -> Path | None:
    """The file of the other-language version the brief at ``brief_path`` names, or ``None``."""
    if brief.translation is None:
        return None
    return Path(brief_path).parent / brief.translation.file


__all__ = ["NewVersion", "default_version_path", "make_language_version", "new_language_version",
           "other_version_path", "relative"]
