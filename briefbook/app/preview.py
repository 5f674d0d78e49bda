"""The live preview: the brief drawn in the house style, beside the editor.

Re-rendering a whole preview on every keystroke throws the reader back to the top and
crawls on long documents (ReText #14, ghostwriter #201). This pane therefore keeps the
preview as the renderer's fragments (see :mod:`briefbook.render.html`), each a known
number of whole text blocks, and on an edit replaces only the fragments whose HTML
changed, with ``QTextCursor`` edits; the rest of the document and its layout stay as
they are. The document is built whole only for a new brief or a new template.

Each group of fragments — a section with its heading, the takeaways, the cover — sits
in a frame of its own (:mod:`briefbook.app.preview_frames`), so Qt re-lays out only the
edited frame; a section added or removed is a frame inserted or taken out (the sections
after it are renumbered, so their frames are replaced too). The page the document is
drawn on is :mod:`briefbook.app.preview_page`.

A long brief is drawn progressively: :meth:`PreviewPane.set_brief` inserts groups for a
few tens of milliseconds (the top of the brief, at least), and a 0 ms timer inserts the
rest in short chunks (shorter, 25 ms apart, while the reader types; none while hidden), so
the window paints and the reader types while a 600-page book is still being filled in below.
Each chunk renders the sections it places: the renderer leaves the sections past the top of
a long brief for later (``first_blocks``), so the first paint does not wait for their HTML.
Edits, scrolls and :meth:`PreviewPane.flush` made meanwhile work on the part already drawn
and on the groups still to come (see :meth:`PreviewPane.is_filling`); a section the reader
goes to or types into before the fill gets there is drawn at once in the frame made for it,
and kept in view while the sections above it are drawn (:mod:`briefbook.app.preview_groups`).

Every run of text is an anchor ``bb:<path>``: a click emits :attr:`PreviewPane.pathActivated`
with the model path, and :meth:`PreviewPane.scroll_to` finds a path's anchor to bring
the part being edited into view — synchronising by identity, not by line heuristics.
"""

from __future__ import annotations

from math import ceil
from pathlib import Path as FilePath
from time import perf_counter

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFont, QPalette, QTextBlock, QTextCursor, QTextDocument, QTextOption
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from briefbook.app.preview_frames import PIECE_BLOCKS, FrameWriter, Groups, Mismatch, locate
from briefbook.app.preview_groups import DrawnGroups
from briefbook.app.preview_page import DESK, PageBrowser
from briefbook.model import Address, Brief, Path
from briefbook.render.house_style import PX_PER_PT, HouseStyle, house_style
from briefbook.render.html import SCHEME, HtmlRenderer, path_from_name, path_name
from briefbook.render.styles import Role

#: Seconds :meth:`PreviewPane.set_brief` may spend inserting groups before it leaves the
#: rest to the event loop, and seconds each later chunk may take (layout included), so
#: that paint and keystrokes get through between chunks.
FIRST_BUDGET = 0.035
CHUNK_BUDGET = 0.015
#: While the reader types (an edit in the last ``TYPING_SECONDS``), chunks are this short
#: instead (one group at least), and there is one after each edit only, once the preview has
#: been redrawn for it. Each chunk makes Qt redraw the whole view (some 5 ms at ×100, whatever
#: it changed); the next key, a tenth of a second or more away, then finds the event loop
#: free. The fill as a whole takes longer, and goes on at full pace once the reader pauses.
TYPING_CHUNK_BUDGET = 0.003
TYPING_SECONDS = 0.6
#: Milliseconds between those chunks while the part typed into or gone to is not drawn yet:
#: the fill hurries to it, as the reader waits to see it.
TYPING_PAUSE_MS = 25
#: Empty frames made in each chunk for the groups to come, until every group has one (see
#: :meth:`FrameWriter.new_frames`): some 2 ms of a chunk, while the document is still short.
FRAMES_AHEAD = 40
#: A group the reader goes to before the fill reaches it is drawn at once if it has at most
#: this many text blocks (a section, a few milliseconds); a longer one waits for the fill.
EARLY_BLOCKS = 4 * PIECE_BLOCKS
#: Groups ``set_brief`` always inserts itself, whatever the clock says: cover, title,
#: takeaways and the first section or contents, so the top of the brief shows at once.
FIRST_GROUPS = 4
#: A brief of at most this many text blocks (the sample twice over) is drawn in one go:
#: it takes a few tens of milliseconds, and the reader never sees it half drawn.
ONE_GO_BLOCKS = 200


class PreviewPane(QWidget):
    """The rendered brief; ``set_brief`` draws it, ``update_brief`` follows edits cheaply.

    Signals: ``pathActivated(tuple)`` when the reader clicks a part of the brief (its
    model path, e.g. ``("sections", 0, "body", 1, "bullets", 2)``); ``linkActivated(str)``
    when the click is on a hyperlink of the text (its URL; opening it is the window's call);
    ``filled()`` when the document drawn by ``set_brief`` is complete (emitted from within
    ``set_brief`` itself when the brief is small enough to be drawn in one go).
    """

    pathActivated = Signal(tuple)
    linkActivated = Signal(str)
    filled = Signal()

    def __init__(self, parent: QWidget | None = None, template: FilePath | str | None = None) -> None:
        super().__init__(parent)
        self._browser = PageBrowser(self)
        self._browser.setOpenLinks(False)
        self._browser.setOpenExternalLinks(False)
        self._browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        self._browser.anchorClicked.connect(self._on_anchor)
        self._browser.viewport().installEventFilter(self)
        self._press = QPoint()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._browser)

        self._style = house_style(template)
        self._renderer = HtmlRenderer(self._style, first_blocks=ONE_GO_BLOCKS)
        self._scratch = QTextDocument(self)
        self._frames = FrameWriter(self.document(), self._scratch)
        self._drawn_groups = DrawnGroups(self.document(), self._frames)
        self._held: tuple[QTextCursor, float, int] | None = None  # see _held_view
        self._pending: Brief | None = None
        self._hint: Path | None = None
        self._brief: Brief | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._apply_pending)
        # The progressive fill: its chunks, and what the view waits for meanwhile.
        self._fill_timer = QTimer(self)
        self._fill_timer.setSingleShot(True)
        self._fill_timer.setInterval(0)
        self._fill_timer.setTimerType(Qt.TimerType.PreciseTimer)  # not early: the end of typing is waited for
        self._fill_timer.timeout.connect(self._next_chunk)
        self._edited_at = float("-inf")
        self._layout_share = 0.5  # of a chunk's time, spent laying out what it inserted
        self._wish: Address | None = None  # a part to scroll to once it is inserted
        self._unshown: tuple[int, int] | None = None  # where the last edit is, while the fill has not drawn it
        self._located: tuple = (None, None, None)  # the groups, a path and where it is in them
        self._keep: int | None = None  # a scroll position to get back to once the document is long enough
        # The part last scrolled to, kept in view when the page is laid out anew (the window shown
        # or resized, the page rescaled) until the reader scrolls the view themselves.
        self._anchor: Address | None = None
        self._browser.verticalScrollBar().actionTriggered.connect(self._reader_scrolled)
        self._apply_style()
        self._apply_desk()

    # ------------------------------------------------------------------ public API

    @property
    def browser(self) -> QTextBrowser:
        return self._browser

    @property
    def house_style(self) -> HouseStyle:
        return self._style

    def document(self) -> QTextDocument:
        return self._browser.document()

    def set_brief(self, brief: Brief) -> None:
        """Draw ``brief`` from scratch (a newly opened brief), keeping the scroll position.

        Only the top of a long brief is drawn before this returns; the rest follows from
        the event loop (:meth:`is_filling`, :attr:`filled`; :meth:`flush` completes it).
        """
        self._timer.stop()
        self._pending = None
        self._hint = None
        if brief is not self._brief:
            self._anchor = None  # a place in another brief
        self._brief = brief
        self._wish = None
        self._start_fill(self._renderer.groups(brief))

    def is_filling(self) -> bool:
        """Whether groups of the brief are still to be inserted into the document."""
        return self._drawn_groups.filling

    def is_busy(self) -> bool:
        """Whether the fill is taking turns of the event loop, which other background work waits for:
        filling and shown (a hidden preview's fill waits until it is shown)."""
        return self._drawn_groups.filling and self.isVisible()

    def update_brief(self, brief: Brief, changed: Path | None = None, typed: bool = True) -> None:
        """Follow an edit of ``brief``: coalesced, applied when the event loop is next idle.

        ``changed`` is the model path of the one value the edit changed, when the caller
        knows it (see :meth:`HtmlRenderer.groups`); updates coalesced keep it only while
        they all name the same value of the same brief. ``typed`` False: not the reader's
        edit (the preview shown again), so the fill does not slow down as it does for typing.
        """
        if typed:
            self._edited_at = perf_counter()
        if self._pending is None:
            self._hint = changed if brief is self._brief else None
        elif self._hint != changed or brief is not self._pending:
            self._hint = None
        self._pending = brief
        if self._brief is None:
            self.set_brief(brief)
        elif not self._timer.isActive():
            self._timer.start()
        if self._fill_timer.isActive():
            self._fill_timer.stop()  # the next chunk follows this update (see _apply_pending)

    def flush(self) -> None:
        """Apply a pending :meth:`update_brief` and complete a progressive fill now: the document is whole."""
        self._apply_pending()
        if self._drawn_groups.filling:
            self._fill(None)

    def _apply_pending(self) -> None:
        """Apply a pending :meth:`update_brief` (to the part already inserted, while filling)."""
        self._timer.stop()
        brief, self._pending = self._pending, None
        hint, self._hint = self._hint, None
        if brief is not None:
            self._brief = brief
            self._update(self._renderer.groups(brief, changed=hint))
            self._unshown = None
            if self._drawn_groups.filling and hint is not None:  # typed into a part the fill has not reached
                found = self._locate(Address.of(hint))
                if found is not None and not self._drawn(found) and not self._draw_early(found[0]):
                    self._unshown = found
        if self._drawn_groups.filling and not self._fill_timer.isActive():
            self._fill_timer.start(0)  # after the view is redrawn for this update

    def set_template(self, template: FilePath | str | None) -> None:
        """Restyle after the template changed (its styles are read again, cached by mtime)."""
        self._style = house_style(template)
        self._renderer = HtmlRenderer(self._style, first_blocks=ONE_GO_BLOCKS)
        self._apply_style()
        if self._brief is not None:
            self.set_brief(self._brief)

    def scroll_to(self, path: Path) -> bool:
        """Bring the part at ``path`` into view (its nearest rendered ancestor if it has none).

        Returns whether anything was found; the view does not move if the part is
        already fully visible. A part not inserted yet is scrolled to when the fill
        reaches it (unless the reader scrolls meanwhile).
        """
        self._apply_pending()
        path = Address.of(path)
        found = self._locate(path)
        if found is None:
            return False
        self._keep = None
        self._anchor = path
        if not self._drawn(found) and not self._draw_early(found[0]):
            self._wish = path
            return True
        self._wish = None
        return self._show(path)

    def _show(self, path: Address) -> bool:
        block = self._block_for(path)
        if block is None:
            return False
        rect = self.document().documentLayout().blockBoundingRect(block)
        bar = self._browser.verticalScrollBar()
        height = self._browser.viewport().height()
        top, bottom = rect.top(), rect.bottom()
        if top < bar.value() or bottom > bar.value() + height:
            bar.setValue(int(max(0, top - height / 3 if rect.height() < height * 2 / 3 else top - DESK)))
        return True

    # ------------------------------------------------------------------ rendering

    def _apply_style(self) -> None:
        css = self._style.css()
        option = QTextOption()
        option.setTabStopDistance(self._style.tab_stop * PX_PER_PT)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        for doc in (self.document(), self._scratch):
            doc.setDefaultStyleSheet(css)
            doc.setIndentWidth(self._style.list_indent * PX_PER_PT)
            doc.setDefaultTextOption(option)
            font = QFont(self._style.body_font)
            font.setPointSizeF(self._style.style(Role.BODY).size or 11)
            # Word sets text without kerning or ligatures unless a style asks for them (the template's
            # body styles do not), and Qt lays text out much faster when it need not shape it: where
            # a script needs shaping to be legible, Qt still shapes it.
            font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
            doc.setDefaultFont(font)
        self.document().setUndoRedoEnabled(False)

    def _start_fill(self, groups: Groups) -> None:
        """Clear the document and fill it with ``groups``: the first ones now, the rest from the event loop."""
        value = self._browser.verticalScrollBar().value()
        self._fill_timer.stop()
        self._drawn_groups.start(groups)
        self._held = self._unshown = None
        self._keep = value or None
        small = groups.all_rendered() and \
            sum(fragment.blocks for _, fragments in groups for fragment in fragments) <= ONE_GO_BLOCKS
        self._fill(None if small else FIRST_BUDGET, FIRST_GROUPS)

    def _next_chunk(self) -> None:
        if self.isVisible():  # hidden, the rest waits to be shown: no turn taken from a key for it
            self._fill(self._chunk_budget())

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._drawn_groups.filling and not self._fill_timer.isActive():
            self._fill_timer.start(0)

    def _typing(self) -> bool:
        return perf_counter() - self._edited_at < TYPING_SECONDS

    def _chunk_budget(self) -> float:
        return TYPING_CHUNK_BUDGET if self._typing() else CHUNK_BUDGET

    def _fill(self, budget: float | None, least: int = 1) -> None:
        """Insert the next groups, at least ``least``, for about ``budget`` seconds (None: all of them).

        Each chunk is one edit, laid out before it ends, so that what was inserted can be
        painted and scrolled to; the share of the time that layout takes is learnt as the
        fill goes, so a chunk as a whole keeps to its budget.
        """
        doc = self.document()
        start = perf_counter()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        held = self._held_view()
        count = self._drawn_groups.insert(
            cursor, None if budget is None else start + budget * (1 - self._layout_share), least,
            budget is not None and self._typing(), FRAMES_AHEAD)
        inserted = perf_counter()
        cursor.endEditBlock()
        self._browser.apply_page(self._style)  # the view's width may have changed as the document grew
        doc.documentLayout().documentSize()  # lay out, so the old position and the wished part exist
        if budget is not None and count > 0:
            laid_out = perf_counter() - inserted
            self._layout_share = min(0.8, max(0.2, laid_out / max(laid_out + inserted - start, 1e-6)))
        if held is not None:
            marker, offset = held
            bar = self._browser.verticalScrollBar()
            bar.setValue(round(doc.documentLayout().blockBoundingRect(marker.block()).top() + offset))
            self._held = (marker, offset, bar.value())
        if count >= 0 or self._wish is not None:  # a chunk that made frames only may have made the wished one's
            self._settle_view()
        if self._unshown is not None and (self._drawn(self._unshown) or self._draw_early(self._unshown[0])):
            self._unshown = None
        if self._drawn_groups.filling:
            self._fill_timer.start(self._pause_ms())
        else:
            self._fill_timer.stop()
            self.filled.emit()

    def _pause_ms(self) -> int:
        """Milliseconds until the next chunk: none when the reader is not typing. While they type, the
        next edit brings it (or a pause in their typing), unless what they wait to see is not drawn yet."""
        if not self._typing():
            return 0
        if self._unshown is not None or self._wish is not None:
            return TYPING_PAUSE_MS
        return max(0, ceil((TYPING_SECONDS - (perf_counter() - self._edited_at)) * 1000))

    def _draw_early(self, number: int) -> bool:
        """Draw the target's group ``number`` now, in the empty frame made for it, before the fill gets there.

        The part the reader goes to or types into then shows at once, not when the fill reaches
        it (a second or more into a long brief); the groups between are drawn above it later, the
        view kept on what it shows (:meth:`_held_view`). A group too long for one turn is left to
        the fill. Returns whether the group is drawn.
        """
        if not self._drawn_groups.draw_early(number, EARLY_BLOCKS):
            return False
        self.document().documentLayout().documentSize()  # laid out, so that it can be scrolled to
        return True

    def _held_view(self) -> tuple[QTextCursor, float] | None:
        """What the view shows below where the fill inserts, if it shows a group drawn early: a cursor
        at its top block (or the group's first) and the view's offset from it, so the view can follow it down.

        Kept from chunk to chunk while the view stays where the last chunk put it, so that rounding
        to whole pixels does not add up."""
        frames = self._drawn_groups.early_frames()
        if not frames or self._keep is not None or self._wish is not None:
            return None
        doc, view = self.document(), self._browser.viewport()
        layout = doc.documentLayout()
        top = self._browser.verticalScrollBar().value()
        if self._held is not None and self._held[2] == top:
            return self._held[:2]
        marker = self._browser.cursorForPosition(QPoint(view.width() // 2, 0))
        at = marker.position()
        if not any(frame.firstPosition() <= at <= frame.lastPosition() for frame in frames):
            # the view's top is above the early groups (or between them): the first in view is held
            frame = next((frame for frame in frames
                          if layout.blockBoundingRect(doc.findBlock(frame.lastPosition())).bottom() >= top), None)
            if frame is None:
                return None
            marker = QTextCursor(doc)
            marker.setPosition(frame.firstPosition())
            if layout.blockBoundingRect(marker.block()).top() > top + view.height():
                return None
        return marker, top - layout.blockBoundingRect(marker.block()).top()

    def _settle_view(self) -> None:
        """Scroll to the wished part once it is inserted, or drawn early once its frame is made (the
        first chunks make every frame), or back to the kept position once it exists."""
        bar = self._browser.verticalScrollBar()
        if self._wish is not None:
            found = self._locate(self._wish)
            if found is None:
                self._wish = None
            elif self._drawn(found) or self._draw_early(found[0]):
                path, self._wish = self._wish, None
                self._show(path)
        elif self._keep is not None:
            # Held until the fill ends: the last part inserted may yet be laid out shorter
            # than first measured, and the view must not stay clamped to the end it had then.
            bar.setValue(self._keep)
            if not self._drawn_groups.filling:
                self._keep = None

    def _reader_scrolled(self, _action: int) -> None:
        """The reader moved the view: a position kept or a part wished for no longer counts."""
        self._keep = None
        self._wish = None
        self._anchor = None

    def _update(self, groups: Groups) -> None:
        """Make the document show ``groups``: in place, or (if Qt made other blocks than the
        renderer declared) drawn afresh. While filling, the groups not placed yet are the fill's."""
        drawn = self._drawn_groups
        filling = drawn.filling
        bar = self._browser.verticalScrollBar()
        value = bar.value()
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        try:
            changed = drawn.update_filling(cursor, groups) if filling else drawn.update(cursor, groups)
        except Mismatch:
            cursor.endEditBlock()
            self._start_fill(groups)
            return
        cursor.endEditBlock()
        if not changed:
            return
        bar.setValue(value)
        if filling and bar.value() != value and self._wish is None:
            self._keep = value  # the frames taken out come back as the fill goes on

    # ------------------------------------------------------------------ finding places

    def _locate(self, path: Address) -> tuple[int, int] | None:
        """:func:`locate` in the groups, remembered until they change (the fill asks after each chunk)."""
        target = self._drawn_groups.target
        if self._located[0] is not target or self._located[1] != path:
            self._located = (target, path, locate(target, path))
        return self._located[2]

    def _drawn(self, found: tuple[int, int]) -> bool:
        """Whether the fragment at ``found`` (from :func:`locate`) is in the document yet."""
        return self._drawn_groups.drawn(found)

    def _block_for(self, path: Address) -> QTextBlock | None:
        found = self._locate(path)
        if found is None or not self._drawn(found):
            return None
        return self._frames.block_at(self._drawn_groups.group(found[0]), found[1], path_name(path))

    # ------------------------------------------------------------------ clicks

    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if url.scheme() == SCHEME:
            self.pathActivated.emit(path_from_name(text))
            return
        self.linkActivated.emit(text)
        block = self._browser.cursorForPosition(self._press).block()
        it = block.begin()
        while not it.atEnd():
            href = it.fragment().charFormat().anchorHref()
            if href.startswith(f"{SCHEME}:"):
                self.pathActivated.emit(path_from_name(href))
                return
            it += 1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._browser.viewport():
            if event.type() == QEvent.Type.MouseButtonPress:
                self._press = event.position().toPoint()  # type: ignore[attr-defined]
            elif event.type() == QEvent.Type.Resize:
                QTimer.singleShot(0, self._relayout)
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ the page on the desk

    def _apply_desk(self) -> None:
        """Paper-white page on a desk a shade off the window colour, light or dark theme alike."""
        self._browser.apply_desk(self.palette().color(QPalette.ColorRole.Window), self._style.link_colour)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_desk()
        super().changeEvent(event)

    def _relayout(self) -> None:
        """The view was resized (shown for the first time, say): the page follows, and the part
        last scrolled to is brought back into view, wherever the new layout put it."""
        changed = self._browser.apply_page(self._style)
        anchor = self._anchor
        # A position kept through a redraw is the reader's: it wins over the part last followed.
        if changed and anchor is not None and self._wish is None and self._keep is None \
                and self._locate(anchor) is not None:
            self.document().documentLayout().documentSize()  # laid out at the new width before measuring
            self._show(anchor)
