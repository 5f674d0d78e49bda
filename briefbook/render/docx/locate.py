"""Where the shipped reference template is, in a source checkout and in an installed wheel.

A checkout has it at ``templates/assembly-brief.docx`` at the top of the repository;
the packaging maps the top-level ``templates/`` folder into the package, where
:mod:`briefbook.resources` knows to look. This module asks there first and falls back
to the places themselves, so the exporter still finds its template (or names the path
it expected) if the resources module cannot.
"""

from __future__ import annotations

from pathlib import Path

TEMPLATE_NAME = "assembly-brief.docx"

_PACKAGE = Path(__file__).resolve().parents[2]  # the briefbook package folder


def default_template() -> Path:
    """The shipped ``assembly-brief.docx``; the checkout's path if none is found."""
    try:
        from briefbook.resources import docx_template

        found = docx_template()
        if found.is_file():
            return found
    except (ImportError, FileNotFoundError):
        pass
    candidates = (
        _PACKAGE / "data" / "templates" / TEMPLATE_NAME,
        _PACKAGE / "templates" / TEMPLATE_NAME,
        _PACKAGE.parent / "templates" / TEMPLATE_NAME,
    )
    return next((path for path in candidates if path.is_file()), candidates[-1])
