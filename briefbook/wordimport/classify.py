"""What each paragraph of a Word document is in a brief: a cover field, the title, a heading, a bullet…

Briefs come from three kinds of writer, and each says what a paragraph is in its own way:

- **Briefbook's export and the Assembly's template** name every part by style
  (*Cover Event*, *Heading 2*, *List Bullet 2*, *Subheading*), so the style decides;
- **other programs** (pandoc, LibreOffice, an older template) use Word's built-in
  names — *Heading 1–3* for the numbered levels, *Heading 4* and below for the
  unnumbered sub-headings, *Title*, *Subtitle*, *Date*, list paragraphs whose list
  decides bullet and depth;
- **an analyst in a hurry** types what Word would number: ``I.``, ``A.`` and ``1.``
  before a heading, ``•`` or ``-`` before a bullet, in *Normal* style.

A style's name is compared the way :func:`briefbook.render.template.style_key` compares
names (case and spacing aside), and a style based on a known one counts as that one,
so a secretariat's restyled *Heading 1* still reads as a level-1 heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefbook.render.template import style_key
from briefbook.wordimport.paragraphs import Text, WordParagraph

COVER_STYLES = {
    "cover body": "body", "cover event": "event", "cover dates": "dates", "cover kind": "kind",
    "cover reference": "reference", "cover disclaimer": "disclaimer",
    # pandoc's and Word's names for a title page
    "subtitle": "event", "date": "dates",
}
_CONTENTS = {"toc heading", "contents heading", "table of contents"} | {f"toc {n}" for n in range(1, 10)}
_SKIPPED = {"author", "abstract title", "header", "footer", "caption", "table caption", "image caption"}

#: Typed bullets: the glyph, then a tab or space (``•\tText``, ``- Text``), with the depth the glyph suggests.
_TYPED_BULLET = re.compile(r"([•·▪◦‣⁃■□➢✓❖o\-–—*])[\t ]+")
_GLYPH_DEPTH = {"◦": 2, "o": 2, "–": 2, "—": 2, "▪": 3, "■": 3, "□": 3}
#: Typed section numbers: ``I.``, ``A.``, ``1.`` (a tab or spaces after).
_ROMAN = re.compile(r"(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})\.[\t ]+")
_LETTER = re.compile(r"([A-Z])\.[\t ]+")
_DIGITS = re.compile(r"(\d{1,2})\.[\t ]+")
#: A typed heading is short; a longer paragraph starting "1." is text.
_HEADING_MAX = 200


@dataclass(frozen=True)
class Kind:
    """What a paragraph is: ``what`` (cover, title, contents, heading, subheading, bullet, paragraph, skip).

    ``level`` is a heading's level or a bullet's depth (from 1); ``field`` the cover's
    field; ``strip`` how many printed characters at the start are a typed number or
    bullet the brief derives itself.
    """

    what: str
    level: int = 0
    field: str = ""
    strip: int = 0


def _named(paragraph: WordParagraph) -> str:
    """The nearest style name in the paragraph's chain that means something to a brief, or ``""``."""
    for name in paragraph.styles:
        key = style_key(name)
        if (key in COVER_STYLES or key in _CONTENTS or key in _SKIPPED or key == "title" or key == "subheading"
                or key.startswith(("heading ", "list bullet"))):
            return key
    return ""


def typed_heading(text: str, last_letter: str = "") -> tuple[int, int] | None:
    """``(level, characters)`` of a typed section number at the start of ``text``, or ``None``.

    A single letter that is also a Roman numeral (``I.``, ``V.``, ``X.``) is a letter
    when it follows the letter before it (``H.`` then ``I.``).
    """
    if len(text) > _HEADING_MAX:
        return None
    roman = _ROMAN.match(text)
    if roman and any(roman.group(k) for k in (1, 2, 3)):
        numeral = roman.group(0).split(".")[0]
        if not (len(numeral) == 1 and last_letter and ord(numeral) == ord(last_letter) + 1):
            return 1, roman.end()
    letter = _LETTER.match(text)
    if letter:
        return 2, letter.end()
    digits = _DIGITS.match(text)
    if digits:
        return 3, digits.end()
    return None


class Classifier:
    """Says what each paragraph is, remembering what came before (``I.`` after ``H.`` is a letter).

    ``typed``: look for numbers and bullets typed by hand. Not in a Briefbook export, whose
    styles say everything, and where a paragraph starting ``* `` or ``1. `` is just that.
    """

    def __init__(self, typed: bool = True) -> None:
        self._typed = typed
        self._last_letter = ""

    def kind(self, paragraph: WordParagraph) -> Kind:
        if paragraph.in_contents:
            return Kind("contents")
        named = _named(paragraph)
        text = paragraph.text()
        if named in COVER_STYLES:
            return Kind("cover", field=COVER_STYLES[named])
        if named in _CONTENTS:
            return Kind("contents")
        if named in _SKIPPED:
            return Kind("skip")
        if named == "title":
            return Kind("title")
        if named == "subheading":
            return Kind("subheading")
        if named.startswith("heading "):
            level = int(named.split()[1]) if named.split()[1].isdigit() else 1
            if level > 3:
                return Kind("subheading")
            typed = typed_heading(text, self._last_letter) if self._typed else None
            strip = typed[1] if typed and typed[0] == level else 0
            self._remember(text[:strip], level)
            return Kind("heading", level, strip=strip)
        if named.startswith("list bullet"):
            tail = named.removeprefix("list bullet").strip()
            level = int(tail) if tail.isdigit() else 1
            typed = _TYPED_BULLET.match(text) if self._typed else None
            return Kind("bullet", level, strip=typed.end() if typed and not paragraph.list_format else 0)
        if paragraph.list_format:
            return Kind("bullet", paragraph.list_level + 1)
        if not self._typed:
            return Kind("paragraph")
        typed_bullet = _TYPED_BULLET.match(text)
        if typed_bullet and len(text) > typed_bullet.end():
            glyph = typed_bullet.group(1)
            depth = _GLYPH_DEPTH.get(glyph, 1)
            if paragraph.indent >= 1400:
                depth = max(depth, 3)
            elif paragraph.indent >= 700:
                depth = max(depth, 2)
            return Kind("bullet", depth, strip=typed_bullet.end())
        if _all_bold(paragraph):
            typed = typed_heading(text, self._last_letter)
            if typed is not None:
                self._remember(text[: typed[1]], typed[0])
                return Kind("heading", typed[0], strip=typed[1])
        return Kind("paragraph")

    def _remember(self, label: str, level: int) -> None:
        letter = _LETTER.match(label) if level == 2 else None
        if letter:
            self._last_letter = letter.group(1)
        elif level <= 2:
            self._last_letter = ""


def _all_bold(paragraph: WordParagraph) -> bool:
    texts = [p for p in paragraph.pieces if isinstance(p, Text) and p.text.strip()]
    return bool(texts) and all(p.bold for p in texts)
