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
from briefbook.model import Brief, Bullet, BulletList, Heading, Path, Section, section_label
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


def cover_fragment(brief: Brief) -> Fragment:
    meta = brief.meta
    fields = [(Role.COVER_BODY, "body", meta.body), (Role.COVER_EVENT, "event", meta.event),
              (Role.COVER_DATES, "dates", meta.dates), (Role.COVER_KIND, "kind", meta.kind),
              (Role.COVER_REFERENCE, "reference", meta.reference_line()),
              (Role.COVER_DISCLAIMER, "disclaimer", meta.effective_disclaimer())]
    parts = [_paragraph(role, _plain_html(text, ("meta", key), role)) for role, key, text in fields if text]
    return Fragment(("meta",), "".join(parts), len(parts))


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
    parts = ['<hr width="33%">']
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


def footer_fragment(brief: Brief) -> Fragment:
    text = _plain_html(brief.meta.website, ("meta", "website"), Role.FOOTER)
    return Fragment(("meta", "website"), _paragraph(Role.FOOTER, text), 1)


# --------------------------------------------------------------------------- the whole brief


def _freeze(items: list[Bullet], found: list[str]) -> tuple:
    """Bullets as a hashable value; texts holding footnote references are collected in order."""
    out = []
    for bullet in items:
        text = bullet.text
        if "[^" in text:
            found.append(text)
        out.append((text, _freeze(bullet.children, found) if bullet.children else ()))
    return tuple(out)


def _block_source(block, found: list[str]) -> tuple:
    if isinstance(block, BulletList):
        return ("ul", _freeze(block.items, found))
    if "[^" in block.text:
        found.append(block.text)
    return ("h" if isinstance(block, Heading) else "p", block.text)


class HtmlRenderer:
    """Renders briefs to fragments, re-rendering only fragments whose source changed.

    A fragment's cache key is everything its HTML depends on: its kind, its path (the
    anchors carry it), its text, its printed number and the numbers of the footnotes
    it references. Keys of fragments no longer in the brief are dropped after each
    render, so the cache never outgrows the brief.
    """

    def __init__(self) -> None:
        self._cache: dict[tuple, Fragment] = {}

    def fragments(self, brief: Brief) -> list[Fragment]:
        found: list[str] = []
        plan: list[tuple] = []  # (cache key without footnote numbers, refs index range, builder args)
        meta = brief.meta
        if "[^" in meta.title:
            found.append(meta.title)
        plan.append((("cover", meta.body, meta.event, meta.dates, meta.kind, meta.reference_line(),
                      meta.effective_disclaimer()), None, None))
        plan.append((("title", meta.title), None, None))
        toc = [] if meta.toc else None
        for index, block in enumerate(brief.takeaways):
            start = len(found)
            source = _block_source(block, found)
            plan.append((("block", ("takeaways", index), source), (start, len(found)), block))

        def walk(sections: list[Section], level: int, prefix: Path) -> None:
            for index, section in enumerate(sections):
                path = (*prefix, "sections", index)
                label = section_label(level, index + 1)
                if toc is not None:
                    toc.append((path, level, label, section.title))
                start = len(found)
                if "[^" in section.title:
                    found.append(section.title)
                plan.append((("heading", path, level, label, section.title), (start, len(found)), section))
                for number, block in enumerate(section.body):
                    start = len(found)
                    source = _block_source(block, found)
                    plan.append((("block", (*path, "body", number), source), (start, len(found)), block))
                walk(section.sections, level + 1, path)

        walk(brief.sections, 1, ())
        numbers = self._numbers(found)
        if toc is not None:
            plan.insert(2, (("toc", meta.language, tuple(toc)), None, None))
        if numbers:  # no references: no rule, nothing to list
            foot = tuple((fid, n, brief.footnotes.get(fid)) for fid, n in numbers.items())
            plan.append((("footnotes", foot), None, None))
        plan.append((("footer", meta.website), None, None))

        cache, fresh = self._cache, {}
        out = []
        for source, refs, node in plan:
            key = source
            if refs and refs[0] != refs[1]:
                key = (*source, tuple(n for text in found[refs[0]:refs[1]] for n in self._refs(text, numbers)))
            fragment = cache.get(key) or fresh.get(key)
            if fragment is None:
                fragment = self._build(brief, source, node, numbers, toc)
            fresh[key] = fragment
            if fragment.blocks:
                out.append(fragment)
        self._cache = fresh
        return out

    @staticmethod
    def _refs(text: str, numbers: dict[str, int]) -> Iterable[int]:
        return (numbers.get(item.id, 0) for item in parse(text) if isinstance(item, FootnoteRef))

    @staticmethod
    def _numbers(found: list[str]) -> dict[str, int]:
        order: dict[str, int] = {}
        for text in found:
            for item in parse(text):
                if isinstance(item, FootnoteRef) and item.id not in order:
                    order[item.id] = len(order) + 1
        return order

    @staticmethod
    def _build(brief: Brief, source: tuple, node, numbers: dict[str, int], toc) -> Fragment:
        kind = source[0]
        if kind == "cover":
            return cover_fragment(brief)
        if kind == "title":
            return title_fragment(brief, numbers)
        if kind == "toc":
            return toc_fragment(brief, toc)
        if kind == "block":
            return block_fragment(node, source[1], numbers)
        if kind == "heading":
            return heading_fragment(source[1], source[2], source[3], node, numbers)
        if kind == "footnotes":
            return footnotes_fragment(brief, numbers)
        return footer_fragment(brief)


def render_fragments(brief: Brief) -> list[Fragment]:
    """The brief as preview fragments, in document order (uncached)."""
    return HtmlRenderer().fragments(brief)


#: The first block of the preview document: a hairline that every fragment follows,
#: so that each fragment, the first included, can be replaced as whole blocks.
SPACER = '<p style="margin:0px; font-size:1px; line-height:1px">&nbsp;</p>'


def render_html(brief: Brief, style: HouseStyle | None = None) -> str:
    """A complete HTML document of the brief, style sheet included."""
    css = (style or house_style()).css()
    body = "".join(fragment.html for fragment in render_fragments(brief))
    return f'<html><head><meta charset="utf-8"><style>\n{css}</style></head><body>{SPACER}{body}</body></html>'

