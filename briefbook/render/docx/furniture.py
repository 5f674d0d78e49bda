"""What surrounds the text: header and footer, document properties, proofing language.

The template's header and footer are kept as designed; the exporter only fills in
two tokens, ``{reference}`` (the running header on pages after the first) and
``{website}`` (the footer, beside Word's own ``PAGE`` field).

Proofing: Word spell-checks text in the language of its ``w:lang``. The language of
the brief (``meta.language``: ``en`` → en-GB, ``fr`` → fr-FR) goes on the styles'
document defaults, which every style inherits, and on ``w:themeFontLang`` in the
settings, so a French version is checked in French without touching a paragraph.

Document properties carry no dates: the same brief must export to the same bytes,
and Word stamps its own dates when someone saves the file.
"""

from __future__ import annotations

from lxml import etree

from briefbook.languages import language_of
from briefbook.markup import plain_text
from briefbook.model import Meta
from briefbook.render.docx.ooxml import XML_SPACE, T, clean, w
from briefbook.render.docx.opc import RT, WordDocument

_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"
_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"

ASSEMBLY = "NATO Parliamentary Assembly"


def proofing_language(meta: Meta) -> str:
    """The BCP 47 tag Word checks spelling in (``en-GB``, ``fr-FR``)."""
    return language_of(meta.language).proofing


def fill_header_footer(document: WordDocument, meta: Meta) -> None:
    tokens = {"{reference}": clean(meta.reference.strip()), "{website}": clean(meta.website.strip())}
    for rel in document.part.rels.values():
        if rel.is_external or rel.reltype not in (RT.HEADER, RT.FOOTER):
            continue
        for p in rel.target_part.element.iter(w("p")):
            fill_tokens(list(p.iter(T)), tokens)


def fill_tokens(texts: list[etree._Element], tokens: dict[str, str]) -> None:
    """Replace each token in the ``w:t`` elements of one paragraph, even where Word split it over runs.

    Word splits what was typed in one go when it marks a spelling error or a revision
    (``{`` in one run, ``reference}`` in the next); the value goes where the token starts,
    in that run's formatting, and the rest of the token is taken out of the runs after it.
    """
    for token, value in tokens.items():
        search_from = 0
        while True:
            joined = "".join(t.text or "" for t in texts)
            start = joined.find(token, search_from)
            if start < 0:
                break
            search_from = start + len(value)  # a value holding the token is not replaced again
            end = start + len(token)
            offset = 0
            for t in texts:
                text = t.text or ""
                lo, hi = offset, offset + len(text)
                offset = hi
                if hi <= start or lo >= end:
                    continue
                before = text[: max(start - lo, 0)]
                after = text[max(end - lo, 0):] if end < hi else ""
                t.text = before + (value if lo <= start < hi else "") + after
                if t.text[:1].isspace() or t.text[-1:].isspace():
                    t.set(XML_SPACE, "preserve")


def set_language(document: WordDocument, meta: Meta) -> None:
    tag = proofing_language(meta)
    styles = document.styles.element
    defaults = styles.find(w("docDefaults"))
    if defaults is None:
        defaults = etree.Element(w("docDefaults"))
        styles.insert(0, defaults)
    rpr_default = _child(defaults, "rPrDefault", first=True)
    rpr = _child(rpr_default, "rPr")
    _child(rpr, "lang").set(w("val"), tag)
    settings = document.settings.element
    lang = settings.find(w("themeFontLang"))
    if lang is not None:  # a template without one keeps Word's default behaviour
        lang.set(w("val"), tag)


def _child(parent: etree._Element, tag: str, *, first: bool = False) -> etree._Element:
    found = parent.find(w(tag))
    if found is None:
        found = etree.Element(w(tag))
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def set_properties(document: WordDocument, meta: Meta) -> None:
    """Title, subject, author and identity of the file, as File → Info shows them in Word."""
    props = document.core_properties
    body = _one_line(meta.body)
    for tag, value in (((_DC, "title"), _one_line(plain_text(meta.title))), ((_DC, "subject"), _one_line(meta.event)),
                       ((_DC, "creator"), ASSEMBLY if body.casefold() == ASSEMBLY.casefold() else body),
                       ((_CP, "category"), _one_line(meta.kind)), ((_DC, "identifier"), _one_line(meta.reference)),
                       ((_DC, "language"), proofing_language(meta)), ((_CP, "revision"), "1")):
        _property(props, *tag).text = value
    # Dates, and what the template's own properties said of the template, are removed, not emptied.
    for name in (f"{{{_DCTERMS}}}created", f"{{{_DCTERMS}}}modified", f"{{{_CP}}}lastPrinted",
                 f"{{{_CP}}}lastModifiedBy", f"{{{_CP}}}keywords", f"{{{_DC}}}description"):
        for old in props.findall(name):
            props.remove(old)


#: The prefixes core properties are written with.
_PREFIXES = {_DC: "dc", _CP: "cp", _DCTERMS: "dcterms"}


def _property(props: etree._Element, namespace: str, name: str) -> etree._Element:
    """The core property ``name``, appended if the properties have none yet."""
    tag = f"{{{namespace}}}{name}"
    found = props.find(tag)
    if found is None:
        found = etree.Element(tag, nsmap={_PREFIXES[namespace]: namespace})
        props.append(found)
    return found


#: The most characters Word's core properties hold (Word and python-docx refuse more).
PROPERTY_LIMIT = 255


def _one_line(text: str) -> str:
    """A property's text on one line, shortened at a word with an ellipsis to fit Word's limit."""
    text = " ".join(clean(text).split())
    if len(text) <= PROPERTY_LIMIT:
        return text
    cut = text[:PROPERTY_LIMIT - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > PROPERTY_LIMIT // 2 else cut).rstrip(" ,;:") + "…"
