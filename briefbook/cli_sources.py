"""``briefbook source add`` and ``briefbook source list``: a brief's sources from the command line.

The same functions as the editor's Add Source: the text is extracted and stored in
``NAME.sources/`` beside the brief (:func:`briefbook.sources.store.add_source`), then
the brief is saved the way every save does, keeping the ``~`` backup.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS = 0, 1


def register(commands) -> None:
    """Add the ``source`` command and its ``add`` and ``list`` subcommands to the parser's ``commands``."""
    source = commands.add_parser("source", help="add a brief's sources and list them")
    actions = source.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="extract a source's text, store it beside the brief and add it")
    add.add_argument("brief", metavar="BRIEF")
    add.add_argument("file", metavar="FILE", help="a .txt, .md, .html, .docx or .pdf (with a text layer)")
    add.add_argument("--title", default="", help="default: the title found in the file")
    add.add_argument("--url", default="", help="where it was published")
    add.add_argument("--date", default="", help="when it was published, YYYY-MM-DD")
    add.add_argument("--quiet", "-q", action="store_true")
    add.set_defaults(handler=cmd_source_add)
    listing = actions.add_parser("list", help="each source with its date, stored text and state")
    listing.add_argument("brief", metavar="BRIEF")
    listing.set_defaults(handler=cmd_source_list)


def _load(name: str):
    """The brief at ``name``, or ``None`` after printing why it cannot be read."""
    from briefbook.fileformat import read

    result = read(name)
    for problem in result.problems:
        if problem.is_error:
            print(problem.format(), file=sys.stderr)
    if result.brief is None or any(p.is_error for p in result.problems):
        print(f"{name}: not changed: the brief has errors; mend them first (briefbook check {name})",
              file=sys.stderr)
        return None
    return result.brief


def cmd_source_add(args: argparse.Namespace) -> int:
    from briefbook.fileformat import save
    from briefbook.problems import SaveError
    from briefbook.sources.extract import SourceError
    from briefbook.sources.store import add_source

    brief = _load(args.brief)
    if brief is None:
        return EXIT_PROBLEMS
    try:
        source = add_source(Path(args.brief), Path(args.file), title=args.title, url=args.url, date=args.date)
        brief.sources.append(source)
        save(brief, args.brief)
    except (SourceError, SaveError) as exc:
        print(f"{args.brief}: source not added: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    if not args.quiet:
        print(f"{args.brief}: added source {len(brief.sources)}, “{source.title}”, its text stored as {source.file}")
    return EXIT_OK


def cmd_source_list(args: argparse.Namespace) -> int:
    from briefbook.sources.store import state_of

    brief = _load(args.brief)
    if brief is None:
        return EXIT_PROBLEMS
    if not brief.sources:
        print(f"{args.brief}: no sources")
    for index, source in enumerate(brief.sources):
        state = state_of(Path(args.brief), brief, index)
        details = " | ".join(p for p in (source.date, source.url, source.file) if p)
        print(f"{index + 1}. {source.title}" + (f" | {details}" if details else "") + f" [{state}]")
    return EXIT_OK
