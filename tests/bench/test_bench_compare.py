"""The redline row's input: the edited copy has 100 scattered edits, and the redline finds each one once."""

from __future__ import annotations

import sys
from pathlib import Path

from briefbook.fileformat import read
from briefbook.redline import compare, summarise

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import compare_bench  # noqa: E402 - bench/ is not a package; it is put on the path just above
import generate  # noqa: E402


def test_the_edited_copy_differs_by_100_edited_paragraphs_spread_through_the_brief(tmp_path) -> None:
    inputs = generate.generate(10, tmp_path)
    edited, edits = compare_bench.with_edits(inputs)
    assert edits == 100
    old, new = read(inputs.brief), read(edited)
    assert old.brief is not None and new.brief is not None
    assert not [p for p in new.problems if p.is_error]
    stream = compare(old.brief, new.brief)
    summary = summarise(stream)
    assert (summary.changed_paragraphs, summary.inserted_paragraphs, summary.deleted_paragraphs, summary.moves) == (
        100, 0, 0, 0)
    changed = [i for i, t in enumerate(stream) if any(p.change.value != "same" for p in t.pieces)]
    assert changed[0] < len(stream) // 10 and changed[-1] > len(stream) * 8 // 10  # from the start to the end


def test_the_redline_of_every_text_edited_accepts_into_the_new_export_and_rejects_into_the_old(tmp_path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "redline"))
    from tracked_xml import note_texts, paragraph_texts, parts, resolved

    from briefbook.redline import build_redline
    from briefbook.render.docx import build_docx

    inputs = generate.generate(1, tmp_path)
    edited, edits = compare_bench.with_edits(inputs)
    old, new = read(inputs.brief).brief, read(edited).brief
    text = edited.read_text(encoding="utf-8").replace("toc: false", "toc: true")
    if "toc:" not in text:
        text = text.replace("meta:\n", "meta:\n  toc: true\n", 1)
    edited.write_text(text, encoding="utf-8")
    new = read(edited).brief
    assert new.meta.toc and edits > 50
    data, summary = build_redline(old, new)
    assert summary.changed_paragraphs + summary.inserted_paragraphs >= edits - 5
    for accept, version in ((True, new), (False, old)):
        export, result = parts(build_docx(version)), resolved(data, accept=accept)
        assert paragraph_texts(result["document"]) == paragraph_texts(export["document"]), accept
        assert note_texts(result.get("footnotes")) == note_texts(export.get("footnotes")), accept
