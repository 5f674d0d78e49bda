"""``briefbook book new BOOK.book.yaml BRIEF…``, and the book's side of ``briefbook export`` and ``check``.

A book is recognised by its ``.book.yaml`` name or its first key, ``book:``
(:func:`briefbook.fileformat.book.is_book_path`); ``export`` and ``check`` hand such a file here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def register(commands) -> None:
    """Add the ``book`` command (with ``book new``) to the parser's ``commands``."""
    book = commands.add_parser("book", help="make a briefing book of several briefs (then export or check it)")
    actions = book.add_subparsers(dest="book_command", required=True)
    new = actions.add_parser("new", help="create BOOK.book.yaml listing the briefs in the order given")
    new.add_argument("book", metavar="BOOK.book.yaml")
    new.add_argument("briefs", nargs="+", metavar="BRIEF", help="the briefs (.brief.yaml), in print order")
    new.add_argument("--title", help="the book's title (default: the first brief's event)")
    new.add_argument("--footnotes", choices=("per-brief", "book"), default="per-brief",
                     help="number footnotes from 1 in each brief (default) or on through the book")
    new.add_argument("--force", action="store_true", help="replace BOOK if it exists")
    new.add_argument("--quiet", "-q", action="store_true")
    new.set_defaults(handler=cmd_book_new)


def is_book(name: str) -> bool:
    from briefbook.fileformat.book import is_book_path

    return is_book_path(name)


def cmd_book_new(args: argparse.Namespace) -> int:
    from briefbook.cli import _exists, _write
    from briefbook.fileformat import read
    from briefbook.fileformat.book import BOOK_SUFFIX, relative_entry, save_book
    from briefbook.model.book import Book, BookCover

    target = Path(args.book)
    if not target.name.endswith(BOOK_SUFFIX):
        target = target.with_name(target.name.removesuffix(".yaml") + BOOK_SUFFIX)
    if _exists(target) and not args.force:
        print(f"{target}: already exists; not overwritten (use --force to replace it).", file=sys.stderr)
        return EXIT_PROBLEMS
    missing = [name for name in args.briefs if not Path(name).is_file()]
    for name in missing:
        print(f"{name}: no such brief.", file=sys.stderr)
    if missing:
        return EXIT_PROBLEMS
    first = read(args.briefs[0]).brief
    meta = first.meta if first is not None else None
    cover = BookCover() if meta is None else BookCover(body=meta.body, event=meta.event, dates=meta.dates,
                                                      issued=meta.issued, language=meta.language)
    title = args.title if args.title is not None else (meta.event if meta is not None else "")
    book = Book(title=title, cover=cover, entries=[relative_entry(name, target) for name in args.briefs],
                footnotes=args.footnotes)

    def write() -> str | None:
        saved = save_book(book, target)
        if saved.backup_error:
            print(f"{target}: no backup copy of the previous file kept: {saved.backup_error}", file=sys.stderr)
        return f"the previous file is kept as {saved.backup}" if saved.backup else None

    count = len(book.entries)
    return _write(write, f"Created {target} with {count} brief{'' if count == 1 else 's'}", args.quiet)


def check_book(name: str, quiet: bool) -> int:
    """``briefbook check BOOK``: the book's problems and each brief's, then one line for the book."""
    from briefbook.cli import _print_problems, _summary
    from briefbook.fileformat.book import read_book

    result = read_book(name)
    _print_problems(result.problems)
    errors = len(result.errors)
    if not quiet:
        loaded = len(result.loaded)
        briefs = f", {loaded} of {len(result.briefs)} briefs read" if result.book is not None else ""
        print(f"{name}: {'ok' if not errors else 'failed'} ({_summary(errors, len(result.problems) - errors)}"
              f"{briefs})", flush=True)
    return EXIT_PROBLEMS if errors else EXIT_OK


def check_with_books(args: argparse.Namespace, check_briefs) -> int | None:
    """``check`` of files some of which are books: books here, briefs by ``check_briefs``; ``None`` if no book."""
    if not any(is_book(name) for name in args.files):
        return None
    status = EXIT_OK
    for name in args.files:
        if is_book(name):
            status = max(status, check_book(name, args.quiet))
        else:
            status = max(status, check_briefs(argparse.Namespace(**{**vars(args), "files": [name]})))
    return status


def default_output(book: Path) -> Path:
    """``NAME.docx`` beside ``NAME.book.yaml``."""
    name = book.name
    for suffix in (".book.yaml", ".yaml", ".yml"):
        if name.endswith(suffix):
            return book.with_name(name[: -len(suffix)] + ".docx")
    return book.with_name(name + ".docx")


def export_book_file(args: argparse.Namespace) -> int:
    """``briefbook export BOOK [-o OUT.docx|OUT.pdf]``: the briefs that load, with the others reported."""
    from briefbook.cli import _path_problem, _write
    from briefbook.fileformat.book import read_book
    from briefbook.render.book_export import export_book

    args.file = args.files[0] if getattr(args, "files", None) else args.file
    result = read_book(args.file)
    errors = result.errors
    for problem in result.problems:
        print(problem.format(), file=sys.stderr)
    if result.book is None:
        print(f"{args.file}: not exported, the book has errors.", file=sys.stderr)
        return EXIT_PROBLEMS
    briefs = [brief for _, brief in result.loaded]
    if not briefs:
        print(f"{args.file}: not exported, none of its briefs could be read.", file=sys.stderr)
        return EXIT_PROBLEMS
    template = getattr(args, "template", None)
    if template and (problem := _path_problem(Path(template))):
        print(f"{template}: cannot use this template: {problem}.", file=sys.stderr)
        return EXIT_USAGE
    output = Path(args.output) if args.output else default_output(Path(args.file))

    def write() -> None:
        for notice in export_book(result.book, briefs, output, template):
            print(f"{output}: notice: {notice}", file=sys.stderr)

    left_out = len(result.briefs) - len(briefs)
    done = f"Exported {output}" + (f" without {left_out} brief{'' if left_out == 1 else 's'} (see above)"
                                   if left_out else "")
    status = _write(write, done, args.quiet)
    return status if status else (EXIT_PROBLEMS if errors else EXIT_OK)
