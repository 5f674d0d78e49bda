"""A bullet of megabytes of unclosed markup goes through every reader of text in linear time.

The shape ``**a*[b](`` repeated is the one that once made ``briefbook export`` run
for minutes while ``check`` passed in a second. Here it goes through the command line
in a subprocess with a timeout, so a return of the slowness fails instead of
blocking the suite; and the checks and the editor's highlighter, which read the same
text, have their work counted (lines of Briefbook executed, never a clock): twice
the text may cost at most twice the work.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pytest
from lxml import etree

import briefbook
from briefbook import fileformat
from briefbook.checks import check
from briefbook.markup import plain_text
from briefbook.model import Brief, Bullet, BulletList, Meta
from briefbook.render.docx import _move_children

from work_counter import lines_executed

REPO = Path(__file__).resolve().parents[2]
HOSTILE = "**a*[b]("

#: 1 MB: linear, the export takes a few seconds here (5 MB: 25 s); at the old, quadratic
#: cost it took 8 s at a fifth of this size, so 200 s here, past the timeout.
HOSTILE_BYTES = 1_000_000
TIMEOUT = 120


def hostile_brief(text: str) -> Brief:
    return Brief(meta=Meta(title="HOSTILE", reference="182 SPE 24 E"), takeaways=[BulletList([Bullet(text)])])


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefbook", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=TIMEOUT, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})


def test_export_of_megabytes_of_unclosed_markup_completes_with_its_text(tmp_path: Path) -> None:
    text = HOSTILE * (HOSTILE_BYTES // len(HOSTILE))
    path = tmp_path / "hostile.brief.yaml"
    fileformat.save(hostile_brief(text), path)
    checked = run_cli("check", str(path))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    out = tmp_path / "hostile.docx"
    exported = run_cli("export", "--quiet", str(path), "-o", str(out))  # a hang raises TimeoutExpired
    assert exported.returncode == 0, exported.stderr
    assert "Traceback" not in exported.stderr
    printed = "".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert plain_text(text) in printed  # every character that prints, in order
    assert len(plain_text(text)) > HOSTILE_BYTES // 2


def test_a_wide_element_moves_whole_and_in_order() -> None:
    """The export's move of the body into the document keeps every child, attribute and text."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    source = etree.Element(f"{{{w}}}body", nsmap={"w": w})
    for paragraph in range(3):
        p = etree.SubElement(source, f"{{{w}}}p")
        p.set(f"{{{w}}}rsidR", str(paragraph))
        for index in range(200 * paragraph):
            t = etree.SubElement(etree.SubElement(p, f"{{{w}}}r"), f"{{{w}}}t")
            t.text = f"{paragraph}.{index}"
    expected = [etree.tostring(child) for child in source]
    target = etree.fromstring(f'<w:document xmlns:w="{w}"><w:body/></w:document>')[0]
    _move_children(source, target)
    assert [etree.tostring(child) for child in target] == expected


@pytest.mark.parametrize("shape", [HOSTILE, "[", "*_", "[a](", "[^a", "\\", "a  \n  ", "[x](http://a.b) **c** "])
def test_checks_and_highlighter_work_in_proportion_to_the_text(shape: str) -> None:
    from briefbook.app.highlighter import inline_spans

    def work(repeats: int) -> int:
        text = shape * repeats
        brief = hostile_brief(text)
        brief.takeaways.append(BulletList([Bullet(text + "[^n]")]))
        brief.footnotes["n"] = text
        return lines_executed(lambda: (check(brief), inline_spans(text)), Path(briefbook.__file__).parent)

    small, large = work(300), work(600)
    assert large <= 2 * small + 200, (small, large)
