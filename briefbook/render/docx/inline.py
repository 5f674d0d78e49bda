"""Marked-up text as Word runs: bold, italic, hyperlinks and footnote marks, nothing else.

The runs come from :func:`briefbook.render.walk.walk`, parsed by the one inline parser of
Briefbook and with footnote marks already numbered, so the DOCX says exactly what the
preview shows.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from briefbook.render.docx.ooxml import HISTORY, HYPERLINK, R_ID, clean, run
from briefbook.render.docx.opc import RT, Part
from briefbook.render.walk import Inline, NoteEdge, NoteMark

#: Called for each footnote mark with the paragraph to append the mark to.
FootnoteHandler = Callable[[etree._Element, NoteMark], None]
#: Called for each edge of a reviewer's note's words with the paragraph to append its comment mark to.
EdgeHandler = Callable[[etree._Element, NoteEdge], None]


class Links:
    """The hyperlink relationships of one part, one relationship per distinct address.

    A link in a footnote belongs to the footnotes part, a link in the body to the
    document part: Word resolves ``r:id`` against the part the link sits in.
    """

    def __init__(self, part: Part):
        self._part = part
        self._ids: dict[str, str] = {}

    def rid(self, url: str) -> str:
        rid = self._ids.get(url)
        if rid is None:
            rid = self._ids[url] = self._part.relate_to(url, RT.HYPERLINK, is_external=True)
        return rid


def drop_links(part: Part) -> None:
    """Remove the hyperlink relationships of ``part`` (a template's, whose text is being replaced)."""
    for rid, rel in list(part.rels.items()):
        if rel.is_external and rel.reltype == RT.HYPERLINK:
            del part.rels[rid]


class InlineWriter:
    """Appends the runs of marked-up text to a paragraph."""

    def __init__(self, hyperlink_style: str):
        self._hyperlink_style = hyperlink_style

    def write(self, p: etree._Element, runs: tuple[Inline | NoteEdge, ...], links: Links,
              on_footnote: FootnoteHandler | None, on_edge: EdgeHandler | None = None) -> None:
        """``runs`` at the end of ``p``; footnote marks go to ``on_footnote`` (dropped if ``None``),
        the edges of notes' words to ``on_edge``."""
        link: etree._Element | None = None
        link_href = None
        for item in runs:
            if isinstance(item, NoteEdge):
                if on_edge is not None:
                    on_edge(p, item)
                link = None
                continue
            if isinstance(item, NoteMark):
                if on_footnote is not None:
                    on_footnote(p, item)
                link = None
                continue
            if item.href is None:
                run(p, item.text, bold=item.bold, italic=item.italic)
                link = None
                continue
            if link is None or link_href != item.href:
                link = etree.SubElement(p, HYPERLINK)
                link.set(R_ID, links.rid(clean(item.href)))
                link.set(HISTORY, "1")
                link_href = item.href
            run(link, item.text, bold=item.bold, italic=item.italic, style_id=self._hyperlink_style)
