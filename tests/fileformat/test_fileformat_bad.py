"""The bad-file corpus (tests/data/bad): each file gives a clear problem at the right place.

Reading never raises, never executes anything and never hangs; every problem has the
file, a line and a column, and the first problem of each file is the one the analyst
needs to see, at the line they need to fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefbook.fileformat import compose, load, loads, read
from briefbook.problems import BriefError, Severity

from conftest import REPO

BAD = REPO / "tests" / "data" / "bad"

E, W = Severity.ERROR, Severity.WARNING

#: file → (loads?, severity, line, column, words the first problem must contain)
EXPECTED = {
    "truncated.brief.yaml": (False, E, 17, 39, ["syntax error", "end of stream", "cut short"]),
    "tabs.brief.yaml": (False, E, 15, 1, ["tab character", "spaces"]),
    "wrong-types.brief.yaml": (False, E, 13, 12, ["expected a list of blocks, found the number 5"]),
    "unknown-keys.brief.yaml": (False, E, 11, 3, ["unknown key 'titel'", "did you mean 'title'"]),
    "unknown-block-key.brief.yaml": (False, E, 14, 5, ["unknown key 'bulets'", "did you mean 'bullets'"]),
    "dangling-footnote.brief.yaml": (False, E, 16, 9, ["[^missing]", "has no footnote"]),
    "unused-footnote.brief.yaml": (True, W, 17, 3, ["'spare'", "never referenced"]),
    "newer-version.brief.yaml": (False, E, 1, 12, ["written by a newer version of Briefbook", "format 2"]),
    "missing-version.brief.yaml": (False, E, 1, 1, ["briefbook: 1", "missing"]),
    "version-as-text.brief.yaml": (False, E, 1, 12, ["format version", "the text 'one'"]),
    "alias-bomb.brief.yaml": (False, E, 2, 4, ["anchors (&a) are not allowed"]),
    "python-object.brief.yaml": (False, E, 14, 5, ["!!python/object/apply:os.system", "not allowed"]),
    "custom-tag.brief.yaml": (False, E, 14, 5, ["!include", "not allowed"]),
    "binary-junk.brief.yaml": (False, E, 1, 1, ["not a text file", "binary"]),
    "invalid-utf8.brief.yaml": (False, E, 14, 8, ["not valid UTF-8", "0xE9"]),
    "control-character.brief.yaml": (False, E, 14, 16, ["U+000B", "Word documents cannot hold it"]),
    "escaped-control-character.brief.yaml": (False, E, 14, 5, ["U+000B"]),
    "duplicate-keys.brief.yaml": (False, E, 13, 3, ["'title' is given twice", "line 11"]),
    "deep-sections.brief.yaml": (False, E, 20, 17, ["at most 3 levels"]),
    "unknown-language.brief.yaml": (False, E, 10, 13, ["language 'de' is not known", "en (English)"]),
    "bad-reference.brief.yaml": (True, W, 7, 14, ["'182-SPE-2024-E'", "pattern"]),
    "empty-section.brief.yaml": (True, W, 17, 5, ["II.", "'SUPPORT FOR UKRAINE' is empty"]),
    "two-documents.brief.yaml": (False, E, 13, 1, ["one YAML document"]),
    "unquoted-star.brief.yaml": (False, E, 15, 10, ["syntax error", "must be put in quotes"]),
    "unquoted-colon.brief.yaml": (False, E, 15, 9, ["found a mapping", "': ' must be put in quotes"]),
    "empty.brief.yaml": (False, E, 1, 1, ["empty"]),
    "utf16.brief.yaml": (False, E, 1, 1, ["UTF-16", "UTF-8"]),
    "plain-text.brief.yaml": (False, E, 1, 1, ["not a brief"]),
    "toc-not-boolean.brief.yaml": (False, E, 13, 8, ["expected true or false", "'sometimes'"]),
}


def test_every_corpus_file_has_an_expectation() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_gives_a_clear_located_problem(name: str) -> None:
    loads_ok, severity, line, column, words = EXPECTED[name]
    path = BAD / name
    result = read(path)
    assert (result.brief is not None) == loads_ok
    assert result.problems, "a bad file must say what is wrong"
    first = result.problems[0]
    assert (first.severity, first.line, first.column) == (severity, line, column), first.format()
    for word in words:
        assert word in first.message, first.format()
    assert first.format().startswith(f"{path}:{line}:{column}: {severity.value}: ")
    for problem in result.problems:
        assert problem.file == str(path) and problem.line >= 1 and problem.column >= 1
    if not loads_ok:
        with pytest.raises(BriefError) as raised:
            load(path)
        assert raised.value.problems[0].is_error


def test_unknown_keys_are_all_reported_in_one_read() -> None:
    messages = [p.message for p in read(BAD / "unknown-keys.brief.yaml").problems]
    assert any("'sectons'" in m and "'sections'" in m for m in messages)


def test_wrong_types_reports_each_wrong_value() -> None:
    problems = read(BAD / "wrong-types.brief.yaml").problems
    assert [(p.line, p.column) for p in problems if p.is_error] == [(13, 12), (17, 7), (19, 3)]
    assert "found a list" in problems[-1].message


def test_python_tags_execute_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = (BAD / "python-object.brief.yaml").read_text(encoding="utf-8")
    for tag in ("!!python/object/apply:os.system", "!!python/object/new:os.system",
                "!!python/name:os.system", "!!python/module:os"):
        result = loads(text.replace("!!python/object/apply:os.system", tag))
        assert result.brief is None
        assert any("not allowed" in p.message for p in result.problems)
    assert not (tmp_path / "BRIEFBOOK-PWNED").exists()


def test_the_alias_bomb_stops_after_a_bounded_number_of_problems() -> None:
    result = read(BAD / "alias-bomb.brief.yaml")
    assert result.brief is None
    assert len(result.problems) <= 60
    assert result.problems[-1].message.startswith("too many problems")


def test_a_billion_laughs_of_mappings_is_refused_too() -> None:
    lines = ["briefbook: 1", "x0: &x0 {a: lol}"]
    lines += [f"x{i}: &x{i} {{{', '.join(f'k{j}: *x{i - 1}' for j in range(10))}}}" for i in range(1, 30)]
    result = loads("\n".join(lines))
    assert result.brief is None and "anchors" in result.problems[0].message


def test_a_file_over_the_size_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    huge = tmp_path / "huge.brief.yaml"
    with huge.open("wb") as handle:
        handle.write(b"briefbook: 1\ntakeaways:\n")
        chunk = b"  - " + b"x" * 1020 + b"\n"
        for _ in range(50 * 1024):
            handle.write(chunk)
    assert huge.stat().st_size > 50 * 1024 * 1024
    result = read(huge)
    assert result.brief is None
    [problem] = result.problems
    assert "too large" in problem.message and "50.0 MB" in problem.message
    assert (problem.file, problem.line) == (str(huge), 1)


def test_bytes_over_the_size_limit_are_refused_by_loads() -> None:
    from briefbook.fileformat.source import MAX_FILE_BYTES

    result = loads(b"briefbook: 1\n" + b"# " * (MAX_FILE_BYTES // 2 + 1))
    assert result.brief is None and "too large" in result.problems[0].message


def test_deep_nesting_is_refused_without_recursion() -> None:
    for text in ("[" * 200_000, "- " * 5_000 + "x", "{a: " * 5_000):
        result = loads(text)
        assert result.brief is None
        assert result.problems[0].is_error


def test_many_control_characters_are_summed_up() -> None:
    text = "briefbook: 1\ntakeaways:\n  - " + "\x01" * 500 + "\n"
    result = loads(text)
    assert result.brief is None
    assert len(result.problems) == 21
    assert (result.problems[0].line, result.problems[0].column) == (3, 5)
    assert "480 more" in result.problems[-1].message


@pytest.mark.parametrize("junk", [
    bytes(range(1, 256)),
    b"\xff\xd8\xff\xe0\x00\x10JFIF",
    b"PK\x03\x04\x14\x00\x06\x00",
    "briefbook: 1\nmeta: {title: \udc80}\n",
    "\x85\u2028\u2029: [",
    "briefbook: 1\n" + "x: " * 1000,
    "? [a, b]\n: c\n",
    "briefbook: 1\nmeta:\n  ? [a]\n  : b\n",
    "%YAML 1.1\n%TAG ! tag:example.com,2000:\n---\nbriefbook: !foo 1\n",
])
def test_junk_never_raises(junk: str | bytes) -> None:
    result = loads(junk, "junk")
    assert result.brief is None
    assert result.problems and all(p.is_error or p.severity is Severity.WARNING for p in result.problems)
    assert all(p.file == "junk" and p.line >= 1 for p in result.problems)


def test_an_unreadable_path_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    for path in (tmp_path / "missing.brief.yaml", tmp_path, tmp_path / "nul\0name.brief.yaml"):
        result = read(path)
        assert result.brief is None and result.problems[0].file == str(path)


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML has no libyaml here: already pure Python")
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_without_libyaml_the_same_problems_are_found(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with_libyaml = read(BAD / name).problems
    monkeypatch.setattr(compose, "Loader", yaml.SafeLoader)
    pure = read(BAD / name).problems
    assert [(p.severity, p.line, p.column) for p in pure] == [(p.severity, p.line, p.column) for p in with_libyaml]


def test_a_flood_of_wrong_keys_is_cut_short() -> None:
    text = "briefbook: 1\n" + "".join(f"key{i}: {i}\n" for i in range(100_000))
    result = loads(text)
    assert result.brief is None
    assert 50 <= len(result.problems) <= 52
    assert result.problems[-1].message.startswith("too many problems")
    assert (result.problems[0].line, result.problems[0].column) == (2, 1)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_an_endless_stream_is_refused_without_being_read() -> None:
    result = read("/dev/zero")
    assert result.brief is None
    assert "it is a device, not an ordinary file" in result.problems[0].message
