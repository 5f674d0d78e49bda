"""A running editor killed with unsaved typing: the next start offers all of it but the last seconds."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from kill_target import TEXT

from briefbook.app.main_window import MainWindow
from briefbook.app.session import Session
from briefbook.document import AppFolders
from briefbook.resources import sample_brief

HERE = Path(__file__).parent
#: The promise: a kill loses at most the last five seconds of typing.
MOST_LOST_S = 5.0


def typing_log(log: Path) -> list[tuple[int, float]]:
    lines = log.read_text(encoding="ascii").splitlines() if log.exists() else []
    return [(int(a), float(b)) for a, b in (line.split() for line in lines if line != "done")]


def run_and_kill(tmp_path: Path, keys: int, kill_when) -> tuple[Path, Path, list[tuple[int, float]], float]:
    """Start the editor, type ``keys`` keys, SIGKILL it once ``kill_when(log, now)`` says so."""
    brief = tmp_path / "briefs" / "sample.brief.yaml"
    brief.parent.mkdir(parents=True)
    shutil.copy(sample_brief(), brief)
    data, log = tmp_path / "data", tmp_path / "typed.log"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(HERE), *filter(None, [os.environ.get("PYTHONPATH")])])}
    process = subprocess.Popen([sys.executable, str(HERE / "kill_target.py"), str(data), str(brief), str(log),
                                str(keys)], env=env)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"the editor ended by itself with status {process.returncode}")
            if kill_when(log, time.monotonic()):
                break
            time.sleep(0.05)
        else:
            pytest.fail("the editor never reached the moment to kill it")
        killed_at = time.monotonic()
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    return brief, data, typing_log(log), killed_at


def recovered_keys(qtbot, data: Path, brief: Path) -> int:
    """Start afresh as the user would, restore what is offered, and count the keys that came back."""
    window = MainWindow(Session(AppFolders(data)))
    qtbot.addWidget(window)
    offered: list[str] = []
    window.dialogs.ask_recover = lambda name, saved, differences: offered.append(differences) or "restore"
    window.dialogs.show_message = lambda title, text, error=False: pytest.fail(f"{title}: {text}")
    window.dialogs.show_problems = lambda title, intro, problems: pytest.fail(f"{title}: {intro} {problems}")
    window.dialogs.ask_save_changes = lambda path: "discard"  # when the test closes the window
    window.files.open_last(str(brief))
    assert offered, "no unsaved work was offered back"
    text = window.document.brief.takeaways[-1].items[-1].text
    for length in range(len(TEXT), 0, -1):  # the longest stretch of the typing the bullet ends with
        if text.endswith(TEXT[:length]):
            return length
    return 0


def test_a_kill_six_seconds_after_the_last_key_loses_nothing(qtbot, tmp_path: Path) -> None:
    keys = 120
    finished: list[float] = []

    def six_seconds_after_the_last_key(log: Path, now: float) -> bool:
        if not finished and log.exists() and log.read_text(encoding="ascii").endswith("done\n"):
            finished.append(typing_log(log)[-1][1])
        return bool(finished) and now - finished[0] >= 6.0

    brief, data, typed, _ = run_and_kill(tmp_path, keys, six_seconds_after_the_last_key)
    assert len(typed) == keys
    assert recovered_keys(qtbot, data, brief) == keys


def test_a_kill_while_typing_loses_at_most_the_last_five_seconds(qtbot, tmp_path: Path) -> None:
    def after_nine_seconds_of_typing(log: Path, now: float) -> bool:
        typed = typing_log(log)
        return bool(typed) and now - typed[0][1] >= 9.0

    brief, data, typed, killed_at = run_and_kill(tmp_path, 2000, after_nine_seconds_of_typing)
    must_have = sum(1 for _, when in typed if when <= killed_at - MOST_LOST_S)
    assert must_have > 50  # the test typed long enough to mean something
    got = recovered_keys(qtbot, data, brief)
    assert got >= must_have, f"{got} keys came back, but {must_have} were typed more than 5 s before the kill"
    assert got <= len(typed)
