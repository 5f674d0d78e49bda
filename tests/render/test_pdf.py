"""The PDF export and the contents' page numbers, checked on the pages LibreOffice lays out."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree
from paged_check import contents_and_pages, needs_pdftotext

from briefbook.fileformat import read
from briefbook.render.docx.toc import listed_headings
from briefbook.render.paged import export as paged_export
from briefbook.render.paged import soffice
from briefbook.render.paged.export import NO_LIBREOFFICE_NOTICE, export_docx_paged, export_pdf
from briefbook.render.paged.soffice import find_soffice

from conftest import REPO

LONG = REPO / "templates" / "starters" / "long-brief.brief.yaml"

needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")


def briefbook(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefbook", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300)


def headings_of(docx: Path) -> list[str]:
    root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    return [f"{h.label} {h.title}" for h in listed_headings(root)]


def lo_convert(docx: Path, outdir: Path) -> Path:
    """LibreOffice's own conversion of ``docx``, as a reader would make it (its own private profile)."""
    profile = (outdir / "profile").as_uri()
    subprocess.run([find_soffice(), "--headless", "--norestore", f"-env:UserInstallation={profile}",
                    "--convert-to", "pdf", "--outdir", str(outdir), str(docx)], capture_output=True, timeout=180,
                   check=True)
    return outdir / (docx.stem + ".pdf")


@pytest.fixture(scope="module")
def longer(tmp_path_factory) -> Path:
    """The long starter with each section's text repeated, so that its headings fall on several pages."""
    data = yaml.safe_load(LONG.read_text(encoding="utf-8"))

    def grow(sections: list[dict]) -> None:
        for section in sections:
            if section.get("body"):
                section["body"] = [copy.deepcopy(item) for _ in range(6) for item in section["body"]]
            grow(section.get("sections") or [])

    grow(data["sections"])
    path = tmp_path_factory.mktemp("longer") / "longer.brief.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert read(path).brief is not None
    return path


@needs_soffice
@needs_pdftotext
@pytest.mark.parametrize("which", ["starter", "longer"])
def test_the_pdf_and_libreoffices_own_conversion_show_the_pages_of_the_headings(tmp_path, longer, which):
    source = LONG if which == "starter" else longer
    pdf, docx = tmp_path / "out.pdf", tmp_path / "out.docx"
    for target in (pdf, docx):
        result = briefbook("export", str(source), "-o", str(target))
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr and "notice" not in result.stderr
    headings = headings_of(docx)
    assert len(headings) == 11
    for made in (pdf, lo_convert(docx, tmp_path)):
        numbers, pages = contents_and_pages(made, headings)
        assert numbers == [str(page) for page in pages], made
    if which == "longer":
        assert len(set(pages)) >= 3  # the headings do spread over pages: the numbers are not all alike


def test_a_pdf_without_libreoffice_is_refused_in_words_and_nothing_is_written(tmp_path):
    target = tmp_path / "out.pdf"
    result = briefbook("export", str(LONG), "-o", str(target), env={"BRIEFBOOK_SOFFICE": ""})
    assert result.returncode == 1
    assert "LibreOffice is needed to make a PDF" in result.stderr and "libreoffice-writer" in result.stderr
    assert "Traceback" not in result.stderr
    assert not target.exists()


def test_the_word_export_without_libreoffice_says_once_that_the_numbers_are_missing(tmp_path):
    target = tmp_path / "out.docx"
    result = briefbook("export", str(LONG), "-o", str(target), env={"BRIEFBOOK_SOFFICE": ""})
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("notice:") == 1 and "LibreOffice" in result.stderr
    xml = zipfile.ZipFile(target).read("word/document.xml").decode()
    assert "PAGEREF _Toc000000001" in xml


def test_a_brief_without_contents_needs_no_notice_without_libreoffice(tmp_path, monkeypatch):
    brief = read(LONG).brief
    brief.meta.toc = False
    monkeypatch.setenv("BRIEFBOOK_SOFFICE", "")
    monkeypatch.setattr(paged_export, "convert", lambda *a, **k: pytest.fail("laid out"))
    assert export_docx_paged(brief, tmp_path / "out.docx") == []
    assert (tmp_path / "out.docx").exists()


def test_without_libreoffice_the_library_gives_the_notice(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFBOOK_SOFFICE", "")
    assert export_docx_paged(read(LONG).brief, tmp_path / "out.docx") == [NO_LIBREOFFICE_NOTICE]


def _fake_soffice(tmp_path: Path, body: str) -> str:
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


@pytest.mark.skipif(sys.platform.startswith("win"), reason="a shell script stands in for LibreOffice")
def test_a_failing_libreoffice_is_reported_and_the_old_file_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFBOOK_SOFFICE", _fake_soffice(tmp_path, "echo 'Error: source file could not be "
                                                                     "loaded' >&2; exit 1"))
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    with pytest.raises(soffice.LibreOfficeError, match="status 1.*could not be loaded"):
        export_pdf(read(LONG).brief, target)
    assert target.read_bytes() == b"old"


@pytest.mark.skipif(sys.platform.startswith("win"), reason="a shell script stands in for LibreOffice")
def test_a_libreoffice_that_hangs_is_stopped_with_what_it_started(tmp_path, monkeypatch):
    pidfile = tmp_path / "child.pid"
    monkeypatch.setenv("BRIEFBOOK_SOFFICE", _fake_soffice(tmp_path, f"sleep 60 & echo $! > {pidfile}; wait"))
    with pytest.raises(soffice.LibreOfficeError, match="longer than 1 seconds"):
        soffice.convert(b"not a docx", timeout=1)
    child = int(pidfile.read_text())
    for _ in range(200):  # a signalled process takes a moment to go, on a busy machine more
        if not _running(child):
            break
        time.sleep(0.05)
    assert not _running(child)  # the launcher's child went with it


def _running(pid: int) -> bool:
    """Whether ``pid`` still runs (a killed process not yet reaped by its new parent does not)."""
    stat = Path(f"/proc/{pid}/stat")
    if stat.exists():
        return stat.read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="LibreOffice left behind is found in /proc")
def test_a_libreoffice_left_behind_on_a_profile_is_stopped_before_the_profile_is_used_again(tmp_path):
    """A conversion whose program died leaves LibreOffice on the profile; the next would be handed to it and wait."""
    url = (tmp_path / "profile-1").resolve().as_uri()
    left = subprocess.Popen(["bash", "-c", f'exec -a office-left-behind {sys.executable} -c "import time; '
                             f'time.sleep(120)" -env:UserInstallation={url}'], start_new_session=True)
    try:
        for _ in range(500):  # until bash has become it (bash's own command line names it too, in its -c text)
            if Path(f"/proc/{left.pid}/cmdline").read_bytes().split(b"\0")[0] == b"office-left-behind":
                break
            time.sleep(0.02)
        else:
            pytest.fail("the stand-in for LibreOffice never started")
        with soffice.lease_profile(tmp_path) as lease:
            assert lease.folder == tmp_path / "profile-1"
        assert left.wait(timeout=10) == -9  # stopped
    finally:
        if left.poll() is None:
            left.kill()


def test_profiles_in_use_are_not_shared(tmp_path):
    with soffice.lease_profile(tmp_path) as first, soffice.lease_profile(tmp_path) as second:
        assert first.folder != second.folder
    with soffice.lease_profile(tmp_path) as again:
        assert again.folder == first.folder  # given back, and kept for the next conversion


@needs_soffice
def test_the_worker_writes_the_pdf_and_says_how_far_it_is(tmp_path):
    docx, pdf = tmp_path / "in.docx", tmp_path / "out.pdf"
    assert briefbook("export", str(LONG), "-o", str(docx), env={"BRIEFBOOK_SOFFICE": ""}).returncode == 0
    result = subprocess.run([sys.executable, "-m", "briefbook.render.paged.worker", str(docx), str(pdf), "--to",
                             "pdf"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "layout 1" and result.stdout.splitlines()[-1] == "done"
    assert pdf.read_bytes().startswith(b"%PDF")


def test_libreoffice_is_installed_with_the_app_by_the_readmes_first_command() -> None:
    listed = subprocess.run(["/bin/bash", "-c", f'source "{REPO}/tools/debian-packages.sh"; '
                             'echo "${APP_PACKAGES[@]}"; echo "${TEST_PACKAGES[@]}"'],
                            capture_output=True, text=True, timeout=30, check=True).stdout.splitlines()
    assert "libreoffice-writer-nogui" in listed[0].split()
    assert "libreoffice-writer-nogui" not in listed[1].split()
    assert "APP_PACKAGES" in (REPO / "open-sample.sh").read_text(encoding="utf-8")


def test_an_unreadable_pdf_from_libreoffice_is_an_error_in_words() -> None:
    from briefbook.render.docx.toc import ListedHeading
    from briefbook.render.paged.pages import heading_pages

    with pytest.raises(soffice.LibreOfficeError, match="cannot be read"):
        heading_pages(b"%PDF-1.4 not really", [ListedHeading("_Toc000000001", "I.", "INTRODUCTION")])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="starts a LibreOffice of the user's and stops it")
@needs_soffice
def test_the_pdf_is_made_while_the_user_has_libreoffice_open(tmp_path) -> None:
    users = subprocess.Popen([find_soffice(), "--headless", "--norestore", "--nologo",
                              f"-env:UserInstallation={(tmp_path / 'users-profile').as_uri()}",
                              "--accept=pipe,name=briefbook-test-user;urp;"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not (tmp_path / "users-profile" / "user").is_dir() and time.monotonic() < deadline:
            time.sleep(0.2)  # the user's LibreOffice is up once it has made its profile
        assert users.poll() is None
        result = briefbook("export", str(LONG), "-o", str(tmp_path / "out.pdf"))
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
        assert users.poll() is None  # and the user's LibreOffice was left alone
    finally:
        soffice.stop_group(users)
