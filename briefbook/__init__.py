"""Briefbook: draft NATO Parliamentary Assembly policy briefs and export them to Word.

The library API is four functions, for scripts::

    import briefbook
    brief = briefbook.load("182-SPE-24-E.brief.yaml")
    briefbook.save(brief, "copy.brief.yaml")   # the previous copy.brief.yaml is kept as copy.brief.yaml~
    briefbook.export_docx(brief, "182-SPE-24-E.docx")
    briefbook.export_pdf(brief, "182-SPE-24-E.pdf")    # laid out by LibreOffice, which must be installed

They are imported lazily so that ``import briefbook`` stays cheap for the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefbook import yamlpattern

__version__ = "0.1.0"

yamlpattern.seed()  # before anything imports PyYAML: see the module

if TYPE_CHECKING:
    import os

    from briefbook.fileformat.saving import SaveResult
    from briefbook.model import Brief


def load(path: str | os.PathLike[str]) -> Brief:
    """Read a ``.brief.yaml`` file; raises :class:`briefbook.problems.BriefError` listing every error."""
    from briefbook.fileformat import load as _load

    return _load(path)


def save(brief: Brief, path: str | os.PathLike[str]) -> SaveResult:
    """Write a brief canonically and atomically, keeping the previous version as ``path~``.

    The same save as the editor's, so a script's saves keep a backup too. Raises
    :class:`briefbook.problems.SaveError`; a backup that cannot be kept does not fail the
    save, the result's ``backup_error`` says why.
    """
    from briefbook.fileformat import save as _save

    return _save(brief, path)


def export_docx(brief: Brief, path: str | os.PathLike[str], template: str | os.PathLike[str] | None = None) -> None:
    """Write the brief as a Word document in the Assembly's format; raises ``SaveError``."""
    from briefbook.render.docx import export_docx as _export

    _export(brief, path, template)


def export_pdf(brief: Brief, path: str | os.PathLike[str], template: str | os.PathLike[str] | None = None) -> None:
    """Write the brief as a PDF, laid out by LibreOffice, its contents with their page numbers; raises ``SaveError``.

    (:func:`export_docx` writes the contents' page numbers empty; ``briefbook export`` on the
    command line and the editor fill them in from LibreOffice's layout.)
    """
    from briefbook.render.paged.export import export_pdf as _export

    _export(brief, path, template)


def new_language_version(path: str | os.PathLike[str], language: str,
                         output: str | os.PathLike[str] | None = None, keep_text: bool = False) -> os.PathLike[str]:
    """Write the ``language`` version of the brief at ``path`` beside it (or at ``output``), both files
    linked to each other and saved with their ``~`` backups; returns the new file's path.

    The texts are emptied for the translator unless ``keep_text`` (see ``docs/format.md``,
    Language versions). Raises ``BriefError``, ``ValueError`` or ``SaveError`` with a message.
    """
    from briefbook.versions import new_language_version as _new

    return _new(path, language, output, keep_text).path


__all__ = ["__version__", "export_docx", "export_pdf", "load", "new_language_version", "save"]
