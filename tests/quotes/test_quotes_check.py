"""Matching quotations against source texts: what is tolerated, omissions, altered words, short quotations."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from briefbook.fileformat import loads
from briefbook.model import Address, Brief, Paragraph, Source
from briefbook.quotes import ALTERED, NOT_FOUND, VERIFIED, QuoteChecker, check_brief, format_diff, quote_problems
from briefbook.quotes.check import ALTERED_SHARE
from briefbook.quotes.find import quotations_in
from briefbook.quotes.index import PART

RELEASE = (
    "Warning of Russia’s “increasingly irresponsible rhetoric”, the Secretary General said the Alliance’s "
    "nuclear deterrent remains “vital” to preserve peace, prevent coercion and deter aggression.\n\n"
    "On Thursday (17 October), NATO Defence Ministers were joined for the first time by their counterparts "
    "from Australia, Japan, the Republic of Korea and New Zealand for talks on common security challenges, "
    "including in the context of Ukraine and the support that China, North Korea, and Iran are providing to "
    "Russia’s war effort. He reiterated that Ukraine’s path to NATO membership is irreversible. \"Ukraine "
    "will be member of NATO, there is no doubt about it, and until that happens we will make sure that "
    "Ukraine has everything it needs to prevail,\" he said. Work is well-underway on the Asia-Pacific plan."
)


@dataclass(frozen=True)
class Text:
    index: int
    source: Source
    text: str


def texts(*bodies: str) -> list[Text]:
    return [Text(i, Source(title=f"Source {i + 1}"), body) for i, body in enumerate(bodies)]


def verdict(quoted: str, *bodies: str):
    return QuoteChecker(texts(*(bodies or (RELEASE,)))).verdict(quoted)


@pytest.mark.parametrize("quoted", [
    "“Ukraine will be member of NATO, there is no doubt about it, and until that happens we will make sure "
    "that Ukraine has everything it needs to prevail.”",
    '"Ukraine will be member of NATO, there is no doubt about it"',  # straight quotes as the source has them
    "« ukraine will be MEMBER of nato, there is no doubt about it »",  # case, guillemets
    "“Ukraine will be member\nof NATO — there is no doubt\n about it”",  # line breaks, a dash for a comma
    "“the Alliance's nuclear deterrent remains \"vital\" to preserve peace”",  # apostrophe, nested quotes
    "“Russia's war effort”",
    "“well – underway on the Asia—Pacific plan”",  # dash forms for hyphens
    "“vital”",
    "“Republic of Korea”",
])
def test_verified_despite_what_is_tolerated(quoted):
    found = verdict(quoted)
    assert found.kind == VERIFIED, found
    assert found.source == 0 and found.title == "Source 1"
    assert RELEASE[found.start:found.end] == found.wording


def test_markup_inside_a_quotation_is_not_compared():
    text = "He said **“Ukraine will be member** of NATO, there is *no doubt* about it.”"
    (quotation,) = quotations_in(Address(("x",)), text)
    assert QuoteChecker(texts(RELEASE)).verdict(quotation).kind == VERIFIED


@pytest.mark.parametrize("mark", ["[...]", "[…]", "…", "(...)", "[ . . . ]", "(…)", "..."])
def test_an_omission_mark_stands_for_the_words_left_out(mark):
    found = verdict(f"“Ukraine will be member of NATO {mark} we will make sure that Ukraine has everything”")
    assert found.kind == VERIFIED, found
    assert ("elided", "there is no doubt about it, and until that happens") in found.diff
    assert found.wording.startswith("Ukraine will be member") and found.wording.endswith("has everything")


def test_a_trailing_omission_mark_needs_nothing_after_it():
    found = verdict("“Ukraine will be member of NATO, there is no doubt about it…”")
    assert found.kind == VERIFIED and found.diff == []


def test_the_pieces_around_an_omission_must_be_in_order_and_near():
    assert verdict("“we will make sure that Ukraine has everything [...] Ukraine will be member of NATO”").kind \
        != VERIFIED
    far = "Ukraine will be member of NATO. " + " ".join(f"filler{i}" for i in range(400)) + " It needs to prevail."
    assert verdict("“Ukraine will be member of NATO [...] it needs to prevail”", far).kind != VERIFIED
    near = "Ukraine will be member of NATO. " + " ".join(f"filler{i}" for i in range(40)) + " It needs to prevail."
    assert verdict("“Ukraine will be member of NATO [...] it needs to prevail”", near).kind == VERIFIED


def test_words_left_out_without_a_mark_is_altered():
    found = verdict("“Ukraine will be member of NATO, there is no doubt, and until that happens we will make sure”")
    assert found.kind == ALTERED
    assert ("delete", "about it") in found.diff


def test_one_word_changed_is_altered_with_the_source_wording_and_the_difference():
    found = verdict("“Ukraine will be member of NATO, there is little doubt about it, and until that happens”")
    assert found.kind == ALTERED
    assert found.wording == "Ukraine will be member of NATO, there is no doubt about it, and until that happens"
    assert ("delete", "no") in found.diff and ("insert", "little") in found.diff
    assert format_diff(found.diff) == ("… be member of NATO, there is [-no-] {+little+} doubt about it, "
                                       "and until that happens")


@pytest.mark.parametrize("quoted, changed", [
    ("“Zebra will be member of NATO, there is no doubt”", ("Ukraine", "Zebra")),
    ("“Ukraine will be member of NATO, there is no qualm”", ("doubt", "qualm")),
])
def test_a_changed_first_or_last_word_is_aligned_with_the_source_word_it_replaced(quoted, changed):
    found = verdict(quoted)
    assert found.kind == ALTERED
    assert ("delete", changed[0]) in found.diff and ("insert", changed[1]) in found.diff
    assert found.wording.startswith("Ukraine") and found.wording.endswith(("doubt", "doubt about it"))


def test_words_added_are_shown_as_added():
    found = verdict("“Ukraine will certainly be a member of NATO, there is no doubt about it”")
    assert found.kind == ALTERED
    assert ("insert", "certainly") in found.diff and ("insert", "a") in found.diff


def test_too_many_changes_is_not_found():
    found = verdict("“Ukraine shall become part of the Alliance, nobody doubts this, and until then we make sure”")
    assert found.kind == NOT_FOUND and found.source is None and found.wording == ""


@pytest.mark.parametrize("quoted", ["“critical”", "“shoulder-to-shoulder”", "“vital role”", "“deeply vital”",
                                    "“increasingly irresponsible”", "“top priority”"])
def test_one_or_two_words_are_verified_or_not_found_never_altered(quoted):
    found = verdict(quoted)
    expected = VERIFIED if quoted == "“increasingly irresponsible”" else NOT_FOUND
    assert found.kind == expected, found


def test_three_words_with_one_changed_share_too_little_to_be_altered():
    assert verdict("“increasingly irresponsible talk”").kind == NOT_FOUND
    assert verdict("“increasingly irresponsible rhetoric”").kind == VERIFIED


def test_the_best_of_several_sources_is_named():
    other = "Completely different words about fisheries and agriculture policy in the region."
    found = QuoteChecker(texts(other, RELEASE)).verdict("“to preserve peace, prevent coercion”")
    assert found.kind == VERIFIED and found.source == 1 and found.title == "Source 2"


def test_no_pair_spans_two_sources():
    found = verdict("“first text ends here second text begins”", "The first text ends here", "second text begins")
    assert found.kind != VERIFIED


def test_the_index_is_built_a_little_at_a_time_and_words_cut_by_parts_still_match():
    body = " ".join(f"word{i} it’s" for i in range(3 * PART // 8))
    checker = QuoteChecker(texts(body, RELEASE))
    steps = 0
    while not checker.step(0.0):
        steps += 1
    assert steps >= 2  # a step reads one part when its budget is spent
    assert checker.done
    whole = body.replace("’", "'")  # every word, those at the ends of parts too, read whole
    assert checker.verdict(f"“{whole}”").kind == VERIFIED


def test_a_verdict_before_the_index_is_built_builds_it_first():
    checker = QuoteChecker(texts(RELEASE))
    assert not checker.done
    assert checker.verdict("“preserve peace”").kind == VERIFIED
    assert checker.done


def test_verdicts_are_remembered_by_the_printed_quotation():
    checker = QuoteChecker(texts(RELEASE))
    assert checker.cached("“preserve peace”") is None
    first = checker.verdict("“preserve peace”")
    assert checker.cached("“preserve peace”") is first
    assert checker.verdict("“preserve peace”") is first


def test_no_sources_means_not_found():
    assert QuoteChecker([]).verdict("“anything at all here”").kind == NOT_FOUND


def test_threshold_is_between_one_change_in_five_and_unrelated_text():
    assert 0.6 <= ALTERED_SHARE < 0.8


BRIEF = """\
briefbook: 1
meta:
  title: A brief
takeaways:
  - 'He said **“Ukraine will be member of NATO, there is little doubt about it”** and more.'
  - Then “words no source holds at any place” and “preserve peace”.
sources:
  - title: The release
    file: release.txt
"""


def test_problems_are_placed_at_the_opening_mark_like_spelling_warnings():
    result = loads(BRIEF, "brief.yaml")
    brief = result.brief
    results = check_brief(brief, [Text(0, brief.sources[0], RELEASE)])
    assert [verdict.kind for _, verdict in results] == [ALTERED, NOT_FOUND, VERIFIED]
    lines = BRIEF.split("\n")
    problems = quote_problems(results, brief=brief, positions=result.positions, lines=lines, filename="brief.yaml")
    assert len(problems) == 2
    for problem in problems:
        assert lines[problem.line - 1][problem.column - 1] == "“"
    altered, missing = problems
    assert altered.format().startswith("brief.yaml:5:16: warning: quotation altered:")
    assert "‘The release’" in altered.message and "there is no doubt about it" in altered.message
    assert "[-no-] {+little+}" in altered.message
    assert missing.message == "quotation not found in the sources: “words no source holds at any place”"
    unplaced = quote_problems(results)
    assert [p.path for p in unplaced] == [Address(("takeaways", 0)), Address(("takeaways", 1))]
    assert all(p.line == 0 for p in unplaced)


def test_a_brief_with_a_paragraph():
    brief = Brief(takeaways=[Paragraph("“preserve peace”")])
    (result,) = check_brief(brief, texts(RELEASE))
    assert result[1].kind == VERIFIED


def test_the_one_exact_copy_among_many_near_copies_is_found():
    near = "Allies need to move further and faster to meet the growing threats we face."
    filler = "Ministers met again in Brussels on {}."
    body = " ".join(f"{near} {filler.format(i)}" for i in range(150))
    body += " He said Allies need to move further and swift to meet the growing threats we face. " + body
    found = verdict("“to move further and swift to meet the growing threats we face”", body)
    assert found.kind == VERIFIED
    assert found.start > len(body) // 2 - 200


def test_an_omission_is_verified_where_the_rest_of_the_quotation_follows():
    first = "The war in Ukraine has shown that instability in Europe can have far-reaching consequences"
    words = [f"bound{i}" for i in range(30)] + ["linked"]
    copies = [f"{first} across the world. Our world is closely {word} and so is our security. Filler {i}."
              for i, word in enumerate(words)]
    found = verdict(f"“{first} […] Our world is closely linked and so is our security.”", " ".join(copies))
    assert found.kind == VERIFIED
    assert found.wording.endswith("closely linked and so is our security")


def test_a_french_quotation_in_guillemets():
    source = ("Le Secrétaire général a déclaré : \"L'Alliance restera unie face à la menace, aujourd'hui "
              "comme demain.\" Puis il est parti.")
    found = verdict("«\u00a0l’Alliance restera unie face à la menace, aujourd’hui comme demain\u00a0»", source)
    assert found.kind == VERIFIED
    assert verdict("« l’Alliance restera soudée face à la menace, aujourd’hui comme demain »", source).kind == ALTERED
