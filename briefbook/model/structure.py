"""Structure edits on a brief's section tree, as plain functions on the model (no Qt).

The window's undo commands call these; they are kept apart from the widgets so
that moving, promoting and demoting sections can be tested without a screen. A
section is named by its model path (``("sections", 0, "sections", 1)``); each edit
returns the path the moved or new section has afterwards, or ``None`` when the
edit is not possible there (first section cannot move up, level 3 cannot go
deeper), so the caller can keep it selected.
"""

from __future__ import annotations

from briefbook.markup import footnote_refs
from briefbook.model.address import Address
from briefbook.model.brief import Brief, Section
from briefbook.model.outline import MAX_LEVEL, Path, iter_texts, resolve


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
