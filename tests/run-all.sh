#!/usr/bin/env bash
# Installs everything the test suite needs on a Debian machine with Python 3.11, then runs it:
# the system's Qt libraries, LibreOffice, pandoc and fonts from Debian's packages, the Python
# packages into .venv from PyPI; then ruff, the whole pytest suite and the benchmark smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."

source tools/debian-packages.sh
install_debian_packages "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"

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
