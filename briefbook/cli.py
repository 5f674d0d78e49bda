"""The ``briefbook`` command: a thin layer over the library.

``briefbook [FILE]`` opens the editor; ``new``, ``check``, ``export``, ``import``, ``source`` and ``compare``
work without a window, so they can run in scripts and on machines with no screen. Every failure a
user can cause ends in a message naming the file and an exit status, never a
traceback: 0 done (warnings allowed), 1 the brief has errors or could not be written,
2 the command line was wrong.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from briefbook import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _print_problems(problems) -> None:
    for problem in problems:
        print(problem.format(), file=sys.stderr)


def _summary(errors: int, warnings: int) -> str:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"


def _write(write: Callable[[], str | None], done: str, quiet: bool) -> int:
    """Run a write that may raise SaveError; its message (file and reason) is the user's answer.

    ``write`` may return a remark to add to the ``done`` message (where the backup is).
    """
    from briefbook.problems import SaveError

    try:
        remark = write()
    except SaveError as exc:
        print(exc, file=sys.stderr)
        return EXIT_PROBLEMS
    if not quiet:
        print(f"{done} ({remark})" if remark else done)
    return EXIT_OK


def _path_problem(path: Path) -> str | None:
    """Why ``path`` cannot be a file to read ("no such file", "it is a named pipe…"), or ``None``.

    Asked before the editor opens a file or an export reads a template, so that a pipe
    is never opened (which would wait for ever) and a name no file system takes is an
    answer, not a traceback.
    """
    import stat

    from briefbook.filekinds import not_ordinary

    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such file"
    except ValueError:
        return "the name is not valid (it holds a NUL character)"
    except OSError as exc:
        return "the file name is too long for this disk" if exc.errno == errno.ENAMETOOLONG else (
            exc.strerror or exc.__class__.__name__)
    return None if stat.S_ISREG(mode) else not_ordinary(mode)


def _exists(path: Path) -> bool:
    """Whether something is at ``path``; a name that cannot exist (too long, a NUL) is not there."""
    try:
        os.lstat(path)
    except (OSError, ValueError):
        return False
    return True


def cmd_check(args: argparse.Namespace) -> int:
    from briefbook.cli_book import check_with_books

    if (status := check_with_books(args, cmd_check)) is not None:  # a book checks itself and its briefs
        return status
    from briefbook.cli_many import Progress, briefs_in, run_each

    names, empty = briefs_in(args.files)
    for folder in empty:
        print(f"{folder}: no .brief.yaml file in this folder.", file=sys.stderr)
    if not names:
        return EXIT_PROBLEMS
    progress = Progress(len(names))
    tally = run_each(names, lambda name: _check_one(name, args), progress)
    if len(names) > 1 and not args.quiet:
        print(tally.summary("Checked"), flush=True)
    return EXIT_PROBLEMS if tally.failed or empty else EXIT_OK


def _check_one(name: str, args: argparse.Namespace) -> str | None:
    """Check one brief and print its problems; ``None`` when it has no errors, else why it failed."""
    from briefbook.fileformat import read

    result = read(name)
    if args.quotes:
        return "the brief has errors" if _quotes(name, result, args.quiet) else None
    problems = result.problems
    quoted = _quote_warnings(name, result) if result.brief is not None else []
    if quoted:
        problems = sorted([*problems, *quoted], key=lambda p: (p.line, p.column))
    if args.spelling and result.brief is not None:
        problems = sorted([*problems, *_spelling(name, result)], key=lambda p: (p.line, p.column))
    _print_problems(problems)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if not args.quiet:
        # flushed, so that piped with the warnings (2>&1) each file's summary follows its own
        print(f"{name}: {'ok' if not errors else 'failed'} ({_summary(errors, warnings)})", flush=True)
    if args.stats and result.brief is not None:
        _print_stats(result.brief)
    if not errors:
        return None
    first = next(p for p in problems if p.is_error)
    return f"{_summary(errors, warnings)}; the first: {first.format()}"


def _quote_warnings(name: str, result) -> list:
    """Quotations altered or not found in the brief's sources, once it has a source with a stored text."""
    if not any(source.file for source in result.brief.sources):
        return []  # nothing to check against: the check's modules are not even loaded
    from briefbook.quotes.report import quote_warnings

    return quote_warnings(name, result)


def _quotes(name: str, result, quiet: bool) -> int:
    """``check --quotes``: one line per quotation with its class, then a summary; 1 only if the brief is broken."""
    from briefbook.quotes.report import report

    if result.brief is None:
        _print_problems(result.problems)
        print(f"{name}: failed, the brief has errors; its quotations are not checked.", flush=True)
        return EXIT_PROBLEMS
    lines, problems = report(name, result)
    _print_problems(problems)
    for line in lines if not quiet else lines[:-1]:
        print(line)
    sys.stdout.flush()
    return EXIT_OK


#: The widest a part's name is shown in the ``--stats`` table.
_STATS_NAME = 52


def _print_stats(brief) -> None:
    """The table of ``check --stats``: words, characters and pages of each part, then the total."""
    from briefbook.counts import BriefCounts, page_share, stats_rows

    counts = BriefCounts()
    rows = [*stats_rows(brief, counts), ("Footnotes (not in the total)", counts.footnotes(brief))]
    print(f"{'part':<{_STATS_NAME}} {'words':>8} {'characters':>11} {'pages':>6}")
    for name, count in rows:
        shown = name if len(name) <= _STATS_NAME else name[:_STATS_NAME - 1] + "…"
        print(f"{shown:<{_STATS_NAME}} {count.words:>8,} {count.characters:>11,} "
              f"{page_share(counts.metrics, count):>6.1f}")
    totals = counts.totals(brief)
    print(f"total: {totals.body.words:,} words, {totals.body.characters:,} characters, "
          f"about {totals.pages} page{'' if totals.pages == 1 else 's'}")


def _spelling(name: str, result) -> list:
    """Unknown words of a brief read without errors, as warnings at their ``FILE:LINE:COLUMN``."""
    from PySide6.QtCore import QCoreApplication  # for the user's word list, where the editor keeps it

    from briefbook.document.folders import APPLICATION, ORGANIZATION, AppFolders
    from briefbook.filekinds import read_ordinary
    from briefbook.problems import Problem, Severity
    from briefbook.spelling import check_brief, open_speller

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    language = result.brief.meta.language
    unavailable: list[str] = []
    speller = open_speller(language, AppFolders().user_words(language), result.brief.words, warn=unavailable.append)
    if speller is None:
        return [Problem(Severity.WARNING, unavailable[0], (), name, 1, 1)]
    lines = read_ordinary(name, 1 << 30).decode("utf-8", "replace").split("\n")
    return check_brief(result.brief, speller, result.positions, lines, name)


def _default_output(source: Path) -> Path:
    name = source.name
    for suffix in (".brief.yaml", ".yaml", ".yml"):
        if name.endswith(suffix):
            return source.with_name(name[: -len(suffix)] + ".docx")
    return source.with_name(name + ".docx")


def cmd_export(args: argparse.Namespace) -> int:
    from briefbook.cli_book import export_book_file, is_book

    if len(args.files) == 1 and is_book(args.files[0]):
        return export_book_file(args)
    problem = _path_problem(Path(args.template)) if args.template else None
    if problem:
        print(f"{args.template}: cannot use this template: {problem}.", file=sys.stderr)
        return EXIT_USAGE
    if len(args.files) == 1:
        failed = _export_one(Path(args.files[0]), Path(args.output) if args.output else None, args)
        return EXIT_PROBLEMS if failed else EXIT_OK
    from briefbook.cli_many import Progress, output_folder, run_each

    folder, problem = output_folder(args.output, len(args.files))
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    written: dict[Path, str] = {}

    def one(name: str) -> str | None:
        source = Path(name)
        target = (folder / _default_output(source).name) if folder else _default_output(source)
        earlier = written.get(target.resolve())
        if earlier is not None:
            print(f"{source}: not exported: {target} was just written from {earlier}.", file=sys.stderr)
            return f"{target} would overwrite the export of {earlier}"
        written[target.resolve()] = name
        return _export_one(source, target, args)

    tally = run_each(args.files, one, Progress(len(args.files)))
    if not args.quiet or tally.failed:
        print(tally.summary("Exported"), file=sys.stderr if tally.failed else sys.stdout, flush=True)
    return EXIT_PROBLEMS if tally.failed else EXIT_OK


def _export_one(source: Path, output: Path | None, args: argparse.Namespace) -> str | None:
    """Export one brief to ``output`` (default: beside it); ``None`` when written, else why not."""
    from briefbook.fileformat import read
    from briefbook.problems import SaveError
    from briefbook.render.docx import export_docx

    result = read(source)
    _print_problems(result.problems)
    if result.brief is None:
        print(f"{source}: not exported, the brief has errors.", file=sys.stderr)
        errors = [p for p in result.problems if p.is_error]
        return f"the brief has errors; the first: {errors[0].format()}" if errors else "the brief cannot be read"
    output = output or _default_output(source)
    brief = result.brief

    def write() -> None:
        if output.suffix.lower() == ".pdf":
            from briefbook.render.paged.export import export_pdf

            export_pdf(brief, output, args.template)
        elif brief.meta.toc or args.layout:
            # laid out by LibreOffice: the contents' page numbers, and the headings it would leave at the foot of
            # a page kept with their text (see docs/pdf-and-contents.md); a brief without contents needs no layout
            from briefbook.render.paged.export import export_docx_paged

            for notice in export_docx_paged(brief, output, args.template):
                print(f"{output}: notice: {notice}", file=sys.stderr)
        else:
            export_docx(brief, output, args.template)

    try:
        write()
    except SaveError as exc:
        print(exc, file=sys.stderr)
        return str(exc)
    if not args.quiet:
        print(f"Exported {output}", flush=True)
    return None


def cmd_new(args: argparse.Namespace) -> int:
    from briefbook.fileformat import read, save
    from briefbook.resources import starter_templates

    starters = starter_templates()
    if args.list:
        for name, path in starters.items():
            result = read(path)
            title = result.brief.meta.title.replace("\n", " ") if result.brief else ""
            print(f"{name:20} {title}")
        return EXIT_OK
    if not args.file:
        print("briefbook new: give the file to create, or --list to see the templates.", file=sys.stderr)
        return EXIT_USAGE
    if args.template not in starters:
        known = ", ".join(starters) or "none installed"
        print(f"briefbook new: no template named {args.template!r} (templates: {known}).", file=sys.stderr)
        return EXIT_USAGE
    target = Path(args.file)
    if not target.name.endswith(".brief.yaml"):
        target = target.with_name(target.name + ".brief.yaml")
    if _exists(target) and not args.force:
        print(f"{target}: already exists; not overwritten (use --force to replace it).", file=sys.stderr)
        return EXIT_PROBLEMS
    result = read(starters[args.template])
    if result.brief is None:
        _print_problems(result.problems)
        return EXIT_PROBLEMS

    def write() -> str | None:
        saved = save(result.brief, target)
        if saved.backup_error:
            print(f"{target}: no backup copy of the previous file kept: {saved.backup_error}", file=sys.stderr)
        return f"the previous file is kept as {saved.backup}" if saved.backup else None

    return _write(write, f"Created {target} from the {args.template} template", args.quiet)


def cmd_open(args: argparse.Namespace) -> int:
    problem = _path_problem(Path(args.file)) if args.file else None
    if problem == "no such file":
        print(f"{args.file}: no such file. To start a new brief: briefbook new FILE", file=sys.stderr)
        return EXIT_USAGE
    if problem:
        print(f"{args.file}: cannot open it: {problem}.", file=sys.stderr)
        return EXIT_USAGE
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")
    ):
        print(
            "briefbook: no screen to open the editor on (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
            "On a machine without a screen, run it under a virtual display: xvfb-run briefbook FILE",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        from briefbook.app import run
    except ImportError as exc:
        print(
            f"briefbook: the Qt libraries could not be loaded ({exc}).\n"
            "On Debian or Ubuntu, install them with: sudo apt-get install libegl1 libgl1 libxkbcommon-x11-0 "
            "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libfontconfig1 libdbus-1-3",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    return run(args.file)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefbook",
        description="Draft NATO Parliamentary Assembly policy briefs and export them to Word.",
        epilog="Commands: 'briefbook new', 'briefbook check', 'briefbook export', 'briefbook import', "
               "'briefbook source', 'briefbook compare' (each takes --help).",
    )
    parser.add_argument("--version", action="version", version=f"briefbook {__version__}")
    parser.add_argument("file", nargs="?", help="the .brief.yaml file to open in the editor")
    parser.set_defaults(handler=cmd_open)
    return parser


def _subparser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of the subcommands; with ``command``, of that one alone.

    A command line names its command first, so only that command's parser is built, and
    only its module imported: building all of them took a tenth of a one-brief export.
    """
    parser = argparse.ArgumentParser(prog="briefbook")
    parser.add_argument("--version", action="version", version=f"briefbook {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, add in _COMMANDS.items():
        if command is None or command == name:
            add(commands)
    return parser


def _add_new(commands) -> None:
    new = commands.add_parser("new", help="create a brief from a starter template")
    new.add_argument("file", nargs="?", help="the .brief.yaml file to create")
    new.add_argument("--template", "-t", default="key-takeaways", help="starter template name (see --list)")
    new.add_argument("--list", action="store_true", help="list the starter templates")
    new.add_argument("--force", action="store_true", help="replace FILE if it exists")
    new.add_argument("--quiet", "-q", action="store_true")
    new.set_defaults(handler=cmd_new)


def _add_check(commands) -> None:
    check = commands.add_parser("check", help="validate briefs and print FILE:LINE:COLUMN problems")
    check.add_argument("files", nargs="+", metavar="FILE", help="briefs, or folders: every .brief.yaml under them")
    check.add_argument("--quiet", "-q", action="store_true", help="print only the problems")
    check.add_argument("--spelling", action="store_true",
                       help="also warn of unknown words, in the language of the brief (British English or French)")
    check.add_argument("--quotes", action="store_true",
                       help="list every quotation with its class against the brief's sources: verified, "
                            "altered (with the difference) or not found")
    check.add_argument("--stats", action="store_true",
                       help="also print the words, characters and estimated pages of each section and the brief "
                            "(body text: headings, footnote marks and footnotes not counted)")
    check.set_defaults(handler=cmd_check)


def _add_export(commands) -> None:
    export = commands.add_parser("export", help="export briefs to Word documents or PDFs")
    export.add_argument("files", nargs="+", metavar="FILE",
                        help="the brief, or several briefs, all exported in one run (a summary says which failed)")
    export.add_argument("-o", "--output", metavar="OUT",
                        help="where to write (default: beside each FILE): with one FILE, the document (a name "
                             "ending in .pdf makes a PDF, through LibreOffice); with several, the folder")
    export.add_argument("--template", metavar="TEMPLATE.docx", help="a reference DOCX whose styles to use")
    export.add_argument("--layout", action="store_true",
                        help="lay the Word document out with LibreOffice first (seconds, not a fraction of one): a "
                             "heading LibreOffice would leave at the foot of a page is given a page break before it, "
                             "as a brief with contents and a PDF always are")
    export.add_argument("--quiet", "-q", action="store_true")
    export.set_defaults(handler=cmd_export)


def _registered(module: str):
    """The ``register`` of the command-line module ``module``, imported when its command is used."""

    def add(commands) -> None:
        import importlib

        importlib.import_module(f"briefbook.{module}").register(commands)

    return add


_COMMANDS = {"new": _add_new, "check": _add_check, "export": _add_export, "import": _registered("cli_import"),
             "source": _registered("cli_sources"), "compare": _registered("cli_compare"),
             "book": _registered("cli_book"), "version": _registered("cli_versions")}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _subparser(argv[0]) if argv and argv[0] in _COMMANDS else _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 for --help/--version
        return int(exc.code or 0)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        return 130
    except ValueError as exc:
        from briefbook.languages import LanguagesError

        if not isinstance(exc, LanguagesError):
            raise
        print(f"{exc}\nThe languages table is broken: correct the file named above.", file=sys.stderr)
        return EXIT_PROBLEMS
    except BrokenPipeError:
        return EXIT_OK


def console() -> None:
    """The ``briefbook`` command: :func:`main`, then the process ends.

    A subcommand (``check``, ``export``…) has written and closed every file it writes
    (atomically, see :mod:`briefbook.atomic`) by the time :func:`main` returns, so the
    interpreter's own shutdown — tearing down every module and object one at a time,
    about a tenth of a one-brief export — is skipped once the output is flushed. The
    editor (no subcommand) ends the ordinary way, as Qt expects.
    """
    argv = sys.argv[1:]
    code = main(argv)
    if argv and argv[0] in _COMMANDS:
        import contextlib

        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):  # a closed pipe or stream: nothing more to say
                stream.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    console()
