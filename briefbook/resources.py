"""Where Briefbook's shipped files are: templates and resources.

In a source checkout they sit at the top of the repository (``templates/``,
``resources/``); in an installed wheel the packaging maps them into the package as
``briefbook/data/templates`` and ``briefbook/data/resources``. Everything that needs a shipped
file asks here, so there is one answer to "where is it".

Nothing is looked up when the module is imported: the first question finds the
folders and later ones get the same answer, until :func:`forget_locations` (for a
tool or test that installs or moves the data while running).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def _package() -> Path:
    """The installed ``briefbook`` package's folder, links resolved (looked up on first use)."""
    return Path(__file__).resolve().parent


@cache
def _folder(name: str) -> Path:
    package = _package()
    installed = package / "data" / name
    if installed.is_dir():
        return installed
    checkout = package.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"Briefbook's {name} folder is missing from the installation ({installed}).")


def forget_locations() -> None:
    """Find the folders afresh at the next question."""
    _package.cache_clear()
    _folder.cache_clear()


def templates_dir() -> Path:
    return _folder("templates")


def resources_dir() -> Path:
    return _folder("resources")


def docx_template() -> Path:
    """The Assembly's reference DOCX whose styles carry the house style."""
    return templates_dir() / "assembly-brief.docx"


def sample_brief() -> Path:
    return templates_dir() / "samples" / "182-SPE-24-E.brief.yaml"


def starter_templates() -> dict[str, Path]:
    """Starter templates by name (the file name without ``.brief.yaml``), sorted."""
    folder = templates_dir() / "starters"
    found = {p.name.removesuffix(".brief.yaml"): p for p in folder.glob("*.brief.yaml")}
    return dict(sorted(found.items()))
