"""Inline markup: the one parser every renderer uses.

Text in a brief is CommonMark inline markup restricted to what the Assembly's format
needs: ``**bold**``, ``*italic*``, ``[text](https://…)``, footnote references
``[^id]`` and backslash escapes. Everything else — HTML, entities, code spans,
typographic replacement — is left as typed, so curly quotes, dashes and Cyrillic come
through untouched and nothing an analyst pastes is silently reinterpreted.

The parser is markdown-it-py with a small extra rule for footnote references that,
unlike mdit-py-plugins' footnote plugin, does not need the definitions in the same
text: in a brief they live in the ``footnotes`` mapping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

#: Footnote ids: letters, digits, ``-``, ``_`` and ``.``; no spaces, so they survive diffs.
FOOTNOTE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")

#: Link targets a brief may carry; anything else is kept as plain text.
ALLOWED_SCHEMES = ("http://", "https://", "mailto:")


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass(frozen=True)
class FootnoteRef:
    """A ``[^id]`` reference; the renderer gives it its number."""

    id: str
    #: Character offset of the reference in the source text, for jump-to-place.
    offset: int = 0


Inline = Run | FootnoteRef


def _footnote_ref_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("[^", pos):
        return False
    match = FOOTNOTE_ID.match(src, pos + 2)
    if not match or not src.startswith("]", match.end()):
        return False
    if not silent:
        token = state.push("footnote_ref", "", 0)
        token.meta = {"id": match.group(0), "offset": pos}
    state.pos = match.end() + 1
    return True


def _validate_link(url: str) -> bool:
    return url.lower().startswith(ALLOWED_SCHEMES)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("zero").enable(["emphasis", "link", "escape", "newline"])
    md.inline.ruler.before("link", "footnote_ref", _footnote_ref_rule)
    md.validateLink = _validate_link
    return md


#: The characters the parser acts on (emphasis, links, footnote marks, escapes, line
#: breaks, NUL) or might in a wider CommonMark profile. Most bullets of a brief have none
#: of them, and skipping the parser for those makes long briefs render several times faster.
_MARKUP_CHARACTERS = re.compile(r"[*_\[\]\\\n\r\x00`<>&!\u2028]")


@lru_cache(maxsize=65536)
def parse(text: str) -> tuple[Inline, ...]:
    """Split marked-up text into runs and footnote references.

    Adjacent runs with the same formatting are merged, so renderers emit as few runs
    as Word itself would. Results are cached: a brief's texts change one at a time.
    """
    if not text:
        return ()
    if not _MARKUP_CHARACTERS.search(text):
        return (Run(text),)
    return parse_with_parser(text)


def parse_with_parser(text: str) -> tuple[Inline, ...]:
    """:func:`parse` without the shortcut for unmarked text (the tests compare the two)."""
    if not text:
        return ()
    md = _parser()
    tokens: list = []
    # The inline rules alone: parseInline would also run the block and core chains, which
    # only wrap one inline token around the same work and cost a quarter of the time.
    md.inline.parse(_normalise(text), md, {}, tokens)
    out: list[Inline] = []
    bold = italic = 0
    href: str | None = None
    for token in tokens:
        kind = token.type
        if kind in ("text", "text_special"):  # text_special: a backslash-escaped character
            _append(out, Run(token.content, bold > 0, italic > 0, href))
        elif kind in ("softbreak", "hardbreak"):
            _append(out, Run("\n", bold > 0, italic > 0, href))
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            href = str(token.attrs.get("href", ""))
        elif kind == "link_close":
            href = None
        elif kind == "footnote_ref":
            out.append(FootnoteRef(token.meta["id"], token.meta["offset"]))
        else:  # any other token is shown as typed rather than dropped
            _append(out, Run(token.content, bold > 0, italic > 0, href))
    return tuple(out)


def _normalise(text: str) -> str:
    """What markdown-it's ``normalize`` core rule does: one kind of line break, no NUL.

    U+2028 (what Shift+Enter types in the editor) is a line break inside one paragraph
    or bullet, so it becomes one here too.
    """
    if "\r" in text or "\u2028" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    return text.replace("\0", "\ufffd") if "\0" in text else text


def _append(out: list[Inline], run: Run) -> None:
    if not run.text:
        return
    last = out[-1] if out else None
    if isinstance(last, Run) and (last.bold, last.italic, last.href) == (run.bold, run.italic, run.href):
        out[-1] = Run(last.text + run.text, run.bold, run.italic, run.href)
    else:
        out.append(run)


def plain_text(text: str) -> str:
    """The text without markup, footnote references dropped (for word counts, titles, search)."""
    return "".join(item.text for item in parse(text) if isinstance(item, Run))


def footnote_refs(text: str) -> list[FootnoteRef]:
    """The footnote references of a text, in order."""
    return [item for item in parse(text) if isinstance(item, FootnoteRef)]


_ESCAPABLE = re.compile(r"([\\*_\[\]`])")


def escape(text: str) -> str:
    """Escape plain text so that :func:`parse` gives it back unchanged."""
    return _ESCAPABLE.sub(r"\\\1", text)
