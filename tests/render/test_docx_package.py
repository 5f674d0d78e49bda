"""The exporter's own package layer against python-docx's reading of the same packages."""

from __future__ import annotations

import zipfile
from io import BytesIO

import docx
import pytest
from lxml import etree

from briefbook.fileformat import load
from briefbook.render.docx import build_docx
from briefbook.render.docx.opc import RT, Package, PackageError, Part, WordDocument
from briefbook.render.docx.package import package_bytes
from briefbook.render.template import default_template

from conftest import SAMPLE


def _python_docx_view(blob: bytes) -> dict[str, tuple[str, list[tuple[str, str, str]]]]:
    """Each part python-docx finds: its content type and its relationships (id, type, target)."""
    package = docx.Document(BytesIO(blob)).part.package
    view = {"/": ("", sorted((r.rId, r.reltype, r.target_ref) for r in package.rels.values()))}
    for part in package.iter_parts():
        view[str(part.partname)] = (part.content_type, sorted((r.rId, r.reltype, r.target_ref)
                                                              for r in part.rels.values()))
    return view


def _own_view(package: Package) -> dict[str, tuple[str, list[tuple[str, str, str]]]]:
    view = {"/": ("", sorted((r.rId, r.reltype, r.ref_from("/")) for r in package.rels.values()))}
    for part in package.iter_parts():
        view[part.partname] = (part.content_type, sorted((r.rId, r.reltype, r.ref_from(part.base))
                                                         for r in part.rels.values()))
    return view


@pytest.mark.parametrize("blob", [default_template().read_bytes(), build_docx(load(SAMPLE))],
                         ids=["template", "export"])
def test_the_parts_and_relationships_are_the_ones_python_docx_reads(blob):
    assert _own_view(Package.open(blob)) == _python_docx_view(blob)


def test_a_package_written_again_reads_the_same_in_python_docx_with_the_same_xml():
    """Every XML part comes back as it was, blank text aside (the content types are written sorted)."""
    blob = default_template().read_bytes()
    again = package_bytes(Package.open(blob))
    assert _python_docx_view(again) == _python_docx_view(blob)
    with zipfile.ZipFile(BytesIO(blob)) as before, zipfile.ZipFile(BytesIO(again)) as after:
        for name in after.namelist():
            if name.endswith(".xml") and name in before.namelist() and name != "[Content_Types].xml":
                unblank = etree.XMLParser(remove_blank_text=True)
                assert etree.tostring(etree.fromstring(after.read(name), unblank)) == etree.tostring(
                    etree.fromstring(before.read(name), unblank)), name


def test_relationships_are_reused_numbered_into_gaps_and_kept_while_referred_to():
    document = WordDocument.open(default_template().read_bytes())
    part = document.part
    first = part.relate_to("https://www.nato-pa.int", RT.HYPERLINK, is_external=True)
    assert part.relate_to("https://www.nato-pa.int", RT.HYPERLINK, is_external=True) == first
    other = part.relate_to("https://www.nato.int", RT.HYPERLINK, is_external=True)
    assert other != first
    del part.rels[first]
    assert part.relate_to("https://example.org", RT.HYPERLINK, is_external=True) == first  # the gap is used
    body = document.body
    for _ in range(2):
        link = etree.SubElement(body, "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}hyperlink")
        link.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", other)
    part.drop_rel(other)
    assert other in part.rels  # still referred to twice
    header = Part(document.package.next_partname("/word/header%d.xml"),
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml", b"<x/>",
                  document.package)
    assert header.partname not in {p.partname for p in document.package.iter_parts()}


def test_a_document_without_comments_or_core_properties_gets_them_when_asked():
    blob = (docx.__path__[0] + "/templates/default.docx")
    with open(blob, "rb") as handle:
        document = WordDocument.open(handle.read())
    assert document.part.part_related_by(RT.COMMENTS) is None
    comments = document.comments
    assert comments.partname == "/word/comments.xml" and document.comments is comments
    assert document.core_properties.tag.endswith("coreProperties")
    written = docx.Document(BytesIO(package_bytes(document.package)))
    assert written.part.part_related_by(RT.COMMENTS).partname == "/word/comments.xml"


@pytest.mark.parametrize("blob", [b"", b"not a zip", b"PK\x05\x06" + b"\x00" * 18], ids=["empty", "text", "empty zip"])
def test_what_is_not_a_word_package_is_refused_with_a_message(blob):
    with pytest.raises(PackageError, match="not a Word package|no main document part"):
        Package.open(blob).main_part  # noqa: B018
