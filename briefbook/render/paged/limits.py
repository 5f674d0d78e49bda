"""How long page layout may take, in a module of its own.

The layout (:mod:`.layout`), the LibreOffice runner (:mod:`.soffice`) and the editor's
wait for the worker process (:mod:`briefbook.app.pdf_export`) share these numbers; the
editor learns them here without importing the layout, which loads the PDF reader
(pypdfium2 and its library) and the Word writer — a tenth of the editor's start.
"""

#: How long one conversion may take before it is stopped (a long brief lays out in seconds).
TIMEOUT_S = 120.0

#: Layouts at most: the first, then up to two more after numbers were written, and one for a stranded heading.
MAX_LAYOUTS = 4
