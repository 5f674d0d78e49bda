"""Real Word footnotes, as parts of the package (:mod:`.opc`).

A document with footnotes needs:

- a footnotes part (``word/footnotes.xml``, content type ``…wordprocessingml.footnotes+xml``)
  related to the main document part;
- the two special footnotes Word writes first, the *separator* (the short rule above the
  notes) and the *continuation separator* (the full-width rule when a note runs onto the
  next page), with the ids Word gives them, -1 and 0;
- ``w:footnotePr`` in the settings naming those two ids;
- in the body, a run in the *footnote reference* style holding ``w:footnoteReference``,
  and in each note a paragraph in the *footnote text* style opening with ``w:footnoteRef``
  (the mark, numbered by Word itself).

A template edited in Word may already have a footnotes part: its separators are kept
(so the secretariat can restyle them) and its other notes are dropped. Hyperlinks in a
note are relationships of the footnotes part, not of the document: use :attr:`Footnotes.part`.
"""

from __future__ import annotations

from lxml import etree

from briefbook.render.docx.ooxml import ID, PPR, PSTYLE, RPR, RSTYLE, VAL, W_NS, R, w
from briefbook.render.docx.opc import CT, RT, Part, parse_xml

FOOTNOTES_PARTNAME = "/word/footnotes.xml"

_FOOTNOTE, _TYPE = w("footnote"), w("type")
_SPECIAL = ("separator", "continuationSeparator")

#: What follows ``w:footnotePr`` in ``w:settings`` (ISO/IEC 29500 order); it goes before the first of these.
_AFTER_FOOTNOTE_PR = tuple(w(t) for t in (
    "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
))


def new_footnotes_element() -> etree._Element:
    """An empty ``w:footnotes`` holding only the separator (-1) and continuation separator (0)."""
    notes = "".join(
        f'<w:footnote w:type="{kind}" w:id="{number}"><w:p><w:pPr>'
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f"<w:r><w:{kind}/></w:r></w:p></w:footnote>"
        for number, kind in ((-1, "separator"), (0, "continuationSeparator"))
    )
    return parse_xml(f'<w:footnotes xmlns:w="{W_NS}">{notes}</w:footnotes>')


class Footnotes:
    """The footnotes of one document being written.

    ``document_part`` is the main document part (:class:`.opc.Part`) and ``settings`` its
    ``w:settings`` element; ``text_style`` and ``reference_style`` are the style ids of
    *footnote text* and *footnote reference*.
    """

    def __init__(self, document_part: Part, settings: etree._Element, text_style: str, reference_style: str):
        self.part = _footnotes_part(document_part)
        self._text_style = text_style
        self._reference_style = reference_style
        special = self._keep_only_separators()
        _name_separators(settings, special)
        self._next_id = max((*special.values(), 0)) + 1

    def _keep_only_separators(self) -> dict[str, int]:
        """Drop every ordinary note; make sure both separators exist. Their ids by kind."""
        root = self.part.element
        for rid, rel in list(self.part.rels.items()):  # links of the dropped notes
            if rel.is_external and rel.reltype == RT.HYPERLINK:
                del self.part.rels[rid]
        special: dict[str, int] = {}
        for note in list(root.iterchildren(_FOOTNOTE)):
            kind = note.get(_TYPE, "normal")
            if kind in _SPECIAL and kind not in special:
                special[kind] = int(note.get(ID, "0"))
            else:
                root.remove(note)
        if len(special) < len(_SPECIAL):  # a hand-made template lacking one: start from Word's pair
            for note in list(root.iterchildren(_FOOTNOTE)):
                root.remove(note)
            fresh = new_footnotes_element()
            for note in fresh.iterchildren(_FOOTNOTE):
                root.append(note)
            special = {"separator": -1, "continuationSeparator": 0}
        return special

    def add(self) -> tuple[int, etree._Element]:
        """A new note: its id and its paragraph, which already holds the note's own number mark.

        The caller appends the note's text as runs of the paragraph (after a space, as Word does).
        """
        note_id = self._next_id
        self._next_id += 1
        note = etree.SubElement(self.part.element, _FOOTNOTE)
        note.set(ID, str(note_id))
        p = etree.SubElement(note, w("p"))
        etree.SubElement(etree.SubElement(p, PPR), PSTYLE).set(VAL, self._text_style)
        mark = etree.SubElement(p, R)
        etree.SubElement(etree.SubElement(mark, RPR), RSTYLE).set(VAL, self._reference_style)
        etree.SubElement(mark, w("footnoteRef"))
        return note_id, p

    def reference(self, parent: etree._Element, note_id: int) -> etree._Element:
        """The superscript mark of note ``note_id`` in the text, as a run appended to ``parent``."""
        r = etree.SubElement(parent, R)
        etree.SubElement(etree.SubElement(r, RPR), RSTYLE).set(VAL, self._reference_style)
        etree.SubElement(r, w("footnoteReference")).set(ID, str(note_id))
        return r

    def __len__(self) -> int:
        return sum(1 for note in self.part.element.iterchildren(_FOOTNOTE) if note.get(_TYPE) is None)


def _footnotes_part(document_part: Part) -> Part:
    part = document_part.part_related_by(RT.FOOTNOTES)
    if part is None:
        part = Part(FOOTNOTES_PARTNAME, CT.WML_FOOTNOTES, None, document_part.package, new_footnotes_element())
        document_part.relate_to(part, RT.FOOTNOTES)
    return part


def _name_separators(settings: etree._Element, special: dict[str, int]) -> None:
    """``w:footnotePr`` in the settings names the separators, as Word expects."""
    props = settings.find(w("footnotePr"))
    if props is None:
        props = etree.Element(w("footnotePr"))
        following = next((child for child in settings if child.tag in _AFTER_FOOTNOTE_PR), None)
        if following is None:
            settings.append(props)
        else:
            following.addprevious(props)
    for old in props.findall(_FOOTNOTE):
        props.remove(old)
    for kind in _SPECIAL:
        etree.SubElement(props, _FOOTNOTE).set(ID, str(special[kind]))
