"""``briefbook version new E.brief.yaml --language fr``: the other-language version of a brief.

The same function as the editor's *File ▸ New Language Version…*
(:func:`briefbook.versions.new_language_version`): the structure copied, the texts emptied
for the translator (or kept, marked as not yet translated, with ``--keep-text``), both
files linked to each other and saved with their ``~`` backups.
"""

from __future__ import annotations

import argparse
import sys

EXIT_OK, EXIT_PROBLEMS = 0, 1


def register(commands) -> None:
    """Add the ``version`` command (with its ``new`` action) to the parser's ``commands``."""
    version = commands.add_parser("version", help="linked language versions of a brief")
    actions = version.add_subparsers(dest="action", required=True, metavar="ACTION")
    new = actions.add_parser("new", help="make the other-language version of a brief, linked to it")
    new.add_argument("brief", metavar="BRIEF", help="the original (.brief.yaml)")
    new.add_argument("--language", "-l", required=True, help="the new version's language code (en, fr)")
    new.add_argument("-o", "--output", metavar="NEW.brief.yaml",
                     help="where to write (default: beside BRIEF, its language letter changed)")
    new.add_argument("--keep-text", action="store_true",
                     help="keep the original's texts, each section marked as not yet translated")
    new.add_argument("--quiet", "-q", action="store_true")
    new.set_defaults(handler=cmd_version_new)


def cmd_version_new(args: argparse.Namespace) -> int:
    from briefbook.languages import LanguagesError
    from briefbook.problems import BriefError, SaveError
    from briefbook.versions import new_language_version

    try:
        made = new_language_version(args.brief, args.language, args.output, keep_text=args.keep_text)
    except BriefError as exc:
        print(exc, file=sys.stderr)
        print(f"{args.brief}: cannot make another version: the brief has errors (see above).", file=sys.stderr)
        return EXIT_PROBLEMS
    except (LanguagesError, SaveError) as exc:
        print(exc, file=sys.stderr)
        return EXIT_PROBLEMS
    except ValueError as exc:
        print(f"{args.brief}: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:
        print(f"{args.brief}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    if not args.quiet:
        print(f"Wrote {made.path} ({made.translation.meta.reference or made.translation.meta.language}), "
              f"linked to {args.brief}")
    return EXIT_OK
