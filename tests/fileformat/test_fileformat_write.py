"""Canonical writing: load → save of a file Briefbook wrote gives the same bytes.

Briefs are generated from texts chosen to trip a YAML writer (indicators, quotes,
numbers and booleans, leading and trailing spaces, line breaks, Unicode); each must
read back equal, be written identically the second time, and mean the same to
PyYAML's pure-Python reader as to Briefbook's.
"""

from __future__ import annotations

import errno
import os
import random
from pathlib import Path

import pytest
import yaml

from briefbook.fileformat import dumps, loads, read, save
from briefbook.fileformat.writer import scalar
from briefbook.model import Brief, Bullet, BulletList, Heading, Meta, Paragraph, Section, Source
from briefbook.problems import SaveError

from conftest import REPO, SAMPLE

TRICKY = [
    "**Bold lead.** Plain rest.", "*italic*", "Focus: air defence", "ends with a colon:", ":colon first",
    "#1 priority", "C# and F#", "a # not a comment in text", "'single quotes'", '"double quotes"',
    "NATO's role", " leading space", "trailing space ", "-", "- looks like a bullet", "-5%", "?",
    "? a question mark", "2024", "1.5", "0x1F", "1e3", "1_000", "yes", "No", "on", "OFF", "true", "False",
    "null", "Null", "~", "=", "<<", "2024-10-17", "12:30", "Кириллица и “кавычки”", "“curly” quotes",
    "‘single curly’", "em—dash – en", "café", "non\u00a0breaking", "emoji 🎉 here", "tab\tinside",
    "two\nlines", "ends with a break\n", "ends with two breaks\n\n", "\nstarts with a break",
    " indented\nfirst line", "space before \nbreak", "a\n  indented second line", "a\n\nblank line between",
    "\\*escaped\\* stars", "[link](https://www.nato.int/)", "with a note[^fn]", "%percent", "@at", "`tick`",
    "|pipe", ">angle", "!bang", "&amp", "{brace}", "[bracket]", ",comma", "...", "---", "--- x", "a\r\nb",
    "nel\x85inside", "line\u2028separator", "\\", '"', "'", "''", "a: b: c", "key:value", "x #y", "x#y",
    "   ", "0o17", ".inf", "-.5", "+1", "2001-12-14t21:59:43.10-05:00", "*", "**", "& co", "!important",
    "% done", "a'b\"c", "\ttab first", "last tab\t", "quote ' and # and : all",
    "#a\nb", "a\n#b", "- a\n- b", "a: b\nc", "'q'\nx", "a\n\n\nb", "\u00a0\nx", "---\n...", "|\n>",
    "a\n  b\n c", "\ta\nb", "? x\n: y", "x\n ",
]


def make_brief(rng: random.Random) -> Brief:
    def text() -> str:
        return rng.choice(TRICKY) if rng.random() < 0.8 else " ".join(rng.sample(TRICKY, 3))

    def bullets(depth: int) -> list[Bullet]:
        out = []
        for _ in range(rng.randint(1, 4)):
            children = bullets(depth + 1) if depth < 3 and rng.random() < 0.3 else []
            out.append(Bullet(text(), children))
        return out

    def blocks() -> list:
        out = []
        for _ in range(rng.randint(0, 4)):
            kind = rng.random()
            out.append(Paragraph(text()) if kind < 0.3 else Heading(text()) if kind < 0.5
                       else BulletList(bullets(1)))
        return out

    def sections(level: int) -> list[Section]:
        return [Section(text(), blocks(), sections(level + 1) if level < 3 and rng.random() < 0.4 else [])
                for _ in range(rng.randint(0 if level > 1 else 1, 3))]

    meta = Meta(**{name: text() for name in ("body", "event", "dates", "kind", "reference", "original",
                                             "issued", "title", "website")},
                language=rng.choice(["en", "fr"]), disclaimer=rng.choice(["", text()]),
                toc=rng.random() < 0.5)
    # "fn" is always defined, as some texts refer to it
    footnotes = {"fn": text()} | {rng.choice(["note-1", "a.b_c", "2024", "yes", "null", "1.5"]) + str(i): text()
                                  for i in range(rng.randint(0, 3))}
    sources = [Source(text(), rng.choice(["", "https://www.nato.int/?a=1#x"]), rng.choice(["", "sources/a b.txt"]))
               for _ in range(rng.randint(0, 2))]
    return Brief(meta, blocks(), sections(1), footnotes, sources)


def _plain_structure(brief: Brief) -> dict:
    """What the file should mean to any YAML reader."""

    def bullets(items: list[Bullet]) -> list:
        out: list = []
        for item in items:
            out.append(item.text)
            if item.children:
                out.append(bullets(item.children))
        return out

    def blocks(items: list) -> list:
        return [b.text if isinstance(b, Paragraph) else {"heading": b.text} if isinstance(b, Heading)
                else {"bullets": bullets(b.items)} for b in items]

    def sections(items: list[Section]) -> list:
        out = []
        for s in items:
            entry: dict = {"title": s.title}
            if s.body:
                entry["body"] = blocks(s.body)
            if s.sections:
                entry["sections"] = sections(s.sections)
            out.append(entry)
        return out

    meta = {name: getattr(brief.meta, name) for name in ("body", "event", "dates", "kind", "reference",
                                                           "original", "issued", "language", "title", "website")}
    if brief.meta.disclaimer:
        meta["disclaimer"] = brief.meta.disclaimer
    if brief.meta.toc:
        meta["toc"] = True
    out: dict = {"briefbook": 1, "meta": meta}
    if brief.takeaways:
        out["takeaways"] = blocks(brief.takeaways)
    if brief.sections:
        out["sections"] = sections(brief.sections)
    if brief.footnotes:
        out["footnotes"] = dict(brief.footnotes)
    if brief.sources:
        out["sources"] = [{k: v for k, v in (("title", s.title), ("url", s.url), ("date", s.date), ("file", s.file),
                                                   ("checksum", s.checksum)) if v or k == "title"}
                          for s in brief.sources]
    return out


@pytest.mark.parametrize("seed", range(150))
def test_generated_briefs_round_trip_byte_identically(seed: int) -> None:
    brief = make_brief(random.Random(seed))
    text = dumps(brief)
    result = loads(text)
    assert result.brief == brief, [p.format() for p in result.errors]
    assert dumps(result.brief) == text
    assert not result.had_comments
    # PyYAML's pure-Python reader agrees on the meaning (footnote ids are keys: compare as text)
    parsed = yaml.load(text, Loader=yaml.SafeLoader)
    assert parsed == _plain_structure(brief)


@pytest.mark.parametrize("text", TRICKY)
def test_each_tricky_text_survives_in_every_place(text: str) -> None:
    brief = Brief(Meta(title=text, reference="182 SPE 24 E"), [Paragraph(text), Heading(text),
                  BulletList([Bullet(text, [Bullet(text, [Bullet(text)])])])],
                  [Section(text, [Paragraph(text)], [Section(text, [BulletList([Bullet(text)])])])],
                  {"fn": text}, [Source(text, text, text)])
    brief.takeaways.append(Paragraph("[^fn]"))  # so the footnote is used
    written = dumps(brief)
    assert loads(written).brief == brief
    assert dumps(loads(written).brief) == written


def test_single_line_texts_use_the_style_pyyaml_would_choose() -> None:
    """Files written by yaml.safe_dump with the same layout (like the shipped sample) stay as they are."""
    for text in TRICKY:
        if "\n" in text or "\r" in text or "\x85" in text or "\u2028" in text:
            continue
        theirs = yaml.safe_dump([text], allow_unicode=True, width=float("inf"))
        ours = "- " + scalar(text, 0)
        if not theirs.startswith('- "'):  # PyYAML escapes more inside double quotes
            assert ours == theirs, text


def test_canonical_layout() -> None:
    brief = Brief(
        Meta(event="MEETING\nOF MINISTERS", reference="182 SPE 24 E", title="A: B", toc=True),
        [Paragraph("Opening."), BulletList([Bullet("**Parent**", [Bullet("child", [Bullet("grandchild")])]),
                                             Bullet("next")]), Heading("Focus")],
        [Section("ONE", [BulletList([Bullet("x")])], [Section("Sub", [], [Section("Third", [Paragraph("p")])])]),
         Section("EMPTY")],
        {"note": "See [the release](https://www.nato.int/)."},
        [Source("Press release", "https://www.nato.int/x")],
    )
    assert dumps(brief) == """briefbook: 1
meta:
  body: NATO PARLIAMENTARY ASSEMBLY
  event: |-
    MEETING
    OF MINISTERS
  dates: ''
  kind: Policy Brief
  reference: 182 SPE 24 E
  original: English
  issued: ''
  language: en
  title: 'A: B'
  website: www.nato-pa.int
  toc: true
takeaways:
  - Opening.
  - bullets:
      - '**Parent**'
      - - child
        - - grandchild
      - next
  - heading: Focus
sections:
  - title: ONE
    body:
      - bullets:
          - x
    sections:
      - title: Sub
        sections:
          - title: Third
            body:
              - p
  - title: EMPTY
footnotes:
  note: See [the release](https://www.nato.int/).
sources:
  - title: Press release
    url: https://www.nato.int/x
"""


def test_literal_blocks_are_indented_under_their_key_or_dash() -> None:
    brief = Brief(Meta(title="T", reference="182 SPE 24 E"),
                  [BulletList([Bullet("a\nb", [Bullet("c\nd\n")])])])
    text = dumps(brief)
    assert "      - |-\n        a\n        b\n      - - |\n          c\n          d\n" in text
    assert loads(text).brief == brief


def test_texts_with_control_characters_are_written_readably_and_then_reported() -> None:
    brief = Brief(Meta(title="a\x07b\x00c", reference="182 SPE 24 E"))
    text = dumps(brief)
    assert '  title: "a\\ab\\0c"\n' in text
    assert yaml.safe_load(text)["meta"]["title"] == "a\x07b\x00c"
    result = loads(text)
    assert result.brief is None
    assert result.errors[0].path == ("meta", "title") and result.errors[0].line == 11


def test_the_sample_brief_saves_byte_identically(tmp_path: Path) -> None:
    original = SAMPLE.read_bytes()
    result = read(SAMPLE)
    assert result.brief is not None, [p.format() for p in result.problems]
    assert dumps(result.brief).encode("utf-8") == original
    copy = tmp_path / "copy.brief.yaml"
    save(result.brief, copy)
    assert copy.read_bytes() == original


def test_every_shipped_brief_saves_byte_identically() -> None:
    shipped = sorted((REPO / "templates").rglob("*.brief.yaml"))
    assert shipped, "templates/ ships briefs"
    for path in shipped:
        result = read(path)
        assert result.brief is not None, [p.format() for p in result.problems]
        assert dumps(result.brief) == path.read_text(encoding="utf-8"), path


def test_save_writes_a_file_that_reads_back(tmp_path: Path) -> None:
    brief = make_brief(random.Random(7))
    target = tmp_path / "b.brief.yaml"
    save(brief, target)
    assert read(target).brief == brief
    assert target.read_bytes() == dumps(brief).encode("utf-8")


def test_a_failed_save_leaves_the_old_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "b.brief.yaml"
    target.write_text("old content\n", encoding="utf-8")

    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SaveError) as raised:
        save(make_brief(random.Random(1)), target)
    assert str(target) in str(raised.value) and "permission denied" in str(raised.value)
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["b.brief.yaml"], "no temporary file left behind"


def test_saving_into_a_missing_folder_says_so(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "b.brief.yaml"
    with pytest.raises(SaveError, match="does not exist"):
        save(Brief(), target)


def test_a_broken_character_is_a_save_error_not_a_crash(tmp_path: Path) -> None:
    target = tmp_path / "b.brief.yaml"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(SaveError, match="U\\+D800"):
        save(Brief(Meta(title="broken \ud800")), target)
    assert target.read_text(encoding="utf-8") == "old\n"


def test_round_trip_without_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefbook.fileformat import compose

    monkeypatch.setattr(compose, "Loader", yaml.SafeLoader)
    for seed in range(20):
        brief = make_brief(random.Random(seed))
        text = dumps(brief)
        assert loads(text).brief == brief


def test_a_model_fault_is_a_save_error_and_the_file_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "b.brief.yaml"
    target.write_text("old\n", encoding="utf-8")
    brief = Brief(takeaways=["not a block"])  # type: ignore[list-item]
    with pytest.raises(SaveError, match="could not be written out"):
        save(brief, target)
    assert target.read_text(encoding="utf-8") == "old\n"
