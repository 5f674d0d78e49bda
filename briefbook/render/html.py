"""The brief as HTML in the Assembly's look, for the editor's live preview.

The HTML draws the blocks of :func:`briefbook.render.walk.walk`, the same stream the
DOCX writer draws, so both outputs print the same paragraphs with the same numbers;
nothing here traverses the brief or numbers anything. The output is the subset of HTML
that Qt's rich-text engine draws (``QTextBrowser``): paragraphs with classes from
:func:`briefbook.render.house_style.css_class`, lists for bullets, anchors. Its look comes
from the CSS made from the DOCX template; the one thing the template decides in the HTML
itself is which paragraph rules (``w:pBdr``) are drawn, as ``<hr>`` blocks, since Qt
draws no paragraph borders.

Two things make it a *live* preview rather than an export:

- every run of text is an anchor naming its place in the brief: ``<a name="sections/0/body/2/bullets/1"
  href="bb:sections/0/body/2/bullets/1">``. A click tells the editor which text to jump
  to, and the editor can scroll the preview to the part being edited;
- the render is a list of :class:`Fragment` — the cover, the title, the contents, each
  block of the takeaways and of every section, each section heading, the footnotes, the
  footer — each knowing how many text blocks it makes, so the preview replaces only the
  fragments that changed. :class:`HtmlRenderer` keeps each part of the walk (a section,
  the takeaways, …) with its fragments and re-walks only the parts that changed, so a
  keystroke walks one section and renders one fragment. Told which value changed, it
  does not even compare the other sections (see :meth:`HtmlRenderer.groups`).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from briefbook.markup import Run
from briefbook.model import Address, Brief, Path, number_footnotes
from briefbook.model.blocks import blocks_value
from briefbook.render.house_style import HouseStyle, css_class, house_style
from briefbook.render.styles import Role, bullet_role
from briefbook.render.walk import (
    Inline,
    NoteEdge,
    NoteMark,
    Part,
    PartKind,
    RenderBlock,
    contents_title,
    cut_at_notes,
    part_at,
    part_refs,
    parts,
    right_to_left,
    walk_part,
)

__all__ = ["SCHEME", "SPACER", "Fragment", "HtmlRenderer", "contents_title", "fragment_html", "inline_html",
           "path_from_name", "path_name", "render_fragments", "render_html"]

#: URL scheme of the anchors that name a place in the brief.
SCHEME = "bb"

_EMPTY = ' style="-qt-paragraph-type:empty"'
_BODY_PARTS = (PartKind.TAKEAWAYS, PartKind.SECTION)
_TOC_ENTRIES = frozenset({Role.TOC_1, Role.TOC_2, Role.TOC_3})
_BULLETS = frozenset({Role.BULLET_1, Role.BULLET_2, Role.BULLET_3})

#: The background of the words a reviewer's note is on: a highlighter's soft yellow, legible on the white page.
NOTE_BACKGROUND = "#fbe7a1"


def path_name(path: Path) -> str:
    """``("sections", 0, "body", 2)`` → ``"sections/0/body/2"``: the anchor name of a place."""
    return "/".join(str(part) for part in path)


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


#: The short rule the footnotes sit under, as at page bottoms: the footnotes' first fragment,
#: found as the place of the footnotes as a whole.
_SEPARATOR = Fragment(Address.footnotes(), f'<p class="footnote-separator">{" " * 60}</p>', 1)


def _fragment_blocks(part: Part, blocks: list[RenderBlock]) -> list[tuple[Address, tuple[RenderBlock, ...]]]:
    """A part's blocks as the preview replaces them: a body part block by block (a list with
    its bullets, a heading alone), the footnotes note by note (a ×100 brief has hundreds, and
    an edit to one, or the preview's drawing of them, then handles one), any other part whole."""
    if not blocks:
        return []
    if part.kind is PartKind.FOOTNOTES:
        return [(block.address, (block,)) for block in blocks]
    if part.kind not in _BODY_PARTS:
        return [(part.address, tuple(blocks))]
    out: list[tuple[Address, list[RenderBlock]]] = []
    for block in blocks:
        key = block.address.block or block.address
        if out and out[-1][0] == key:
            out[-1][1].append(block)
        else:
            out.append((key, [block]))
    return [(key, tuple(group)) for key, group in out]


# --------------------------------------------------------------------------- the whole brief


class _Group:
    """A part as last rendered: what it was made from, the notes it cites (ids and numbers), its fragments."""

    __slots__ = ("fragments", "numbers", "refs", "snapshot")

    def __init__(self, snapshot: tuple, refs: tuple[str, ...], numbers: tuple,
                 fragments: tuple[Fragment, ...]) -> None:
        self.snapshot, self.refs, self.numbers, self.fragments = snapshot, refs, numbers, fragments


Groups = list[tuple[Path, tuple[Fragment, ...]]]


class HtmlRenderer:
    """Renders briefs to fragments, re-walking only the parts that changed.

    Each part of the walk is kept with a snapshot of what it was made from (texts,
    printed number), the footnotes it cites and their numbers; a part whose snapshot and
    numbers still match is reused without being walked. Within a re-walked part, a
    fragment whose blocks are unchanged is reused as the very same object. A keystroke
    thus costs one comparison per part, one walk of the edited section and one fragment
    render.
    """

    def __init__(self, style: HouseStyle | None = None) -> None:
        #: The paragraph rules the template draws: the only say the style has in the HTML.
        self.rules = (style or house_style()).rules
        self._groups: dict[Path, _Group] = {}
        self._fragments: dict[Path, tuple[tuple[RenderBlock, ...], Fragment]] = {}
        # The last result, for the hinted path: the brief it was for, the groups, where each
        # group sits in them, and the footnote numbers.
        self._brief: Brief | None = None
        self._out: Groups = []
        self._index: dict[Path, int] = {}
        self._numbers: dict[str, int] = {}

    def fragments(self, brief: Brief, changed: Path | None = None) -> list[Fragment]:
        """The brief's fragments in document order (``changed`` as for :meth:`groups`)."""
        return [fragment for _, fragments in self.groups(brief, changed) for fragment in fragments]

    def groups(self, brief: Brief, changed: Path | None = None) -> Groups:
        """The fragments grouped by the walk's parts: cover, title, takeaways, contents, each
        section (heading and body), footnotes, footer — each part that prints anything. A
        group that did not change is returned as the very same tuple as last time, so callers
        can skip it by identity.

        ``changed`` promises that, since the last call for this same brief, only the value
        at that model address changed (a section's body or title, the takeaways, or one text
        inside them). Then only the part holding it is walked and every other group is
        reused without comparing it — unless the edit changed which footnotes that part
        cites or in what order (numbers elsewhere may move), emptied or filled the part, or
        is a section title while the contents are shown: then, as for any other address or
        without a hint, every part is compared. The result is the same as without the hint.
        """
        if changed is not None and brief is self._brief:
            found = self._only(brief, Address.of(changed))
            if found is not None:
                return found
        return self._all(brief)

    def _only(self, brief: Brief, changed: Address) -> Groups | None:
        """:meth:`groups` when only the part holding ``changed`` can have changed; None if unsure."""
        if not (changed.is_title or changed.startswith(changed.body)) or (changed.is_title and brief.meta.toc):
            return None  # not inside a body or title; or a title the contents list
        part = part_at(brief, changed)
        if part is None:
            return None
        position, group = self._index.get(part.address), self._groups.get(part.address)
        if position is None or group is None:
            return None
        snapshot = _part_snapshot(brief, part)
        if group.snapshot == snapshot:
            return list(self._out)
        refs = part_refs(brief, part)
        if refs != group.refs:
            return None  # footnote numbering may change elsewhere
        fragments = self._render(brief, part, self._numbers)
        if not fragments:
            return None  # the part no longer prints: its group goes
        self._groups[part.address] = _Group(snapshot, refs, group.numbers, fragments)
        out = list(self._out)
        out[position] = (part.address, fragments)
        self._out = out
        return list(out)

    def _all(self, brief: Brief) -> Groups:
        """:meth:`groups` by comparing every part with the last render."""
        groups = self._groups
        every = parts(brief)
        sections = tuple((p.address, p.level, p.label, p.section.title) for p in every
                         if p.kind is PartKind.SECTION and p.section is not None)
        # Each step: [part, snapshot, refs, reusable group or None]
        steps: list[list] = []
        for part in every:
            if part.kind is PartKind.FOOTNOTES:
                steps.append([part, None, (), None])  # its snapshot needs the numbers
                continue
            snapshot = (brief.meta.language, sections) if part.kind is PartKind.CONTENTS \
                else _part_snapshot(brief, part)
            group = groups.get(part.address)
            if group is not None and group.snapshot == snapshot:
                steps.append([part, snapshot, group.refs, group])
            else:
                steps.append([part, snapshot, part_refs(brief, part), None])
        numbers = number_footnotes(fid for step in steps for fid in step[2])
        for step in steps:
            if step[0].kind is PartKind.FOOTNOTES:
                texts = ((fid, n, brief.footnotes.get(fid)) for fid, n in numbers.items())
                step[1] = (brief.meta.language == "fr", *texts, *_notes(brief.notes))
                group = groups.get(step[0].address)
                step[3] = group if group is not None and group.snapshot == step[1] else None

        out: Groups = []
        fresh: dict[Path, _Group] = {}
        rebuilt = False
        for part, snapshot, refs, reusable in steps:
            used = tuple([numbers[fid] for fid in refs]) if refs else ()
            if reusable is not None and reusable.numbers == used:
                group = reusable
            else:
                rebuilt = True
                group = _Group(snapshot, refs, used, self._render(brief, part, numbers))
            fresh[part.address] = group
            if group.fragments:
                out.append((part.address, group.fragments))
        if rebuilt or len(fresh) != len(groups):
            # Keep the fragments now shown, for when their parts next change; forget the rest.
            kept = self._fragments
            self._fragments = {f.key: kept[f.key] for _, fragments in out for f in fragments if f.key in kept}
            self._groups = fresh
        self._brief, self._out, self._numbers = brief, out, numbers
        self._index = {key: position for position, (key, _) in enumerate(out)}
        return list(out)

    def _render(self, brief: Brief, part: Part, numbers: dict[str, int]) -> tuple[Fragment, ...]:
        """A part's fragments, each fragment whose blocks did not change reused."""
        cache = self._fragments
        out: list[Fragment] = []
        for key, blocks in _fragment_blocks(part, list(walk_part(brief, part, numbers))):
            cached = cache.get(key)
            if cached is not None and cached[0] == blocks:
                fragment = cached[1]
            else:
                fragment = make_fragment(key, blocks, self.rules)
                cache[key] = (blocks, fragment)
            out.append(fragment)
        if out and part.kind is PartKind.FOOTNOTES:
            out.insert(0, _SEPARATOR)
        return tuple(out)


def _part_snapshot(brief: Brief, part: Part) -> tuple:
    """What a part (other than the contents and the footnotes) is made from, as a comparable value.

    Its language too: a French version prints in French typography, so changing the language redraws it.
    """
    return (brief.meta.language == "fr", *_made_from(brief, part))


def _made_from(brief: Brief, part: Part) -> tuple:
    meta = brief.meta
    kind = part.kind
    if kind is PartKind.SECTION:
        section = part.section
        assert section is not None
        return (part.level, part.label, section.title, blocks_value(section.body), *_notes(section.notes))
    if kind is PartKind.TAKEAWAYS:
        return (blocks_value(brief.takeaways), *_notes(brief.notes))
    if kind is PartKind.COVER:
        return (meta.body, meta.event, meta.dates, meta.kind, meta.reference, meta.original, meta.issued,
                meta.disclaimer, meta.language,
                *_notes(brief.notes))
    if kind is PartKind.TITLE:
        return (meta.title, *_notes(brief.notes))
    return (meta.website,)


def _notes(notes: list) -> tuple:
    """Notes as a comparable value (nothing at all when there are none: the common case costs nothing)."""
    return (tuple((n.on, n.quote, n.occurrence, n.text) for n in notes),) if notes else ()


def render_fragments(brief: Brief, style: HouseStyle | None = None) -> list[Fragment]:
    """The brief as preview fragments, in document order (uncached)."""
    return HtmlRenderer(style).fragments(brief)


#: The first block of the preview document: a hairline that every fragment follows,
#: so that each fragment, the first included, can be replaced as whole blocks.
SPACER = '<p style="margin:0px; font-size:1px; line-height:1px">&nbsp;</p>'


def render_html(brief: Brief, style: HouseStyle | None = None) -> str:
    """A complete HTML document of the brief, style sheet included."""
    style = style or house_style()
    body = "".join(fragment.html for fragment in render_fragments(brief, style))
    css = style.css()
    return f'<html><head><meta charset="utf-8"><style>\n{css}</style></head><body>{SPACER}{body}</body></html>'
