"""The reference template's styles, read once per template for the export and the preview alike.

The template (``templates/assembly-brief.docx``) carries every visual decision in
named styles, in the manner of pandoc's reference document. The DOCX writer needs the
*id* of each :class:`~briefbook.render.styles.Role`'s style, to write paragraphs with;
the preview needs each style's resolved *look* — document defaults, then the
``basedOn`` chain from the root down, then the numbering level a list style links to —
to turn into CSS. Both come from one :class:`TemplateStyles`, so a template that
exports right also previews right:

- parts are found as Word and python-docx find them, through the package's
  relationships (``_rels/.rels`` → the main document → its styles, numbering and
  theme parts), never by fixed paths;
- names are matched by one rule, :func:`style_key`: Word keeps English names for its
  built-in styles in every language but may localise the ids (a German Word writes
  ``berschrift1`` for *heading 1*), LibreOffice spells some names with other capitals,
  and hand edits leave doubled spaces, so names compare case-insensitively with runs
  of whitespace collapsed;
- one cache, keyed by the file's resolved path, modification time and size
  (:func:`template_styles`): the editor asks at start and must not wait, and an
  edited template is read again.

Nothing is read at import: the shipped template is found on first use
(:func:`default_template`).
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from io import BytesIO
from pathlib import Path
from typing import TypeVar

from lxml import etree

from briefbook.problems import SaveError
from briefbook.render.styles import CHARACTER_ROLES, Role

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"

TEMPLATE_NAME = "assembly-brief.docx"

_T = TypeVar("_T")


class TemplateError(SaveError):
    """The template cannot be used; the message says why and what to do.

    A :class:`SaveError`, so that whoever exports needs to catch one kind of error.
    """

    def __init__(self, message: str, missing: tuple[str, ...] = ()):
        super().__init__(message)
        self.missing = missing


@cache
def default_template() -> Path:
    """The shipped ``assembly-brief.docx``, in a checkout or an installed wheel.

    :mod:`briefbook.resources` is asked first; if it cannot answer, the places themselves
    are tried, so the exporter still finds its template (or names the path it expected).
    """
    package = Path(__file__).resolve().parents[1]  # the briefbook package folder
    try:
        from briefbook.resources import docx_template

        found = docx_template()
        if found.is_file():
            return found
    except (ImportError, FileNotFoundError):
        pass
    candidates = (package / "data" / "templates" / TEMPLATE_NAME, package / "templates" / TEMPLATE_NAME,
                  package.parent / "templates" / TEMPLATE_NAME)
    return next((path for path in candidates if path.is_file()), candidates[-1])


def style_key(name: str) -> str:
    """How style names are compared: ``Heading 1``, ``heading 1`` and ``Heading  1`` are one style."""
    return " ".join(name.split()).casefold()


def role_kind(role: Role) -> str:
    """The kind of style a role is drawn with: ``paragraph`` or ``character``."""
    return "character" if role in CHARACTER_ROLES else "paragraph"


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
class PageBox:
    """A page's size and margins, in points."""

    width: float
    height: float
    top: float
    right: float
    bottom: float
    left: float

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom


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


def _styles_by_key(styles: etree._Element) -> dict[tuple[str, str], etree._Element]:
    """Each real style of a ``w:styles`` element by kind and :func:`style_key` of its name; the first wins."""
    out: dict[tuple[str, str], etree._Element] = {}
    for style in styles.iterchildren(f"{W}style"):
        name = style.find(f"{W}name")
        if name is not None and style.get(f"{W}styleId"):
            out.setdefault((style.get(f"{W}type", "paragraph"), style_key(name.get(f"{W}val", ""))), style)
    return out


def resolve_styles(styles: etree._Element) -> tuple[dict[Role, str], list[str]]:
    """Style id of every role defined in ``styles`` (a ``w:styles`` element), and the names missing.

    A *latent* style, which Word lists but never wrote down, is no style.
    """
    by_key = _styles_by_key(styles)
    ids: dict[Role, str] = {}
    missing: list[str] = []
    for role in Role:
        style = by_key.get((role_kind(role), style_key(role.value)))
        if style is None:
            missing.append(f"{role.value} ({role_kind(role)} style)")
        else:
            ids[role] = style.get(f"{W}styleId")
    return ids, missing


class TemplateStyles:
    """One template as read: its bytes (as a .docx), its style ids and, on demand, each role's look."""

    def __init__(self, path: Path, blob: bytes) -> None:
        self.path = path
        #: The template file as a document; every export opens a fresh copy of it.
        self.blob = _as_document(blob, path)
        try:
            with zipfile.ZipFile(BytesIO(self.blob)) as archive:
                main = _target(archive, "", "_rels/.rels", "officeDocument")
                if main is None:
                    raise KeyError("no main document part")
                folder, name = posixpath.split(main)
                rels = posixpath.join(folder, "_rels", f"{name}.rels")
                styles = _target(archive, folder, rels, "styles")
                if styles is None:
                    raise KeyError("no styles part")
                self.styles = etree.fromstring(archive.read(styles))
                self.document = etree.fromstring(archive.read(main))
                numbering, theme = _target(archive, folder, rels, "numbering"), _target(archive, folder, rels, "theme")
                self.numbering = etree.fromstring(archive.read(numbering)) if numbering else None
                theme_root = etree.fromstring(archive.read(theme)) if theme else None
        except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as exc:
            raise TemplateError(f"The Word template {path} is not a Word document (.docx) Briefbook can read: "
                                f"{exc}.") from exc
        self.theme: dict[str, str] = {}
        if theme_root is not None:
            for kind in ("major", "minor"):
                latin = theme_root.find(f".//{A}{kind}Font/{A}latin")
                if latin is not None and latin.get("typeface"):
                    self.theme[kind] = latin.get("typeface")
        self.by_id = {s.get(f"{W}styleId"): s for s in self.styles.iterchildren(f"{W}style")}
        self._by_key = _styles_by_key(self.styles)
        #: Style id of each role the template defines, and the roles it lacks (as ``Name (kind style)``).
        self.style_ids, self.missing = resolve_styles(self.styles)
        self._derived: dict[Callable, object] = {}

    def derived(self, make: Callable[[TemplateStyles], _T]) -> _T:
        """``make(self)``, made once per reading: what is derived from a template (the preview's
        house style) is then cached exactly as long as the reading is, by the one cache."""
        if make not in self._derived:
            self._derived[make] = make(self)
        return self._derived[make]  # type: ignore[return-value]

    def style(self, role: Role) -> etree._Element | None:
        """The ``w:style`` a role is drawn with, or ``None`` if the template has none."""
        return self._by_key.get((role_kind(role), style_key(role.value)))

    @cached_property
    def looks(self) -> dict[Role, TextStyle]:
        """The resolved look of each role the template defines."""
        base = self._defaults()
        return {role: self._look(role, style, base) for role in Role if (style := self.style(role)) is not None}

    def _defaults(self) -> dict:
        props: dict = {}
        _apply_rpr(props, self.styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"), self.theme)
        _apply_ppr(props, self.styles.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr"))
        return props

    def _chain(self, style) -> list:
        """The style and its ancestors, root first; a loop in ``basedOn`` is cut."""
        out: list = []
        while style is not None and style not in out:
            out.append(style)
            style = self.by_id.get(_val(style.find(f"{W}basedOn")))
        return out[::-1]

    def _look(self, role: Role, style: etree._Element, base: Mapping) -> TextStyle:
        props = dict(base) if role not in CHARACTER_ROLES else {}
        for ancestor in self._chain(style):
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

    @cached_property
    def page_box(self) -> PageBox | None:
        """The page and its text area in points, from the body's section properties (for the page estimate)."""
        sect = self.document.find(f"{W}body/{W}sectPr") if self.document is not None else None
        size = sect.find(f"{W}pgSz") if sect is not None else None
        margins = sect.find(f"{W}pgMar") if sect is not None else None
        if size is None or margins is None:
            return None
        values = [_twips(_val(size, "w")), _twips(_val(size, "h"))]
        values += [_twips(_val(margins, side)) for side in ("top", "right", "bottom", "left")]
        if any(value is None for value in values):
            return None
        box = PageBox(*(abs(value) for value in values))  # type: ignore[arg-type]  # a negative top margin: fixed
        return box if box.text_width > 0 and box.text_height > 0 else None

    @cached_property
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


def template_styles(path: str | Path) -> TemplateStyles:
    """The template at ``path``, read; cached until the file changes. Raises :class:`TemplateError`."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise TemplateError(f"The Word template {path} cannot be read: {exc.strerror or exc}.") from exc
    return _read(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _read(path: str, _mtime_ns: int, _size: int) -> TemplateStyles:
    try:
        blob = Path(path).read_bytes()
    except OSError as exc:
        raise TemplateError(f"The Word template {path} cannot be read: {exc.strerror or exc}.") from exc
    return TemplateStyles(Path(path), blob)


def _as_document(blob: bytes, path: Path) -> bytes:
    """A Word template (.dotx) as the document (.docx) it becomes when Word opens it: one content type differs.

    Macro-enabled files are refused: a .docx cannot carry macros.
    """
    try:
        with zipfile.ZipFile(BytesIO(blob)) as z:
            types = z.read("[Content_Types].xml")
            if b"macroEnabled" in types:
                raise TemplateError(f"The Word template {path} contains macros; save it in Word as a Word "
                                    "Document (.docx) or Word Template (.dotx) without macros.")
            if _TEMPLATE_TYPE not in types:
                return blob
            out = BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
                for item in z.infolist():
                    data = z.read(item.filename)
                    if item.filename == "[Content_Types].xml":
                        data = data.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
                    copy.writestr(item.filename, data)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError, OSError):
        return blob  # reported, with its reason, when the parts are read


def _target(archive: zipfile.ZipFile, folder: str, rels_name: str, kind: str) -> str | None:
    """The part a relationship of type ``kind`` points to from the part whose relationships are ``rels_name``."""
    if rels_name not in archive.namelist():
        return None
    for rel in etree.fromstring(archive.read(rels_name)).iter(_REL):
        if rel.get("Type") == _RELS + kind and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            # A target is relative to the source part's folder, or absolute within the package.
            return posixpath.normpath(target[1:] if target.startswith("/") else posixpath.join(folder, target))
    return None


__all__ = ["PageBox", "TemplateError", "TemplateStyles", "TextStyle", "default_template", "resolve_styles", "role_kind",
           "style_key", "template_styles"]
