"""Structure edits on a brief's section tree, as plain functions on the model (no Qt).

The window's undo commands call these; they are kept apart from the widgets so
that moving, promoting and demoting sections can be tested without a screen. A
section is named by its model path (``("sections", 0, "sections", 1)``); each edit
returns the path the moved or new section has afterwards, or ``None`` when the
edit is not possible there (first section cannot move up, level 3 cannot go
deeper), so the caller can keep it selected.
"""

from __future__ import annotations

import re
import unicodedata

from briefbook.markup import FOOTNOTE_ID, TEXT, footnote_refs, scan
from briefbook.model.address import Address
from briefbook.model.body import body_text, set_body_text
from briefbook.model.bodytext import parse_line
from briefbook.model.brief import Brief, Section
from briefbook.model.outline import MAX_LEVEL, Path, iter_sections, iter_texts, resolve


def level_of(path: Path) -> int:
    return Address.of(path).level


def siblings(brief: Brief, path: Path) -> list[Section]:
    """The list the section at ``path`` sits in."""
    found = resolve(brief, path[:-1])
    if not isinstance(found, list):
        raise KeyError(path)
    return found


def depth(section: Section) -> int:
    """Levels the section spans with its sub-sections (1 for a section without any)."""
    return 1 + max((depth(child) for child in section.sections), default=0)


def add_section(brief: Brief, after: Path | None, title: str, child: bool = False) -> Address:
    """Add a section after ``after`` (or at the end), or as its last sub-section when ``child``."""
    section = Section(title=title)
    if after is None:
        brief.sections.append(section)
        return Address.section(len(brief.sections) - 1)
    after = Address.of(after)
    if child and after.level < MAX_LEVEL:
        parent: Section = resolve(brief, after)
        parent.sections.append(section)
        return after.child("sections", len(parent.sections) - 1)
    siblings(brief, after).insert(after.index + 1, section)
    return after.sibling(after.index + 1)


def delete_section(brief: Brief, path: Path) -> Address | None:
    """Remove a section with its sub-sections; returns the address to select next, if any."""
    path = Address.of(path)
    items = siblings(brief, path)
    del items[path.index]
    if items:
        return path.sibling(min(path.index, len(items) - 1))
    return path.parent_section or None


def move(brief: Brief, path: Path, step: int) -> Address | None:
    """Swap a section with its neighbour among its siblings (``step`` -1 up, +1 down)."""
    path = Address.of(path)
    items = siblings(brief, path)
    index, target = path.index, path.index + step
    if not 0 <= target < len(items):
        return None
    items[index], items[target] = items[target], items[index]
    return path.sibling(target)


def can_demote(brief: Brief, path: Path) -> bool:
    """Whether :func:`demote` would succeed, without changing anything."""
    index = path[-1]
    return index > 0 and level_of(path) + depth(siblings(brief, path)[index]) <= MAX_LEVEL


def demote(brief: Brief, path: Path) -> Address | None:
    """Make a section the last sub-section of the one before it (I. → A.), within three levels."""
    if not can_demote(brief, path):
        return None
    index = path[-1]
    items = siblings(brief, path)
    previous = items[index - 1]
    previous.sections.append(items.pop(index))
    return Address.of(path).sibling(index - 1).child("sections", len(previous.sections) - 1)


def promote(brief: Brief, path: Path) -> Address | None:
    """Move a sub-section up one level, right after its parent (A. → II.)."""
    path = Address.of(path)
    if path.level <= 1:
        return None
    parent = path.parent_section
    section = siblings(brief, path).pop(path.index)
    siblings(brief, parent).insert(parent.index + 1, section)
    return parent.sibling(parent.index + 1)


def can_move_to(brief: Brief, path: Path, parent: Path, index: int) -> bool:
    """Whether ``move_to`` would succeed: not into itself, not deeper than three levels."""
    if parent[: len(path)] == path:
        return False
    section = resolve(brief, path)
    target_list = brief.sections if not parent else getattr(resolve(brief, parent), "sections", None)
    if section is None or target_list is None or not 0 <= index <= len(target_list):
        return False
    return level_of(parent) + depth(section) <= MAX_LEVEL


def move_to(brief: Brief, path: Path, parent: Path, index: int) -> Address | None:
    """Move a section to position ``index`` among the sub-sections of ``parent`` (``()`` = top level).

    ``index`` counts positions in the list as it is before the move, as a drop
    indicator in the outline shows them.
    """
    if not can_move_to(brief, path, parent, index):
        return None
    section = siblings(brief, path).pop(path[-1])
    same_list = path[:-1] == (*parent, "sections")
    if same_list and path[-1] < index:
        index -= 1
    # removing the section may shift the parent's own index when it came earlier in a shared list
    parent = _shift_after_removal(parent, path)
    target = brief.sections if not parent else resolve(brief, parent).sections
    target.insert(index, section)
    return Address.of(parent).child("sections", index)


def _shift_after_removal(other: Path, removed: Path) -> Path:
    """``other``'s path once the section at ``removed`` is gone."""
    prefix = removed[:-1]
    if len(other) > len(prefix) and other[: len(prefix)] == prefix and other[len(prefix)] > removed[-1]:
        return (*prefix, other[len(prefix)] - 1, *other[len(prefix) + 1:])
    return other


def new_footnote_id(brief: Brief) -> str:
    """The first free id of the form ``fn1``, ``fn2``… (neither defined nor referenced)."""
    used = set(brief.footnotes)
    for place in iter_texts(brief):
        used.update(ref.id for ref in footnote_refs(place.text))
    number = 1
    while f"fn{number}" in used:
        number += 1
    return f"fn{number}"


#: Words left out of an id made from text: they name nothing (English and French).
_FILLER = frozenset(("a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the",
                     "to", "with", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "ou",
                     "par", "pour", "sur", "un", "une"))
#: How many words an id made from text keeps, and how long it may be.
ID_WORDS, ID_LENGTH = 3, 40
_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE_END = re.compile(r"[.!?;:]\s")


def used_footnote_ids(brief: Brief) -> set[str]:
    """Every footnote id of the brief: defined, or referenced in its texts."""
    used = set(brief.footnotes)
    for place in iter_texts(brief):
        if "[^" in place.text:
            used.update(ref.id for ref in footnote_refs(place.text))
    return used


def printed_text(text: str, start: int = 0, end: int | None = None) -> str:
    """What the source characters ``start`` to ``end`` of a marked-up text print (no markup, no ids)."""
    end = len(text) if end is None else end
    return "".join(piece.text[max(0, start - piece.start):max(0, end - piece.start)]
                   for piece in scan(text) if piece.kind == TEXT and piece.start < end and piece.end > start)


def footnote_id_from_text(brief: Brief, words: str, before: bool = True, used: set[str] | None = None) -> str:
    """An id for a new footnote, made from the words it is about, and unique in the brief.

    ``words`` is what prints before the reference (``before``: its last sentence's last
    words are used) or the selection it follows (its first words). ``"the 2024 Washington
    Summit"`` gives ``2024-washington-summit``; a second one ``2024-washington-summit-2``.
    With no word to use, the id is ``fn1``, ``fn2``…

    ``used``, when given, are the ids taken (the brief is not searched for them): a caller
    naming many footnotes at once (an import) keeps the set and adds each id it is given.
    """
    if before:
        words = _SENTENCE_END.split(words)[-1]
    folded = unicodedata.normalize("NFKD", words.casefold())
    found = [w for w in _WORD.findall("".join(c for c in folded if not unicodedata.combining(c)))
             if w not in _FILLER and (len(w) > 1 or w.isdigit())]  # not the s of NATO's
    chosen = found[-ID_WORDS:] if before else found[:ID_WORDS]
    stem = "-".join(chosen)[:ID_LENGTH].strip("-")
    if not stem and used is None:
        return new_footnote_id(brief)
    if not stem:
        stem, number = "fn", len(used) + 1
        while f"fn{number}" in used:
            number += 1
        return f"fn{number}"
    used = used_footnote_ids(brief) if used is None else used
    fid, number = stem, 2
    while fid in used:
        fid, number = f"{stem}-{number}", number + 1
    return fid


class FootnoteIdError(ValueError):
    """A footnote cannot take the id asked for; the message says why, in the analyst's words."""


def footnote_id_problem(brief: Brief, old: str, new: str) -> str | None:
    """Why footnote ``old`` cannot be renamed ``new``, or None when it can."""
    if not FOOTNOTE_ID.fullmatch(new):
        return (f"\u201c{new}\u201d cannot be a footnote id: use letters, digits, \u201c-\u201d, \u201c_\u201d "
                "or \u201c.\u201d, starting with a letter or digit, without spaces (at most 64 characters).")
    if new != old and new in used_footnote_ids(brief):
        return f"The brief already has a footnote \u201c{new}\u201d: choose another id."
    return None


def _renamed(text: str, old: str, new: str) -> str:
    """``text`` with each ``[^old]`` reference (as the inline parser reads it) naming ``new``."""
    if "[^" not in text:
        return text
    spans = [(ref.start, ref.end) for ref in footnote_refs(text) if ref.id == old]
    for start, end in reversed(spans):
        text = text[:start] + f"[^{new}]" + text[end:]
    return text


def _renamed_body(text: str, old: str, new: str) -> str:
    """A body's typed text with its references renamed, line by line (markers and indents left alone)."""
    if f"[^{old}" not in text:
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines):
        start = parse_line(line).text_start
        lines[number] = line[:start] + _renamed(line[start:], old, new)
    return "\n".join(lines)


def rename_footnote(brief: Brief, old: str, new: str) -> Address | None:
    """Give footnote ``old`` the id ``new``: its text, and every ``[^old]`` of the brief, in place.

    Raises :class:`FootnoteIdError` when ``new`` is not a valid id or is taken; returns
    None when there is nothing to do (the same id). The footnote keeps its place in the file.
    """
    problem = footnote_id_problem(brief, old, new)
    if problem:
        raise FootnoteIdError(problem)
    if new == old:
        return None
    brief.meta.title = _renamed(brief.meta.title, old, new)
    for owner in (brief, *(entry.section for entry in iter_sections(brief))):
        if owner is not brief:
            owner.title = _renamed(owner.title, old, new)
        text = body_text(owner)
        renamed = _renamed_body(text, old, new)
        if renamed != text:  # a body without the reference keeps its blocks as they are
            set_body_text(owner, renamed)
    brief.footnotes = {new if fid == old else fid: _renamed(text, old, new) for fid, text in brief.footnotes.items()}
    for note in brief.notes:  # a reviewer's note on the footnote stays on it
        if note.on == f"footnotes/{old}":
            note.on = f"footnotes/{new}"
    return Address.footnotes()


def set_value(brief: Brief, path: Path, value: object) -> None:
    """Set the field, list item or footnote at ``path`` (``("meta", "title")``, ``("footnotes", "fn1")``)."""
    owner = resolve(brief, path[:-1])
    key = path[-1]
    if owner is None:
        raise KeyError(path)
    if isinstance(owner, dict) and value is None:
        owner.pop(key, None)  # a footnote that had no text before it was first typed
    elif isinstance(owner, (dict, list)):
        owner[key] = value
    else:
        setattr(owner, key, value)


def get_value(brief: Brief, path: Path) -> object:
    return resolve(brief, path)
