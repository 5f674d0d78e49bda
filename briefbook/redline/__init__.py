"""A redline of two versions of a brief: the new version as a Word document whose differences are tracked changes.

``briefbook compare OLD NEW -o REDLINE.docx`` and the editor's *Compare with Saved
Version…* / *Compare with File…* call :func:`export_redline`. The comparison
(:mod:`.align`, word by word in :mod:`.words`) is made on the render walk's blocks, so
it compares what prints; the result (:mod:`.changes`) is drawn by the export's own DOCX
writer (:mod:`.writer`), which wraps each changed stretch in the revision Word writes
for it (:mod:`.tracked`): a reviewer accepts or rejects each change in Word's Review
pane, and accepting all of them gives the new version's export. What is tracked and the
limits: ``docs/redline.md``. No Qt is imported here.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os

from lxml import etree

from briefbook.model import Brief
from briefbook.redline.align import compare
from briefbook.redline.changes import Change, Piece, Summary, TrackedBlock, summarise
from briefbook.redline.tracked import Revisions, revision_date
from briefbook.redline.writer import writer_factory

__all__ = ["Change", "Piece", "Summary", "TrackedBlock", "build_redline", "compare", "default_author",
           "export_redline", "summarise"]


def default_author() -> str:
    """The name revisions are signed with when none is given: the user's login name."""
    try:
        return getpass.getuser() or "Briefbook"
    except (OSError, KeyError, ImportError):  # no user name in the environment or the password database
        return "Briefbook"


def build_redline(old: Brief, new: Brief, *, author: str | None = None, when: dt.datetime | None = None,
                  template: str | os.PathLike[str] | None = None) -> tuple[bytes, Summary]:
    """The .docx of ``new`` with its differences from ``old`` as tracked changes, and what changed.

    The revisions are signed ``author`` (default: :func:`default_author`) and dated ``when``
    (default: now, in UTC).
    """
    from briefbook.render.docx import build_docx
    from briefbook.render.docx.ooxml import clean

    blocks = compare(old, new)
    revisions = Revisions(clean(author or default_author()), revision_date(when))
    return build_docx(new, template, writer=writer_factory(blocks, revisions)), summarise(blocks)


def export_redline(old: Brief, new: Brief, path: str | os.PathLike[str], *, author: str | None = None,
                   when: dt.datetime | None = None, template: str | os.PathLike[str] | None = None) -> Summary:
    """Write the redline of ``old`` and ``new`` to ``path`` all at once; on failure the old file stays as it was.

    Raises :class:`briefbook.problems.SaveError` (or its kind ``TemplateError``) with a
    message naming the file and the reason, as the export does.
    """
    from briefbook.atomic import writable_target, write_checked
    from briefbook.problems import SaveError

    target = writable_target(path)
    try:
        data, summary = build_redline(old, new, author=author, when=when, template=template)
    except (etree.LxmlError, ValueError) as exc:
        raise SaveError(f"Cannot write the redline to {path}: {exc}.") from exc
    write_checked(target, data)
    return summary
