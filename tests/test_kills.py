"""SIGKILL at random moments during hundreds of saves and exports, the library's and the command line's.

After every kill the brief, its ``~`` backup and the export are each the complete old or
new version (the briefs load), and the next save and export leave no temporary file
behind. The editor's saves are killed the same way in ``tests/app/test_editor_kills.py``;
the machinery is in ``tests/kill_harness.py``.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from kill_harness import REPO, check_whole, kill_writes, prepare, save_next, temporaries

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the kill tests fork the writing process")


def test_killing_the_librarys_saves_and_exports(tmp_path: Path) -> None:
    at_random, at_steps = kill_writes("library", tmp_path, random_kills=100, longest_wait=0.08, step_kills=30)
    assert (at_random.kills, at_steps.kills) == (100, 30)
    # the kills at syncs before a rename came while a temporary file existed, on any disk
    assert at_steps.left_temporaries >= 10, at_steps


def test_killing_the_commands_saves_and_exports(tmp_path: Path) -> None:
    at_random, at_steps = kill_writes("cli", tmp_path, random_kills=60, longest_wait=0.1, step_kills=30)
    assert (at_random.kills, at_steps.kills) == (60, 30)
    assert at_steps.left_temporaries >= 10, at_steps


def test_killing_the_briefbook_command_started_afresh(tmp_path: Path) -> None:
    """The command as a user runs it, killed somewhere between its start and its end."""
    versions = prepare(tmp_path)
    moments = random.Random()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    target, out = str(tmp_path / "brief.brief.yaml"), str(tmp_path / "brief.docx")
    commands = (["new", "--force", "-q", "-t", "key-takeaways", target],
                ["export", "-q", str(tmp_path / "b.brief.yaml"), "-o", out],
                ["new", "--force", "-q", "-t", "long-brief", target],
                ["export", "-q", str(tmp_path / "a.brief.yaml"), "-o", out])
    for run in range(8):
        process = subprocess.Popen([sys.executable, "-m", "briefbook", *commands[run % 4]], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(moments.uniform(0, 0.6))
        process.send_signal(signal.SIGKILL)
        _, errors = process.communicate()
        assert process.returncode in (0, -signal.SIGKILL), errors
        check_whole(tmp_path, versions, f"run {run} of briefbook {commands[run % 4][0]}")
        save_next(tmp_path)
        assert temporaries(tmp_path) == []
