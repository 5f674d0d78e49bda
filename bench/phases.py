"""Where a keystroke's time goes: the editor's and preview's own steps, timed per key.

cProfile says which functions are costly over a whole session; it cannot say what
ran *before the editor painted* a key, which is what makes a keystroke late. This
wraps a few of the product's methods at class level (before the window is built,
so signal connections pick the wrappers up) and records, for each key, how long
each step took and whether it finished before the editor's paint. Only the
profiling run of the benchmark uses it; the figures themselves are measured without.
"""

from __future__ import annotations

import functools
import statistics
import time

#: (module, class or None for a module function, function, what it is): the steps of a keystroke.
KEY_STEPS = (
    ("briefbook.app.body_editor", "BodyEditor", "keyPressEvent",
     "editor key handling, with everything it runs synchronously"),
    ("briefbook.app.pages", "EditorPages", "_body_edited", "the edit recorded in the document (undo command)"),
    ("briefbook.app.main_window", "MainWindow", "_document_changed",
     "views brought up to date after the model changed"),
    ("briefbook.app.highlighter", "BodyHighlighter", "highlightBlock", "editor syntax highlighting"),
    ("briefbook.app.preview", "PreviewPane", "flush", "preview update (render + replace)"),
    ("briefbook.render.html", "HtmlRenderer", "fragments", "preview: the brief rendered to HTML fragments"),
    ("briefbook.render.html", "HtmlRenderer", "groups", "preview: the brief rendered to HTML fragments"),
    ("briefbook.app.preview", "PreviewPane", "_update", "preview: changed fragments put into the QTextDocument"),
    ("briefbook.app.main_window", "MainWindow", "_check_turn", "a turn of the checks (after a pause in typing)"),
    ("briefbook.app.preview", "PreviewPane", "_fill", "a chunk of a long preview's progressive drawing"),
)

#: The steps of starting the editor on a brief.
START_STEPS = (
    ("briefbook.app", None, "create_application", "QApplication, style and theme"),
    ("briefbook.app.main_window", "MainWindow", "__init__", "building the window (empty brief)"),
    ("briefbook.app.main_window", "MainWindow", "restore_layout", "restoring the saved layout"),
    ("briefbook.fileformat", None, "read", "reading the brief file (parse, model, checks)"),
    ("briefbook.app.main_window", "MainWindow", "_document_replaced", "showing the brief in every view"),
    ("briefbook.app.outline", "Outline", "set_brief", "outline filled"),
    ("briefbook.app.preview", "PreviewPane", "set_brief", "preview drawn from scratch"),
    ("briefbook.render.html", "HtmlRenderer", "fragments", "preview: the brief rendered to HTML fragments"),
    ("briefbook.render.html", "HtmlRenderer", "groups", "preview: the brief rendered to HTML fragments"),
    ("briefbook.app.preview", "PreviewPane", "_start_fill", "preview: the first part drawn, the rest queued"),
    ("briefbook.app.main_window", "MainWindow", "run_checks", "checks of the whole brief"),
)


class Phases:
    """Per-key records of the wrapped steps: ``{step: [(start, end), …]}`` for each key."""

    def __init__(self, steps: tuple = KEY_STEPS) -> None:
        self.steps = steps
        self.keys: list[dict] = []
        self._current: dict | None = None
        self._depth: dict[str, int] = {}

    def install(self) -> None:
        import gc
        import importlib

        gc.callbacks.append(self._collector)

        for module_name, class_name, method, _ in self.steps:
            try:
                module = importlib.import_module(module_name)
                owner = getattr(module, class_name) if class_name else module
                original = getattr(owner, method)
            except (ImportError, AttributeError):
                continue
            setattr(owner, method, self._wrap(f"{class_name or module_name}.{method}", original))

    def _wrap(self, name: str, original):
        @functools.wraps(original)
        def timed(*args, **kwargs):
            depth = self._depth.get(name, 0)
            self._depth[name] = depth + 1
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self._depth[name] = depth
                if depth == 0 and self._current is not None:
                    self._current["steps"].setdefault(name, []).append((start, time.perf_counter()))

        return timed

    def _collector(self, phase: str, info: dict) -> None:
        """Python's cyclic garbage collector, as a step of its own: on a big brief it can stall a key."""
        name = f"gc.collect(gen {info.get('generation')})"
        if phase == "start":
            self._gc_start = time.perf_counter()
        elif self._current is not None and getattr(self, "_gc_start", None) is not None:
            self._current["steps"].setdefault(name, []).append((self._gc_start, time.perf_counter()))

    def watch_paints(self, app) -> None:
        """Time every widget's paint too (by class), to see what else is painted before the editor."""
        from PySide6.QtCore import QCoreApplication, QEvent, QObject

        phases = self

        class AllPaints(QObject):
            inside: set[int] = set()

            def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
                if event.type() != QEvent.Type.Paint or id(obj) in self.inside or phases._current is None:
                    return False
                self.inside.add(id(obj))
                start = time.perf_counter()
                try:
                    QCoreApplication.sendEvent(obj, event)
                finally:
                    self.inside.discard(id(obj))
                name = f"paint {type(obj).__name__}" + (f" of {type(obj.parent()).__name__}" if obj.parent() else "")
                phases._current["steps"].setdefault(name, []).append((start, time.perf_counter()))
                return True

        self._paints = AllPaints()
        app.installEventFilter(self._paints)

    def key(self, posted: float) -> None:
        self._current = {"posted": posted, "steps": {}, "editor": None, "preview": None}
        self.keys.append(self._current)

    def painted(self, editor: float | None, preview: float | None) -> None:
        if self._current is not None:
            self._current["editor"], self._current["preview"] = editor, preview

    def summary(self, keys: list[dict] | None = None) -> list[dict]:
        """For each step: ms per key (median, p95), calls per key, share of keys it delayed the editor's paint.

        ``keys`` limits it to some of the recorded keys (default: all of them).
        """
        keys = self.keys if keys is None else keys
        out = []
        steps = [(f"{class_name or module}.{method}", what) for module, class_name, method, what in self.steps]
        steps += [(f"gc.collect(gen {g})", "Python's cyclic garbage collector") for g in (0, 1, 2)]
        painted = sorted({name for record in keys for name in record["steps"] if name.startswith("paint ")})
        steps += [(name, "a widget's paint event") for name in painted]
        for name, what in steps:
            totals, before, calls = [], 0, 0
            for record in keys:
                spans = record["steps"].get(name, [])
                calls += len(spans)
                totals.append(sum(end - start for start, end in spans) * 1000)
                painted = record["editor"]
                if painted is not None and any(start < painted and end > record["posted"] for start, end in spans):
                    before += 1
            ordered = sorted(totals)
            if not calls or (name.startswith("paint ") and ordered[max(0, round(0.95 * len(ordered)) - 1)] < 0.05):
                continue
            out.append({
                "step": name, "what": what,
                "median_ms": statistics.median(totals), "p95_ms": ordered[max(0, round(0.95 * len(ordered)) - 1)],
                "calls_per_key": calls / max(1, len(keys)),
                "keys_delaying_editor_paint": before, "keys": len(keys),
            })
        return out


def table(summary: list[dict], per: str = "key") -> str:
    """The summary as text; ``per`` is ``"key"`` for a typing session, ``"start"`` for one start."""
    if per == "start":
        lines = ["ms | calls | step", *(f"{s['median_ms']:8.1f} | {s['calls_per_key']:5.0f} | {s['step']}: {s['what']}"
                                        for s in summary)]
        return "\n".join(lines)
    lines = ["per key: median ms | p95 ms | calls | ran before the editor painted (keys) | step",
             *(f"{s['median_ms']:8.2f} | {s['p95_ms']:8.2f} | {s['calls_per_key']:5.1f} | "
               f"{s['keys_delaying_editor_paint']:3d} of {s['keys']:3d} | {s['step']}: {s['what']}" for s in summary)]
    return "\n".join(lines)


def compare(first: list[dict], last: list[dict]) -> str:
    """Two summaries of one long session, its first keys against its last, step by step, as text."""
    earlier = {s["step"]: s for s in first}
    later = {s["step"]: s for s in last}
    keys = (first or last or [{"keys": 0}])[0]["keys"]
    lines = [f"per key, first {keys} keys → last {keys} keys: median ms | p95 ms | calls | step"]
    for name in [*earlier, *(n for n in later if n not in earlier)]:
        a, b = earlier.get(name), later.get(name)

        def cell(s: dict | None, field: str, form: str) -> str:
            return format(s[field], form) if s else format("–", ">" + form.split(".")[0])

        lines.append(f"{cell(a, 'median_ms', '7.2f')} → {cell(b, 'median_ms', '7.2f')} | "
                     f"{cell(a, 'p95_ms', '7.2f')} → {cell(b, 'p95_ms', '7.2f')} | "
                     f"{cell(a, 'calls_per_key', '4.1f')} → {cell(b, 'calls_per_key', '4.1f')} | "
                     f"{name}: {(a or b)['what']}")
    return "\n".join(lines)
