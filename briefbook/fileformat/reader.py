"""Nodes → the brief model, with every problem at the line of the node it is about.

The walk is lenient where the meaning is clear (``dates: 2024`` is the text "2024",
an empty ``body:`` is an empty list) and strict where a guess could lose or misplace
text: a wrong kind of value, an unknown key (with the nearest known key suggested), a
footnote id that cannot be referenced. It goes on after an error, so one read reports
as many problems as it can; any error means no brief is returned.

Along the way it records where each place starts in the file (the line map,
:mod:`briefbook.fileformat.linemap`), so problems found later on the model
(:mod:`briefbook.checks`) can be shown at their line too.
"""

from __future__ import annotations

import re

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from briefbook.fileformat.compose import BOOL, FLOAT, INT, MAX_PROBLEMS, NULL, STR
from briefbook.fileformat.linemap import FILE_START, Position
from briefbook.markup import FOOTNOTE_ID
from briefbook.model import (
    Block,
    Brief,
    Budget,
    Bullet,
    BulletList,
    Heading,
    Meta,
    Note,
    Paragraph,
    Section,
    Source,
    Translation,
)
from briefbook.model.notes import valid_target
from briefbook.model.versions import FINGERPRINT_DIGITS
from briefbook.problems import Problem, Severity

#: The format version this program reads and writes.
FORMAT_VERSION = 1

TOP_KEYS = ("briefbook", "meta", "translation_of", "translated_as", "budget", "takeaways",
            "sections", "footnotes", "notes", "sources", "words")
META_KEYS = Meta.FIELDS
SECTION_KEYS = ("title", "synced", "budget", "body", "notes", "sections")
BUDGET_KEYS = ("pages", "words")
BLOCK_KEYS = ("heading", "bullets")
SOURCE_KEYS = ("title", "url", "date", "file", "checksum")
NOTE_KEYS = ("on", "quote", "occurrence", "text", "author", "initials", "date")

_WHOLE_NUMBER = re.compile(r"[0-9]+")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_CHECKSUM = re.compile(r"sha256:[0-9a-f]{64}")
_FINGERPRINT = re.compile(f"[0-9a-f]{{{FINGERPRINT_DIGITS}}}")
#: More digits than any format version will have; longer numbers are reported, not read.
_VERSION_DIGITS = 9
#: More digits than any budget will have (a billion words).
_BUDGET_DIGITS = 9


def describe(node: Node) -> str:
    """What a node is, in the words of an error message: 'a number', 'a list', ..."""
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping (key: value lines)"
    tag = node.tag
    if tag in (INT, FLOAT):
        value = node.value
        return f"the number {value}" if len(value) <= 30 else f"a number of {len(value)} characters ({value[:20]}…)"
    if tag == BOOL:
        return f"the yes/no value {node.value}"
    if tag == NULL:
        return "nothing" if not node.value else f"the empty value {node.value}"
    if tag == STR:
        text = " ".join(node.value.split())
        return f"the text '{text if len(text) <= 30 else text[:29] + '…'}'"
    return f"the value {node.value}"


def _position(node: Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _is_empty(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL


class Reader:
    """One walk over one document's nodes."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        #: Where each place starts, by plain tuple (see :mod:`briefbook.fileformat.linemap`).
        self.positions: dict[tuple, Position] = {(): FILE_START}
        self.errors = 0

    # -- reporting -------------------------------------------------------------------

    @property
    def full(self) -> bool:
        """Enough has been said: a file this wrong is not a brief, and reporting stops."""
        return len(self.problems) >= MAX_PROBLEMS

    def error(self, node: Node, message: str, path: tuple = ()) -> None:
        self.errors += 1
        self._add(Problem(Severity.ERROR, message, path, "", *_position(node)))

    def warning(self, node: Node, message: str, path: tuple = ()) -> None:
        self._add(Problem(Severity.WARNING, message, path, "", *_position(node)))

    def _add(self, problem: Problem) -> None:
        if self.full:
            return
        self.problems.append(problem)
        if self.full:
            self.problems.append(Problem(Severity.ERROR, "too many problems; only the first ones are shown",
                                         (), "", problem.line, problem.column))

    def at(self, path: tuple, node: Node) -> None:
        self.positions[path] = _position(node)

    # -- generic shapes --------------------------------------------------------------

    def pairs(self, node: Node, path: tuple, known: tuple[str, ...], what: str,
              where: str = "") -> list[tuple[str, Node, Node]]:
        """A mapping's (key, key node, value node) entries; unknown and non-text keys reported."""
        if not isinstance(node, MappingNode):
            if not _is_empty(node):
                self.error(node, f"expected {what}, found {describe(node)}", path)
            return []
        out = []
        for key_node, value in node.value:
            if not isinstance(key_node, ScalarNode):
                self.error(key_node, f"expected a key name here, found {describe(key_node)}", path)
                continue
            key = key_node.value
            if known and key not in known:
                if not self.full:
                    self.error(key_node, _unknown_key(key, known, where), path)
                continue
            out.append((key, key_node, value))
        return out

    def items(self, node: Node, path: tuple, what: str) -> list[Node]:
        if isinstance(node, SequenceNode):
            return node.value
        if not _is_empty(node):
            self.error(node, f"expected {what}, found {describe(node)}", path)
        return []

    def text(self, node: Node, path: tuple, what: str = "a text", record: bool = True) -> str:
        """A scalar's text as written; numbers and yes/no stay as typed, an empty value is ''."""
        if record:
            self.at(path, node)
        if isinstance(node, ScalarNode):
            return "" if node.tag == NULL else node.value
        self.error(node, f"expected {what}, found {describe(node)}", path)
        return ""

    # -- the document ----------------------------------------------------------------

    def brief(self, root: Node | None) -> Brief | None:
        if root is None or _is_empty(root):
            self.problems.append(Problem(Severity.ERROR, "the file is empty; a brief starts with the line "
                                         f"'briefbook: {FORMAT_VERSION}'", (), "", 1, 1))
            return None
        if not isinstance(root, MappingNode):
            self.error(root, f"this is not a brief: expected key: value lines starting with "
                       f"'briefbook: {FORMAT_VERSION}', found {describe(root)}")
            return None
        version = next(((key_node, value) for key_node, value in root.value
                        if isinstance(key_node, ScalarNode) and key_node.value == "briefbook"), None)
        if not self.version(root, version):
            return None
        brief = Brief()
        for key, key_node, value in self.pairs(root, (), TOP_KEYS, "a brief", "the brief"):
            self.at((key,), key_node)
            if key == "meta":
                brief.meta = self.meta(value)
            elif key in ("translation_of", "translated_as"):
                brief.translation = self.translation(key, key_node, value, brief.translation)
            elif key == "budget":
                brief.budget = self.budget(value, ("budget",), "the brief")
            elif key == "takeaways":
                brief.takeaways = self.blocks(value, ("takeaways",))
            elif key == "sections":
                brief.sections = self.sections(value, ("sections",))
            elif key == "footnotes":
                brief.footnotes = self.footnotes(value)
            elif key == "notes":
                brief.notes = self.notes(value, ("notes",), in_section=False)
            elif key == "sources":
                brief.sources = self.sources(value)
            elif key == "words":
                brief.words = self.words(value)
        return brief

    def version(self, root: Node, entry: tuple[Node, Node] | None) -> bool:
        """Check the ``briefbook`` key; a newer version stops the read (its keys would look wrong)."""
        if entry is None:
            self.error(root, f"this is not a Briefbook brief: the key 'briefbook: {FORMAT_VERSION}' "
                       "(the format version) is missing; add it as the first line")
            return False
        _, node = entry
        self.at(("briefbook",), node)
        if isinstance(node, ScalarNode) and node.tag == INT and _WHOLE_NUMBER.fullmatch(node.value):
            # a number of thousands of digits is no version, and int() would refuse to read it
            digits = node.value.lstrip("0") or "0"
            number = int(digits) if len(digits) <= _VERSION_DIGITS else None
            if number is None:
                self.error(node, f"expected the format version 'briefbook: {FORMAT_VERSION}', "
                           f"found a number of {len(digits)} digits")
                return False
            if number > FORMAT_VERSION:
                self.error(node, f"this brief was written by a newer version of Briefbook (file format "
                           f"{number}; this version reads format {FORMAT_VERSION}). Update Briefbook to open it.")
                return False
            if number >= 1:
                return True
        self.error(node, f"expected the format version 'briefbook: {FORMAT_VERSION}', found {describe(node)}")
        return False

    def meta(self, node: Node) -> Meta:
        meta = Meta()
        for key, _, value in self.pairs(node, ("meta",), META_KEYS, "the cover's key: value lines", "meta"):
            path = ("meta", key)
            if key == "toc":
                self.at(path, value)
                if isinstance(value, ScalarNode) and value.tag == BOOL:
                    meta.toc = value.value.lower() in ("true", "yes", "on", "y")
                elif _is_empty(value):
                    meta.toc = False
                else:
                    self.error(value, f"expected true or false, found {describe(value)}", path)
            else:
                setattr(meta, key, self.text(value, path))
        return meta

    def translation(self, key: str, key_node: Node, node: Node, known: Translation | None) -> Translation | None:
        """The other-language version's file: ``translation_of`` in the translation, ``translated_as``
        in the original."""
        path = (key,)
        if known is not None:
            self.error(key_node, "a brief is either the translation of another ('translation_of:') or the original "
                       "of one ('translated_as:'), not both; keep one", path)
            return known
        if not isinstance(node, ScalarNode) or node.tag != STR or not node.value.strip():
            self.error(node, f"expected the path of the other version's brief file, relative to this one "
                       f"(for example '{key}: 182-SPE-24-{'E' if key == 'translation_of' else 'F'}.brief.yaml'), "
                       f"found {describe(node)}", path)
            return None
        text = self.text(node, path)
        if "\n" in text or text != text.strip():
            self.error(node, "the other version's file name must be one line, without spaces around it", path)
            return None
        return Translation(text, follows=key == "translation_of")

    def synced(self, node: Node, path: tuple) -> str:
        """A section's fingerprint of the original's section it was brought up to date with."""
        text = self.text(node, path) if isinstance(node, ScalarNode) else ""
        if isinstance(node, ScalarNode) and (not text or _FINGERPRINT.fullmatch(text)):
            return text
        self.error(node, f"expected the fingerprint of the original's section, {FINGERPRINT_DIGITS} hexadecimal "
                   f"digits written by Briefbook, found {describe(node)}; remove the line to mark the section "
                   "as not yet translated", path)
        return ""

    def budget(self, node: Node, path: tuple, whose: str) -> Budget:
        """A length to keep within: ``pages`` and/or ``words``, each a whole number above 0."""
        budget = Budget()
        for key, _, value in self.pairs(node, path, BUDGET_KEYS, "a budget ('pages:' or 'words:' and a number)",
                                        f"the budget of {whose}"):
            self.at((*path, key), value)
            if _is_empty(value):
                continue
            text = value.value if isinstance(value, ScalarNode) and value.tag == INT else ""
            if not _WHOLE_NUMBER.fullmatch(text) or len(text.lstrip("0")) > _BUDGET_DIGITS or not int(text):
                self.error(value, f"expected a whole number of {key} above 0 for the budget "
                           f"(for example '{key}: {5 if key == 'pages' else 2000}'), found {describe(value)}",
                           (*path, key))
                continue
            setattr(budget, key, int(text))
        return budget

    def blocks(self, node: Node, path: tuple) -> list[Block]:
        out: list[Block] = []
        for item in self.items(node, path, "a list of blocks"):
            block_path = (*path, len(out))
            self.at(block_path, item)
            if isinstance(item, ScalarNode):
                out.append(Paragraph(self.text(item, block_path)))
                continue
            if isinstance(item, SequenceNode):
                self.error(item, "expected a block (a paragraph's text, 'heading:' or 'bullets:'), found a list; "
                           "a list of bullets goes under 'bullets:'", block_path)
                continue
            entries = self.pairs(item, block_path, BLOCK_KEYS, "a block ('heading:' or 'bullets:')", "a block")
            if len(entries) != 1:
                if len(entries) > 1:
                    self.error(item, "a block is either a 'heading:' or a 'bullets:' list, not both; "
                               "start the second with its own '- '", block_path)
                elif not item.value:
                    self.error(item, "expected a block ('heading:' or 'bullets:'), found an empty mapping",
                               block_path)
                continue
            key, _, value = entries[0]
            if key == "heading":
                out.append(Heading(self.text(value, block_path, "the heading's text", record=False)))
            else:
                out.append(BulletList(self.bullets(value, (*block_path, "bullets"))))
        return out

    def bullets(self, node: Node, path: tuple) -> list[Bullet]:
        """Bullets: a text is a bullet; a list right after it holds that bullet's children."""
        out: list[Bullet] = []
        had_children = False
        for item in self.items(node, path, "a list of bullets"):
            if isinstance(item, ScalarNode):
                bullet_path = (*path, len(out))
                out.append(Bullet(self.text(item, bullet_path)))
                had_children = False
            elif isinstance(item, SequenceNode):
                if not out:
                    self.error(item, "a list of sub-bullets must come right after the bullet it belongs to", path)
                elif had_children:
                    self.error(item, "this bullet already has its sub-bullets in the list just above; "
                               "merge the two lists", (*path, len(out) - 1))
                else:
                    children_path = (*path, len(out) - 1, "children")
                    self.at(children_path, item)
                    out[-1].children = self.bullets(item, children_path)
                    had_children = True
            else:
                self.error(item, f"expected a bullet's text or a list of sub-bullets, found {describe(item)}; "
                           "a text containing ': ' must be put in quotes", (*path, len(out)))
        return out

    def sections(self, node: Node, path: tuple) -> list[Section]:
        out: list[Section] = []
        for item in self.items(node, path, "a list of sections"):
            section_path = (*path, len(out))
            self.at(section_path, item)
            if not isinstance(item, MappingNode):
                self.error(item, f"expected a section ('title:' with 'body:' and 'sections:'), "
                           f"found {describe(item)}", section_path)
                continue
            section = Section("")
            has_title = False
            for key, key_node, value in self.pairs(item, section_path, SECTION_KEYS, "a section", "a section"):
                if key == "title":
                    section.title = self.text(value, (*section_path, "title"), "the section's title")
                    has_title = True
                elif key == "synced":
                    section.synced = self.synced(value, (*section_path, "synced"))
                elif key == "budget":
                    self.at((*section_path, "budget"), key_node)
                    section.budget = self.budget(value, (*section_path, "budget"), "a section")
                elif key == "body":
                    self.at((*section_path, "body"), key_node)
                    section.body = self.blocks(value, (*section_path, "body"))
                elif key == "notes":
                    self.at((*section_path, "notes"), key_node)
                    section.notes = self.notes(value, (*section_path, "notes"), in_section=True)
                else:
                    self.at((*section_path, "sections"), key_node)
                    section.sections = self.sections(value, (*section_path, "sections"))
            if not has_title:
                self.error(item, "this section has no 'title:'", section_path)
            out.append(section)
        return out

    def footnotes(self, node: Node) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, key_node, value in self.pairs(node, ("footnotes",), (), "footnotes (id: text lines)"):
            path = ("footnotes", key)
            self.at(path, key_node)
            if not FOOTNOTE_ID.fullmatch(key):
                self.error(key_node, f"'{key}' cannot be a footnote id: use letters, digits, '-', '_' or '.', "
                           "starting with a letter or digit, no spaces", path)
                continue
            out[key] = self.text(value, path, "the footnote's text")
            self.at(path, key_node)  # the id's line, rather than where the text starts
        return out

    def sources(self, node: Node) -> list[Source]:
        out: list[Source] = []
        for item in self.items(node, ("sources",), "a list of sources"):
            path = ("sources", len(out))
            self.at(path, item)
            source = Source("")
            has_title = False
            entries = self.pairs(item, path, SOURCE_KEYS, "a source ('title:', 'url:', 'date:', 'file:')",
                                 "a source")
            for key, _, value in entries:
                text = self.text(value, (*path, key))
                if key == "date" and text and not _is_iso_date(text):
                    self.error(value, f"'{text}' is not a date: write it as YYYY-MM-DD, e.g. 2024-10-18",
                               (*path, key))
                    continue
                if key == "checksum" and text and not _CHECKSUM.fullmatch(text):
                    self.error(value, "a source's checksum is 'sha256:' and 64 hexadecimal digits; "
                               "remove the line and add the source again", (*path, key))
                    continue
                setattr(source, key, text)
                has_title = has_title or key == "title"
            if isinstance(item, MappingNode) and not has_title:
                self.error(item, "this source has no 'title:'", path)
            out.append(source)
        return out

    def notes(self, node: Node, path: tuple, in_section: bool) -> list[Note]:
        """Reviewers' notes: each on one text of its owner (``on:``), with the words it is on."""
        out: list[Note] = []
        targets = "'title' or 'body'" if in_section else "'takeaways', 'meta/<field>' or 'footnotes/<id>'"
        for index, item in enumerate(self.items(node, path, "a list of notes")):
            note_path = (*path, index)
            self.at(note_path, item)
            note = Note("")
            seen: set[str] = set()
            for key, _, value in self.pairs(item, note_path, NOTE_KEYS, "a note ('on:', 'quote:', 'text:')", "a note"):
                text = self.text(value, (*note_path, key))
                seen.add(key)
                if key == "on" and not valid_target(text, in_section):
                    self.error(value, f"a note here is on {targets}, not '{text}'", (*note_path, key))
                elif key == "occurrence":
                    if not text.isdigit() or not 0 < int(text) < 1_000_000:
                        self.error(value, f"'{text}' is not an occurrence: give a whole number from 1",
                                   (*note_path, key))
                    else:
                        note.occurrence = int(text)
                elif key == "date" and text and not _is_iso_moment(text):
                    self.error(value, f"'{text}' is not a date: write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ",
                               (*note_path, key))
                else:
                    setattr(note, key, text)
            if isinstance(item, MappingNode):
                if "text" not in seen:
                    self.error(item, "this note has no 'text:'", note_path)
                if not in_section and "on" not in seen:
                    self.error(item, f"this note does not say what it is on: add 'on:' ({targets})", note_path)
            if valid_target(note.on, in_section):  # one on nothing is reported above and left out
                out.append(note)
        return out

    def words(self, node: Node) -> list[str]:
        """The brief's own words for the spell checker: each a word of one line, no spaces."""
        out: list[str] = []
        for index, item in enumerate(self.items(node, ("words",), "a list of words")):
            path = ("words", index)
            self.at(path, item)
            word = self.text(item, path, "a word").strip()
            if not word or any(char.isspace() for char in word):
                self.error(item, f"'{word}' cannot be one of the brief's words: give one word, without spaces", path)
                continue
            if word not in out:
                out.append(word)
        return out


def _unknown_key(key: str, known: tuple[str, ...], where: str) -> str:
    import difflib  # loaded for the rare misspelt key, not by every read

    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(known)
    return f"unknown key '{key}' in {where}; {hint}"


def _is_iso_moment(text: str) -> bool:
    """Whether ``text`` is an ISO 8601 day or moment (``2024-10-18``, ``2024-10-18T21:30:00Z``)."""
    import datetime as dt

    if len(text) <= 10:
        return _is_iso_date(text)
    if not _is_iso_date(text[:10]) or text[10] != "T" or len(text) > 40:
        return False
    try:
        dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _is_iso_date(text: str) -> bool:
    """Whether ``text`` is a real calendar day written ``YYYY-MM-DD``."""
    import datetime as dt

    if not _ISO_DATE.fullmatch(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True
