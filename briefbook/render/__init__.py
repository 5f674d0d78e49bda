"""Renderers: the brief model written out as DOCX (for Word) and HTML (for the preview)."""
