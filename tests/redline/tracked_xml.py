"""Reading a DOCX's tracked changes back with lxml, and accepting or rejecting all of them as Word does.

Written for the tests from the specification (ISO/IEC 29500-1 §17.13.5), not from the
redline's writer: a revision is read wherever it stands (runs, paragraph marks, style
changes, footnotes), whoever wrote the file — Briefbook or LibreOffice saving it again.
"""

from __future__ import annotations

import copy
import io
import zipfile
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
KINDS = ("ins", "del", "moveFrom", "moveTo")
_REMOVED_ON_ACCEPT = ("del", "moveFrom")
_REMOVED_ON_REJECT = ("ins", "moveTo")
#: What stands for a footnote's mark in the text read back (Word numbers it itself).
MARK = "¹"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def parts(data: bytes) -> dict[str, etree._Element]:
    """The document and footnotes parts of a .docx, parsed."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        return {name: etree.fromstring(package.read(f"word/{name}.xml")) for name in ("document", "footnotes")
                if f"word/{name}.xml" in names}


@dataclass(frozen=True)
class Tracked:
    """The tracked changes of one paragraph: of its mark, its style, and its text in order (kind, text)."""

    part: str
    mark: str | None
    restyled_from: str | None
    texts: tuple[tuple[str, str], ...]


def _run_text(r: etree._Element) -> str:
    out = []
    for child in r:
        tag = etree.QName(child).localname
        if tag in ("t", "delText"):
            out.append(child.text or "")
        elif tag == "tab":
            out.append("\t")
        elif tag == "br":
            out.append("\n")
        elif tag in ("footnoteReference", "footnoteRef"):
            out.append(MARK)
    return "".join(out)


def tracked_changes(data: bytes) -> list[Tracked]:
    """Every paragraph holding a tracked change, in the order of the document, then of the footnotes."""
    found = []
    for name, root in parts(data).items():
        for p in root.iter(w("p")):
            mark = next((etree.QName(c).localname for c in p.findall(f"{w('pPr')}/{w('rPr')}/*")
                         if etree.QName(c).localname in KINDS), None)
            change = p.find(f"{w('pPr')}/{w('pPrChange')}")
            old_style = None
            if change is not None:
                style = change.find(f"{w('pPr')}/{w('pStyle')}")
                old_style = "" if style is None else style.get(w("val"))
            texts: list[list[str]] = []
            for r in p.iter(w("r")):
                parent = r.getparent()
                kind = etree.QName(parent).localname
                if kind not in KINDS:
                    continue
                text = _run_text(r)
                if texts and texts[-1][0] == kind:
                    texts[-1][1] += text
                else:
                    texts.append([kind, text])
            if mark or old_style is not None or texts:
                found.append(Tracked(name, mark, old_style, tuple((k, t) for k, t in texts)))
    return found


def resolved(data: bytes, *, accept: bool) -> dict[str, etree._Element]:
    """The parts with every change accepted (``accept``) or rejected, as Word's *Accept All* / *Reject All*."""
    out = {name: copy.deepcopy(root) for name, root in parts(data).items()}
    drop, keep = (_REMOVED_ON_ACCEPT, _REMOVED_ON_REJECT) if accept else (_REMOVED_ON_REJECT, _REMOVED_ON_ACCEPT)
    gone_notes: set[str] = set()
    for root in out.values():
        for kind in drop:
            for element in list(root.iter(w(kind))):
                parent = element.getparent()
                if etree.QName(parent).localname == "rPr":  # a paragraph mark: the paragraph joins the next
                    continue
                gone_notes.update(ref.get(w("id")) for ref in element.iter(w("footnoteReference")))
                parent.remove(element)
        for kind in keep:
            for element in list(root.iter(w(kind))):
                parent = element.getparent()
                if etree.QName(parent).localname == "rPr":
                    parent.remove(element)
                    continue
                for child in element:
                    for text in child.iter(w("delText")):
                        text.tag = w("t")
                    for code in child.iter(w("delInstrText")):
                        code.tag = w("instrText")
                    element.addprevious(child)
                parent.remove(element)
        for change in list(root.iter(w("pPrChange"))):
            ppr = change.getparent()
            if not accept:
                for child in list(ppr):
                    if child.tag == w("pStyle"):
                        ppr.remove(child)
                old = change.find(f"{w('pPr')}/{w('pStyle')}")
                if old is not None:
                    ppr.insert(0, old)
            ppr.remove(change)
        _join_marked(root, drop)
        for range_tag in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd"):
            for element in list(root.iter(w(range_tag))):
                element.getparent().remove(element)
    notes = out.get("footnotes")
    if notes is not None:
        for note in list(notes.iter(w("footnote"))):
            if note.get(w("id")) in gone_notes:
                notes.remove(note)
    return out


def _join_marked(root: etree._Element, drop: tuple[str, ...]) -> None:
    """Paragraphs whose mark is removed: their remaining content joins the next paragraph."""
    for p in list(root.iter(w("p"))):
        marks = [c for c in p.findall(f"{w('pPr')}/{w('rPr')}/*") if etree.QName(c).localname in drop]
        if not marks:
            continue
        following = p.getnext()
        content = [c for c in p if c.tag != w("pPr")]
        if following is not None and following.tag == w("p"):
            ppr = following.find(w("pPr"))
            at = 0 if ppr is None else 1
            for offset, child in enumerate(content):
                following.insert(at + offset, child)
        p.getparent().remove(p)


def paragraph_texts(root: etree._Element) -> list[tuple[str, str]]:
    """Each paragraph's style and printed text, field results and the table of contents left out."""
    out = []
    for p in root.iter(w("p")):
        style = p.find(f"{w('pPr')}/{w('pStyle')}")
        name = "" if style is None else style.get(w("val"))
        if name.upper().startswith("TOC"):
            continue
        depth, text = 0, []
        for r in p.iter(w("r")):
            char = r.find(w("fldChar"))
            if char is not None:
                kind = char.get(w("fldCharType"))
                depth += 1 if kind == "begin" else -1 if kind == "end" else 0
                continue
            if depth == 0:
                text.append(_run_text(r))
        out.append((name, "".join(text)))
    return out


def note_texts(root: etree._Element | None) -> list[str]:
    """The text of each ordinary footnote, in order."""
    if root is None:
        return []
    return ["".join(_run_text(r) for r in note.iter(w("r")))
            for note in root.iter(w("footnote")) if note.get(w("type")) is None]
