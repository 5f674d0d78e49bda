"""Look of the window: Fusion style, the system's light or dark palette, a few finishing touches.

The palette follows the system's colour scheme (and changes with it); the style
sheet only sets spacing and the few custom labels, and takes its colours from the
palette, so both schemes stay consistent.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#1f5fa8"  # the Assembly's blue, used for selection and links

STYLE = """
QLabel#pageHeading { font-size: %(heading)dpt; font-weight: 600; padding: 0 0 6px 0; }
QLabel#fieldWarning { color: %(warning)s; }
QLabel#hint { color: %(muted)s; }
QTreeView#outline::item, QTreeView::item { padding: 3px 2px; }
QSplitter::handle:horizontal { width: 1px; background: %(line)s; }
QSplitter::handle:vertical { height: 1px; background: %(line)s; }
QMainWindow::separator { height: 1px; width: 1px; background: %(line)s; }
QDockWidget::title { padding: 4px 8px; }
QStatusBar QLabel { padding: 0 6px; }
"""


def dark_palette() -> QPalette:
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#2b2d30",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1f22",
        QPalette.ColorRole.AlternateBase: "#26282b",
        QPalette.ColorRole.ToolTipBase: "#3c3f41",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#36383b",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: "#2f6fbd",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#6ea8fe",
        QPalette.ColorRole.PlaceholderText: "#8c8f94",
        QPalette.ColorRole.Light: "#4a4d51",
        QPalette.ColorRole.Midlight: "#3c3f42",
        QPalette.ColorRole.Mid: "#2f3134",
        QPalette.ColorRole.Dark: "#1a1b1d",
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7d82"))
    return palette


def light_palette(app: QApplication) -> QPalette:
    palette = app.style().standardPalette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.Link, QColor(ACCENT))
    return palette


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, dark: bool | None = None) -> None:
    """Light or dark (``None``: as the system is); reapplied when the system scheme changes."""
    if dark is None:
        dark = system_is_dark()
        if not getattr(app, "_briefbook_follows_scheme", False):
            app._briefbook_follows_scheme = True  # type: ignore[attr-defined]
            QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app))
    palette = dark_palette() if dark else light_palette(app)
    app.setPalette(palette)
    base_size = app.font().pointSize()
    app.setStyleSheet(STYLE % {
        "heading": (base_size if base_size > 0 else 10) + 4,
        "warning": "#f0b44c" if dark else "#9a5b00",
        "muted": palette.color(QPalette.ColorRole.PlaceholderText).name(),
        "line": palette.color(QPalette.ColorRole.Mid if dark else QPalette.ColorRole.Midlight).name(),
    })
