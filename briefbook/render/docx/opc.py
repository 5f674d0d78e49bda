"""A Word package as parts and relationships, read and written with lxml and zipfile alone.

The exporter opens the template's package, replaces the document's body, adds a few
parts (footnotes, comments, the unprinted values, a book's headers) and writes the
package back. That is all of the Open Packaging Conventions it needs, and this module
is all of it: python-docx's packaging layer does the same, but importing python-docx
loads its whole document API (every element class, registered at import), which is
most of a ``briefbook export`` process's time for one brief. The names follow
python-docx's (``rels``, ``relate_to``, ``related_parts``, ``next_partname``), so the
writers read as they did on it, and the written package is the one python-docx wrote:
parts reached from the relationships, depth first; the parts python-docx treats as XML
parsed without blank text and written with ``standalone="yes"``; the others byte for
byte; relationships in their order, internal targets relative to their source part.

:mod:`.package` writes a package as deterministic .docx bytes.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from io import BytesIO

from lxml import etree

from briefbook.render.docx.ooxml import W_NS, w

_PR_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


class RT:
    """Relationship types."""

    OFFICE_DOCUMENT = _OFFICE_REL + "officeDocument"
    CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
    COMMENTS = _OFFICE_REL + "comments"
    CUSTOM_XML = _OFFICE_REL + "customXml"
    CUSTOM_XML_PROPS = _OFFICE_REL + "customXmlProps"
    FOOTER = _OFFICE_REL + "footer"
    FOOTNOTES = _OFFICE_REL + "footnotes"
    HEADER = _OFFICE_REL + "header"
    HYPERLINK = _OFFICE_REL + "hyperlink"
    NUMBERING = _OFFICE_REL + "numbering"
    SETTINGS = _OFFICE_REL + "settings"
    STYLES = _OFFICE_REL + "styles"


_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."


class CT:
    """Content types."""

    CORE_PROPERTIES = "application/vnd.openxmlformats-package.core-properties+xml"
    RELATIONSHIPS = "application/vnd.openxmlformats-package.relationships+xml"
    CUSTOM_XML_PROPERTIES = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
    XML = "application/xml"
    WML_COMMENTS = _WML + "comments+xml"
    WML_DOCUMENT_MAIN = _WML + "document.main+xml"
    WML_FOOTER = _WML + "footer+xml"
    WML_FOOTNOTES = _WML + "footnotes+xml"
    WML_HEADER = _WML + "header+xml"
    WML_NUMBERING = _WML + "numbering+xml"
    WML_SETTINGS = _WML + "settings+xml"
    WML_STYLES = _WML + "styles+xml"


#: Parts held as XML (python-docx's ``XmlPart`` kinds): parsed, and written from their element.
XML_PARTS = frozenset({CT.CORE_PROPERTIES, CT.WML_COMMENTS, CT.WML_DOCUMENT_MAIN, CT.WML_FOOTER, CT.WML_FOOTNOTES,
                       CT.WML_HEADER, CT.WML_NUMBERING, CT.WML_SETTINGS, CT.WML_STYLES})

#: Extensions whose content type a ``Default`` entry gives (the OPC's usual ones), as python-docx has them.
_DEFAULT_TYPES = frozenset({
    ("bin", "application/vnd.openxmlformats-officedocument.presentationml.printerSettings"),
    ("bin", "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"),
    ("bin", "application/vnd.openxmlformats-officedocument.wordprocessingml.printerSettings"),
    ("bmp", "image/bmp"), ("emf", "image/x-emf"), ("fntdata", "application/x-fontdata"), ("gif", "image/gif"),
    ("jpe", "image/jpeg"), ("jpeg", "image/jpeg"), ("jpg", "image/jpeg"), ("png", "image/png"),
    ("rels", CT.RELATIONSHIPS), ("tif", "image/tiff"), ("tiff", "image/tiff"), ("wdp", "image/vnd.ms-photo"),
    ("wmf", "image/x-wmf"), ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("xml", CT.XML),
})

_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


class PackageError(ValueError):
    """The bytes are not a Word package this module can read (no document part, a broken zip or XML)."""


def parse_xml(blob: bytes | str) -> etree._Element:
    """XML as the package's parts are read: blank text dropped, no entities resolved."""
    return etree.fromstring(blob, _PARSER)


def serialize(element: etree._Element) -> bytes:
    """An XML part's bytes: UTF-8, ``standalone="yes"``, no added whitespace."""
    return etree.tostring(element, encoding="UTF-8", standalone=True)


class Rel:
    """One relationship: to a part of the package, or to an external address (``target_ref``)."""

    __slots__ = ("rId", "reltype", "target_part", "_ref", "is_external")

    def __init__(self, rId: str, reltype: str, target: Part | str, is_external: bool = False) -> None:  # noqa: N803
        self.rId, self.reltype, self.is_external = rId, reltype, is_external
        self.target_part = None if is_external else target
        self._ref = target if is_external else ""

    @property
    def target_ref(self) -> str:
        """The external address, or the target part's name."""
        return self._ref if self.is_external else self.target_part.partname  # type: ignore[return-value,union-attr]

    def ref_from(self, base: str) -> str:
        """The ``Target`` as written in a ``.rels`` whose source part lives in folder ``base``."""
        if self.is_external:
            return self._ref  # type: ignore[return-value]
        name = self.target_part.partname  # type: ignore[union-attr]
        return name[1:] if base == "/" else posixpath.relpath(name, base)


class Rels(dict[str, Rel]):
    """A part's (or the package's) relationships by id, in the order they were read or made."""

    def add_relationship(self, reltype: str, target: Part | str, rId: str, is_external: bool = False) -> Rel:  # noqa: N803
        rel = self[rId] = Rel(rId, reltype, target, is_external)
        return rel

    def next_rId(self) -> str:  # noqa: N802 - the OPC's own spelling
        """The first ``rIdN`` from 1 not in use."""
        return next(f"rId{n}" for n in range(1, len(self) + 2) if f"rId{n}" not in self)

    def xml(self, base: str) -> bytes:
        root = etree.Element(f"{{{_PR_NS}}}Relationships", nsmap={None: _PR_NS})
        for rel in self.values():
            element = etree.SubElement(root, f"{{{_PR_NS}}}Relationship")
            element.set("Id", rel.rId)
            element.set("Type", rel.reltype)
            element.set("Target", rel.ref_from(base))
            if rel.is_external:
                element.set("TargetMode", "External")
        return serialize(root)


class Part:
    """One part: its name (``/word/document.xml``), content type, bytes or XML element, and relationships."""

    def __init__(self, partname: str, content_type: str, blob: bytes | None = None, package: Package | None = None,
                 element: etree._Element | None = None) -> None:
        self.partname, self.content_type, self.package = partname, content_type, package
        self._blob, self._element = blob, element
        self.rels = Rels()

    @property
    def element(self) -> etree._Element:
        """The part's XML, parsed when first asked for."""
        if self._element is None:
            try:
                self._element = parse_xml(self._blob or b"")
            except etree.XMLSyntaxError as exc:
                raise PackageError(f"the part {self.partname} is not well-formed XML: {exc}") from None
        return self._element

    @property
    def blob(self) -> bytes:
        if self._element is not None or self.content_type in XML_PARTS:
            return serialize(self.element)
        return self._blob or b""

    @property
    def base(self) -> str:
        """The folder its relationships' targets are relative to."""
        return posixpath.dirname(self.partname)

    @property
    def related_parts(self) -> dict[str, Part]:
        return {rid: rel.target_part for rid, rel in self.rels.items() if rel.target_part is not None}

    def part_related_by(self, reltype: str) -> Part | None:
        """The first part this one relates to by ``reltype``."""
        return next((rel.target_part for rel in self.rels.values() if rel.reltype == reltype and not rel.is_external),
                    None)

    def relate_to(self, target: Part | str, reltype: str, is_external: bool = False) -> str:
        """The id of this part's relationship of ``reltype`` to ``target``, made if there is none yet."""
        for rel in self.rels.values():
            if rel.reltype == reltype and rel.is_external == is_external and (
                    rel._ref == target if is_external else rel.target_part is target):  # noqa: SLF001
                return rel.rId
        return self.rels.add_relationship(reltype, target, self.rels.next_rId(), is_external).rId

    def drop_rel(self, rId: str) -> None:  # noqa: N803
        """Remove the relationship ``rId`` unless the part's XML still refers to it more than once."""
        references = 0
        if self._element is not None or self.content_type in XML_PARTS:
            references = sum(1 for value in self.element.xpath("//@r:id", namespaces={"r": _OFFICE_REL[:-1]})
                             if value == rId)
        if references < 2:
            del self.rels[rId]


class Package:
    """The parts of one package reached from its relationships, and the package's own relationships."""

    def __init__(self) -> None:
        self.rels = Rels()
        self.base = "/"

    @classmethod
    def open(cls, blob: bytes) -> Package:
        try:
            with zipfile.ZipFile(BytesIO(blob)) as z:
                return _Reader(z).read(cls())
        except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as exc:
            raise PackageError(f"not a Word package: {exc}") from None

    @property
    def main_part(self) -> Part:
        part = next((rel.target_part for rel in self.rels.values() if rel.reltype == RT.OFFICE_DOCUMENT), None)
        if part is None:
            raise PackageError("the package has no main document part")
        return part

    def iter_parts(self) -> Iterator[Part]:
        """Each part once, depth first along the relationships in their order (as Word and python-docx write them)."""
        seen: set[int] = set()
        stack: list[Iterator[Rel]] = [iter(self.rels.values())]
        while stack:
            rel = next(stack[-1], None)
            if rel is None:
                stack.pop()
                continue
            part = rel.target_part
            if part is None or id(part) in seen:
                continue
            seen.add(id(part))
            yield part
            stack.append(iter(part.rels.values()))

    def next_partname(self, template: str) -> str:
        """``template`` (``/word/header%d.xml``) with the first number no part has."""
        taken = {part.partname for part in self.iter_parts()}
        return next(template % n for n in range(1, len(taken) + 2) if template % n not in taken)


class _Reader:
    """Reads a package's parts by walking its relationships, as python-docx's package reader does."""

    def __init__(self, z: zipfile.ZipFile) -> None:
        self._z = z
        self._names = {name.lower(): name for name in z.namelist()}
        types = parse_xml(self._member("/[Content_Types].xml"))
        self._defaults = {e.get("Extension", "").lower(): e.get("ContentType", "")
                          for e in types.iterchildren(f"{{{_CT_NS}}}Default")}
        self._overrides = {e.get("PartName", "").lower(): e.get("ContentType", "")
                           for e in types.iterchildren(f"{{{_CT_NS}}}Override")}
        self._parts: dict[str, Part] = {}

    def _member(self, partname: str) -> bytes:
        return self._z.read(self._names[partname[1:].lower()])

    def _rels_of(self, partname: str) -> list[etree._Element]:
        folder, name = posixpath.split(partname)
        rels_name = posixpath.join(folder, "_rels", f"{name}.rels")
        if rels_name[1:].lower() not in self._names:
            return []
        return list(parse_xml(self._member(rels_name)).iterchildren(f"{{{_PR_NS}}}Relationship"))

    def read(self, package: Package) -> Package:
        pending: list[tuple[Package | Part, str]] = [(package, "/")]
        while pending:
            source, partname = pending.pop()
            base = "/" if source is package else posixpath.dirname(partname)
            for element in self._rels_of("/" if source is package else partname):
                rid, reltype = element.get("Id", ""), element.get("Type", "")
                if element.get("TargetMode") == "External":
                    source.rels.add_relationship(reltype, element.get("Target", ""), rid, True)
                    continue
                target = posixpath.normpath(posixpath.join(base, element.get("Target", "")))
                target = "/" + target.lstrip("/")
                part = self._parts.get(target)
                if part is None:
                    ext = posixpath.splitext(target)[1][1:].lower()
                    content_type = self._overrides.get(target.lower()) or self._defaults.get(ext, "")
                    part = self._parts[target] = Part(target, content_type, self._member(target), package)
                    pending.append((part, target))
                source.rels.add_relationship(reltype, part, rid)
        return package


def content_types_xml(parts: list[Part]) -> bytes:
    """``[Content_Types].xml`` for ``parts``: a ``Default`` for the usual extensions, an ``Override`` for the rest."""
    defaults = {"rels": CT.RELATIONSHIPS, "xml": CT.XML}
    overrides: dict[str, str] = {}
    for part in parts:
        ext = posixpath.splitext(part.partname)[1][1:]
        if (ext.lower(), part.content_type) in _DEFAULT_TYPES:
            defaults[ext] = part.content_type
        else:
            overrides[part.partname] = part.content_type
    root = etree.Element(f"{{{_CT_NS}}}Types", nsmap={None: _CT_NS})
    for ext in sorted(defaults):
        etree.SubElement(root, f"{{{_CT_NS}}}Default", Extension=ext, ContentType=defaults[ext])
    for name in sorted(overrides):
        etree.SubElement(root, f"{{{_CT_NS}}}Override", PartName=name, ContentType=overrides[name])
    return serialize(root)


class WordDocument:
    """The main document part of a package, with the parts it relates to that the writers change."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self.part = package.main_part

    @classmethod
    def open(cls, blob: bytes) -> WordDocument:
        return cls(Package.open(blob))

    @property
    def body(self) -> etree._Element:
        body = self.part.element.find(w("body"))
        if body is None:
            raise PackageError("the document part has no body")
        return body

    def _related(self, reltype: str, partname: str, content_type: str, empty: str) -> Part:
        """The document's part of ``reltype``, made from ``empty`` XML if the template has none."""
        part = self.part.part_related_by(reltype)
        if part is None:
            part = Part(partname, content_type, None, self.package, parse_xml(empty))
            self.part.relate_to(part, reltype)
        return part

    @property
    def styles(self) -> Part:
        return self._related(RT.STYLES, "/word/styles.xml", CT.WML_STYLES, f'<w:styles xmlns:w="{W_NS}"/>')

    @property
    def settings(self) -> Part:
        return self._related(RT.SETTINGS, "/word/settings.xml", CT.WML_SETTINGS, f'<w:settings xmlns:w="{W_NS}"/>')

    @property
    def numbering_part(self) -> Part | None:
        return self.part.part_related_by(RT.NUMBERING)

    @property
    def comments(self) -> Part:
        return self._related(RT.COMMENTS, "/word/comments.xml", CT.WML_COMMENTS, _EMPTY_COMMENTS)

    @property
    def core_properties(self) -> etree._Element:
        """The package's ``cp:coreProperties`` element, made if the template has none."""
        part = next((rel.target_part for rel in self.package.rels.values() if rel.reltype == RT.CORE_PROPERTIES),
                    None)
        if part is None:
            part = Part("/docProps/core.xml", CT.CORE_PROPERTIES, None, self.package, parse_xml(_EMPTY_CORE))
            self.package.rels.add_relationship(RT.CORE_PROPERTIES, part, self.package.rels.next_rId())
        return part.element


#: The comments part a document without one is given: python-docx's, with its namespace declarations.
_EMPTY_COMMENTS = (
    '<w:comments xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    f'xmlns:w="{W_NS}" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"/>'
)

_EMPTY_CORE = (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
)
