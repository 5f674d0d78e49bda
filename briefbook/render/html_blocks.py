"""The blocks of the walk as HTML: one fragment of the live preview at a time.

:mod:`briefbook.render.html` groups the walk's blocks into :class:`Fragment` s and keeps them
from render to render; this module turns a fragment's blocks into the subset of HTML that
Qt's rich-text engine draws (``QTextBrowser``): paragraphs with classes from
:func:`briefbook.render.house_style.css_class`, lists for bullets, anchors naming each
run's place in the brief, and ``<hr>`` blocks for the paragraph rules the template draws
(Qt draws no paragraph borders).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape as _escape_all

from briefbook.markup import Run
from briefbook.model import Address, Path
from briefbook.render.house_style import css_class
from briefbook.render.styles import Role, bullet_role
from briefbook.render.walk import Inline, NoteEdge, NoteMark, RenderBlock, cut_at_notes, right_to_left

__all__ = ["NOTE_BACKGROUND", "SCHEME", "Fragment", "fragment_html", "inline_html", "make_fragment",
           "path_from_name", "path_name"]

#: URL scheme of the anchors that name a place in the brief.
SCHEME = "bb"

_EMPTY = ' style="-qt-paragraph-type:empty"'
_TOC_ENTRIES = frozenset({Role.TOC_1, Role.TOC_2, Role.TOC_3})
_BULLETS = frozenset({Role.BULLET_1, Role.BULLET_2, Role.BULLET_3})

#: The background of the words a reviewer's note is on: a highlighter's soft yellow, legible on the white page.
NOTE_BACKGROUND = "#fbe7a1"


def escape(text: str) -> str:
    """``text`` with ``& < > " '`` escaped for HTML text and attributes (:func:`html.escape`).

    Most runs hold none of them, and five look-ups cost a third of the five replacements
    that ``html.escape`` always makes: the preview's render escapes every run and anchor.
    """
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return _escape_all(text)
    return text


def path_name(path: Path) -> str:
    """``("sections", 0, "body", 2)`` → ``"sections/0/body/2"``: the anchor name of a place."""
    return "/".join(map(str, path))


def path_from_name(name: str) -> Address:
    """The inverse of :func:`path_name`; footnote ids stay strings even when they are digits."""
    if name.startswith(f"{SCHEME}:"):
        name = name[len(SCHEME) + 1:]
    parts_: list[str | int] = []
    for part in name.split("/"):
        if not part:
            continue
        keep_text = bool(parts_) and parts_[-1] == "footnotes"
        parts_.append(int(part) if part.isdigit() and not keep_text else part)
    return Address(parts_)


@dataclass(frozen=True)
class Fragment:
    """A piece of the preview that is rendered, compared and replaced as one.

    ``key`` is the model address of what it draws (a body block, a section's ``title``,
    or the part's own address for the cover ``("meta",)`` and the contents ``("meta", "toc")``;
    a footnote ``("footnotes", id)``, the rule above them ``("footnotes",)``); ``blocks`` is the number of text blocks
    (paragraphs, list items, rules) its HTML makes in Qt.
    """

    key: Path
    html: str
    blocks: int


# --------------------------------------------------------------------------- inline text


def _run_html(run: Run) -> str:
    text = escape(run.text).replace("\n", "<br>")
    if run.italic:
        text = f"<i>{text}</i>"
    if run.bold:
        text = f"<b>{text}</b>"
    return text


def inline_html(runs: tuple[Inline | NoteEdge, ...], path: Path, role: Role, named: bool = False) -> str:
    """A block's runs as HTML whose every run is an anchor naming ``path``.

    Plain runs link to ``bb:<path>``; real links keep their URL; footnote marks show
    their number, linking to the footnote. The first anchor also carries the place's
    ``name`` (unless ``named`` says an anchor before it already does), so the preview
    can scroll to it. The words of reviewers' notes (between :class:`NoteEdge` s) are on
    a highlighter's yellow, with the note as their tooltip.
    """
    name = path_name(path)
    out: list[str] = []
    open_anchor = False
    noted: list[NoteEdge] = []

    def run_html(run: Run) -> str:
        html = _run_html(run)
        if not noted:
            return html
        tip = escape(" / ".join(" ".join(edge.note.text.split()) for edge in noted))
        return f'<span style="background-color:{NOTE_BACKGROUND}" title="{tip}">{html}</span>'

    def attrs(cls: str, href: str) -> str:
        nonlocal named
        label = "" if named else f' name="{escape(name)}"'
        named = True
        return f'<a class="{cls}"{label} href="{escape(href)}">'

    for item in runs:
        if type(item) is Run and item.href is None:
            if not open_anchor:
                out.append(attrs(f"t-{css_class(role)}", f"{SCHEME}:{name}"))
                open_anchor = True
            out.append(run_html(item))
            continue
        if type(item) is NoteEdge:
            if item.end:
                noted[:] = [edge for edge in noted if edge.note is not item.note]
            else:
                noted.append(item)
            continue
        if open_anchor:
            out.append("</a>")
            open_anchor = False
        if isinstance(item, NoteMark):
            cls = f"{css_class(Role.FOOTNOTE_REFERENCE)} t-{css_class(role)}"
            out.append(f"{attrs(cls, f'{SCHEME}:footnotes/{item.id}')}{item.number or '?'}</a>")
        else:
            out.append(f"{attrs(css_class(Role.HYPERLINK), item.href or '')}{run_html(item)}</a>")
    if open_anchor:
        out.append("</a>")
    return "".join(out)


def _paragraph(role: Role, content: str, prefix: str = "", rtl: bool = False) -> str:
    empty = "" if content or prefix else _EMPTY
    direction = ' dir="rtl"' if rtl else ""
    return f'<p class="{css_class(role)}"{direction}{empty}>{prefix}{content}</p>'


def _label(text: str) -> str:
    """A printed number followed by a tab, as Word sets it (whitespace kept)."""
    return f'<span style="white-space:pre">{escape(text)}\t</span>'


# --------------------------------------------------------------------------- blocks


def _bullets_html(blocks: tuple[RenderBlock, ...]) -> str:
    """Bullets as nested lists, one list per depth; a bullet deeper than the one before opens a list in it."""
    out: list[str] = []
    open_items: list[bool] = []  # per open list: whether an item of it is still open
    for block in blocks:
        while len(open_items) > block.level:
            out.append("</li></ul>" if open_items.pop() else "</ul>")
        if len(open_items) == block.level and open_items[-1]:
            out.append("</li>")
        while len(open_items) < block.level:
            out.append(f'<ul class="{css_class(bullet_role(len(open_items) + 1))}">')
            open_items.append(False)
        direction = ' dir="rtl"' if right_to_left(block.text) else ""
        out.append(f'<li class="{css_class(block.role)}"{direction}>'
                   f'{inline_html(cut_at_notes(block), block.address, block.role)}')
        open_items[-1] = True
    while open_items:
        out.append("</li></ul>" if open_items.pop() else "</ul>")
    return "".join(out)


def _block_html(block: RenderBlock, rules: frozenset[tuple[Role, str]]) -> tuple[str, int]:
    """One block that is not a bullet: its HTML and the text blocks it makes."""
    role, name = block.role, css_class(block.role)
    if role is Role.FOOTNOTE_TEXT:
        anchor = escape(path_name(block.address))
        mark = (f'<a class="{css_class(Role.FOOTNOTE_REFERENCE)} t-{name}" name="{anchor}" '
                f'href="{SCHEME}:{anchor}">{block.note.number if block.note else "?"}</a> ')
        if block.missing:
            body = f'<i>{escape(f"(no text for footnote “{block.address.field}”)")}</i>'
        else:
            body = inline_html(cut_at_notes(block), block.address, role, named=True)
        return f'<p class="{name}">{mark}{body}</p>', 1
    if role in _TOC_ENTRIES or role is Role.TOC_HEADING:
        prefix = _label(block.label) if role in _TOC_ENTRIES else ""
        href = f"{SCHEME}:{escape(path_name(block.address))}"
        return f'<p class="{name}"><a class="t-{name}" href="{href}">{prefix}{escape(block.text)}</a></p>', 1
    prefix = _label(block.label) if block.label else ""
    html, count = _paragraph(role, inline_html(cut_at_notes(block), block.address, role), prefix,
                             right_to_left(block.text)), 1
    if (role, "above") in rules:
        html, count = f'<hr class="above-{name}">{html}', count + 1
    if (role, "below") in rules:
        html, count = f'{html}<hr class="below-{name}">', count + 1
    return html, count


def fragment_html(blocks: tuple[RenderBlock, ...], rules: frozenset[tuple[Role, str]]) -> tuple[str, int]:
    """The HTML of consecutive blocks and the number of text blocks Qt makes of it."""
    out: list[str] = []
    count = 0
    index = 0
    while index < len(blocks):
        if blocks[index].role in _BULLETS:
            end = index
            while end < len(blocks) and blocks[end].role in _BULLETS:
                end += 1
            out.append(_bullets_html(blocks[index:end]))
            count += end - index
            index = end
            continue
        html, made = _block_html(blocks[index], rules)
        out.append(html)
        count += made
        index += 1
    return "".join(out), count


def make_fragment(key: Path, blocks: tuple[RenderBlock, ...], rules: frozenset[tuple[Role, str]]) -> Fragment:
    return Fragment(key, *fragment_html(blocks, rules))

