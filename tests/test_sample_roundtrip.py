"""The shipped sample and starters are canonical: loading then saving changes no byte.

A shipped file that is not canonical would show as modified the first time an analyst
saves it unchanged, and would make diffs of real edits noisy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefbook.fileformat import read, save

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
SHIPPED = sorted([*TEMPLATES.glob("samples/*.brief.yaml"), *TEMPLATES.glob("starters/*.brief.yaml")])


def test_every_shipped_brief_is_covered() -> None:
    names = {p.name for p in SHIPPED}
    assert {"182-SPE-24-E.brief.yaml", "key-takeaways.brief.yaml", "long-brief.brief.yaml"} <= names


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_load_then_save_is_byte_identical(path: Path, tmp_path: Path) -> None:
    result = read(path)
    assert result.brief is not None and not result.problems, [str(p) for p in result.problems]
    assert not result.had_comments
    copy = tmp_path / path.name
    save(result.brief, copy)
    assert copy.read_bytes() == path.read_bytes()
