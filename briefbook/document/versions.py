"""The other-language version of the open brief, kept beside its :class:`Document`.

A brief names its other version (``translation_of`` / ``translated_as``). :class:`OtherVersion`
finds it: when that file is open in another window of this program, the other window's
document is followed live (its ``changed`` signal), so typing in the English version
puts the French section behind at once; otherwise the file is read, read-only, once
per link. Widgets never read the other file: they ask this object for the other
version's brief, the matched section and what is behind, and are told by
:attr:`OtherVersion.updated` when that may have changed.

Which sections are behind is worked out again a short pause after either version
changes (:data:`BEHIND_DELAY_MS`), never on the keystroke: it fingerprints every
section of the original. The open documents are known here (:func:`open_documents`)
only so that one version can find the other; each is listed while an
:class:`OtherVersion` watches it.
"""

from __future__ import annotations

import contextlib
import os
import weakref
from pathlib import Path as FilePath

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import isValid

from briefbook.document.commands import Change
from briefbook.document.controller import Document
from briefbook.model import Address, Brief, Path, Section, resolve
from briefbook.model.versions import Behind, behind, fingerprint

#: How long after the last change of either version the sections behind are worked out again.
BEHIND_DELAY_MS = 150

_OPEN: weakref.WeakSet[Document] = weakref.WeakSet()


def open_documents() -> list[Document]:
    """The documents of this program that an :class:`OtherVersion` follows (one per window), those whose
    window is gone left out."""
    return [document for document in list(_OPEN) if isValid(document)]


def _same_file(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return os.path.abspath(first) == os.path.abspath(second)


class OtherVersion(QObject):
    """The other version of ``document``'s brief, and which of its sections are behind."""

    #: The other version, or what is behind, may have changed: views draw again.
    updated = Signal()

    def __init__(self, document: Document) -> None:
        super().__init__(document)  # the document's child: the other version's window finds it there
        self.document = document
        _OPEN.add(document)
        self._path: FilePath | None = None
        self._read: Brief | None = None
        self._followed: Document | None = None
        self._problem = ""
        self._behind: dict[Path, Behind] = {}
        self._timer = QTimer(self, singleShot=True, interval=BEHIND_DELAY_MS)
        self._timer.timeout.connect(self._recompute)
        document.replaced.connect(lambda _select: self.find())
        document.changed.connect(self._own_changed)

    # -- what the views ask ------------------------------------------------------------------------
    @property
    def path(self) -> FilePath | None:
        """The other version's file, when the brief names one."""
        return self._path

    @property
    def problem(self) -> str:
        """Why the other version could not be read ("" when it was, or none is named)."""
        return self._problem

    @property
    def brief(self) -> Brief | None:
        """The other version as it is now: the other window's, if open there, else as read from its file."""
        if self._followed is not None:
            return self._followed.brief
        return self._read

    @property
    def follows(self) -> bool:
        """Whether the open brief is the translation, following the other version."""
        translation = self.document.brief.translation
        return translation is not None and translation.follows

    @property
    def live(self) -> bool:
        """Whether the other version is followed in another window, changes and all."""
        return self._followed is not None

    def section(self, path: Path) -> Section | None:
        """The other version's section at ``path`` (the structure is shared), or ``None``."""
        other = self.brief
        found = resolve(other, path) if other is not None and path and path[0] == "sections" else None
        return found if isinstance(found, Section) else None

    def behind(self) -> dict[Path, Behind]:
        """The open brief's sections behind the other version (empty unless the open brief follows)."""
        return dict(self._behind)

    # -- commands ------------------------------------------------------------------------------------
    def mark_up_to_date(self, path: Path) -> bool:
        """Record that the open brief's section at ``path`` is up to date with the other's, one undo step."""
        original = self.section(path)
        if original is None or not self.follows:
            return False
        stamp = fingerprint(original)

        def edit(brief: Brief) -> Address | None:
            section = resolve(brief, path)
            if not isinstance(section, Section) or section.synced == stamp:
                return None
            section.synced = stamp
            return Address(path)

        done = self.document.restructure("Mark Section Up to Date", edit, Address(path)) is not None
        self._recompute()
        return done

    # -- following both versions ---------------------------------------------------------------------
    def find(self, tell_others: bool = True) -> None:
        """Find the other version the open brief names, afresh (after it was opened or its link changed);
        with ``tell_others``, the other open versions look again too, so one that read this file follows it."""
        self._unfollow()
        self._read, self._problem = None, ""
        brief, here = self.document.brief, self.document.path
        self._path = None
        if brief.translation is not None and here:
            self._path = FilePath(here).parent / brief.translation.file
            other = next((doc for doc in open_documents()
                          if doc is not self.document and doc.path and _same_file(doc.path, self._path)), None)
            if other is not None:
                self._followed = other
                other.changed.connect(self._other_changed)
                other.replaced.connect(self._other_replaced)
                other.destroyed.connect(self._other_gone)
            else:
                self._read_file(self._path)
        for doc in open_documents() if tell_others else ():
            finder = doc.findChild(OtherVersion) if doc is not self.document else None
            if finder is not None and finder.path is not None and here and _same_file(finder.path, here):
                finder.find(tell_others=False)
        self._recompute()

    def _read_file(self, path: FilePath) -> None:
        from briefbook.fileformat import read

        result = read(path)
        if result.brief is None:
            first = next((p for p in result.problems if p.is_error), None)
            self._problem = f"{path.name}: {first.message if first else 'cannot be read'}"
        self._read = result.brief

    def _unfollow(self) -> None:
        followed, self._followed = self._followed, None
        if followed is not None:
            for signal, slot in ((followed.changed, self._other_changed), (followed.replaced, self._other_replaced),
                                 (followed.destroyed, self._other_gone)):
                with contextlib.suppress(RuntimeError, TypeError):  # already gone with its document
                    signal.disconnect(slot)

    def _other_changed(self, _change: Change) -> None:
        self._timer.start()

    def _other_replaced(self, _select: object) -> None:
        self._timer.start()

    def _other_gone(self, *_args: object) -> None:
        self._followed = None
        if self._path is not None:
            self._read_file(self._path)
        self._timer.start()

    def _own_changed(self, change: Change) -> None:
        if change.structural:  # the link or the structure may have changed
            translation = self.document.brief.translation
            wanted = (FilePath(self.document.path).parent / translation.file
                      if translation is not None and self.document.path else None)
            if wanted != self._path:
                self.find()
                return
        self._timer.start()

    def _recompute(self) -> None:
        self._timer.stop()
        other = self.brief
        self._behind = behind(self.document.brief, other) if other is not None and self.follows else {}
        self.updated.emit()


__all__ = ["BEHIND_DELAY_MS", "OtherVersion", "open_documents"]
