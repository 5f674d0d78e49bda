"""The benchmark's generated inputs are what the figures claim to measure.

A ×N brief must have N times the sample's sections, distinct texts (so no cache is
measured instead of the work) and N distinct footnotes, and load without errors; the
Markdown given to pandoc must carry the same footnotes and structure.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from shutil import which

import pytest
import yaml

from briefbook.fileformat import read
from briefbook.markup import footnote_refs, plain_text
from briefbook.model import footnote_order, iter_sections, iter_texts

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402 - bench/ is not a package; it is put on the path just above

SAMPLE_DATA = yaml.safe_load(generate.SAMPLE.read_text(encoding="utf-8"))
SAMPLE_SECTIONS = len(SAMPLE_DATA["sections"])
SAMPLE_FOOTNOTES = len(SAMPLE_DATA["footnotes"])


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[int, generate.Inputs]:
    folder = tmp_path_factory.mktemp("bench-inputs")
    return {scale: generate.generate(scale, folder) for scale in (1, 3, 10)}


@pytest.mark.parametrize("scale", [1, 3, 10])
def test_scaled_brief_loads_without_problems(made, scale):
    result = read(made[scale].brief)
    assert result.brief is not None, [p.format() for p in result.problems]
    assert [p.format() for p in result.problems if p.is_error] == []


@pytest.mark.parametrize("scale", [1, 3, 10])
def test_scaled_brief_has_n_times_the_sections_and_footnotes(made, scale):
    brief = read(made[scale].brief).brief
    top = [entry for entry in iter_sections(brief) if entry.level == 1]
    assert len(top) == scale * SAMPLE_SECTIONS == made[scale].sections
    assert len(brief.footnotes) == scale * SAMPLE_FOOTNOTES == made[scale].footnotes
    assert len(footnote_order(brief)) == scale * SAMPLE_FOOTNOTES  # every footnote is referenced
    assert len(set(brief.footnotes.values())) == len(brief.footnotes)  # and its text differs


def test_first_copy_is_the_sample_itself(made):
    sample = read(generate.SAMPLE).brief
    scaled = read(made[3].brief).brief
    assert scaled.meta == sample.meta
    assert scaled.takeaways == sample.takeaways
    assert scaled.sections[:SAMPLE_SECTIONS] == sample.sections
    assert read(made[1].brief).brief == sample


def test_later_copies_vary_every_text_but_keep_the_structure(made):
    brief = read(made[10].brief).brief
    texts = [place.text for place in iter_texts(brief) if place.text.strip()]
    assert len(texts) == len(set(texts)), "a text repeats: the inline parser's cache would be measured"
    first, later = brief.sections[0], brief.sections[SAMPLE_SECTIONS]
    assert len(first.body) == len(later.body)
    assert [type(block) for block in first.body] == [type(block) for block in later.body]
    assert first.title != later.title


def test_varied_text_keeps_markup_intact(made):
    brief = read(made[10].brief).brief
    links = [t for t in brief.footnotes.values() if "](https://www.nato.int/" in t]
    assert len(links) == len(brief.footnotes)  # link targets are never varied
    bold = sum(place.text.count("**") for place in iter_texts(brief))
    assert bold % 2 == 0 and bold > 10 * 40


def test_markdown_has_every_footnote_defined_and_referenced(made):
    for scale in (1, 10):
        text = made[scale].markdown.read_text(encoding="utf-8")
        brief = read(made[scale].brief).brief
        defined = re.findall(r"^\[\^([^\]]+)\]: ", text, flags=re.MULTILINE)
        assert sorted(defined) == sorted(brief.footnotes)
        for fid in brief.footnotes:
            assert len(re.findall(rf"\[\^{re.escape(fid)}\](?!:)", text)) == 1


def test_markdown_carries_the_same_content(made):
    text = made[10].markdown.read_text(encoding="utf-8")
    brief = read(made[10].brief).brief
    headings = re.findall(r"^# (\S+) (.*)$", text, flags=re.MULTILINE)
    assert [label for label, _ in headings][:3] == ["I.", "II.", "III."]
    assert [title for _, title in headings] == [s.title for s in brief.sections]
    assert len(re.findall(r"^    - ", text, flags=re.MULTILINE)) > 0  # nested bullets
    for place in list(iter_texts(brief))[:80]:
        first_line = place.text.split("\n")[0]
        if first_line and not footnote_refs(first_line):
            assert first_line in text


@pytest.mark.skipif(which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_reads_the_markdown_footnotes(made):
    done = subprocess.run(["pandoc", "-f", "markdown", "-t", "plain", str(made[3].markdown)],
                          capture_output=True, text=True, check=True)
    brief = read(made[3].brief).brief
    for note in brief.footnotes.values():
        assert plain_text(note) in " ".join(done.stdout.split())


def test_scale_must_be_positive():
    with pytest.raises(ValueError):
        generate.scaled_data(SAMPLE_DATA, 0)


def test_the_generated_sources_hold_the_quotations_they_claim(made):
    import sources_gen

    from briefbook.quotes import check_brief
    from briefbook.sources.store import read_sources

    sourced = sources_gen.with_sources(made[3], count=4, pages=5)
    result = read(sourced.brief)
    assert result.problems == []
    found = read_sources(sourced.brief, result.brief)
    assert found.problems == [] and len(found.texts) == 4
    assert all(len(t.text) >= 5 * sources_gen.CHARS_PER_PAGE for t in found.texts)
    kinds = [verdict.kind for _, verdict in check_brief(result.brief, found.texts)]
    # every planted passage is found as written or with its one word changed; those left out are not
    assert kinds.count("verified") >= sourced.planted
    assert kinds.count("not found") >= sourced.left_out > 0
    assert kinds.count("altered") > 0
