"""The house style as the preview draws it, and the preview's CSS made from it.

The template (``templates/assembly-brief.docx``) carries every visual decision in named
styles, so the secretariat restyles briefs in Word. The DOCX writer applies those
styles by id; the preview cannot, so it takes each :class:`Role`'s resolved look from
the same reading of the template (:mod:`briefbook.render.template`, which resolves
styles the way Word does, matches names one way for both outputs and keeps the one
cache) and turns it into CSS for Qt's rich-text engine. Change a style in the template
and the preview follows.

A template that cannot be read, or lacks a style, gives the built-in look for what is
missing (:func:`builtin_style`), made on first use rather than at import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from briefbook.render.styles import BULLET_ROLES, CHARACTER_ROLES, Role
from briefbook.render.template import TemplateError, TemplateStyles, TextStyle, default_template, template_styles

__all__ = ["PX_PER_PT", "RULED_ROLES", "HouseStyle", "TextStyle", "builtin_style", "css_class", "house_style",
           "read_template", "stylesheet"]

#: CSS pixels per point: Qt lays rich text out at 96 logical dots per inch.
PX_PER_PT = 96 / 72

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
    return _CSS_CLASSES[role]


#: Made once: the preview's render asks for a class twice or more for every block it draws.
_CSS_CLASSES: dict[Role, str] = {role: role.value.lower().replace(" ", "-") for role in Role}


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


def read_template(path: str | Path) -> HouseStyle:
    """Every role's look in the template at ``path``; the built-in look for a role it lacks.

    Raises :class:`~briefbook.render.template.TemplateError` on an unreadable template;
    :func:`house_style` turns that into the built-in look.
    """
    return template_styles(path).derived(_from_template)


def _from_template(template: TemplateStyles) -> HouseStyle:
    fallback = builtin_style()
    looks = template.looks
    styles = {role: looks.get(role) or fallback.styles[role] for role in Role}
    text_width, margin = template.page or (fallback.text_width, fallback.margin)
    return HouseStyle(styles, text_width, margin, str(template.path))


def house_style(template: Path | str | None = None) -> HouseStyle:
    """The house style of ``template`` (default: the shipped one), read again when the file changes.

    Never raises: a missing or broken template gives the built-in look, which names
    the problem in :attr:`HouseStyle.source`.
    """
    path = default_template() if template is None else Path(template)
    if not path.exists():
        return replace(builtin_style(), source=f"built-in defaults ({path} not found)")
    try:
        return read_template(path)
    except (TemplateError, ValueError, KeyError):  # unreadable, or a style's properties cannot be resolved
        return replace(builtin_style(), source=f"built-in defaults ({path} could not be read)")


@cache
def builtin_style() -> HouseStyle:
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
