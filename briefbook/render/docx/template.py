"""The reference template: read once, checked once, copied for every export.

The exporter applies styles by *name* and writes each paragraph with the style's
*id*. Word keeps English names for its built-in styles in every language but may
localise the ids (a German Word writes ``berschrift1`` for *heading 1*), and
LibreOffice spells some names with other capitals, so names are matched without
regard to case or spacing and the ids are read from the template once per template.

A custom template (``briefbook export --template FILE``) must define every style of
:class:`briefbook.render.styles.Role` as a real style — a *latent* style, which Word
lists but never wrote down, does not count — and :class:`TemplateError` lists what
is missing.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from lxml import etree

from briefbook.problems import SaveError
from briefbook.render.docx.ooxml import w
from briefbook.render.styles import CHARACTER_ROLES, Role

_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"


class TemplateError(SaveError):
    """The template cannot be used; the message says why and what to do.

    A :class:`SaveError`, so that whoever exports needs to catch one kind of error.
    """

    def __init__(self, message: str, missing: tuple[str, ...] = ()):
        super().__init__(message)
        self.missing = missing


@dataclass(frozen=True)
class Template:
    path: Path
    #: The template file as it was read; every export opens a fresh copy of it.
    blob: bytes
    #: Style id of each role in this template.
    style_ids: dict[Role, str]

    def id(self, role: Role) -> str:
        return self.style_ids[role]


def style_key(name: str) -> str:
    """How style names are compared: ``Heading 1``, ``heading 1`` and ``Heading  1`` are one style."""
    return " ".join(name.split()).casefold()


def load_template(path: str | Path) -> Template:
    """The template at ``path``, checked; cached until the file changes."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise TemplateError(f"The Word template {path} cannot be read: {exc.strerror or exc}.") from exc
    return _load(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _load(path: str, _mtime_ns: int, _size: int) -> Template:
    try:
        blob = Path(path).read_bytes()
    except OSError as exc:
        raise TemplateError(f"The Word template {path} cannot be read: {exc.strerror or exc}.") from exc
    blob = _as_document(blob, path)
    styles = _styles_xml(blob, path)
    ids, missing = resolve_styles(styles)
    if missing:
        raise TemplateError(
            f"The Word template {path} does not define these styles: {', '.join(missing)}. "
            "Add them in Word with exactly these names (a style Word only lists but never used does not count), "
            "or start from Briefbook's own template, templates/assembly-brief.docx.",
            tuple(missing),
        )
    return Template(Path(path), blob, ids)


_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"


def _as_document(blob: bytes, path: str) -> bytes:
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
        return blob  # reported, with its reason, when the styles are read


def _styles_xml(blob: bytes, path: str) -> etree._Element:
    """The styles part of the main document, found through the package's relationships."""
    try:
        with zipfile.ZipFile(BytesIO(blob)) as z:
            main = _target(z, "_rels/.rels", "", _OFFICE_DOCUMENT)
            folder, name = posixpath.split(main)
            styles = _target(z, posixpath.join(folder, "_rels", name + ".rels"), folder, _STYLES)
            return etree.fromstring(z.read(styles))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as exc:
        raise TemplateError(f"The Word template {path} is not a Word document (.docx) Briefbook can read: {exc}.") \
            from exc


def _target(z: zipfile.ZipFile, rels_name: str, folder: str, rel_type: str) -> str:
    rels = etree.fromstring(z.read(rels_name))
    for rel in rels.iter(f"{_REL_NS}Relationship"):
        if rel.get("Type") == rel_type:
            return posixpath.normpath(posixpath.join(folder, rel.get("Target", "").lstrip("/")))
    raise KeyError(f"no {rel_type.rsplit('/', 1)[-1]} part")


def resolve_styles(styles: etree._Element) -> tuple[dict[Role, str], list[str]]:
    """Style id of every role defined in ``styles`` (a ``w:styles`` element), and the names missing."""
    by_name: dict[tuple[str, str], str] = {}
    for style in styles.iterchildren(w("style")):
        name = style.find(w("name"))
        sid = style.get(w("styleId"))
        if name is not None and sid:
            by_name.setdefault((style.get(w("type"), "paragraph"), style_key(name.get(w("val"), ""))), sid)
    ids: dict[Role, str] = {}
    missing: list[str] = []
    for role in Role:
        kind = "character" if role in CHARACTER_ROLES else "paragraph"
        sid = by_name.get((kind, style_key(role.value)))
        if sid is None:
            missing.append(f"{role.value} ({kind} style)")
        else:
            ids[role] = sid
    return ids, missing


__all__ = ["Template", "TemplateError", "load_template", "resolve_styles", "style_key"]
