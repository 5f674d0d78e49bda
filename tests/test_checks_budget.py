"""A brief or a section longer than its budget is a warning at the budget's place."""

from __future__ import annotations

from briefbook.checks import budget_problems, check
from briefbook.counts import BriefCounts
from briefbook.fileformat import loads, read
from briefbook.model import Address, Brief, Budget, Meta, Paragraph, Section

from conftest import SAMPLE


def sample_with(**budgets: Budget) -> Brief:
    brief = read(SAMPLE).brief
    if "brief" in budgets:
        brief.budget = budgets["brief"]
    if "second" in budgets:
        brief.sections[1].budget = budgets["second"]
    return brief


def test_a_section_over_its_words_is_a_warning_at_its_budget() -> None:
    brief = sample_with(second=Budget(words=300))
    words = BriefCounts().section(brief, Address.section(1)).words
    assert words > 300
    [problem] = [p for p in check(brief) if "budget" in p.message]
    assert not problem.is_error
    assert problem.message == f"section II 'SUPPORT FOR UKRAINE' is {words:,} words; its budget is 300"
    assert problem.path == Address.section(1).child("budget", "words")


def test_within_budget_says_nothing() -> None:
    brief = sample_with(brief=Budget(words=5000, pages=5), second=Budget(words=1000, pages=2))
    assert list(budget_problems(brief)) == []


def test_the_brief_over_its_pages_and_words() -> None:
    brief = sample_with(brief=Budget(words=1000, pages=4))
    messages = [p.message for p in budget_problems(brief)]
    assert messages == ["the brief is 1,605 words; its budget is 1,000",
                        "the brief is about 5 pages; its budget is 4 pages"]


def test_a_section_over_its_pages() -> None:
    brief = Brief(Meta(title="T"), [], [Section("LONG", [Paragraph("word " * 400)] * 3, budget=Budget(pages=1))])
    [problem] = list(budget_problems(brief))
    assert problem.message.startswith("section I 'LONG' is about 1.")
    assert problem.message.endswith("pages; its budget is 1 page")


def test_the_warning_is_printed_at_the_line_of_the_budget() -> None:
    text = ("briefbook: 1\nmeta:\n  title: T\n  reference: 182 SPE 24 E\nbudget: {words: 3}\n"
            "sections:\n  - title: A\n    budget: {words: 2}\n    body:\n      - One two three four.\n")
    result = loads(text, "b.brief.yaml")
    assert [p.format() for p in result.warnings] == [
        "b.brief.yaml:5:17: warning: the brief is 4 words; its budget is 3",
        "b.brief.yaml:8:21: warning: section I 'A' is 4 words; its budget is 2",
    ]


def test_the_editor_s_counts_give_the_same_warnings() -> None:
    brief = sample_with(brief=Budget(words=1000), second=Budget(words=300))
    counts = BriefCounts()
    assert check(brief, counts) == check(brief)
    brief.sections[1].body = [Paragraph("Short now.")]
    counts.forget(brief, Address.section(1).body)
    assert [p.message for p in check(brief, counts) if "budget" in p.message] == [
        p.message for p in check(brief) if "budget" in p.message]
    assert not any("section II" in p.message for p in check(brief, counts))
