"""Bytes → text, refusing what no brief contains before any YAML parser sees it.

A brief is tens of kilobytes of UTF-8. Anything far larger, anything that is not
UTF-8, binary data and characters that a Word document cannot hold are reported here,
each at its line and column, so the analyst can find the spot in any text editor.
These checks are cheap and run first, which also keeps hostile files away from the
parser entirely.
"""

from __future__ import annotations

from briefbook.checks import BAD_CHARACTERS, describe_character
from briefbook.problems import Problem, Severity

#: Largest file Briefbook reads. A 600-page brief is about 2 MB and a 4,000-page one
#: (the benchmark's ×1000) about 12 MB; the limit keeps a wrongly chosen file (a video,
#: a database dump) from being parsed at all.
MAX_FILE_BYTES = 16 * 1024 * 1024

#: How many bad characters are reported one by one before the rest are summed up.
MAX_CHARACTER_PROBLEMS = 20

_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


def _problem(message: str, line: int = 1, column: int = 1) -> Problem:
    return Problem(Severity.ERROR, message, (), "", line, column)


def too_large(size: int | None) -> Problem:
    """The file is over the limit; ``size`` is ``None`` when only "more than the limit" is known."""
    limit = MAX_FILE_BYTES // (1024 * 1024)
    what = f"{size / (1024 * 1024):.1f} MB" if size is not None else f"more than {limit} MB"
    return _problem(
        f"the file is too large to be a brief ({what}; briefs are at most {limit} MB). "
        "Check that this is the file you meant to open."
    )


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of the character at ``index``."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def decode(data: bytes) -> tuple[str | None, list[Problem]]:
    """The text of a brief file, or ``None`` and the problems that make it unreadable."""
    if len(data) > MAX_FILE_BYTES:
        return None, [too_large(len(data))]
    for bom, encoding in _BOMS.items():
        if data.startswith(bom):
            return None, [_problem(f"the file is encoded as {encoding}; briefs are UTF-8. "
                                   "Save it again as UTF-8 in your text editor.")]
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        column = nul - (data.rfind(b"\n", 0, nul) + 1) + 1
        return None, [_problem("this is not a text file: it holds binary data (a NUL byte here). "
                               "Check that this is the brief you meant to open.", line, column)]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[start:exc.start].decode("utf-8", errors="replace")) + 1
        bad = data[exc.start:exc.start + 1].hex().upper()
        return None, [_problem(
            f"the file is not valid UTF-8 (byte 0x{bad} here). It was probably saved in another "
            "encoding; save it again as UTF-8.", line, column)]
    problems = check_characters(text)
    return (None, problems) if problems else (text, [])


def check_characters(text: str) -> list[Problem]:
    """Each character YAML and Word cannot hold, at its place (the first few, then a count)."""
    problems: list[Problem] = []
    for count, match in enumerate(BAD_CHARACTERS.finditer(text)):
        if count == MAX_CHARACTER_PROBLEMS:
            rest = sum(1 for _ in BAD_CHARACTERS.finditer(text)) - count
            problems.append(_problem(f"{rest} more invisible control characters follow; "
                                     "was this file pasted from another program?", *line_column(text, match.start())))
            break
        problems.append(_problem(describe_character(match.group()), *line_column(text, match.start())))
    return problems
