"""``python -m briefbook.render.paged.worker``: lay out a DOCX in a process of its own, for the editor.

The editor writes the brief's DOCX to a temporary file and runs this module through
``QProcess``, so the window goes on while LibreOffice works, and Cancel ends the process.
It prints one line per event on its standard output, which the editor reads as progress:

- ``layout N`` before LibreOffice's N-th layout;
- ``notice TEXT`` for something the user should know (the export is made all the same);
- ``done`` once the target is written.

A failure is one line on the standard error and status 1; the target is left as it was.
A termination (Cancel) stops LibreOffice first.
"""

from __future__ import annotations

import _thread
import argparse
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from briefbook.atomic import writable_target, write_checked
from briefbook.problems import SaveError
from briefbook.render.paged.export import paged_docx, paged_pdf


def _say(line: str) -> None:
    print(line.replace("\n", " "), flush=True)


def _interrupt_at_eof() -> None:
    """Wait for the standard input to close, then interrupt the main thread (which stops LibreOffice)."""
    # The file descriptor itself: a daemon thread blocked in a buffered reader aborts the interpreter's exit.
    try:
        while os.read(0, 4096):
            pass
    except OSError:
        pass
    _thread.interrupt_main()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefbook.render.paged.worker")
    parser.add_argument("source", help="the DOCX to lay out")
    parser.add_argument("target", help="where to write the result")
    parser.add_argument("--to", choices=("pdf", "docx"), required=True,
                        help="pdf: the PDF; docx: the DOCX with its contents' page numbers")
    parser.add_argument("--stop-on-eof", action="store_true",
                        help="stop (and stop LibreOffice) when the standard input closes: the editor closes it "
                             "to cancel, and it closes by itself should the editor end")
    args = parser.parse_args(argv)
    # A termination becomes SystemExit in the main thread, so LibreOffice is stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.stop_on_eof:
        threading.Thread(target=_interrupt_at_eof, daemon=True).start()
    try:
        target = writable_target(args.target)
        docx = Path(args.source).read_bytes()
        progress = lambda number: _say(f"layout {number}")  # noqa: E731 - one line
        if args.to == "pdf":
            data = paged_pdf(docx, progress=progress)
        else:
            data, notices = paged_docx(docx, progress=progress)
            for notice in notices:
                _say(f"notice {notice}")
        write_checked(target, data)
    except SaveError as exc:
        print(exc, file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        print("The export was cancelled.", file=sys.stderr, flush=True)
        return 130
    except OSError as exc:
        print(f"Cannot read {args.source}: {exc.strerror or exc}.", file=sys.stderr, flush=True)
        return 1
    _say("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
