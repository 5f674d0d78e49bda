"""Reading a PDF as a reader does, with poppler's pdftotext: the contents' numbers and the headings' pages.

Not Briefbook's own reading (which uses the PDF's bookmark destinations): the words on
the pages, so the check agrees with what the reader sees.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")


def page_texts(pdf: Path) -> list[str]:
    """The words of each page, runs of space collapsed."""
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          timeout=60, check=True).stdout
    return [re.sub(r"\s+", " ", page).strip() for page in text.split("\f")]


#: An entry's dotted leader and the page number after it.
_LEADER_NUMBER = re.compile(r"\.{4,} ?(\d*)")


def contents_and_pages(pdf: Path, headings: list[str], contents_title: str = "CONTENTS") -> tuple[list[str],
                                                                                                  list[int]]:
    """The numbers the contents show, in order ("" where none), and the page each heading is printed on.

    The contents are read from the page whose text holds ``contents_title``; a heading's page
    is the first page after the contents where ``label title`` is printed.
    """
    pages = page_texts(pdf)
    start = next(index for index, text in enumerate(pages) if contents_title in text)
    numbers: list[str] = []
    page, offset = start, pages[start].index(contents_title)
    while len(numbers) < len(headings):
        match = _LEADER_NUMBER.search(pages[page], offset)
        if match is None:
            page, offset = page + 1, 0
            continue
        numbers.append(match.group(1))
        offset = match.end()
    found: list[int] = []
    for heading in headings:
        while heading not in pages[page][offset:]:
            page, offset = page + 1, 0
        offset = pages[page].index(heading, offset) + len(heading)
        found.append(page + 1)
    return numbers, found
