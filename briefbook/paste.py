"""Turning pasted material into body text (see :mod:`briefbook.model.bodytext`).

Analysts draft from Word documents, web pages and PDFs. Pasting must keep what the
brief format can carry — bold, italic, http/https/mailto links, list nesting — and
drop everything else (fonts, colours, styles, images, tables' grid), because a brief
takes its look from the house template, never from the source.

- :func:`html_to_text` reads the HTML a rich clipboard carries (Word, browsers,
  LibreOffice). Pasted words are escaped with :func:`briefbook.markup.escape`, so an
  asterisk in a quotation prints as an asterisk.
- :func:`join_pdf_lines` mends plain text copied from a PDF, whose lines are broken
  where the page wrapped them.

Both are pure and never raise: hostile or broken input gives some text, never a
traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from briefbook.markup import Run, escape, serialize
from briefbook.model import bodytext

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffc\ufffe\uffff]")
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


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)


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
        data = _clean(data)
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


def _lines(items: list[tuple[str, int, str]]) -> str:
    out: list[str] = []
    previous = ""
    for kind, level, text in items:
        if not text:
            continue
        if kind == "bullet":
            line = f"{'  ' * level}- {text}"
        elif kind == "heading":
            line = f"## {text}"
        else:
            line = bodytext.paragraph_line(text)
        if out:
            out.append("\n" if kind == "bullet" and previous == "bullet" else "\n\n")
        out.append(line)
        previous = kind
    return bodytext.normalise("".join(out)) if out else ""


def html_to_text(html: str) -> str:
    """Body text for an HTML fragment from the clipboard (never raises)."""
    try:
        reader = _Reader()
        reader.feed(html)
        reader.close()
        reader.flush()
        items = []
        for item in reader.items:
            _strip_glyph(item)
            items.append((item.kind, item.level, serialize(_collapse_spaces(item.runs))))
        return _lines(items)
    except Exception:  # a clipboard must never crash the editor; fall back to bare text
        return _lines([("paragraph", 0, escape(_SPACE.sub(" ", _clean(re.sub(r"<[^>]*>", " ", html))).strip()))])


# -- PDF text ----------------------------------------------------------------------------

_PDF_BULLET = re.compile(r"([•▪●◦○■□‣⁃\-–—*\uf0b7]|\d{1,3}[.)])\s+(\S.*)")
_TERMINAL = tuple(".!?:;…")
_CLOSERS = "\"'”’»)]"
_PAGE_NUMBER = re.compile(r"\d{1,3}")
_BROKEN_WORD = re.compile(r"(?<![\w-])([^\W\d_]{2,})-$")
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(_TERMINAL)


def _starts_lower(text: str) -> bool:
    text = text.lstrip("*_\"'“‘([")
    return bool(text) and text[0].islower()


@dataclass
class _PdfItem:
    kind: str
    level: int
    text: str
    last_line: str


def _join(item: _PdfItem, line: str, whole: str) -> None:
    """Append ``line`` to ``item``, mending a word the page broke with a hyphen."""
    text = item.text
    if text.endswith("\u00ad"):
        item.text = text[:-1] + line
    elif text.endswith("-") and not text.endswith(" -"):
        broken, word = _BROKEN_WORD.search(text), _FIRST_WORD.match(line)
        # Only a clearly broken word loses its hyphen: letters on both sides, the second
        # part in lower case, and the hyphenated form not used elsewhere in the text.
        if (broken and word and word.group(0)[0].islower()
                and f"{broken.group(1)}-{word.group(0)}" not in whole.replace(broken.group(0) + "\n", "")):
            item.text = text[:-1] + line
        else:
            item.text = text + line
    else:
        item.text = f"{text} {line}"
    item.last_line = line


def join_pdf_lines(text: str) -> str:
    """Plain text from a PDF with its hard line breaks mended (never raises).

    A line continues the one above unless the one above ends a sentence and is
    visibly shorter than the text's full lines (a paragraph's last line), or is a
    short line without final punctuation followed by a capital (a heading). A blank
    line is a paragraph break unless the text before it stops mid-sentence and the
    next line starts in lower case: that is a page break inside a paragraph. Lines
    starting with a bullet glyph, a dash or ``1.`` become ``- `` bullets; a bare page
    number between blank lines is dropped. Markup characters are not escaped: plain
    text is treated as typed.
    """
    try:
        return _join_pdf_lines(text)
    except Exception:  # never let a clipboard crash the editor
        return _clean(text)


def _join_pdf_lines(text: str) -> str:
    text = _clean(text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n"))
    lines = [line.rstrip() for line in text.split("\n")]
    width = max((len(line.strip()) for line in lines), default=0)
    items: list[_PdfItem] = []
    blank = False
    indents: list[int] = []
    for number, raw in enumerate(lines):
        line = raw.strip().replace("\t", " ")
        if not line:
            blank = True
            continue
        around_blank = (number == 0 or not lines[number - 1].strip()) and (
            number + 1 >= len(lines) or not lines[number + 1].strip())
        if _PAGE_NUMBER.fullmatch(line) and around_blank and items:
            continue
        indent = len(raw) - len(raw.lstrip())
        bullet = _PDF_BULLET.fullmatch(line)
        if bullet:
            if not items or items[-1].kind != "bullet" or blank:
                indents = []
            while indents and indents[-1] >= indent:
                indents.pop()
            level = max(len(indents), 1 if bullet.group(1) in "◦○□" else 0)
            indents.append(indent)
            items.append(_PdfItem("bullet", level, bullet.group(2), bullet.group(2)))
            blank = False
            continue
        last = items[-1] if items else None
        if last is not None and _continues(last.last_line, line, blank, width):
            _join(last, line, text)
        else:
            items.append(_PdfItem("paragraph", 0, line, line))
            indents = []
        blank = False
    return _lines([(item.kind, item.level, item.text) for item in items])


def _continues(previous: str, line: str, across_blank: bool, width: int) -> bool:
    if across_blank:
        return not _ends_sentence(previous) and _starts_lower(line)
    if previous.endswith("\u00ad") or _starts_lower(line):
        return True
    long_line = len(previous) >= 0.75 * width
    if _ends_sentence(previous):
        return len(previous) >= 0.9 * width
    return long_line or not line[:1].isupper()


def plain_to_text(text: str, literal: bool = False) -> str:
    """Body text for pasted plain text.

    Plain text is taken as typed: markup in it stays markup, so Markdown pastes as
    Markdown. Text that reads like a PDF copy has its lines mended first. With
    ``literal``, every line's words are escaped so that they print exactly as seen,
    while bullets and headings keep their line form.
    """
    text = _clean(text.replace("\r\n", "\n").replace("\r", "\n"))
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


def looks_like_pdf_text(text: str) -> bool:
    """Whether plain text reads as lines broken by a page's wrapping rather than as typed lines.

    True when at least two (and a third) of the non-blank lines stop mid-sentence
    and run on into the next line, or when lines start with bullet glyphs.
    """
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    filled = [line for line in lines if line]
    if len(filled) < 2:
        return False
    if any(line[:1] in "•▪●◦\uf0b7" for line in filled):
        return True
    broken = 0
    for current, following in zip(lines, lines[1:], strict=False):
        if (current and following and not current.startswith("#") and not _ends_sentence(current)
                and not _PDF_BULLET.fullmatch(following) and not following.startswith("#")):
            broken += 1
    return broken >= 2 and broken * 3 >= len(filled)
