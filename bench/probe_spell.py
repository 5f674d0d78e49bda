"""Child process: spell-checking the whole brief in the editor, and typing while it runs.

Run by run.py as ``python bench/probe_spell.py BRIEF SETTINGS_FOLDER [options]``.
The editor shows one text at a time (a section's body, the takeaways), so to make it
check the whole brief at once, every section's body of BRIEF is put, in order, into its
first section (a ×100 brief becomes one section of about 8,000 lines: the worst an
analyst can make, pasting a whole report into one section), written to the settings
folder and opened as probe_session.py opens a brief, with that section selected
before the dictionary is ready.

Measured from the moment the window's spell check has its dictionary (opened on a thread
of its own from about 250 ms after the window is shown, which also looks up the words of the
brief's first characters before handing it over; that thread's time is reported too),
then every text is checked: the time until the
editor's highlighter has no line waiting for its underlines (``spellingDone``), the
background turns it took (each timed), the pauses of Python's full garbage collections
among them (a turn they fall in is longer for it), and, typed meanwhile at the session's pace into the
first bullet (on screen), each key until the editor's viewport has painted it (timed as
the session probe times it: a posted key event, the end of the paint that shows it).
The preview is hidden (View > Show Preview off): drawing a preview of 8,000 lines is
measured by the session rows (typing while the preview is drawn), and here it would
hide what the spell check costs. Prints one ``BENCH-RESULT {json}`` line.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

from probe_session import key_sequence, pause_after, spin


def one_section(brief: Path, out: Path) -> tuple[Path, int]:
    """BRIEF with every section's body put into its first section, written to ``out``; and its line count."""
    from briefbook.fileformat import load, save
    from briefbook.model import iter_sections
    from briefbook.model.brief import body_text, set_body_text

    loaded = load(brief)
    bodies = [body_text(entry.section) for entry in iter_sections(loaded)]
    first = loaded.sections[0]
    first.sections = []
    loaded.sections = [first]
    text = "\n\n".join(body for body in bodies if body)
    set_body_text(first, text)
    save(loaded, out)
    return out, text.count("\n") + 1


def type_while_checking(app, editor, keys: list[str], pace: float, done) -> tuple[list[float], str]:
    """Type ``keys`` into ``editor`` until ``done()``; each key's ms until the editor painted it, and what
    was typed."""
    from paint import PaintWatch
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, Qt
    from PySide6.QtGui import QKeyEvent

    typed, painted, times = "", [], []
    watch = PaintWatch(lambda _w, at: painted.append(at),
                       lambda _w: editor.textCursor().block().text().endswith(typed))
    watch.watch(editor.viewport())
    words = 0
    for char in keys:
        if done():
            break
        typed += char
        painted.clear()
        key = Qt.Key.Key_Space if char == " " else getattr(Qt.Key, f"Key_{char.upper()}")
        posted = time.perf_counter()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.postEvent(editor, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))
        while not painted and time.perf_counter() - posted < 5:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        if painted:
            times.append((painted[0] - posted) * 1000)
        words += char == " "
        rest = posted + pause_after(char, words, pace, 0.5) - time.perf_counter()
        if rest > 0:
            spin(rest)
    watch.unwatch(editor.viewport())
    return times, typed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("brief", type=Path)
    parser.add_argument("settings", type=Path)
    parser.add_argument("--keys", type=int, default=40, help="keys to type while the check runs (at most)")
    parser.add_argument("--pace", type=float, default=120.0, help="ms from one key to the next")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for the last underline")
    args = parser.parse_args()

    from PySide6.QtCore import Qt

    from briefbook.app import create_application
    from briefbook.app.main_window import MainWindow
    from briefbook.app.spell_check import ANSWERED_ON_THREAD, SpellCheck
    from briefbook.app.spell_underline import SpellingHighlighter
    from briefbook.document import AppFolders
    from briefbook.model.bodytext import parse_line

    turns: list[float] = []
    pauses: list[float] = []
    checking = SpellingHighlighter._background_turn

    def timed_turn(self) -> None:
        began = time.perf_counter()
        checking(self)
        turns.append(time.perf_counter() - began)

    SpellingHighlighter._background_turn = timed_turn  # before the window connects its timers to it
    opened = SpellCheck._speller_opened
    moments: dict[str, float] = {}

    def timed_opened(self, *args) -> None:
        if "ready" not in moments:  # the first: the dictionary is handed over (opened on its own thread),
            moments["ready"] = time.perf_counter()  # then every text checked
            turns.clear()
            pauses.clear()
        opened(self, *args)

    SpellCheck._speller_opened = timed_opened  # before the window connects the signal to it
    opening = SpellCheck._open

    def timed_open(self, *args) -> None:  # on the dictionary's thread: opened, its first words answered
        if "ready" not in moments:
            moments["asked"] = time.perf_counter()
        opening(self, *args)

    SpellCheck._open = timed_open
    collecting: list[float] = []

    def garbage(phase: str, info: dict) -> None:
        if phase == "start":
            collecting[:] = [time.perf_counter()]
        elif collecting and info.get("generation") == 2:
            pauses.append(time.perf_counter() - collecting[0])

    gc.callbacks.append(garbage)
    args.settings.mkdir(parents=True, exist_ok=True)
    path, lines = one_section(args.brief, args.settings / "whole.brief.yaml")
    app = create_application()
    app.setCursorFlashTime(0)
    window = MainWindow(folders=AppFolders(args.settings))
    window.restore_layout()
    window.resize(1400, 900)
    window.set_preview_visible(False)
    window.show()
    if not window.files.open_file(str(path), ask=False):
        print("BENCH-RESULT " + json.dumps({"error": "the one-section brief did not open"}))
        return 1
    section = ("sections", 0)
    window.outline.select(section, emit=True)
    window.select(section)
    editor = window.editor
    highlighter = editor.highlighter
    # the underlines of the text as it is checked with the dictionary (not the turns before it was ready)
    highlighter.spellingDone.connect(lambda: "ready" in moments and moments.__setitem__("done", time.perf_counter()))
    block = editor.document().begin()
    while block.isValid() and parse_line(block.text()).kind != "bullet":
        block = block.next()
    cursor = editor.textCursor()
    cursor.setPosition(block.position() + len(block.text()))
    editor.setTextCursor(cursor)
    window.activateWindow()
    editor.setFocus(Qt.FocusReason.OtherFocusReason)

    began = time.perf_counter()
    while "ready" not in moments and time.perf_counter() - began < 10:
        spin(0.01)
    if "ready" not in moments or not window.spell.available:
        print("BENCH-RESULT " + json.dumps({"error": "the spell check never had its dictionary"}))
        return 1
    ready = moments["ready"]
    waiting_at_ready = highlighter.remaining()

    # The first key typed into a text this long costs tens of ms with or without spell check (the first
    # edit of the section): it is typed, and reported, before the keys that are timed.
    first_ms, first = type_while_checking(app, editor, ["q"], args.pace, lambda: False)
    editor_ms, during = type_while_checking(app, editor, key_sequence(args.keys), args.pace,
                                            lambda: "done" in moments)
    while "done" not in moments and time.perf_counter() - ready < args.timeout:
        spin(0.02)
    at_done = time.perf_counter()
    turns_until_done, pauses_until_done = list(turns), list(pauses)
    spin(0.5)
    # the same keys once nothing is left to check: what typing costs in this text anyway
    editor_ms_after, after = type_while_checking(app, editor, key_sequence(len(editor_ms)), args.pace, lambda: False)
    typed_ok = editor.document().findBlock(editor.textCursor().position()).text().endswith(first + during + after)
    result = {
        "lines": lines, "blocks": editor.document().blockCount(), "waiting_at_ready": waiting_at_ready,
        "to_last_underline": moments["done"] - ready if "done" in moments else None,
        "waited_after_typing": at_done - ready,
        "dictionary_thread": ready - moments["asked"] if "asked" in moments else None,
        "answered_on_thread": ANSWERED_ON_THREAD,
        "remaining": highlighter.remaining(), "turns": turns_until_done,
        "full_collections": pauses_until_done,
        "first_key_ms": first_ms[0] if first_ms else None, "editor_ms": editor_ms, "editor_ms_after": editor_ms_after,
        "typed_reached_editor": typed_ok,
    }
    window.document.history.set_clean()
    window.close()
    print("BENCH-RESULT " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

