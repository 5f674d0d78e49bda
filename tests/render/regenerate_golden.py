"""Golden files of the exporter: the sample's main XML parts, pretty-printed, under ``tests/render/golden/``.

``test_golden.py`` compares a fresh export of the sample with them, so any change to
what the exporter writes shows up as a readable diff in review. When a change is
intended, regenerate them and commit them with it::

    python tests/render/regenerate_golden.py

(run from anywhere, with the project's Python; it writes the files and lists them).
"""

from __future__ import annotations

import sys
import zipfile
from io import BytesIO
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLE = REPO / "templates" / "samples" / "182-SPE-24-E.brief.yaml"

#: The parts kept, by their name in the package.
PARTS = ("word/document.xml", "word/footnotes.xml", "word/numbering.xml", "word/styles.xml")

#: Attributes whose values Word rewrites on every save and that say nothing about the document.
_VOLATILE = ("rsidR", "rsidRPr", "rsidRDefault", "rsidP", "rsidDel", "rsidSect", "rsidTr", "rsid")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def pretty(data: bytes) -> str:
    """A part as stable, indented XML: volatile revision ids dropped, one element per line."""
    root = etree.fromstring(data, etree.XMLParser(remove_blank_text=True))
    for element in root.iter():
        for name in _VOLATILE:
            element.attrib.pop(f"{_W}{name}", None)
        if element.tag == f"{_W}rsids":
            element.getparent().remove(element)
    return etree.tostring(root, pretty_print=True, encoding="unicode")


def golden_name(part: str) -> str:
    return part.replace("/", "-")


def sample_parts() -> dict[str, str]:
    """The sample, exported with the shipped template, as pretty-printed parts by golden file name."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from briefbook.fileformat import load
    from briefbook.render.docx import build_docx

    data = build_docx(load(SAMPLE))
    with zipfile.ZipFile(BytesIO(data)) as z:
        return {golden_name(part): pretty(z.read(part)) for part in PARTS}


def main() -> None:
    sys.path.insert(0, str(REPO))  # this checkout's briefbook, whatever is installed
    GOLDEN.mkdir(exist_ok=True)
    for name, text in sample_parts().items():
        (GOLDEN / name).write_text(text, encoding="utf-8")
        print(GOLDEN / name)


if __name__ == "__main__":
    main()
