"""The README's two commands install Debian packages the same way: only what is missing, and with
``sudo`` only when not root (a fresh machine's root often has no ``sudo`` at all).

``tools/debian-packages.sh`` is run by bash with stand-ins for ``id``, ``dpkg-query``,
``apt-get`` and ``sudo`` first on the ``PATH``, each writing down how it was called.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def run_install(tmp_path: Path, uid: int, installed: set[str], with_sudo: bool) -> list[str]:
    bin_dir, log = tmp_path / "bin", tmp_path / "calls.log"
    bin_dir.mkdir()
    stubs = {
        "id": f'[ "$1" = "-u" ] && echo {uid}',
        "dpkg-query": 'for p in ' + " ".join(sorted(installed)) + '; do [ "${@: -1}" = "$p" ] && '
                      'printf "install ok installed" && exit 0; done; exit 1',
        "apt-get": f'echo "apt-get $*" >> {log}',
    }
    # without sudo, a stand-in that fails as a missing command would, should anything call it
    stubs["sudo"] = f'echo "sudo $1" >> {log}; "$@"' if with_sudo else f'echo "sudo (missing)" >> {log}; exit 127'
    for name, body in stubs.items():
        script = bin_dir / name
        script.write_text(f"#!/bin/bash\n{body}\n", encoding="utf-8")
        script.chmod(0o755)
    command = f'source "{REPO}/tools/debian-packages.sh"; install_debian_packages pandoc pkg-a pkg-b'
    result = subprocess.run(["/bin/bash", "-c", command], env={"PATH": f"{bin_dir}:/usr/bin:/bin"},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_root_without_sudo_installs_with_apt_get_itself(tmp_path: Path) -> None:
    calls = run_install(tmp_path, uid=0, installed={"pandoc"}, with_sudo=False)
    assert not any(call.startswith("sudo") for call in calls)
    assert any(call.startswith("apt-get install") and call.endswith("pkg-a pkg-b") for call in calls)


def test_a_user_installs_through_sudo(tmp_path: Path) -> None:
    calls = run_install(tmp_path, uid=1000, installed={"pandoc"}, with_sudo=True)
    assert "sudo apt-get" in calls and "sudo env" in calls  # update, then install, each through sudo
    assert any(call.startswith("apt-get install") and "pandoc" not in call for call in calls)


@pytest.mark.parametrize("uid", [0, 1000])
def test_nothing_is_installed_when_nothing_is_missing(tmp_path: Path, uid: int) -> None:
    assert run_install(tmp_path, uid=uid, installed={"pandoc", "pkg-a", "pkg-b"}, with_sudo=True) == []


def test_both_commands_use_the_one_installer() -> None:
    for script in ("open-sample.sh", "tests/run-all.sh"):
        text = (REPO / script).read_text(encoding="utf-8")
        assert "source tools/debian-packages.sh" in text and "install_debian_packages" in text
        assert "sudo " not in text.replace("# ", "")
