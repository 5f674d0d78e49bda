"""Summaries of repeated measurements, and the figures the report is made of."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` 0.95 → p95): a value that was really measured."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Figure:
    """One row of the results table: a measured quantity at one scale, against its target.

    ``values`` are the repeated measurements (each run's value); the report shows
    their median and range. ``higher_is_worse`` is true for every figure here.
    """

    key: str
    label: str
    scale: int
    unit: str
    target: float | None
    values: list[float] = field(default_factory=list)
    note: str = ""
    error: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.values) if self.values else None

    @property
    def met(self) -> bool | None:
        if self.error or not self.values or self.target is None:
            return None
        return self.median <= self.target

    def verdict(self) -> str:
        if self.error:
            return "not measured"
        if self.target is None:
            return "(info)"
        return "met" if self.met else "MISSED"


def fmt(value: float | None, unit: str) -> str:
    """A value in its unit with sensible precision (ms below a second, MB for memory)."""
    if value is None:
        return "–"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "×":
        return f"{value:.2f}"
    if unit == "B/key":
        return f"{value / 1024:.1f} KiB/key" if abs(value) >= 10240 else f"{value:.0f} B/key"
    return f"{value:g} {unit}"


def summary(figure: Figure) -> tuple[str, str]:
    """(median, "min–max") as text."""
    if not figure.values:
        return "–", "–"
    low, high = fmt(min(figure.values), figure.unit), fmt(max(figure.values), figure.unit)
    return fmt(figure.median, figure.unit), f"{low} – {high}"


def ends(values: list[float], size: int) -> tuple[list[float], list[float]]:
    """The first and the last ``size`` values; with fewer than ``2 × size``, the first and the second half."""
    if len(values) < 2:
        raise ValueError("need at least two values")
    size = min(size, len(values) // 2)
    return values[:size], values[-size:]


@dataclass(frozen=True)
class Growth:
    """How a latency changed over a long run: the p95 of the first and of the last keys, and their ratio."""

    first: float
    last: float
    size: int

    @property
    def ratio(self) -> float:
        return self.last / self.first if self.first > 0 else math.inf


def growth(values: list[float], size: int, share: float = 0.95) -> Growth:
    """The p95 (``share``) of the first ``size`` values against that of the last ``size`` (see :func:`ends`)."""
    first, last = ends(values, size)
    return Growth(percentile(first, share), percentile(last, share), len(first))


def bytes_per_key(before: int | float | None, after: int | float | None, keys: int) -> float | None:
    """Memory added per key typed (negative when memory was given back); None when a reading is missing."""
    if keys <= 0:
        raise ValueError("no keys typed")
    if before is None or after is None:
        return None
    return (after - before) / keys
