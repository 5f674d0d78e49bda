"""Properties of the inline markup on random texts and runs.

Texts saved by earlier versions must print the same, so the parser is compared with
markdown-it-py, the CommonMark implementation it replaced (kept here, and only here,
as the oracle), on random texts made of markup characters, letters and spaces. The
parser also promises exact source spans, and the writer promises to be its inverse;
those are checked on random input too.
"""

from __future__ import annotations

import pytest

hypothesis = pytest.importorskip("hypothesis")

from hypothesis import assume, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from markdown_it import MarkdownIt  # noqa: E402
from markdown_it.common.normalize_url import normalizeLink  # noqa: E402
from markdown_it.rules_inline import StateInline  # noqa: E402

from briefbook.markup import (  # noqa: E402
    ALLOWED_SCHEMES,
    BREAK,
    DESTINATION,
    EMPHASIS,
    ESCAPE,
    FOOTNOTE,
    FOOTNOTE_ID,
    LINK_CLOSE,
    LINK_OPEN,
    SPACE,
    TEXT,
    FootnoteRef,
    Run,
    parse,
    parse_with_parser,
    plain_text,
    scan,
    serialize,
)
from briefbook.markup.links import normalise_destination  # noqa: E402
from briefbook.markup.serialize import spaces_outside_formatting  # noqa: E402

# -- the oracle: markdown-it with the rules Briefbook enabled ---------------------------------


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


ORACLE = MarkdownIt("zero").enable(["emphasis", "link", "escape", "newline"])
ORACLE.inline.ruler.before("link", "footnote_ref", _footnote_ref_rule)
ORACLE.validateLink = lambda url: url.lower().startswith(ALLOWED_SCHEMES)


def _append(out: list, run: Run) -> None:
    last = out[-1] if out else None
    if not run.text:
        return
    if isinstance(last, Run) and (last.bold, last.italic, last.href) == (run.bold, run.italic, run.href):
        out[-1] = Run(last.text + run.text, run.bold, run.italic, run.href)
    else:
        out.append(run)


def oracle_parse(text: str) -> tuple:
    """Runs and references as markdown-it reads ``text`` (the previous production parser)."""
    if not text:
        return ()
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\0", "\ufffd")
    tokens: list = []
    ORACLE.inline.parse(text, ORACLE, {}, tokens)
    out: list = []
    bold = italic = 0
    href = None
    for token in tokens:
        kind = token.type
        if kind in ("softbreak", "hardbreak"):
            _append(out, Run("\n", bold > 0, italic > 0, href))
        elif kind in ("strong_open", "strong_close"):
            bold += 1 if kind == "strong_open" else -1
        elif kind in ("em_open", "em_close"):
            italic += 1 if kind == "em_open" else -1
        elif kind == "link_open":
            href = str(token.attrs.get("href", ""))
        elif kind == "link_close":
            href = None
        elif kind == "footnote_ref":
            out.append(FootnoteRef(token.meta["id"], token.meta["offset"]))
        else:
            _append(out, Run(token.content, bold > 0, italic > 0, href))
    return tuple(out)


# -- random texts ---------------------------------------------------------------------------

PIECES = [
    "*", "**", "***", "_", "__", "[", "]", "(", ")", "\\", "[^", "^", "]( ", "](", " ", "  ", "\t", "\n", "\r\n",
    "\r", "\u2028", "\x00", "\xa0", "a", "b", "word", "1", "é", "Ж", "«", "»", "“", "—", "-", ".", "!", '"', "'",
    "<", ">", "&", "&amp;", "&#x41;", "#", ";", ":", "/", "`", "http://", "https://a.b", "mailto:x@y",
    "javascript:", "<http://x>", "[^fn-1]", "[l](http://a.b)", "[l](https://a.b \"t\")", "\\*", "\\[",
    "\\\n", "\\ ", "\U0001F600", "\u3000", "\u2009", "\u200b", "\x0b", "$", "~",
]
texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.text(alphabet="*_[]()\\^ ab\n!\"<>", max_size=40),
)


def _shallow(text: str) -> bool:
    # markdown-it stops following nested brackets after 20 levels (an internal recursion
    # limit); this parser has no such limit, so the two are compared below it.
    return text.count("[") < 12


@settings(max_examples=1500, deadline=None, database=None)
@given(texts)
@example("a **b *c*** d")
@example("[a [^x]](http://y)")
@example("[a](b[c](http://d))")
@example("*a **b** c*")
@example("**a*[b](" * 5)
@example("[a]()")
@example("[x](<http://a b>)")
@example("[x](http://a.b/ü?q=1#f 'title')")
def test_the_parser_reads_texts_as_markdown_it_did(text: str) -> None:
    assume(_shallow(text))
    assert parse_with_parser(text) == oracle_parse(text)


@settings(max_examples=1000, deadline=None, database=None)
@given(st.text(alphabet="abHT:/.@%#?[]:;01 \t\u00e9\u00fc\u3002<>'`{}|\\^-_+!", max_size=20).map(
    lambda rest: rest if rest[:1] in "ab" else "http://" + rest))
def test_link_addresses_are_normalised_as_markdown_it_did(url: str) -> None:
    assert normalise_destination(url) == normalizeLink(url)


# -- exact spans ------------------------------------------------------------------------------

_MARKUP_OF = {
    ESCAPE: lambda source, piece: source == "\\",
    SPACE: lambda source, piece: source.strip(" \t") == "",
    BREAK: lambda source, piece: source in ("\n", "\r\n", "\r", "\u2028"),
    EMPHASIS: lambda source, piece: source in (("**", "__") if piece.strong else ("*", "_")),
    LINK_OPEN: lambda source, piece: source == "[",
    LINK_CLOSE: lambda source, piece: source == "]",
    DESTINATION: lambda source, piece: source.startswith("(") and source.endswith(")"),
    FOOTNOTE: lambda source, piece: source == f"[^{piece.text}]",
    TEXT: lambda source, piece: source.replace("\0", "\ufffd") == piece.text,
}


@settings(max_examples=800, deadline=None, database=None)
@given(texts)
def test_pieces_tile_the_source_and_slice_back_to_themselves(text: str) -> None:
    pieces = scan(text)
    assert "".join(text[p.start:p.end] for p in pieces) == text
    assert all(p.start < p.end for p in pieces)
    assert [p.start for p in pieces[1:]] == [p.end for p in pieces[:-1]]
    for index, piece in enumerate(pieces):
        assert _MARKUP_OF[piece.kind](text[piece.start:piece.end], piece), (piece, text)
        if piece.opening:
            partner = pieces[piece.partner]
            assert partner.partner == index and partner.start >= piece.end
            assert partner.kind == (EMPHASIS if piece.kind == EMPHASIS else LINK_CLOSE)
            assert partner.strong == piece.strong and partner.opening != piece.opening


@settings(max_examples=800, deadline=None, database=None)
@given(texts)
def test_runs_and_references_slice_back_to_their_pieces(text: str) -> None:
    pieces = scan(text)
    for item in parse_with_parser(text):
        if isinstance(item, FootnoteRef):
            assert text[item.start:item.end] == f"[^{item.id}]"
            continue
        inside = [p for p in pieces if item.start <= p.start and p.end <= item.end]
        assert "".join(p.text for p in inside if p.kind in (TEXT, BREAK)) == item.text
        assert inside[0].kind in (TEXT, BREAK, ESCAPE) and inside[-1].kind in (TEXT, BREAK)


# -- the writer ---------------------------------------------------------------------------------

addresses = st.sampled_from([None, None, "https://a.b/x", "mailto:p@q.r", "https://a.b/(x) y"])
any_run = st.builds(Run, st.text(alphabet="ab *_[]\\`<&!(\u00e9", min_size=1, max_size=6),
                    st.booleans(), st.booleans(), addresses)
word = st.text(alphabet="abc", min_size=1, max_size=3)
formatted_run = st.builds(lambda head, middle, tail, bold, italic, href: Run(head + middle + tail, bold, italic, href),
                          word, st.text(alphabet="ab *_[]\\`", max_size=4), word, st.booleans(), st.booleans(),
                          st.sampled_from([None, None, "https://a.b/x", "mailto:p@q.r"]))  # addresses as parsed
plain_run = st.text(alphabet="ab *_[]\\`(!", min_size=1, max_size=5).map(Run)


@settings(max_examples=500, deadline=None, database=None)
@given(st.lists(any_run, max_size=6))
def test_the_words_always_come_back(runs):
    assert plain_text(serialize(runs)) == "".join(run.text for run in runs)


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.tuples(formatted_run, plain_run), max_size=4))
def test_formatting_between_words_comes_back_exactly(pairs):
    # Formatted stretches that start and end on a letter, with plain text between them
    # (the shape pasted documents have), are expressible, so nothing may be dropped.
    runs = [run for pair in pairs for run in pair]
    assert list(parse(serialize(runs))) == spaces_outside_formatting(runs)
