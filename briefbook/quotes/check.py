"""The quotation check: each quotation of a brief verified, altered or not found in its sources.

A misquoted minister is the worst error a brief can carry, so every quoted passage
(:mod:`briefbook.quotes.find`) is looked up in the texts of the brief's sources
(:mod:`briefbook.quotes.match`) and given a :class:`Verdict`:

- **verified** — every word of the quotation is in one source, in order, with nothing
  between them; only what :mod:`briefbook.quotes.words` tolerates differs (case, the
  form of quotation marks, apostrophes and dashes, punctuation, line breaks, markup in
  the brief). An omission mark (``[...]``, ``[…]``, ``(...)``, ``…``) stands for words
  the source has there: the pieces on either side must be in order, at most
  :data:`~briefbook.quotes.match.GAP` words apart.
- **altered** — found, but with words changed, added or left out: the verdict holds the
  source's wording and the word-by-word difference. A quotation is altered when it has
  at least :data:`FUZZY_WORDS` words, shares at least :data:`ALTERED_EQUAL` words with
  the place found, and those are at least :data:`ALTERED_SHARE` of the longer of the two
  (quotation or source passage). One word changed in five leaves 0.8, two in five 0.6:
  still the same passage, misquoted. A quotation from another speech that shares a few
  names and phrases with the source (the sample's, against the press release) scores
  below 0.3 (``tests/quotes/test_sample_quotes.py`` checks every one). One or two words
  (“vital”, “shoulder-to-shoulder”) are verified if the source has them and otherwise
  not found, never altered: a near miss of a single word says nothing.
- **not found** — anything else.

:class:`QuoteChecker` holds the sources' index, built a little at a time
(:meth:`QuoteChecker.step`, for the editor's background turns), and remembers each
verdict by the quotation's printed text, so after an edit only new or changed
quotations are looked up. :func:`check_brief` does it all at once for the command line;
:func:`quote_problems` turns verdicts into warnings placed like the spelling warnings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from briefbook.fileformat.linemap import LineMap, offset_position
from briefbook.model import Brief
from briefbook.problems import Problem, Severity
from briefbook.quotes.find import Quotation, Unclosed, quotations
from briefbook.quotes.index import SourceIndex, SourceText
from briefbook.quotes.match import Match, find
from briefbook.quotes.words import printed_words, quoted_words
from briefbook.record import Value

Kind = Literal["verified", "altered", "not found"]
VERIFIED: Kind = "verified"
ALTERED: Kind = "altered"
NOT_FOUND: Kind = "not found"

#: A quotation shorter than this (in words as printed) is verified or not found, never altered.
FUZZY_WORDS = 3
#: Words a quotation must share with a place of the source to be that place altered.
ALTERED_EQUAL = 3
#: The share of words in common, over the longer of quotation and passage, for "altered".
ALTERED_SHARE = 0.6
#: Verdicts remembered (by printed quotation); each keystroke inside a quotation makes a new one.
REMEMBERED = 4096


class Verdict(Value):
    """What the sources say of one quotation.

    ``source`` is the source's position in the brief's list (``SourceText.index``) and
    ``start``/``end`` the passage's offsets in that source's text, ``wording`` the passage
    as the source has it (``None``, 0, 0 and ``""`` when not found). ``diff`` lists the
    difference word by word, in reading order, as ``(op, words)``: ``equal`` (the source's
    words, as it has them), ``delete`` (source words the quotation lacks or changed),
    ``insert`` (the quotation's words the source lacks, or what it changed them to: a
    changed word is a ``delete`` followed by an ``insert``), and ``elided`` (the source's
    words an omission mark stands for). Empty when verified without omission.
    """

    __slots__ = FIELDS = ("kind", "source", "start", "end", "wording", "diff", "title")

    def __init__(self, kind: Kind, source: int | None = None, start: int = 0, end: int = 0, wording: str = "",
                 diff: list[tuple[str, str]] | None = None, title: str = "") -> None:
        self.kind = kind
        self.source = source
        self.start = start
        self.end = end
        self.wording = wording
        self.diff: list[tuple[str, str]] = [] if diff is None else diff
        #: The source's title (for messages), ``""`` when not found.
        self.title = title


NOT_FOUND_VERDICT = Verdict(NOT_FOUND)


class QuoteChecker:
    """Verdicts on quotations against one set of source texts (make a new checker when they change)."""

    def __init__(self, texts: Sequence[SourceText]) -> None:
        self.index = SourceIndex(texts)
        self._verdicts: dict[str, Verdict] = {}

    @property
    def done(self) -> bool:
        """Whether the index of the sources is built (until then a verdict builds the rest first)."""
        return self.index.done

    def step(self, budget_seconds: float = 0.002) -> bool:
        """Build the index for about ``budget_seconds``; whether it is built."""
        return self.index.step(budget_seconds)

    def cached(self, printed: str) -> Verdict | None:
        """The verdict already reached on the quotation printed so, or ``None`` (costs nothing)."""
        return self._verdicts.get(printed)

    def verdict(self, quotation: Quotation | str) -> Verdict:
        """The verdict on a quotation (or its printed text, marks included), remembered by its printed text."""
        printed = quotation if isinstance(quotation, str) else quotation.printed
        found = self._verdicts.get(printed)
        if found is None:
            self.index.finish()
            found = self._judge(printed[1:-1])
            if len(self._verdicts) >= REMEMBERED:
                del self._verdicts[next(iter(self._verdicts))]
            self._verdicts[printed] = found
        return found

    def _judge(self, inner: str) -> Verdict:
        if not self.index.texts:
            return NOT_FOUND_VERDICT
        pieces = quoted_words(inner, self.index.vocabulary)
        fuzzy = printed_words(inner) >= FUZZY_WORDS
        match = find(pieces, self.index, least=ALTERED_SHARE if fuzzy else 1.0)  # what either verdict needs
        if match is None or match.equal == 0:
            return NOT_FOUND_VERDICT
        if match.exact:
            return self._verdict(VERIFIED, match)
        if fuzzy and match.equal >= ALTERED_EQUAL and match.score >= ALTERED_SHARE:
            return self._verdict(ALTERED, match)
        return NOT_FOUND_VERDICT

    def _verdict(self, kind: Kind, match: Match) -> Verdict:
        index = self.index
        source = index.texts[match.source]
        first, last = match.first, match.last
        start, end = index.starts[first], index.ends[last - 1]
        diff = _diff(match, index)
        if kind == VERIFIED and all(op == "equal" for op, _ in diff):
            diff = []
        return Verdict(kind, source.index, start, end, source.text[start:end], diff, source.source.title)


def _diff(match: Match, index: SourceIndex) -> list[tuple[str, str]]:
    """The word-by-word difference between the quotation and the passage (see :class:`Verdict`)."""
    out: list[tuple[str, str]] = []
    before: int | None = None
    for placed, piece in zip(match.placed, match.pieces, strict=True):
        if placed is None:
            out.append(("insert", piece.wording(0, len(piece))))
            continue
        if before is not None and placed.first > before:
            out.append(("elided", index.wording(before, placed.first)))
        for step in placed.steps:
            source = index.wording(step.source_start, step.source_end)
            quoted = piece.wording(step.piece_start, step.piece_end)
            if step.tag == "equal":
                out.append(("equal", source))
            elif step.tag == "delete":
                out.append(("delete", source))
            elif step.tag == "insert":
                out.append(("insert", quoted))
            else:
                out.extend((("delete", source), ("insert", quoted)))
        before = placed.last
    return out


def check_brief(brief: Brief, texts: Sequence[SourceText]) -> list[tuple[Quotation, Verdict]]:
    """Every quotation of the brief with its verdict, at once (the command line's check)."""
    checker = QuoteChecker(texts)
    return [(quotation, checker.verdict(quotation)) for quotation in quotations(brief)]


def format_diff(diff: Sequence[tuple[str, str]], context: int = 6) -> str:
    """The difference on one line for a terminal: ``[-source's words-]{+quotation's words+}``, ``[…]`` for
    an omission; long unchanged stretches shortened to ``context`` words either side of a change."""
    parts: list[str] = []
    for position, (op, words) in enumerate(diff):
        if op == "delete":
            parts.append(f"[-{words}-]")
        elif op == "insert":
            parts.append(f"{{+{words}+}}")
        elif op == "elided":
            parts.append("[…]")
        else:
            parts.append(shortened(words, context, position > 0, position < len(diff) - 1))
    return " ".join(part for part in parts if part)


def shortened(words: str, keep: int, before: bool, after: bool) -> str:
    """A long unchanged stretch of a difference cut to ``keep`` words on the sides that touch a change."""
    split = words.split()
    head = keep if before else 0
    tail = keep if after else 0
    if len(split) <= head + tail + 1:
        return " ".join(split)
    return " ".join([*split[:head], "…", *split[len(split) - tail:]])


def first_words(printed: str, count: int = 8) -> str:
    """The quotation's opening words for a list, marks kept: “Ukraine will be member of NATO, there is…”."""
    words = printed[1:-1].split()
    if len(words) <= count:
        return f"{printed[0]}{' '.join(words)}{printed[-1]}"
    return f"{printed[0]}{' '.join(words[:count])}…{printed[-1]}"


def _shortened(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + " …"


def message(quotation: Quotation, verdict: Verdict) -> str:
    """The warning for a quotation altered or not found (the problems panel and ``briefbook check``)."""
    if verdict.kind == ALTERED:
        return (f"quotation altered: {first_words(quotation.printed)} differs from the source "
                f"‘{verdict.title}’, which has “{_shortened(verdict.wording)}” "
                f"(difference: {format_diff(verdict.diff)})")
    return f"quotation not found in the sources: {first_words(quotation.printed)}"


def _typed_text(brief: Brief, quotation: Quotation | Unclosed) -> str:
    """The typed text a quotation's offsets are in."""
    value = quotation.address.resolve(brief)
    return value if isinstance(value, str) else getattr(value, "text", "")


def place(brief: Brief, positions: LineMap, lines: list[str], found: Quotation | Unclosed) -> tuple[int, int]:
    """The file's (line, column) of a quotation's opening mark (or an unclosed mark), as spelling places words."""
    heading = found.address.child("heading")  # a sub-heading's text is the value of its ``heading:`` key
    start = positions.locate(heading if heading in positions else found.address)
    offset = found.start if isinstance(found, Quotation) else found.offset
    return offset_position(lines, start, _typed_text(brief, found), offset)


def quote_problems(results: Sequence[tuple[Quotation, Verdict]], *, brief: Brief | None = None,
                   positions: LineMap | None = None, lines: list[str] | None = None,
                   filename: str = "") -> list[Problem]:
    """A warning for each quotation altered or not found, at its address; with the brief, its positions in the
    file and the file's lines, at the ``FILE:LINE:COLUMN`` of its opening mark too."""
    problems = []
    for quotation, verdict in results:
        if verdict.kind == VERIFIED:
            continue
        line = column = 0
        if brief is not None and positions is not None and lines is not None:
            line, column = place(brief, positions, lines, quotation)
        problems.append(Problem(Severity.WARNING, message(quotation, verdict), quotation.address, filename,
                                line, column))
    return problems


def unclosed_problems(found: Sequence[Unclosed], *, brief: Brief | None = None,
                      positions: LineMap | None = None, lines: list[str] | None = None,
                      filename: str = "") -> list[Problem]:
    """A warning for each quotation mark never closed (its passage is not checked)."""
    problems = []
    for mark in found:
        line = column = 0
        if brief is not None and positions is not None and lines is not None:
            line, column = place(brief, positions, lines, mark)
        problems.append(Problem(Severity.WARNING, f"quotation mark {mark.mark} not closed: the passage is not "
                                                  "checked against the sources", mark.address, filename,
                                line, column))
    return problems
