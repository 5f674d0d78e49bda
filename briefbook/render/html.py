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

from collections.abc import Iterator, Sequence
from typing import overload

from briefbook.model import Address, Brief, Path, number_footnotes
from briefbook.model.blocks import blocks_value
from briefbook.render.house_style import HouseStyle, house_style
from briefbook.render.html_blocks import (
    NOTE_BACKGROUND,
    SCHEME,
    Fragment,
    fragment_html,
    inline_html,
    make_fragment,
    path_from_name,
    path_name,
)
from briefbook.render.walk import (
    Part,
    PartKind,
    RenderBlock,
    contents_title,
    part_at,
    part_refs,
    parts,
    walk_part,
)

__all__ = ["NOTE_BACKGROUND", "SCHEME", "SPACER", "Fragment", "Groups", "HtmlRenderer", "contents_title",
           "fragment_html", "inline_html", "path_from_name", "path_name", "render_fragments", "render_html"]

_BODY_PARTS = (PartKind.TAKEAWAYS, PartKind.SECTION)

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
    """A part as last rendered: what it was made from, the notes it cites (ids and numbers), its fragments.

    A part the renderer leaves for later has no fragments yet (``None``) but ``later``: the
    brief, the part and the footnote numbers to render it from when it is first read.
    """

    __slots__ = ("fragments", "later", "numbers", "refs", "snapshot")

    def __init__(self, snapshot: tuple, refs: tuple[str, ...], numbers: tuple,
                 fragments: tuple[Fragment, ...] | None,
                 later: tuple[Brief, Part, dict[str, int]] | None = None) -> None:
        self.snapshot, self.refs, self.numbers, self.fragments = snapshot, refs, numbers, fragments
        self.later = later


#: A group as read from :class:`Groups`: the part's address and its fragments.
Group = tuple[Path, tuple[Fragment, ...]]


class Groups(Sequence[Group]):
    """The fragments of one render grouped by the walk's parts, in document order.

    A part the renderer left for later (see ``HtmlRenderer(first_blocks=…)``) is rendered
    the first time its fragments are read, and from then on read as the same tuple, here and
    in every later render that reuses it. Its key (the part's address) is known without
    rendering it (:meth:`key`), and so is whether it is rendered yet (:meth:`rendered`): a
    600-page preview can then be drawn from its top while the sections below are still unrendered.
    """

    __slots__ = ("_entries", "_renderer")

    def __init__(self, entries: list[tuple[Path, _Group]] | None = None,
                 renderer: HtmlRenderer | None = None) -> None:
        self._entries = entries if entries is not None else []
        self._renderer = renderer

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, index: int) -> Group: ...

    @overload
    def __getitem__(self, index: slice) -> list[Group]: ...

    def __getitem__(self, index: int | slice) -> Group | list[Group]:
        if isinstance(index, slice):
            return [self[number] for number in range(*index.indices(len(self._entries)))]
        key, group = self._entries[index]
        fragments = group.fragments
        if fragments is None:
            assert self._renderer is not None
            fragments = self._renderer.render_later(group)
        return key, fragments

    def __iter__(self) -> Iterator[Group]:
        for number in range(len(self._entries)):
            yield self[number]

    def key(self, index: int) -> Path:
        """The address of the part of group ``index``, without rendering it."""
        return self._entries[index][0]

    def rendered(self, index: int) -> bool:
        """Whether group ``index`` has its fragments already (reading them costs no render)."""
        return self._entries[index][1].fragments is not None

    def all_rendered(self) -> bool:
        return all(group.fragments is not None for _, group in self._entries)


class HtmlRenderer:
    """Renders briefs to fragments, re-walking only the parts that changed.

    Each part of the walk is kept with a snapshot of what it was made from (texts,
    printed number), the footnotes it cites and their numbers; a part whose snapshot and
    numbers still match is reused without being walked. Within a re-walked part, a
    fragment whose blocks are unchanged is reused as the very same object. A keystroke
    thus costs one comparison per part, one walk of the edited section and one fragment
    render.

    ``first_blocks``: once the parts rendered for a call make this many text blocks, a section
    (or the footnotes) that has to be rendered anew is left for later, rendered when its group is first read (see
    :class:`Groups`). Walking and rendering the 500 sections of a 600-page brief takes some
    0.4 s, which the preview's first paint need not wait for: it draws the top of the brief
    first and the rest a few sections a turn. Only a part known to print is left for later, so
    that it has a group: a section (it prints its heading) and the footnotes (when any note is
    cited). None (the default): every part is rendered at once.
    """

    def __init__(self, style: HouseStyle | None = None, first_blocks: int | None = None) -> None:
        #: The paragraph rules the template draws: the only say the style has in the HTML.
        self.rules = (style or house_style()).rules
        self.first_blocks = first_blocks
        self._groups: dict[Path, _Group] = {}
        self._fragments: dict[Path, tuple[tuple[RenderBlock, ...], Fragment]] = {}
        # The last result, for the hinted path: the brief it was for, the groups, where each
        # group sits in them, and the footnote numbers.
        self._brief: Brief | None = None
        self._out: list[tuple[Path, _Group]] = []
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
                return Groups(found, self)
        return Groups(self._all(brief), self)

    def render_later(self, group: _Group) -> tuple[Fragment, ...]:
        """Render a part left for later (see :class:`Groups`), once: its fragments."""
        if group.fragments is None:
            assert group.later is not None
            brief, part, numbers = group.later
            group.fragments, group.later = self._render(brief, part, numbers), None
        return group.fragments

    def _only(self, brief: Brief, changed: Address) -> list[tuple[Path, _Group]] | None:
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
        group = _Group(snapshot, refs, group.numbers, fragments)
        self._groups[part.address] = group
        out = list(self._out)
        out[position] = (part.address, group)
        self._out = out
        return list(out)

    def _all(self, brief: Brief) -> list[tuple[Path, _Group]]:
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

        out: list[tuple[Path, _Group]] = []
        fresh: dict[Path, _Group] = {}
        rebuilt = False
        blocks, most = 0, self.first_blocks
        for part, snapshot, refs, reusable in steps:
            used = tuple([numbers[fid] for fid in refs]) if refs else ()
            if reusable is not None and reusable.numbers == used:
                group = reusable
            else:
                rebuilt = True
                if most is not None and blocks >= most and _prints_later(part, numbers):
                    group = _Group(snapshot, refs, used, None, (brief, part, numbers))
                else:
                    group = _Group(snapshot, refs, used, self._render(brief, part, numbers))
            fresh[part.address] = group
            if group.fragments is None or group.fragments:
                out.append((part.address, group))
                blocks += sum(fragment.blocks for fragment in group.fragments or ())
        if rebuilt or len(fresh) != len(groups):
            self._fragments = self._kept_fragments(out)
            self._groups = fresh
        self._brief, self._out, self._numbers = brief, out, numbers
        self._index = {key: position for position, (key, _) in enumerate(out)}
        return list(out)

    def _kept_fragments(self, out: list[tuple[Path, _Group]]) -> dict[Path, tuple[tuple[RenderBlock, ...], Fragment]]:
        """The cached fragments to keep for when their parts next change: those now shown, and
        those of the sections left for later (their fragments are not known yet). The rest go."""
        kept = self._fragments
        shown = {f.key for _, group in out for f in group.fragments or ()}
        later = {key for key, group in out if group.fragments is None}
        return {key: value for key, value in kept.items() if key in shown or (later and _in_any(key, later))}

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


def _prints_later(part: Part, numbers: dict[str, int]) -> bool:
    """Whether ``part`` may be left for later: it is known to print something without rendering it.

    A section prints at least its heading, and the footnotes a note for each number given."""
    return part.kind is PartKind.SECTION or (part.kind is PartKind.FOOTNOTES and bool(numbers))


def _in_any(key: Path, parts_: set[Path]) -> bool:
    """Whether ``key`` is inside one of ``parts_`` (the addresses of parts: ``("sections", 3)``, ``("footnotes",)``)."""
    return any(key[:length] in parts_ for length in range(1, len(key) + 1))


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
