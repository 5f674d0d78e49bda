"""What the analyst asks find for: the words or expression, and the options Word offers.

A :class:`Query` compiles to a :class:`Matcher`. Words typed as they are (the usual
case) become an escaped pattern for Python's :mod:`re`, which is linear for such a
pattern. A regular expression the analyst writes can backtrack for ever on some texts
(``(a|aa)+$``), and :mod:`re` cannot be stopped once it runs; so expressions run on the
:mod:`regex` module, which takes a time limit, and a search that passes it stops with a
message saying so instead of freezing the window. An invalid expression is a
:class:`QueryError` whose message says what is wrong and where, never a traceback.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

from briefbook.record import Value

#: The longest a regular expression may run over a whole brief, in seconds.
TIME_LIMIT = 1.0


class QueryError(ValueError):
    """The query cannot be searched for; ``str(error)`` is the sentence to show."""


class Options(Value):
    """Word's find options."""

    __slots__ = FIELDS = ("match_case", "whole_word", "regular_expression")

    def __init__(self, match_case: bool = False, whole_word: bool = False, regular_expression: bool = False) -> None:
        self.match_case = match_case
        self.whole_word = whole_word
        self.regular_expression = regular_expression


class Query(Value):
    """The text searched for, with its options."""

    __slots__ = FIELDS = ("text", "options")

    def __init__(self, text: str, options: Options | None = None) -> None:
        self.text = text
        self.options = Options() if options is None else options

    def compile(self, time_limit: float = TIME_LIMIT) -> Matcher:
        """The matcher for this query; raises :class:`QueryError` when it cannot be searched for."""
        return Matcher(self, time_limit)


class Matcher:
    """A compiled query: the matches in a printed text, and what a replacement turns each into.

    The time limit runs from the matcher's first search (:meth:`start` restarts it), so
    it bounds a whole search of the brief, not each text.
    """

    def __init__(self, query: Query, time_limit: float = TIME_LIMIT) -> None:
        self.query = query
        options = query.options
        if not query.text:
            raise QueryError("Type something to find.")
        self.literal = not options.regular_expression
        source = re.escape(query.text) if self.literal else query.text
        if options.whole_word:
            # Lookarounds rather than \b: a query that starts or ends with punctuation still
            # means "not inside a longer word".
            source = rf"(?<!\w)(?:{source})(?!\w)"
        self._time_limit = time_limit
        self._deadline: float | None = None
        if self.literal:
            self.pattern = re.compile(source, 0 if options.match_case else re.IGNORECASE)
            return
        import regex  # the regular-expression engine with time limits, loaded when a user's expression needs it

        try:
            self.pattern = regex.compile(source, regex.V0 | (0 if options.match_case else regex.IGNORECASE))
        except regex.error as exc:
            where = f" at character {exc.pos + 1}" if getattr(exc, "pos", None) is not None else ""
            raise QueryError(f"The regular expression is not valid{where}: {exc.msg}.") from None
        except (OverflowError, RecursionError):
            raise QueryError("The regular expression is too large to search for.") from None

    def start(self) -> None:
        """Start the time limit afresh (a new search of the brief)."""
        self._deadline = time.perf_counter() + self._time_limit

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches in ``text`` that hold at least one character (an empty match finds nothing)."""
        if self.literal:
            yield from self.pattern.finditer(text)
            return
        if self._deadline is None:
            self.start()
        remaining = self._deadline - time.perf_counter()  # type: ignore[operator]
        try:
            if remaining <= 0:
                raise TimeoutError
            for match in self.pattern.finditer(text, timeout=remaining):
                if match.end() > match.start():
                    yield match
        except TimeoutError:
            raise QueryError(f"The regular expression takes too long to search the brief (over "
                             f"{self._time_limit:g} s); it may try the same text in many ways, as "
                             "(a|aa)+ does. Make it simpler.") from None

    def expand(self, match: re.Match[str], replacement: str) -> str:
        """What ``match`` becomes: the replacement as typed, or with ``\\1``/``\\g<name>`` filled in
        for a regular expression."""
        if self.literal:
            return replacement
        import regex

        try:
            return match.expand(replacement)
        except (regex.error, re.error, IndexError) as exc:
            raise QueryError(f"The replacement cannot be filled in: {exc}.") from None
