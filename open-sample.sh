#!/usr/bin/env bash
# Installs Briefbook on a Debian machine with Python 3.11 and opens the sample brief in the editor:
# the system's Qt libraries and fonts (only those missing; `sudo` only when not root), then the
# project into .venv.
set -euo pipefail
cd "$(dirname "$0")"
source tools/debian-packages.sh
install_debian_packages "${APP_PACKAGES[@]}"
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q .
exec .venv/bin/briefbook templates/samples/182-SPE-24-E.brief.yaml
