"""Starting the editor: what must hold before the first window."""

from __future__ import annotations


def test_a_broken_languages_table_is_said_at_start_not_raised(tmp_path, monkeypatch, qapp) -> None:
    """The editor reads the table before any window: a broken one is a message naming its line, and no window."""
    from PySide6.QtWidgets import QMessageBox

    import briefbook.app as app_module
    import briefbook.languages as languages

    broken = tmp_path / "languages.yaml"
    broken.write_text("en:\n  names: {en: English}\n  proofing: en-GB\n  suffix: [E]\n", encoding="utf-8")
    said: list[str] = []
    monkeypatch.setattr(languages, "languages_file", lambda: broken)
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text: said.append(text)))
    languages.forget_languages()
    try:
        assert app_module.run(None) == 1
    finally:
        monkeypatch.undo()
        languages.forget_languages()
    assert len(said) == 1 and f"{broken}:4:11:" in said[0]


#: A fresh editor process: the window built, the sample brief (with its sources) opened and
#: shown, a tenth of a second of the event loop, then which of the modules named were loaded.
_OPENED = """
import sys
from PySide6.QtCore import QTimer
from briefbook.app import create_application
from briefbook.app.main_window import MainWindow
from briefbook.document import AppFolders
from briefbook.resources import sample_brief
app = create_application()
window = MainWindow(folders=AppFolders(sys.argv[1]))
assert window.files.open_last(str(sample_brief()))
window.show()
QTimer.singleShot(100, app.quit)
app.exec()
print(" ".join(name for name in sys.argv[2:] if name in sys.modules) or "none")
window.document.close()
"""


def test_the_window_is_painted_without_the_modules_it_does_not_need_yet(tmp_path) -> None:
    """The PDF reader and the Word writer load with an export; the quotation check's aligner a pause
    after the open. Loaded before the first paint, they cost the start a tenth of its time. The lock
    and the autosave name this machine and themselves without the socket and uuid modules."""
    import os
    import subprocess
    import sys

    from briefbook.resources import sample_brief

    assert (sample_brief().parent / "182-SPE-24-E.sources").is_dir()  # the check has sources to load for
    names = ["pypdfium2", "briefbook.render.docx", "briefbook.render.paged.layout", "rapidfuzz", "briefbook.quotes",
             "socket", "uuid"]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", _OPENED, str(tmp_path / "settings"), *names],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split()[-1:] == ["none"]
