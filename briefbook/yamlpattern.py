"""PyYAML's one costly pattern, compiled cheaply before PyYAML is imported.

Importing ``yaml`` compiles, in ``yaml.reader``, the pattern of the characters YAML does
not allow in a stream: a negated class spanning the whole of Unicode. Python's regular
expression compiler builds that class character by character, about 5 ms — a twentieth
of a one-brief ``briefbook check`` and paid by every start. Briefbook reads through
libyaml (``CSafeLoader``), which checks the characters itself, so the pattern only serves
the pure-Python reader PyYAML falls back on without libyaml.

The same set written as the characters it excludes compiles in well under a millisecond.
:func:`seed` compiles that spelling and places it in the ``re`` module's cache under
PyYAML's spelling, so PyYAML's ``re.compile`` returns it: the same matches for every
code point (the tests compare the two over all of Unicode), without the cost. Should
the cache not be what Python 3.11 makes it, nothing is seeded and PyYAML compiles its
own pattern as before.
"""

from __future__ import annotations

import re
import sys

#: ``yaml.reader.Reader.NON_PRINTABLE`` as PyYAML writes it: everything but the allowed characters.
PYYAML_SPELLING = "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]"

#: The same characters, listed: the controls but tab, line feed, carriage return and NEL,
#: the surrogates, and the two non-characters U+FFFE and U+FFFF.
EXCLUDED = "[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]"


def seed() -> None:
    """Put the quick spelling in ``re``'s cache under PyYAML's, unless ``yaml`` is already imported."""
    cache = getattr(re, "_cache", None)
    if "yaml" in sys.modules or not isinstance(cache, dict):
        return
    cache.setdefault((str, PYYAML_SPELLING, 0), re.compile(EXCLUDED))
