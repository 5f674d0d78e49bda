"""Spell checking: which words are read, in which dictionary, and where the command line says they are."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefbook import spelling
from briefbook.fileformat import read
from briefbook.fileformat.linemap import offset_position
from briefbook.resources import sample_brief
from briefbook.spelling import Speller, SpellingUnavailable, words

REPO = Path(__file__).resolve().parent.parent


def spans(text: str, language: str = "en") -> list[tuple[str, str]]:
    return [(word.text, text[word.start:word.end]) for word in words(text, language)]


def test_only_printed_words_are_read_and_each_keeps_its_place() -> None:
    text = ("**Rutte said** the [recieve](https://www.nato.int/teh) teh\\* wo**rd**[^fn1] F-35 NATO’s "
            "SACEUR 2024 a www.nato.int mail@nato.int")
    assert spans(text) == [("Rutte", "Rutte"), ("said", "said"), ("the", "the"), ("recieve", "recieve"),
                           ("teh", "teh"), ("word", "wo**rd")]  # not the link, the id, capitals, digits, addresses


def test_french_elisions_are_read_as_the_word() -> None:
    assert spans("l’Alliance d'une défense", "fr") == [("Alliance", "Alliance"), ("une", "une"),
                                                     ("défense", "défense")]


def test_british_english_is_the_english_of_the_assembly() -> None:
    speller = Speller("en")
    text = "The defence organisation recieve teh standardisation of defense."
    assert [w.text for w in speller.unknown(text)] == ["recieve", "teh", "defense"]
    assert "receive" in speller.suggestions("recieve")
    assert list(speller.unknown("Indo-Pacific long-term wel-knwn")) == [
        spelling.Word(23, 26, "wel"), spelling.Word(27, 31, "knwn")]


def test_french_is_checked_in_french() -> None:
    speller = Speller("fr")
    assert [w.text for w in speller.unknown("La défense de l’Alliance est renforcéé.")] == ["renforcéé"]


def test_the_users_words_persist_and_the_briefs_words_count(tmp_path: Path) -> None:
    personal = tmp_path / "data" / "words-en.txt"
    speller = Speller("en", personal, brief_words={"NSATU", "Zelenskyy"})
    assert [w.text for w in speller.unknown("Rutte met Zelenskyy")] == ["Rutte"]
    speller.learn("Rutte")
    again = Speller("en", personal)  # a new session
    assert list(again.unknown("Rutte’s speech")) == []
    assert "Rutte" in personal.read_text(encoding="utf-8")


def test_a_missing_dictionary_says_which_package_to_install(monkeypatch) -> None:
    monkeypatch.setitem(spelling.DICTIONARIES, "en", "xx_XX")
    with pytest.raises(SpellingUnavailable, match="hunspell-en-gb"):
        Speller("en")
    told: list[str] = []
    assert spelling.open_speller("en", warn=told.append) is None and "xx_XX" in told[0]


@pytest.mark.parametrize(("lines", "start", "text", "offset", "expected"), [
    (["  title: A plain title"], (1, 10), "A plain title", 2, (1, 12)),
    (["  - 'it''s a quote'"], (1, 5), "it's a quote", 7, (1, 14)),
    (['  - "tab\\there"'], (1, 5), "tab\there", 4, (1, 11)),
    (["  title: |-", "    FIRST LINE", "", "    third line"], (1, 10), "FIRST LINE\n\nthird line", 18, (4, 11)),
])
def test_a_place_in_a_value_is_found_in_the_file(lines, start, text, offset, expected) -> None:
    assert offset_position(lines, start, text, offset) == expected


def test_check_spelling_prints_each_unknown_word_where_it_is(tmp_path: Path) -> None:
    brief = tmp_path / "sample.brief.yaml"
    shutil.copy(sample_brief(), brief)
    text = brief.read_text(encoding="utf-8")
    typed = text.replace("    MEETING OF NATO MINISTERS OF DEFENCE", "    MEETING OF NATO Ministres of defense")
    brief.write_text(typed, encoding="utf-8")
    assert read(brief).brief is not None
    result = subprocess.run([sys.executable, "-m", "briefbook", "check", "--spelling", str(brief)], cwd=REPO,
                            capture_output=True, text=True, timeout=120,
                            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                                 "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr  # unknown words are warnings
    lines = result.stderr.splitlines()
    assert f"{brief}:12:21: warning: unknown word 'Ministres' (Ministers, Ministries, Ministrants, …)" in lines
    assert any(line.startswith(f"{brief}:12:34: warning: unknown word 'defense' (defence") for line in lines)
    assert not any("'NATO'" in line or "'Ukraine'" in line for line in lines)
    assert result.stdout.strip().endswith("warnings)")
    assert (tmp_path / ".local" / "share" / "NATO PA" / "Briefbook" / "words-en.txt").exists()


def test_the_briefs_words_are_kept_in_its_file_and_read_by_the_check(tmp_path: Path) -> None:
    from briefbook.fileformat import dumps, loads, save

    brief = read(sample_brief()).brief
    brief.words = ["Rutte", "Zelenskyy", "Umerov"]
    target = tmp_path / "words.brief.yaml"
    save(brief, target)
    text = target.read_text(encoding="utf-8")
    assert text.endswith("words:\n  - Rutte\n  - Zelenskyy\n  - Umerov\n")
    assert read(target).brief.words == brief.words and dumps(read(target).brief) == text
    result = subprocess.run([sys.executable, "-m", "briefbook", "check", "--spelling", str(target)], cwd=REPO,
                            capture_output=True, text=True, timeout=120,
                            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                                 "QT_QPA_PLATFORM": "offscreen"})
    assert "Rutte" not in result.stderr and "Zelenskyy" not in result.stderr and "Kyiv" in result.stderr
    bad = loads("briefbook: 1\nwords:\n  - two words\n  - fine\n", "bad.brief.yaml")
    assert [p.format() for p in bad.errors] == [
        "bad.brief.yaml:3:5: error: 'two words' cannot be one of the brief's words: give one word, without spaces"]


def test_reading_only_the_words_an_edit_touched_finds_what_reading_the_whole_line_does() -> None:
    import random

    speller = Speller("en")
    known = {}

    def remembered(word: str) -> bool:
        if word not in known:
            known[word] = spelling.acceptable(word, "en", speller.known)
        return known[word]

    reader = spelling.LineReader("en", remembered)
    pieces = [*"abcdeteh rs*_[]()^\\-'’ www.x@y.zo:/", " recieve ", " teh ", "[^fn1]", "**", "](http://a.b)",
              " Indo-Pacific ", " wel-knwn ", " l’OTAN "]
    rng = random.Random(12)
    text = "the recieve teh **bold** [link](http://x.y) defence"
    for _ in range(3000):
        at = rng.randint(0, len(text))
        roll = rng.random()
        if roll < 0.6:
            text = text[:at] + rng.choice(pieces) + text[at:]
        elif roll < 0.9:
            text = text[:at] + text[at + rng.randint(1, 3):]
        else:
            text = "".join(rng.choice(pieces) for _ in range(20))
        text = text[:200]
        assert reader.unknown(text) == list(spelling.unknown_words(text, "en", remembered)), text


def test_the_answers_found_ahead_are_those_a_reading_finds() -> None:
    """What the dictionary's thread hands over agrees with asking about each word as it is read."""
    speller = Speller("en", brief_words=["Umerov"])
    texts = ["We **recieve** the defence of Indo-Pacific partners’ and NATO's (https://nato.int) F-35s.",
             "Umerov's visit and teh Umerov-Rutte talks\nspan two lines, one with Rustem."]
    answers = speller.answers(texts, ignored=frozenset({"Rustem"}))
    read = {word: spelling.acceptable(word, "en", lambda w: w == "Rustem" or speller.known(w))
            for text in texts for line in text.split("\n")
            for word in spelling._WORD.findall(spelling.printed(line).line)}
    assert answers == read
    assert answers["recieve"] is False and answers["teh"] is False
    assert answers["Umerov's"] and answers["Indo-Pacific"] and answers["Rustem"]  # possessive, compound, ignored
    assert "**recieve**" not in answers  # the printed words, not the markup


def test_the_first_texts_stop_after_the_characters_asked_for() -> None:
    brief = read(sample_brief()).brief
    every = [text for _address, text in spelling.places(brief)]
    assert spelling.first_texts(brief, 10**9) == every
    cut = spelling.first_texts(brief, 5000)
    assert sum(map(len, cut)) == 5000 and "".join(cut) == "".join(every)[:5000]
