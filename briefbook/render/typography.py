"""French typography applied as a brief prints, never to the text as typed.

French puts a space before the high punctuation marks and inside guillemets, and it
must not break there: a narrow no-break space (U+202F) before ``;``, ``!`` and ``?``,
after ``«`` and before ``»``; a no-break space (U+00A0) before ``:``; narrow no-break
spaces between the groups of digits of a number (``1 000``) and before ``%``. A
translator types ``Quoi ?`` with an ordinary space, or ``Quoi?`` with none, and the
export and the preview both print it right; the file keeps what was typed, so a search
for ``Quoi ?`` still finds it and an English copy-edit of the same words diffs cleanly.

Left alone: a mark already preceded by a space of either no-break kind, a second mark
(``?!``), the colon of a time or a ratio (``10:30``) and of an address (``https://``),
and any run that shows a web address. One pass over a block's printed characters, each
looked at once with its neighbours, so it is linear in the text; the characters it
adds go with the run that holds the mark they stand by.
"""

from __future__ import annotations

from briefbook.markup import Run

NARROW = "\u202f"
NO_BREAK = "\u00a0"
_HIGH = ";!?"
_SPACES = " \u00a0\u202f\t\n"
_ADDRESS = ("://", "www.")


def _is_address(text: str) -> bool:
    return any(marker in text for marker in _ADDRESS)


def _space_for(before: str, after: str, thousands: bool) -> str | None:
    """What an ordinary space between ``before`` and ``after`` prints as in French, or ``None`` (itself).

    ``thousands``: the space separates the digit groups of a number.
    """
    if after in _HIGH or after == "»" or before == "«" or thousands or (before.isdigit() and after == "%"):
        return NARROW
    if after == ":":
        return NO_BREAK
    return None


def french_texts(texts: list[str], skip: list[bool] | None = None) -> list[str]:
    """The texts of a block's consecutive runs in French typography; ``skip[i]``: leave run ``i`` as it is."""
    joined = "".join(texts)
    if not any(mark in joined for mark in ";!?:«»%") and not any(ch.isdigit() for ch in joined):
        return texts
    owner: list[int] = []
    for index, text in enumerate(texts):
        owner.extend([index] * len(text))
    out: list[list[str]] = [[] for _ in texts]
    size = len(joined)
    groups = _digit_groups(joined)
    addresses = _addresses(joined)
    for at, char in enumerate(joined):
        run = owner[at]
        if (skip and skip[run]) or addresses[at]:
            out[run].append(char)
            continue
        before = joined[at - 1] if at else ""
        after = joined[at + 1] if at + 1 < size else ""
        if char == " ":
            shown = _space_for(before, after, groups[at])
            if shown == NO_BREAK and not _colon_spaced(joined, at + 1):
                shown = None
            out[run].append(shown or char)
            continue
        if char in _HIGH and before and before not in _SPACES and before not in _HIGH and before != "«":
            out[run].append(NARROW)
        elif char == ":" and before and before not in _SPACES and _colon_spaced(joined, at):
            out[run].append(NO_BREAK)
        elif char == "»" and before and before not in _SPACES or char == "%" and before.isdigit():
            out[run].append(NARROW)
        out[run].append(char)
        if char == "«" and after and after not in _SPACES:
            out[run].append(NARROW)
    return ["".join(parts) for parts in out]


def _colon_spaced(text: str, at: int) -> bool:
    """Whether the colon at ``at`` takes a space before it: not in ``10:30``, ``1:2`` or ``https://``."""
    before = text[at - 1] if at else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    if after == "/" or (before.isdigit() and after.isdigit()):
        return False
    j = at - 1
    while j >= 0 and text[j] in " \u00a0\u202f":
        j -= 1
    return not (j >= 0 and text[j].isdigit() and after.isdigit())


def _addresses(text: str) -> list[bool]:
    """For each character: whether it is in a web address typed in the text (``https://…``, ``www.…``)."""
    out = [False] * len(text)
    start = 0
    for end in [*(k for k, ch in enumerate(text) if ch in _SPACES), len(text)]:
        if end > start and _is_address(text[start:end]):
            out[start:end] = [True] * (end - start)
        start = end + 1
    return out


def _digit_groups(text: str) -> list[bool]:
    """For each space: whether it separates the digit groups of a number (``40 000``, not ``2024 12``)."""
    out = [False] * len(text)
    size = len(text)
    for at, char in enumerate(text):
        if char != " " or not at or not text[at - 1].isdigit():
            continue
        end = at + 1
        while end < size and text[end].isdigit():
            end += 1
        start = at - 1
        while start > 0 and text[start - 1].isdigit():
            start -= 1
        if end - at - 1 == 3 and at - start <= 3:
            out[at] = True
    return out


def french(runs: tuple) -> tuple:
    """A block's runs (text runs and marks) printed in French typography; marks and addresses left as they are."""
    texts = [item.text for item in runs if isinstance(item, Run)]
    if not texts:
        return runs
    skip = [bool(item.href) and _is_address(item.text) for item in runs if isinstance(item, Run)]
    changed = french_texts(texts, skip)
    if changed == texts:
        return runs
    values = iter(changed)
    return tuple(item.replace(text=next(values)) if isinstance(item, Run) else item for item in runs)


def as_typed(text: str) -> str:
    """French text as it prints, back to how a brief keeps it: the spaces typography adds, ordinary again.

    For text read from a French Word document (the import): what :func:`french_texts` adds
    comes back as the ordinary space a translator types (``Quoi ?``), so the export prints
    it as before and the file reads as typed.
    """
    if NARROW not in text and NO_BREAK not in text:
        return text
    text = text.replace(NARROW, " ")
    return text.replace(f"{NO_BREAK}:", " :")


__all__ = ["NARROW", "NO_BREAK", "as_typed", "french", "french_texts"]
