"""``briefbook import BRIEF.docx [-o OUT.brief.yaml]``: a brief written in Word, as a brief file.

The same function as the editor's *File ▸ Import from Word…* (:func:`briefbook.wordimport.import_docx`).
What the document holds that a brief cannot (tables, pictures, text boxes) is printed
with its place, one line each, and the brief file written is read back and checked,
so its own warnings (a note whose words were not found) come with ``FILE:LINE:COLUMN``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def register(commands) -> None:
    """Add the ``import`` command to the parser's ``commands``."""
    command = commands.add_parser("import", help="read a brief written in Word (.docx) into a .brief.yaml file")
    command.add_argument("file", metavar="BRIEF.docx")
    command.add_argument("-o", "--output", metavar="OUT.brief.yaml",
                         help="where to write (default: beside BRIEF.docx, NAME.brief.yaml)")
    command.add_argument("--force", action="store_true", help="replace OUT if it exists (its old version is kept "
                                                              "as OUT~)")
    command.add_argument("--quiet", "-q", action="store_true", help="print only what was not imported, and problems")
    command.set_defaults(handler=cmd_import)


def _counts(brief) -> str:
    from briefbook.model import iter_sections
    from briefbook.model.notes import count_notes

    sections = sum(1 for _ in iter_sections(brief))
    notes = count_notes(brief)

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return ", ".join((plural(sections, "section"), plural(len(brief.footnotes), "footnote"), plural(notes, "note")))


def cmd_import(args: argparse.Namespace) -> int:
    from briefbook.cli import _exists, _path_problem
    from briefbook.fileformat import read, save
    from briefbook.problems import SaveError
    from briefbook.wordimport import WordImportError, default_output, import_docx

    source = Path(args.file)
    if problem := _path_problem(source):
        print(f"{source}: cannot import: {problem}.", file=sys.stderr)
        return EXIT_PROBLEMS
    target = Path(args.output) if args.output else default_output(source)
    if not target.name.endswith((".brief.yaml", ".yaml", ".yml")):
        target = target.with_name(target.name + ".brief.yaml")
    if _exists(target) and not args.force:
        print(f"{target}: already exists; not overwritten (use --force to replace it).", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        imported = import_docx(source)
    except WordImportError as exc:
        print(exc, file=sys.stderr)
        return EXIT_PROBLEMS
    for line in imported.report():
        print(line, file=sys.stderr)
    try:
        saved = save(imported.brief, target)
    except SaveError as exc:
        print(exc, file=sys.stderr)
        return EXIT_PROBLEMS
    checked = read(saved.path)
    for problem in checked.problems:
        print(problem.format(), file=sys.stderr)
    if not args.quiet:
        kept = f"; the previous file is kept as {saved.backup}" if saved.backup else ""
        left = f"; {len(imported.remarks)} thing{'s' * (len(imported.remarks) != 1)} not imported as is (see above)" \
            if imported.remarks else ""
        print(f"Imported {source} to {target} ({_counts(imported.brief)}){left}{kept}")
    return EXIT_OK
