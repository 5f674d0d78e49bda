"""A template restyled as an analyst would in Word: Heading 1 in another colour, size and font, and a new style.

Shared by the preview's and the house style's tests.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt, RGBColor


def make_template(path: Path, colour: str = "112233", size: float = 15) -> Path:
    doc = Document()
    heading = doc.styles["Heading 1"]
    heading.font.color.rgb = RGBColor.from_string(colour)
    heading.font.size = Pt(size)
    heading.font.name = "Georgia"
    # Word prefers a theme font to a named one: drop the theme's, as Word's font box does.
    fonts = heading.element.rPr.rFonts
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    sub = doc.styles.add_style("Subheading", WD_STYLE_TYPE.PARAGRAPH)
    sub.base_style = heading
    sub.font.italic = True
    sub.paragraph_format.space_before = Pt(7)
    doc.save(path)
    return path
