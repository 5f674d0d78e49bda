#!/usr/bin/env bash
# Installs everything the test suite needs on a Debian machine with Python 3.11, then runs it:
# the system's Qt libraries, LibreOffice, pandoc and fonts from Debian's packages, the Python
# packages into .venv from PyPI; then ruff, the whole pytest suite and the benchmark smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  python3-venv
  # Qt's libraries (PySide6 wheels bring Qt itself, not these)
  libegl1 libgl1 libx11-xcb1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 libpng16-16
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1
  # the programs that check exports, and the fonts the template names
  libreoffice-writer-nogui pandoc poppler-utils fonts-liberation2 fonts-dejavu-core
)

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q '.[test]'

export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check briefbook tests bench
.venv/bin/python -m pytest -q "$@"
if [ -f bench/run.py ]; then
  .venv/bin/python bench/run.py --smoke
fi
