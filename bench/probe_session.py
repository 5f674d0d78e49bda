"""Child process: an editing session in the real editor window, timed through real Qt events.

Run by run.py as ``python bench/probe_session.py BRIEF SETTINGS_FOLDER OUT_FOLDER [options]``.
The window is created as :func:`briefbook.app.run` creates it (application, window,
saved layout, shown, brief opened) and sized like a laptop screen. A section in the
middle of the brief is selected (the preview scrolls to it), the cursor goes to the
end of its first plain bullet, and words are typed there:

- every key is a ``QKeyEvent`` press and release *posted* to the editor, as the
  window system would deliver them, at a typing pace (one key per ``--pace`` ms,
  a pause between words so the editor's deferred checks run between words, as
  they do for a person);
- the editor figure is the time from posting the key until the editor's viewport
  has finished a paint whose line holds the new character;
- the preview figure is the time until the preview's viewport has finished a paint
  after which the preview's document holds the new text. Spaces at the end of a
  text are not part of it (the model strips them), so space keys count for the
  editor only.

Then the brief is exported from the window (``export_to``, what the Export command
runs after its file dialog) several times: the first export pays for loading the
Word exporter and is reported apart. Peak resident memory (``ru_maxrss``) is taken
after opening and after typing (the figure), and after exporting (for information).
Prints one ``BENCH-RESULT {json}`` line.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import resource
import sys
import time
from pathlib import Path

WORDS = ("quorum", "vexing", "jackdaw", "blitz", "fjord", "wyvern", "zephyr", "glyph", "kumquat", "sphinx")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("brief")
    parser.add_argument("settings")
    parser.add_argument("out", type=Path)
    parser.add_argument("--keys", type=int, default=40, help="keys to type")
    parser.add_argument("--pace", type=float, default=120.0, help="ms from one key to the next")
    parser.add_argument("--budget", type=float, default=60.0, help="stop typing after this many seconds")
    parser.add_argument("--exports", type=int, default=3, help="exports after the first")
    parser.add_argument("--profile-typing", type=Path)
    parser.add_argument("--profile-export", type=Path)
    parser.add_argument("--no-settle-fill", dest="settle_fill", action="store_false",
                        help="start typing while a long brief's preview is still being drawn")
    parser.add_argument("--phases", action="store_true",
                        help="time the editor's and preview's own steps for each key (see phases.py)")
    args = parser.parse_args()

    from paint import PaintWatch
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, Qt, QTimer
    from PySide6.QtGui import QKeyEvent

    from briefbook.app import create_application
    from briefbook.markup import plain_text
    from briefbook.model import BulletList, iter_sections

    phases = None
    if args.phases:
        from phases import Phases

        phases = Phases()
        phases.install()
    rss = {"start": peak_rss_mb()}
    app = create_application()
    app.setCursorFlashTime(0)  # a blinking cursor would paint the editor between keys
    if phases:
        phases.watch_paints(app)
    from briefbook.app.main_window import MainWindow
    from briefbook.document import AppFolders

    window = MainWindow(folders=AppFolders(Path(args.settings)))
    window.restore_layout()
    window.resize(1400, 900)
    window.show()
    window.files.open_last(args.brief)
    if window.document.path is None:
        print("BENCH-RESULT " + json.dumps({"error": "the brief did not open"}))
        return 1

    def spin(seconds: float) -> None:
        """Let the event loop run for ``seconds``, as it does while the user reads."""
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    spin(0.5)
    filling = getattr(window.preview, "is_filling", None)
    if args.settle_fill and filling is not None:
        waited = time.perf_counter()
        while filling() and time.perf_counter() - waited < 60:
            spin(0.05)
    rss["opened"] = peak_rss_mb()

    # the section to type in: the middle one, and its first bullet that ends in plain text
    sections = [e for e in iter_sections(window.document.brief) if e.level == 1]
    target = None
    for entry in sections[len(sections) // 2:] + sections:
        for block in entry.section.body:
            if isinstance(block, BulletList):
                for bullet in block.items:
                    plain = plain_text(bullet.text)
                    if bullet.text.endswith(plain[-12:]) and len(plain) > 20 and "[^" not in bullet.text:
                        target = (entry, bullet)
                        break
            if target:
                break
        if target:
            break
    if target is None:
        print("BENCH-RESULT " + json.dumps({"error": "no bullet to type into"}))
        return 1
    entry, bullet = target
    window.outline.select(entry.path, emit=True)
    window.select(entry.path)
    spin(0.3)
    editor = window.editor
    document = editor.document()
    line = next(b for b in _blocks(document) if b.text().rstrip().endswith(bullet.text))
    cursor = editor.textCursor()
    cursor.setPosition(line.position() + len(line.text().rstrip()))
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    window.activateWindow()
    editor.setFocus(Qt.FocusReason.OtherFocusReason)
    spin(0.5)
    tail = plain_text(bullet.text)[-12:]

    state: dict[str, object] = {}

    def editor_shows(_widget) -> bool:
        return editor.textCursor().block().text().endswith(state["typed"])

    found_at = [0]

    def preview_shows(_widget) -> bool:
        # searched from just before where the text was last found, so checking stays cheap on a long preview
        needle = tail + str(state["typed"]).rstrip()
        found = window.preview.document().find(needle, max(0, found_at[0] - 64))
        if found.isNull():
            found = window.preview.document().find(needle)
        if found.isNull():
            return False
        found_at[0] = found.selectionStart()
        return True

    def editor_painted(_widget, done: float) -> None:
        state.setdefault("editor", done)

    def preview_painted(_widget, done: float) -> None:
        state.setdefault("preview", done)

    editor_watch = PaintWatch(editor_painted, editor_shows)
    editor_watch.watch(editor.viewport())
    preview_watch = PaintWatch(preview_painted, preview_shows)
    preview_watch.watch(window.preview.browser.viewport())

    keys: list[str] = []
    for word in WORDS * 100:
        keys += [*word, " "]
    keys = keys[: args.keys]
    editor_ms: list[float] = []
    preview_ms: list[float] = []
    missed_editor = missed_preview = 0
    fill_keys: list[tuple[float, float | None]] = []  # (editor, preview) ms of keys typed while the preview filled
    typed = ""
    profiler = cProfile.Profile() if args.profile_typing else None
    wake = QTimer()
    wake.setInterval(50)
    wake.start()  # wakes the wait below now and then, so a paint that never comes cannot hang it
    began = time.perf_counter()
    if profiler:
        profiler.enable()
    for char in keys:
        if time.perf_counter() - began > args.budget:
            break
        typed += char
        state.clear()
        state["typed"] = typed
        wants_preview = char != " "
        key = Qt.Key.Key_Space if char == " " else getattr(Qt.Key, f"Key_{char.upper()}")
        during_fill = bool(filling and filling())
        posted = time.perf_counter()
        if phases:
            phases.key(posted)
        QCoreApplication.postEvent(editor, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, char))
        QCoreApplication.postEvent(editor, QKeyEvent(QEvent.Type.KeyRelease, key, Qt.KeyboardModifier.NoModifier,
                                                     char))
        deadline = posted + 5.0
        while time.perf_counter() < deadline and not (
            "editor" in state and ("preview" in state or not wants_preview)
        ):
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        if phases:
            phases.painted(state.get("editor"), state.get("preview"))
        if during_fill and "editor" in state:
            fill_keys.append(((state["editor"] - posted) * 1000,
                              (state["preview"] - posted) * 1000 if "preview" in state else None))
        if "editor" in state:
            editor_ms.append((state["editor"] - posted) * 1000)
        else:
            missed_editor += 1
        if wants_preview:
            if "preview" in state:
                preview_ms.append((state["preview"] - posted) * 1000)
            else:
                missed_preview += 1
        pause = args.pace / 1000 if char != " " else 0.5
        rest = posted + pause - time.perf_counter()
        if rest > 0:
            spin(rest)
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(args.profile_typing))
    wake.stop()
    spin(0.5)
    rss["typed"] = peak_rss_mb()
    editor_watch.unwatch(editor.viewport())
    preview_watch.unwatch(window.preview.browser.viewport())

    exported = args.out / f"editor-{Path(args.brief).name.removesuffix('.brief.yaml')}.docx"
    t0 = time.perf_counter()
    ok = window.files.export_to(str(exported))
    first_export = time.perf_counter() - t0
    exports: list[float] = []
    profiler = cProfile.Profile() if args.profile_export else None
    for _ in range(args.exports if ok else 0):
        app.processEvents()
        if profiler:
            profiler.enable()
        t0 = time.perf_counter()
        window.files.export_to(str(exported))
        exports.append(time.perf_counter() - t0)
        if profiler:
            profiler.disable()
    if profiler:
        profiler.dump_stats(str(args.profile_export))
    rss["exported"] = peak_rss_mb()
    typed_ok = typed.rstrip() in window.editor.toPlainText()
    window.document.history.set_clean()  # nothing to save or recover: the session ends here
    window.close()
    result = {
        "editor_ms": editor_ms, "preview_ms": preview_ms,
        "missed_editor": missed_editor, "missed_preview": missed_preview,
        "typed": typed, "typed_reached_editor": typed_ok, "section": entry.label,
        "first_export": first_export if ok else None, "exports": exports, "export_ok": bool(ok),
        "rss_mb": rss, "fill_keys": fill_keys,
    }
    if phases:
        result["phases"] = phases.summary()
    print("BENCH-RESULT " + json.dumps(result), flush=True)
    return 0


def _blocks(document):
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


if __name__ == "__main__":
    sys.exit(main())
