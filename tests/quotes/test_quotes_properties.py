"""Properties of the quotation check, on the real press release the sample brief was written from.

A passage cut from the source, however its spacing, quotation marks, apostrophes, dashes
and case are varied, is verified; the same passage (five words or more) with one word
changed is altered, with that word in the difference.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from briefbook.model import Address, Source
from briefbook.quotes import ALTERED, VERIFIED, QuoteChecker
from briefbook.quotes.check import ALTERED_SHARE
from briefbook.quotes.find import quotations_in
from briefbook.quotes.match import find
from briefbook.quotes.words import WORD, normal, printed_words, quoted_words

from conftest import REPO

RELEASE = REPO / "templates" / "samples" / "182-SPE-24-E.sources" / "press-release-2024-10-18.txt"
TEXT = RELEASE.read_text(encoding="utf-8")
SPANS = [match.span() for match in WORD.finditer(TEXT)]


@dataclass(frozen=True)
class Text:
    index: int
    source: Source
    text: str


CHECKER = QuoteChecker([Text(0, Source(title="NATO press release"), TEXT)])

SPACES = st.sampled_from([" ", "  ", "\n", " \n ", "\u00a0", "\t"])
QUOTES = {"“": ['"'], "”": ['"'], '"': ['"'], "’": ["'", "’"], "'": ["’", "'"]}
DASHES = ["-", "–", "—", " – ", "‑"]


@st.composite
def passages(draw, least: int = 1) -> tuple[int, int]:
    first = draw(st.integers(0, len(SPANS) - least))
    last = draw(st.integers(first + least - 1, min(len(SPANS) - 1, first + least + 60)))
    return first, last


@st.composite
def varied(draw, text: str) -> str:
    """``text`` with its spacing, quotation marks, apostrophes, dashes and case varied (inner curly
    double quotes become straight ones, as a quotation nested in the brief's own would be typed)."""
    out = []
    for char in text:
        if char.isspace():
            out.append(draw(SPACES))
        elif char in QUOTES:
            out.append(draw(st.sampled_from(QUOTES[char])))
        elif char == "-":
            out.append(draw(st.sampled_from(DASHES)))
        elif char.isalpha():
            out.append(char.upper() if draw(st.booleans()) else char.lower())
        else:
            out.append(char)
    return "".join(out)


def quoted(text: str) -> str:
    return f"“{text}”"


@st.composite
def typed(draw, text: str) -> str:
    """``text`` quoted in a bullet as an analyst types it, with a stretch of whole words in bold (bold
    marks inside a word that do not make emphasis print as typed, and split it)."""
    edges = [i for i in range(len(text) + 1) if i in (0, len(text)) or text[i - 1].isspace() or text[i].isspace()]
    first = draw(st.sampled_from(edges))
    last = draw(st.sampled_from([i for i in edges if i >= first]))
    return f"He said **“{text[:first]}**{text[first:last]}**{text[last:]}”** today."


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_passage_cut_from_the_source_and_varied_is_verified(data):
    first, last = data.draw(passages())
    passage = TEXT[SPANS[first][0]:SPANS[last][1]]
    found = CHECKER.verdict(quoted(data.draw(varied(passage))))
    assert found.kind == VERIFIED, (passage, found)
    assert words(found.wording) == words(passage)  # the passage, or the same words where the source repeats them


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_passage_with_markup_typed_in_it_is_verified(data):
    first, last = data.draw(passages())
    passage = TEXT[SPANS[first][0]:SPANS[last][1]]
    (quotation,) = quotations_in(Address(("takeaways", 0)), data.draw(typed(data.draw(varied(passage)))))
    assert CHECKER.verdict(quotation).kind == VERIFIED, (passage, quotation)


def words(text: str) -> list[str]:
    return [normal(match.group()) for match in WORD.finditer(text)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_one_word_changed_in_a_passage_of_five_words_or_more_is_altered(data):
    first, last = data.draw(passages(least=5))
    passage = TEXT[SPANS[first][0]:SPANS[last][1]]
    assume(printed_words(passage) >= 5)
    changed = data.draw(st.integers(first, last))
    start, end = SPANS[changed]
    replacement = data.draw(st.sampled_from(["xylophone", "quietly", "Zanzibar", "unheard"]))
    altered = TEXT[SPANS[first][0]:start] + replacement + TEXT[end:SPANS[last][1]]
    found = CHECKER.verdict(quoted(data.draw(varied(altered))))
    assert found.kind == ALTERED, (altered, found)
    inserted = [words.casefold() for op, words in found.diff if op == "insert"]
    assert inserted == [replacement.casefold()], found.diff
    assert sum(op == "delete" for op, _ in found.diff) == 1, found.diff
    # the passage's words but the one changed: here, or where the source has them again around another word
    source, typed_words = words(found.wording), words(altered)
    assert len(source) == len(typed_words)
    assert [k for k, (a, b) in enumerate(zip(source, typed_words, strict=True)) if a != b] == [changed - first]


@st.composite
def reworked(draw) -> str:
    """A passage of the source reworked as a careless quotation might be: words changed (to words from
    elsewhere in the source, so that they may match there), dropped, added, or cut by an omission mark."""
    first, last = draw(passages(least=2))
    out: list[str] = []
    for k in range(first, last + 1):
        edit = draw(st.sampled_from(["keep", "keep", "keep", "change", "drop", "add", "omit"]))
        word = TEXT[SPANS[k][0]:SPANS[k][1]]
        elsewhere = TEXT[slice(*SPANS[draw(st.integers(0, len(SPANS) - 1))])]
        if edit == "keep":
            out.append(word)
        elif edit == "change":
            out.append(elsewhere)
        elif edit == "add":
            out += [word, elsewhere]
        elif edit == "omit":
            out += ["[…]", word]
    return " ".join(out)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reworked(), st.sampled_from([0.3, ALTERED_SHARE, 0.8, 1.0]))
@example("the context and the", ALTERED_SHARE)  # aligned with a word of the margin after the passage
def test_places_passed_over_for_their_words_could_not_have_scored_what_was_asked(text, least):
    """``find`` passes over a place whose words, counted, could not reach the score asked for, without
    aligning it: whatever it passes over, the best place that reaches the score is still found."""
    CHECKER.index.finish()
    pieces = quoted_words(text, CHECKER.index.vocabulary)
    everywhere = find(pieces, CHECKER.index)
    passed = find(pieces, CHECKER.index, least=least)
    if everywhere is not None and (everywhere.exact or everywhere.score >= least):
        assert passed is not None
        assert (passed.exact, passed.score) == (everywhere.exact, everywhere.score), text
    elif passed is not None:
        assert not passed.exact and passed.score < least, text
