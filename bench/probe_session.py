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

The opening, the typing and its timing are functions of their own
(:func:`open_session`, :class:`Typist`, :func:`type_keys`), which the long-session
probe (probe_long.py) uses too.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import resource
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

WORDS = ("quorum", "vexing", "jackdaw", "blitz", "fjord", "wyvern", "zephyr", "glyph", "kumquat", "sphinx")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def spin(seconds: float) -> None:
    """Let the event loop run for ``seconds``, as it does while the user reads."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def key_sequence(count: int) -> list[str]:
    """The first ``count`` keys of the typed words, each word followed by a space."""
    keys: list[str] = []
    while len(keys) < count:
        for word in WORDS:
            keys += [*word, " "]
    return keys[:count]


def pause_after(char: str, words_done: int, pace: float, word_pause: float,
                sentence_every: int = 0, sentence_pause: float = 0.0) -> float:
    """Seconds from posting ``char`` to posting the next key.

    A letter waits ``pace`` ms; a space (``words_done`` words typed, this one included)
    waits ``word_pause`` s, or ``sentence_pause`` s after every ``sentence_every``-th word.
    """
    if char != " ":
        return pace / 1000
    if sentence_every and words_done % sentence_every == 0:
        return sentence_pause
    return word_pause


@dataclass
class Session:
    """The window opened on the brief, with the cursor at the end of the bullet to type into."""

    app: object
    window: object
    editor: object
    filling: object
    section: str
    tail: str
    rss_mb: dict[str, float] = field(default_factory=dict)
    #: Whether the keys are typed with spell check on (its dictionary is installed and open).
    spell_checked: bool = False
    #: ``perf_counter()`` when the brief had opened (the window shown, the brief read).
    opened_at: float = 0.0


def open_session(brief: str, settings: str, settle_fill: bool = True, phases=None) -> Session | str:
    """Open the window on ``brief`` as the product does and put the cursor in a bullet; or an error."""
    from PySide6.QtCore import Qt

    from briefbook.app import create_application
    from briefbook.markup import plain_text
    from briefbook.model import BulletList, iter_sections

    rss = {"start": peak_rss_mb()}
    app = create_application()
    app.setCursorFlashTime(0)  # a blinking cursor would paint the editor between keys
    if phases:
        phases.watch_paints(app)
    from briefbook.app.main_window import MainWindow
    from briefbook.document import AppFolders

    window = MainWindow(folders=AppFolders(Path(settings)))
    window.restore_layout()
    window.resize(1400, 900)
    window.show()
    window.files.open_last(brief)
    opened_at = time.perf_counter()
    if window.document.path is None:
        return "the brief did not open"

    # typing while the preview fills starts as soon as the window is up, without waiting for spell check
    rest = 0.5 if settle_fill else 0.05
    spin(rest)
    waited = time.perf_counter()
    while settle_fill and not window.spell.available and time.perf_counter() - waited < 5:  # keys are timed
        spin(0.05)  # with spell check on
    spelled = window.spell.available
    filling = getattr(window.preview, "is_filling", None)
    if settle_fill and filling is not None:
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
        return "no bullet to type into"
    entry, bullet = target
    window.outline.select(entry.path, emit=True)
    window.select(entry.path)
    spin(rest * 0.6)
    editor = window.editor
    document = editor.document()
    line = next(b for b in _blocks(document) if b.text().rstrip().endswith(bullet.text))
    cursor = editor.textCursor()
    cursor.setPosition(line.position() + len(line.text().rstrip()))
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    window.activateWindow()
    editor.setFocus(Qt.FocusReason.OtherFocusReason)
    spin(rest)
    return Session(app, window, editor, filling, entry.label, plain_text(bullet.text)[-12:], rss, spelled, opened_at)


@dataclass
class Key:
    """One key's times (ms from posting it), None when the paint never came."""

    char: str
    editor_ms: float | None
    preview_ms: float | None
    wants_preview: bool
    during_fill: bool


class Typist:
    """Types keys into the session's editor and times each until the editor and the preview show it."""

    def __init__(self, session: Session, phases=None, pauses=None) -> None:
        from paint import PaintWatch

        self.session = session
        self.phases = phases
        self.pauses = pauses
        self.typed = ""
        self._state: dict[str, float] = {}
        self._found_at = 0
        self._editor_watch = PaintWatch(self._editor_painted, self._editor_shows)
        self._editor_watch.watch(session.editor.viewport())
        self._preview_watch = PaintWatch(self._preview_painted, self._preview_shows)
        self._preview_watch.watch(session.window.preview.browser.viewport())

    def _editor_shows(self, _widget) -> bool:
        return self.session.editor.textCursor().block().text().endswith(self.typed)

    def _preview_shows(self, _widget) -> bool:
        # searched from just before where the text was last found, so checking stays cheap on a long preview
        document = self.session.window.preview.document()
        needle = self.session.tail + self.typed.rstrip()
        found = document.find(needle, max(0, self._found_at - 64))
        if found.isNull():
            found = document.find(needle)
        if found.isNull():
            return False
        self._found_at = found.selectionStart()
        return True

    def _editor_painted(self, _widget, done: float) -> None:
        self._state.setdefault("editor", done)

    def _preview_painted(self, _widget, done: float) -> None:
        self._state.setdefault("preview", done)

    def type(self, char: str, wait: float = 5.0) -> tuple[Key, float]:
        """Post ``char`` and wait (at most ``wait`` s) for both paints; the key and when it was posted."""
        from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, Qt
        from PySide6.QtGui import QKeyEvent

        session, phases, state = self.session, self.phases, self._state
        self.typed += char
        state.clear()
        wants_preview = char != " "
        key = Qt.Key.Key_Space if char == " " else getattr(Qt.Key, f"Key_{char.upper()}")
        during_fill = bool(session.filling and session.filling())
        editor = session.editor
        posted = time.perf_counter()
        if phases:
            phases.key(posted)
        if self.pauses:
            self.pauses.key(posted)
        QCoreApplication.postEvent(editor, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, char))
        QCoreApplication.postEvent(editor, QKeyEvent(QEvent.Type.KeyRelease, key, Qt.KeyboardModifier.NoModifier,
                                                     char))
        deadline = posted + wait
        while time.perf_counter() < deadline and not (
            "editor" in state and ("preview" in state or not wants_preview)
        ):
            session.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        if phases:
            phases.painted(state.get("editor"), state.get("preview"))
        editor_ms = (state["editor"] - posted) * 1000 if "editor" in state else None
        preview_ms = (state["preview"] - posted) * 1000 if wants_preview and "preview" in state else None
        return Key(char, editor_ms, preview_ms, wants_preview, during_fill), posted

    def close(self) -> None:
        self._editor_watch.unwatch(self.session.editor.viewport())
        self._preview_watch.unwatch(self.session.window.preview.browser.viewport())


@dataclass
class Typed:
    """What a run of keys measured, in the order typed (keys whose paint never came are only counted)."""

    editor_ms: list[float] = field(default_factory=list)
    preview_ms: list[float] = field(default_factory=list)
    missed_editor: int = 0
    missed_preview: int = 0
    #: (editor ms, preview ms or None, whether the key is one the preview shows) of each key typed while it filled
    fill_keys: list[tuple[float, float | None, bool]] = field(default_factory=list)
    keys: int = 0
    seconds: float = 0.0

    def add(self, key: Key) -> None:
        self.keys += 1
        if key.during_fill and key.editor_ms is not None:
            self.fill_keys.append((key.editor_ms, key.preview_ms, key.wants_preview))
        if key.editor_ms is not None:
            self.editor_ms.append(key.editor_ms)
        else:
            self.missed_editor += 1
        if key.wants_preview:
            if key.preview_ms is not None:
                self.preview_ms.append(key.preview_ms)
            else:
                self.missed_preview += 1


def type_keys(typist: Typist, keys: list[str], pace: float, word_pause: float, budget: float,
              sentence_every: int = 0, sentence_pause: float = 0.0, profiler: cProfile.Profile | None = None,
              ) -> Typed:
    """Type ``keys`` at the given pace (see :func:`pause_after`), stopping after ``budget`` seconds."""
    from PySide6.QtCore import QTimer

    typed = Typed()
    words = 0
    wake = QTimer()
    wake.setInterval(50)
    wake.start()  # wakes the wait in Typist.type now and then, so a paint that never comes cannot hang it
    began = time.perf_counter()
    if profiler:
        profiler.enable()
    for char in keys:
        if time.perf_counter() - began > budget:
            break
        key, posted = typist.type(char)
        typed.add(key)
        words += char == " "
        rest = posted + pause_after(char, words, pace, word_pause, sentence_every, sentence_pause) - time.perf_counter()
        if rest > 0:
            spin(rest)
    if profiler:
        profiler.disable()
    typed.seconds = time.perf_counter() - began
    wake.stop()
    return typed


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
    parser.add_argument("--pauses", action="store_true",
                        help="time every turn of each background task on the UI thread (see pauses.py)")
    args = parser.parse_args()

    pauses = None
    if args.pauses:
        from pauses import Pauses

        pauses = Pauses()
        pauses.install()

    phases = None
    if args.phases:
        from phases import Phases

        phases = Phases()
        phases.install()
    session = open_session(args.brief, args.settings, args.settle_fill, phases)
    if isinstance(session, str):
        print("BENCH-RESULT " + json.dumps({"error": session}))
        return 1
    window, rss = session.window, session.rss_mb

    typist = Typist(session, phases, pauses)
    typing_from = time.perf_counter() - session.opened_at
    profiler = cProfile.Profile() if args.profile_typing else None
    typed = type_keys(typist, key_sequence(args.keys), args.pace, 0.5, args.budget, profiler=profiler)
    if profiler:
        profiler.dump_stats(str(args.profile_typing))
    spin(0.5)
    rss["typed"] = peak_rss_mb()
    typist.close()
    turns = pauses.summary() if pauses else None  # from opening to the end of typing, before any export

    exported = args.out / f"editor-{Path(args.brief).name.removesuffix('.brief.yaml')}.docx"
    t0 = time.perf_counter()
    ok = window.files.export_to(str(exported))
    first_export = time.perf_counter() - t0
    exports: list[float] = []
    profiler = cProfile.Profile() if args.profile_export else None
    for _ in range(args.exports if ok else 0):
        session.app.processEvents()
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
    typed_ok = typist.typed.rstrip() in window.editor.toPlainText()
    window.document.history.set_clean()  # nothing to save or recover: the session ends here
    window.close()
    result = {
        "editor_ms": typed.editor_ms, "preview_ms": typed.preview_ms,
        "missed_editor": typed.missed_editor, "missed_preview": typed.missed_preview,
        "typed": typist.typed, "typed_reached_editor": typed_ok, "section": session.section,
        "first_export": first_export if ok else None, "exports": exports, "export_ok": bool(ok),
        "rss_mb": rss, "fill_keys": typed.fill_keys, "spell_checked": session.spell_checked,
        "typing_from_s": typing_from,
    }
    if phases:
        result["phases"] = phases.summary()
    if turns is not None:
        result["pauses"] = turns
    print("BENCH-RESULT " + json.dumps(result), flush=True)
    return 0


def _blocks(document):
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


if __name__ == "__main__":
    sys.exit(main())
