"""Child process: a long typing session, 5,000 keys into one bullet, and what it leaves behind in memory.

Run by run.py as ``python bench/probe_long.py BRIEF SETTINGS_FOLDER [options]``.
The window is opened and the cursor put at the end of a bullet exactly as in
probe_session.py (its :func:`open_session`), and keys are typed and timed by the
same :class:`Typist`: posted key events, key → editor paint and key → preview paint.
Only the pace differs, so that 5,000 keys fit in about three minutes: one key
per ``--pace`` ms (30), ``--word-pause`` s after a word (0.06) and ``--sentence-pause``
s after every ``--sentence-every``-th word (0.4 s after 12), long enough for the
window's deferred checks to run, as they do when a person stops at the end of a
sentence. The keys' times are returned in the order typed; run.py compares the
first and the last keys (see ``stats.growth``).

Memory is read (see memory.py) once the cursor is in place and again after typing,
once the deferred work has settled (``--settle`` s of idle event loop: the editor's
report of the text, the preview's update and the checks have run, and the typing
has been merged into undo steps): resident memory now, and Python's allocated
blocks. With ``--memory`` the session also traces Python allocations from before
the first key, and reports the bytes retained, the product lines that allocated
them and the types of which more objects are alive (``memory.grown_types``);
tracing slows every allocation, so this is a pass of its own, whose times are not
used. Prints one ``BENCH-RESULT {json}`` line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc

import memory
from probe_session import Typist, key_sequence, open_session, spin, type_keys


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("brief")
    parser.add_argument("settings")
    parser.add_argument("--keys", type=int, default=2000, help="keys to type")
    parser.add_argument("--pace", type=float, default=30.0, help="ms from one letter to the next")
    parser.add_argument("--word-pause", type=float, default=0.06, help="seconds after a word")
    parser.add_argument("--sentence-every", type=int, default=12, help="a longer pause after this many words")
    parser.add_argument("--sentence-pause", type=float, default=0.4, help="seconds of that longer pause")
    parser.add_argument("--budget", type=float, default=150.0, help="stop typing after this many seconds")
    parser.add_argument("--settle", type=float, default=1.0, help="seconds of idle event loop after typing")
    parser.add_argument("--memory", action="store_true", help="trace Python allocations (an untimed pass)")
    parser.add_argument("--frames", type=int, default=4, help="frames kept per traced allocation")
    parser.add_argument("--phases", action="store_true",
                        help="time the editor's and preview's own steps, for the first and last --window keys")
    parser.add_argument("--window", type=int, default=250, help="keys compared at each end (for --phases)")
    args = parser.parse_args()

    phases = None
    if args.phases:
        from phases import Phases

        phases = Phases()
        phases.install()
    session = open_session(args.brief, args.settings, phases=phases)
    if isinstance(session, str):
        print("BENCH-RESULT " + json.dumps({"error": session}))
        return 1
    window = session.window
    undo = window.document.history
    steps_before = undo.count()

    waited = time.perf_counter()  # the sources' index built and the first quotation check done: not typing's
    while window.source_actions.check.busy() and time.perf_counter() - waited < 30:
        spin(0.1)
    spin(0.5)
    typist = Typist(session, phases)
    types_before = memory.live_types() if args.memory else {}
    if args.memory:
        tracemalloc.start(args.frames)
    before = memory.reading(args.memory)
    snapshot_before = memory.product_snapshot() if args.memory else None

    typed = type_keys(typist, key_sequence(args.keys), args.pace, args.word_pause, args.budget,
                      args.sentence_every, args.sentence_pause)
    spin(args.settle)
    after = memory.reading(args.memory)
    result: dict[str, object] = {
        "editor_ms": typed.editor_ms, "preview_ms": typed.preview_ms,
        "missed_editor": typed.missed_editor, "missed_preview": typed.missed_preview,
        "keys": typed.keys, "typing_seconds": typed.seconds, "section": session.section,
        "undo_steps": undo.count() - steps_before,
        "before": before, "after": after,
    }
    if args.memory:
        snapshot_after = memory.product_snapshot()
        result["product_before"] = memory.snapshot_bytes(snapshot_before)
        result["product_after"] = memory.snapshot_bytes(snapshot_after)
        result["sites"] = memory.retained_sites(snapshot_before, snapshot_after)
        del snapshot_after
        result["types"] = memory.grown_types(types_before, memory.live_types())
        # what the undo history holds: the same reading with the history gone
        undo.clear()
        spin(0.2)
        result["after_undo_cleared"] = memory.reading(True)
        result["product_after_undo_cleared"] = memory.snapshot_bytes(memory.product_snapshot())
        tracemalloc.stop()
    typist.close()
    result["typed_reached_editor"] = typist.typed.rstrip() in window.editor.toPlainText()
    if phases:
        keys = phases.keys
        size = min(args.window, len(keys) // 2)
        result["phases_first"] = phases.summary(keys[:size])
        result["phases_last"] = phases.summary(keys[-size:])
    undo.set_clean()  # nothing to save or recover: the session ends here
    window.close()
    print("BENCH-RESULT " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
