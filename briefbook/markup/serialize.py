"""Writing runs back as inline markup: the inverse of :func:`briefbook.markup.parse`.

Pasting from Word or a web page gives formatted runs; the brief stores markup. The
writer escapes every markup character of the words (an asterisk in a quotation
prints as an asterisk), wraps bold, italic and links, and then checks its work by
parsing the result: CommonMark's delimiter rules refuse some placements (a bold run
ending in a quotation mark right before a letter, say), and a text must never print
other than it reads. If the markup would not print as intended it is written again
with less formatting until it does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence

from briefbook.markup import FootnoteRef, Run, escape, parse


def _common(a: Run | None, b: Run | None, text: str) -> Run:
    """``text`` with the formatting two neighbouring runs share (for a space between them)."""
    if a is None or b is None:
        return Run(text)
    return Run(text, a.bold and b.bold, a.italic and b.italic, a.href if a.href == b.href else None)


def _merge(runs: Sequence[Run]) -> list[Run]:
    """Neighbouring runs of one formatting as one run (texts joined once, not copied per run)."""
    out: list[Run] = []
    texts: list[list[str]] = []
    for run in runs:
        if not run.text:
            continue
        last = out[-1] if out else None
        if last and (last.bold, last.italic, last.href) == (run.bold, run.italic, run.href):
            texts[-1].append(run.text)
        else:
            out.append(run)
            texts.append([run.text])
    return [Run("".join(parts), run.bold, run.italic, run.href) for run, parts in zip(out, texts, strict=True)]


def spaces_outside_formatting(runs: Sequence[Run]) -> list[Run]:
    """The runs with spaces at the edge of formatting moved out of it, then merged.

    ``** bold**`` is not bold in CommonMark, so a space at the edge of a formatted run
    takes only the formatting it shares with the run on its other side.
    """
    runs = [run for run in runs if run.text]
    out: list[Run] = []
    for index, run in enumerate(runs):
        before = runs[index - 1] if index else None
        after = runs[index + 1] if index + 1 < len(runs) else None
        core = run.text.strip(" ")
        pieces = [run]
        if (run.bold or run.italic or run.href) and not core:
            pieces = [_common(before, after, run.text)]  # a space between two runs: what both share
        elif (run.bold or run.italic or run.href) and core != run.text:
            lead = run.text[: len(run.text) - len(run.text.lstrip(" "))]
            trail = run.text[len(run.text.rstrip(" ")):]
            pieces = [_common(before, run, lead), Run(core, run.bold, run.italic, run.href), _common(run, after, trail)]
        out.extend(pieces)
    return _merge(out)


def _url(href: str) -> str:
    return "".join({" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E"}.get(ch, ch) for ch in href)


def _groups(runs: list[Run], key: Callable[[Run], Hashable]) -> list[tuple[Hashable, list[Run]]]:
    out: list[tuple[Hashable, list[Run]]] = []
    for run in runs:
        value = key(run)
        if out and out[-1][0] == value:
            out[-1][1].append(run)
        else:
            out.append((value, [run]))
    return out


def _nested_emphasis(runs: list[Run]) -> str:
    """Bold and italic as nested delimiters: of two that start together, the longer-lasting is outside.

    Delimiters stay open while the formatting lasts; when one below the top of the
    stack ends, those above it close and open again.
    """
    lasting: dict[str, list[int]] = {}
    for delimiter, has in (("**", lambda run: run.bold), ("*", lambda run: run.italic)):
        counts = [0] * (len(runs) + 1)
        for index in range(len(runs) - 1, -1, -1):
            counts[index] = counts[index + 1] + 1 if has(runs[index]) else 0
        lasting[delimiter] = counts
    out: list[str] = []
    stack: list[str] = []  # open delimiters, outermost first
    for index, run in enumerate(runs):
        wanted = {"**"} if run.bold else set()
        if run.italic:
            wanted.add("*")
        keep = 0
        while keep < len(stack) and stack[keep] in wanted:
            keep += 1
        out.extend(reversed(stack[keep:]))
        del stack[keep:]
        opening = sorted((d for d in ("**", "*") if d in wanted and d not in stack), key=lambda d: -lasting[d][index])
        out.extend(opening)
        stack.extend(opening)
        out.append(escape(run.text))
    out.extend(reversed(stack))
    return "".join(out)


def _grouped_emphasis(runs: list[Run]) -> str:
    """Bold and italic with bold always outside: what CommonMark reads best when the two cross."""
    out = []
    for bold, group in _groups(runs, lambda run: run.bold):
        inner = "".join(
            f"*{''.join(escape(r.text) for r in sub)}*" if italic else "".join(escape(r.text) for r in sub)
            for italic, sub in _groups(group, lambda run: run.italic)
        )
        out.append(f"**{inner}**" if bold else inner)
    return "".join(out)


def _markup(runs: list[Run], emphasis: Callable[[list[Run]], str]) -> str:
    out = []
    for href, group in _groups(runs, lambda run: run.href):
        inner = emphasis(group)
        out.append(f"[{inner}]({_url(str(href))})" if href else inner)
    return "".join(out)


def _shape(runs: Sequence[Run]) -> list[tuple[str, bool, bool, bool]]:
    """What prints: text, bold, italic and whether it is a link (addresses are compared once normalised)."""
    merged = spaces_outside_formatting([Run(r.text, r.bold, r.italic, "x" if r.href else None) for r in runs])
    return [(r.text, r.bold, r.italic, r.href is not None) for r in merged]


def serialize(runs: Sequence[Run], fewer_escapes: bool = True) -> str:
    """Inline markup printing as ``runs``; formatting that markup cannot express is dropped.

    Each level of formatting is tried with two ways of nesting bold and italic;
    formatting is dropped in steps — italic first, then bold, then links — until the
    markup parses back to what it was meant to print. The words always come back.
    """
    runs = spaces_outside_formatting(runs)
    attempts = (
        runs,
        [Run(r.text, r.bold, False, r.href) for r in runs],
        [Run(r.text, False, False, r.href) for r in runs],
        [Run(r.text) for r in runs],
    )
    for attempt in attempts:
        for emphasis in (_nested_emphasis, _grouped_emphasis):
            text = _markup(spaces_outside_formatting(attempt), emphasis)
            if _prints_as(text, attempt):
                return _fewer_escapes(text, attempt) if fewer_escapes else text
    plain = escape("".join(run.text for run in runs))
    return _fewer_escapes(plain, [Run("".join(run.text for run in runs))]) if fewer_escapes else plain


def _prints_as(text: str, runs: Sequence[Run]) -> bool:
    items = parse(text)
    printed = [item for item in items if not isinstance(item, FootnoteRef)]
    return _shape(printed) == _shape(runs) and len(printed) == len(items)


#: Escapes tried away, all together first, then one kind of character at a time.
_UNESCAPES = (re.compile(r"\\([*_\[\]`])"), re.compile(r"\\([\[\]])"), re.compile(r"\\(_)"),
              re.compile(r"\\([*])"))


def _fewer_escapes(text: str, runs: Sequence[Run]) -> str:
    """``text`` without the backslashes it does not need, as an analyst would type it.

    The writer escapes every markup character, but most print as themselves anyway:
    ``[...]`` in a quotation, ``_`` inside a word, a lone ``*``. Each candidate is
    checked by parsing it, so what prints never changes; a backslash typed before a
    backslash is always kept. A few parses of the text: linear.
    """
    if "\\" not in text:
        return text
    for pattern in _UNESCAPES:
        candidate = pattern.sub(_keep_double, text)
        if candidate != text and _prints_as(candidate, runs):
            return candidate
    return text


def _keep_double(match: re.Match[str]) -> str:
    return match.group(1)
