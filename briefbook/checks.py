"""Checks on the brief model: what would print wrongly, or not at all.

These run on every load and whenever the editor wants them, and know nothing about
files: each problem names its place by :class:`~briefbook.model.address.Address`; the
file format turns the address into a line, the editor into a widget.

Errors are what cannot be exported faithfully (a footnote reference with nothing to
print, a fourth section level, a language the template has no proofing for, characters
Word cannot hold). Warnings are what is probably a slip (an empty section, a footnote
nobody refers to, a reference number not in the Assembly's pattern) but may be meant,
and a brief or section longer than its budget (counted by :mod:`briefbook.counts`).
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from time import perf_counter
from typing import TYPE_CHECKING

from briefbook.markup import FOOTNOTE_ID, footnote_refs
from briefbook.model import (
    MAX_LEVEL,
    Address,
    Brief,
    Budget,
    Bullet,
    BulletList,
    Heading,
    Paragraph,
    Section,
    iter_notes,
    iter_sections,
    iter_texts,
    section_label,
)
from briefbook.problems import Problem, error, warning
from briefbook.record import Value

if TYPE_CHECKING:
    from briefbook.counts import BriefCounts

#: The reference number: three-digit serial, series code, two-digit year, language
#: letter, then optional suffixes such as ``rev.1`` or ``fin`` (``182 SPE 24 E``,
#: ``025 DSC 24 E rev.1 fin``).
REFERENCE = re.compile(r"(?P<serial>\d{3}) (?P<series>[A-Z]+) (?P<year>\d{2}) (?P<letter>[A-Z])"
                       r"(?P<suffixes>(?: [a-z]+(?:\.\d+)?)*)")

#: The reference's language letter for each language Briefbook knows.
LANGUAGE_LETTERS = {"en": "E", "fr": "F"}

#: Characters neither YAML nor a Word document (XML 1.0) can hold as typed: C0 controls
#: other than tab, line feed and carriage return, DEL, C1 controls other than NEL,
#: surrogates, U+FFFE/U+FFFF, and the byte-order mark inside text.
BAD_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")

#: Bullets deeper than this print in the third level's style.
MAX_BULLET_DEPTH = 3


def describe_character(char: str) -> str:
    """Why a character from :data:`BAD_CHARACTERS` is refused, in a user's words."""
    code = f"U+{ord(char):04X}"
    if char == "\ufeff":
        return f"invisible character {code} (byte-order mark / zero-width no-break space) is not allowed; delete it"
    if "\ud800" <= char <= "\udfff":
        return f"broken character {code} (a lone surrogate) is not allowed; delete it"
    return (f"invisible control character {code} is not allowed: Word documents cannot hold it "
            "(it often comes with text pasted from other programs); delete it")


#: Of :data:`BAD_CHARACTERS`, those that stand for a character that was there but is
#: broken (half of a surrogate pair, a non-character): replaced, so the place shows.
_BROKEN_CHARACTERS = re.compile("[\ud800-\udfff\ufffe\uffff]")
REPLACEMENT_CHARACTER = "\ufffd"


class CleanedText(Value):
    """Text as it may enter a brief, and what had to be done to it (see :func:`clean_text`)."""

    __slots__ = FIELDS = ("text", "replaced", "removed", "first")

    def __init__(self, text: str, replaced: int = 0, removed: int = 0, first: str = "") -> None:
        self.text = text
        self.replaced = replaced  #: broken characters turned into U+FFFD
        self.removed = removed  #: invisible characters dropped
        self.first = first  #: the first character that was turned away, to name it

    @property
    def changed(self) -> bool:
        return bool(self.replaced or self.removed)

    def notice(self, what: str) -> str:
        """A status-bar sentence: ``what`` (say, "Pasted text") and what was done, or "" if nothing was."""
        if not self.changed:
            return ""
        done = []
        if self.replaced:
            done.append(f"{_count(self.replaced, 'broken character')} replaced with {REPLACEMENT_CHARACTER}")
        if self.removed:
            done.append(f"{_count(self.removed, 'invisible control character')} removed")
        return (f"{what}: {' and '.join(done)} (first U+{ord(self.first):04X}); "
                "a brief cannot be saved or exported with them")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def clean_text(text: str) -> CleanedText:
    """``text`` without the characters a brief cannot hold (:data:`BAD_CHARACTERS`).

    Text arriving from outside — pasted, typed through an input method, dropped —
    may carry characters that would make the next save or export fail, or the file
    refuse to open again. They are turned away at the door: broken ones (lone
    surrogates, U+FFFE, U+FFFF) become U+FFFD, so the analyst sees where something
    was lost; invisible controls and the byte-order mark are dropped. One search
    when there is nothing to do, one pass when there is.
    """
    first = BAD_CHARACTERS.search(text)
    if first is None:
        return CleanedText(text)
    replaced = removed = 0
    out: list[str] = []
    last = 0
    for match in BAD_CHARACTERS.finditer(text, first.start()):
        out.append(text[last:match.start()])
        if _BROKEN_CHARACTERS.match(match.group()):
            out.append(REPLACEMENT_CHARACTER)
            replaced += 1
        else:
            removed += 1
        last = match.end()
    out.append(text[last:])
    return CleanedText("".join(out), replaced, removed, first.group())


def check(brief: Brief, counts: BriefCounts | None = None) -> list[Problem]:
    """Every problem of the brief, in document order. Pure: reads the model only.

    ``counts`` are the brief's counts as the editor keeps them, so that a budget check
    after a keystroke counts only the section typed in; without them the brief is
    counted afresh, and only when it sets a budget.
    """
    run = CheckRun(brief, counts)
    run.step(float("inf"))
    return run.problems or []


class CheckRun:
    """The checks of one state of the brief, run a part at a time.

    The editor checks after each pause in typing; at a hundred times the sample the
    whole check takes tens of milliseconds, so it runs in turns of a few, and a key
    typed meanwhile waits for one turn at most. The brief must not change between
    turns: an edit abandons the run and a new one starts (the editor does this).
    """

    def __init__(self, brief: Brief, counts: BriefCounts | None = None) -> None:
        self._steps = _checking(brief, counts)
        #: Every problem, in document order, once :meth:`step` has returned True.
        self.problems: list[Problem] | None = None

    def step(self, budget: float) -> bool:
        """Check for about ``budget`` seconds; whether the checks are done."""
        deadline = perf_counter() + budget
        try:
            while True:
                next(self._steps)
                if perf_counter() >= deadline:
                    return False
        except StopIteration as done:
            self.problems = done.value
            return True


#: Texts handled between two chances to pause (a few hundred microseconds' work).
_TEXTS_PER_STEP = 200


def _checking(brief: Brief, counts: BriefCounts | None) -> Generator[None, None, list[Problem]]:
    """:func:`check`'s work, yielding between parts of it."""
    texts: list[tuple[Address, str]] = []
    for place in iter_texts(brief):
        texts.append((Address.of(place.path), place.text))
        if len(texts) % _TEXTS_PER_STEP == 0:
            yield
    problems: list[Problem] = [*_meta(brief), *budget_problems(brief, counts)]
    yield
    problems.extend(_blocks(brief.takeaways, Address.takeaways()))
    for index, section in enumerate(brief.sections):
        problems.extend(_section(section, index, Address(), 1))
        yield
    referenced: set[str] = set()
    for chunk in _chunks(texts):
        problems.extend(_references(brief, chunk, referenced))
        yield
    problems.extend(_footnote_problems(brief, referenced))
    problems.extend(_sources(brief))
    yield
    for chunk in _chunks([*texts, *_other_texts(brief)]):
        problems.extend(_characters(chunk))
        yield
    yield from _note_steps(brief, problems)
    return sorted(problems, key=_document_order(brief))


def _chunks(texts: list[tuple[Address, str]]) -> Iterator[list[tuple[Address, str]]]:
    for start in range(0, len(texts), _TEXTS_PER_STEP):
        yield texts[start:start + _TEXTS_PER_STEP]


def note_problems(brief: Brief) -> Iterator[Problem]:
    """A warning for each reviewer's note whose words are no longer in its text, or whose text is gone."""
    found: list[Problem] = []
    for _ in _note_steps(brief, found):
        pass
    return iter(found)


#: Notes looked for between two chances to pause (each is a search of its text).
_NOTES_PER_STEP = 20


def _note_steps(brief: Brief, found: list[Problem]) -> Iterator[None]:
    """:func:`note_problems`' work, putting its warnings in ``found`` and yielding between parts of it."""
    if not brief.notes and not any(entry.section.notes for entry in iter_sections(brief)):
        return
    from briefbook.model.notes import notes_of, owner_of
    from briefbook.notes import locate, typed_text

    places: dict[tuple, dict[int, int]] = {}  # by owner: each note's place in its owner's list
    for count, (address, note) in enumerate(iter_notes(brief), 1):
        owner, _ = owner_of(address)
        mine = places.get(tuple(owner))
        if mine is None:
            mine = places[tuple(owner)] = {id(n): i for i, n in enumerate(notes_of(brief, owner))}
        where = Address((*owner, "notes", mine[id(note)]))
        who = f" by {note.author}" if note.author else ""
        if typed_text(brief, address) is None:
            found.append(warning(f"a note{who} is on {_note_target(note)}, which the brief no longer has", where))
        elif note.quote and locate(brief, address, note) is None:
            found.append(warning(f"a note{who} was on the words “{_short(note.quote)}”, which are no longer "
                                 "there: it is kept on the whole text", where))
        if count % _NOTES_PER_STEP == 0:
            yield


def _note_target(note) -> str:
    head, _, rest = note.on.partition("/")
    return f"footnote [^{rest}]" if head == "footnotes" else f"the cover's {rest}" if head == "meta" else note.on


def budget_problems(brief: Brief, counts: BriefCounts | None = None) -> Iterator[Problem]:
    """A warning for the brief, and for each section, longer than its budget, at the budget's place."""
    budgeted = [entry for entry in iter_sections(brief) if entry.section.budget]
    if not brief.budget and not budgeted:
        return
    from briefbook.counts import BriefCounts, page_share

    counts = counts or BriefCounts()
    if brief.budget:
        totals = counts.totals(brief)
        yield from _over(brief.budget, "the brief", totals.body.words, totals.pages, Address(("budget",)))
    for entry in budgeted:
        address = Address(entry.path)
        count = counts.section(brief, address)
        yield from _over(entry.section.budget, f"section {entry.label.rstrip('.')} '{_short(entry.section.title)}'",
                         count.words, page_share(counts.metrics, count), address.child("budget"))


def _over(budget: Budget, who: str, words: int, pages: float, path: Address) -> Iterator[Problem]:
    if budget.words is not None and words > budget.words:
        yield warning(f"{who} is {words:,} words; its budget is {budget.words:,}", path.child("words"))
    if budget.pages is not None and pages > budget.pages:
        shown = f"{pages:g}" if isinstance(pages, int) or pages >= 10 else f"{pages:.1f}"
        yield warning(f"{who} is about {shown} pages; its budget is {budget.pages:,} "
                      f"page{'' if budget.pages == 1 else 's'}", path.child("pages"))


def _meta(brief: Brief) -> Iterator[Problem]:
    meta = brief.meta
    from briefbook.languages import language_table

    table = language_table()
    if meta.language not in table:
        english = table.get("en").names
        known = ", ".join(f"{code} ({english.get(code, code)})" for code in table.languages)
        yield error(f"the language '{meta.language}' is not known; Briefbook knows {known}",
                    Address.cover("language"))
    yield from check_reference(meta.reference, meta.language)
    if not meta.title.strip():
        yield warning("the brief has no title", Address.cover("title"))


def check_reference(reference: str, language: str) -> Iterator[Problem]:
    """Warnings about the reference number; it is never refused, as new series appear."""
    path = Address.cover("reference")
    if not reference.strip():
        yield warning("the brief has no reference number yet (for example '182 SPE 24 E')", path)
        return
    match = REFERENCE.fullmatch(reference)
    if match is None:
        yield warning(f"the reference number '{reference}' does not follow the Assembly's pattern "
                      "'182 SPE 24 E': a three-digit serial, a series code in capitals, a two-digit year and "
                      "the language letter, separated by single spaces, then any suffixes such as 'rev.1' or "
                      "'fin'; check it", path)
        return
    letter = LANGUAGE_LETTERS.get(language)
    if letter and match["letter"] != letter:
        yield warning(f"the reference number ends in '{match['letter']}' but the brief's language is "
                      f"'{language}', whose letter is '{letter}'", path)


def _sections(sections: list[Section], parent: Address, level: int) -> Iterator[Problem]:
    for index, section in enumerate(sections):
        yield from _section(section, index, parent, level)


def _section(section: Section, index: int, parent: Address, level: int) -> Iterator[Problem]:
    """The problems of one section (the ``index``-th under ``parent``, at ``level``) and of those under it."""
    path = parent.child("sections", index)
    if level == MAX_LEVEL + 1:
        yield error(f"sections nest at most {MAX_LEVEL} levels deep (I. → A. → 1.); "
                    "move this section up a level or make it a heading", path)
    if not section.title.strip():
        yield warning("this section has no title", path.title)
    if not section.body and not section.sections:
        yield warning(f"the section {section_label(level, index + 1)} '{_short(section.title)}' is empty", path)
    yield from _blocks(section.body, path.body)
    yield from _sections(section.sections, path, level + 1)


def _blocks(blocks: list, body: Address) -> Iterator[Problem]:
    for index, block in enumerate(blocks):
        path = body.child(index)
        if isinstance(block, Paragraph) and not block.text.strip():
            yield warning("empty paragraph", path)
        elif isinstance(block, Heading) and not block.text.strip():
            yield warning("empty heading", path)
        elif isinstance(block, BulletList):
            if not block.items:
                yield warning("empty list of bullets", path)
            yield from _bullets(block.items, path.child("bullets"), 1)


def _bullets(bullets: list[Bullet], prefix: Address, depth: int) -> Iterator[Problem]:
    for index, bullet in enumerate(bullets):
        path = prefix.child(index)
        if not bullet.text.strip():
            yield warning("empty bullet", path)
        if bullet.children:
            if depth == MAX_BULLET_DEPTH:
                yield warning(f"bullets nest at most {MAX_BULLET_DEPTH} levels deep in the Assembly's style; "
                              "the sub-bullets of this one print at the third level", path)
            yield from _bullets(bullet.children, path.child("children"), depth + 1)


def _references(brief: Brief, texts: list[tuple[Address, str]], referenced: set[str]) -> Iterator[Problem]:
    """An error for each reference in ``texts`` to a footnote the brief lacks; adds each id to ``referenced``."""
    for path, text in texts:
        if "[^" not in text:
            continue
        for ref in footnote_refs(text):
            referenced.add(ref.id)
            if ref.id not in brief.footnotes:
                yield error(f"the footnote reference [^{ref.id}] has no footnote; add '{ref.id}:' under "
                            "'footnotes:' or correct the id", path)


def _footnote_problems(brief: Brief, referenced: set[str]) -> Iterator[Problem]:
    """The footnotes' own problems: a bad id, one never referenced (``referenced``: the ids the texts use), empty."""
    for fid, text in brief.footnotes.items():
        path = Address.footnotes(fid)
        if not FOOTNOTE_ID.fullmatch(fid):
            yield error(f"'{fid}' cannot be a footnote id: use letters, digits, '-', '_' or '.', "
                        "starting with a letter or digit, no spaces", path)
        elif fid not in referenced:
            yield warning(f"the footnote '{fid}' is never referenced, so it will not print; "
                          f"refer to it with [^{fid}] or delete it", path)
        if not text.strip():
            yield warning(f"the footnote '{fid}' is empty", path)


def _sources(brief: Brief) -> Iterator[Problem]:
    for index, source in enumerate(brief.sources):
        if not source.title.strip():
            yield warning("this source has no title", Address.sources(index, "title"))
        if source.url and not source.url.lower().startswith(("http://", "https://")):
            yield warning(f"the source's address '{source.url}' does not start with https:// or http://",
                          Address.sources(index, "url"))


def _other_texts(brief: Brief) -> Iterator[tuple[Address, str]]:
    """The texts :func:`iter_texts` leaves out: cover fields, footnotes (with their ids), sources."""
    meta = brief.meta
    for name in ("body", "event", "dates", "kind", "reference", "original", "issued", "language",
                 "website", "disclaimer"):
        yield Address.cover(name), getattr(meta, name)
    for fid, text in brief.footnotes.items():
        yield Address.footnotes(fid), fid + text
    for index, source in enumerate(brief.sources):
        for name in ("title", "url", "file"):
            yield Address.sources(index, name), getattr(source, name)


def _characters(texts: list[tuple[Address, str]]) -> Iterator[Problem]:
    """An error for each of ``texts`` holding a character a Word document cannot."""
    if not BAD_CHARACTERS.search("\n".join(text for _, text in texts)):
        return  # the usual case, found with one search
    for path, text in texts:
        match = BAD_CHARACTERS.search(text)
        if match:
            yield error(describe_character(match.group()), path)


#: Where each key's content comes among its siblings in a file (see the format's key order).
_KEY_RANK = {"meta": 0, "budget": 0.5, "takeaways": 1, "sections": 2, "footnotes": 3, "sources": 4,
             "title": 0, "body": 1, "bullets": 0, "children": 1, "url": 1, "file": 2}
_META_RANK = {name: rank for rank, name in enumerate(
    ("body", "event", "dates", "kind", "reference", "original", "issued", "language", "title", "website",
     "disclaimer", "toc"))}


def _document_order(brief: Brief):
    """A sort key putting addresses in the order their places appear in the file."""
    footnote_rank = {fid: rank for rank, fid in enumerate(brief.footnotes)}

    def key(problem: Problem) -> tuple[int, ...]:
        path = problem.path
        if not path:
            return ()
        area, rest = path.area, path[1:]
        ranks = [_KEY_RANK.get(area, 9)]
        if area == "meta" and rest:
            ranks.append(_META_RANK.get(rest[0], 99))
        elif area == "footnotes" and rest:
            ranks.append(footnote_rank.get(rest[0], len(footnote_rank)))
        else:
            ranks.extend(k if isinstance(k, int) else _KEY_RANK.get(k, 9) for k in rest)
        return tuple(ranks)

    return key


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
