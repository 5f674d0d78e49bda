"""One reading of the template serves the export and the preview: same parts, same name rule, same cache."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import docx
from lxml import etree

from briefbook.fileformat import load
from briefbook.render.docx import build_docx, check_template
from briefbook.render.house_style import house_style
from briefbook.render.html import render_html
from briefbook.render.styles import Role
from briefbook.render.template import default_template, template_styles

from conftest import SAMPLE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _copy(target: Path, change: dict) -> Path:
    """The shipped template with some members rewritten (``name: bytes → bytes``) or renamed (``name: "new"``)."""
    with zipfile.ZipFile(default_template()) as src, zipfile.ZipFile(target, "w") as out:
        for item in src.infolist():
            data, name = src.read(item), item.filename
            edit = change.get(name)
            if isinstance(edit, str):
                name = edit
            elif edit is not None:
                data = edit(data)
            out.writestr(name, data)
    return target


def _restyle(name: str, new_name: str, colour: str):
    """An edit of styles.xml: the style named ``name`` is renamed and drawn in ``colour``."""

    def change(data: bytes) -> bytes:
        root = etree.fromstring(data)
        style = next(s for s in root.iter(f"{W}style") if s.find(f"{W}name").get(f"{W}val") == name)
        style.find(f"{W}name").set(f"{W}val", new_name)
        rpr = style.find(f"{W}rPr")
        if rpr is None:
            rpr = etree.SubElement(style, f"{W}rPr")
        for old in rpr.findall(f"{W}color"):
            rpr.remove(old)
        etree.SubElement(rpr, f"{W}color").set(f"{W}val", colour)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    return change


def _both(first, second):
    return lambda data: second(first(data))


def _rule(css: str, selector: str) -> str:
    return next(line for line in css.splitlines() if line.startswith(f"{selector} {{"))


def test_a_style_renamed_by_spacing_or_case_restyles_the_preview_and_the_export_alike(tmp_path):
    """Word treats built-in names without regard to case or doubled spaces; so do both outputs."""
    edits = _both(_restyle("heading 1", "Heading  1", "C00000"), _restyle("Body Text", "BODY TEXT", "00B050"))
    custom = _copy(tmp_path / "renamed.docx", {"word/styles.xml": edits})
    brief = load(SAMPLE)

    template = check_template(custom)
    assert template.id(Role.HEADING_1) == "Heading1" and template.id(Role.BODY) == "BodyText"
    exported = docx.Document(BytesIO(build_docx(brief, custom)))
    names = {p.style.name for p in exported.paragraphs}
    assert {"Heading  1", "BODY TEXT"} <= names

    style = house_style(custom)
    assert "built-in" not in style.source
    assert style.style(Role.HEADING_1).colour == "#C00000" and style.style(Role.BODY).colour == "#00B050"
    css = render_html(brief, style)
    assert "color: #C00000" in _rule(css, "p.heading-1") and "color: #00B050" in _rule(css, "p.body-text")
    shipped = house_style(default_template())
    assert shipped.style(Role.HEADING_1).colour != "#C00000"
    assert style.style(Role.HEADING_1).size == shipped.style(Role.HEADING_1).size, "the rest of the look is kept"


def test_parts_are_found_through_the_relationships(tmp_path):
    """A template whose styles part has another name (as some tools write it) is read by both outputs."""

    def retarget(data: bytes) -> bytes:
        return data.replace(b'Target="styles.xml"', b'Target="/word/house-styles.xml"')

    def content_types(data: bytes) -> bytes:
        return data.replace(b'PartName="/word/styles.xml"', b'PartName="/word/house-styles.xml"')

    custom = _copy(tmp_path / "moved.docx", {
        "word/styles.xml": "word/house-styles.xml",
        "word/_rels/document.xml.rels": retarget,
        "[Content_Types].xml": content_types,
    })
    with zipfile.ZipFile(custom) as z:
        assert "word/styles.xml" not in z.namelist() and "word/house-styles.xml" in z.namelist()
    assert check_template(custom).id(Role.TITLE) == "Title"
    style = house_style(custom)
    assert "built-in" not in style.source
    assert style.style(Role.HEADING_1) == house_style(default_template()).style(Role.HEADING_1)
    exported = docx.Document(BytesIO(build_docx(load(SAMPLE), custom)))
    assert any(p.style.name.lower() == "heading 1" for p in exported.paragraphs)


def test_one_cache_serves_both_and_an_edit_is_read_again(tmp_path):
    custom = _copy(tmp_path / "t.docx", {})
    reading = template_styles(custom)
    assert template_styles(custom) is reading
    assert check_template(custom).blob is reading.blob, "the export copies the very bytes the preview read"
    assert house_style(custom) is house_style(custom)
    _copy(tmp_path / "edited.docx", {"word/styles.xml": _restyle("Title", "title", "123456")}).replace(custom)
    assert template_styles(custom) is not reading
    assert house_style(custom).style(Role.TITLE).colour == "#123456"
