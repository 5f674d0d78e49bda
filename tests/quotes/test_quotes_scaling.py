"""The quotation check's work grows with the sources read once, and with a quotation's length per check.

Work is counted in lines of the package executed (``work_counter``), never timed: a
quotation checked against a source ten times larger costs about the same, one twice as
long about twice as much, and a 20,000-word quotation against a 1 MB source is checked.
The alignment itself runs in C (rapidfuzz), on chunks of a bounded size, so it grows with
the quotation too; the full-size check below would not finish in a test's time otherwise.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import briefbook.quotes as quotes_package
from briefbook.model import Brief, Paragraph, Source
from briefbook.quotes import ALTERED, VERIFIED, QuoteChecker, check_brief

from work_counter import lines_executed

PACKAGE = Path(quotes_package.__file__).parent


@dataclass(frozen=True)
class Text:
    index: int
    source: Source
    text: str


def source_words(count: int, seed: int = 7) -> list[str]:
    """``count`` words of made-up prose, the same first words for the same seed whatever the count."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(3000)]
    words = []
    for k in range(count):
        word = rng.choice(vocabulary)
        words.append(word + ("." if k % 17 == 16 else "," if k % 7 == 6 else ""))
    return words


def source_of(words: list[str]) -> list[Text]:
    return [Text(0, Source(title="Generated"), " ".join(words))]


def quotation_from(words: list[str], start: int, length: int, change_every: int = 0) -> str:
    quoted = words[start:start + length]
    if change_every:
        quoted = [("xylophone" if k % change_every == change_every // 2 else word) for k, word in enumerate(quoted)]
    return "“" + " ".join(quoted) + "”"


def built(texts: list[Text]) -> QuoteChecker:
    checker = QuoteChecker(texts)
    checker.index.finish()
    return checker


def test_checking_a_quotation_costs_the_same_against_a_source_ten_times_larger():
    small_words, large_words = source_words(15_000), source_words(150_000)
    assert large_words[:15_000] == small_words
    quoted = quotation_from(small_words, 5_000, 200, change_every=50)
    small, large = built(source_of(small_words)), built(source_of(large_words))
    on_small = lines_executed(lambda: small.verdict(quoted), PACKAGE)
    on_large = lines_executed(lambda: large.verdict(quoted), PACKAGE)
    assert small.verdict(quoted).kind == large.verdict(quoted).kind == ALTERED
    assert on_large < 1.3 * on_small, (on_small, on_large)


def test_checking_costs_about_the_quotation_length():
    words = source_words(60_000)
    checker = built(source_of(words))
    short = quotation_from(words, 1_000, 2_000, change_every=500)
    long = quotation_from(words, 1_000, 4_000, change_every=500)
    on_short = lines_executed(lambda: checker.verdict(short), PACKAGE)
    on_long = lines_executed(lambda: checker.verdict(long), PACKAGE)
    assert checker.verdict(short).kind == checker.verdict(long).kind == ALTERED
    assert 1.5 * on_short < on_long < 2.5 * on_short, (on_short, on_long)


def test_reading_the_sources_costs_their_length():
    half, whole = source_words(20_000), source_words(40_000)
    on_half = lines_executed(lambda: QuoteChecker(source_of(half)).index.finish(), PACKAGE)
    on_whole = lines_executed(lambda: QuoteChecker(source_of(whole)).index.finish(), PACKAGE)
    assert 1.8 * on_half < on_whole < 2.2 * on_half, (on_half, on_whole)


def test_a_quotation_of_20000_words_against_a_source_of_1_mb_is_checked():
    words = source_words(160_000)
    texts = source_of(words)
    assert len(texts[0].text) > 1_000_000
    brief = Brief(takeaways=[Paragraph("He said " + quotation_from(words, 100_000, 20_000) + " and went on."),
                             Paragraph("Then " + quotation_from(words, 30_000, 20_000, change_every=1_000) + ".")])
    results = check_brief(brief, texts)
    assert [verdict.kind for _, verdict in results] == [VERIFIED, ALTERED]
    changed = results[1][1]
    assert sum(op == "insert" for op, _ in changed.diff) == 20


def test_checking_a_quotation_cut_by_omission_marks_costs_about_the_number_of_pieces():
    words = source_words(40_000)
    checker = built(source_of(words))

    def cut(pieces: int) -> str:
        return "“" + " […] ".join(" ".join(words[start:start + 3]) for start in range(1_000, 1_000 + 3 * pieces, 3)) \
            + "”"

    fewer, more = cut(500), cut(1_000)
    on_fewer = lines_executed(lambda: checker.verdict(fewer), PACKAGE)
    on_more = lines_executed(lambda: checker.verdict(more), PACKAGE)
    assert checker.verdict(fewer).kind == checker.verdict(more).kind == VERIFIED
    assert 1.5 * on_fewer < on_more < 2.5 * on_fewer, (on_fewer, on_more)
