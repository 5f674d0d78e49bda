"""The brief as HTML in the Assembly's look, for the editor's live preview.

The output is the subset of HTML that Qt's rich-text engine draws (``QTextBrowser``):
paragraphs with classes from :func:`briefbook.render.house_style.css_class`, lists for
bullets, anchors. Its look comes entirely from the CSS made from the DOCX template.

Two things make it a *live* preview rather than an export:

- every run of text is an anchor naming its place in the brief: ``<a name="sections/0/body/2/bullets/1"
  href="bb:sections/0/body/2/bullets/1">``. A click tells the editor which text to jump
  to, and the editor can scroll the preview to the part being edited;
- the render is a list of :class:`Fragment` — cover, title, contents, each block of the
  takeaways and of every section, each section heading, the footnotes, the footer —
  each knowing how many text blocks it makes, so the preview replaces only the
  fragments that changed. :class:`HtmlRenderer` caches each fragment's HTML by its
  source, so a keystroke re-renders one fragment, not the brief.
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
    parts = ['<hr class="footnote-separator">']
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
    """Bullets as a comparable value: their texts, and their children's when there are any."""
    texts = tuple([bullet.text for bullet in items])
    kids = [bullet.children for bullet in items]
    if any(kids):
        return texts, tuple([_snapshot(k) if k else () for k in kids])
    return texts


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

    def __init__(self, source: tuple, refs: tuple[str, ...], numbers: tuple, fragment: Fragment | None) -> None:
        self.source, self.refs, self.numbers, self.fragment = source, refs, numbers, fragment


class HtmlRenderer:
    """Renders briefs to fragments, re-rendering only fragments whose source changed.

    Each fragment is cached by its path (its anchors carry the path) together with its
    source — its texts, its printed number — and the numbers of the footnotes it
    references. A keystroke therefore costs one comparison per block and one render.
    Entries of paths no longer in the brief are dropped after each render.
    """

    def __init__(self, style: HouseStyle | None = None) -> None:
        #: The paragraph rules the template draws: the only say the style has in the HTML.
        self.rules = (style or house_style()).rules
        self._cache: dict[Path, _Entry] = {}
        self._labels: dict[tuple[int, int], str] = {}

    def fragments(self, brief: Brief) -> list[Fragment]:
        cache = self._cache
        # (path, source, refs, cached entry if its source is unchanged, kind, node)
        plan: list[tuple] = []
        append = plan.append
        meta = brief.meta

        def add(path: Path, source: tuple, kind: str, node) -> None:
            entry = cache.get(path)
            if entry is not None and entry.source == source:
                append((path, source, entry.refs, entry, kind, node))
            else:
                append((path, source, _refs(node) if node is not None else (), None, kind, node))

        add(("meta",), (meta.body, meta.event, meta.dates, meta.kind, meta.reference_line(),
                        meta.effective_disclaimer()), "cover", None)
        add(("meta", "title"), (meta.title,), "title", meta.title)
        toc: list[tuple] | None = [] if meta.toc else None
        for index, block in enumerate(brief.takeaways):
            add(("takeaways", index), _block_source(block), "block", block)
        toc_at = len(plan)  # the contents come after the takeaways, before section I.
        labels = self._labels

        def walk(sections: list[Section], level: int, prefix: Path) -> None:
            # The hot loop of every keystroke: kept free of calls that are not needed.
            get = cache.get
            for index, section in enumerate(sections):
                path = (*prefix, "sections", index)
                label = labels.get((level, index))
                if label is None:
                    label = labels[(level, index)] = section_label(level, index + 1)
                if toc is not None:
                    toc.append((path, level, label, section.title))
                add((*path, "title"), (level, label, section.title), "heading", section)
                for number, block in enumerate(section.body):
                    place = (*path, "body", number)
                    if type(block) is BulletList:
                        items = block.items
                        texts = tuple([bullet.text for bullet in items])
                        source = ("ul", _snapshot(items) if any([b.children for b in items]) else texts)
                    else:
                        source = ("h" if type(block) is Heading else "p", block.text)
                    entry = get(place)
                    if entry is not None and entry.source == source:
                        append((place, source, entry.refs, entry, "block", block))
                    else:
                        append((place, source, _refs(block), None, "block", block))
                if section.sections:
                    walk(section.sections, level + 1, path)

        walk(brief.sections, 1, ())
        numbers: dict[str, int] = {}
        for item in plan:
            if item[2]:
                for fid in item[2]:
                    if fid not in numbers:
                        numbers[fid] = len(numbers) + 1
        if toc is not None:
            add(("toc",), (meta.language, tuple(toc)), "toc", None)
            plan.insert(toc_at, plan.pop())
        if numbers:  # no references: no rule, nothing to list
            add(("footnotes",), tuple((fid, n, brief.footnotes.get(fid)) for fid, n in numbers.items()),
                "footnotes", None)
        add(("meta", "website"), (meta.website,), "footer", None)

        reused = 0
        out = []
        for index, (path, source, refs, entry, kind, node) in enumerate(plan):
            if entry is not None and (not refs or entry.numbers == tuple([numbers[f] for f in refs])):
                reused += 1
                out.append(entry.fragment)
                continue
            used = tuple([numbers[f] for f in refs])
            fragment = self._build(brief, kind, path, source, node, numbers, toc)
            plan[index] = (path, source, refs, _Entry(source, refs, used, fragment), kind, node)
            out.append(fragment)
        if reused != len(plan) or len(cache) != len(plan):
            self._cache = {item[0]: item[3] for item in plan}
        return [fragment for fragment in out if fragment.blocks]

    def _build(self, brief: Brief, kind: str, path: Path, source: tuple, node, numbers: dict[str, int],
               toc) -> Fragment:
        if kind == "block":
            return block_fragment(node, path, numbers)
        if kind == "heading":
            return heading_fragment(path[:-1], source[0], source[1], node, numbers)
        if kind == "cover":
            return cover_fragment(brief, self.rules)
        if kind == "title":
            return title_fragment(brief, numbers)
        if kind == "toc":
            return toc_fragment(brief, toc)
        if kind == "footnotes":
            return footnotes_fragment(brief, numbers)
        return footer_fragment(brief, self.rules)


def _block_source(block) -> tuple:
    if isinstance(block, BulletList):
        return ("ul", _snapshot(block.items))
    return ("h" if isinstance(block, Heading) else "p", block.text)


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

