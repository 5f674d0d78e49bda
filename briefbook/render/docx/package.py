"""Writing the package as a .docx whose bytes depend only on its content.

python-docx's own ``save`` stamps every zip entry with the current time, so the
same brief exported twice would differ. Here the parts are written in a fixed order
(content types, package relationships, then a depth-first walk of the relationships,
as Word and python-docx order them) with a fixed entry date and host system, so an
unchanged brief gives byte-identical files — diffable, cacheable, reproducible.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from io import BytesIO

from docx.opc.package import OpcPackage
from docx.opc.part import Part
from docx.opc.pkgwriter import _ContentTypesItem

#: The earliest date a zip entry can carry; nothing about the export depends on the clock.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def iter_parts(package: OpcPackage) -> Iterator[Part]:
    """Each part once, depth-first along the relationships in their order."""
    seen: set[int] = set()

    def walk(source) -> Iterator[Part]:
        for rel in source.rels.values():
            if rel.is_external:
                continue
            part = rel.target_part
            if id(part) in seen:
                continue
            seen.add(id(part))
            yield part
            yield from walk(part)

    yield from walk(package)


def package_bytes(package: OpcPackage) -> bytes:
    parts = list(iter_parts(package))
    for part in parts:
        part.before_marshal()
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        _write(z, "[Content_Types].xml", _ContentTypesItem.from_parts(parts).blob)
        _write(z, "_rels/.rels", package.rels.xml)
        for part in parts:
            _write(z, part.partname.membername, part.blob)
            if len(part.rels):
                _write(z, part.partname.rels_uri.membername, part.rels.xml)
    return buffer.getvalue()


def _write(z: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0  # the same bytes whichever system exports
    info.external_attr = 0
    z.writestr(info, data)
