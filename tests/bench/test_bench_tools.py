"""The benchmark's own arithmetic and checks: a wrong p95 or a footnote counter that always
agrees would make RESULTS.md say what was never measured."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from briefbook.fileformat import load

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402 - bench/ is not a package; it is put on the path just above
import quotes_bench  # noqa: E402
import report  # noqa: E402
import run  # noqa: E402
import verify  # noqa: E402
from stats import Figure, fmt, percentile, summary  # noqa: E402


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.95) == 95.0
    assert percentile(values, 0.5) == 50.0
    assert percentile([3.0, 1.0, 2.0], 0.95) == 3.0
    assert percentile([7.0], 0.95) == 7.0
    with pytest.raises(ValueError):
        percentile([], 0.95)


def test_figure_verdicts():
    met = Figure("load", "load", 1, "s", 0.010, [0.004, 0.005, 0.020])
    assert met.median == 0.005 and met.met and met.verdict() == "met"
    missed = Figure("load", "load", 1, "s", 0.010, [0.011, 0.012, 0.002])
    assert not missed.met and missed.verdict() == "MISSED"
    assert Figure("load", "load", 10, "s", None, [0.1]).verdict() == "(info)"
    broken = Figure("load", "load", 1, "s", 0.010, error="no brief")
    assert broken.met is None and broken.verdict() == "not measured"


def test_formatting_and_summary():
    assert fmt(0.0123, "s") == "12.3 ms"
    assert fmt(1.5, "s") == "1.50 s"
    assert fmt(150.2, "MB") == "150 MB"
    assert fmt(2.345, "×") == "2.35"
    figure = Figure("start", "start", 1, "s", 0.6, [0.5, 0.7, 0.6])
    assert summary(figure) == ("600.0 ms", "500.0 ms – 700.0 ms")


def test_findings_are_read_by_figure_key(tmp_path):
    notes = tmp_path / "findings.md"
    notes.write_text("# Title\n\nintro\n\n## start\n\nslow imports\n\n## load@100\n\nslow reader\n", encoding="utf-8")
    assert report.findings(notes) == {"start": "slow imports", "load@100": "slow reader"}
    assert report.findings(tmp_path / "missing.md") == {}


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, list[str]]:
    from briefbook.markup import plain_text
    from briefbook.model import footnote_order
    from briefbook.render.docx import export_docx

    folder = tmp_path_factory.mktemp("bench-export")
    inputs = generate.generate(3, folder)
    brief = load(inputs.brief)
    out = folder / "x3.docx"
    export_docx(brief, out)
    return out, [plain_text(brief.footnotes[fid]) for fid in footnote_order(brief)]


def test_footnote_count_of_an_export(exported):
    docx, notes = exported
    assert verify.count_docx_footnotes(docx) == (len(notes), len(notes)) == (3, 3)


def test_footnote_count_sees_a_missing_note(exported, tmp_path):
    docx, _ = exported
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(docx) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/footnotes.xml":
                start = data.rindex(b"<w:footnote ")
                data = data[:start] + data[data.index(b"</w:footnote>", start) + len(b"</w:footnote>"):]
            dst.writestr(item, data)
    notes, references = verify.count_docx_footnotes(damaged)
    assert (notes, references) == (2, 3)
    assert not verify.Verification(3, docx_opens=True, docx_footnotes=notes, docx_references=references).passed


def test_text_matching_ignores_line_breaks_and_ligatures():
    assert verify._normal("For partici-\u00adpating\n nations, \ufb01ne") == "For partici-pating nations, fine"


def test_a_pause_row_is_each_sessions_longest_turn_while_typing_else_its_longest_of_all():
    done = run.Run(run.FULL, started=None)
    sessions = [
        {"quotation check": {"all": [9.0, 2.0, 3.0], "typing": [2.0, 3.0]},
         "spell check": {"all": [5.0, 1.0], "typing": []}},
        {"quotation check": {"all": [4.0, 1.0], "typing": []},
         "spell check": {"all": [6.0], "typing": []}},
    ]
    quotes_bench._pause_rows(done, 1, sessions)
    quotes = done.figure("pause_quotes", 1)
    assert quotes.values == [3.0]  # the second session typed over none of its turns; the opening's 9 ms is not typing
    assert quotes.target is not None and "2 of its 5 turns" in quotes.note and "9.0 ms" in quotes.note
    spell = done.figure("pause_spell", 1)
    assert spell.values == [5.0, 6.0] and spell.target is not None  # never while typing: its longest turn of all
    assert "longest turn of all" in spell.note
    watch = done.figure("pause_watch", 1)
    assert watch.values == [] and watch.target is None and watch.note == "did not run in these sessions"
