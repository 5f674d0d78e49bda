"""The paragraphs that must not end a page, and the page break that keeps one with its text.

Every heading style of the template keeps with the next paragraph (``w:keepNext``, and
``w:keepLines``), and a sub-heading with its first bullet; Word honours it. LibreOffice
(7.4, and every version with the same layout code) does not always: when it opens a
document that carries no layout of its own — a DOCX never does — it first deals the
paragraphs out to pages by a guess, 25 paragraphs to a page (20 in a document of more
than about a hundred), and only then lays each page out. A heading that is the last
paragraph of a guessed page checks its *keep with next* while the next paragraph, on the
following page, has not been placed yet; the check needs a placed next paragraph, so it
does nothing, and nothing asks again when the next paragraph turns out not to fit. The
heading stays at the foot of the page and its text starts the next one. The sample brief
meets exactly this: its 25th paragraph is "I. ALLIED DETERRENCE AND DEFENCE", and page 1
is full right after it. One paragraph more or fewer before the heading, anywhere, and the
same styles keep it with its text; so does any document LibreOffice did lay out itself.

No property of the paragraphs changes that (keep-with-next is there and read; widow
control, keep-lines, the headings' numbering, the cover's keeps and the first page's own
header and footer play no part: the sample strands with each of them taken away), so the
keeps stay as Word needs them, and where LibreOffice's own layout of the exported document shows a kept paragraph
at the foot of a page, :mod:`briefbook.render.paged` gives the first heading of that run
a *page break before* (:func:`break_before`), the paragraph property a Word user would
set on it, and lays the document out again. In Word, which kept the heading with its
text anyway, the heading opens the same page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from briefbook.render.docx.ooxml import BR, PPR, PSTYLE, TAB, VAL, P, T, w
from briefbook.render.styles import HEADING_ROLES, Role

#: The styles (by name, as :mod:`briefbook.render.template` matches them) whose paragraphs must not end a page.
KEPT_ROLES = (*HEADING_ROLES, Role.SUBHEADING)

_STYLE, _STYLE_ID, _NAME, _TYPE = w("style"), w("styleId"), w("name"), w("type")
_DEL_TEXT, _INSTR = w("delText"), w("instrText")
_PAGE_BREAK_BEFORE = w("pageBreakBefore")
#: What may come before ``w:pageBreakBefore`` in a ``w:pPr`` (ECMA-376 §17.3.1.26, in order).
_BEFORE_BREAK = frozenset({PSTYLE, w("keepNext"), w("keepLines")})


@dataclass(frozen=True)
class KeptParagraph:
    """A paragraph in a kept style, with the text a page shows of it."""

    element: etree._Element
    #: Its printed words, runs of space as one (the heading's number is Word's, not in the text).
    text: str
    #: The body paragraph just before it is kept too (a sub-heading right under a heading).
    after_kept: bool


def kept_style_ids(styles_xml: bytes) -> frozenset[str]:
    """The ids of the paragraph styles named as :data:`KEPT_ROLES` (case aside, as Word names them)."""
    names = {role.value.casefold() for role in KEPT_ROLES}
    ids = set()
    for style in etree.fromstring(styles_xml).iter(_STYLE):
        name = style.find(_NAME)
        if style.get(_TYPE) == "paragraph" and name is not None and (name.get(VAL) or "").casefold() in names:
            ids.add(style.get(_STYLE_ID))
    return frozenset(ids)


def kept_paragraphs(document: etree._Element, style_ids: Iterable[str]) -> list[KeptParagraph]:
    """The body's paragraphs in those styles, in order (the contents' entries are not among them)."""
    wanted = frozenset(style_ids)
    body = document.find(w("body"))
    found: list[KeptParagraph] = []
    previous_kept = False
    for p in body if body is not None else ():
        if p.tag != P:
            previous_kept = False
            continue
        style = p.find(f"{PPR}/{PSTYLE}")
        kept = style is not None and style.get(VAL) in wanted
        if kept:
            found.append(KeptParagraph(p, printed_text(p), previous_kept))
        previous_kept = kept
    return found


def printed_text(p: etree._Element) -> str:
    """The words of paragraph ``p`` as a page prints them: text and field results, tabs and breaks as spaces."""
    pieces = []
    for el in p.iter(T, _DEL_TEXT, TAB, BR):
        pieces.append((el.text or "") if el.tag in (T, _DEL_TEXT) else " ")
    return " ".join("".join(pieces).split())


def break_before(p: etree._Element) -> bool:
    """Give paragraph ``p`` a page break before it; ``False`` if it had one already."""
    ppr = p.find(PPR)
    if ppr is None:
        ppr = etree.Element(PPR)
        p.insert(0, ppr)
    if ppr.find(_PAGE_BREAK_BEFORE) is not None:
        return False
    position = 0
    for index, child in enumerate(ppr):
        if child.tag in _BEFORE_BREAK:
            position = index + 1
    ppr.insert(position, etree.Element(_PAGE_BREAK_BEFORE))
    return True
