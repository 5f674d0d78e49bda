"""The reference brief 182 SPE 24 E, read from its PDF text extraction.

``tests/data/reference/policy-brief-182-SPE-24-E.txt`` is the text of a real Assembly
brief as extracted from its PDF, with ``**…**`` marking the original's bold runs. The
sample brief, the DOCX export and the preview are all measured against it, so the
rules that turn the extraction into comparable items live here, once:

- the cover block is the lines before the title, the title the two lines ending in
  ``KEY TAKEAWAYS``;
- ``- `` starts a bullet, `` - `` (one leading space) a nested bullet;
- ``I. ``, ``II. ``… start a numbered section; the number is dropped, as Briefbook
  derives it;
- any other line is a paragraph when it ends with a full stop, else an unnumbered
  sub-heading;
- a line starting with a lower-case letter continues the previous item: the PDF's
  page breaks split two bullets that way;
- ``www.nato-pa.int`` is the page footer, and the lines after it are footnotes
  (``¹ text``); superscript digits in the body are footnote marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parent / "data" / "reference"
BRIEF_REFERENCE = REFERENCE_DIR / "policy-brief-182-SPE-24-E.txt"

FOOTER = "www.nato-pa.int"
_TITLE_END = "KEY TAKEAWAYS"
_SECTION = re.compile(r"^(?P<number>[IVXLC]+)\. (?P<text>.+)$")
_BULLET = re.compile(r"^(?P<indent> ?)- (?P<text>.+)$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FOOTNOTE_MARKS = re.compile(f"[{_SUPERSCRIPTS}]+")
_DIGITS = str.maketrans(_SUPERSCRIPTS, "0123456789")
_FOOTNOTE_LINE = re.compile(f"^(?P<mark>[{_SUPERSCRIPTS}]+) (?P<text>.+)$")


@dataclass(frozen=True)
class Item:
    """One printed element of the body.

    ``kind`` is ``paragraph``, ``heading``, ``section`` or ``bullet``; ``level`` is the
    bullet's depth (1 = top) and 0 otherwise; ``text`` keeps the ``**`` bold markers
    and superscript footnote marks of the reference.
    """

    kind: str
    level: int
    text: str

    @property
    def plain(self) -> str:
        return plain(self.text)

    def printed(self, footnote_marks: bool = False) -> str:
        return plain(self.text, footnote_marks)


@dataclass(frozen=True)
class Reference:
    cover: list[str]
    title: list[str]
    items: list[Item]
    #: Footnote texts in order of their marks (``¹`` first), markup as in the reference.
    footnotes: list[str]

    def body_lines(self, footnote_marks: bool = False) -> list[str]:
        """The printed lines from the title on, without markup, bullets or section numbers.

        With ``footnote_marks`` the marks stay, as ordinary digits: that is how
        LibreOffice's text export prints a footnote reference (``forces:1``).
        """
        return [*self.title, *(item.printed(footnote_marks) for item in self.items)]

    def document_lines(self, footnote_marks: bool = False) -> list[str]:
        """Cover block, then :meth:`body_lines`: the printed text, page footer and footnotes aside."""
        return [*self.cover, *self.body_lines(footnote_marks)]

    def bold_runs(self) -> list[str]:
        """Every bold run of the body in reading order."""
        return [run for item in self.items for run in bold_runs(item.text)]

    def sections(self) -> list[str]:
        return [item.text for item in self.items if item.kind == "section"]


def plain(text: str, footnote_marks: bool = False) -> str:
    """Text without bold markers; footnote marks dropped, or kept as ordinary digits."""
    text = text.replace("**", "")
    if footnote_marks:
        return text.translate(_DIGITS)
    return _FOOTNOTE_MARKS.sub("", text)


def bold_runs(text: str) -> list[str]:
    """The ``**…**`` spans of a reference line, markers removed."""
    return _BOLD.findall(text)


def normalise_line(line: str) -> str:
    """A printed line made comparable with :meth:`Reference.body_lines`.

    For text that other programs extract from an export (LibreOffice's text export
    indents bullets and prints ``•``/``◦``): drops a leading bullet glyph or section
    number (``I.``, ``A.``, ``1.``) with the whitespace after it, a byte-order mark and
    superscript footnote marks, and collapses runs of whitespace.
    """
    line = re.sub(r"^\s*(?:[-•◦▪▫·o–]|[IVXLC]+\.|[A-Z]\.|\d+\.)[ \t]+", "", line.lstrip("\ufeff"))
    return " ".join(plain(line).split())


def _item(line: str) -> Item:
    if bullet := _BULLET.match(line):
        return Item("bullet", 2 if bullet["indent"] else 1, bullet["text"])
    if section := _SECTION.match(line):
        return Item("section", 0, section["text"])
    return Item("paragraph" if line.rstrip().endswith(".") else "heading", 0, line)


def read_reference(path: Path = BRIEF_REFERENCE) -> Reference:
    """Parse the extraction at ``path`` into cover, title, body items and footnotes."""
    lines = [line.rstrip() for line in path.read_text(encoding="utf-8").splitlines()]
    title_end = lines.index(_TITLE_END)
    footer = lines.index(FOOTER)
    content = [line for line in lines[:title_end + 1] if line.strip()]
    cover, title = content[:-2], content[-2:]
    items: list[Item] = []
    for line in lines[title_end + 1:footer]:
        if not line.strip():
            continue
        if line[0].islower() and items:
            previous = items[-1]
            items[-1] = Item(previous.kind, previous.level, f"{previous.text} {line}")
        else:
            items.append(_item(line))
    footnotes = [match["text"] for line in lines[footer + 1:] if (match := _FOOTNOTE_LINE.match(line))]
    return Reference(cover, title, items, footnotes)
