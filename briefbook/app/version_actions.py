"""What the window does with the brief's other language version.

*File ▸ New Language Version…* makes the French version of an English brief (or the
reverse) with :func:`briefbook.versions.make_language_version`, writes it beside the
brief and links the open brief to it as one undo step, saved at once. *View ▸ Show Other
Version* shows the other version's same section beside the editor, following the
outline; the outline marks each section that is behind, and *Section ▸ Mark Section Up
to Date* records that the open section follows the other's as it is now.

The other version itself is the document layer's (:class:`briefbook.document.versions.OtherVersion`):
this class only draws it and sends commands.
"""

from __future__ import annotations

import copy
from pathlib import Path as FilePath

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QInputDialog

from briefbook.app.other_version_pane import OtherVersionPane
from briefbook.document.versions import OtherVersion
from briefbook.languages import LanguagesError, language_table
from briefbook.model import Address, Brief, Translation, iter_sections, section_label
from briefbook.model.body import body_text
from briefbook.model.versions import Behind

#: The marks and the pane are drawn again this long after the last change.
REDRAW_DELAY_MS = 100
#: The colour of a section behind the other version, in the outline and the pane.
BEHIND_COLOUR = QColor("#d08700")


def _language_name(code: str) -> str:
    """A language's name in English, as the editor's own words name it."""
    return language_table().get("en").names.get(code, code)


def behind_tip(reason: Behind, original: str, translation: str) -> str:
    """What the outline's tooltip says of a section behind (``original``, ``translation``: language codes)."""
    if reason is Behind.NEW:
        return f"Not yet translated from {_language_name(original)}"
    return (f"Changed in {_language_name(original)} since this {_language_name(translation)} text "
            "was brought up to date")


def _behind_icon() -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QBrush(BEHIND_COLOUR))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class VersionActions:
    """The window's commands and marks for the other language version (see the module docstring)."""

    def __init__(self, window) -> None:
        self.window = window
        self.document = window.document
        self.other = OtherVersion(self.document)
        self.pane = OtherVersionPane()
        self.pane.setMinimumWidth(260)
        self.pane.hide()
        self.pane.markRequested.connect(self.mark_current)
        at = window.splitter.indexOf(window.source_pane) + 1  # the source pane stays right beside the editor
        window.splitter.insertWidget(at, self.pane)
        window.splitter.setStretchFactor(at, 3)
        #: The sections marked behind, with the icon each had before (the outline's own).
        self._marked: dict[tuple, QIcon] = {}
        self._icon: QIcon | None = None
        # after the window's own handlers have rebuilt the outline and shown the page
        # (a short pause after typing: it walks the outline's sections)
        self._redraw = QTimer(window, singleShot=True, interval=REDRAW_DELAY_MS)
        self._redraw.timeout.connect(self.redraw)
        self.other.updated.connect(self._redraw.start)
        self.document.changed.connect(lambda _change: self._redraw.start())
        self.document.replaced.connect(lambda _select: self._redraw.start())
        window.outline.currentItemChanged.connect(lambda *_items: self._redraw.start())

    # -- commands --------------------------------------------------------------------------------------
    def set_visible(self, visible: bool) -> None:
        """View ▸ Show Other Version."""
        self.pane.setVisible(visible)
        action = getattr(self.window, "other_version_action", None)
        if action is not None:
            action.setChecked(visible)
        if visible:
            self.redraw()

    def mark_current(self) -> bool:
        """Section ▸ Mark Section Up to Date, for the section shown."""
        path = tuple(self.window.pages.current)
        if not path or path[0] != "sections" or not self.other.follows:
            self._status("Mark Section Up to Date: choose a section of a translation in the outline")
            return False
        if self.other.section(path) is None:
            self._status("The other version has no section here: the two versions' sections no longer match")
            return False
        done = self.other.mark_up_to_date(path)
        self._status("Section marked up to date" if done else "The section was already up to date")
        return done

    def ask_language(self, choices: list[str]) -> str | None:
        """The language of the new version, chosen from ``choices`` ("French (fr)"); tests replace this."""
        text, ok = QInputDialog.getItem(self.window, "New Language Version", "Language of the new version:",
                                        choices, 0, False)
        return text if ok else None

    def new_language_version(self) -> bool:
        """File ▸ New Language Version…: write the other-language version beside the brief, linked to it."""
        from briefbook.fileformat import save
        from briefbook.problems import SaveError
        from briefbook.versions import make_language_version

        document = self.document
        if not document.path or document.read_only:
            self.window.dialogs.show_message("New Language Version", "Save the brief under its own name first: "
                                             "the new version is written beside it and linked to it by name.")
            return False
        try:
            table = language_table()
        except LanguagesError as exc:
            self.window.dialogs.show_message("New Language Version", str(exc), error=True)
            return False
        codes = [code for code in table.languages if code != document.brief.meta.language]
        choice = self.ask_language([f"{_language_name(code)} ({code})" for code in codes]) if codes else None
        if not choice:
            return False
        language = choice.rsplit("(", 1)[-1].rstrip(")")
        here = FilePath(document.path)
        try:
            made = make_language_version(copy.deepcopy(document.brief), here, language)
            if made.path.exists():
                raise ValueError(f"{made.path.name} is already there beside the brief; rename or move it first")
            save(made.translation, made.path)
        except (ValueError, SaveError) as exc:
            self.window.dialogs.show_message("New Language Version", str(exc), error=True)
            return False
        link = made.original.translation

        def edit(brief: Brief) -> Address | None:
            brief.translation = Translation(link.file, link.follows)
            return Address.cover()

        document.restructure("New Language Version", edit, Address.cover())
        self.window.files.save()
        self._status(f"Wrote {made.path.name}, linked to this brief")
        self.set_visible(True)
        return True

    # -- drawing -------------------------------------------------------------------------------------------
    def redraw(self) -> None:
        """The outline's marks and the pane, as the two versions are now."""
        self._mark_outline()
        if self.pane.isVisible():
            self._fill_pane()

    def _mark_outline(self) -> None:
        outline, behind = self.window.outline, self.other.behind()
        brief = self.document.brief
        original = self.other.brief
        languages = (original.meta.language if original is not None else "", brief.meta.language)
        for path in set(self._marked) - set(behind):
            item = outline.item_for(path)
            before = self._marked.pop(path)
            if item is not None:
                if item.icon(0).cacheKey() == self.icon().cacheKey():
                    item.setIcon(0, before)
                item.setToolTip(0, item.text(0))
                item.setForeground(0, QBrush())
        for path, reason in behind.items():
            item = outline.item_for(path)
            if item is None:
                continue
            if item.icon(0).cacheKey() != self.icon().cacheKey():
                self._marked[path] = item.icon(0)
            item.setIcon(0, self.icon())
            item.setForeground(0, QBrush(BEHIND_COLOUR))
            item.setToolTip(0, f"{item.text(0)}\n{behind_tip(reason, *languages)}")

    def icon(self) -> QIcon:
        """The outline's mark of a section behind."""
        if self._icon is None:
            self._icon = _behind_icon()
        return self._icon

    def _fill_pane(self) -> None:
        other, path = self.other.brief, tuple(self.window.pages.current)
        if other is None:
            why = self.other.problem or "This brief names no other language version (File ▸ New Language Version…)."
            self.pane.show_section("Other version", "", "", why, False, False)
            return
        name = self.other.path.name if self.other.path is not None else ""
        where = "open in another window" if self.other.live else "as saved"
        heading = f"{_language_name(other.meta.language)} version: {name} ({where})"
        section = self.other.section(path) if path and path[0] == "sections" else None
        if section is None:
            self.pane.show_section(heading, "", "", "Choose a section in the outline to see the other version's.",
                                   False, False)
            return
        label = next((section_label(e.level, e.path[-1] + 1) for e in iter_sections(other) if e.path == path), "")
        reason = self.other.behind().get(path)
        follows = self.other.follows
        if reason is not None:
            state = behind_tip(reason, other.meta.language, self.document.brief.meta.language)
        elif follows:
            state = "This section is up to date with the other version."
        else:
            state = "This is the original: its translation follows it."
        self.pane.show_section(heading, f"{label} {section.title}".strip(), body_text(section), state,
                               reason is not None, follows)

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 6000)


__all__ = ["BEHIND_COLOUR", "VersionActions", "behind_tip"]
