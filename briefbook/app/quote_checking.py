"""The quotation check in the editor: in turns of at most 2 ms, after typing pauses, never in a keystroke.

The check itself is :mod:`briefbook.quotes`'s (the command line runs the same one):
a :class:`~briefbook.quotes.QuoteChecker` over the texts of the brief's sources, its index
built a little at a time, its verdicts remembered by the quotation's printed text. This
module only decides when to run it and hands the results on:

- a keystroke costs a restarted timer (:data:`CHECK_DELAY_MS`);
- when it fires, the typed texts of the brief are read in turns of :data:`TURN_SECONDS`:
  a text that holds no quotation mark costs a substring test, one read before at the same
  place with the same words gives back its quotations without parsing, and a quotation met
  before gives back its verdict from the checker's memory — only new or changed quotations
  are looked up in the sources;
- a change made while a pass is under way starts it again after the next pause, so a pass
  never reads a brief that changed under it;
- a new set of source texts (a source added, removed, its file changed) makes a new checker,
  whose index is built in the same short turns before the next pass;
- the check's own modules and rapidfuzz, some 15–25 ms of imports, are loaded on a thread of
  their own when a brief first has source texts, not in a turn.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from briefbook.app import heap
from briefbook.document import Document
from briefbook.problems import Problem

if TYPE_CHECKING:
    from briefbook.quotes import Quotation, QuoteChecker, Verdict
    from briefbook.search.find import Place

#: The check runs this long after the last change.
CHECK_DELAY_MS = 400
#: The longest turn of the check, in seconds.
TURN_SECONDS = 0.002
#: Milliseconds between looks at whether the work the check waits for is done.
WAIT_MS = 30
_MARKS = ("\u201c", "\u00ab", '"')


def _load_check() -> None:
    """The quotation check's modules, imported on a thread of their own (the interpreter lets the
    window's thread run every few milliseconds meanwhile); and the allocator set for its index."""
    heap.map_large_blocks()
    from rapidfuzz.distance import Levenshtein  # noqa: F401 - what aligning a quotation first needs

    import briefbook.quotes  # noqa: F401 - imported for their effect: in sys.modules when the turns want them
    import briefbook.quotes.find  # noqa: F401


class QuoteCheckRun(QObject):
    """Runs the quotation check of the window's brief (see the module docstring)."""

    #: A pass finished: :attr:`results` and :attr:`problems` are those of the brief as it is.
    finished = Signal()

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.checker: QuoteChecker | None = None
        self._texts_key: tuple = ()
        self._texts: list = []
        #: Every quotation of the brief with its verdict, as of the last pass.
        self.results: list[tuple[Quotation, Verdict]] = []
        #: The warnings of the last pass (altered, not found), each for the result it names.
        self.problems: list[Problem] = []
        self._problem_results: dict[int, tuple[Quotation, Verdict]] = {}
        self._published = False
        #: The quotations of each typed text read in the last pass, by place and text.
        self._known: dict[tuple[tuple, str], list[Quotation]] = {}
        self._places: Iterator[Place] | None = None
        self._seen: dict[tuple[tuple, str], list[Quotation]] = {}
        self._waiting: list[Quotation] = []
        self._found: list[tuple[Quotation, Verdict]] = []
        #: A pass's results being turned into warnings, a few per turn: the results, the
        #: (problem, result) pairs so far, and how many results are done.
        self._flagging: tuple[list, list, list[int]] | None = None
        self._delay = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._delay.timeout.connect(self._begin)
        self._turns = QTimer(self, singleShot=True, interval=0)
        self._turns.timeout.connect(self._turn)
        #: Whether more urgent work is under way, which the check waits for (the window sets it).
        self.wait_for: Callable[[], bool] = lambda: False
        self._loading: threading.Thread | None = None
        document.changed.connect(lambda _change: self.schedule())
        document.replaced.connect(lambda _select: self.schedule())

    @property
    def checking(self) -> bool:
        """Whether the brief has source texts to check its quotations against."""
        return self.checker is not None

    def set_texts(self, texts: Sequence) -> None:
        """Check against ``texts`` (``SourceText``s); the same texts as before change nothing."""
        key = tuple((text.index, text.source.title, text.text) for text in texts)
        if key == self._texts_key:
            return
        self._texts_key = key
        self._published = False  # the same quotations judged against other texts: shown again
        self.checker = None  # made by the first turn: the check's modules load after the window is drawn
        self._texts = list(texts)
        self.schedule()

    def schedule(self, at_once: bool = False) -> None:
        """The brief changed: any pass under way is dropped and a new one begins after the pause."""
        self._turns.stop()
        self._places = None
        self._flagging = None
        if at_once:
            self._delay.stop()
            self._turns.start()
        else:
            self._delay.start()

    def busy(self) -> bool:
        return self._delay.isActive() or self._turns.isActive()

    def flush(self) -> None:
        """Finish the check now (tests and the screenshot tool; the editor never waits for it)."""
        self._delay.stop()
        self._turns.stop()
        self._places = None
        self._flagging = None
        while True:
            self._turn(budget=3600.0)
            if not self._turns.isActive():
                return
            self._turns.stop()

    # -- turns -----------------------------------------------------------------------------------
    def _begin(self) -> None:
        self._turns.stop()
        self._turn()

    def _turn(self, budget: float = TURN_SECONDS) -> None:
        if budget < 1.0 and self.wait_for():  # a long preview being drawn goes first
            self._turns.start(WAIT_MS)
            return
        self._turns.setInterval(0)
        deadline = time.perf_counter() + budget
        if self.checker is None and self._texts:
            if budget < 1.0 and self._loading is None:
                # Loaded when the check is first wanted, a pause after the brief opened, not as it
                # opens: a thread importing holds the interpreter most of the time, and at the open
                # it delayed the window's first paint by a twentieth.
                self._loading = threading.Thread(target=_load_check, name="quotation check", daemon=True)
                self._loading.start()
            if budget < 1.0 and self._loading.is_alive():
                self._turns.start(WAIT_MS)  # its modules are still being loaded
                return
            from briefbook.quotes import QuoteChecker

            self.checker = QuoteChecker(self._texts)
            if budget < 1.0:
                self._turns.start()  # loading the check was this turn's work
                return
        checker = self.checker
        if checker is None:
            if not self._published or self.results:
                self._publish([], [])
            return
        if not checker.done:
            built = checker.step(budget)
            # The index is some 90,000 small arrays at a hundred times the sample, each of which a
            # full collection would walk, and one would come while it is built: what each turn made is
            # kept out of them at once, as the brief is (freezing costs nothing).
            heap.freeze()
            if not built:
                self._turns.start()  # the sources' index first, a part of it per turn
                return
        if self._places is None:
            from briefbook.search.find import places

            self._places = places(self.document.brief)
            self._seen, self._waiting, self._found = {}, [], []
        while time.perf_counter() < deadline:
            if self._flagging is not None:
                if self._flag(deadline):
                    return
                continue
            if self._waiting:
                quotation = self._waiting.pop()
                self._found.append((quotation, checker.verdict(quotation)))
                continue
            place = next(self._places, None)
            if place is None or place.path[0] == "sources":  # the sources' own fields come last
                self._known = self._seen
                self._places = None
                if self._published and self._found == self.results:
                    return  # typing outside every quotation: nothing to show again
                self._flagging = (self._found, [], [0])
                continue
            if not any(mark in place.text for mark in _MARKS):
                continue
            key = (tuple(place.path), place.text)
            found = self._known.get(key)
            if found is None:
                from briefbook.quotes.find import quotations_in

                found = quotations_in(place.address, place.text, place.marked)
            self._seen[key] = found
            self._waiting.extend(reversed(found))
        self._turns.start()

    def _flag(self, deadline: float) -> bool:
        """Write the warnings of the pass's results until ``deadline`` (a ×100 brief has some 400,
        each a message with its difference: several milliseconds in all); the turn after the
        last is written publishes them. Whether this turn is over (published, or the next one
        set to publish)."""
        assert self._flagging is not None
        results, flagged, done = self._flagging
        if done[0] == len(results):
            self._flagging = None
            self._publish(results, flagged)
            return True
        from briefbook.quotes import quote_problems

        while done[0] < len(results) and time.perf_counter() < deadline:
            result = results[done[0]]
            done[0] += 1
            flagged.extend((problem, result) for problem in quote_problems([result]))
        if done[0] == len(results):
            self._turns.start()  # published in a turn of its own: the Problems panel makes its rows
            return True
        return False

    def _publish(self, results: list[tuple[Quotation, Verdict]], flagged: list[tuple[Problem, tuple]]) -> None:
        self._published = True
        self.results = list(results)
        self.problems = [problem for problem, _ in flagged]
        self._problem_results = {id(problem): result for problem, result in flagged}
        self.finished.emit()

    def result_of(self, problem: Problem) -> tuple[Quotation, Verdict] | None:
        """The quotation and verdict a warning of the last pass is about (``None``: not one of them)."""
        return self._problem_results.get(id(problem))
