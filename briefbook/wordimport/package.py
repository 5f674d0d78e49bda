"""Opening a Word document to import: the checks before python-docx reads it, and the parts it needs.

A file picked in a dialog can be anything: an old binary ``.doc``, a ``.docx`` that is
really a renamed PDF, a zip that unpacks to gigabytes, a file Word has locked or a
named pipe. Each is refused here with a message that names the file and says what
to do; nothing reaches the importer that python-docx would choke on with a
traceback.

:class:`WordPackage` is the opened document with what the reader asks of it: each
style's name by id, the numbering of each list (bullet or number, by level), the
footnotes and comments by id, the footer's text, the proofing language and the
unprinted values an export left (:mod:`briefbook.render.docx.unprinted`).
"""

from __future__ import annotations

import os
import stat
import zipfile
from io import BytesIO
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from briefbook.filekinds import not_ordinary
from briefbook.render.docx.unprinted import Unprinted, read_unprinted

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"

#: The largest document read, packed and unpacked: a brief's .docx is well under a megabyte.
MAX_FILE = 100 * 1024 * 1024
MAX_UNPACKED = 400 * 1024 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc (and encrypted .docx)


class WordImportError(Exception):
    """A document that cannot be imported; the message names the file and the reason."""


def _read_bytes(path: Path) -> bytes:
    try:
        mode = os.stat(path).st_mode
    except ValueError as exc:
        raise WordImportError(f"Cannot import {path!r}: its name holds a NUL character.") from exc
    except OSError as exc:
        raise WordImportError(f"Cannot import {path}: {exc.strerror or exc.__class__.__name__}.") from exc
    if not stat.S_ISREG(mode):
        raise WordImportError(f"Cannot import {path}: {not_ordinary(mode)}.")
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE + 1)
    except OSError as exc:  # locked by Word on a shared drive, no permission
        raise WordImportError(f"Cannot import {path}: {exc.strerror or exc.__class__.__name__}.") from exc
    if len(data) > MAX_FILE:
        raise WordImportError(f"Cannot import {path}: it is over {MAX_FILE // (1024 * 1024)} MB, "
                              "far more than a brief.")
    return data


def _check_zip(path: Path, data: bytes) -> None:
    if data.startswith(_OLE_MAGIC):
        raise WordImportError(f"Cannot import {path}: it is a Word 97-2003 document (.doc) or a password-protected "
                              "one. Open it in Word and save it as a Word Document (.docx), without a password.")
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise WordImportError(f"Cannot import {path}: it is not a Word document (.docx).") from exc
    if "[Content_Types].xml" not in names:
        raise WordImportError(f"Cannot import {path}: it is not a Word document (.docx).")
    if unpacked > MAX_UNPACKED:
        raise WordImportError(f"Cannot import {path}: it unpacks to over {MAX_UNPACKED // (1024 * 1024)} MB.")


def _list_formats(numbering: etree._Element | None) -> dict[str, dict[int, str]]:
    """Each list's number format by level (``bullet``, ``decimal``, ``upperRoman``…), by ``w:numId``."""
    if numbering is None:
        return {}
    abstract: dict[str, dict[int, str]] = {}
    for element in numbering.iterchildren(f"{W}abstractNum"):
        levels = {}
        for level in element.iterchildren(f"{W}lvl"):
            fmt = level.find(f"{W}numFmt")
            levels[int(level.get(f"{W}ilvl", "0"))] = fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal"
        abstract[element.get(f"{W}abstractNumId", "")] = levels
    out: dict[str, dict[int, str]] = {}
    for num in numbering.iterchildren(f"{W}num"):
        ref = num.find(f"{W}abstractNumId")
        if ref is not None:
            out[num.get(f"{W}numId", "")] = abstract.get(ref.get(f"{W}val", ""), {})
    return out


class WordPackage:
    """An opened .docx, with the parts the importer reads (see the module docstring)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        data = _read_bytes(self.path)
        _check_zip(self.path, data)
        try:
            self.document = docx.Document(BytesIO(data))
        except Exception as exc:  # python-docx raises many kinds on a damaged package  # noqa: BLE001
            raise WordImportError(f"Cannot import {self.path}: it is damaged or not a Word document "
                                  f"({exc.__class__.__name__}: {exc}).") from exc
        self.body: etree._Element = self.document.element.body
        styles = self.document.styles.element
        self.style_names: dict[str, str] = {}
        #: Paragraph styles' own list (``w:numPr`` in the style, as *List Bullet* has).
        self.style_lists: dict[str, tuple[str, int]] = {}
        self.style_based: dict[str, str] = {}
        for style in styles.iterchildren(f"{W}style"):
            sid = style.get(f"{W}styleId", "")
            name = style.find(f"{W}name")
            self.style_names[sid] = name.get(f"{W}val", sid) if name is not None else sid
            based = style.find(f"{W}basedOn")
            if based is not None:
                self.style_based[sid] = based.get(f"{W}val", "")
            num = style.find(f"{W}pPr/{W}numPr")
            if num is not None:
                num_id = num.find(f"{W}numId")
                ilvl = num.find(f"{W}ilvl")
                if num_id is not None:
                    self.style_lists[sid] = (num_id.get(f"{W}val", ""), int(ilvl.get(f"{W}val", "0"))
                                             if ilvl is not None else 0)
        self.default_style = next((s.get(f"{W}styleId", "") for s in styles.iterchildren(f"{W}style")
                                   if s.get(f"{W}type") == "paragraph" and s.get(f"{W}default") in ("1", "true")),
                                  "")
        self.list_formats = _list_formats(self._part_element(RT.NUMBERING))
        self.footnotes = self._notes(RT.FOOTNOTES, "footnote")
        self.endnotes = self._notes(RT.ENDNOTES, "endnote")
        self.comments = self._notes(RT.COMMENTS, "comment")
        self.unprinted: Unprinted | None = read_unprinted(self.document)

    def _part_element(self, reltype: str) -> etree._Element | None:
        for rel in self.document.part.rels.values():
            if not rel.is_external and rel.reltype == reltype:
                part = rel.target_part
                element = getattr(part, "element", None)
                if element is None:
                    try:
                        element = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False,
                                                                              no_network=True))
                    except etree.XMLSyntaxError:
                        return None
                return element
        return None

    def _notes(self, reltype: str, tag: str) -> dict[str, etree._Element]:
        root = self._part_element(reltype)
        if root is None:
            return {}
        return {el.get(f"{W}id", ""): el for el in root.iterchildren(f"{W}{tag}")
                if el.get(f"{W}type") in (None, "normal")}

    def hyperlink_target(self, rel_id: str) -> str | None:
        rel = self.document.part.rels.get(rel_id)
        return rel.target_ref if rel is not None and rel.is_external else None

    def footnote_hyperlink_target(self, rel_id: str) -> str | None:
        for rel in self.document.part.rels.values():
            if not rel.is_external and rel.reltype == RT.FOOTNOTES:
                found = rel.target_part.rels.get(rel_id)
                return found.target_ref if found is not None and found.is_external else None
        return None

    def style_name(self, style_id: str | None) -> str:
        if not style_id:
            return self.style_names.get(self.default_style, "Normal")
        return self.style_names.get(style_id, style_id)

    def style_chain(self, style_id: str | None) -> list[str]:
        """The style's name and those it is based on, nearest first (a restyled *Heading 1* is still one)."""
        out: list[str] = []
        sid = style_id or self.default_style
        while sid and len(out) < 20:
            out.append(self.style_name(sid))
            sid = self.style_based.get(sid, "")
        return out or ["Normal"]

    def language(self) -> str:
        """The document's proofing language (``w:lang`` of the style defaults), or ``""``."""
        lang = self.document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        return lang.get(f"{W}val", "") if lang is not None else ""

    def footer_text(self) -> str:
        """The text of the first page's footer, field results (the page number) left out."""
        for rel in self.document.part.rels.values():
            if not rel.is_external and rel.reltype == RT.FOOTER:
                texts = []
                in_field = 0
                for el in rel.target_part.element.iter(f"{W}t", f"{W}fldChar", f"{W}tab"):
                    if el.tag == f"{W}fldChar":
                        kind = el.get(f"{W}fldCharType")
                        in_field += 1 if kind == "begin" else -1 if kind == "end" else 0
                    elif el.tag == f"{W}tab":
                        texts.append(" ")
                    elif not in_field:
                        texts.append(el.text or "")
                return " ".join("".join(texts).split())
        return ""
