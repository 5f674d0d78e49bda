"""A brief's sources: their texts extracted from the originals and stored beside the brief.

``extract`` turns a plain-text, HTML, DOCX or PDF file into text; ``store`` keeps that text
in ``NAME.sources/`` with its checksum, reads it back for the quotation check and the
source pane, and writes the footnote that cites a source.
"""
