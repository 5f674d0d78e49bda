"""The scaling curves: each figure measured at several scales, against the scale, on log–log axes.

A table of medians at ×1, ×10, ×100 and ×1000 says how fast each cost is; a curve says at a
glance which costs grow faster than the brief (a slope above the dashed line's) and which do
not grow at all. Drawn with matplotlib, a dependency of the benchmark alone (``pip install
'.[bench]'``), never of Briefbook; without it the report says the plot was not drawn.
"""

from __future__ import annotations

from pathlib import Path

#: The figures drawn, with a short name for the legend; times on the first panel, memory on the second.
TIMES = {
    "load": "load of the file",
    "save": "save of the file",
    "export_whole": "briefbook export (process)",
    "pandoc_whole": "pandoc -o .docx (process)",
    "export_editor": "export in the editor",
    "find_all": "find all",
    "count": "counts from nothing",
    "start": "start to painted",
    "start_filled": "start to preview whole",
    "key_editor": "key to editor (p95)",
    "key_preview": "key to preview (p95)",
}
MEMORY = {"rss": "peak, brief open and typed into", "start_rss": "peak, window painted at start"}
_SECONDS = {"s": 1.0, "ms": 1e-3}


def _series(figures, keys: dict[str, str]) -> list[tuple[str, list[int], list[float], str]]:
    """(legend, scales, medians, unit) of each key measured at two scales or more."""
    found = []
    for key, legend in keys.items():
        points = sorted((f.scale, f.median, f.unit) for f in figures if f.key == key and f.median is not None)
        if len(points) >= 2:
            found.append((legend, [p[0] for p in points], [p[1] for p in points], points[0][2]))
    return found


def draw(figures, path: Path, title: str) -> str | None:
    """Write the plot to ``path``; ``None`` when done, else why it was not drawn."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "matplotlib is not installed (pip install '.[bench]')"
    times, memory = _series(figures, TIMES), _series(figures, MEMORY)
    if not times:
        return "no figure was measured at two scales or more"
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 6), gridspec_kw={"width_ratios": [3, 1.3]})
    markers = "osD^v<>phX*"
    for k, (legend, scales, medians, unit) in enumerate(times):
        left.plot(scales, [m * _SECONDS.get(unit, 1.0) for m in medians], marker=markers[k % len(markers)],
                  label=legend, linewidth=1.4)
    lowest = min(m * _SECONDS.get(u, 1.0) for _, _, ms, u in times for m in ms)
    top = max(s for _, scales, _, _ in times for s in scales)
    left.plot([1, top], [lowest, lowest * top], linestyle="--", color="grey", linewidth=1,
              label="grows as the brief (slope 1)")
    left.axhline(0.008, color="tab:red", linestyle=":", linewidth=1, label="one frame of typing (8 ms)")
    left.set(xscale="log", yscale="log", xlabel="scale of the brief (×1 = the sample, about 4 pages)",
             ylabel="median time (s)", title="Time against the size of the brief")
    left.grid(True, which="both", alpha=0.3)
    left.legend(fontsize=8, loc="upper left")
    for legend, scales, medians, _ in memory:
        right.plot(scales, medians, marker="o", label=legend)
    right.set(xscale="log", xlabel="scale of the brief", ylabel="MB", title="Memory")
    right.grid(True, which="both", alpha=0.3)
    if memory:
        right.legend(fontsize=8, loc="upper left")
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return None
