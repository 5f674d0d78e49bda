"""What the figures were measured on: hardware, system and the versions of every tool involved.

Read from /proc and the tools themselves rather than from Python's ``platform``
guesses, so the report names the CPU model, the cores this process may use and the
memory actually installed. Nothing here imports Qt in the calling process: the Qt
version is asked of a child process, keeping the benchmark driver small.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def cpu_model() -> str:
    for line in _read("/proc/cpuinfo").splitlines():
        if line.lower().startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def cores() -> str:
    online = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else online
    return f"{usable} usable of {online} online" if usable != online else str(online)


def memory() -> str:
    for line in _read("/proc/meminfo").splitlines():
        if line.startswith("MemTotal:"):
            kib = int(line.split()[1])
            return f"{kib / 1024 / 1024:.1f} GiB"
    return "unknown"


def operating_system() -> str:
    pretty = ""
    for line in _read("/etc/os-release").splitlines():
        if line.startswith("PRETTY_NAME="):
            pretty = line.split("=", 1)[1].strip().strip('"')
    return f"{pretty or platform.system()} (kernel {platform.release()}, {platform.machine()})"


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def _package(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _first_line(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "not available"
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0].strip() if lines else "not available"


def qt_version() -> str:
    code = "import PySide6, PySide6.QtCore as c; print(c.qVersion(), PySide6.__version__)"
    line = _first_line([sys.executable, "-c", code])
    parts = line.split()
    if len(parts) == 2:
        return f"Qt {parts[0]} (PySide6 {parts[1]})"
    return line


def briefbook_install() -> str:
    """How the measured briefbook is installed: the README's ``pip install .``, or an editable one.

    An editable install (``pip install -e``) adds a finder that every import passes
    through: about 15 ms to each interpreter start and 60 ms to a ``briefbook export``
    here, which no user's install has. The report says which one it measured.
    """
    code = "import briefbook, pathlib; print(pathlib.Path(briefbook.__file__).resolve())"
    where = _first_line([sys.executable, "-I", "-c", code])  # -I: not the current folder, as the probes import
    if "site-packages" in where:
        return f"installed (pip install .), {where}"
    return f"EDITABLE or source tree, {where}: start and command-line figures include its import finder"


def describe() -> dict[str, str]:
    """The machine and tool versions, as report lines."""
    return {
        "CPU": cpu_model(),
        "cores": cores(),
        "memory": memory(),
        "OS": operating_system(),
        "Python": f"{platform.python_version()} ({sys.executable})",
        "briefbook": briefbook_install(),
        "Qt": qt_version(),
        "python-docx": _package("python-docx"),
        "lxml": _package("lxml"),
        "PyYAML": _package("PyYAML"),
        "pandoc": _first_line(["pandoc", "--version"]),
        "LibreOffice": _first_line(["soffice", "--version"]),
        "Qt platform": os.environ.get("QT_QPA_PLATFORM", "(Qt's default)"),
        "load average at start (1/5/15 min)": load_average(),
    }
