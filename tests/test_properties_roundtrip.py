"""Random valid briefs survive save → load unchanged, and export → python-docx with their text.

Hypothesis makes briefs of every shape the format allows: paragraphs, sub-headings and
bullets nested three deep, sections three levels deep, footnotes referenced from any
text, and texts mixing markup characters, escapes, non-Latin letters, emoji and
quotation marks. Each is saved to a real file and read back (it must come back equal,
and write the same bytes again), then exported and read by python-docx, a program
Briefbook did not write: every text prints in order with the style of its place,
every footnote prints under its number, every bullet at its level.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import docx
import pytest
from lxml import etree

hypothesis = pytest.importorskip("hypothesis")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from briefbook import fileformat  # noqa: E402
from briefbook.markup import Run, parse  # noqa: E402
from briefbook.model import Brief, Bullet, BulletList, Heading, Meta, Paragraph, Section  # noqa: E402
from briefbook.model.outline import footnote_order  # noqa: E402
from briefbook.render.docx import build_docx  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FOOTNOTE_IDS = ["fn1", "fn2", "note.a", "x-1"]

#: Letters of several scripts, punctuation, markup characters and emoji; no "^", so a
#: footnote reference is only where the strategy puts one.
WORDS = st.text(alphabet=st.sampled_from(list("abcXYZ ééжю“”’–…*_[]()\\!#:&<>\"'0") + ["\U0001f600"]),
                min_size=1, max_size=25)


@st.composite
def texts(draw) -> str:
    """A text with, sometimes, bold, italic, a link or a footnote reference in it."""
    parts = [draw(WORDS)]
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["bold", "italic", "link", "footnote", "plain"]))
        word = draw(st.text(alphabet="abcdefgh", min_size=1, max_size=8))
        parts.append({"bold": f" **{word}** ", "italic": f" *{word}* ", "link": f" [{word}](https://e.org/{word}) ",
                      "footnote": f"[^{draw(st.sampled_from(FOOTNOTE_IDS))}]", "plain": f" {word}"}[kind])
        parts.append(draw(WORDS))
    text = "".join(parts).strip()
    return text or "x"


def bullets(depth: int) -> st.SearchStrategy[list[Bullet]]:
    child = bullets(depth + 1) if depth < 3 else st.just([])
    return st.lists(st.builds(Bullet, texts(), child), min_size=1, max_size=3)


blocks = st.lists(st.one_of(st.builds(Paragraph, texts()), st.builds(Heading, texts()),
                            st.builds(BulletList, bullets(1))), max_size=4)


def sections(level: int) -> st.SearchStrategy[list[Section]]:
    children = sections(level + 1) if level < 3 else st.just([])
    return st.lists(st.builds(Section, texts(), blocks, children), max_size=2 if level > 1 else 3)


@st.composite
def briefs(draw) -> Brief:
    brief = Brief(meta=Meta(title=draw(texts()), event=draw(WORDS).strip() or "x", dates="17-18 October 2024",
                            reference="182 SPE 24 E", issued="October 2024"),
                  takeaways=draw(blocks), sections=draw(sections(1)))
    brief.footnotes = {fid: draw(texts()).replace("[^", "[") for fid in FOOTNOTE_IDS}
    return brief


def printed_text(text: str, numbers: dict[str, int] | None = None, seen: set[str] | None = None) -> str:
    """What a text prints as in Word: a first reference is a mark without text, a repeated one its number."""
    out = []
    for item in parse(text):
        if isinstance(item, Run):
            out.append(item.text)
        elif numbers is not None and seen is not None:
            if item.id in seen:
                out.append(str(numbers[item.id]))
            seen.add(item.id)
    return "".join(out)


def expected_body(brief: Brief) -> list[tuple[str, str]]:
    """(style, text) of the title and every paragraph after it, as the Assembly's template names them."""
    numbers = {fid: number for number, fid in enumerate(footnote_order(brief), start=1)}
    seen: set[str] = set()

    def printed(text: str) -> str:
        return printed_text(text, numbers, seen)

    out: list[tuple[str, str]] = [("Title", printed(brief.meta.title))]

    def body(items: list) -> None:
        for block in items:
            if isinstance(block, Paragraph):
                out.append(("Body Text", printed(block.text)))
            elif isinstance(block, Heading):
                out.append(("Subheading", printed(block.text)))
            else:
                listed(block.items, 1)

    def listed(items: list[Bullet], level: int) -> None:
        for bullet in items:
            out.append(("List Bullet" if level == 1 else f"List Bullet {min(level, 3)}", printed(bullet.text)))
            listed(bullet.children, level + 1)

    def tree(items: list[Section], level: int) -> None:
        for section in items:
            out.append((f"Heading {level}", printed(section.title)))
            body(section.body)
            tree(section.sections, level + 1)

    body(brief.takeaways)
    tree(brief.sections, 1)
    return out


SETTINGS = settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(briefs())
def test_save_then_load_gives_back_the_same_brief(brief: Brief) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.brief.yaml"
        fileformat.save(brief, path)
        result = fileformat.read(path)
        assert result.brief is not None, [p.format() for p in result.problems]
        assert result.brief == brief
        assert fileformat.dumps(result.brief) == path.read_text(encoding="utf-8")


@SETTINGS
@given(briefs())
def test_export_prints_every_text_footnote_and_bullet_level(brief: Brief) -> None:
    document = docx.Document(io.BytesIO(build_docx(brief)))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    titles = [index for index, (style, _) in enumerate(paragraphs) if style == "Title"]
    assert len(titles) == 1
    expected = [(style, text) for style, text in expected_body(brief) if text]  # empty texts print nothing
    assert paragraphs[titles[0]:] == expected

    notes = {}
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes"):
            root = etree.fromstring(rel.target_part.blob)
            for note in root.iter(f"{W}footnote"):
                if note.get(f"{W}type") is None:
                    notes[int(note.get(f"{W}id"))] = "".join(t.text or "" for t in note.iter(f"{W}t")).strip()
    order = footnote_order(brief)
    assert [notes[number] for number in sorted(notes)] == [printed_text(brief.footnotes[fid]).strip() for fid in order]
