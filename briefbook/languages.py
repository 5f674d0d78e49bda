"""The languages table, read from ``resources/languages.yaml`` when first asked for.

The secretariat edits that file, so a mistake in it is theirs to fix: a broken file
raises :class:`LanguagesError`, whose message names the file, the line and the column
and says what is wrong, never a traceback. Nothing is read when this module is
imported; the first :func:`language_table` reads the file and later ones get the same
table until :func:`forget_languages`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from briefbook.model.languages import Language, LanguageTable
from briefbook.resources import resources_dir

#: The keys every language gives, and the one it may leave out.
REQUIRED_KEYS = ("names", "proofing", "contents", "suffix", "original_label", "disclaimer", "kinds")
OPTIONAL_KEYS = ("disclaimers",)
_MAPPINGS = ("names", "kinds", "disclaimers")


class LanguagesError(ValueError):
    """The languages file cannot be read; the message starts ``FILE:LINE:COLUMN:``."""


def languages_file() -> Path:
    return resources_dir() / "languages.yaml"


@cache
def language_table() -> LanguageTable:
    """The table of :func:`languages_file`, read once."""
    path = languages_file()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LanguagesError(f"{path}:1:1: the languages file cannot be read ({exc})") from None
    return parse_languages(text, str(path))


def language_of(code: str) -> Language:
    """The language of a version whose ``meta.language`` is ``code`` (the table's first if unknown)."""
    return language_table().get(code)


def forget_languages() -> None:
    """Read the file afresh at the next question (after the secretariat changed it)."""
    language_table.cache_clear()


def parse_languages(text: str, filename: str = "<languages>") -> LanguageTable:
    """The table a languages file's text holds; :class:`LanguagesError` at the first thing wrong."""

    def fail(node: Node | None, message: str) -> LanguagesError:
        line, column = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (1, 1)
        return LanguagesError(f"{filename}:{line}:{column}: {message}")

    try:
        # libyaml's composer when PyYAML has it: a tenth of the pure-Python one's time, the same marks
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{mark.line + 1}:{mark.column + 1}" if mark is not None else "1:1"
        raise LanguagesError(f"{filename}:{where}: not a YAML file ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(root, MappingNode) or not root.value:
        raise fail(root, "expected one entry per language code (en:, fr:) holding its words")
    table: dict[str, Language] = {}
    for code_node, entry in root.value:
        code = _text(code_node, fail, "a language code")
        if code in table:
            raise fail(code_node, f"the language '{code}' is given twice")
        if not isinstance(entry, MappingNode):
            raise fail(entry, f"expected the words of '{code}' as key: value lines")
        values: dict[str, object] = {}
        for key_node, value in entry.value:
            key = _text(key_node, fail, "a key")
            if key not in REQUIRED_KEYS + OPTIONAL_KEYS:
                raise fail(key_node, f"unknown key '{key}' for '{code}'; known keys: "
                           + ", ".join(REQUIRED_KEYS + OPTIONAL_KEYS))
            values[key] = _mapping(value, fail, key) if key in _MAPPINGS else _text(value, fail, key)
        missing = [key for key in REQUIRED_KEYS if key not in values]
        if missing:
            raise fail(entry, f"'{code}' does not give {', '.join(missing)}")
        if "{kind}" not in str(values["disclaimer"]):
            raise fail(entry, f"the disclaimer of '{code}' must hold {{kind}}, where the kind's name goes")
        table[code] = Language(code=code, **values)  # type: ignore[arg-type]
    for language in table.values():
        unnamed = [code for code in table if code not in language.names]
        if unnamed:
            raise fail(root, f"'{language.code}' gives no name for {', '.join(unnamed)} under names:")
    return LanguageTable(table)


def _text(node: Node, fail, what: str) -> str:
    if not isinstance(node, ScalarNode) or not node.value.strip():
        raise fail(node, f"expected {what} as a text")
    return node.value


def _mapping(node: Node, fail, what: str) -> dict[str, str]:
    if not isinstance(node, MappingNode):
        raise fail(node, f"expected {what} as key: value lines")
    return {_text(key, fail, "a name"): _text(value, fail, "a text") for key, value in node.value}


__all__ = ["LanguagesError", "forget_languages", "language_of", "language_table", "languages_file",
           "parse_languages"]
