"""The exporter writes the sample exactly as the golden files in ``tests/render/golden/`` say.

Any change to the XML the exporter writes — a style, a property, the order of parts
of a paragraph — fails here with a unified diff of the part. When the change is
intended, regenerate the golden files and commit them with it::

    python tests/render/regenerate_golden.py
"""

from __future__ import annotations

import difflib

import pytest
from regenerate_golden import GOLDEN, PARTS, golden_name, sample_parts

#: Lines of diff shown; the rest is counted.
SHOWN = 120


@pytest.fixture(scope="module")
def exported() -> dict[str, str]:
    return sample_parts()


@pytest.mark.parametrize("part", PARTS)
def test_sample_export_matches_its_golden_file(exported, part):
    name = golden_name(part)
    golden = GOLDEN / name
    assert golden.is_file(), f"{golden} is missing: run python tests/render/regenerate_golden.py"
    expected = golden.read_text(encoding="utf-8")
    actual = exported[name]
    if actual != expected:
        diff = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(), f"golden/{name}",
                                         f"export/{name}", lineterm=""))
        more = f"\n… {len(diff) - SHOWN} more lines" if len(diff) > SHOWN else ""
        pytest.fail(f"{part} differs from its golden file (if intended: python tests/render/regenerate_golden.py)"
                    f"\n" + "\n".join(diff[:SHOWN]) + more, pytrace=False)
