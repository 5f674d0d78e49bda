"""A real editor that types into the sample's key takeaways until it is killed (for tests/app/test_kill_editor.py).

Usage: python kill_target.py DATA_FOLDER BRIEF LOG KEYS

Each key typed is logged as ``COUNT MONOTONIC_TIME`` to LOG (flushed at once), then the
editor idles; the test kills it with SIGKILL at a moment of its choosing.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402 - the platform is chosen first
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from briefbook.app.main_window import MainWindow  # noqa: E402
from briefbook.app.session import Session  # noqa: E402
from briefbook.document import AppFolders  # noqa: E402
from briefbook.model import Address  # noqa: E402

#: The text typed, one key at a time: words that say where they are, so the test can tell how far it got.
TEXT = "".join(f" w{number:04d}" for number in range(2000))


def main() -> None:
    data, brief, log_path, keys = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    app = QApplication([])
    window = MainWindow(Session(AppFolders(data)))
    window.show()
    assert window.files.open_file(brief, ask=False)
    window.pages.select(Address.takeaways())
    editor = window.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    log = open(log_path, "w", buffering=1, encoding="ascii")  # noqa: SIM115 - open until killed
    typed = 0

    def key() -> None:
        nonlocal typed
        if typed >= keys:
            log.write("done\n")
            return
        QTest.keyClicks(editor, TEXT[typed])
        typed += 1
        log.write(f"{typed} {time.monotonic()}\n")
        QTimer.singleShot(25, key)

    QTimer.singleShot(0, key)
    app.exec()


if __name__ == "__main__":
    main()
