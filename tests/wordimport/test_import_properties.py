"""Random briefs of every shape the format allows, exported and imported again, print exactly as before."""

from __future__ import annotations

import pytest

hypothesis = pytest.importorskip("hypothesis")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from test_properties_roundtrip import briefs  # noqa: E402

from briefbook.markup import Run  # noqa: E402
from briefbook.markup.serialize import spaces_outside_formatting  # noqa: E402
from briefbook.render.docx import build_docx  # noqa: E402
from briefbook.render.walk import NoteMark, walk  # noqa: E402
from briefbook.wordimport import import_docx  # noqa: E402


def printed(brief) -> list[tuple]:
    """Every block as it prints: its role, level, number, and its runs' text and formatting, marks numbered.

    Spaces at the edge of formatting count as outside it, as the one writer puts them
    (``** bold**`` would not be bold): a bold space looks like any other.
    """
    out = []
    for block in walk(brief):
        runs: list = []
        stretch: list[Run] = []
        for item in [*block.runs, None]:
            if isinstance(item, Run):
                stretch.append(item)
                continue
            runs.extend((r.text, r.bold, r.italic, r.href) for r in spaces_outside_formatting(stretch))
            stretch = []
            if isinstance(item, NoteMark):
                runs.append(("mark", item.number))
        out.append((block.role, block.level, block.label, tuple(runs)))
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(brief=briefs())
def test_a_random_brief_comes_back_printing_the_same(brief, tmp_path):
    path = tmp_path / "random.docx"
    path.write_bytes(build_docx(brief))
    imported = import_docx(path)
    assert printed(imported.brief) == printed(brief)
    assert list(imported.brief.footnotes) == [fid for fid in brief.footnotes]
