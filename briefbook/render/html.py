"""The brief as HTML in the Assembly's look, for the editor's live preview.

The output is the subset of HTML that Qt's rich-text engine draws (``QTextBrowser``):
paragraphs with classes from :func:`briefbook.render.house_style.css_class`, lists for
bullets, anchors. Its look comes from the CSS made from the DOCX template; the one
thing the template decides in the HTML itself is which paragraph rules (``w:pBdr``)
are drawn, as ``<hr>`` blocks, since Qt draws no paragraph borders.

Two things make it a *live* preview rather than an export:

- every run of text is an anchor naming its place in the brief: ``<a name="sections/0/body/2/bullets/1"
  href="bb:sections/0/body/2/bullets/1">``. A click tells the editor which text to jump
  to, and the editor can scroll the preview to the part being edited;
- the render is a list of :class:`Fragment` — cover, title, contents, each block of the
  takeaways and of every section, each section heading, the footnotes, the footer —
  each knowing how many text blocks it makes, so the preview replaces only the
  fragments that changed. :class:`HtmlRenderer` caches each fragment's HTML by its
  source, and each section's fragments as a group, so a keystroke re-renders one
  fragment, not the brief. Told which value changed, it does not even compare the
  other sections (see :meth:`HtmlRenderer.groups`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from briefbook.markup import FootnoteRef, Run, parse, plain_text
from briefbook.model import Brief, Bullet, BulletList, Heading, Paragraph, Path, Section, section_label
from briefbook.render.house_style import HouseStyle, css_class, house_style
from briefbook.render.styles import Role, bullet_role, heading_role

#: URL scheme of the anchors that name a place in the brief.
SCHEME = "bb"

#: Heading of the table of contents, by language.
TOC_TITLE = {"en": "Contents", "fr": "Table des matières"}

_EMPTY = ' style="-qt-paragraph-type:empty"'


def path_name(path: Path) -> str:
    """``("sections", 0, "body", 2)`` → ``"sections/0/body/2"``: the anchor name of a place."""
    return "/".join(str(part) for part in path)


def path_from_name(name: str) -> Path:
    """The inverse of :func:`path_name`; footnote ids stay strings even when they are digits."""
    if name.startswith(f"{SCHEME}:"):
        name = name[len(SCHEME) + 1:]
    parts: list[str | int] = []
    for part in name.split("/"):
        if not part:
            continue
        keep_text = bool(parts) and parts[-1] == "footnotes"
        parts.append(int(part) if part.isdigit() and not keep_text else part)
    return tuple(parts)


@dataclass(frozen=True)
class Fragment:
    """A piece of the preview that is rendered, compared and replaced as one.

    ``key`` is the model path of what it draws (a block, a section's ``title``, or
    ``("meta",)`` for the cover, ``("toc",)``, ``("footnotes",)``); ``blocks`` is the
    number of text blocks (paragraphs, list items, rules) its HTML makes in Qt.
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


def inline_html(text: str, path: Path, role: Role, numbers: dict[str, int], named: bool = False) -> str:
    """Marked-up text as HTML whose every run is an anchor naming ``path``.

    Plain runs link to ``bb:<path>``; real links keep their URL; footnote references
    become their number, linking to the footnote. The first anchor also carries the
    place's ``name`` (unless ``named`` says an anchor before it already does), so the
    preview can scroll to it.
    """
    name = path_name(path)
    out: list[str] = []
    open_anchor = False

    def attrs(cls: str, href: str) -> str:
        nonlocal named
        label = "" if named else f' name="{escape(name)}"'
        named = True
        return f'<a class="{cls}"{label} href="{escape(href)}">'

    for item in parse(text):
        if isinstance(item, Run) and item.href is None:
            if not open_anchor:
                out.append(attrs(f"t-{css_class(role)}", f"{SCHEME}:{name}"))
                open_anchor = True
            out.append(_run_html(item))
            continue
        if open_anchor:
            out.append("</a>")
            open_anchor = False
        if isinstance(item, FootnoteRef):
            number = numbers.get(item.id)
            target = f"{SCHEME}:footnotes/{item.id}"
            cls = f"{css_class(Role.FOOTNOTE_REFERENCE)} t-{css_class(role)}"
            out.append(f"{attrs(cls, target)}{number if number else '?'}</a>")
        else:
            out.append(f"{attrs(css_class(Role.HYPERLINK), item.href or '')}{_run_html(item)}</a>")
    if open_anchor:
        out.append("</a>")
    return "".join(out)


def _plain_html(text: str, path: Path, role: Role) -> str:
    """A cover field: plain text (no markup), lines kept."""
    if not text:
        return ""
    name = escape(path_name(path))
    body = escape(text).replace("\n", "<br>")
    return f'<a class="t-{css_class(role)}" name="{name}" href="{SCHEME}:{name}">{body}</a>'


def _paragraph(role: Role, content: str, prefix: str = "") -> str:
    empty = "" if content or prefix else _EMPTY
    return f'<p class="{css_class(role)}"{empty}>{prefix}{content}</p>'


def _ruled(role: Role, paragraph: str, rules: frozenset[tuple[Role, str]]) -> tuple[str, int]:
    """A paragraph with the rules its template style draws above and below it; and its block count."""
    name = css_class(role)
    parts = [paragraph]
    if (role, "above") in rules:
        parts.insert(0, f'<hr class="above-{name}">')
    if (role, "below") in rules:
        parts.append(f'<hr class="below-{name}">')
    return "".join(parts), len(parts)


def _label(text: str) -> str:
    """A printed number followed by a tab, as Word sets it (whitespace kept)."""
    return f'<span style="white-space:pre">{escape(text)}\t</span>'


# --------------------------------------------------------------------------- fragments


def _bullets_html(items: list[Bullet], path: Path, depth: int, numbers: dict[str, int]) -> tuple[str, int]:
    role = bullet_role(depth)
    cls = css_class(role)
    parts = [f'<ul class="{cls}">']
    count = 0
    for index, bullet in enumerate(items):
        place = (*path, index)
        content = inline_html(bullet.text, place, role, numbers)
        parts.append(f'<li class="{cls}"{"" if content else _EMPTY}>{content}')
        count += 1
        if bullet.children:
            child_html, child_count = _bullets_html(bullet.children, (*place, "children"), depth + 1, numbers)
            parts.append(child_html)
            count += child_count
        parts.append("</li>")
    parts.append("</ul>")
    return "".join(parts), count


def block_fragment(block, path: Path, numbers: dict[str, int]) -> Fragment:
    """One block of the takeaways or of a section body."""
    if isinstance(block, BulletList):
        html, count = _bullets_html(block.items, (*path, "bullets"), 1, numbers)
        return Fragment(path, html, count)
    role = Role.SUBHEADING if isinstance(block, Heading) else Role.BODY
    return Fragment(path, _paragraph(role, inline_html(block.text, path, role, numbers)), 1)


def cover_fragment(brief: Brief, rules: frozenset[tuple[Role, str]] = frozenset()) -> Fragment:
    meta = brief.meta
    fields = [(Role.COVER_BODY, "body", meta.body), (Role.COVER_EVENT, "event", meta.event),
              (Role.COVER_DATES, "dates", meta.dates), (Role.COVER_KIND, "kind", meta.kind),
              (Role.COVER_REFERENCE, "reference", meta.reference_line()),
              (Role.COVER_DISCLAIMER, "disclaimer", meta.effective_disclaimer())]
    parts, blocks = [], 0
    for role, key, text in fields:
        if text.strip():
            html, count = _ruled(role, _paragraph(role, _plain_html(text.strip(), ("meta", key), role)), rules)
            parts.append(html)
            blocks += count
    return Fragment(("meta",), "".join(parts), blocks)


def title_fragment(brief: Brief, numbers: dict[str, int]) -> Fragment:
    path = ("meta", "title")
    return Fragment(path, _paragraph(Role.TITLE, inline_html(brief.meta.title, path, Role.TITLE, numbers)), 1)


def heading_fragment(path: Path, level: int, label: str, section: Section, numbers: dict[str, int]) -> Fragment:
    role = heading_role(level)
    place = (*path, "title")
    return Fragment(place, _paragraph(role, inline_html(section.title, place, role, numbers), _label(label)), 1)


def toc_fragment(brief: Brief, entries: Iterable[tuple[Path, int, str, str]]) -> Fragment:
    """The contents: every heading with its number, linking to it (no page numbers on screen)."""
    title = TOC_TITLE.get(brief.meta.language, TOC_TITLE["en"])
    parts = [_paragraph(Role.TOC_HEADING, f'<a class="t-{css_class(Role.TOC_HEADING)}" href="{SCHEME}:meta/toc">'
                                          f"{escape(title)}</a>")]
    toc_roles = (Role.TOC_1, Role.TOC_2, Role.TOC_3)
    for path, level, label, title_text in entries:
        role = toc_roles[min(level, 3) - 1]
        href = f"{SCHEME}:{escape(path_name((*path, 'title')))}"
        text = escape(plain_text(title_text))
        parts.append(f'<p class="{css_class(role)}"><a class="t-{css_class(role)}" href="{href}">'
                     f"{_label(label)}{text}</a></p>")
    return Fragment(("toc",), "".join(parts), len(parts))


def footnotes_fragment(brief: Brief, numbers: dict[str, int]) -> Fragment:
    """The footnotes in number order under a short rule, as they stand at page bottoms."""
    role = Role.FOOTNOTE_TEXT
    parts = [f'<p class="footnote-separator">{" " * 60}</p>']
    for fid, number in sorted(numbers.items(), key=lambda item: item[1]):
        path = ("footnotes", fid)
        name = escape(path_name(path))
        mark = (f'<a class="{css_class(Role.FOOTNOTE_REFERENCE)} t-{css_class(role)}" name="{name}" '
                f'href="{SCHEME}:{name}">{number}</a> ')
        text = brief.footnotes.get(fid)
        if text is None:
            body = f'<i>{escape(f"(no text for footnote “{fid}”)")}</i>'
        else:
            body = inline_html(text, path, role, numbers, named=True)
        parts.append(f'<p class="{css_class(role)}">{mark}{body}</p>')
    return Fragment(("footnotes",), "".join(parts), len(parts))


def footer_fragment(brief: Brief, rules: frozenset[tuple[Role, str]] = frozenset()) -> Fragment:
    text = _plain_html(brief.meta.website.strip(), ("meta", "website"), Role.FOOTER)
    return Fragment(("meta", "website"), *_ruled(Role.FOOTER, _paragraph(Role.FOOTER, text), rules))


# --------------------------------------------------------------------------- the whole brief


def _snapshot(items: list[Bullet]) -> tuple:
    """Bullets as a comparable value: a text per bullet, ``(text, children)`` where it has any."""
    return tuple([(bullet.text, _snapshot(bullet.children)) if bullet.children else bullet.text
                  for bullet in items])


def _bullet_refs(items: list[Bullet], out: list[str]) -> None:
    for bullet in items:
        if "[^" in bullet.text:
            out.extend(ref.id for ref in parse(bullet.text) if isinstance(ref, FootnoteRef))
        if bullet.children:
            _bullet_refs(bullet.children, out)


def _text_refs(text: str) -> tuple[str, ...]:
    if "[^" not in text:
        return ()
    return tuple(ref.id for ref in parse(text) if isinstance(ref, FootnoteRef))


def _refs(node) -> tuple[str, ...]:
    """Footnote ids referenced by a block, a section's title or the brief's title, in order."""
    if isinstance(node, BulletList):
        out: list[str] = []
        _bullet_refs(node.items, out)
        return tuple(out)
    if isinstance(node, Section):
        return _text_refs(node.title)
    return _text_refs(node.text if isinstance(node, (Paragraph, Heading)) else str(node))


class _Entry:
    """What the cache remembers of one fragment: its source, references and HTML."""

    __slots__ = ("fragment", "numbers", "refs", "source")

    def __init__(self, source, refs: tuple[str, ...], numbers: tuple, fragment: Fragment) -> None:
        self.source, self.refs, self.numbers, self.fragment = source, refs, numbers, fragment


class _Group:
    """A section (its heading and body) or the takeaways: reused whole when nothing in it changed."""

    __slots__ = ("fragments", "numbers", "refs", "snapshot")

    def __init__(self, snapshot: tuple, refs: tuple[str, ...], numbers: tuple,
                 fragments: tuple[Fragment, ...]) -> None:
        self.snapshot, self.refs, self.numbers, self.fragments = snapshot, refs, numbers, fragments


#: Marks a sub-heading's source, so that it never equals a paragraph's or a list's.
_HEADING = object()


def _sources(blocks: list) -> tuple:
    """Blocks as a comparable value: a paragraph is its text, a list its bullets' snapshot.

    This runs over every block of the brief on every keystroke, hence one comprehension.
    """
    return tuple([_snapshot(block.items) if type(block) is BulletList else
                  block.text if type(block) is Paragraph else (_HEADING, block.text) for block in blocks])


class HtmlRenderer:
    """Renders briefs to fragments, re-rendering only what changed.

    Fragments are cached by path (their anchors carry the path) together with their
    source — texts, printed number — and the numbers of the footnotes they cite.
    Whole sections are cached the same way, so a keystroke costs one comparison per
    section, one per block of the edited section, and one fragment render. Entries
    for paths no longer in the brief are dropped.
    """

    def __init__(self, style: HouseStyle | None = None) -> None:
        #: The paragraph rules the template draws: the only say the style has in the HTML.
        self.rules = (style or house_style()).rules
        self._cache: dict[Path, _Entry] = {}
        self._groups: dict[Path, _Group] = {}
        self._labels: dict[tuple[int, int], str] = {}
        # The last result, for the hinted path: the brief it was for, the groups, where each
        # group sits in them, and the footnote numbers.
        self._brief: Brief | None = None
        self._out: list[tuple[Path, tuple[Fragment, ...]]] = []
        self._index: dict[Path, int] = {}
        self._numbers: dict[str, int] = {}

    def fragments(self, brief: Brief, changed: Path | None = None) -> list[Fragment]:
        """The brief's fragments in document order (``changed`` as for :meth:`groups`)."""
        return [fragment for _, fragments in self.groups(brief, changed) for fragment in fragments]

    def groups(self, brief: Brief, changed: Path | None = None) -> list[tuple[Path, tuple[Fragment, ...]]]:
        """The fragments grouped as the brief is: cover, title, takeaways, contents, each section
        (heading and body), footnotes, footer. A group that did not change is returned as the
        very same tuple as last time, so callers can skip it by identity.

        ``changed`` promises that, since the last call for this same brief, only the value
        at that model path changed (a section's body or title, the takeaways, or one text
        inside them). Then only the group holding it is looked at and every other group is
        reused without comparing it — unless the edit changed which footnotes that group
        cites or in what order (numbers elsewhere may move), or is a section title while the
        contents are shown: then, as for any other path or without a hint, every group is
        compared. The result is the same as without the hint.
        """
        if changed is not None and brief is self._brief:
            found = self._only(brief, tuple(changed))
            if found is not None:
                return found
        return self._all(brief)

    def _only(self, brief: Brief, changed: Path) -> list[tuple[Path, tuple[Fragment, ...]]] | None:
        """:meth:`groups` when only the group holding ``changed`` can have changed; None if unsure."""
        if changed[:1] == ("takeaways",):
            key: Path = ("takeaways",)
            sources = _sources(brief.takeaways)
            snapshot: tuple = (sources,)
            spec: tuple = ("takeaways", brief.takeaways, sources)
        elif changed[:1] == ("sections",):
            end = 2
            while end + 2 <= len(changed) and changed[end] == "sections":
                end += 2
            key, rest = changed[:end], changed[end:end + 1]
            if rest not in (("body",), ("title",)) or (rest == ("title",) and brief.meta.toc):
                return None  # the contents list every title
            section = _find_section(brief, key)
            if section is None:
                return None
            level, index = key_level(key), key[-1]
            label = self._labels.get((level, index))
            if label is None:
                label = self._labels[(level, index)] = section_label(level, index + 1)
            sources = _sources(section.body)
            snapshot = (level, label, section.title, sources)
            spec = ("section", section, sources)
        else:
            return None
        position, group = self._index.get(key), self._groups.get(key)
        if position is None or group is None:
            return None
        if group.snapshot == snapshot:
            return list(self._out)
        refs = self._group(key, snapshot, spec)[2]
        if refs != group.refs:
            return None  # footnote numbering may change elsewhere
        cache, fresh = self._cache, {}
        fragments = tuple([f for f in self._render(brief, key, spec, self._numbers, cache, fresh) if f.blocks])
        for fragment in group.fragments:  # the group's old entries make way for the new ones
            cache.pop(fragment.key, None)
        cache.update(fresh)
        self._groups[key] = _Group(snapshot, refs, group.numbers, fragments)
        out = list(self._out)
        out[position] = (key, fragments)
        self._out = out
        return list(out)

    def _all(self, brief: Brief) -> list[tuple[Path, tuple[Fragment, ...]]]:
        """:meth:`groups` by comparing every group with the last render."""
        meta = brief.meta
        groups = self._groups
        # Each step: [key, snapshot, refs, reusable group or None, what to build]
        steps: list[list] = []
        cover = (meta.body, meta.event, meta.dates, meta.kind, meta.reference_line(), meta.effective_disclaimer())
        steps.append(self._single(("meta",), cover, (), "cover", None))
        steps.append(self._single(("meta", "title"), (meta.title,), _text_refs(meta.title), "title", None))
        takeaways = _sources(brief.takeaways)
        steps.append(self._group(("takeaways",), (takeaways,), ("takeaways", brief.takeaways, takeaways)))
        toc_at = len(steps)
        toc: list[tuple] | None = [] if meta.toc else None
        labels = self._labels

        def walk(sections: list[Section], level: int, prefix: Path) -> None:
            for index, section in enumerate(sections):
                path = (*prefix, "sections", index)
                label = labels.get((level, index))
                if label is None:
                    label = labels[(level, index)] = section_label(level, index + 1)
                if toc is not None:
                    toc.append((path, level, label, section.title))
                body = _sources(section.body)
                snapshot = (level, label, section.title, body)
                group = groups.get(path)
                if group is not None and group.snapshot == snapshot:
                    steps.append([path, snapshot, group.refs, group, None])
                else:
                    steps.append(self._group(path, snapshot, ("section", section, body)))
                if section.sections:
                    walk(section.sections, level + 1, path)

        walk(brief.sections, 1, ())
        numbers: dict[str, int] = {}
        for step in steps:
            if step[2]:
                for fid in step[2]:
                    if fid not in numbers:
                        numbers[fid] = len(numbers) + 1
        if toc is not None:
            steps.insert(toc_at, self._single(("toc",), (meta.language, tuple(toc)), (), "toc", toc))
        if numbers:  # no references: no rule, nothing to list
            notes = tuple((fid, n, brief.footnotes.get(fid)) for fid, n in numbers.items())
            steps.append(self._single(("footnotes",), notes, (), "footnotes", None))
        steps.append(self._single(("meta", "website"), (meta.website,), (), "footer", None))

        out: list[tuple[Path, tuple[Fragment, ...]]] = []
        fresh_groups: dict[Path, _Group] = {}
        cache, fresh = self._cache, {}
        rebuilt = False
        for key, snapshot, refs, reusable, spec in steps:
            used = tuple([numbers[fid] for fid in refs]) if refs else ()
            if reusable is not None and reusable.numbers == used:
                group = reusable
            else:
                rebuilt = True
                if spec is None:  # a section unchanged but for the numbers of its footnotes
                    section = resolve_section(brief, key)
                    spec = ("section", section, snapshot[3])
                fragments = tuple([f for f in self._render(brief, key, spec, numbers, cache, fresh) if f.blocks])
                group = _Group(snapshot, refs, used, fragments)
            fresh_groups[key] = group
            out.append((key, group.fragments))
        if rebuilt or len(fresh_groups) != len(groups):
            # Keep the block entries of reused groups, for when they next change.
            for key, group in fresh_groups.items():
                if groups.get(key) is group:
                    for fragment in group.fragments:
                        entry = cache.get(fragment.key)
                        if entry is not None:
                            fresh[fragment.key] = entry
            self._cache = fresh
            self._groups = fresh_groups
        self._brief, self._out, self._numbers = brief, out, numbers
        self._index = {key: position for position, (key, _) in enumerate(out)}
        return list(out)

    def _single(self, key: Path, snapshot: tuple, refs: tuple[str, ...], kind: str, extra) -> list:
        group = self._groups.get(key)
        if group is not None and group.snapshot == snapshot:
            return [key, snapshot, group.refs, group, ("single", kind, extra)]
        return [key, snapshot, refs, None, ("single", kind, extra)]

    def _group(self, key: Path, snapshot: tuple, spec: tuple) -> list:
        """A section or the takeaways that changed: its references, block by block."""
        cache = self._cache
        kind, node, sources = spec
        if kind == "section":
            refs = list(_text_refs(node.title))
            blocks, prefix = node.body, (*key, "body")
        else:
            refs, blocks, prefix = [], node, key
        for index, block in enumerate(blocks):
            entry = cache.get((*prefix, index))
            if entry is not None and entry.source == sources[index]:
                refs.extend(entry.refs)
            else:
                refs.extend(_refs(block))
        return [key, snapshot, tuple(refs), None, spec]

    def _render(self, brief: Brief, key: Path, spec: tuple, numbers: dict[str, int],
                cache: dict[Path, _Entry], fresh: dict[Path, _Entry]) -> list[Fragment]:
        """The fragments of one step, each taken from the block cache when its source and numbers match."""
        kind = spec[0]
        if kind == "single":
            return [self._single_fragment(brief, spec[1], spec[2], numbers)]
        node, sources = spec[1], spec[2]
        out = []
        if kind == "section":
            level, label, title = key_level(key), section_label(key_level(key), key[-1] + 1), node.title
            path = (*key, "title")
            used = tuple([numbers[f] for f in _text_refs(title)])
            entry = cache.get(path)
            if entry is None or entry.source != (label, title) or entry.numbers != used:
                entry = _Entry((label, title), (), used, heading_fragment(key, level, label, node, numbers))
            fresh[path] = entry
            out.append(entry.fragment)
            blocks, prefix = node.body, (*key, "body")
        else:
            blocks, prefix = node, key
        for index, block in enumerate(blocks):
            path = (*prefix, index)
            source = sources[index]
            entry = cache.get(path)
            if entry is None or entry.source != source:
                refs = _refs(block)
                entry = _Entry(source, refs, tuple([numbers[f] for f in refs]), block_fragment(block, path, numbers))
            elif entry.refs:
                used = tuple([numbers[f] for f in entry.refs])
                if used != entry.numbers:
                    entry = _Entry(source, entry.refs, used, block_fragment(block, path, numbers))
            fresh[path] = entry
            out.append(entry.fragment)
        return out

    def _single_fragment(self, brief: Brief, kind: str, extra, numbers: dict[str, int]) -> Fragment:
        if kind == "cover":
            return cover_fragment(brief, self.rules)
        if kind == "title":
            return title_fragment(brief, numbers)
        if kind == "toc":
            return toc_fragment(brief, extra)
        if kind == "footnotes":
            return footnotes_fragment(brief, numbers)
        return footer_fragment(brief, self.rules)


def key_level(path: Path) -> int:
    """A section path's level: ``("sections", 0, "sections", 2)`` is at level 2."""
    return len(path) // 2


def _find_section(brief: Brief, path: Path) -> Section | None:
    """The section at a path of ``("sections", i, "sections", j, ...)``, or None if there is none."""
    if len(path) < 2 or len(path) % 2:
        return None
    node: Brief | Section = brief
    for part, index in zip(path[::2], path[1::2], strict=True):
        if part != "sections" or not isinstance(index, int) or not 0 <= index < len(node.sections):
            return None
        node = node.sections[index]
    return node if isinstance(node, Section) else None


def resolve_section(brief: Brief, path: Path) -> Section:
    node = brief
    for index in path[1::2]:
        node = node.sections[index]
    return node  # type: ignore[return-value]


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

