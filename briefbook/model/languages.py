"""What a version of a brief prints in its own language, as plain data.

The words themselves — the contents' title, the ``Original:`` label, the disclaimer,
the kinds' names — are the secretariat's, kept in ``resources/languages.yaml`` and read
by :mod:`briefbook.languages`. The model holds only their shape and the pure rules
that apply them, so it stays free of files: whoever prints a brief passes the
:class:`Language` of its version in.
"""

from __future__ import annotations

from briefbook.record import Value


class Language(Value):
    """One language's words for the printed furniture of a version in that language."""

    __slots__ = FIELDS = ("code", "names", "proofing", "contents", "suffix", "original_label", "disclaimer",
                          "kinds", "disclaimers")

    def __init__(self, code: str, names: dict[str, str], proofing: str, contents: str, suffix: str,
                 original_label: str, disclaimer: str, kinds: dict[str, str],
                 disclaimers: dict[str, str] | None = None) -> None:
        #: The code a brief's ``meta.language`` holds (``en``, ``fr``).
        self.code = code
        #: How a version in this language names each language on its cover, by code (``{"en": "anglais"}``).
        self.names = names
        #: The BCP 47 tag Word checks spelling in (``en-GB``).
        self.proofing = proofing
        #: The title of the table of contents.
        self.contents = contents
        #: The letter ending a reference of a version in this language (``E``, ``F``).
        self.suffix = suffix
        #: The label before the original language on the reference line (``Original:``).
        self.original_label = original_label
        #: The standard disclaimer, ``{kind}`` standing for the kind as this language names it.
        self.disclaimer = disclaimer
        #: Each kind the Assembly publishes, by its English name, as this language names it.
        self.kinds = kinds
        #: Whole disclaimers of kinds (by this language's name) the template's grammar does not fit.
        self.disclaimers: dict[str, str] = {} if disclaimers is None else disclaimers

    @property
    def name(self) -> str:
        """The language's name in its own version's words (``English``, ``français``)."""
        return self.names.get(self.code, self.code)

    @property
    def default_kind(self) -> str:
        """The kind a brief that names none is worded after: the first the table lists."""
        return next(iter(self.kinds.values()), "")


class LanguageTable(Value):
    """Every language briefs are published in; the first is the one any unknown code falls back to."""

    __slots__ = FIELDS = ("languages",)

    def __init__(self, languages: dict[str, Language]) -> None:
        self.languages = languages

    def __contains__(self, code: object) -> bool:
        return code in self.languages

    def get(self, code: str) -> Language:
        """The language of ``code``, or the first of the table for a code it does not know."""
        found = self.languages.get(code)
        return found if found is not None else next(iter(self.languages.values()))

    def translate_kind(self, kind: str, source: str, target: str) -> str:
        """``kind`` as named in ``source``'s version, named in ``target``'s; a kind not in the table stays."""
        named = kind.strip()
        for english, local in self.get(source).kinds.items():
            if local == named or english == named:
                return self.get(target).kinds.get(english, named)
        return kind

    def language_named(self, name: str) -> str:
        """The code of the language any version calls ``name`` (``anglais`` → ``en``), or ``""``."""
        wanted = name.strip().casefold()
        for language in self.languages.values():
            for code, word in language.names.items():
                if word.casefold() == wanted:
                    return code
        return ""


def disclaimer_for(kind: str, language: Language) -> str:
    """The standard disclaimer for a document kind, in the words of ``language``."""
    kind = kind.strip() or language.default_kind
    whole = language.disclaimers.get(kind)
    return whole if whole is not None else language.disclaimer.replace("{kind}", kind)


def reference_line(reference: str, original: str, issued: str, language: Language) -> str:
    """The cover's reference line: ``182 SPE 24 E | Original: English | October 2024``."""
    named = f"{language.original_label} {original}" if original else ""
    return " | ".join(p for p in (reference, named, issued) if p)


def with_suffix(reference: str, source: Language, target: Language) -> str:
    """``reference`` with ``source``'s language letter swapped for ``target``'s (``182 SPE 24 E`` → ``… F``).

    The letter is the fourth word of the Assembly's references; suffixes such as ``rev.1``
    after it stay. A reference without the letter where it belongs is left as typed.
    """
    words = reference.split(" ")
    for index, word in enumerate(words):
        if word == source.suffix and index >= 3:
            words[index] = target.suffix
            return " ".join(words)
    return reference


__all__ = ["Language", "LanguageTable", "disclaimer_for", "reference_line", "with_suffix"]
