"""Word's tracked changes as WordprocessingML: what a reviewer accepts or rejects in the Review pane.

What Word itself writes when *Track Changes* is on (ISO/IEC 29500-1 §17.13.5):

- inserted runs inside ``w:ins``, deleted runs inside ``w:del`` with their text as
  ``w:delText`` (and a field's code as ``w:delInstrText``), each revision with a unique
  ``w:id``, its ``w:author`` and ``w:date``;
- a run inside a hyperlink is wrapped inside the hyperlink (``w:hyperlink`` cannot
  stand inside ``w:ins``);
- a paragraph inserted or deleted whole also has its paragraph mark inserted or deleted
  (``w:ins`` / ``w:del`` in the ``w:rPr`` of its ``w:pPr``), so that accepting a deletion
  removes the paragraph rather than leaving it empty, and rejecting an insertion the same;
- a paragraph whose style changed keeps the old one in ``w:pPrChange``;
- moved text is ``w:moveFrom`` where it stood and ``w:moveTo`` where it stands now, and
  the stretch of paragraphs that moved is bracketed, on each side, by range marks
  (``w:moveFromRangeStart`` … ``w:moveFromRangeEnd``) whose shared ``w:name`` pairs the
  two sides.

The elements are made after the export's own writer has written a piece's runs: the
runs appended for the piece are wrapped in place (:meth:`Revisions.wrap`).
"""

from __future__ import annotations

import datetime as dt

from lxml import etree

from briefbook.redline.changes import Change
from briefbook.render.docx.ooxml import HYPERLINK, ID, NAME, PPR, PSTYLE, RPR, VAL, R, w

_AUTHOR, _DATE = w("author"), w("date")
_T, _DEL_TEXT, _INSTR, _DEL_INSTR = w("t"), w("delText"), w("instrText"), w("delInstrText")

#: The element wrapping a piece's runs, by change.
_WRAPPER = {Change.INSERTED: w("ins"), Change.DELETED: w("del"), Change.MOVED_FROM: w("moveFrom"),
            Change.MOVED_TO: w("moveTo")}
#: The range marks of each side of a move.
_RANGE = {Change.MOVED_FROM: (w("moveFromRangeStart"), w("moveFromRangeEnd")),
          Change.MOVED_TO: (w("moveToRangeStart"), w("moveToRangeEnd"))}

#: Revision ids start here, clear of the bookmarks' and comments' numbers (Word wants every
#: annotation's id distinct, and those count up from 0 and 1).
FIRST_ID = 100_000


def revision_date(moment: dt.datetime | None = None) -> str:
    """The moment as Word writes a revision's date: UTC, ISO 8601, to the second (default: now)."""
    moment = dt.datetime.now(dt.UTC) if moment is None else moment
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0).isoformat() + "Z"


class Revisions:
    """The revisions of one redline: one author and date, ids counted across the document and its footnotes."""

    def __init__(self, author: str, date: str):
        self.author = author
        self.date = date
        self._next_id = FIRST_ID
        #: The id of each move's range on each side, by the move's name.
        self._ranges: dict[tuple[Change, str], int] = {}

    def _stamp(self, element: etree._Element, *, dated: bool = True) -> etree._Element:
        element.set(ID, str(self._next_id))
        self._next_id += 1
        if dated:
            element.set(_AUTHOR, self.author)
            element.set(_DATE, self.date)
        return element

    def wrap(self, parent: etree._Element, after: etree._Element | None, change: Change) -> None:
        """Wrap the runs ``parent`` holds after its child ``after`` (all, if ``None``) in the revision ``change`` names.

        The piece's first child is found from the last child before it, not by position:
        writing a piece can put a bookmark round an earlier footnote mark of the same
        paragraph (a note cited again), which shifts every position after it.
        Neighbouring runs go into one revision; a hyperlink's runs are wrapped inside it;
        range marks (bookmarks, comments) stay where they are, between revisions.
        """
        tag = _WRAPPER.get(change)
        if tag is None:
            return
        removed = change.removed
        group: etree._Element | None = None
        for child in list(parent if after is None else after.itersiblings()):
            if child.tag == R:
                if group is None:
                    group = self._stamp(etree.Element(tag))
                    child.addprevious(group)
                group.append(child)
                if removed:
                    _as_removed(child)
                continue
            group = None
            if child.tag == HYPERLINK:
                self.wrap(child, None, change)

    def mark_paragraph(self, p: etree._Element, change: Change, old_style: str | None = None) -> None:
        """Track the paragraph mark of ``p`` (inserted, deleted, moved) and the style it had."""
        ppr = p.find(PPR)
        if ppr is None:
            ppr = etree.Element(PPR)
            p.insert(0, ppr)
        tag = _WRAPPER.get(change)
        if tag is not None:
            rpr = ppr.find(RPR)
            if rpr is None:
                rpr = etree.SubElement(ppr, RPR)
            rpr.insert(0, self._stamp(etree.Element(tag)))
        if old_style is not None:
            was = etree.SubElement(self._stamp(etree.SubElement(ppr, w("pPrChange"))), PPR)
            etree.SubElement(was, PSTYLE).set(VAL, old_style)

    def open_range(self, p: etree._Element, change: Change, name: str) -> None:
        """Open the range of move ``name`` on this side, at the start of ``p``'s content."""
        start = self._stamp(etree.Element(_RANGE[change][0]))
        start.set(NAME, name)
        self._ranges[change, name] = int(start.get(ID))
        ppr = p.find(PPR)
        if ppr is None:
            p.insert(0, start)
        else:
            ppr.addnext(start)

    def close_range(self, p: etree._Element, change: Change, name: str) -> None:
        """Close the range of move ``name`` on this side, at the end of ``p``."""
        etree.SubElement(p, _RANGE[change][1]).set(ID, str(self._ranges.pop((change, name))))


def _as_removed(r: etree._Element) -> None:
    """A deleted run's text as deleted text: ``w:t`` → ``w:delText``, ``w:instrText`` → ``w:delInstrText``."""
    for child in r:
        if child.tag == _T:
            child.tag = _DEL_TEXT
        elif child.tag == _INSTR:
            child.tag = _DEL_INSTR


__all__ = ["FIRST_ID", "Revisions", "revision_date"]
