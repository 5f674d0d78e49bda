"""An installed Briefbook must carry its templates and resources, not only its code,
and find them when asked, not when imported."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[zipfile.ZipFile, str]:
    """The wheel, and everything the build printed (``-v``: pip hides the build's warnings otherwise)."""
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
        cwd=build,
    )
    if result.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{result.stdout}\n{result.stderr}")
    (path,) = out.glob("briefbook-*.whl")
    return zipfile.ZipFile(path), result.stdout + result.stderr


@pytest.fixture(scope="module")
def wheel(built) -> zipfile.ZipFile:
    return built[0]


def test_building_prints_no_packaging_warnings(built):
    """setuptools warns once per data folder not named in ``packages`` (some 40 lines each)."""
    output = built[1]
    assert "Running setup.py" in output or "build_py" in output, "the build's own output was not captured"
    warnings = [line for line in output.splitlines() if "Warning:" in line or "absent from the" in line]
    assert warnings == []


def test_wheel_has_every_module_of_the_source_tree(wheel):
    names = set(wheel.namelist())
    source = {p.relative_to(REPO).as_posix() for p in (REPO / "briefbook").rglob("*.py")}
    assert source, "no sources found"
    assert source <= names, f"missing from the wheel: {sorted(source - names)}"


def _shipped_files() -> list[str]:
    """The files of templates/ and resources/ as the repository has them (not stray lock or backup files)."""
    listed = subprocess.run(["git", "ls-files", "templates", "resources"], capture_output=True, text=True, cwd=REPO)
    if listed.returncode == 0 and listed.stdout.strip():
        return listed.stdout.split()
    found = [p for folder in ("templates", "resources") for p in (REPO / folder).rglob("*") if p.is_file()]
    return [p.relative_to(REPO).as_posix() for p in found if not p.name.startswith(".")]


def test_wheel_carries_templates_and_resources(wheel):
    names = set(wheel.namelist())
    expected = {"briefbook/data/" + name for name in _shipped_files() if "__pycache__" not in name}
    assert "briefbook/data/templates/samples/182-SPE-24-E.brief.yaml" in expected
    assert expected <= names, f"missing from the wheel: {sorted(expected - names)}"


def test_installed_layout_is_found(tmp_path, wheel):
    """The lookup in briefbook.resources finds the data folder the wheel installs."""
    wheel.extractall(tmp_path)
    code = (
        "import briefbook.resources as r, sys; "
        "print(r.sample_brief()); print(r.docx_template()); print(sorted(r.starter_templates()))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                            env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    sample, template, starters = result.stdout.splitlines()
    assert Path(sample).is_file() and Path(sample).is_relative_to(tmp_path)
    assert Path(template).is_relative_to(tmp_path)
    assert starters != "[]"


#: The modules that must look nothing up and cache nothing when imported.
LAZY_MODULES = ("briefbook", "briefbook.atomic", "briefbook.checks", "briefbook.cli", "briefbook.problems",
                "briefbook.resources", "briefbook.fileformat", "briefbook.fileformat.comments",
                "briefbook.fileformat.compose", "briefbook.fileformat.reader", "briefbook.fileformat.saving",
                "briefbook.fileformat.source", "briefbook.fileformat.writer")


def test_importing_looks_nothing_up():
    """No module keeps a file system path found at import, nor fills a cache before it is asked."""
    code = f"""
import functools, importlib, pathlib
found = []
for name in {LAZY_MODULES!r}:
    module = importlib.import_module(name)
    for key, value in vars(module).items():
        if isinstance(value, pathlib.PurePath):
            found.append(f"{{name}}.{{key}} is a path found at import")
        if isinstance(value, functools._lru_cache_wrapper) and value.cache_info().currsize:
            found.append(f"{{name}}.{{key}} was filled at import")
print(found)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_folders_are_found_again_after_forgetting():
    from briefbook import resources

    first = resources.templates_dir()
    resources.forget_locations()
    assert resources._folder.cache_info().currsize == 0
    assert resources.templates_dir() == first
