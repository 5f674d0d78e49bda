"""Budgets in the file: read from either YAML spelling, written on one line, refused with their place when wrong."""

from __future__ import annotations

import random

import pytest
import yaml

from briefbook.fileformat import dumps, loads
from briefbook.model import Budget

from conftest import REPO, SAMPLE

HEAD = "briefbook: 1\nmeta:\n  title: T\n"


def test_budgets_are_read_for_the_brief_and_for_sections() -> None:
    text = HEAD + ("budget: {pages: 5}\n"
                   "sections:\n"
                   "  - title: A\n"
                   "    budget:\n"
                   "      words: 500\n"
                   "      pages: 2\n"
                   "    sections:\n"
                   "      - title: A.1\n"
                   "        budget: {words: 120}\n"
                   "  - title: B\n")
    result = loads(text)
    assert result.errors == []
    brief = result.brief
    assert brief.budget == Budget(pages=5)
    assert brief.sections[0].budget == Budget(words=500, pages=2)
    assert brief.sections[0].sections[0].budget == Budget(words=120)
    assert not brief.sections[1].budget
    assert result.locate(("sections", 0, "budget", "pages")) == (9, 14)


def test_budgets_are_written_on_one_line_in_their_place() -> None:
    brief = loads(HEAD + "sections:\n  - title: A\n    body:\n      - Text.\n").brief
    brief.budget = Budget(words=2000, pages=5)
    brief.sections[0].budget = Budget(words=500)
    text = dumps(brief)
    assert "  website: www.nato-pa.int\nbudget: {pages: 5, words: 2000}\nsections:\n" in text
    assert "  - title: A\n    budget: {words: 500}\n    body:\n" in text
    assert loads(text).brief == brief
    assert dumps(loads(text).brief) == text


def test_a_budget_that_sets_nothing_is_not_written() -> None:
    brief = loads(HEAD + "budget:\nsections:\n  - title: A\n    budget: {}\n").brief
    assert not brief.budget and not brief.sections[0].budget
    assert "budget" not in dumps(brief)


def test_the_sample_round_trips_unchanged() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    assert dumps(loads(text).brief) == text


def test_random_briefs_with_budgets_round_trip() -> None:
    from test_fileformat_write import make_brief

    from briefbook.model import iter_sections

    for seed in range(20):
        rng = random.Random(seed)
        brief = make_brief(rng)
        brief.budget = Budget(words=rng.choice([None, 1, 2500]), pages=rng.choice([None, 3]))
        for entry in iter_sections(brief):
            entry.section.budget = Budget(words=rng.choice([None, 400]), pages=rng.choice([None, 1, 12]))
        text = dumps(brief)
        again = loads(text)
        assert again.errors == [], seed
        assert again.brief == brief, seed
        assert dumps(again.brief) == text, seed


@pytest.mark.parametrize(("budget", "column", "message"), [
    ("{words: -3}", 21, "expected a whole number of words above 0 for the budget (for example 'words: 2000'), "
                        "found the number -3"),
    ("{pages: 0}", 21, "found the number 0"),
    ("{pages: 1.5}", 21, "found the number 1.5"),
    ("{words: many}", 21, "found the text 'many'"),
    ("{words: 99999999999999999999}", 21, "found the number 99999999999999999999"),
    ("{words: [1]}", 21, "found a list"),
    ("{lines: 3}", 14, "unknown key 'lines' in the budget of a section; known keys: pages, words"),
    ("500", 13, "expected a budget ('pages:' or 'words:' and a number), found the number 500"),
])
def test_a_bad_budget_is_an_error_at_its_place(budget: str, column: int, message: str) -> None:
    result = loads(HEAD + f"sections:\n  - title: A\n    budget: {budget}\n", "b.brief.yaml")
    assert result.brief is None
    [problem] = result.errors
    assert (problem.file, problem.line, problem.column) == ("b.brief.yaml", 6, column)
    assert message in problem.message


def test_a_bad_brief_budget_names_the_brief() -> None:
    result = loads(HEAD + "budget: {pages: five}\n", "b.brief.yaml")
    [problem] = result.errors
    assert problem.format().startswith("b.brief.yaml:4:17: error: expected a whole number of pages above 0")


def test_the_schema_takes_good_budgets_and_refuses_bad_ones() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed (it is optional)")
    import json

    schema = json.loads((REPO / "resources" / "brief.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    good = yaml.safe_load(HEAD + "budget: {pages: 5}\nsections:\n  - title: A\n    budget: {words: 500, pages: 1}\n"
                                 "    sections:\n      - title: B\n        sections:\n          - title: C\n"
                                 "            budget: {words: 10}\n")
    assert list(validator.iter_errors(good)) == []
    for bad in ("budget: {pages: 0}\n", "budget: {words: 1.5}\n", "budget: {lines: 3}\n"):
        assert list(validator.iter_errors(yaml.safe_load(HEAD + bad))), bad
