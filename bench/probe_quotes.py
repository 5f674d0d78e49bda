"""Child process: times the quotation check of one brief against its sources, as the editor runs it.

Run by quotes_bench.py as ``python bench/probe_quotes.py BRIEF [--rechecks N]``.
In a fresh process: the brief is loaded and its sources' stored texts read, then the
checker's index is built in turns of at most 2 ms (as the editor builds it between
keys) and every quotation of the brief classified. As in the editor, the brief's objects
are kept out of Python's full garbage collections once it is loaded (``gc.freeze``, see
``briefbook/app/heap.py``), so a full collection does not land in a turn here either, and
glibc maps large blocks on their own (``heap.map_large_blocks``). The figures:

- ``whole``: from the sources being read to the last quotation classified (no Qt);
- ``turns``: each index-building turn's duration (the editor's background turns);
- ``rechecks``: one word of a quotation changed, the time to its new verdict with the
  index built (what the editor pays after an analyst edits a quotation), for up to ``N``
  quotations of the brief.

Prints one ``BENCH-RESULT {json}`` line.
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from collections import Counter
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("brief", type=Path)
    parser.add_argument("--rechecks", type=int, default=40)
    args = parser.parse_args()

    from briefbook.app.heap import map_large_blocks
    from briefbook.fileformat import load
    from briefbook.quotes import QuoteChecker, quotations
    from briefbook.sources.store import read_sources

    brief = load(args.brief)
    gc.freeze()  # as the editor does once the brief is shown
    map_large_blocks()  # as the editor does before it builds the index
    t0 = time.perf_counter()
    found = read_sources(args.brief, brief)
    read = time.perf_counter() - t0
    checker = QuoteChecker(found.texts)
    turns: list[float] = []
    while True:
        t1 = time.perf_counter()
        done = checker.step(0.002)
        turns.append(time.perf_counter() - t1)
        if done:
            break
    indexed = time.perf_counter() - t0
    quoted = quotations(brief)
    kinds = Counter(checker.verdict(q).kind for q in quoted)
    whole = time.perf_counter() - t0

    rechecks: list[float] = []
    changed_kinds: Counter[str] = Counter()
    for quotation in quoted[: args.rechecks]:
        words = quotation.printed.split()
        if len(words) < 4:
            continue
        middle = len(words) // 2
        words[middle] = "zanzibar" if words[middle].lower() != "zanzibar" else "quorum"
        changed = quotation.replace(printed=" ".join(words))
        t1 = time.perf_counter()
        verdict = checker.verdict(changed)
        rechecks.append(time.perf_counter() - t1)
        changed_kinds[verdict.kind] += 1

    characters = sum(len(t.text) for t in found.texts)
    print("BENCH-RESULT " + json.dumps({
        "whole": whole, "read": read, "indexed": indexed, "turns": turns, "rechecks": rechecks,
        "quotations": len(quoted), "kinds": dict(kinds), "changed_kinds": dict(changed_kinds),
        "sources": len(found.texts), "characters": characters, "problems": len(found.problems)}))


if __name__ == "__main__":
    main()
