"""``briefbook compare OLD NEW -o REDLINE.docx``: a redline of two versions of a brief from the command line.

The same function as the editor's *Compare with Saved Version…* (:func:`briefbook.redline.export_redline`):
the new version as a Word document whose differences from the old are tracked changes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def register(commands) -> None:
    """Add the ``compare`` command to the parser's ``commands``."""
    compare = commands.add_parser("compare", help="write a redline: NEW as a Word document with its differences "
                                                  "from OLD as tracked changes")
    compare.add_argument("old", metavar="OLD", help="the earlier version (.brief.yaml)")
    compare.add_argument("new", metavar="NEW", help="the later version (.brief.yaml)")
    compare.add_argument("-o", "--output", metavar="OUT.docx", help="where to write (default: NEW's name with "
                                                                    ".redline.docx, beside it)")
    compare.add_argument("--author", help="the name the changes are signed with (default: your user name)")
    compare.add_argument("--template", metavar="TEMPLATE.docx", help="a reference DOCX whose styles to use")
    compare.add_argument("--quiet", "-q", action="store_true")
    compare.set_defaults(handler=cmd_compare)


def default_output(new: Path) -> Path:
    """``NAME.redline.docx`` beside ``NAME.brief.yaml``."""
    name = new.name
    for suffix in (".brief.yaml", ".yaml", ".yml"):
        if name.endswith(suffix):
            return new.with_name(name[: -len(suffix)] + ".redline.docx")
    return new.with_name(name + ".redline.docx")


def read_version(name: str, role: str):
    """The brief at ``name``, or ``None`` after printing its errors (``FILE:LINE:COLUMN``) and why it is not used."""
    from briefbook.fileformat import read

    result = read(name)
    errors = [p for p in result.problems if p.is_error]
    for problem in errors:
        print(problem.format(), file=sys.stderr)
    if result.brief is None or errors:
        print(f"{name}: cannot compare: the {role} version has errors (see above).", file=sys.stderr)
        return None
    return result.brief


def cmd_compare(args: argparse.Namespace) -> int:
    from briefbook.cli import _path_problem
    from briefbook.problems import SaveError
    from briefbook.redline import export_redline

    if args.template and (problem := _path_problem(Path(args.template))):
        print(f"{args.template}: cannot use this template: {problem}.", file=sys.stderr)
        return EXIT_USAGE
    old = read_version(args.old, "old")
    new = read_version(args.new, "new")
    if old is None or new is None:
        return EXIT_PROBLEMS
    output = Path(args.output) if args.output else default_output(Path(args.new))
    try:
        summary = export_redline(old, new, output, author=args.author, template=args.template)
    except SaveError as exc:
        print(exc, file=sys.stderr)
        return EXIT_PROBLEMS
    if not args.quiet:
        print(f"Wrote the redline of {args.new} against {args.old} to {output}: {summary.describe()}")
    return EXIT_OK
