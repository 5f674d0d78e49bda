"""The editor's text form of a body and its inverse."""

from __future__ import annotations

import random

import pytest
import yaml

from briefbook.model import Bullet, BulletList, Heading, Paragraph, iter_block_texts
from briefbook.model.bodytext import (
    LINE_BREAK,
    from_text,
    line_of,
    line_paths,
    normalise,
    paragraph_line,
    parse_line,
    to_text,
)

from conftest import SAMPLE

# Texts chosen to trip the line rules: markers, hashes, backslashes, Unicode, breaks.
TRICKY = [
    "plain", "- looks like a bullet", "* star", "+ plus", "• dot", "-", "*", "## heading-like",
    "# one hash", "###### six", "####### seven", "\\- escaped already", "\\\\- two backslashes",
    "\\", "ends with backslash \\", "**bold** lead", "*it*", "[NATO](https://nato.int)", "[^fn-1] ref",
    "“curly” — dash", "Кириллица", "line one\nline two", "tab\tinside", "2 * 3 = 6", "-5% growth",
    "#hashtag", "a\u00a0b", "  ", "1. numbered", "> quote",
]


def random_text(rng: random.Random) -> str:
    text = rng.choice(TRICKY)
    if rng.random() < 0.3:
        text += " " + rng.choice(TRICKY)
    return text.strip()


def random_bullets(rng: random.Random, depth: int) -> list[Bullet]:
    count = rng.randint(1, 4)
    return [
        Bullet(random_text(rng), random_bullets(rng, depth + 1) if depth < 4 and rng.random() < 0.35 else [])
        for _ in range(count)
    ]


def random_body(rng: random.Random) -> list:
    blocks: list = []
    for _ in range(rng.randint(0, 7)):
        roll = rng.random()
        if roll < 0.3:
            text = random_text(rng)
            if text:
                blocks.append(Paragraph(text))
        elif roll < 0.45:
            blocks.append(Heading(random_text(rng)))
        else:
            blocks.append(BulletList(random_bullets(rng, 0)))
    return blocks


@pytest.mark.parametrize("seed", range(300))
def test_generated_bodies_round_trip(seed: int) -> None:
    body = random_body(random.Random(seed))
    text = to_text(body)
    assert from_text(text) == body
    assert normalise(text) == text


@pytest.mark.parametrize("seed", range(100))
def test_line_paths_name_each_text(seed: int) -> None:
    body = random_body(random.Random(seed))
    text = to_text(body)
    places = list(iter_block_texts(body, ()))
    paths = [path for path in line_paths(text) if path is not None]
    assert paths == [place.path for place in places]
    lines = text.split("\n")
    for place in places:
        index = line_of(text, place.path)
        assert index is not None
        assert parse_line(lines[index]).text == place.text.replace("\n", LINE_BREAK)


def test_sample_bodies_round_trip() -> None:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))

    def blocks(raw: list) -> list:
        out: list = []
        for item in raw or []:
            if isinstance(item, str):
                out.append(Paragraph(item))
            elif "heading" in item:
                out.append(Heading(item["heading"]))
            else:
                out.append(BulletList(bullets(item["bullets"])))
        return out

    def bullets(raw: list) -> list[Bullet]:
        out: list[Bullet] = []
        for item in raw:
            if isinstance(item, list):
                out[-1].children = bullets(item)
            else:
                out.append(Bullet(item))
        return out

    bodies = [blocks(data["takeaways"])]
    stack = list(data["sections"])
    while stack:
        section = stack.pop()
        bodies.append(blocks(section.get("body")))
        stack.extend(section.get("sections") or [])
    assert sum(len(body) for body in bodies) > 10
    for body in bodies:
        assert from_text(to_text(body)) == body


def test_typed_text_reads_as_expected() -> None:
    text = "\n".join([
        "  Opening paragraph.  ",
        "",
        "- first",
        "* second, star marker",
        "  - child",
        "        - grandchild, over-indented",
        "    - sibling of the grandchild",
        "\t- child again, tab indent",
        "",
        "- a new list after a blank line",
        "## Heading",
        "# also a heading",
        "closing paragraph",
        "second paragraph, no blank line needed",
        "-no space, so a paragraph",
    ])
    assert from_text(text) == [
        Paragraph("Opening paragraph."),
        BulletList([
            Bullet("first"),
            Bullet("second, star marker", [
                Bullet("child", [Bullet("grandchild, over-indented"), Bullet("sibling of the grandchild")]),
                Bullet("child again, tab indent"),
            ]),
        ]),
        BulletList([Bullet("a new list after a blank line")]),
        Heading("Heading"),
        Heading("also a heading"),
        Paragraph("closing paragraph"),
        Paragraph("second paragraph, no blank line needed"),
        Paragraph("-no space, so a paragraph"),
    ]
    assert normalise(text).split("\n")[2:9] == [
        "- first",
        "- second, star marker",
        "  - child",
        "    - grandchild, over-indented",
        "    - sibling of the grandchild",
        "  - child again, tab indent",
        "",
    ]


def test_over_indented_first_bullet_is_top_level() -> None:
    assert from_text("      - deep\n  - shallower") == [BulletList([Bullet("deep"), Bullet("shallower")])]
    assert from_text("- a\n      - b") == [BulletList([Bullet("a", [Bullet("b")])])]


def test_guarded_paragraphs() -> None:
    assert paragraph_line("- not a bullet") == "\\- not a bullet"
    assert paragraph_line("\\- escaped") == "\\\\- escaped"
    assert paragraph_line("-5%") == "-5%"
    assert from_text("\\- not a bullet") == [Paragraph("- not a bullet")]
    assert from_text("\\*emphasis\\*") == [Paragraph("\\*emphasis\\*")]


def test_line_breaks_inside_texts() -> None:
    body = [BulletList([Bullet("first line\nsecond line")])]
    text = to_text(body)
    assert text == f"- first line{LINE_BREAK}second line"
    assert len(text.split("\n")) == 1
    assert from_text(text) == body


def test_windows_line_ends_and_empty_input() -> None:
    assert from_text("") == []
    assert from_text("\n\n  \n") == []
    assert from_text("- a\r\n- b\r\n") == [BulletList([Bullet("a"), Bullet("b")])]


def test_line_of_accepts_list_and_text_suffixes() -> None:
    text = "intro\n\n- a\n  - b\n\n## h"
    assert line_paths(text) == [(0,), None, (1, "bullets", 0), (1, "bullets", 0, "children", 0), None, (2,)]
    assert line_of(text, (1, "bullets", 0, "children", 0)) == 3
    assert line_of(text, (1,)) == 2
    assert line_of(text, (1, "bullets")) == 2
    assert line_of(text, (0, "text")) == 0
    assert line_of(text, (7,)) is None
    assert line_of(text, ()) is None


def test_parse_line_columns() -> None:
    line = parse_line("    - text")
    assert (line.kind, line.level, line.indent, line.marker_end, line.text_start, line.text) == (
        "bullet", 2, 4, 5, 6, "text")
    assert parse_line("## Title").text_start == 3
    assert parse_line("\\- x").text_start == 1
    assert parse_line("   ").kind == "blank"
