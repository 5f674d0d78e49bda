"""The text of a source file: plain text, Markdown, an HTML page saved from a browser, a DOCX, a PDF.

Each kind is read with a library made for it — selectolax (the Lexbor HTML parser) for
pages, python-docx for Word, pypdfium2 (PDFium) for a PDF's text layer — and comes out
the same way: paragraphs separated by one blank line, ``\\n`` line ends, none of the
characters a brief cannot hold. That text is what the source pane shows, what a quote is
copied from and what quotations are checked against, so nothing is kept that an analyst
would not read as the source's words: a page's navigation, scripts and footers go.

Every failure is a :class:`SourceError` whose message names the file and the reason; the
work is linear in the file's size, and a file larger than :data:`LIMIT` is refused.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from briefbook.checks import clean_text
from briefbook.filekinds import read_ordinary

#: The largest source file read (a long report as PDF is a few megabytes).
LIMIT = 50 << 20
#: The file endings accepted, for file dialogs.
SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")

_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_BLANK_LINES = re.compile(r"\n\s*\n")
#: HTML that is never the source's own words.
_CLUTTER = ("script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
            "button", "iframe", "select", "[role=navigation]", "[role=banner]", "[role=contentinfo]",
            "[aria-hidden=true]")
#: HTML elements whose text is a paragraph of its own.
_BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div", "td", "th", "tr", "ul",
                     "ol", "dl", "dt", "dd", "table", "section", "article", "main", "pre", "figure", "figcaption",
                     "caption", "address", "body", "html"})
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;)\]”\"»]$")


class SourceError(Exception):
    """A file that cannot be a source; the message names the file and the reason."""


@dataclass(frozen=True)
class Extracted:
    """A source's text, the title it gives itself ("" if none) and its kind: text, html, docx or pdf."""

    text: str
    title: str
    kind: str


def extract_text(path: Path) -> Extracted:
    """The text of the source file ``path`` (see the module docstring); raises :class:`SourceError`."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SourceError(f"{path.name}: a source must be plain text, Markdown, an HTML page, a Word document "
                          f"or a PDF ({', '.join(SUFFIXES)})")
    try:
        data = read_ordinary(path, LIMIT + 1)
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__
        raise SourceError(f"{path}: cannot be read: {reason}") from None
    if len(data) > LIMIT:
        raise SourceError(f"{path.name}: larger than {LIMIT >> 20} MB; save the part you quote from as its own file")
    try:
        if suffix in (".txt", ".md"):
            extracted = _from_text(data, path)
        elif suffix in (".html", ".htm"):
            extracted = _from_html(data)
        elif suffix == ".docx":
            extracted = _from_docx(data)
        else:
            extracted = _from_pdf(data, path)
    except SourceError:
        raise
    except Exception as exc:  # a parser's own error: the file is broken or not what its name says
        raise SourceError(f"{path.name}: cannot be read as {suffix[1:].upper()}: "
                          f"{str(exc) or exc.__class__.__name__}") from None
    if not extracted.text.strip():
        raise SourceError(f"{path.name}: has no text")
    return extracted


def paragraphs_text(paragraphs: list[str]) -> str:
    """One text of ``paragraphs``: each on one line, spaces collapsed, a blank line between, a final newline."""
    kept = [" ".join(_SPACES.sub(" ", p).split()) for p in paragraphs]
    kept = [p for p in kept if p]
    return clean_text("\n\n".join(kept)).text + "\n" if kept else ""


def _title_of(text: str, fallback: str = "") -> str:
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    return first if 0 < len(first) < 200 else fallback


def _from_text(data: bytes, path: Path) -> Extracted:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SourceError(f"{path.name}: not a text in UTF-8 or Windows encoding")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in clean_text(text).text.split("\n")]
    text = "\n".join(lines).strip("\n")
    text = _BLANK_LINES.sub("\n\n", text) + "\n"
    return Extracted(text, _title_of(text, path.stem), "text")


def _decode_html(data: bytes) -> str:
    """A saved page's characters: UTF-8 if it is, else the charset its head declares, else cp1252.

    The parser, given bytes, assumes UTF-8 and would turn a Windows-1252 page's curly
    quotes into U+FFFD, which would make every quotation from it unmatchable.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")


def _from_html(data: bytes) -> Extracted:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(_decode_html(data))
    title_node = tree.css_first("title")
    title = " ".join(title_node.text().split()) if title_node is not None else ""
    for selector in _CLUTTER:
        for node in tree.css(selector):
            node.decompose()
    root = tree.css_first("main") or tree.css_first("article") or tree.body or tree.root
    if not title:
        heading = tree.css_first("h1")
        title = " ".join(heading.text().split()) if heading is not None else ""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        paragraphs.append("".join(current))
        current.clear()

    # One walk of the page with a stack (never recursion: a page may nest thousands deep); a block
    # element or a <br> ends the paragraph being read, so nested blocks are read once, in order.
    stack: list[tuple[object, bool]] = [(root, False)] if root is not None else []
    while stack:
        node, leaving = stack.pop()
        tag = node.tag  # type: ignore[attr-defined]
        if leaving:
            flush()
        elif tag == "-text":
            current.append(node.text_content or "")  # type: ignore[attr-defined]
        elif tag == "br":
            flush()
        elif tag != "-comment":
            if tag in _BLOCKS:
                flush()
                stack.append((node, True))
            children = []
            child = node.child  # type: ignore[attr-defined]
            while child is not None:
                children.append(child)
                child = child.next
            stack.extend((child, False) for child in reversed(children))
    flush()
    return Extracted(paragraphs_text(paragraphs), title, "html")


def _from_docx(data: bytes) -> Extracted:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    paragraphs: list[str] = []
    title = document.core_properties.title or ""
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            paragraphs.append(paragraph.text)
            style = paragraph.style.name if paragraph.style is not None else ""
            if not title and paragraph.text.strip() and (style == "Title" or style.startswith("Heading")):
                title = paragraph.text.strip()
        elif tag == "tbl":
            for row in Table(child, document).rows:
                for cell in row.cells:
                    paragraphs.extend(p.text for p in cell.paragraphs)
    text = paragraphs_text(paragraphs)
    return Extracted(text, " ".join(title.split()) or _title_of(text), "docx")


def _from_pdf(data: bytes, path: Path) -> Extracted:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise SourceError(f"{path.name}: not a PDF that can be read ({exc}); if it has a password, "
                          "save a copy without one") from None
    try:
        title = (pdf.get_metadata_dict().get("Title") or "").strip()
        paragraphs: list[str] = []
        for page in pdf:
            textpage = page.get_textpage()
            paragraphs += _mended(textpage.get_text_bounded())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    text = paragraphs_text(paragraphs)
    if not text:
        raise SourceError(f"{path.name}: has no text layer (a scanned PDF?); quote from a PDF whose text can be "
                          "selected, or save its text as a .txt")
    return Extracted(text, title or _title_of(text), "pdf")


def _mended(page_text: str) -> list[str]:
    """A page's paragraphs, its lines broken by the page width joined back.

    A line ends its paragraph when the next is blank, or when it ends a sentence and is
    visibly shorter than the page's full lines; a word hyphenated across two lines is
    joined with its hyphen (a compound like "cross-border" is far more common in briefs'
    sources than a word the PDF's writer hyphenated).
    """
    # PDFium marks a hyphen that ends a line with U+0002 and joins the two lines itself
    page_text = page_text.replace("\x02", "-").replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.strip() for line in page_text.split("\n")]
    width = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current.endswith("-") and line[:1].islower() and current[-2:-1].isalpha():
            current += line  # "cross-" + "border": the hyphen kept, the word whole
        else:
            current = f"{current} {line}" if current else line
        if _SENTENCE_END.search(line) and len(line) < 0.8 * width:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs
