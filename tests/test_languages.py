"""The languages table: read from resources/languages.yaml, broken files named at their line."""

from __future__ import annotations

import pytest

from briefbook.languages import LanguagesError, language_of, language_table, parse_languages
from briefbook.model.languages import disclaimer_for, with_suffix


def test_the_shipped_table_gives_each_versions_words() -> None:
    english, french = language_of("en"), language_of("fr")
    assert (english.proofing, english.contents, english.suffix, english.original_label) == (
        "en-GB", "Contents", "E", "Original:")
    assert (french.proofing, french.contents, french.suffix, french.original_label) == (
        "fr-FR", "Table des matières", "F", "Original\u00a0:")
    assert french.names["en"] == "anglais"
    assert language_table().translate_kind("Policy Brief", "en", "fr") == "Note de synthèse"
    assert language_table().translate_kind("Note de synthèse", "fr", "en") == "Policy Brief"
    assert disclaimer_for("Note de synthèse", french).startswith("Cette Note de synthèse est présentée")
    assert disclaimer_for("Rapport", french).startswith("Ce Rapport est présenté")
    assert with_suffix("182 SPE 24 E rev.1", english, french) == "182 SPE 24 F rev.1"


def test_an_unknown_code_falls_back_to_the_first_language() -> None:
    assert language_of("de").code == "en"


@pytest.mark.parametrize(("text", "where", "words"), [
    ("en:\n  names: {en: English}\n  proofing: [x]\n", "languages.yaml:3:13:", "proofing"),
    ("en:\n  names: {en: English}\n  colour: red\n", "languages.yaml:3:3:", "unknown key 'colour'"),
    ("en:\n  names: {en: English}\n", "languages.yaml:2:3:", "does not give proofing"),
    ("en: [\n", "languages.yaml:2:1:", "not a YAML file"),
])
def test_a_broken_file_is_named_at_its_line(text: str, where: str, words: str) -> None:
    with pytest.raises(LanguagesError) as caught:
        parse_languages(text, "languages.yaml")
    assert str(caught.value).startswith(where) and words in str(caught.value)


def test_a_broken_table_reaches_the_command_line_as_its_place_not_a_traceback(tmp_path, monkeypatch, capsys) -> None:
    import briefbook.languages as languages
    from briefbook.cli import main
    from briefbook.resources import sample_brief

    broken = tmp_path / "languages.yaml"
    broken.write_text("en:\n  names: {en: English}\n  proofing: en-GB\n  suffix: [E]\n", encoding="utf-8")
    monkeypatch.setattr(languages, "languages_file", lambda: broken)
    languages.forget_languages()
    try:
        assert main(["check", str(sample_brief())]) == 1
    finally:
        monkeypatch.undo()
        languages.forget_languages()
    err = capsys.readouterr().err
    assert f"{broken}:4:11: expected suffix as a text" in err and "Traceback" not in err
    assert language_of("fr").suffix == "F"  # the shipped table again
