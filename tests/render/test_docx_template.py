"""The shipped reference template defines the whole house style, and other templates are checked.

Read with python-docx and lxml straight from the .docx, as Word would read it.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from lxml import etree

from briefbook.model import Brief
from briefbook.render.docx import TemplateError, build_docx, check_template
from briefbook.render.docx.template import resolve_styles, style_key
from briefbook.render.styles import BULLET_ROLES, CHARACTER_ROLES, HEADING_ROLES, Role
from briefbook.render.template import default_template

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REPO = Path(__file__).resolve().parents[2]


def part(name: str, path: Path | None = None) -> etree._Element:
    with zipfile.ZipFile(path or default_template()) as z:
        return etree.fromstring(z.read(name))


def test_default_template_is_the_shipped_file():
    import briefbook.render.docx

    assert default_template() == briefbook.render.docx.DEFAULT_TEMPLATE
    assert default_template().resolve() == (REPO / "templates" / "assembly-brief.docx").resolve()


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_every_role_is_a_real_style_of_its_kind(role):
    document = docx.Document(str(default_template()))
    style = document.styles[role.value]  # KeyError for a missing or latent-only style
    kind = WD_STYLE_TYPE.CHARACTER if role in CHARACTER_ROLES else WD_STYLE_TYPE.PARAGRAPH
    assert style.type == kind


def test_check_template_resolves_every_role():
    template = check_template(default_template())
    assert set(template.style_ids) == set(Role)
    assert template.id(Role.HEADING_1) == "Heading1"
    assert template.id(Role.FOOTNOTE_REFERENCE) == "FootnoteReference"


def test_names_match_whatever_their_capitals_and_ids():
    styles = etree.fromstring(
        f'<w:styles xmlns:w="{W[1:-1]}">'
        '<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>'
        '<w:style w:type="character" w:styleId="Link"><w:name w:val="HYPERLINK"/></w:style>'
        "</w:styles>"
    )
    ids, missing = resolve_styles(styles)
    assert ids[Role.HEADING_1] == "berschrift1"
    assert ids[Role.HYPERLINK] == "Link"
    assert "Cover Body (paragraph style)" in missing
    assert style_key("Heading  1") == style_key("heading 1")


def test_a_style_of_the_wrong_kind_does_not_count():
    styles = etree.fromstring(
        f'<w:styles xmlns:w="{W[1:-1]}">'
        '<w:style w:type="character" w:styleId="Title"><w:name w:val="Title"/></w:style></w:styles>'
    )
    _, missing = resolve_styles(styles)
    assert "Title (paragraph style)" in missing


def _rewrite(source: Path, target: Path, name: str, change) -> None:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            out.writestr(item, change(data) if item.filename == name else data)


def test_custom_template_missing_styles_is_refused_with_their_names(tmp_path):
    custom = tmp_path / "custom.docx"

    def drop_styles(data: bytes) -> bytes:
        root = etree.fromstring(data)
        for style in root.findall(f"{W}style"):
            if style.find(f"{W}name").get(f"{W}val") in ("Cover Kind", "footnote reference"):
                root.remove(style)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    _rewrite(default_template(), custom, "word/styles.xml", drop_styles)
    with pytest.raises(TemplateError) as caught:
        check_template(custom)
    assert caught.value.missing == ("Cover Kind (paragraph style)", "footnote reference (character style)")
    message = str(caught.value)
    assert str(custom) in message and "Cover Kind" in message and "footnote reference" in message


    with pytest.raises(TemplateError):
        build_docx(Brief(), custom)


def test_latent_style_is_missing(tmp_path):
    """Word lists latent styles but has not written them: python-docx cannot find them, nor can Word apply them."""
    custom = tmp_path / "latent.docx"

    def make_latent(data: bytes) -> bytes:
        root = etree.fromstring(data)
        for style in root.findall(f"{W}style"):
            if style.find(f"{W}name").get(f"{W}val") == "List Bullet 3":
                root.remove(style)
        latent = etree.SubElement(root, f"{W}latentStyles")
        etree.SubElement(latent, f"{W}lsdException").set(f"{W}name", "List Bullet 3")
        return etree.tostring(root)

    _rewrite(default_template(), custom, "word/styles.xml", make_latent)
    with pytest.raises(TemplateError) as caught:
        check_template(custom)
    assert caught.value.missing == ("List Bullet 3 (paragraph style)",)


@pytest.mark.parametrize("content", [b"", b"not a zip file", None])
def test_unreadable_template_is_a_clear_error(tmp_path, content):
    path = tmp_path / "broken.docx"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(TemplateError) as caught:
        check_template(path)
    assert str(path.name) in str(caught.value)


def test_an_edited_template_is_read_again(tmp_path):
    custom = tmp_path / "custom.docx"
    custom.write_bytes(default_template().read_bytes())
    assert check_template(custom).id(Role.TITLE) == "Title"

    def rename(data: bytes) -> bytes:
        return data.replace(b'w:styleId="Title"', b'w:styleId="DocTitle"').replace(
            b'w:val="Title"/></w:pPr>', b'w:val="DocTitle"/></w:pPr>')

    _rewrite(default_template(), tmp_path / "renamed.docx", "word/styles.xml", rename)
    (tmp_path / "renamed.docx").replace(custom)
    assert check_template(custom).id(Role.TITLE) == "DocTitle"


# --- the house style's decisions, as the secretariat will find them in Word


def _style(root: etree._Element, sid: str) -> etree._Element:
    found = root.find(f"{W}style[@{W}styleId='{sid}']")
    assert found is not None, sid
    return found


def _num_pr(style: etree._Element) -> tuple[int, int]:
    num = style.find(f"{W}pPr/{W}numPr")
    assert num is not None
    ilvl = num.find(f"{W}ilvl")
    return int(num.find(f"{W}numId").get(f"{W}val")), int(ilvl.get(f"{W}val")) if ilvl is not None else 0


def _abstract_levels(numbering: etree._Element, num_id: int) -> dict[int, etree._Element]:
    num = numbering.find(f"{W}num[@{W}numId='{num_id}']")
    abstract_id = num.find(f"{W}abstractNumId").get(f"{W}val")
    abstract = numbering.find(f"{W}abstractNum[@{W}abstractNumId='{abstract_id}']")
    return {int(lvl.get(f"{W}ilvl")): lvl for lvl in abstract.findall(f"{W}lvl")}


@pytest.mark.parametrize(("roles", "formats"), [
    (HEADING_ROLES, [("upperRoman", "%1."), ("upperLetter", "%2."), ("decimal", "%3.")]),
    (BULLET_ROLES, [("bullet", None)] * 3),
])
def test_numbering_is_a_multilevel_list_linked_both_ways_to_the_styles(roles, formats):
    styles, numbering = part("word/styles.xml"), part("word/numbering.xml")
    template = check_template(default_template())
    num_ids = set()
    for depth, (role, (fmt, text)) in enumerate(zip(roles, formats, strict=True)):
        sid = template.id(role)
        num_id, ilvl = _num_pr(_style(styles, sid))
        assert ilvl == depth
        num_ids.add(num_id)
        lvl = _abstract_levels(numbering, num_id)[ilvl]
        assert lvl.find(f"{W}pStyle").get(f"{W}val") == sid
        assert lvl.find(f"{W}numFmt").get(f"{W}val") == fmt
        if text:
            assert lvl.find(f"{W}lvlText").get(f"{W}val") == text
    assert len(num_ids) == 1, "one shared list per kind, not one list per style"


def test_bullet_glyphs_differ_by_level_and_indent_deeper():
    numbering = part("word/numbering.xml")
    num_id, _ = _num_pr(_style(part("word/styles.xml"), "ListBullet"))
    levels = _abstract_levels(numbering, num_id)
    glyphs = [levels[i].find(f"{W}lvlText").get(f"{W}val") for i in range(3)]
    indents = [int(levels[i].find(f"{W}pPr/{W}ind").get(f"{W}left")) for i in range(3)]
    assert len(set(glyphs)) == 3
    assert indents == sorted(indents) and len(set(indents)) == 3


def test_headings_have_outline_levels_and_subheading_the_fourth_unnumbered():
    styles = part("word/styles.xml")
    for level, sid in enumerate(("Heading1", "Heading2", "Heading3")):
        assert _style(styles, sid).find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") == str(level)
    # in the navigation pane, below the contents' three levels, and never numbered
    assert _style(styles, "Subheading").find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") == "3"
    assert _style(styles, "Subheading").find(f"{W}pPr/{W}numPr") is None


def test_toc_styles_have_dotted_leader_to_the_right_margin():
    styles = part("word/styles.xml")
    sect = part("word/document.xml").find(f"{W}body/{W}sectPr")
    size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    text_width = int(size.get(f"{W}w")) - int(margins.get(f"{W}left")) - int(margins.get(f"{W}right"))
    for sid in ("TOC1", "TOC2", "TOC3"):
        tabs = _style(styles, sid).findall(f"{W}pPr/{W}tabs/{W}tab")
        right = [tab for tab in tabs if tab.get(f"{W}val") == "right"]
        assert right and right[0].get(f"{W}leader") == "dot"
        assert int(right[0].get(f"{W}pos")) == text_width


def test_page_is_a4_with_a_different_first_page():
    sect = part("word/document.xml").find(f"{W}body/{W}sectPr")
    size = sect.find(f"{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")
    assert sect.find(f"{W}titlePg") is not None
    kinds = {(ref.tag.rsplit("}")[1], ref.get(f"{W}type")) for ref in sect}
    assert {("headerReference", "default"), ("headerReference", "first"), ("footerReference", "default"),
            ("footerReference", "first")} <= kinds


def test_defaults_carry_font_size_and_proofing_language():
    defaults = part("word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(f"{W}rFonts").get(f"{W}ascii")
    assert defaults.find(f"{W}sz") is not None
    assert defaults.find(f"{W}lang").get(f"{W}val") == "en-GB"


def test_footnote_and_link_character_styles():
    styles = part("word/styles.xml")
    assert _style(styles, "FootnoteReference").find(f"{W}rPr/{W}vertAlign").get(f"{W}val") == "superscript"
    assert _style(styles, "Hyperlink").find(f"{W}rPr/{W}u") is not None


def test_builder_script_makes_a_template_that_defines_every_role(tmp_path):
    """The script that first wrote the template still writes a complete one."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_template", REPO / "templates" / "build" / "make_template.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    first, second = tmp_path / "first.docx", tmp_path / "second.docx"
    module.main(first)
    module.main(second)
    assert set(check_template(first).style_ids) == set(Role)
    assert first.read_bytes() == second.read_bytes()


def test_a_word_template_file_dotx_is_accepted(tmp_path):
    """Saved from Word as a template (.dotx), the file differs from a .docx by one content type."""
    from briefbook.model import Meta

    dotx = tmp_path / "house.dotx"
    _rewrite(default_template(), dotx, "[Content_Types].xml", lambda data: data.replace(
        b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml"))
    data = build_docx(Brief(meta=Meta(title="T")), dotx)
    document = docx.Document(BytesIO(data))
    assert document.paragraphs[-1].text == "T"


def test_a_macro_enabled_template_is_refused(tmp_path):
    docm = tmp_path / "house.docm"
    _rewrite(default_template(), docm, "[Content_Types].xml", lambda data: data.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml"))
    with pytest.raises(TemplateError, match="macros"):
        check_template(docm)


def test_header_token_split_by_word_over_runs_is_filled(tmp_path):
    """Word splits a typed token when it marks it as a spelling error; the reference still lands."""
    from briefbook.model import Meta

    custom = tmp_path / "edited.docx"
    split = (b'<w:r><w:t>Ref. {refer</w:t></w:r><w:proofErr w:type="spellStart"/>'
             b'<w:r><w:t>ence}</w:t></w:r><w:r><w:t xml:space="preserve"> draft</w:t></w:r>')
    _rewrite(default_template(), custom, "word/header1.xml", lambda data: data.replace(
        b'<w:r><w:t xml:space="preserve">{reference}</w:t></w:r>', split))
    data = build_docx(Brief(meta=Meta(reference="182 SPE 24 E")), custom)
    header = docx.Document(BytesIO(data)).sections[0].header
    assert header.paragraphs[0].text == "Ref. 182 SPE 24 E draft"


def test_the_template_is_found_without_the_resources_module(monkeypatch):
    import briefbook.resources

    def missing():
        raise FileNotFoundError("no templates folder")

    monkeypatch.setattr(briefbook.resources, "docx_template", missing)
    assert default_template.__wrapped__().resolve() == (REPO / "templates" / "assembly-brief.docx").resolve()
