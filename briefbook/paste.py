"""Turning pasted material into body text (see :mod:`briefbook.model.bodytext`).

Analysts draft from Word documents, web pages and PDFs. Pasting must keep what the
brief format can carry — bold, italic, http/https/mailto links, list nesting — and
drop everything else (fonts, colours, styles, images, tables' grid), because a brief
takes its look from the house template, never from the source.

- :func:`html_to_text` reads the HTML a rich clipboard carries (Word, browsers,
  LibreOffice). Pasted words are escaped with :func:`briefbook.markup.escape`, so an
  asterisk in a quotation prints as an asterisk.
- :func:`join_pdf_lines` (from :mod:`briefbook.paste_pdf`) mends plain text copied
  from a PDF, whose lines are broken where the page wrapped them.
- :func:`from_clipboard` is what the editor calls: it picks the richest form the
  clipboard offers, turns away characters a brief cannot hold
  (:func:`briefbook.checks.clean_text`) and says what it did.

All are pure, and linear in their input: a paste of 40,000 lines or 30,000 links
takes in proportion to its size (``tests/test_paste_scaling.py`` counts the work).
Hostile or broken HTML gives some text. There is no catch-all that could drop
content quietly: should converting HTML fail unexpectedly, :func:`from_clipboard`
pastes the clipboard's plain text instead and the notice says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from briefbook.checks import CleanedText, clean_text
from briefbook.markup import Run, escape, serialize
from briefbook.model import bodytext
from briefbook.paste_pdf import clean_pasted, items_to_text, join_pdf_lines, looks_like_pdf_text

__all__ = ["Pasted", "from_clipboard", "html_to_text", "html_words", "join_pdf_lines", "looks_like_pdf_text",
           "plain_to_text"]

_SPACE = re.compile(r"[ \t\n\r\f\u00a0\u2028\u2029]+")
_SKIP_TAGS = frozenset({
    "script", "style", "head", "title", "noscript", "template", "svg", "math", "iframe", "object",
    "xml", "select", "button", "textarea", "canvas", "video", "audio", "map",
})
_VOID_TAGS = frozenset({
    "br", "img", "hr", "meta", "link", "input", "wbr", "col", "area", "base", "source", "track",
    "embed", "param", "basefont", "frame", "keygen",
})
_BLOCK_TAGS = frozenset({
    "p", "div", "li", "blockquote", "pre", "td", "th", "tr", "table", "thead", "tbody", "tfoot",
    "caption", "section", "article", "header", "footer", "main", "nav", "aside", "ul", "ol", "dl",
    "dt", "dd", "figure", "figcaption", "address", "hr", "form", "fieldset", "details", "summary",
    "h1", "h2", "h3", "h4", "h5", "h6", "body", "html",
})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_MSO_LEVEL = re.compile(r"mso-list\s*:\s*l\d+\s+level(\d+)", re.IGNORECASE)
_ALLOWED_LINK = re.compile(r"(?:https?://|mailto:)\S", re.IGNORECASE)
#: Glyphs that stand for a bullet when a list arrives as plain paragraphs; the hollow
#: ones conventionally mark the second level.
_GLYPHS = {"•": 0, "·": 0, "▪": 0, "●": 0, "■": 0, "\uf0b7": 0, "\uf0a7": 1, "§": 0,
           "◦": 1, "○": 1, "▫": 1, "□": 1, "o": 1}
_MAX_DEPTH = 512


def _style(attrs: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for declaration in attrs.get("style", "").split(";"):
        name, _, value = declaration.partition(":")
        if value:
            out[name.strip().lower()] = value.strip().lower().strip("'\"")
    return out


@dataclass
class _Frame:
    tag: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    skip: bool = False
    lists: int = 0
    #: Inside a list item, where paragraphs (LibreOffice, Google Docs) belong to the bullet.
    in_item: bool = False


@dataclass
class _Item:
    kind: str  # "paragraph", "heading" or "bullet"
    level: int = 0
    runs: list[Run] = field(default_factory=list)


class _Reader(HTMLParser):
    """Collects paragraphs, headings and bullets, each as formatted runs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Frame] = [_Frame("#root")]
        self.items: list[_Item] = []
        self.item: _Item | None = None
        self.hidden_section = False  # inside Word's <![if !supportLists]> fallback text
        self.pre = 0

    # -- structure --------------------------------------------------------------
    def flush(self) -> None:
        if self.item is not None and any(run.text.strip() for run in self.item.runs):
            self.items.append(self.item)
        self.item = None

    def start_item(self, kind: str, level: int = 0) -> None:
        self.flush()
        self.item = _Item(kind, level)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        top = self.stack[-1]
        if tag == "br":
            if not top.skip and not self.hidden_section:
                if self.item is not None and self.item.kind != "paragraph":
                    self.item.runs.append(Run(" "))
                else:
                    self.flush()
            return
        if tag in _VOID_TAGS:
            if tag == "hr":
                self.flush()
            return
        if len(self.stack) >= _MAX_DEPTH:
            return
        style = _style(values)
        in_item = top.in_item and tag not in ("ul", "ol")
        frame = _Frame(tag, top.bold, top.italic, top.href, top.skip, top.lists, in_item)
        if tag in _SKIP_TAGS or style.get("mso-list") == "ignore" or style.get("display") == "none":
            frame.skip = True
        if tag in ("b", "strong"):
            frame.bold = True
        if tag in ("i", "em", "cite", "dfn"):
            frame.italic = True
        weight = style.get("font-weight")
        if weight:
            frame.bold = weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
        font_style = style.get("font-style")
        if font_style:
            frame.italic = font_style in ("italic", "oblique")
        if tag == "a" and frame.href is None:
            href = values.get("href", "").strip()
            frame.href = href if _ALLOWED_LINK.match(href) else None
        if tag in ("ul", "ol"):
            frame.lists += 1
        if tag == "pre":
            self.pre += 1
        self.stack.append(frame)
        if frame.skip or tag not in _BLOCK_TAGS:
            return
        mso = _MSO_LEVEL.search(values.get("style", ""))
        if tag == "li":
            frame.in_item = True
            self.start_item("bullet", max(frame.lists - 1, 0))
        elif top.in_item and tag not in ("ul", "ol") and self.item is not None and self.item.kind == "bullet":
            self.item.runs.append(Run(" "))
        elif mso or values.get("class", "").lower().startswith("msolistparagraph"):
            self.start_item("bullet", int(mso.group(1)) - 1 if mso else 0)
        elif tag in _HEADINGS:
            self.start_item("heading")
        elif tag in ("ul", "ol"):
            if self.item is not None and self.item.kind == "bullet":
                self.flush()
        else:
            self.start_item("paragraph")

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                closed = self.stack[index:]
                del self.stack[index:]
                self.pre -= sum(1 for frame in closed if frame.tag == "pre")
                if any(frame.tag in _BLOCK_TAGS and not frame.skip
                       and (frame.tag in ("li", "ul", "ol") or not frame.in_item) for frame in closed):
                    self.flush()
                return

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    # -- Word's conditional sections ---------------------------------------------
    def handle_comment(self, data: str) -> None:
        self._conditional(data.strip())

    def unknown_decl(self, data: str) -> None:
        self._conditional(data.strip())

    def _conditional(self, data: str) -> None:
        data = data.strip("[]").strip()
        if data.lower().startswith("if !support"):
            self.hidden_section = True
        elif data.lower() == "endif":
            self.hidden_section = False

    # -- text ---------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        top = self.stack[-1]
        if top.skip or self.hidden_section:
            return
        data = clean_pasted(data)
        if self.pre:
            lines = data.replace("\r\n", "\n").split("\n")
            for number, line in enumerate(lines):
                if number:
                    self.start_item("paragraph")
                self._add(line, top)
            return
        self._add(data, top)

    def _add(self, text: str, frame: _Frame) -> None:
        text = _SPACE.sub(" ", text)
        if not text:
            return
        if self.item is None:
            self.item = _Item("paragraph")
        self.item.runs.append(Run(text, frame.bold, frame.italic, frame.href))


# -- runs to markup -------------------------------------------------------------------


def _collapse_spaces(runs: list[Run]) -> list[Run]:
    """Runs as HTML shows them: spaces collapsed across runs, none at either end."""
    flat: list[Run] = []
    previous_space = True
    for run in runs:
        text = run.text.lstrip(" ") if previous_space else run.text
        if text:
            previous_space = text.endswith(" ")
            flat.append(Run(text, run.bold, run.italic, run.href))
    if flat:
        last = flat[-1]
        flat[-1] = Run(last.text.rstrip(" "), last.bold, last.italic, last.href)
    return flat


# -- items to body text ----------------------------------------------------------------


def _strip_glyph(item: _Item) -> None:
    """A paragraph opening with a bullet glyph is a bullet; a list item loses its glyph."""
    if not item.runs:
        return
    first = item.runs[0]
    text = first.text.lstrip(" ")
    if len(text) >= 2 and text[0] in _GLYPHS and text[1] == " " and (text[0] != "o" or item.kind == "bullet"):
        if item.kind == "paragraph":
            item.kind, item.level = "bullet", _GLYPHS[text[0]]
        item.runs[0] = Run(text[2:], first.bold, first.italic, first.href)


def html_to_text(html: str) -> str:
    """Body text for an HTML fragment from the clipboard.

    Broken HTML is read as browsers would read it; only a fault of this program could
    make it raise, and :func:`from_clipboard` answers that with the plain text.
    """
    reader = _Reader()
    reader.feed(html)
    reader.close()
    reader.flush()
    items = []
    for item in reader.items:
        _strip_glyph(item)
        items.append((item.kind, item.level, serialize(_collapse_spaces(item.runs))))
    return items_to_text(items)


def html_words(html: str) -> str:
    """The words of an HTML fragment without its tags, as one escaped paragraph (the last resort)."""
    return items_to_text([("paragraph", 0, escape(_SPACE.sub(" ", clean_pasted(_TAG.sub(" ", html))).strip()))])


_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Pasted:
    """What a paste inserts, and what the analyst should be told about it ("" when nothing)."""

    text: str
    notice: str = ""


def from_clipboard(html: str | None = None, plain: str | None = None, body: str | None = None,
                   literal: bool = False) -> Pasted:
    """Body text for what a clipboard (or a drop) offers, the richest form first.

    ``body`` is text copied from a Briefbook editor (taken as it is), ``html`` a rich
    clipboard's HTML, ``plain`` its plain text; with ``literal`` only the plain text
    is used, escaped to print as seen. Characters a brief cannot hold are turned away
    first, and the notice says how many. Should reading the HTML fail — a fault of this
    program, not of the clipboard — the plain text is pasted instead and the notice
    says that too: nothing the analyst copied is dropped without a word.
    """
    if body is not None and not literal:
        cleaned = clean_text(body)
        return Pasted(cleaned.text, cleaned.notice(_PASTED))
    notes: list[str] = []
    if html is not None and not literal:
        cleaned = clean_text(html)
        try:
            text = html_to_text(cleaned.text)
        except Exception as exc:  # any fault: paste the plain text, and say so
            notes.append(f"the formatting of the pasted text could not be read ({type(exc).__name__}), "
                         "so it was pasted as plain text")
            if plain is None:
                return Pasted(html_words(cleaned.text), _notice(cleaned, notes))
        else:
            if text or plain is None:
                return Pasted(text, _notice(cleaned, notes))
    cleaned = clean_text(plain or "")
    try:
        text = plain_to_text(cleaned.text, literal)
    except Exception as exc:  # any fault: paste the lines as copied, and say so
        notes.append(f"its lines could not be mended ({type(exc).__name__}), so they were pasted as copied")
        text = escape(cleaned.text) if literal else cleaned.text
    return Pasted(text, _notice(cleaned, notes))


_PASTED = "Pasted text"


def _notice(cleaned: CleanedText, notes: list[str]) -> str:
    sentences = [cleaned.notice(_PASTED)] if cleaned.changed else []
    if notes:
        sentences.append(_PASTED + ": " + "; ".join(notes))
    return ". ".join(sentences)


def plain_to_text(text: str, literal: bool = False) -> str:
    """Body text for pasted plain text.

    Plain text is taken as typed: markup in it stays markup, so Markdown pastes as
    Markdown. Text that reads like a PDF copy has its lines mended first. With
    ``literal``, every line's words are escaped so that they print exactly as seen,
    while bullets and headings keep their line form.
    """
    text = clean_pasted(text.replace("\r\n", "\n").replace("\r", "\n"))
    if looks_like_pdf_text(text):
        text = join_pdf_lines(text)
    if not literal:
        return text
    out = []
    for raw in text.split("\n"):
        line = bodytext.parse_line(raw)
        if line.kind in ("bullet", "heading"):
            out.append(raw[: line.text_start] + escape(line.text))
        elif line.kind == "paragraph":
            out.append(bodytext.paragraph_line(escape(raw.strip(" \t"))))
        else:
            out.append("")
    return "\n".join(out)
