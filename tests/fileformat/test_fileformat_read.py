"""Reading briefs: the model built from the nodes, the line map, comments, leniency."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefbook.fileformat as fileformat
from briefbook.fileformat import FORMAT_VERSION, LineMap, LoadResult, load, loads, read
from briefbook.model import Address, Brief, Bullet, BulletList, Heading, Meta, Paragraph, Section, Source
from briefbook.problems import BriefError

EXAMPLE = """\
briefbook: 1
meta:
  body: NATO PARLIAMENTARY ASSEMBLY
  event: |-
    MEETING OF NATO
    MINISTERS OF DEFENCE
  dates: 17-18 October 2024
  kind: Information Document
  reference: 025 DSC 24 F rev.1
  original: English
  issued: October 2024
  language: fr
  title: 'TITLE: KEY TAKEAWAYS'
  website: www.nato-pa.int
  disclaimer: A custom disclaimer.
  toc: true
takeaways:
  - Opening paragraph.[^note]
  - bullets:
      - '**Parent**'
      - - child one
        - - grandchild
        - child two
      - second
  - heading: Focus
sections:
  - title: ONE
    body:
      - Body paragraph.
    sections:
      - title: Sub
        sections:
          - title: Third
            body:
              - bullets:
                  - deep bullet
  - title: TWO
    body:
      - heading: Sub-heading
footnotes:
  note: See [the release](https://www.nato.int/).
sources:
  - title: Press release
    url: https://www.nato.int/x
    file: sources/x.txt
"""


def expected_brief() -> Brief:
    return Brief(
        Meta(event="MEETING OF NATO\nMINISTERS OF DEFENCE", dates="17-18 October 2024", kind="Information Document",
             reference="025 DSC 24 F rev.1", issued="October 2024", language="fr", title="TITLE: KEY TAKEAWAYS",
             disclaimer="A custom disclaimer.", toc=True),
        [Paragraph("Opening paragraph.[^note]"),
         BulletList([Bullet("**Parent**", [Bullet("child one", [Bullet("grandchild")]), Bullet("child two")]),
                     Bullet("second")]),
         Heading("Focus")],
        [Section("ONE", [Paragraph("Body paragraph.")],
                 [Section("Sub", [], [Section("Third", [BulletList([Bullet("deep bullet")])])])]),
         Section("TWO", [Heading("Sub-heading")])],
        {"note": "See [the release](https://www.nato.int/)."},
        [Source("Press release", "https://www.nato.int/x", "sources/x.txt")],
    )


def test_the_example_reads_into_the_model() -> None:
    result = loads(EXAMPLE, "example.brief.yaml")
    assert result.problems == []
    assert result.brief == expected_brief()
    assert not result.had_comments
    assert fileformat.dumps(result.brief) == EXAMPLE
    assert FORMAT_VERSION == 1


def test_positions_of_model_paths() -> None:
    result = loads(EXAMPLE)
    assert result.locate(("meta", "event")) == (4, 10)
    assert result.locate(("takeaways",)) == (17, 1)
    assert result.locate(("takeaways", 0)) == (18, 5)
    assert result.locate(("takeaways", 1, "bullets", 0)) == (20, 9)
    assert result.locate(("takeaways", 1, "bullets", 0, "children", 0, "children", 0)) == (22, 13)
    assert result.locate(("takeaways", 1, "bullets", 0, "children", 1)) == (23, 11)
    assert result.locate(("takeaways", 1, "bullets", 1)) == (24, 9)
    assert result.locate(("sections", 0, "sections", 0, "sections", 0, "title")) == (33, 20)
    assert result.locate(("sections", 1, "body", 0)) == (39, 9)
    assert result.locate(("footnotes", "note")) == (41, 3)
    assert result.locate(("sources", 0, "url")) == (44, 10)


def test_the_line_map_is_keyed_by_typed_addresses() -> None:
    result = loads(EXAMPLE)
    assert isinstance(result.positions, LineMap)
    addresses = list(result.positions)
    assert addresses and all(type(a) is Address for a in addresses)
    assert Address.section(0, 0, 0).title in result.positions
    assert result.positions[Address.section(0, 0, 0).title] == (33, 20)
    assert result.positions[("sections", 0, "sections", 0, "sections", 0, "title")] == (33, 20)
    assert result.locate(Address.sources(0, "url")) == (44, 10)
    assert dict(result.positions.items())[Address.footnotes("note")] == (41, 3)


def test_problems_found_on_reading_carry_typed_addresses() -> None:
    result = loads(EXAMPLE.replace("Body paragraph.", "Body paragraph.[^nowhere]") + "extra: 1\n")
    assert result.problems
    assert all(type(p.path) is Address for p in result.problems)


def test_locate_falls_back_to_the_nearest_parent() -> None:
    result = loads(EXAMPLE)
    assert result.locate(("sections", 1, "body", 0, "no", "such", 7)) == (39, 9)
    assert result.locate(("sections", 9)) == result.locate(("sections",)) == (26, 1)
    assert result.locate(()) == (1, 1)
    assert LoadResult(None).locate(("meta", "title")) == (1, 1)


def test_check_problems_are_placed_at_their_line() -> None:
    text = EXAMPLE.replace("Body paragraph.", "Body paragraph.[^nowhere]")
    result = loads(text, "b.brief.yaml")
    assert result.brief is None
    [problem] = result.errors
    assert problem.path == ("sections", 0, "body", 0)
    assert problem.format().startswith("b.brief.yaml:29:9: error: the footnote reference [^nowhere]")


@pytest.mark.parametrize(("text", "commented"), [
    (EXAMPLE, False),
    ("# written by hand\n" + EXAMPLE, True),
    (EXAMPLE.replace("toc: true", "toc: true  # wanted by the committee"), True),
    (EXAMPLE.replace("  - heading: Focus\n", "  # - heading: Focus\n"), True),
    (EXAMPLE.replace("event: |-", "event: |- # two lines"), True),
    (EXAMPLE.replace("- Opening paragraph.[^note]", "- 'Opening # not a comment[^note]'"), False),
    (EXAMPLE.replace("MEETING OF NATO\n", "# MEETING OF NATO\n"), False),  # inside a block: text
    (EXAMPLE.replace("child two", "C# and F#"), False),
    (EXAMPLE.replace("child two", "C# and F# #hashtag"), True),  # YAML ends the text at ' #'

])
def test_comments_are_detected(text: str, commented: bool) -> None:
    result = loads(text)
    assert result.had_comments is commented
    assert result.brief is not None, [p.format() for p in result.problems]


def test_comments_are_detected_even_when_the_file_has_errors() -> None:
    assert loads("# mine\nbriefbook: 1\nmeta: 5\n").had_comments


@pytest.mark.parametrize(("yaml_text", "field", "value"), [
    ("dates: 2024", "dates", "2024"),
    ("issued: 10.2024", "issued", "10.2024"),
    ("title: yes", "title", "yes"),
    ("disclaimer: ~", "disclaimer", ""),
    ("disclaimer:", "disclaimer", ""),
    ("toc: yes", "toc", True),
    ("toc: false", "toc", False),
    ("toc:", "toc", False),
    ('title: "quoted"', "title", "quoted"),
])
def test_scalars_are_read_as_typed(yaml_text: str, field: str, value: object) -> None:
    result = loads(f"briefbook: 1\nmeta:\n  reference: 182 SPE 24 E\n  title: T\n  {yaml_text}\n".replace(
        "  title: T\n  title:", "  title:"))
    assert result.brief is not None, [p.format() for p in result.problems]
    assert getattr(result.brief.meta, field) == value


def test_missing_parts_take_their_defaults() -> None:
    result = loads("briefbook: 1\nmeta:\n  title: T\n  reference: 182 SPE 24 E\ntakeaways:\nsections: []\n")
    assert result.brief == Brief(Meta(title="T", reference="182 SPE 24 E"))


def test_a_byte_order_mark_and_windows_line_ends_are_accepted() -> None:
    data = ("\ufeff" + EXAMPLE).replace("\n", "\r\n").encode("utf-8")
    result = loads(data)
    assert result.brief == expected_brief()


@pytest.mark.parametrize(("snippet", "words", "line"), [
    ("takeaways:\n  - bullets:\n      - - orphan child\n", "must come right after the bullet", 5),
    ("takeaways:\n  - bullets:\n      - a\n      - - b\n      - - c\n", "merge the two lists", 7),
    ("takeaways:\n  - bullets:\n      - {text: x}\n", "expected a bullet's text", 5),
    ("takeaways:\n  - heading: H\n    bullets: [a]\n", "not both", 4),
    ("takeaways:\n  - {}\n", "empty mapping", 4),
    ("takeaways:\n  - [a, b]\n", "goes under 'bullets:'", 4),
    ("takeaways:\n  - heading: [a]\n", "expected the heading's text, found a list", 4),
    ("sections:\n  - body: [x]\n", "no 'title:'", 4),
    ("sections:\n  - Just a title\n", "expected a section", 4),
    ("sections:\n  - title: T\n    bdy: [x]\n", "did you mean 'body'", 5),
    ("footnotes:\n  bad id: text\n", "cannot be a footnote id", 4),
    ("sources:\n  - url: https://x.org\n", "no 'title:'", 4),
    ("sources:\n  - title: T\n    titel: U\n", "did you mean 'title'", 5),
    ("sources:\n  - title: T\n    link: https://x.org\n", "known keys: title, url, date, file, checksum", 5),
    ("sources: {a: b}\n", "expected a list of sources, found a mapping", 3),
    ("briefbook: 1\n", "given twice", 3),
    ("? [complex]\n: key\n", "expected a key name", 3),
])
def test_structure_errors(snippet: str, words: str, line: int) -> None:
    result = loads("briefbook: 1\nmeta: {title: T, reference: 182 SPE 24 E}\n" + snippet)
    assert result.brief is None
    first = result.errors[0]
    assert words in first.message, first.format()
    assert first.line == line, first.format()


def test_version_zero_and_negative_are_invalid() -> None:
    for version in ("0", "-1", "1.5", "[1]"):
        result = loads(f"briefbook: {version}\n")
        assert result.brief is None and "format version" in result.problems[0].message, version


def test_errors_and_warnings_are_kept_apart() -> None:
    text = EXAMPLE.replace("Body paragraph.", "Body paragraph.[^nowhere]") + "  spare: unused\n"
    text = text.replace("  spare: unused\n", "").replace("footnotes:\n", "footnotes:\n  spare: unused\n")
    result = loads(text)
    assert [p.severity.value for p in result.errors] == ["error"]
    assert [p.severity.value for p in result.warnings] == ["warning"]
    assert result.problems == sorted(result.problems, key=lambda p: (p.line, p.column))


def test_an_internal_fault_becomes_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self, root):
        raise ValueError("boom")

    monkeypatch.setattr(fileformat.Reader, "brief", broken)
    result = loads(EXAMPLE, "x.brief.yaml")
    assert result.brief is None
    assert "internal error" in result.problems[0].message and "boom" in result.problems[0].message
    assert result.problems[0].file == "x.brief.yaml"


def test_load_raises_brief_error_with_errors_first(tmp_path: Path) -> None:
    path = tmp_path / "b.brief.yaml"
    path.write_text(EXAMPLE.replace("footnotes:\n", "footnotes:\n  spare: x\n").replace("[^note]", "[^gone]"),
                    encoding="utf-8")
    with pytest.raises(BriefError) as raised:
        load(path)
    problems = raised.value.problems
    assert problems[0].is_error and not problems[-1].is_error
    assert str(path) in str(raised.value)


def test_load_and_read_agree(tmp_path: Path) -> None:
    path = tmp_path / "b.brief.yaml"
    path.write_text(EXAMPLE, encoding="utf-8")
    assert load(path) == read(path).brief == expected_brief()
