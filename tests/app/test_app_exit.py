"""Quitting after copying text from Briefbook must end the process cleanly."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtCore import QTimer
from briefbook.app import create_application
from briefbook.app.body_editor import BodyEditor

app = create_application(["briefbook"])
editor = BodyEditor()
editor.set_body_text("- **Bold lead.** Then text.")
editor.selectAll()
editor.copy()
assert app.clipboard().mimeData().text().startswith("- **Bold")
QTimer.singleShot(0, app.quit)
app.exec()
print("copied:", app.clipboard().text())
"""


def test_copy_then_quit_exits_cleanly(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "copied: - **Bold lead.** Then text." in result.stdout

