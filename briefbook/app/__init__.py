"""The Qt Widgets user interface of Briefbook.

:func:`run` starts the editor. Only QtCore, QtGui and QtWidgets are loaded at start,
and the Word exporter only on first export, so the window appears quickly. Importing this
package loads QtCore and lightens what PySide6 does for every later import
(:mod:`~briefbook.app.feature_scan`).
"""

from __future__ import annotations

import sys

from briefbook.app import feature_scan

feature_scan.install()  # before the window's modules are imported: see the module


def create_application(argv: list[str] | None = None):
    """The QApplication, set up once: names for QSettings, Fusion style following the system palette."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from briefbook import __version__
    from briefbook.app.session import APPLICATION, ORGANIZATION

    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setApplicationDisplayName(APPLICATION)
    app.setStyle("Fusion")
    from briefbook.app.theme import apply_theme

    apply_theme(app)
    app.aboutToQuit.connect(hand_clipboard_to_qt)
    return app


def hand_clipboard_to_qt() -> None:
    """Replace clipboard contents made from Python with the same text made by Qt.

    Qt deletes what is on the clipboard when the process exits, after Python has shut
    down; deleting an object that Python created then crashes the process on quit.
    The copied text stays on the clipboard for other programs.
    """
    from PySide6.QtWidgets import QApplication
    from shiboken6 import Shiboken

    clipboard = QApplication.clipboard()
    data = clipboard.mimeData()
    if data is None or not Shiboken.createdByPython(data):  # another program's, or Qt's own
        return
    if data.text():
        clipboard.setText(data.text())
    else:
        clipboard.clear()


def run(path: str | None = None, folders=None) -> int:
    """Open the editor on ``path``, or on the last brief, and run until the window closes.

    ``folders`` (an :class:`~briefbook.document.AppFolders`) says where settings and
    recovery files go; by default, the platform's own places.
    """
    app = create_application()
    if not _languages_readable():
        return 1
    from briefbook.app.main_window import MainWindow

    window = MainWindow(folders=folders)
    window.restore_layout()
    # Before showing, so the window is painted once, with the brief. Declining to open a
    # brief that is open elsewhere ends here: no empty brief stands in for the one declined.
    if not window.files.open_last(path):
        window.document.close()
        return 0
    window.show()
    return app.exec()


def _languages_readable() -> bool:
    """Read the languages table before any window needs it: a broken one is said, naming its line, not raised.

    Every cover, disclaimer and contents title is worded from it, so the editor cannot open
    a brief without it; the table is read once, so nothing later can fail on it.
    """
    from briefbook.languages import LanguagesError, language_table

    try:
        language_table()
    except LanguagesError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "Briefbook", f"The languages table is broken, so no brief can be shown:\n\n"
                             f"{exc}\n\nCorrect the file at the line named and start Briefbook again.")
        return False
    return True


__all__ = ["create_application", "run"]
