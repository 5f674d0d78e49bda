"""PySide6's look at each imported module, answered from the module's file (see ``briefbook.app.feature_scan``)."""

from __future__ import annotations

import os
import subprocess
import sys

import briefbook.app  # noqa: F401 - installs the file read
import briefbook.app.main_window
import briefbook.model
from briefbook.app import feature_scan


def _check():
    return getattr(sys.modules[feature_scan.FEATURE_MODULE], feature_scan.CHECK)


def test_importing_the_user_interface_replaces_pysides_check_once():
    check = _check()
    assert hasattr(check, "original")
    assert feature_scan.install() is False  # a second install leaves the one in place
    assert _check() is check


def test_the_file_read_answers_as_pyside_does():
    """The same answer for modules that use Qt, modules that do not, and modules with no source file."""
    check = _check()
    modules = [briefbook.app.main_window, briefbook.model, subprocess, sys, feature_scan]
    assert [check(module) for module in modules] == [check.original(module) for module in modules]
    assert check(briefbook.app.main_window) and not check(briefbook.model) and not check(sys)


def test_the_start_reads_no_module_into_linecache():
    """``inspect.getsource`` kept the lines of every module imported in ``linecache``; the window's imports
    now leave it empty of them."""
    code = ("import linecache, briefbook.app, briefbook.app.main_window; "
            "print(sum('briefbook' in name for name in linecache.cache))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.split()[-1] == "0"
