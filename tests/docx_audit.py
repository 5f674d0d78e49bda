"""Exports checked by ``openxml-audit``, which validates a DOCX against the OOXML schemas as Word reads them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path


def audit_findings(path: Path) -> list[dict]:
    """The error findings ``openxml-audit`` reports for the DOCX at ``path`` (empty: Word opens it cleanly)."""
    tool = shutil.which("openxml-audit") or str(Path(sys.executable).with_name("openxml-audit"))
    done = subprocess.run([tool, "-o", "json", "-m", "0", str(path)], capture_output=True, text=True, timeout=300)
    report = json.loads(done.stdout)
    entry = report[0] if isinstance(report, list) else report
    return [] if entry.get("valid") and not entry.get("error_count") else entry.get("errors") or [entry]


def assert_opens_clean(path: Path) -> None:
    findings = audit_findings(path)
    assert findings == [], f"openxml-audit finds {len(findings)} problems in {path.name}: {findings[:5]}"
