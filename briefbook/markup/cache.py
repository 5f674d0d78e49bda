"""The parse cache: results by text, and texts forgotten as soon as the brief no longer holds them.

A brief's texts are parsed again and again (the preview, the checks after every
pause, footnote numbering), so results are cached by text. But while the analyst
types, every key makes a new version of one text, and a plain cache would keep every
version: a long session would hold megabytes of texts no part of the brief contains
any more. So the model tells the cache which texts an edit replaced
(:func:`briefbook.model.brief.Body` does, when it derives a body's blocks anew), and
the cache lets them go; what stays is bounded by the texts the brief holds now, and by
``size`` at the most.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class TextCache(Generic[Value]):
    """``compute(text)`` remembered for the ``size`` texts used last, with :meth:`forget`."""

    def __init__(self, compute: Callable[[str], Value], size: int) -> None:
        self._compute = compute
        self._size = size
        # An OrderedDict, not a dict: dropping the oldest of a dict whose front has been popped and
        # re-inserted scans past the holes, which made a brief larger than the cache quadratic to read.
        self._values: OrderedDict[str, Value] = OrderedDict()  # in order of last use, oldest first

    def __call__(self, text: str) -> Value:
        values = self._values
        value = values.get(text)
        if value is not None:
            values.move_to_end(text)
            return value
        value = values[text] = self._compute(text)
        if len(values) > self._size:
            values.popitem(last=False)
        return value

    def forget(self, texts: Iterable[str]) -> None:
        """Drop the results for ``texts`` (texts an edit replaced); unknown texts are ignored."""
        values = self._values
        for text in texts:
            values.pop(text, None)

    def clear(self) -> None:
        self._values.clear()

    def __len__(self) -> int:
        return len(self._values)
