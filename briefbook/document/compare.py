"""What differs between two versions of a brief's text, for a person deciding between them.

Shown when unsaved work is offered back and when the file changed on disk. The texts
are canonical YAML, one bullet per line, so a line diff reads well. The lines both
versions share at the start and the end are set aside first, so the diff's own cost
(:mod:`difflib`, worse than linear on large inputs) is paid only on the region that
changed, and a change too large to diff line by line is summarised instead.
"""

from __future__ import annotations

import difflib

#: Beyond this many changed lines on either side, a summary replaces the line diff.
MAX_DIFF_LINES = 4000
#: At most this many lines of diff are shown.
MAX_SHOWN = 600


def differences(old: str, new: str, old_name: str, new_name: str) -> str:
    """A unified diff of ``old`` → ``new`` with two lines of context ("" when they are the same)."""
    if old == new:
        return ""
    a, b = old.splitlines(), new.splitlines()
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end = 0
    while end < len(a) - start and end < len(b) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    keep = 2
    lo = max(0, start - keep)
    middle_a, middle_b = a[lo:len(a) - max(0, end - keep)], b[lo:len(b) - max(0, end - keep)]
    changed_a, changed_b = len(a) - start - end, len(b) - start - end
    if max(changed_a, changed_b) > MAX_DIFF_LINES:
        return (f"--- {old_name}\n+++ {new_name}\n"
                f"Lines {start + 1} to {start + changed_a} of {old_name} ({changed_a} lines) are replaced by "
                f"{changed_b} other lines; too many to show one by one.\n")
    lines = list(difflib.unified_diff(middle_a, middle_b, old_name, new_name, n=keep, lineterm=""))
    lines = [_renumber(line, lo) if line.startswith("@@") else line for line in lines]
    if len(lines) > MAX_SHOWN:
        lines = [*lines[:MAX_SHOWN], f"… and {len(lines) - MAX_SHOWN} more lines of differences"]
    return "\n".join(lines) + "\n"


def _renumber(hunk: str, offset: int) -> str:
    """A hunk header ``@@ -a,b +c,d @@`` with its line numbers moved by ``offset``."""
    parts = hunk.split(" ")
    for index in (1, 2):
        sign, rest = parts[index][0], parts[index][1:]
        number, comma, count = rest.partition(",")
        parts[index] = f"{sign}{int(number) + offset}{comma}{count}"
    return " ".join(parts)
