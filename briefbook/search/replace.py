"""Replacing matches without breaking the markup around them.

A match is a stretch of printed characters; between them the source may hold markup
(``**``, a link's brackets). Replacing edits only printed characters: the replacement,
escaped with the one serializer's :func:`~briefbook.markup.escape` so that it prints as
typed, goes where the match's first character was, and the match's other characters
are deleted where they are, so every delimiter, link address and footnote reference
stays — ``**Mark** Rutte`` with "Mark Rutte" replaced by "M. Rutte" becomes
``**M. Rutte**``: the replacement takes the formatting of the match's first character,
as in Word. Bold or italic delimiters (or a link) left wrapping nothing are removed
with the text they wrapped, so deleting a bold word leaves no stray ``****``.

Every replacement is checked by parsing the result: the text must print as before
with the match replaced, every other character with its formatting, every footnote
reference in place. A replacement that would print otherwise (a leading space just
inside ``**`` ends the bold) is not made; it is reported as :class:`Skip` with the
reason, and the other matches are replaced. In a body, the changed texts are put back
into the body's typed lines, and the body is read back to check that its blocks are
the ones expected (a paragraph whose new text starts with "- " is guarded so that it
does not become a bullet).
"""

from __future__ import annotations

import re
from collections import defaultdict

from briefbook.markup import BREAK, DESTINATION, EMPHASIS, ESCAPE, FOOTNOTE, LINK_OPEN, SPACE, TEXT, Piece, escape, scan
from briefbook.model import Address, Brief
from briefbook.model.bodytext import from_text, line_paths, paragraph_line, parse_line
from briefbook.model.brief import Section, body_text
from briefbook.model.outline import iter_block_texts
from briefbook.record import Record, Value
from briefbook.search.find import Hit, Place, matches_in, places
from briefbook.search.query import Matcher


class Edit(Value):
    """One match as it will be replaced, for the list the analyst confirms: printed text around it,
    the match and what it becomes."""

    __slots__ = FIELDS = ("address", "before", "old", "new", "after")

    def __init__(self, address: Address, before: str, old: str, new: str, after: str) -> None:
        self.address = address
        self.before = before
        self.old = old
        self.new = new
        self.after = after


class Skip(Value):
    """A match left as it is, and why."""

    __slots__ = FIELDS = ("address", "matched", "reason")

    def __init__(self, address: Address, matched: str, reason: str) -> None:
        self.address = address
        self.matched = matched
        self.reason = reason


class TextChange(Value):
    """A value of the brief set to a new text: a body's typed text (at the body's address) or a field."""

    __slots__ = FIELDS = ("value", "old", "new")

    def __init__(self, value: Address, old: str, new: str) -> None:
        self.value = value
        self.old = old
        self.new = new


class Plan(Record):
    """What a Replace or Replace All will do: the values it sets, each match's edit, the matches it leaves."""

    __slots__ = FIELDS = ("changes", "edits", "skipped")

    def __init__(self, changes: list[TextChange] | None = None, edits: list[Edit] | None = None,
                 skipped: list[Skip] | None = None) -> None:
        self.changes: list[TextChange] = [] if changes is None else changes
        self.edits: list[Edit] = [] if edits is None else edits
        self.skipped: list[Skip] = [] if skipped is None else skipped


_FORMATTING_CHANGED = "the formatting around it would change (a space just inside bold or italic, say)"


# -- one text --------------------------------------------------------------------------------------

def _look(piece: Piece) -> tuple[bool, bool, str | None]:
    return piece.bold, piece.italic, piece.href


def _merged(runs: list[tuple[object, str]]) -> list[tuple[object, str]]:
    """Neighbouring runs of one look as one run (empty runs dropped, footnote marks kept)."""
    out: list[tuple[object, str]] = []
    for look, text in runs:
        if not text and not (isinstance(look, tuple) and look and look[0] == "footnote"):
            continue
        if out and out[-1][0] == look and text:
            out[-1] = (look, out[-1][1] + text)
        else:
            out.append((look, text))
    return out


def _printed_runs(pieces: tuple[Piece, ...]) -> list[tuple[object, str]]:
    """What prints, as runs of one formatting, footnote marks included."""
    runs: list[tuple[object, str]] = []
    for piece in pieces:
        if piece.kind in (TEXT, BREAK):
            runs.append((_look(piece), piece.text))
        elif piece.kind == FOOTNOTE:
            runs.append((("footnote", piece.text), ""))
    return _merged(runs)


def _expected_runs(pieces: tuple[Piece, ...], matches: list[tuple[int, int, str]]) -> list[tuple[object, str]] | None:
    """:func:`_printed_runs` once each match (source ``start``, ``end``, in order) prints as its text instead, with
    the formatting of its first character; ``None`` if a match holds a character that is not one for one with
    its source."""
    runs: list[tuple[object, str]] = []
    placed: set[int] = set()
    first = 0  # the first match that may still overlap a piece
    for piece in pieces:
        if piece.kind == FOOTNOTE:
            runs.append((("footnote", piece.text), ""))
            continue
        if piece.kind not in (TEXT, BREAK):
            continue
        look = _look(piece)
        while first < len(matches) and matches[first][1] <= piece.start:
            first += 1
        overlapping = []
        k = first
        while k < len(matches) and matches[k][0] < piece.end:
            overlapping.append(k)
            k += 1
        if not overlapping:
            runs.append((look, piece.text))
            continue
        if piece.kind == TEXT and piece.end - piece.start != len(piece.text):
            return None
        cursor = piece.start
        for k in overlapping:
            start, end, printed = matches[k]
            if piece.kind == TEXT and start > cursor:
                runs.append((look, piece.text[cursor - piece.start:start - piece.start]))
            if k not in placed:
                runs.append((look, printed))
                placed.add(k)
            cursor = max(cursor, min(end, piece.end))
        if piece.kind == TEXT:
            runs.append((look, piece.text[cursor - piece.start:]))
    return _merged(runs)


def _deletions(pieces: tuple[Piece, ...], start: int, end: int) -> tuple[list[tuple[int, int]], list[int]]:
    """The source ranges to delete for a match at ``start:end``, and the indexes of the pieces it prints in."""
    ranges: list[tuple[int, int]] = []
    touched: list[int] = []
    for index, piece in enumerate(pieces):
        if piece.end <= start or piece.start >= end or piece.kind not in (TEXT, BREAK):
            continue
        touched.append(index)
        whole = piece.kind == BREAK or (start <= piece.start and piece.end <= end)
        ranges.append((piece.start, piece.end) if whole else (max(start, piece.start), min(end, piece.end)))
        neighbours = (index - 1, index + 1) if piece.kind == BREAK else (index - 1,)
        if whole:
            for other in neighbours:  # the backslash of an escape, the spaces around a line break
                if 0 <= other < len(pieces) and pieces[other].kind in (ESCAPE, SPACE):
                    ranges.append((pieces[other].start, pieces[other].end))
    return ranges, touched


def _emptied(pieces: tuple[Piece, ...], deleted: list[tuple[int, int]], insert_at: int, inserting: bool) -> list[int]:
    """Delimiters and link markup that would wrap nothing once the match is replaced (indexes of their pieces)."""
    def gone(piece: Piece) -> bool:
        return any(a <= piece.start and piece.end <= b for a, b in deleted)

    out: list[int] = []
    for index, piece in enumerate(pieces):
        if not piece.opening or piece.partner < 0 or piece.kind not in (EMPHASIS, LINK_OPEN):
            continue
        closer = pieces[piece.partner]
        inside = [p for p in pieces[index + 1:piece.partner] if p.kind in (TEXT, BREAK, FOOTNOTE)]
        if not inside or not all(p.kind != FOOTNOTE and gone(p) for p in inside):
            continue
        if inserting and piece.end <= insert_at <= closer.start:
            continue  # the replacement goes inside it
        out += [index, piece.partner]
        after = piece.partner + 1
        if piece.kind == LINK_OPEN and after < len(pieces) and pieces[after].kind == DESTINATION:
            out.append(after)
    return out


def _apply(text: str, ranges: list[tuple[int, int]], inserts: list[tuple[int, str]]) -> str:
    """``text`` with the source ``ranges`` deleted and each ``(position, text)`` of ``inserts`` put in, in order."""
    cuts: list[list[int]] = []
    for a, b in sorted(ranges):
        if cuts and a <= cuts[-1][1]:
            cuts[-1][1] = max(cuts[-1][1], b)
        else:
            cuts.append([a, b])
    inserts = sorted(inserts, key=lambda item: item[0])
    out: list[str] = []
    position = next_insert = 0
    for a, b in cuts:
        while next_insert < len(inserts) and inserts[next_insert][0] <= a:
            at = max(inserts[next_insert][0], position)
            out += [text[position:at], inserts[next_insert][1]]
            position = at
            next_insert += 1
        out.append(text[position:max(a, position)])
        position = max(position, b)
    for at, inserted in inserts[next_insert:]:
        at = max(at, position)
        out += [text[position:at], inserted]
        position = at
    out.append(text[position:])
    return "".join(out)


def _edit(pieces: tuple[Piece, ...], start: int, end: int,
          printed: str) -> tuple[list[tuple[int, int]], tuple[int, str]] | None:
    """The source ranges to delete for one match — its printed characters, and delimiters or a link that
    would wrap nothing once it is replaced — and where its escaped replacement goes."""
    deleted, touched = _deletions(pieces, start, end)
    if not touched:
        return None
    insert_at = min(a for a, _ in deleted)
    deleted += [(pieces[i].start, pieces[i].end) for i in _emptied(pieces, deleted, insert_at, bool(printed))]
    return deleted, (insert_at, escape(printed))


_MARKUP = frozenset("*_[]\\\n\r\x00\u2028")


def replace_marked(text: str, start: int, end: int, printed: str) -> str | None:
    """``text`` with the source characters ``start:end`` (a match) printing as ``printed`` instead, the
    markup kept; ``None`` when no such edit prints as intended (see the module docstring)."""
    return replace_all_marked(text, [(start, end, printed)])


def replace_all_marked(text: str, matches: list[tuple[int, int, str]]) -> str | None:
    """``text`` with every match (source ``start``, ``end``, in order, each with its new printed text) replaced
    at once, or ``None`` when the result would not print as intended (then :func:`replace_marked` takes them
    one by one). Two parses whatever the number of matches: a common word in a long bullet costs no more."""
    if not (_MARKUP & set(text)) and not any(_MARKUP & set(printed) for _, _, printed in matches):
        out, position = [], 0  # nothing in the text is markup: the escaped words go straight in
        for start, end, printed in matches:
            out += [text[position:start], escape(printed)]
            position = end
        return "".join(out) + text[position:]
    pieces = scan(text)
    expected = _expected_runs(pieces, matches)
    if expected is None:
        return None
    ranges: list[tuple[int, int]] = []
    inserts: list[tuple[int, str]] = []
    for start, end, printed in matches:
        edit = _edit(pieces, start, end, printed)
        if edit is None:
            return None
        ranges += edit[0]
        inserts.append(edit[1])
    new = _apply(text, ranges, inserts)
    return new if _printed_runs(scan(new)) == expected else None


def _replace_in_place(place: Place, pairs: list[tuple[Hit, re.Match[str]]], matcher: Matcher, replacement: str,
                      plan: Plan) -> str | None:
    """The new text of one place with the matches ``pairs`` replaced (last first), recording edits and
    skips in ``plan``; ``None`` if nothing changed."""
    text = place.text
    edits: list[Edit] = []
    wanted = [(hit, matcher.expand(match, replacement)) for hit, match in pairs]
    if place.marked and len(wanted) > 1:
        at_once = replace_all_marked(text, [(hit.start, hit.end, printed) for hit, printed in wanted])
        if at_once is not None:
            for hit, printed in wanted:
                before, old, after = hit.context()
                plan.edits.append(Edit(place.address, before, old, printed.replace("\n", " ⏎ "), after))
            return at_once
    for hit, printed in reversed(wanted):
        if place.marked:
            new = replace_marked(text, hit.start, hit.end, printed)
        else:
            new = text[:hit.start] + printed + text[hit.end:]
        if new is None:
            plan.skipped.append(Skip(place.address, hit.matched, _FORMATTING_CHANGED))
            continue
        before, old, after = hit.context()
        edits.append(Edit(place.address, before, old, printed.replace("\n", " ⏎ "), after))
        text = new
    plan.edits.extend(reversed(edits))
    return text if edits else None


# -- bodies and the brief ------------------------------------------------------------------------------

def _body_owner(brief: Brief, body: Address) -> Brief | Section | None:
    if body.area == "takeaways":
        return brief
    owner = body.section_address.resolve(brief) if body.section_address else None
    return owner if isinstance(owner, Section) else None


def _new_body(old: str, blocks: dict[tuple, tuple[str, str]]) -> str | None:
    """The body's typed text with the texts of some blocks (by path suffix: old text, new text) replaced,
    or ``None`` when the lines would not read back as those blocks."""
    lines = old.split("\n")
    paths = line_paths(old)
    if len(paths) != len(lines):
        return None
    for index, (raw, suffix) in enumerate(zip(lines, paths, strict=True)):
        if suffix is None or suffix not in blocks:
            continue
        line = parse_line(raw)
        was, now = blocks[suffix]
        if line.text.replace("\u2028", "\n") != was:
            return None
        if line.kind == "paragraph":
            lines[index] = raw[:line.indent] + paragraph_line(now)
        else:
            lines[index] = raw[:line.text_start] + now.replace("\n", "\u2028")
    new = "\n".join(lines)
    expected = {suffix: now for suffix, (_, now) in blocks.items()}
    for place in iter_block_texts(from_text(new), ()):
        if place.path in expected and expected.pop(place.path) != place.text:
            return None
    return new if not expected else None


def _plan(brief: Brief, matcher: Matcher, replacement: str, only: Hit | None) -> Plan:
    plan = Plan()
    matcher.start()
    bodies: dict[Address, dict[tuple, tuple[str, str]]] = defaultdict(dict)
    body_edits: dict[Address, list[Edit]] = defaultdict(list)
    for place in places(brief):
        if not place.text or (only is not None and place.address != only.address):
            continue
        pairs = matches_in(place, matcher)
        if only is not None:
            pairs = [(hit, match) for hit, match in pairs if (hit.start, hit.end) == (only.start, only.end)]
            if not pairs:
                plan.skipped.append(Skip(place.address, only.matched, "the text has changed since it was found"))
                return plan
        if not pairs:
            continue
        edits_before = len(plan.edits)
        new = _replace_in_place(place, pairs, matcher, replacement, plan)
        if new is None:
            continue
        suffix = place.address.block_suffix
        if suffix:
            bodies[place.address.body][tuple(suffix)] = (place.text, new)
            body_edits[place.address.body].extend(plan.edits[edits_before:])
        else:
            plan.changes.append(TextChange(place.address, place.text, new))
    for body, blocks in bodies.items():
        owner = _body_owner(brief, body)
        old = body_text(owner) if owner is not None else None
        new = _new_body(old, blocks) if old is not None else None
        if new is None:
            for edit in body_edits[body]:
                plan.edits.remove(edit)
                plan.skipped.append(Skip(edit.address, edit.old, "the lines of the text would read differently"))
            continue
        plan.changes.append(TextChange(body, old, new))
    return plan


def plan_replace_all(brief: Brief, matcher: Matcher, replacement: str) -> Plan:
    """What Replace All would do with every match in the brief; nothing is changed yet. Raises ``QueryError``."""
    return _plan(brief, matcher, replacement, None)


def plan_replace(brief: Brief, matcher: Matcher, replacement: str, hit: Hit) -> Plan:
    """What replacing the one match ``hit`` would do (skipped if its text changed since it was found)."""
    return _plan(brief, matcher, replacement, hit)
