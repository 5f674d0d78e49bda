"""Mending plain text copied from a PDF, whose lines are broken where the page wrapped them.

:func:`join_pdf_lines` joins the lines back into paragraphs and bullets;
:func:`looks_like_pdf_text` tells such text from typed lines. Both are linear in the
text: an item being mended keeps its pieces and joins them once, and whether a
hyphenated word is spelled so elsewhere is looked up in a set made in one pass
(``tests/test_paste_scaling.py`` counts the work).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefbook.checks import clean_text
from briefbook.model import bodytext

#: Invisible characters a paste drops besides those a brief cannot hold at all: the C1
#: controls (NEL included) and the object replacement character an image leaves behind.
_JUNK = re.compile(r"[\x7f-\x9f\ufffc]")


def clean_pasted(text: str) -> str:
    """``text`` without invisible characters (:func:`briefbook.checks.clean_text`, then :data:`_JUNK`)."""
    return _JUNK.sub("", clean_text(text).text)


def items_to_text(items: list[tuple[str, int, str]]) -> str:
    """Body text for ``(kind, level, text)`` items: bullets, ``##`` headings and paragraphs."""
    out: list[str] = []
    previous = ""
    for kind, level, text in items:
        if not text:
            continue
        if kind == "bullet":
            line = f"{'  ' * level}- {text}"
        elif kind == "heading":
            line = f"## {text}"
        else:
            line = bodytext.paragraph_line(text)
        if out:
            out.append("\n" if kind == "bullet" and previous == "bullet" else "\n\n")
        out.append(line)
        previous = kind
    return bodytext.normalise("".join(out)) if out else ""


_PDF_BULLET = re.compile(r"([•▪●◦○■□‣⁃\-–—*\uf0b7]|\d{1,3}[.)])\s+(\S.*)")
_TERMINAL = tuple(".!?:;…")
_CLOSERS = "\"'”’»)]"
_PAGE_NUMBER = re.compile(r"\d{1,3}")
_BROKEN_WORD = re.compile(r"(?<![\w-])([^\W\d_]{2,})-$")
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(_TERMINAL)


def _starts_lower(text: str) -> bool:
    text = text.lstrip("*_\"'“‘([")
    return bool(text) and text[0].islower()


@dataclass
class _PdfItem:
    """A paragraph or bullet being mended, its text kept as pieces joined once at the end.

    Appending to one growing string would copy it for every line: a paste of 40,000
    lines took half a minute that way. ``tail`` keeps the last characters, where a
    broken word is looked for.
    """

    kind: str
    level: int
    parts: list[str]
    last_line: str
    tail: str = ""

    def __post_init__(self) -> None:
        self.tail = "".join(self.parts)[-_WORD_REACH:]

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def append(self, piece: str) -> None:
        self.parts.append(piece)
        self.tail = (self.tail + piece[-_WORD_REACH:])[-_WORD_REACH:]

    def drop_last_character(self) -> None:
        last = self.parts[-1][:-1]
        if last:
            self.parts[-1] = last
        else:
            self.parts.pop()
        self.tail = self.tail[:-1]


#: How far back a word broken at a line end is looked for; no word is longer.
_WORD_REACH = 100
_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


def _hyphenated_pairs(text: str) -> set[tuple[str, str]]:
    """Every ``word-word`` the text spells within a line, as pairs (``air-to-ground`` gives two)."""
    pairs: set[tuple[str, str]] = set()
    for match in _HYPHENATED.finditer(text):
        words = match.group().split("-")
        pairs.update(zip(words, words[1:], strict=False))
    return pairs


def _join(item: _PdfItem, line: str, hyphenated: set[tuple[str, str]]) -> None:
    """Append ``line`` to ``item``, mending a word the page broke with a hyphen."""
    tail = item.tail
    if tail.endswith("\u00ad"):
        item.drop_last_character()
    elif tail.endswith("-") and not tail.endswith(" -"):
        broken, word = _BROKEN_WORD.search(tail), _FIRST_WORD.match(line)
        # Only a clearly broken word loses its hyphen: letters on both sides, the second
        # part in lower case, and the hyphenated form not used elsewhere in the text.
        if broken and word and word.group(0)[0].islower() and (broken.group(1), word.group(0)) not in hyphenated:
            item.drop_last_character()
    else:
        item.append(" ")
    item.append(line)
    item.last_line = line


def join_pdf_lines(text: str) -> str:
    """Plain text from a PDF with its hard line breaks mended.

    A line continues the one above unless the one above ends a sentence and is
    visibly shorter than the text's full lines (a paragraph's last line), or is a
    short line without final punctuation followed by a capital (a heading). A blank
    line is a paragraph break unless the text before it stops mid-sentence and the
    next line starts in lower case: that is a page break inside a paragraph. Lines
    starting with a bullet glyph, a dash or ``1.`` become ``- `` bullets; a bare page
    number between blank lines is dropped. Markup characters are not escaped: plain
    text is treated as typed.
    """
    text = clean_pasted(text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n"))
    lines = [line.rstrip() for line in text.split("\n")]
    width = max((len(line.strip()) for line in lines), default=0)
    hyphenated = _hyphenated_pairs(text)
    items: list[_PdfItem] = []
    blank = False
    indents: list[int] = []
    for number, raw in enumerate(lines):
        line = raw.strip().replace("\t", " ")
        if not line:
            blank = True
            continue
        around_blank = (number == 0 or not lines[number - 1].strip()) and (
            number + 1 >= len(lines) or not lines[number + 1].strip())
        if _PAGE_NUMBER.fullmatch(line) and around_blank and items:
            continue
        indent = len(raw) - len(raw.lstrip())
        bullet = _PDF_BULLET.fullmatch(line)
        if bullet:
            if not items or items[-1].kind != "bullet" or blank:
                indents = []
            while indents and indents[-1] >= indent:
                indents.pop()
            level = max(len(indents), 1 if bullet.group(1) in "◦○□" else 0)
            indents.append(indent)
            items.append(_PdfItem("bullet", level, [bullet.group(2)], bullet.group(2)))
            blank = False
            continue
        last = items[-1] if items else None
        if last is not None and _continues(last.last_line, line, blank, width):
            _join(last, line, hyphenated)
        else:
            items.append(_PdfItem("paragraph", 0, [line], line))
            indents = []
        blank = False
    return items_to_text([(item.kind, item.level, item.text) for item in items])


def _continues(previous: str, line: str, across_blank: bool, width: int) -> bool:
    if across_blank:
        return not _ends_sentence(previous) and _starts_lower(line)
    if previous.endswith("\u00ad") or _starts_lower(line):
        return True
    long_line = len(previous) >= 0.75 * width
    if _ends_sentence(previous):
        return len(previous) >= 0.9 * width
    return long_line or not line[:1].isupper()




def looks_like_pdf_text(text: str) -> bool:
    """Whether plain text reads as lines broken by a page's wrapping rather than as typed lines.

    True when at least two (and a third) of the non-blank lines stop mid-sentence
    and run on into the next line, or when lines start with bullet glyphs.
    """
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    filled = [line for line in lines if line]
    if len(filled) < 2:
        return False
    if any(line[:1] in "•▪●◦\uf0b7" for line in filled):
        return True
    broken = 0
    for current, following in zip(lines, lines[1:], strict=False):
        if (current and following and not current.startswith("#") and not _ends_sentence(current)
                and not _PDF_BULLET.fullmatch(following) and not following.startswith("#")):
            broken += 1
    return broken >= 2 and broken * 3 >= len(filled)
