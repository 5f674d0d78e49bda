"""Writing the package as a .docx whose bytes depend only on its content.

python-docx's own ``save`` stamps every zip entry with the current time, so the
same brief exported twice would differ. Here the parts are written in a fixed order
(content types, package relationships, then a depth-first walk of the relationships,
as Word and python-docx order them) with a fixed entry date and host system, so an
unchanged brief gives byte-identical files — diffable, cacheable, reproducible.
"""

from __future__ import annotations

import posixpath
import zipfile
from io import BytesIO

from briefbook.render.docx.opc import Package, content_types_xml

#: The earliest date a zip entry can carry; nothing about the export depends on the clock.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def package_bytes(package: Package) -> bytes:
    parts = list(package.iter_parts())
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        _write(z, "[Content_Types].xml", content_types_xml(parts))
        _write(z, "_rels/.rels", package.rels.xml("/"))
        for part in parts:
            _write(z, part.partname[1:], part.blob)
            if len(part.rels):
                folder, name = posixpath.split(part.partname)
                _write(z, posixpath.join(folder, "_rels", f"{name}.rels")[1:], part.rels.xml(part.base))
    return buffer.getvalue()


def _write(z: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0  # the same bytes whichever system exports
    info.external_attr = 0
    z.writestr(info, data)
