"""Pasting takes time in proportion to what is pasted, whatever its shape.

Two kinds of check, neither with a clock in the test. Work done in Python is counted
(lines of Briefbook executed): twice the paste may cost at most twice the work. Work
done inside C — copying a growing string, searching the whole text once per line,
as the PDF joining once did (33 s for 40,000 lines) — is invisible to that count, so
the large pastes run in a subprocess with a timeout: a return of the slowness then
fails instead of blocking, and the result is checked for correctness.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import briefbook
from briefbook.markup import Run, parse
from briefbook.paste import html_to_text, join_pdf_lines, plain_to_text

from work_counter import lines_executed

REPO = Path(__file__).resolve().parent.parent
PACKAGE = Path(briefbook.__file__).parent


def run_python(code: str, timeout: float = 90) -> dict:
    """Run ``code`` in a fresh interpreter (a hang raises ``TimeoutExpired``); it prints one JSON object."""
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=timeout,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_two_hundred_thousand_dash_lines_join_in_a_subprocess() -> None:
    # 40,000 such lines took 33 s when each line searched and copied the text so far;
    # five times as many would take the old code more than ten minutes.
    result = run_python(
        "import json; from briefbook.paste import join_pdf_lines, plain_to_text\n"
        "text = '-\\n' * 200_000\n"
        "joined = join_pdf_lines(text); pasted = plain_to_text('Lead line of the copy\\n' + text)\n"
        "print(json.dumps({'joined': joined, 'pasted_length': len(pasted)}))")
    assert result["joined"] == "-" * 200_000  # every dash kept, one paragraph: they continue each other
    assert result["pasted_length"] >= 200_000


def test_thirty_thousand_links_paste_in_a_subprocess() -> None:
    result = run_python(
        "import json; from briefbook.paste import html_to_text\n"
        "html = '<p>' + ''.join(f'<a href=\"https://e.org/{i}\"><b>l{i}</b></a>, ' for i in range(30_000)) + '</p>'\n"
        "print(json.dumps({'text': html_to_text(html)}))", timeout=120)
    runs = [item for item in parse(result["text"]) if isinstance(item, Run)]
    links = [run for run in runs if run.href]
    assert [run.href for run in links] == [f"https://e.org/{i}" for i in range(30_000)]
    assert all(run.bold and run.text == f"l{i}" for i, run in enumerate(links))


PDF_SHAPES = {
    "dash lines": lambda n: "-\n" * n,
    "soft hyphens": lambda n: "Deter\u00ad\n" * n,
    "broken words": lambda n: "the defen-\nce line and a well-known defen-\n" * n,
    "bullets": lambda n: "".join(f"{' ' * (i % 7)}• point {i:05}\n" for i in range(n)),
    "wrapped text": lambda n: "Ministers agreed to continue increasing\nsurveillance and sharing\n\n3\n\n" * n,
}


@pytest.mark.parametrize("shape", list(PDF_SHAPES))
def test_pdf_joining_works_in_proportion_to_the_lines(shape: str) -> None:
    make = PDF_SHAPES[shape]
    small = lines_executed(lambda: plain_to_text(make(400)), PACKAGE)
    large = lines_executed(lambda: plain_to_text(make(800)), PACKAGE)
    assert large <= 2 * small + 200, (small, large)


HTML_SHAPES = {
    "links": lambda i: f'<a href="https://e.org/{i:05}">l{i:05}</a> ',
    "links in bold": lambda i: f'<b><a href="https://e.org/{i:05}">l{i:05}</a></b> x ',
    "nested formatting in links": lambda i: f'<a href="https://e.org/{i:05}"><b>l{i:05}</b> <i>m</i></a> ',
    "list items": lambda i: f'<li><a href="https://e.org/{i:05}">l{i:05}</a></li>',
    "unclosed tags": lambda i: f'<a href="https://e.org/{i:05}"><span>l{i:05} ',
    "unmatched end tags": lambda i: f"</span></b>x{i:05} ",
    "one address, many runs": lambda i: f'<a href="https://e.org/">l{i:05}</a><span>plain {i:05}</span>',
}


@pytest.mark.parametrize("shape", list(HTML_SHAPES))
def test_html_paste_works_in_proportion_to_the_fragment(shape: str) -> None:
    make = HTML_SHAPES[shape]
    small = lines_executed(lambda: html_to_text("".join(make(i) for i in range(300))), PACKAGE)
    large = lines_executed(lambda: html_to_text("".join(make(i) for i in range(600))), PACKAGE)
    assert large <= 2 * small + 200, (small, large)


def test_linear_joining_still_mends_words_as_before() -> None:
    """The set of hyphenated words replaces a search of the whole text; the rule it answers is the same."""
    assert join_pdf_lines("Strengthening the Alliance's defen-\nce and deterrence posture") == (
        "Strengthening the Alliance's defence and deterrence posture")
    assert join_pdf_lines("a well-known fact and a well-\nknown pattern of the last decade") == (
        "a well-known fact and a well-known pattern of the last decade")
    assert join_pdf_lines("the air-to-ground and the air-\nto rule of the wider region") == (
        "the air-to-ground and the air-to rule of the wider region")
    assert join_pdf_lines("Soft\u00ad\n\u00ad\nhyphens") == "Softhyphens"
    assert join_pdf_lines("x -\ny") == "x - y"
