"""An original brief and its translation: which sections of the translation are behind.

The two versions share their section structure, so a section of one is matched with
the section at the same path in the other. The translation records, per section, a
fingerprint of the original section it was last brought up to date with
(``Section.synced``); when the original's section no longer has that fingerprint, its
translation is *behind*. A fingerprint is a short SHA-256 of the section's title and
body as typed, so retyping the same text is no change and a moved sub-section is not
counted in its parent.

Making a translation (:func:`new_version`) is here too, as a pure function of the
original and the languages table: nothing in this module reads or writes a file.
"""

from __future__ import annotations

import copy
import hashlib
from enum import StrEnum

from briefbook.model.body import body_text, set_body_text
from briefbook.model.brief import Brief, Section, Translation
from briefbook.model.languages import LanguageTable, with_suffix
from briefbook.model.outline import Path, iter_sections

#: Hexadecimal digits of a fingerprint: enough that two texts never share one by chance.
FINGERPRINT_DIGITS = 12


class Behind(StrEnum):
    """Why a section of a translation is behind its original."""

    #: Never brought up to date: not yet translated.
    NEW = "new"
    #: The original's section changed since its translation was brought up to date.
    CHANGED = "changed"


def fingerprint(section: Section) -> str:
    """The fingerprint of a section's own title and body as typed (its sub-sections not included)."""
    text = section.title + "\n\0" + body_text(section)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:FINGERPRINT_DIGITS]


def section_pairs(translation: Brief, original: Brief) -> list[tuple[Path, Section, Section]]:
    """The sections of the two versions matched by path (the structure is shared); unmatched ones left out."""
    theirs = {entry.path: entry.section for entry in iter_sections(original)}
    return [(entry.path, entry.section, theirs[entry.path]) for entry in iter_sections(translation)
            if entry.path in theirs]


def behind(translation: Brief, original: Brief) -> dict[Path, Behind]:
    """The sections of ``translation`` that are behind ``original``, by path."""
    out: dict[Path, Behind] = {}
    for path, mine, theirs in section_pairs(translation, original):
        if not mine.synced:
            out[path] = Behind.NEW
        elif mine.synced != fingerprint(theirs):
            out[path] = Behind.CHANGED
    return out


def follower_and_original(first: Brief, second: Brief) -> tuple[Brief, Brief] | None:
    """Of two linked versions, (the translation, the original); ``None`` when neither follows the other."""
    if first.translation is not None and first.translation.follows:
        return first, second
    if second.translation is not None and second.translation.follows:
        return second, first
    return None


def new_version(original: Brief, table: LanguageTable, language: str, original_file: str, new_file: str,
                keep_text: bool = False) -> Brief:
    """The ``language`` version of ``original``, linked to it; ``original`` is linked to it in turn.

    The structure is copied — sections and their levels, footnote ids, sources, budgets,
    the cover fields that do not translate — and the kind, the reference's letter, the
    language and the name of the original language are put in the new version's words.
    The texts are emptied for the translator, each section recorded as up to date with the
    original's (there is nothing of the original's in it to be behind); with ``keep_text``
    the original's texts stay, and each section is marked as not yet translated.
    ``original_file`` and ``new_file`` are each file's path relative to the other's folder.
    """
    source, target = table.get(original.meta.language), table.get(language)
    brief = copy.deepcopy(original)
    meta = brief.meta
    meta.language = target.code
    meta.kind = table.translate_kind(original.meta.kind, source.code, target.code)
    meta.reference = with_suffix(original.meta.reference, source, target)
    written_in = table.language_named(original.meta.original) or source.code
    meta.original = target.names.get(written_in, original.meta.original)
    brief.notes = []
    brief.words = []
    if not keep_text:
        meta.event = meta.dates = meta.issued = meta.title = meta.disclaimer = ""
        brief.takeaways = []
        brief.footnotes = dict.fromkeys(original.footnotes, "")
    pairs = {entry.path: entry.section for entry in iter_sections(original)}
    for entry in iter_sections(brief):
        section = entry.section
        section.notes = []
        section.synced = "" if keep_text else fingerprint(pairs[entry.path])
        if not keep_text:
            section.title = ""
            set_body_text(section, "")
    brief.translation = Translation(original_file, follows=True)
    original.translation = Translation(new_file, follows=False)
    return brief


__all__ = ["FINGERPRINT_DIGITS", "Behind", "behind", "fingerprint", "follower_and_original", "new_version",
           "section_pairs"]
