"""SIGKILL at random moments, and at every sync and rename, during the editor's saves and exports.

The killed process is a real editor — a ``MainWindow`` built offscreen, saving with
``window.files.save_to`` and exporting with ``window.files.export_to`` in a loop (see
``tests/kill_harness.py``). After every kill the brief, its ``~`` backup and the export
are each the complete old or new version, and the next save leaves no temporary file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from kill_harness import kill_writes

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the kill tests fork the writing process")


def test_killing_the_editors_saves_and_exports(tmp_path: Path) -> None:
    at_random, at_steps = kill_writes("editor", tmp_path, random_kills=60, longest_wait=0.2, step_kills=30)
    assert (at_random.kills, at_steps.kills) == (60, 30)
    assert at_steps.left_temporaries >= 10, at_steps
    from briefbook.document.lock import BriefLock

    lock = BriefLock(str(tmp_path / "brief.brief.yaml"))
    lock.acquire()  # the next opening of the brief removes what killed editors left of their locks
    lock.release()
    assert [name for name in os.listdir(tmp_path) if name.endswith(".tmp")] == []
