"""The quotation check on the command line: ``briefbook check --quotes`` and the warnings of ``briefbook check``.

``--quotes`` lists every quotation of a brief, one line each, the way a compiler lists
what it found — ``FILE:LINE:COLUMN: verified: “first words…” — source title`` — with the
difference on an indented line below an altered one, then a summary. The plain check adds
a warning for each quotation altered or not found, once the brief has a source with a
stored text (a brief that keeps none has nothing to check its quotations against).
"""

from __future__ import annotations

from pathlib import Path

from briefbook.filekinds import read_ordinary
from briefbook.model import Brief
from briefbook.problems import Problem
from briefbook.quotes.check import (
    ALTERED,
    NOT_FOUND,
    VERIFIED,
    Verdict,
    check_brief,
    first_words,
    format_diff,
    place,
    quote_problems,
    unclosed_problems,
)
from briefbook.quotes.find import Quotation, unclosed
from briefbook.sources.store import SourceSet, read_sources


def has_stored_sources(brief: Brief) -> bool:
    """Whether any source of the brief names a stored text to check quotations against."""
    return any(source.file for source in brief.sources)


def _lines(name: str) -> list[str]:
    return read_ordinary(name, 1 << 30).decode("utf-8", "replace").split("\n")


def source_texts(path: str | Path, brief: Brief) -> SourceSet:
    """The stored texts of the sources of the brief at ``path``, and the problems reading them."""
    return read_sources(Path(path), brief)


def _sources(name: str, result) -> tuple[SourceSet, list[Problem]]:
    """The brief's source texts, and the problems reading them, placed in the brief's file."""
    found = source_texts(name, result.brief)
    problems = [problem.located(name, *result.positions.locate(problem.path)) for problem in found.problems]
    return found, problems


def quote_warnings(name: str, result) -> list[Problem]:
    """For ``briefbook check``: the sources' problems and a warning for each quotation altered or not found,
    or nothing when no source of the brief has a stored text."""
    brief = result.brief
    if brief is None or not has_stored_sources(brief):
        return []
    found, problems = _sources(name, result)
    lines = _lines(name)
    results = check_brief(brief, found.texts)
    return [*problems,
            *quote_problems(results, brief=brief, positions=result.positions, lines=lines, filename=name),
            *unclosed_problems(unclosed(brief), brief=brief, positions=result.positions, lines=lines,
                               filename=name)]


def quotation_line(name: str, where: tuple[int, int], quotation: Quotation, verdict: Verdict) -> str:
    """One quotation of ``--quotes``: place, class, first words, and the source it was found in."""
    line = f"{name}:{where[0]}:{where[1]}: {verdict.kind}: {first_words(quotation.printed)}"
    if verdict.kind in (VERIFIED, ALTERED):
        line += f" — {verdict.title}"
    if verdict.kind == ALTERED:
        line += f"\n    {format_diff(verdict.diff)}"
    return line


def report(name: str, result) -> tuple[list[str], list[Problem]]:
    """The lines ``--quotes`` prints for a brief read without errors, and the warnings to print with them."""
    brief = result.brief
    found, problems = _sources(name, result)
    lines = _lines(name)
    results = check_brief(brief, found.texts)
    problems += unclosed_problems(unclosed(brief), brief=brief, positions=result.positions, lines=lines,
                                  filename=name)
    out = [quotation_line(name, place(brief, result.positions, lines, quotation), quotation, verdict)
           for quotation, verdict in results]
    counts = {kind: sum(verdict.kind == kind for _, verdict in results) for kind in (VERIFIED, ALTERED, NOT_FOUND)}
    total = len(results)
    summary = (f"{name}: {total} quotation{'' if total == 1 else 's'}: {counts[VERIFIED]} verified, "
               f"{counts[ALTERED]} altered, {counts[NOT_FOUND]} not found")
    if not found.texts:
        summary += " (no source of the brief has a stored text to check them against)"
    else:
        stored = len(found.texts)
        summary += f", against {stored} source{'' if stored == 1 else 's'}"
    out.append(summary)
    return out, problems
