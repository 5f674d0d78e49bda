"""The open brief as the editor works on it: the document controller, its commands and its files.

Below the widgets and above the model: :class:`Document` owns the brief being edited,
its path, undo stack, modified state, lock, autosave and recovery; the widgets of
:mod:`briefbook.app` observe it and send it commands. It uses QtCore's signals and
timers and QtGui's undo stack, and no widget.
"""

from briefbook.document.commands import Change, Splice
from briefbook.document.controller import Document, display_name, docx_name
from briefbook.document.folders import AppFolders

__all__ = ["AppFolders", "Change", "Document", "Splice", "display_name", "docx_name"]
