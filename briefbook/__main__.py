"""``python -m briefbook`` is the ``briefbook`` command."""

from briefbook.cli import console

console()
