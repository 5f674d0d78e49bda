"""The sample brief's quotations against the press release it was written from, and the command line.

Of the sample's fourteen quotations only the Secretary General's words on Ukraine's
membership come from the release (which has them in straight quotes, the brief in curly
ones); the others are from his press conference and other speeches, which the release
does not hold — even “shoulder-to-shoulder”, and the quotation holding “vital”, a word
the release quotes. The release's own quoted words (“top priority”, “vital”, “their quick
and effective response.”, “increasingly irresponsible rhetoric”) are quoted nowhere in
the brief: the title of its source holds “top priority”, and the sources list is not
checked.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from briefbook.cli import main
from briefbook.fileformat import read
from briefbook.quotes import ALTERED, NOT_FOUND, VERIFIED, QuoteChecker, check_brief, quotations
from briefbook.quotes.report import source_texts

from conftest import REFERENCE, REPO, SAMPLE

UKRAINE = ("Ukraine will be member of NATO, there is no doubt about it, and until that happens we will make sure "
           "that Ukraine has everything it needs to prevail")

#: Every quotation of the sample in reading order: its first words and its class.
EXPECTED = [
    ("to move further and faster", NOT_FOUND),
    ("this requires more forces,", NOT_FOUND),
    ("We have already made progress", NOT_FOUND),
    ("shoulder-to-shoulder", NOT_FOUND),
    ("This will enable Allies to", NOT_FOUND),
    ("NATO Allies provided EUR 20.9", NOT_FOUND),
    ("all the ongoing efforts to", NOT_FOUND),
    ("Ukraine will be member of NATO", VERIFIED),
    ("demonstrates our commitment to working", NOT_FOUND),
    ("We are determined to work", NOT_FOUND),
    ("In a more interconnected world,", NOT_FOUND),
    ("The war in Ukraine has shown", NOT_FOUND),
    ("The situation in the Western Balkans", NOT_FOUND),
    ("NATO is strongly committed to", NOT_FOUND),
]


def sample_results(path: Path = SAMPLE):
    result = read(path)
    assert result.brief is not None, result.problems
    found = source_texts(path, result.brief)
    assert not found.problems
    return result, found, check_brief(result.brief, found.texts)


def test_every_quotation_of_the_sample_has_its_class():
    _, _, results = sample_results()
    listed = [(quotation.inner, verdict.kind) for quotation, verdict in results]
    assert len(listed) == len(EXPECTED)
    for (inner, kind), (opening, expected) in zip(listed, EXPECTED, strict=True):
        assert inner.startswith(opening), (inner, opening)
        assert kind == expected, (inner, kind)


def test_the_verified_quotation_is_the_release_passage():
    _, found, results = sample_results()
    (verdict,) = [verdict for _, verdict in results if verdict.kind == VERIFIED]
    release = found.texts[0].text
    assert verdict.source == 0
    assert verdict.wording == UKRAINE == release[verdict.start:verdict.end]
    assert release[verdict.start - 1] == '"'  # the release quotes it in straight quotes
    assert verdict.title == "NATO Secretary General: Strengthening deterrence “top priority”"


def test_the_stored_source_is_the_reference_press_release():
    _, found, _ = sample_results()
    assert found.texts[0].text == (REFERENCE / "press-release-2024-10-18.txt").read_text(encoding="utf-8")


def test_quotations_from_other_speeches_share_little_with_the_release():
    """The margin under the "altered" threshold: no quotation of the sample scores near it (those of one or
    two words are never altered, whatever they score)."""
    from briefbook.quotes.check import FUZZY_WORDS
    from briefbook.quotes.match import find
    from briefbook.quotes.words import printed_words, quoted_words

    result, found, _ = sample_results()
    checker = QuoteChecker(found.texts)
    checker.index.finish()
    for quotation in quotations(result.brief):
        match = find(quoted_words(quotation.inner, checker.index.vocabulary), checker.index)
        if quotation.inner.startswith("Ukraine will") or printed_words(quotation.inner) < FUZZY_WORDS:
            continue
        assert match is None or match.score < 0.3, (quotation.inner, match.score)


def altered_sample(tmp_path: Path) -> Path:
    """The sample copied with its source, one word of the verified quotation changed."""
    shutil.copytree(SAMPLE.parent, tmp_path / "samples")
    brief = tmp_path / "samples" / SAMPLE.name
    text = brief.read_text(encoding="utf-8")
    assert text.count("there is no doubt about it") == 1
    brief.write_text(text.replace("there is no doubt about it", "there is little doubt about it"), encoding="utf-8")
    return brief


def _checked_with_alignment(brief: Path) -> bool:
    """Whether ``briefbook check`` of ``brief``, in a process of its own, loaded the alignment (rapidfuzz)."""
    code = ("import sys; from briefbook.cli import main; main(['check', '--quiet', sys.argv[1]]); "
            "print('rapidfuzz' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, str(brief)], capture_output=True, text=True, check=True)
    return done.stdout.split()[-1] == "True"


def test_the_sample_is_checked_without_aligning_a_quotation(tmp_path):
    """Its quotations from other speeches share too few words with any place of the release to be altered,
    and the one from the release is there word for word: none needs aligning, and the command's start is
    spared rapidfuzz. A quotation with a word changed is aligned."""
    assert not _checked_with_alignment(SAMPLE)
    assert _checked_with_alignment(altered_sample(tmp_path))


def test_one_word_changed_in_the_verified_quotation_is_altered(tmp_path):
    _, _, results = sample_results(altered_sample(tmp_path))
    kinds = [verdict.kind for _, verdict in results]
    assert kinds == [ALTERED if kind == VERIFIED else kind for _, kind in EXPECTED]
    (verdict,) = [verdict for _, verdict in results if verdict.kind == ALTERED]
    assert verdict.wording == UKRAINE
    assert ("delete", "no") in verdict.diff and ("insert", "little") in verdict.diff


def test_check_quotes_lists_every_quotation_with_its_class_and_place(capsys):
    assert main(["check", "--quotes", str(SAMPLE)]) == 0
    out = capsys.readouterr().out.splitlines()
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    assert len(out) == len(EXPECTED) + 1
    for printed, (_, kind) in zip(out, EXPECTED, strict=False):
        place, rest = printed[len(str(SAMPLE)) + 1:].split(": ", 1)
        line, column = (int(n) for n in place.split(":"))
        assert lines[line - 1][column - 1] in "“\"", printed  # at the opening mark
        assert rest.startswith(f"{kind}: ")
    verified = [line for line in out if ": verified: " in line]
    assert verified == [f"{SAMPLE}:{_line_of('“Ukraine will be member', lines)}: verified: “Ukraine will be member of "
                        "NATO, there is…” — NATO Secretary General: Strengthening deterrence “top priority”"]
    assert out[-1] == f"{SAMPLE}: 14 quotations: 1 verified, 0 altered, 13 not found, against 1 source"


def _line_of(text: str, lines: list[str]) -> str:
    (number,) = [n for n, line in enumerate(lines, 1) if text in line]
    return f"{number}:{lines[number - 1].index(text) + 1}"


def test_check_quotes_shows_the_difference_of_an_altered_quotation(tmp_path, capsys):
    brief = altered_sample(tmp_path)
    assert main(["check", "--quotes", str(brief)]) == 0
    out = capsys.readouterr().out.splitlines()
    (at,) = [n for n, line in enumerate(out) if ": altered: " in line]
    assert out[at].endswith(": altered: “Ukraine will be member of NATO, there is…” — NATO Secretary General: "
                            "Strengthening deterrence “top priority”")
    assert out[at + 1].startswith("    ") and "there is [-no-] {+little+} doubt about it" in out[at + 1]
    assert out[-1].endswith(": 14 quotations: 0 verified, 1 altered, 13 not found, against 1 source")


def test_plain_check_warns_of_quotations_not_verified_at_their_place(tmp_path):
    brief = altered_sample(tmp_path)
    result = subprocess.run([sys.executable, "-m", "briefbook", "check", str(brief)], capture_output=True,
                            text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    warnings = result.stderr.splitlines()
    assert sum("quotation not found in the sources" in line for line in warnings) == 13
    (altered,) = [line for line in warnings if "quotation altered" in line]
    assert altered.startswith(f"{brief}:{_line_of('“Ukraine will be member', brief.read_text().split(chr(10)))}:")
    assert "‘NATO Secretary General: Strengthening deterrence “top priority”’" in altered
    assert "[-no-] {+little+}" in altered
    assert "ok (0 errors" in result.stdout


def test_a_brief_without_stored_sources_gets_no_quotation_warnings(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    cut = text.index("sources:\n")
    brief = tmp_path / "plain.brief.yaml"
    brief.write_text(text[:cut], encoding="utf-8")
    assert main(["check", str(brief)]) == 0


def test_a_missing_source_file_is_a_warning_and_every_quotation_is_listed(tmp_path, capsys):
    brief = tmp_path / SAMPLE.name
    shutil.copy(SAMPLE, brief)
    assert main(["check", "--quotes", str(brief)]) == 0
    captured = capsys.readouterr()
    assert f"{brief}:" in captured.err and "warning" in captured.err
    assert captured.out.splitlines()[-1] == (f"{brief}: 14 quotations: 0 verified, 0 altered, 14 not found "
                                             "(no source of the brief has a stored text to check them against)")


def test_check_quotes_of_a_broken_brief_exits_1(tmp_path, capsys):
    bad = tmp_path / "bad.brief.yaml"
    bad.write_text("briefbook: 1\nmeta:\n  title: x\nsections:\n  - title: A\n    colour: red\n", encoding="utf-8")
    assert main(["check", "--quotes", str(bad)]) == 1
    assert "error" in capsys.readouterr().err
