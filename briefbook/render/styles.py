"""The house style's vocabulary: which named style each part of a brief is drawn with.

Both renderers use these names. The DOCX writer applies them by name and leaves
every visual decision to the template (``templates/assembly-brief.docx``), in the
manner of pandoc's reference document; the preview reads the same styles' fonts,
sizes, colours and spacing out of the same template, so the two cannot drift.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A part of the brief, mapped to its paragraph or character style name."""

    COVER_BODY = "Cover Body"
    COVER_EVENT = "Cover Event"
    COVER_DATES = "Cover Dates"
    COVER_KIND = "Cover Kind"
    COVER_REFERENCE = "Cover Reference"
    COVER_DISCLAIMER = "Cover Disclaimer"
    TITLE = "Title"
    TOC_HEADING = "TOC Heading"
    TOC_1 = "toc 1"
    TOC_2 = "toc 2"
    TOC_3 = "toc 3"
    HEADING_1 = "Heading 1"
    HEADING_2 = "Heading 2"
    HEADING_3 = "Heading 3"
    SUBHEADING = "Subheading"
    BODY = "Body Text"
    BULLET_1 = "List Bullet"
    BULLET_2 = "List Bullet 2"
    BULLET_3 = "List Bullet 3"
    FOOTNOTE_TEXT = "footnote text"
    HEADER = "header"
    FOOTER = "footer"
    # character styles
    FOOTNOTE_REFERENCE = "footnote reference"
    HYPERLINK = "Hyperlink"


#: Styles by nesting depth (from 1), for the numbered headings and the bullets.
HEADING_ROLES = (Role.HEADING_1, Role.HEADING_2, Role.HEADING_3)
BULLET_ROLES = (Role.BULLET_1, Role.BULLET_2, Role.BULLET_3)

CHARACTER_ROLES = frozenset({Role.FOOTNOTE_REFERENCE, Role.HYPERLINK})
PARAGRAPH_ROLES = frozenset(Role) - CHARACTER_ROLES


def bullet_role(depth: int) -> Role:
    """Bullets nested deeper than the template's last level use that last level."""
    return BULLET_ROLES[min(depth, len(BULLET_ROLES)) - 1]


def heading_role(level: int) -> Role:
    return HEADING_ROLES[min(level, len(HEADING_ROLES)) - 1]
