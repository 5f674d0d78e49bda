"""The preview's page: a white A4-wide page on a desk, as a word processor shows it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QTextBrowser, QToolTip

from briefbook.render.house_style import PX_PER_PT, HouseStyle

#: Grey around the page, in pixels.
DESK = 18


class PageBrowser(QTextBrowser):
    """A text browser that draws the document's root frame as a white page on the desk.

    Qt paints a root frame's background over the whole view, so the page is painted
    here instead, under the text, from the frame's margins.
    """

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        doc = self.document()
        fmt = doc.rootFrame().frameFormat()
        viewport = self.viewport()
        dx = self.horizontalScrollBar().value()
        dy = self.verticalScrollBar().value()
        page = QRectF(fmt.leftMargin() - dx, fmt.topMargin() - dy,
                      doc.size().width() - fmt.leftMargin() - fmt.rightMargin(),
                      doc.size().height() - fmt.topMargin() - fmt.bottomMargin())
        painter = QPainter(viewport)
        painter.setPen(QColor("#a0a0a0"))
        painter.setBrush(QColor(Qt.GlobalColor.white))
        painter.drawRect(page)
        painter.end()
        super().paintEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Hovering the words of a reviewer's note shows the note: the text's tooltip, which Qt leaves unshown."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.cursorForPosition(event.pos()).charFormat().toolTip()
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def apply_desk(self, window: QColor, link_colour: str) -> None:
        """Paper-white page on a desk a shade off the window colour, light or dark theme alike."""
        palette = self.palette()
        desk = window.darker(112) if window.lightness() > 128 else window.lighter(135)
        palette.setColor(QPalette.ColorRole.Base, desk)
        palette.setColor(QPalette.ColorRole.Text, QColor("#000000"))
        palette.setColor(QPalette.ColorRole.Link, QColor(link_colour))
        self.setPalette(palette)

    def apply_page(self, style: HouseStyle) -> bool:
        """Centre an A4-wide white page in the view, scaled down when the view is narrow; whether it changed."""
        page = (style.text_width + 2 * style.margin) * PX_PER_PT
        width = self.viewport().width()
        scale = min(1.0, max(width - 2 * DESK, 200) / page)
        padding = max(style.margin * PX_PER_PT * scale, 12)
        side = max(DESK, (width - page * scale) / 2)
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        if (fmt.leftMargin(), fmt.padding()) == (side, padding):
            return False
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setTopMargin(DESK)
        fmt.setBottomMargin(DESK)
        fmt.setPadding(padding)
        root.setFrameFormat(fmt)
        return True

