"""Word export in the Assembly's brief format.

The reference template (``templates/assembly-brief.docx``) carries every visual
decision in named styles; the exporter applies those styles by name to the brief's
parts and adds no formatting of its own beyond bold, italic and hyperlinks, so the
secretariat restyles every brief by editing the template in Word (pandoc's
reference-document convention).

The template is read and checked once and a fresh copy opened per export; the body
is built directly as lxml elements. No Qt is imported here.

Modules: :mod:`.template` (checking templates, read by :mod:`briefbook.render.template`), :mod:`.body` (the
brief's blocks as paragraphs), :mod:`.inline` (runs), :mod:`.footnotes` (the footnotes part),
:mod:`.toc` (the table of contents field), :mod:`.comments` (reviewers' notes as Word comments),
:mod:`.furniture` (header, footer,
properties, language), :mod:`.unprinted` (what the brief holds that does not print),
:mod:`.package` (deterministic .docx bytes). The brief's blocks
come from :func:`briefbook.render.walk.walk`, the stream the preview draws too.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from briefbook.atomic import WriteTarget, writable_target, write_checked
from briefbook.filekinds import not_ordinary
from briefbook.model import Brief
from briefbook.problems import SaveError
from briefbook.render.docx.body import BodyWriter
from briefbook.render.docx.comments import Comments
from briefbook.render.docx.footnotes import Footnotes
from briefbook.render.docx.furniture import fill_header_footer, set_language, set_properties
from briefbook.render.docx.inline import Links, drop_links
from briefbook.render.docx.ooxml import R_NS, W_NS, w
from briefbook.render.docx.opc import WordDocument
from briefbook.render.docx.package import package_bytes
from briefbook.render.docx.template import Template, TemplateError, load_template
from briefbook.render.docx.unprinted import add_unprinted
from briefbook.render.styles import Role
from briefbook.render.template import default_template

__all__ = ["DEFAULT_TEMPLATE", "TemplateError", "build_docx", "check_template", "checked_docx", "default_template",
           "export_docx"]


def __getattr__(name: str) -> Path:
    """``DEFAULT_TEMPLATE``, the shipped reference template, looked for on first use rather than at import."""
    if name == "DEFAULT_TEMPLATE":
        return default_template()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def check_template(template: str | os.PathLike[str]) -> Template:
    """The template, checked; :class:`TemplateError` names each missing style (or why it cannot be read)."""
    return load_template(template)


def build_docx(brief: Brief, template: str | os.PathLike[str] | None = None, *,
               writer: Callable[..., BodyWriter] = BodyWriter) -> bytes:
    """The whole .docx of ``brief`` drawn with ``template`` (default: the shipped one, :func:`default_template`).

    ``writer`` makes the body's writer (a redline passes one that writes tracked changes).
    """
    tpl = load_template(default_template() if template is None else template)
    document = WordDocument.open(tpl.blob)
    body = document.body
    section = body[-1] if len(body) and body[-1].tag == w("sectPr") else None
    for child in list(body):
        body.remove(child)
    drop_links(document.part)  # the specimen's links went with its body
    footnotes = Footnotes(document.part, document.settings.element, tpl.id(Role.FOOTNOTE_TEXT),
                          tpl.id(Role.FOOTNOTE_REFERENCE))
    # Built in a plain lxml tree (no python-docx element classes to look up per element), then moved in.
    staging = etree.Element(w("body"), nsmap={"w": W_NS, "r": R_NS})
    comments = Comments(document)
    writer(staging, tpl, footnotes, Links(document.part), comments).write(brief)
    _move_children(staging, body)
    if section is not None:
        body.append(section)
    fill_header_footer(document, brief.meta)
    set_language(document, brief.meta)
    set_properties(document, brief.meta)
    add_unprinted(document, brief, comments)  # what does not print, so an import gives the brief back whole
    return package_bytes(document.package)


def _move_children(source: etree._Element, target: etree._Element) -> None:
    """Move the children of ``source`` to the end of ``target``, a wide element's children one at a time.

    lxml re-homes the namespaces of a moved subtree in time that grows with the square
    of an element's number of children: moving one paragraph of 600,000 runs (a long
    paste of unclosed markup) took minutes. An element with many children is therefore
    moved as an empty copy followed by its children, which keeps the move linear.
    """
    for child in list(source):
        if len(child) <= _WIDE or child.text or child.tail:  # WordprocessingML containers hold no text
            target.append(child)
            continue
        _move_children(child, etree.SubElement(target, child.tag, dict(child.attrib)))


#: Children above which an element is moved child by child (see :func:`_move_children`).
_WIDE = 64


def export_docx(brief: Brief, path: str | os.PathLike[str], template: str | os.PathLike[str] | None = None) -> None:
    """Write the .docx of ``brief`` to ``path`` all at once; on failure the old file stays as it was.

    Raises :class:`briefbook.problems.SaveError` (or its kind :class:`TemplateError`)
    with a message naming the file and the reason.
    """
    target, data = checked_docx(brief, path, template)
    write_checked(target, data)


def checked_docx(brief: Brief, path: str | os.PathLike[str],
                 template: str | os.PathLike[str] | None = None) -> tuple[WriteTarget, bytes]:
    """:func:`export_docx` up to the writing: the checked target ``path`` and the document's bytes.

    For writers that do more with the document before it is written (the page numbers and
    the PDF of :mod:`briefbook.render.paged`); raises :class:`SaveError` as the export does.
    """
    target = writable_target(path)  # a bad output name is refused before the work of building
    if template is not None:
        _check_template_path(template)
    try:
        return target, build_docx(brief, template)
    except (etree.LxmlError, ValueError) as exc:  # text the XML writer refused despite cleaning
        raise SaveError(f"Cannot export to {path}: {exc}.") from exc


def _check_template_path(template: str | os.PathLike[str]) -> None:
    """Refuse a template that is no ordinary file before it is read: reading a named pipe waits for ever."""
    try:
        mode = os.stat(template).st_mode
    except ValueError as exc:
        raise TemplateError(f"The Word template {os.fspath(template)!r} cannot be read: its name holds a "
                            "NUL character.") from exc
    except OSError as exc:
        raise TemplateError(f"The Word template {os.fspath(template)} cannot be read: "
                            f"{exc.strerror or exc.__class__.__name__}.") from exc
    if not stat.S_ISREG(mode):
        raise TemplateError(f"The Word template {os.fspath(template)} cannot be read: {not_ordinary(mode)}.")
