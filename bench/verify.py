"""Is the exported document valid, with all its footnotes? Checked by three independent readers.

- python-docx opens it, and its ``footnotes.xml`` part holds one note per footnote
  of the brief (the separator notes Word needs excluded), each referenced once from
  the body;
- pandoc reads it back and finds the same number of notes;
- LibreOffice converts it to PDF, and the PDF's text (pdftotext) contains every
  footnote's printed text. LibreOffice's plain-text export drops footnotes, which is
  why the check goes through PDF. The page count is reported too.

Each reader's verdict is kept apart in :class:`Verification`, so a failure says which.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass
class Verification:
    expected_footnotes: int
    docx_opens: bool = False
    docx_footnotes: int = -1
    docx_references: int = -1
    pandoc_footnotes: int = -1
    #: None when LibreOffice or pdftotext is not installed and the check could not run.
    libreoffice_converted: bool | None = None
    pdf_pages: int = -1
    footnotes_in_pdf: int = -1
    missing_in_pdf: list[str] = field(default_factory=list)
    libreoffice_seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        n = self.expected_footnotes
        return (
            self.docx_opens
            and self.docx_footnotes == n
            and self.docx_references == n
            and self.pandoc_footnotes in (n, -1)
            and (self.libreoffice_converted is None or (self.libreoffice_converted and self.footnotes_in_pdf == n))
        )


def _normal(text: str) -> str:
    """NFKC (ligatures), one space for any run of whitespace, no soft hyphens."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip()


def count_docx_footnotes(docx: Path) -> tuple[int, int]:
    """(notes in footnotes.xml other than separators, footnote references in the body)."""
    with zipfile.ZipFile(docx) as z:
        names = set(z.namelist())
        body = etree.fromstring(z.read("word/document.xml"))
        notes = etree.fromstring(z.read("word/footnotes.xml")) if "word/footnotes.xml" in names else None
    refs = len(body.findall(f".//{{{W}}}footnoteReference"))
    if notes is None:
        return 0, refs
    real = [n for n in notes.findall(f"{{{W}}}footnote") if n.get(f"{{{W}}}type") in (None, "normal")]
    return len(real), refs


def pandoc_footnotes(docx: Path) -> int:
    done = subprocess.run(["pandoc", "-f", "docx", "-t", "markdown", str(docx)],
                          capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip()[-500:])
    return len(re.findall(r"^\[\^\d+\]:", done.stdout, flags=re.MULTILINE))


def libreoffice_pdf(docx: Path, folder: Path) -> Path:
    """Convert with a private LibreOffice profile, so it never meets another running instance."""
    profile = folder / "lo-profile"
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
        capture_output=True, text=True, timeout=900, check=False,
    )
    pdf = folder / (docx.stem + ".pdf")
    if done.returncode != 0 or not pdf.exists() or pdf.stat().st_size == 0:
        raise RuntimeError(f"soffice exit {done.returncode}: {(done.stderr or done.stdout).strip()[-500:]}")
    return pdf


def verify(docx: Path, footnote_texts: list[str]) -> Verification:
    """Check ``docx`` against the plain texts of the brief's footnotes."""
    result = Verification(expected_footnotes=len(footnote_texts))
    try:
        import docx as python_docx

        python_docx.Document(str(docx))
        result.docx_opens = True
        result.docx_footnotes, result.docx_references = count_docx_footnotes(docx)
    except Exception as exc:  # any failure to read is the finding itself
        result.notes.append(f"python-docx could not read it: {exc!r}")
    if shutil.which("pandoc"):
        try:
            result.pandoc_footnotes = pandoc_footnotes(docx)
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            result.notes.append(f"pandoc could not read it: {exc}")
            result.pandoc_footnotes = -2
    else:
        result.notes.append("pandoc not installed: its reading was skipped")
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        result.notes.append("LibreOffice or pdftotext not installed: the LibreOffice check was skipped")
        return result
    with tempfile.TemporaryDirectory(prefix="bench-lo-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        try:
            pdf = libreoffice_pdf(docx, folder)
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            result.notes.append(f"LibreOffice did not convert it: {exc}")
            result.libreoffice_converted = False
            return result
        result.libreoffice_seconds = time.perf_counter() - start
        result.libreoffice_converted = True
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False).stdout
        pages = re.search(r"^Pages:\s+(\d+)", info, flags=re.MULTILINE)
        result.pdf_pages = int(pages.group(1)) if pages else -1
        text_file = folder / "out.txt"
        subprocess.run(["pdftotext", str(pdf), str(text_file)], check=False, timeout=300)
        text = _normal(text_file.read_text(encoding="utf-8", errors="replace")) if text_file.exists() else ""
    found = 0
    for note in footnote_texts:
        if _normal(note) in text:
            found += 1
        else:
            result.missing_in_pdf.append(note)
    result.footnotes_in_pdf = found
    return result
