"""Shared test set-up: Qt runs headless, and tests find the repository's files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "templates" / "samples" / "182-SPE-24-E.brief.yaml"
REFERENCE = REPO.parent / "shared" / "reference"


@pytest.fixture
def repo() -> Path:
    return REPO
