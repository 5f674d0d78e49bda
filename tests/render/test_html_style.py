"""The house style is read from the DOCX template, so restyling the template restyles the preview."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt

from briefbook.render.house_style import builtin_style, css_class, house_style, read_template
from briefbook.render.styles import CHARACTER_ROLES, Role
from briefbook.resources import docx_template

from restyled import make_template


def rule(css: str, selector: str) -> str:
    match = re.search(rf"^{re.escape(selector)} {{ (.*) }}$", css, re.MULTILINE)
    assert match, selector
    return match.group(1)


def bump(path: Path) -> None:
    """Make the change visible to the cache even on file systems with coarse time stamps."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_style_values_come_from_the_template(tmp_path):
    css = house_style(make_template(tmp_path / "t.docx")).css()
    heading = rule(css, "p.heading-1")
    assert "color: #112233" in heading and "font-size: 15pt" in heading and "font-family: 'Georgia'" in heading
    assert "color: #112233" in rule(css, "a.t-heading-1")


def test_based_on_styles_inherit(tmp_path):
    style = house_style(make_template(tmp_path / "t.docx"))
    sub = style.style(Role.SUBHEADING)
    heading = style.style(Role.HEADING_1)
    assert (sub.colour, sub.size, sub.font) == ("#112233", 15, "Georgia")
    assert sub.italic and not heading.italic
    assert sub.space_before == 7
    assert "font-style: italic" in rule(style.css(), "p.subheading")


def test_document_defaults_and_theme_fonts_apply(tmp_path):
    path = make_template(tmp_path / "t.docx")
    with zipfile.ZipFile(path) as archive:
        theme = archive.read("word/theme/theme1.xml").decode("utf-8")
    minor = re.search(r"<a:minorFont>\s*<a:latin typeface=\"([^\"]+)\"", theme).group(1)
    body = house_style(path).style(Role.BODY)
    assert body.font == minor
    assert body.size is not None


def test_changing_the_template_changes_the_css(tmp_path):
    path = make_template(tmp_path / "t.docx")
    first = house_style(path)
    assert house_style(path) is first, "cached while the file is unchanged"
    make_template(path, colour="AA0000", size=19)
    bump(path)
    second = house_style(path)
    assert second is not first
    heading = rule(second.css(), "p.heading-1")
    assert "color: #AA0000" in heading and "font-size: 19pt" in heading
    assert first.css() != second.css()


def test_shipped_template_agrees_with_python_docx():
    path = docx_template()
    style = house_style(path)
    assert style.source == str(path)
    doc = Document(str(path))
    checked = 0
    for role in Role:
        source = doc.styles[role.value]
        resolved = style.style(role)
        font = source.font
        if font.bold is not None:
            assert resolved.bold == font.bold, role
            checked += 1
        if font.italic is not None:
            assert resolved.italic == font.italic, role
        if font.size is not None:
            assert resolved.size == font.size.pt, role
            checked += 1
        if font.color is not None and font.color.rgb is not None:
            assert resolved.colour == f"#{font.color.rgb}", role
            checked += 1
        if role not in CHARACTER_ROLES:
            spacing = source.paragraph_format
            if spacing.space_after is not None:
                assert resolved.space_after == pytest.approx(spacing.space_after.pt), role
                checked += 1
            if spacing.space_before is not None:
                assert resolved.space_before == pytest.approx(spacing.space_before.pt), role
    assert checked > len(Role)


def test_every_role_has_css():
    css = house_style(docx_template()).css()
    for role in Role:
        assert f".{css_class(role)} {{" in css


def test_shipped_bullets_take_glyph_and_indent_from_numbering():
    style = house_style(docx_template())
    first, second = style.style(Role.BULLET_1), style.style(Role.BULLET_2)
    assert first.bullet and second.bullet
    assert 0 < first.indent_left < second.indent_left
    assert style.list_indent == first.indent_left


def test_unreadable_template_gives_the_built_in_look(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip at all")
    style = house_style(broken)
    assert style.styles == builtin_style().styles and "could not be read" in style.source
    missing = house_style(tmp_path / "missing.docx")
    assert missing.styles == builtin_style().styles and "not found" in missing.source
    assert style.css() == builtin_style().css()


def test_based_on_loop_does_not_hang(tmp_path):
    doc = Document()
    a = doc.styles.add_style("Subheading", WD_STYLE_TYPE.PARAGRAPH)
    b = doc.styles.add_style("Loop", WD_STYLE_TYPE.PARAGRAPH)
    a.base_style = b
    b.base_style = a
    a.font.size = Pt(13)
    doc.save(tmp_path / "loop.docx")
    assert read_template(tmp_path / "loop.docx").style(Role.SUBHEADING).size == 13


def test_paragraph_rules_follow_the_template(tmp_path):
    from briefbook.fileformat import load
    from briefbook.render.html import render_fragments

    from conftest import SAMPLE

    brief = load(SAMPLE)
    shipped = house_style(docx_template())
    with zipfile.ZipFile(docx_template()) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
    cover = re.search(r'w:styleId="CoverBody".*?</w:style>', styles, re.DOTALL).group(0)
    assert ((Role.COVER_BODY, "above") in shipped.rules) == ("<w:top " in cover)
    cover_html = render_fragments(brief, shipped)[0].html
    assert ('<hr class="above-cover-body">' in cover_html) == ("<w:top " in cover)
    plain = house_style(make_template(tmp_path / "t.docx"))
    assert not plain.rules
    assert "<hr" not in render_fragments(brief, plain)[0].html
