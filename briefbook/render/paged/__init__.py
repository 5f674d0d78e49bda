"""Page layout by LibreOffice: the PDF export, and the page numbers of the Word export's contents.

Briefbook lays nothing out itself. LibreOffice, run headless in a private profile
(:mod:`.soffice`), lays the exported DOCX out as a PDF; the page of each listed heading
is read from that PDF (:mod:`.pages`) and written into the contents' cached results
(:mod:`briefbook.render.docx.toc`), over as many layouts as it takes (:mod:`.layout`).
:mod:`.export` is what the command line calls; :mod:`.worker` is the same work as a
process of its own, which the editor runs through ``QProcess`` so that its window never
waits. How the numbers are obtained and when Word's may differ: ``docs/pdf-and-contents.md``.
"""
