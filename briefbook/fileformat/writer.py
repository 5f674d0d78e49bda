"""The brief model → canonical YAML text, emitted directly.

Canonical means one spelling per brief, so that saving a file Briefbook wrote gives
the same bytes and a change shows in ``git diff`` as the lines that changed:

* keys in a fixed order; ``disclaimer`` left out when empty, ``toc`` when false; empty
  ``body``, ``sections``, ``takeaways``, ``footnotes`` and ``sources`` left out, and a
  ``budget`` that sets no limit; a budget on one line, ``budget: {pages: 5}``;
* one bullet per line, never wrapped; a bullet's children in a list right after it;
* each text in the first style YAML allows, in the order PyYAML prefers them — plain,
  then single-quoted, then double-quoted with escapes — and multi-line text as a
  literal block (``|-``, or ``|`` when it ends with a line break);
* Unicode written as itself (curly quotes, dashes, Cyrillic), never escaped, except
  for characters a YAML file cannot carry literally.

The scalar rules follow PyYAML's emitter (``Emitter.analyze_scalar``), so a file
written with ``yaml.safe_dump`` in the same layout is saved back unchanged. This module
does not call PyYAML, though: its emitter takes far too long on a 600-page brief.
Multi-line text is the one place Briefbook chooses differently: a literal block, where
PyYAML would fold the lines into a quoted string.
"""

from __future__ import annotations

import re

from briefbook.fileformat.compose import STR, resolve_plain
from briefbook.fileformat.reader import FORMAT_VERSION
from briefbook.model import Block, Brief, Budget, Bullet, BulletList, Heading, Meta, Note, Paragraph, Section

_META_TEXT_KEYS = tuple(name for name in Meta.FIELDS if name not in ("disclaimer", "toc"))

_WS = "\0 \t\r\n\x85\u2028\u2029"
#: Characters that may not appear in a YAML file as themselves: the complement of YAML's
#: printable set (line feed, ``\x20-\x7e``, ``\x85``, ``\xa0-\ud7ff``, ``\ue000-\ufffd`` less the BOM,
#: and the astral planes), written as the few ranges it is because a negated class over
#: the astral planes takes Python 6 ms to compile, at every start of every command.
_SPECIAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
_BREAK = re.compile("[\n\x85\u2028\u2029]")
_ODD_BREAK = re.compile("[\x85\u2028\u2029]")
_SPACE_BREAK = re.compile(" [\n\x85\u2028\u2029]")
_BREAK_SPACE = re.compile("[\n\x85\u2028\u2029] ")
#: ': ' or a final ':', and ' #', end a plain scalar.
_PLAIN_STOP = re.compile(f":(?:[{_WS}]|$)|[{_WS}]#")
_FIRST_NEVER_PLAIN = frozenset("#,[]{}&*!|>'\"%@`")

_ESCAPES = {
    "\0": "0", "\x07": "a", "\x08": "b", "\t": "t", "\n": "n", "\x0b": "v", "\x0c": "f", "\r": "r",
    "\x1b": "e", '"': '"', "\\": "\\", "\x85": "N", "\u2028": "L", "\u2029": "P",
}
#: Characters written as escapes inside double quotes. Lone surrogates are left as they
#: are, so that encoding fails and :func:`briefbook.fileformat.save` refuses the text
#: rather than write a file that cannot be read back.
_MUST_ESCAPE = re.compile('["\\\\\x85\u2028\u2029\ufeff]|[\x00-\x1f\x7f-\x9f\ufffe\uffff]')  # the complement, as above


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _ESCAPES:
        return "\\" + _ESCAPES[char]
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02X}"
    if code <= 0xFFFF:
        return f"\\u{code:04X}"
    return f"\\U{code:08X}"


def double_quoted(text: str) -> str:
    return '"' + _MUST_ESCAPE.sub(_escape, text) + '"'


def single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _plain_allowed(text: str) -> bool:
    """Whether ``text`` reads back as the same string when written without quotes."""
    first = text[0]
    if first in _FIRST_NEVER_PLAIN or first in " \t":
        return False
    if first in "-?" and (len(text) == 1 or text[1] in _WS):
        return False
    if text.startswith(("---", "...")) or text[-1] in " \t":
        return False
    if _PLAIN_STOP.search(text) or _SPECIAL.search(text) or _BREAK.search(text):
        return False
    return resolve_plain(text) == STR


def _flat(text: str) -> str:
    """A one-line scalar: plain when YAML allows, else single-quoted, else double-quoted."""
    if not text:
        return "''"
    if _plain_allowed(text):
        return text
    if not (_SPECIAL.search(text) or _BREAK.search(text)):
        return single_quoted(text)
    return double_quoted(text)


def _literal_allowed(text: str) -> bool:
    return not (
        text[0] in " \n" or text.endswith("\n\n") or _SPECIAL.search(text) or _ODD_BREAK.search(text)
        or _SPACE_BREAK.search(text) or text.rstrip("\n").endswith(" ")
    )


def scalar(text: str, indent: int) -> str:
    """``text`` as the value after ``key: `` or ``- `` whose key or dash is at column ``indent``,
    ending with a line break. A literal block's lines are indented two more columns."""
    if "\n" not in text:
        return _flat(text) + "\n"
    if not _literal_allowed(text):
        return double_quoted(text) + "\n"
    if text.endswith("\n"):
        header, body = "|", text[:-1]
    else:
        header, body = "|-", text
    pad = " " * (indent + 2)
    lines = [header]
    lines.extend(pad + line if line else "" for line in body.split("\n"))
    return "\n".join(lines) + "\n"


def key(text: str) -> str:
    """A mapping key (a footnote id): it must stay on one line."""
    return _flat(text) if "\n" not in text else double_quoted(text)


class SectionTexts:
    """The encoded YAML of top-level sections, written out one at a time ahead of :func:`dump_bytes`.

    Writing a 600-page brief out takes tens of milliseconds, too long a pause between two
    keystrokes. Autosave therefore writes the sections out a few at a time between
    keystrokes into one of these, then joins them. Whoever holds it and sees the brief
    change (the document controller) calls :meth:`forget` for a section changed meanwhile,
    and :meth:`clear` after a structural change; a section object that is no longer the one
    at its index is written afresh in any case, since an entry keeps the section it was
    written from.
    """

    def __init__(self) -> None:
        self._data: dict[int, tuple[Section, bytes]] = {}

    def forget(self, index: int) -> None:
        self._data.pop(index, None)

    def clear(self) -> None:
        self._data.clear()

    def data(self, index: int, section: Section) -> bytes:
        known = self._data.get(index)
        if known is not None and known[0] is section:
            return known[1]
        out: list[str] = []
        _sections(out, [section], 2)
        data = "".join(out).encode("utf-8", "surrogateescape")
        self._data[index] = (section, data)
        return data


def dumps(brief: Brief) -> str:
    """The canonical YAML text of a brief."""
    out = _head(brief)
    if brief.sections:
        out.append("sections:\n")
        _sections(out, brief.sections, 2)
    out.extend(_tail(brief))
    return "".join(out)


def dump_bytes(brief: Brief, sections: SectionTexts) -> bytes:
    """:func:`dumps` as UTF-8 bytes, with the sections already written out in ``sections``.

    A character that cannot be encoded (a lone surrogate) is kept as an escape byte rather
    than failing: this is for the recovery file, which must be written whatever the brief holds.
    """
    parts = ["".join(_head(brief)).encode("utf-8", "surrogateescape")]
    if brief.sections:
        parts.append(b"sections:\n")
        parts.extend(sections.data(index, section) for index, section in enumerate(brief.sections))
    parts.append("".join(_tail(brief)).encode("utf-8", "surrogateescape"))
    return b"".join(parts)


def _head(brief: Brief) -> list[str]:
    """The lines before the sections: the format version, the cover, the key takeaways."""
    out = [f"briefbook: {FORMAT_VERSION}\n", "meta:\n"]
    meta = brief.meta
    for name in _META_TEXT_KEYS:
        out.append(f"  {name}: ")
        out.append(scalar(getattr(meta, name), 2))
    if meta.disclaimer:
        out.append("  disclaimer: ")
        out.append(scalar(meta.disclaimer, 2))
    if meta.toc:
        out.append("  toc: true\n")
    if brief.translation is not None:
        name = "translation_of" if brief.translation.follows else "translated_as"
        out.append(f"{name}: ")
        out.append(scalar(brief.translation.file, 0))
    if brief.budget:
        out.append(f"budget: {budget(brief.budget)}\n")
    if brief.takeaways:
        out.append("takeaways:\n")
        _blocks(out, brief.takeaways, 2)
    return out


def _tail(brief: Brief) -> list[str]:
    """The lines after the sections: the footnotes and the sources."""
    out: list[str] = []
    if brief.footnotes:
        out.append("footnotes:\n")
        for fid, text in brief.footnotes.items():
            out.append(f"  {key(fid)}: ")
            out.append(scalar(text, 2))
    if brief.notes:
        out.append("notes:\n")
        _notes(out, brief.notes, 2)
    if brief.sources:
        out.append("sources:\n")
        for source in brief.sources:
            out.append("  - title: ")
            out.append(scalar(source.title, 4))
            if source.url:
                out.append("    url: ")
                out.append(scalar(source.url, 4))
            for name in ("date", "file", "checksum"):
                if getattr(source, name):
                    out.append(f"    {name}: ")
                    out.append(scalar(getattr(source, name), 4))
    if brief.words:
        out.append("words:\n")
        for word in brief.words:
            out.append("  - ")
            out.append(scalar(word, 2))
    return out


def budget(limits: Budget) -> str:
    """A budget on one line, pages before words: ``{pages: 5}``, ``{pages: 2, words: 800}``."""
    parts = [f"{name}: {value}" for name, value in (("pages", limits.pages), ("words", limits.words))
             if value is not None]
    return "{" + ", ".join(parts) + "}"


def _notes(out: list[str], notes: list[Note], column: int) -> None:
    """Notes in a fixed key order; ``occurrence`` only when not the first, empty fields left out."""
    pad = " " * column
    for note in notes:
        out.append(f"{pad}- on: ")
        out.append(scalar(note.on, column + 2))
        if note.quote:
            out.append(f"{pad}  quote: ")
            out.append(scalar(note.quote, column + 2))
        if note.occurrence != 1:
            out.append(f"{pad}  occurrence: {note.occurrence}\n")
        out.append(f"{pad}  text: ")
        out.append(scalar(note.text, column + 2))
        for name in ("author", "initials", "date"):
            if getattr(note, name):
                out.append(f"{pad}  {name}: ")
                out.append(scalar(getattr(note, name), column + 2))


def _blocks(out: list[str], blocks: list[Block], column: int) -> None:
    pad = " " * column
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(f"{pad}- ")
            out.append(scalar(block.text, column))
        elif isinstance(block, Heading):
            out.append(f"{pad}- heading: ")
            out.append(scalar(block.text, column + 2))
        elif isinstance(block, BulletList):
            if block.items:
                out.append(f"{pad}- bullets:\n")
                _bullets(out, block.items, column + 4)
            else:
                out.append(f"{pad}- bullets: []\n")
        else:
            raise TypeError(f"not a block of a brief: {block!r}")


def _bullets(out: list[str], bullets: list[Bullet], column: int, inline_first: bool = False) -> None:
    """Bullets with their dashes at ``column``. With ``inline_first`` the caller has already
    written the line's start, so a child list opens on its parent's ``- - `` line."""
    pad = " " * column
    for index, bullet in enumerate(bullets):
        out.append("- " if inline_first and index == 0 else f"{pad}- ")
        out.append(scalar(bullet.text, column))
        if bullet.children:
            out.append(f"{pad}- ")
            _bullets(out, bullet.children, column + 2, inline_first=True)


def _sections(out: list[str], sections: list[Section], column: int) -> None:
    pad = " " * column
    for section in sections:
        out.append(f"{pad}- title: ")
        out.append(scalar(section.title, column + 2))
        if section.synced:
            out.append(f"{pad}  synced: {section.synced}\n")
        if section.budget:
            out.append(f"{pad}  budget: {budget(section.budget)}\n")
        if section.body:
            out.append(f"{pad}  body:\n")
            _blocks(out, section.body, column + 4)
        if section.notes:
            out.append(f"{pad}  notes:\n")
            _notes(out, section.notes, column + 4)
        if section.sections:
            out.append(f"{pad}  sections:\n")
            _sections(out, section.sections, column + 4)
