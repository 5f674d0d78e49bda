"""Importing a brief written in Word: a ``.docx`` in the Assembly's format → a brief.

The reader side of the pipeline for Word documents, the inverse of
:mod:`briefbook.render.docx`: :mod:`.package` opens the document (refusing what is
not one, with a message naming the file), :mod:`.paragraphs` reads each paragraph's
style, list and printed pieces, :mod:`.classify` says what each paragraph is in a
brief, :mod:`.assemble` builds the brief, its footnotes and its notes, with
:mod:`.markup` (runs → inline markup, through the one serializer) and :mod:`.notes`
(Word comments → review notes).

What the brief cannot hold — tables, pictures, text boxes, equations — is reported
with its place in :attr:`Imported.remarks`, never dropped silently. A brief exported
by Briefbook comes back as it was saved: its unprinted values (footnote ids,
sources, budgets) travel in the document (:mod:`briefbook.render.docx.unprinted`).

No Qt here; the command line (``briefbook import``) and the editor (*File ▸ Import
from Word…*) both call :func:`import_docx`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from briefbook.model import Brief
from briefbook.wordimport.assemble import Assembler, ImportRemark
from briefbook.wordimport.package import WordImportError, WordPackage


@dataclass
class Imported:
    """A brief read from a Word document, and what the import says about it."""

    brief: Brief
    source: Path
    remarks: list[ImportRemark] = field(default_factory=list)

    def report(self) -> list[str]:
        """Each remark as ``FILE: place: message``."""
        return [remark.format(str(self.source)) for remark in self.remarks]


def import_docx(path: str | os.PathLike[str]) -> Imported:
    """The brief in the Word document at ``path``; raises :class:`WordImportError` with the file and reason."""
    package = WordPackage(path)
    assembler = Assembler(package)
    brief = assembler.run()
    return Imported(brief, Path(path), assembler.remarks)


def default_output(source: Path) -> Path:
    """``NAME.brief.yaml`` beside ``NAME.docx``."""
    return source.with_name(source.stem + ".brief.yaml")


__all__ = ["ImportRemark", "Imported", "WordImportError", "default_output", "import_docx"]
