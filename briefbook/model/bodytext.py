"""The text form of a body (takeaways or a section's blocks) as typed in the editor.

An analyst edits a body as plain text with a few Markdown-like line rules, so that
nothing has to be learnt that Markdown or e-mail has not already taught:

- ``- text`` is a bullet; ``* text``, ``+ text`` and ``• text`` are bullets too and are
  written back as ``- text``. A line holding only the marker (``-``) is an empty bullet.
- Two leading spaces per level nest a bullet (``  - child``, ``    - grandchild``, to
  any depth). A tab counts as two spaces; an odd space is rounded down. A bullet's
  parent is the nearest bullet above it in the same list that is indented less, and it
  sits one level below that parent however far it is indented, so over-indentation
  (a child deeper than parent + 1, or an indented first bullet) is normalised to
  parent + 1.
- ``## text`` is an unnumbered sub-heading; ``#`` to ``######`` all work and are written
  back as ``##``. Sections themselves are not typed here.
- Any other non-empty line is one paragraph. Consecutive bullet lines form one list;
  a blank line, a heading or a paragraph ends it, so a blank line between two bullets
  starts a new list. Blank lines otherwise only separate blocks; how many is not kept.
- Leading and trailing spaces of a line's text are not part of the text. Leading spaces
  only ever mean bullet nesting.
- A paragraph that would otherwise read as a bullet or heading (its text starts with
  ``- `` or ``## ``, say) is written with a backslash in front (``\\- 5% growth``);
  reading removes exactly one such backslash, so the text round-trips exactly.
- A line break inside one text (``\\n`` in the model) is the Unicode line separator
  U+2028 in the editor line — what Shift+Enter types in Qt's text widgets — so each
  block or bullet is always exactly one editor line.

Inline markup (``**bold**``, ``*italic*``, links, ``[^id]``) is left untouched: the
model stores it as typed (see :mod:`briefbook.markup`).

:func:`from_text` inverts :func:`to_text` for every body whose texts have no leading
or trailing whitespace (``str.strip`` leaves them as they are) and no U+2028, with no
empty paragraphs and no empty lists (an empty paragraph or list prints nothing and
has no line of its own). ``to_text`` of
``from_text`` of any text is that text normalised.

The *path suffix* of a line names its text in the body the way model paths do
(:mod:`briefbook.model.outline`): ``(2,)`` is the third block, ``(2, "bullets", 0,
"children", 1)`` the second child of its first bullet. :func:`line_paths` and
:func:`line_of` map between lines and suffixes so that a problem or a preview click
can land on the right line and the preview can follow the cursor.
"""

from __future__ import annotations

import re
from typing import Literal

from briefbook.model.blocks import Block, Bullet, BulletList, Heading, Paragraph
from briefbook.record import Value

#: The character that stands for a line break inside one text.
LINE_BREAK = "\u2028"

#: Bullet markers accepted on reading; ``-`` is the one written.
BULLET_MARKERS = "-*+•"

_BULLET = re.compile(r"([-*+•])(?:[ \t]+|$)")
_HEADING = re.compile(r"#{1,6}(?:[ \t]+|$)")
_GUARDED = re.compile(r"\\*(?:[-*+•](?:[ \t]|$)|#{1,6}(?:[ \t]|$))")

LineKind = Literal["blank", "bullet", "heading", "paragraph"]
PathSuffix = tuple


class Line(Value):
    """What one editor line is, and where its parts sit (columns count characters).

    ``indent`` is the number of leading indentation characters, ``level`` the nesting
    level they ask for before normalisation, ``text_start`` the column where the text
    begins (after indentation, marker and spaces, or a guarding backslash).
    """

    __slots__ = FIELDS = ("kind", "text", "level", "indent", "marker_end", "text_start")

    def __init__(self, kind: LineKind, text: str = "", level: int = 0, indent: int = 0, marker_end: int = 0,
                 text_start: int = 0) -> None:
        self.kind = kind
        self.text = text
        self.level = level
        self.indent = indent
        self.marker_end = marker_end
        self.text_start = text_start


def _indent_width(prefix: str) -> int:
    return sum(2 if ch == "\t" else 1 for ch in prefix)


def parse_line(line: str) -> Line:
    """Classify one line of body text."""
    stripped = line.lstrip(" \t")
    if not stripped.strip():
        return Line("blank")
    indent = len(line) - len(stripped)
    body = stripped.rstrip(" \t")
    # Markers are matched before trailing spaces are trimmed, so that the text of an
    # empty bullet ("- ") starts after the space the analyst typed.
    match = _BULLET.match(stripped)
    if match:
        return Line("bullet", stripped[match.end():].rstrip(" \t"), _indent_width(line[:indent]) // 2, indent,
                    indent + 1, indent + match.end())
    match = _HEADING.match(stripped)
    if match:
        return Line("heading", stripped[match.end():].rstrip(" \t"), 0, indent, indent + match.end(),
                    indent + match.end())
    start = indent
    if body.startswith("\\") and _GUARDED.match(body, 1):
        body = body[1:]
        start += 1
    return Line("paragraph", body, 0, indent, indent, start)


def _to_model(text: str) -> str:
    return text.replace(LINE_BREAK, "\n")


def _to_line(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", LINE_BREAK)


def paragraph_line(text: str) -> str:
    """The editor line of a paragraph, guarded so that it cannot read as a bullet or heading."""
    line = _to_line(text)
    return "\\" + line if _GUARDED.match(line) else line


def _bullet_lines(bullets: list[Bullet], level: int, out: list[str]) -> None:
    for bullet in bullets:
        text = _to_line(bullet.text)
        out.append(f"{'  ' * level}- {text}" if text else f"{'  ' * level}-")
        _bullet_lines(bullet.children, level + 1, out)


def to_text(blocks: list[Block]) -> str:
    """The editor text of a body: one line per text, a blank line between blocks."""
    chunks: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            if block.text:
                chunks.append(paragraph_line(block.text))
        elif isinstance(block, Heading):
            text = _to_line(block.text)
            chunks.append(f"## {text}" if text else "##")
        elif isinstance(block, BulletList) and block.items:
            lines: list[str] = []
            _bullet_lines(block.items, 0, lines)
            chunks.append("\n".join(lines))
    return "\n\n".join(chunks)


def _split(text: str) -> list[str]:
    # Only real newlines split: U+2028 is a break inside one text.
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _parse(text: str) -> tuple[list[Block], list[PathSuffix | None]]:
    blocks: list[Block] = []
    paths: list[PathSuffix | None] = []
    # Open list: stack of (requested level, bullet, path) from the root down.
    stack: list[tuple[int, Bullet, PathSuffix]] = []
    current: BulletList | None = None
    for raw in _split(text):
        line = parse_line(raw)
        if line.kind == "bullet":
            if current is None:
                current = BulletList([])
                blocks.append(current)
                stack = []
            while stack and stack[-1][0] >= line.level:
                stack.pop()
            bullet = Bullet(_to_model(line.text))
            if stack:
                parent, parent_path = stack[-1][1], stack[-1][2]
                path = (*parent_path, "children", len(parent.children))
                parent.children.append(bullet)
            else:
                path = (len(blocks) - 1, "bullets", len(current.items))
                current.items.append(bullet)
            stack.append((line.level, bullet, path))
            paths.append(path)
            continue
        current = None
        if line.kind == "blank":
            paths.append(None)
            continue
        blocks.append(Heading(_to_model(line.text)) if line.kind == "heading" else Paragraph(_to_model(line.text)))
        paths.append((len(blocks) - 1,))
    return blocks, paths


def from_text(text: str) -> list[Block]:
    """The body an editor text stands for (never fails: every text is some body)."""
    return _parse(text)[0]


def line_paths(text: str) -> list[PathSuffix | None]:
    """For each line of ``text``, the path suffix of the text it holds (``None`` for blank lines)."""
    return _parse(text)[1]


def line_of(text: str, suffix: PathSuffix) -> int | None:
    """The line of ``text`` holding the place ``suffix`` names, or ``None`` if it has none.

    A suffix naming a whole list (``(2,)`` or ``(2, "bullets")``) gives the list's first
    line; a suffix reaching into a text (a trailing ``"text"`` key) gives the text's line.
    """
    suffix = tuple(suffix)
    while suffix and suffix[-1] in ("text", "bullets", "children", "items"):
        suffix = suffix[:-1]
    if not suffix:
        return None
    paths = line_paths(text)
    for index, path in enumerate(paths):
        if path == suffix:
            return index
    for index, path in enumerate(paths):
        if path is not None and path[: len(suffix)] == suffix:
            return index
    return None


def normalise(text: str) -> str:
    """``text`` as :func:`to_text` would write the body it stands for."""
    return to_text(from_text(text))
