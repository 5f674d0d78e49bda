"""The house style, read out of the DOCX template, and the preview's CSS made from it.

The template (``templates/assembly-brief.docx``) carries every visual decision in named
styles, so the secretariat restyles briefs in Word. The DOCX writer applies those
styles by name; the preview cannot, so this module resolves each :class:`Role`'s style
the way Word does — document defaults, then the ``basedOn`` chain from the root down,
then the numbering level a list style links to — and turns the result into CSS for
Qt's rich-text engine. Change a style in the template and the preview follows.

Reading is plain lxml over ``styles.xml``, ``numbering.xml``, the theme and the page
set-up, cached per template path and modification time: the editor asks at start and
must not wait for it.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from lxml import etree

from briefbook.render.styles import BULLET_ROLES, CHARACTER_ROLES, Role

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

#: CSS pixels per point: Qt lays rich text out at 96 logical dots per inch.
PX_PER_PT = 96 / 72

#: Symbol-font bullet glyphs (private-use code points) and their Unicode look-alikes.
_SYMBOL_GLYPHS = {"\uf0b7": "\u2022", "\uf0a7": "\u25aa", "\uf0d8": "\u27a2", "\uf076": "\u2756", "\uf0fc": "\u2713",
                  "\uf02d": "\u2013", "\uf0a8": "\u25e6"}


@dataclass(frozen=True)
class TextStyle:
    """One style's resolved look. ``None`` means "not said": the renderer's default applies.

    Lengths are in points; ``first_line`` is negative for a hanging indent.
    """

    font: str | None = None
    size: float | None = None
    bold: bool = False
    italic: bool = False
    underline: bool = False
    caps: bool = False
    small_caps: bool = False
    colour: str | None = None
    superscript: bool = False
    align: str | None = None
    space_before: float = 0.0
    space_after: float = 0.0
    #: Line spacing as a multiple of single (``auto`` rule) or fixed height in points.
    line_factor: float | None = None
    line_points: float | None = None
    indent_left: float = 0.0
    indent_right: float = 0.0
    first_line: float = 0.0
    #: Paragraph rules (``w:pBdr``): colour and distance from the text in points, or ``None``.
    border_top: str | None = None
    border_top_space: float = 0.0
    border_bottom: str | None = None
    border_bottom_space: float = 0.0
    #: For list styles: the glyph Word draws at this level.
    bullet: str | None = None
    bullet_colour: str | None = None


@dataclass(frozen=True)
class HouseStyle:
    """The look of every role, plus the page's text width."""

    styles: Mapping[Role, TextStyle] = field(default_factory=dict)
    #: Width of the text column and the page margin, in points (A4, 2.5 cm margins by default).
    text_width: float = 453.6
    margin: float = 70.9
    source: str = "built-in defaults"

    @property
    def tab_stop(self) -> float:
        """Points from a heading's number to its text: the numbered headings' hanging indent."""
        hanging = -self.style(Role.HEADING_1).first_line
        return hanging if hanging > 0 else 28.35

    @property
    def list_indent(self) -> float:
        """Points each bullet level indents its text by: the first level's left indent."""
        left = self.style(Role.BULLET_1).indent_left
        return left if left > 0 else 18.0

    @property
    def body_font(self) -> str:
        return self.style(Role.BODY).font or "Arial"

    @property
    def link_colour(self) -> str:
        return self.style(Role.HYPERLINK).colour or "#1F5C99"

    @property
    def rules(self) -> frozenset[tuple[Role, str]]:
        """``(role, "above" | "below")`` for each paragraph rule the template draws (``RULED_ROLES``)."""
        out = set()
        for role in RULED_ROLES:
            style = self.style(role)
            if style.border_top:
                out.add((role, "above"))
            if style.border_bottom:
                out.add((role, "below"))
        return frozenset(out)

    def style(self, role: Role) -> TextStyle:
        return self.styles.get(role) or self.styles.get(Role.BODY) or TextStyle()

    def css(self) -> str:
        """The style sheet the preview's HTML is drawn with (see :mod:`briefbook.render.html`)."""
        return stylesheet(self)


#: Paragraphs drawn with a rule above and below when their template style has one (``w:pBdr``).
RULED_ROLES = (Role.COVER_BODY, Role.COVER_DISCLAIMER, Role.FOOTER)


def css_class(role: Role) -> str:
    """The HTML class a role's paragraphs carry: ``Heading 1`` → ``heading-1``."""
    return role.value.lower().replace(" ", "-")


def _px(points: float) -> str:
    return f"{round(points * PX_PER_PT, 1):g}px"


def _font_rules(style: TextStyle, colour_default: str) -> list[str]:
    rules = []
    if style.font:
        rules.append(f"font-family: '{style.font}'")
    if style.size:
        rules.append(f"font-size: {style.size:g}pt")
    rules.append(f"font-weight: {'bold' if style.bold else 'normal'}")
    rules.append(f"font-style: {'italic' if style.italic else 'normal'}")
    if style.caps:
        rules.append("text-transform: uppercase")
    elif style.small_caps:
        rules.append("font-variant: small-caps")
    rules.append(f"color: {style.colour or colour_default}")
    return rules


def _paragraph_rules(style: TextStyle, list_offset: float = 0.0) -> list[str]:
    """Block spacing; ``list_offset`` is the indent Qt's list nesting already gives a bullet."""
    left = style.indent_left - list_offset if list_offset else style.indent_left
    rules = [f"margin-top: {_px(style.space_before)}", f"margin-bottom: {_px(style.space_after)}",
             f"margin-left: {_px(max(left, 0))}", f"margin-right: {_px(style.indent_right)}"]
    first = max(style.first_line, -style.indent_left)  # a hanging indent never reaches past the margin
    if first and not list_offset:
        rules.append(f"text-indent: {_px(first)}")
    if style.align:
        rules.append(f"text-align: {style.align}")
    if style.line_factor:
        rules.append(f"line-height: {round(style.line_factor * 100)}%")
    elif style.line_points:
        rules.append(f"line-height: {_px(style.line_points)}")
    if style.underline:
        rules.append("text-decoration: underline")
    return rules


def _rule(selector: str, rules: list[str]) -> str:
    return f"{selector} {{ {'; '.join(rules)}; }}"


def stylesheet(house: HouseStyle) -> str:
    """CSS for Qt's rich text: one class per role, for the block and for its text anchors.

    Every run of text is an anchor naming its place in the brief, so each role also
    styles ``a.t-<role>`` — otherwise Qt would draw all text as blue links.
    """
    body_colour = house.style(Role.BODY).colour or "#000000"
    out = []
    for role in Role:
        style = house.style(role)
        name = css_class(role)
        font = _font_rules(style, body_colour)
        if role in CHARACTER_ROLES:
            extra = ["vertical-align: super"] if style.superscript else []
            if style.underline:
                extra.append("text-decoration: underline")
            else:
                extra.append("text-decoration: none")
            # Character styles add to the paragraph's look: only what they say; the
            # paragraph's colour comes from its ``t-`` class, listed with this one.
            char = [r for r in font if not r.startswith(("font-weight: normal", "font-style: normal"))]
            if not style.colour:
                char = [r for r in char if not r.startswith("color")]
            out.append(_rule(f"a.{name}", [*char, *extra]))
            continue
        if role in BULLET_ROLES:
            offset = (BULLET_ROLES.index(role) + 1) * house.list_indent
            out.append(_rule(f"li.{name}", [*font, *_paragraph_rules(style, offset)]))
        else:
            out.append(_rule(f"p.{name}", [*font, *_paragraph_rules(style)]))
        out.append(_rule(f"a.t-{name}", [f"color: {style.colour or body_colour}", "text-decoration: none"]))
    for role in RULED_ROLES:
        style = house.style(role)
        out.append(_rule(f"hr.above-{css_class(role)}", [f"background-color: {style.border_top or '#FFFFFF'}",
                                                         "margin-top: 0px",
                                                         f"margin-bottom: {_px(style.border_top_space)}"]))
        out.append(_rule(f"hr.below-{css_class(role)}", [f"background-color: {style.border_bottom or '#FFFFFF'}",
                                                         f"margin-top: {_px(style.border_bottom_space)}",
                                                         "margin-bottom: 0px"]))
    # Word's separator is a short line at the left; Qt centres a short <hr>, so it is an underlined blank.
    notes = house.style(Role.FOOTNOTE_TEXT)
    out.append(_rule("p.footnote-separator", ["margin-top: 12px", "margin-bottom: 6px", "font-size: 6pt",
                                              f"color: {notes.colour or body_colour}", "white-space: pre",
                                              "text-decoration: underline"]))
    for depth, role in enumerate(BULLET_ROLES, start=1):
        glyph = house.style(role).bullet or "\u2022"
        out.append(_rule(f"ul.{css_class(role)}", [f"list-style-type: {_list_style(glyph)}",
                                                     f"-qt-list-indent: {depth}", "margin-top: 0px",
                                                     "margin-bottom: 0px"]))
    return "\n".join(out) + "\n"


def _list_style(glyph: str) -> str:
    """Qt draws three bullet shapes; pick the one nearest the template's glyph."""
    if glyph in ("\u25e6", "o", "\u25cb", "\u2013", "-", "\u2014"):
        return "circle"
    if glyph in ("\u25aa", "\u25a0", "\u25fe", "\u25fc", "\u2751"):
        return "square"
    return "disc"


# --------------------------------------------------------------------------- reading


def _val(el, name: str = "val") -> str | None:
    return None if el is None else el.get(f"{W}{name}")


def _on(el) -> bool:
    """A toggle property (``<w:b/>``, ``<w:b w:val="0"/>``)."""
    return _val(el) not in ("0", "false", "off")


def _twips(value: str | None) -> float | None:
    try:
        return None if value is None else int(value) / 20
    except ValueError:
        return None


_ALIGN = {"left": "left", "start": "left", "center": "center", "right": "right", "end": "right",
          "both": "justify", "distribute": "justify", "justify": "justify"}


def _apply_rpr(props: dict, rpr, theme: Mapping[str, str]) -> None:
    if rpr is None:
        return
    fonts = rpr.find(f"{W}rFonts")
    if fonts is not None:
        family = _val(fonts, "ascii") or _val(fonts, "hAnsi")
        theme_ref = _val(fonts, "asciiTheme") or _val(fonts, "hAnsiTheme")
        if theme_ref:
            family = theme.get("major" if theme_ref.startswith("major") else "minor", family)
        if family:
            props["font"] = family
    size = _val(rpr.find(f"{W}sz"))
    if size and size.isdigit():
        props["size"] = int(size) / 2
    for tag, key in (("b", "bold"), ("i", "italic"), ("caps", "caps"), ("smallCaps", "small_caps")):
        el = rpr.find(f"{W}{tag}")
        if el is not None:
            props[key] = _on(el)
    underline = rpr.find(f"{W}u")
    if underline is not None:
        props["underline"] = _val(underline) not in (None, "none")
    colour = _val(rpr.find(f"{W}color"))
    if colour and len(colour) == 6 and colour.lower() != "auto":
        props["colour"] = f"#{colour.upper()}"
    vert = _val(rpr.find(f"{W}vertAlign"))
    if vert is not None:
        props["superscript"] = vert == "superscript"


def _apply_ppr(props: dict, ppr) -> None:
    if ppr is None:
        return
    align = _ALIGN.get(_val(ppr.find(f"{W}jc")) or "")
    if align:
        props["align"] = align
    spacing = ppr.find(f"{W}spacing")
    if spacing is not None:
        for attr, key in (("before", "space_before"), ("after", "space_after")):
            value = _twips(_val(spacing, attr))
            if value is not None:
                props[key] = value
        line = _val(spacing, "line")
        if line and line.lstrip("-").isdigit():
            if (_val(spacing, "lineRule") or "auto") == "auto":
                props["line_factor"], props["line_points"] = int(line) / 240, None
            else:
                props["line_factor"], props["line_points"] = None, int(line) / 20
    borders = ppr.find(f"{W}pBdr")
    if borders is not None:
        for side in ("top", "bottom"):
            edge = borders.find(f"{W}{side}")
            if edge is None:
                continue
            if _val(edge) in ("nil", "none"):
                props[f"border_{side}"] = None
                continue
            colour = _val(edge, "color") or "auto"
            props[f"border_{side}"] = f"#{colour.upper()}" if len(colour) == 6 else "#000000"
            space = _val(edge, "space")
            props[f"border_{side}_space"] = float(space) if space and space.isdigit() else 0.0
    ind = ppr.find(f"{W}ind")
    if ind is not None:
        for attrs, key in ((("left", "start"), "indent_left"), (("right", "end"), "indent_right")):
            value = next((v for v in (_twips(_val(ind, a)) for a in attrs) if v is not None), None)
            if value is not None:
                props[key] = value
        hanging, first = _twips(_val(ind, "hanging")), _twips(_val(ind, "firstLine"))
        if hanging is not None:
            props["first_line"] = -hanging
        elif first is not None:
            props["first_line"] = first


class _Template:
    """The parts of one template that styles are resolved against."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        names = set(archive.namelist())

        def xml(name: str):
            return etree.fromstring(archive.read(name)) if name in names else None

        self.styles = xml("word/styles.xml")
        if self.styles is None:
            raise ValueError("the template has no styles part")
        self.numbering = xml("word/numbering.xml")
        self.document = xml("word/document.xml")
        self.theme: dict[str, str] = {}
        theme = xml("word/theme/theme1.xml")
        if theme is not None:
            for kind in ("major", "minor"):
                latin = theme.find(f".//{A}{kind}Font/{A}latin")
                if latin is not None and latin.get("typeface"):
                    self.theme[kind] = latin.get("typeface")
        self.by_id = {s.get(f"{W}styleId"): s for s in self.styles.iter(f"{W}style")}
        self.by_name = {}
        for style in self.by_id.values():
            name = _val(style.find(f"{W}name"))
            if name:
                self.by_name.setdefault(name.lower(), style)

    def defaults(self) -> dict:
        props: dict = {}
        _apply_rpr(props, self.styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"), self.theme)
        _apply_ppr(props, self.styles.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr"))
        return props

    def chain(self, style) -> list:
        """The style and its ancestors, root first; a loop in ``basedOn`` is cut."""
        out: list = []
        while style is not None and style not in out:
            out.append(style)
            style = self.by_id.get(_val(style.find(f"{W}basedOn")))
        return out[::-1]

    def resolve(self, role: Role, base: Mapping) -> TextStyle | None:
        style = self.by_name.get(role.value.lower())
        if style is None:
            return None
        props = dict(base) if role not in CHARACTER_ROLES else {}
        for ancestor in self.chain(style):
            _apply_ppr(props, ancestor.find(f"{W}pPr"))
            self._apply_numbering(props, ancestor.find(f"{W}pPr/{W}numPr"))
            _apply_rpr(props, ancestor.find(f"{W}rPr"), self.theme)
        props.pop("_num", None)
        return TextStyle(**props)

    def _apply_numbering(self, props: dict, num_pr) -> None:
        """A list style's indents and glyph live in the numbering level it links to."""
        if num_pr is None or self.numbering is None:
            return
        num_id = _val(num_pr.find(f"{W}numId"))
        ilvl = _val(num_pr.find(f"{W}ilvl")) or "0"
        num = next((n for n in self.numbering.iter(f"{W}num") if _val(n, "numId") == num_id), None)
        abstract_id = _val(num.find(f"{W}abstractNumId")) if num is not None else None
        abstract = next((a for a in self.numbering.iter(f"{W}abstractNum")
                         if _val(a, "abstractNumId") == abstract_id), None)
        if abstract is None:
            return
        level = next((lv for lv in abstract.iter(f"{W}lvl") if _val(lv, "ilvl") == ilvl), None)
        if level is None:
            return
        _apply_ppr(props, level.find(f"{W}pPr"))
        if _val(level.find(f"{W}numFmt")) == "bullet":
            glyph = _val(level.find(f"{W}lvlText")) or "\u2022"
            props["bullet"] = _SYMBOL_GLYPHS.get(glyph, glyph)
            glyph_props: dict = {}
            _apply_rpr(glyph_props, level.find(f"{W}rPr"), self.theme)
            if "colour" in glyph_props:
                props["bullet_colour"] = glyph_props["colour"]

    def page(self) -> tuple[float, float] | None:
        """Text width and left margin in points, from the body's section properties."""
        if self.document is None:
            return None
        sect = self.document.find(f"{W}body/{W}sectPr")
        size = sect.find(f"{W}pgSz") if sect is not None else None
        margins = sect.find(f"{W}pgMar") if sect is not None else None
        width = _twips(_val(size, "w")) if size is not None else None
        left = _twips(_val(margins, "left")) if margins is not None else None
        right = _twips(_val(margins, "right")) if margins is not None else None
        if width is None or left is None or right is None or width - left - right <= 0:
            return None
        return width - left - right, left


def read_template(path: Path) -> HouseStyle:
    """Resolve every role's style in the template at ``path``.

    Raises ``OSError``, ``zipfile.BadZipFile``, ``ValueError`` or ``etree.XMLSyntaxError``
    on an unreadable template; :func:`house_style` turns those into the built-in look.
    """
    with zipfile.ZipFile(path) as archive:
        template = _Template(archive)
    base = template.defaults()
    fallback = DEFAULT_STYLE.styles
    styles = {role: template.resolve(role, base) or fallback[role] for role in Role}
    page = template.page()
    text_width, margin = page if page else (DEFAULT_STYLE.text_width, DEFAULT_STYLE.margin)
    return HouseStyle(styles, text_width, margin, str(path))


@lru_cache(maxsize=8)
def _cached(path: str, mtime_ns: int, size: int) -> HouseStyle:
    try:
        return read_template(Path(path))
    except (OSError, zipfile.BadZipFile, ValueError, KeyError, etree.XMLSyntaxError):
        return replace(DEFAULT_STYLE, source=f"built-in defaults ({path} could not be read)")


def house_style(template: Path | str | None = None) -> HouseStyle:
    """The house style of ``template`` (default: the shipped one), cached until the file changes.

    Never raises: a missing or broken template gives the built-in look, which names
    the problem in :attr:`HouseStyle.source`.
    """
    if template is None:
        try:
            from briefbook.resources import docx_template

            template = docx_template()
        except FileNotFoundError:
            return DEFAULT_STYLE
    path = Path(template)
    try:
        stat = path.stat()
    except OSError:
        return replace(DEFAULT_STYLE, source=f"built-in defaults ({path} not found)")
    return _cached(str(path), stat.st_mtime_ns, stat.st_size)


def _builtin() -> HouseStyle:
    """The look used when no template can be read: close to the shipped template."""
    navy, grey = "#1F3864", "#595959"
    body = TextStyle(font="Arial", size=11, space_after=8, line_factor=1.1, align="justify")
    cover = TextStyle(font="Arial", size=11, space_after=3)
    bullet = replace(body, space_after=5, first_line=-17.85)
    styles = {
        Role.COVER_BODY: replace(cover, size=12, bold=True, caps=True, colour=navy, space_after=12),
        Role.COVER_EVENT: replace(cover, bold=True, caps=True),
        Role.COVER_DATES: replace(cover, space_after=12),
        Role.COVER_KIND: replace(cover, size=16, bold=True, colour=navy),
        Role.COVER_REFERENCE: replace(cover, size=9, colour=grey, space_after=6),
        Role.COVER_DISCLAIMER: replace(cover, size=9, italic=True, colour=grey, space_after=18),
        Role.TITLE: replace(cover, size=14, bold=True, caps=True, colour=navy, space_before=6, space_after=12),
        Role.TOC_HEADING: replace(cover, bold=True, caps=True, colour=navy, space_before=12, space_after=6),
        Role.TOC_1: replace(cover, bold=True, caps=True, space_before=6, indent_left=28.35, first_line=-28.35),
        Role.TOC_2: replace(cover, indent_left=56.7, first_line=-28.35),
        Role.TOC_3: replace(cover, indent_left=85.05, first_line=-28.35),
        Role.HEADING_1: replace(cover, size=12, bold=True, caps=True, colour=navy, space_before=18, space_after=8),
        Role.HEADING_2: replace(cover, bold=True, colour=navy, space_before=14, space_after=6),
        Role.HEADING_3: replace(cover, bold=True, italic=True, colour=navy, space_before=12, space_after=6),
        Role.SUBHEADING: replace(cover, bold=True, colour=navy, space_before=12, space_after=5),
        Role.BODY: body,
        Role.BULLET_1: replace(bullet, indent_left=17.85, bullet="\u2022", bullet_colour=navy),
        Role.BULLET_2: replace(bullet, indent_left=35.7, bullet="\u2013", bullet_colour=navy),
        Role.BULLET_3: replace(bullet, indent_left=53.55, bullet="\u25aa", bullet_colour=navy),
        Role.FOOTNOTE_TEXT: replace(cover, size=8.5, space_after=2, indent_left=8.5, first_line=-8.5),
        Role.HEADER: replace(cover, size=9, colour=grey, align="right"),
        Role.FOOTER: replace(cover, size=9, colour=grey),
        Role.FOOTNOTE_REFERENCE: TextStyle(superscript=True),
        Role.HYPERLINK: TextStyle(colour="#1F5C99", underline=True),
    }
    return HouseStyle(styles)


DEFAULT_STYLE = _builtin()
