"""Child process: times finding every match of a common word in one brief, as the find panel does.

Run by run.py as ``python bench/probe_find.py BRIEF --repeats N [--query WORD]``.
The brief is loaded and walked once as the preview walks it (so every text is in the
inline parser's cache, as in an editor that has drawn the brief). The figure is one
whole search as the panel makes one after every change of the brief: the printed texts
gathered into an index, then searched — median of ``N`` repeats, the printed forms of
the texts remembered from the first search, as they are after the first letter of a
query. Reported apart: the very first search in a fresh process (nothing parsed yet),
the first search once the brief has been drawn, and a search of an index already built
(another query on an unchanged brief). Qt is not involved: this is the core the panel
runs in 2 ms turns. Prints one ``BENCH-RESULT {json}`` line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("brief", type=Path)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--query", default="the")
    args = parser.parse_args()

    from briefbook.fileformat import load
    from briefbook.render.walk import walk
    from briefbook.search import Query, find_all
    from briefbook.search import printed as printed_forms
    from briefbook.search.find import Index

    brief = load(args.brief)
    query = Query(args.query)

    t0 = time.perf_counter()
    count = len(find_all(brief, query.compile()))
    cold = time.perf_counter() - t0

    for _ in walk(brief):  # the preview has drawn the brief: its texts are parsed
        pass
    printed_forms._forms.clear()
    t0 = time.perf_counter()
    find_all(brief, query.compile())
    first = time.perf_counter() - t0

    values: list[float] = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        found = find_all(brief, query.compile())
        values.append(time.perf_counter() - t0)
        assert len(found) == count

    index = Index(brief)
    searches: list[float] = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        index.search(query.compile())
        searches.append(time.perf_counter() - t0)

    t0 = time.perf_counter()
    places = {tuple(hit.address) for hit in find_all(brief, query.compile())}
    every = time.perf_counter() - t0

    print("BENCH-RESULT " + json.dumps({
        "find_all": values, "matches": count, "texts": len(places), "cold": cold, "first": first,
        "search_only": statistics.median(searches), "every_place": every, "query": args.query}))


if __name__ == "__main__":
    main()
