"""The footnotes part on its own: what Word needs before it shows a single note.

Starts from python-docx's own default document, which has no footnotes part, and
from the Assembly template, which has one with a specimen note; checks the written
package (content types, relationships, settings), not just the objects in memory, and
reads it back with python-docx.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import docx
from lxml import etree

from briefbook.render.docx.footnotes import FOOTNOTES_PARTNAME, Footnotes, new_footnotes_element
from briefbook.render.docx.ooxml import run
from briefbook.render.docx.opc import CT as TYPES
from briefbook.render.docx.opc import RT, Part, WordDocument
from briefbook.render.docx.package import package_bytes
from briefbook.render.template import default_template

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def blank() -> WordDocument:
    """python-docx's own default document, which has no footnotes part."""
    return WordDocument.open((Path(docx.__file__).parent / "templates" / "default.docx").read_bytes())


def notes_of(document) -> Footnotes:
    return Footnotes(document.part, document.settings.element, "FootnoteText", "FootnoteReference")


def written(document) -> zipfile.ZipFile:
    return zipfile.ZipFile(BytesIO(package_bytes(document.package)))


def test_a_document_without_footnotes_gets_the_part_its_type_and_relationship():
    document = blank()
    notes = notes_of(document)
    note_id, p = notes.add()
    run(p, " The note.")
    paragraph = etree.Element(f"{W}p")
    document.body.insert(0, paragraph)
    notes.reference(paragraph, note_id)
    z = written(document)

    types = etree.fromstring(z.read("[Content_Types].xml"))
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{CT}Override")}
    assert overrides["/word/footnotes.xml"] == \
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
    assert [r.get("Target") for r in rels if r.get("Type") == RT.FOOTNOTES] == ["footnotes.xml"]

    footnotes = etree.fromstring(z.read("word/footnotes.xml"))
    ids_and_kinds = [(n.get(f"{W}id"), n.get(f"{W}type")) for n in footnotes]
    assert ids_and_kinds == [("-1", "separator"), ("0", "continuationSeparator"), ("1", None)]
    assert footnotes[0].find(f".//{W}separator") is not None
    assert footnotes[1].find(f".//{W}continuationSeparator") is not None
    note = footnotes[2].find(f"{W}p")
    assert note.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "FootnoteText"
    mark = note.find(f"{W}r")
    assert mark.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "FootnoteReference"
    assert mark.find(f"{W}footnoteRef") is not None
    assert "".join(note.itertext()) == " The note."

    settings = etree.fromstring(z.read("word/settings.xml"))
    props = settings.find(f"{W}footnotePr")
    assert [f.get(f"{W}id") for f in props.findall(f"{W}footnote")] == ["-1", "0"]
    order = [child.tag for child in settings]
    assert order.index(f"{W}footnotePr") < order.index(f"{W}compat")

    body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
    reference = body.find(f".//{W}footnoteReference")
    assert reference.get(f"{W}id") == "1"
    assert reference.getparent().find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "FootnoteReference"


def test_python_docx_reads_the_part_back_as_footnotes():
    document = blank()
    notes = notes_of(document)
    for text in ("One.", "Two."):
        run(notes.add()[1], text)
    again = docx.Document(BytesIO(package_bytes(document.package)))
    part = again.part.part_related_by(RT.FOOTNOTES)
    assert part.partname == FOOTNOTES_PARTNAME
    root = etree.fromstring(part.blob)
    texts = ["".join(t.text for t in n.iter(f"{W}t")) for n in root if n.get(f"{W}type") is None]
    assert texts == ["One.", "Two."]


def test_notes_are_numbered_from_one_in_the_order_added():
    notes = notes_of(blank())
    assert [notes.add()[0] for _ in range(3)] == [1, 2, 3]
    assert len(notes) == 3


def test_the_templates_own_notes_are_dropped_and_its_separators_kept():
    document = WordDocument.open(default_template().read_bytes())
    part = document.part.part_related_by(RT.FOOTNOTES)
    separator = part.element[0]
    etree.SubElement(separator.find(f"{W}p"), f"{W}r").set("marker", "secretariat's own separator")
    assert len([n for n in part.element if n.get(f"{W}type") is None]) == 1  # the specimen note

    notes = notes_of(document)
    assert notes.part is part
    assert len(notes) == 0
    assert part.element[0].find(f".//{W}r[@marker]") is not None
    assert notes.add()[0] == 1
    rels = [rel for rel in document.part.rels.values() if rel.reltype == RT.FOOTNOTES]
    assert len(rels) == 1


def test_a_part_without_separators_gets_words_pair():
    document = blank()
    part = Part(FOOTNOTES_PARTNAME, TYPES.WML_FOOTNOTES, None, document.package, new_footnotes_element())
    for note in list(part.element):
        part.element.remove(note)
    document.part.relate_to(part, RT.FOOTNOTES)
    notes = notes_of(document)
    kinds = [n.get(f"{W}type") for n in notes.part.element]
    assert kinds == ["separator", "continuationSeparator"]
    assert notes.add()[0] == 1


def test_settings_keep_their_other_footnote_properties():
    document = WordDocument.open(default_template().read_bytes())
    settings = document.settings.element
    props = settings.find(f"{W}footnotePr")
    etree.SubElement(props, f"{W}numFmt").set(f"{W}val", "lowerRoman")
    notes_of(document)
    props = settings.findall(f"{W}footnotePr")
    assert len(props) == 1
    assert props[0].find(f"{W}numFmt").get(f"{W}val") == "lowerRoman"
    assert [f.get(f"{W}id") for f in props[0].findall(f"{W}footnote")] == ["-1", "0"]
