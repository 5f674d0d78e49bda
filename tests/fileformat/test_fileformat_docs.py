"""docs/format.md stays true: its complete example is a brief exactly as Briefbook writes it."""

from __future__ import annotations

import re

from briefbook.fileformat import dumps, loads
from briefbook.model import iter_sections

from conftest import REPO

DOC = REPO / "docs" / "format.md"


def _first_yaml_block() -> str:
    match = re.search(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert match, "docs/format.md has a YAML example"
    return match.group(1)


def test_the_documented_example_reads_cleanly_and_is_canonical() -> None:
    text = _first_yaml_block()
    result = loads(text, "format.md")
    assert result.problems == [], [p.format() for p in result.problems]
    assert dumps(result.brief) == text


def test_the_documented_example_uses_every_part_of_the_format() -> None:
    brief = loads(_first_yaml_block()).brief
    assert brief is not None
    assert brief.meta.toc and brief.meta.disclaimer and "\n" in brief.meta.title
    assert {entry.level for entry in iter_sections(brief)} == {1, 2, 3}
    assert brief.footnotes and brief.sources[0].file
    nested = [b for block in brief.takeaways for b in getattr(block, "items", []) if b.children]
    assert nested and nested[0].children[-1].children, "bullets nest three levels"
