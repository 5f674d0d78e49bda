"""Briefbook: draft NATO Parliamentary Assembly policy briefs and export them to Word.

The library API is three functions, for scripts::

    import briefbook
    brief = briefbook.load("182-SPE-24-E.brief.yaml")
    briefbook.save(brief, "copy.brief.yaml")
    briefbook.export_docx(brief, "182-SPE-24-E.docx")

They are imported lazily so that ``import briefbook`` stays cheap for the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    import os

    from briefbook.model import Brief


def load(path: str | os.PathLike[str]) -> Brief:
    """Read a ``.brief.yaml`` file; raises :class:`briefbook.problems.BriefError` listing every error."""
    from briefbook.fileformat import load as _load

    return _load(path)


def save(brief: Brief, path: str | os.PathLike[str]) -> None:
    """Write a brief canonically and atomically; raises :class:`briefbook.problems.SaveError`."""
    from briefbook.fileformat import save as _save

    _save(brief, path)


def export_docx(brief: Brief, path: str | os.PathLike[str], template: str | os.PathLike[str] | None = None) -> None:
    """Write the brief as a Word document in the Assembly's format; raises ``SaveError``."""
    from briefbook.render.docx import export_docx as _export

    _export(brief, path, template)


__all__ = ["__version__", "export_docx", "load", "save"]
