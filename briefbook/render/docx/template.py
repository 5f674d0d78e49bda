"""The reference template as the exporter uses it: checked once, copied for every export.

The template is read by :mod:`briefbook.render.template`, the one reader the preview
uses too, so both find the same style for each role by the same name rule. The
exporter writes each paragraph with the style's *id*.

A custom template (``briefbook export --template FILE``) must define every style of
:class:`briefbook.render.styles.Role` as a real style — a *latent* style, which Word
lists but never wrote down, does not count — and :class:`TemplateError` lists what
is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefbook.render.styles import Role
from briefbook.render.template import TemplateError, resolve_styles, style_key, template_styles


@dataclass(frozen=True)
class Template:
    path: Path
    #: The template file as a document; every export opens a fresh copy of it.
    blob: bytes
    #: Style id of each role in this template.
    style_ids: dict[Role, str]

    def id(self, role: Role) -> str:
        return self.style_ids[role]


def load_template(path: str | Path) -> Template:
    """The template at ``path``, checked; read again when the file changes."""
    styles = template_styles(path)
    if styles.missing:
        raise TemplateError(
            f"The Word template {styles.path} does not define these styles: {', '.join(styles.missing)}. "
            "Add them in Word with exactly these names (a style Word only lists but never used does not count), "
            "or start from Briefbook's own template, templates/assembly-brief.docx.",
            tuple(styles.missing),
        )
    return Template(styles.path, styles.blob, styles.style_ids)


__all__ = ["Template", "TemplateError", "load_template", "resolve_styles", "style_key"]
