"""Regenerate the screenshots in this folder, headless: ``python docs/screenshots/make_screenshots.py``.

The window opens a copy of the sample brief with throw-away settings, so the
user's own Briefbook settings and the sample itself are never touched.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent


def main() -> int:
    from briefbook.app import create_application
    from briefbook.document import AppFolders
    from briefbook.resources import sample_brief

    work = Path(tempfile.mkdtemp(prefix="briefbook-shots-"))
    folders = AppFolders(work / "settings")
    app = create_application([sys.argv[0]])
    from briefbook.app.main_window import MainWindow
    from briefbook.app.theme import apply_theme

    brief = work / sample_brief().name
    shutil.copy(sample_brief(), brief)
    shots = (
        ("main-light.png", False, (1440, 900), ("sections", 0)),
        ("main-dark.png", True, (1440, 900), ("takeaways",)),
        ("main-1366x768.png", False, (1366, 768), ("meta",)),
    )
    for name, dark, (width, height), selection in shots:
        apply_theme(app, dark=dark)
        window = MainWindow(folders=folders)
        window.resize(width, height)
        window.show()
        window.files.open_file(str(brief), ask=False)
        window.outline.select(selection)
        window.editor.moveCursor(window.editor.textCursor().MoveOperation.Start)
        for _ in range(5):
            app.processEvents()
        window.preview.flush()
        window.preview.scroll_to(selection)
        app.processEvents()
        window.grab().save(str(HERE / name))
        window.document.history.set_clean()
        window.close()
        print(HERE / name)
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
