"""Shared test set-up: Qt runs headless, and tests find the repository's files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "templates" / "samples" / "182-SPE-24-E.brief.yaml"
REFERENCE = REPO.parent / "shared" / "reference"


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture(autouse=True)
def _restore_application_look():
    """A test that themes the application (palette, style sheet) must not restyle the next test's widgets."""
    yield
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None and (app.styleSheet() or getattr(app, "_briefbook_follows_scheme", False)):
        app.setStyleSheet("")
        app.setPalette(app.style().standardPalette())


@pytest.fixture(autouse=True, scope="session")
def _empty_clipboard_before_exit():
    """Clipboard contents made by a test are deleted by Qt while Python still runs.

    Left on the clipboard, Qt deletes them at process exit, after Python has shut down,
    and the process dies with a segmentation fault although every test passed.
    """
    yield
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        from briefbook.app import hand_clipboard_to_qt

        hand_clipboard_to_qt()
        QApplication.processEvents()


@pytest.fixture
def pane(qtbot):
    """A live preview pane on screen (offscreen), as the preview tests use it."""
    from briefbook.app.preview import PreviewPane

    widget = PreviewPane()
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
