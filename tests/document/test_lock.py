"""The lock beside a brief, against every content a lock file can have and every process it can name.

Each test writes real lock files (and real links, folders, pipes) beside a real brief,
and names real processes: this one, children that have ended, children still running.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from briefbook.document import processes
from briefbook.document.lock import READ_LIMIT, BriefLock, LockHolder

REPO = Path(__file__).resolve().parents[2]
HOST = processes.current()["host"]


@pytest.fixture
def brief(tmp_path: Path) -> Path:
    path = tmp_path / "briefs" / "182-SPE-24-E.brief.yaml"
    path.parent.mkdir()
    path.write_text("briefbook: 1\n", encoding="utf-8")
    return path


def lock_file(brief: Path) -> Path:
    return brief.with_name(f".{brief.name}.lock")


def write_lock(brief: Path, content: object) -> Path:
    file = lock_file(brief)
    file.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode("utf-8"))
    return file


def ours(lock: BriefLock) -> bool:
    """The lock file on disk is ``lock``'s, written whole by this process."""
    info = json.loads(lock.file.read_text(encoding="utf-8"))
    return info["token"] == lock.token and info["pid"] == os.getpid() and info["host"] == HOST


@pytest.fixture
def ended_process() -> dict:
    """A process of this computer that has ended, named as its lock would name it."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    started = processes.start_token(child.pid)
    child.wait()
    return {"user": "colleague", "host": HOST, "pid": child.pid, "started": started}


@pytest.fixture
def running_process():
    """A process of this computer that runs while the test does."""
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    yield {"user": "colleague", "host": HOST, "pid": child.pid, "started": processes.start_token(child.pid)}
    child.stdin.close()
    child.wait()


# --- content that names nobody: damaged, replaced, never a crash ------------------------------------

DAMAGED = {
    "empty": b"",
    "not JSON": b"held by Jane",
    "not UTF-8": b"\xff\xfe\x00{",
    "NUL bytes": b"\x00" * 300,
    "a list": b"[1, 2]",
    "null": b"null",
    "a number": b"42",
    "nested deeper than the parser goes": b"[" * 3000 + b"]" * 3000,
    "pid 0": {"host": HOST, "pid": 0},
    "pid -1": {"host": HOST, "pid": -1},
    "pid true": {"host": HOST, "pid": True},
    "pid false": {"host": HOST, "pid": False},
    "pid too large for the system": {"host": HOST, "pid": 2**31},
    "pid of 64 bits": {"host": HOST, "pid": 2**64 + 1},
    "pid of 4000 digits": b'{"host": "%s", "pid": %s}' % (HOST.encode(), b"9" * 4000),
    "pid of 5000 digits": b'{"host": "h", "pid": 1%s}' % (b"0" * 5000),
    "pid as text": {"host": HOST, "pid": "123"},
    "pid as float": {"host": HOST, "pid": 1.5},
    "pid infinite": b'{"host": "h", "pid": 1e999}',
    "pid NaN": b'{"host": "h", "pid": NaN}',
    "no pid": {"host": HOST, "user": "x"},
    "no host": {"pid": 1, "user": "x"},
    "host a number": {"host": 7, "pid": 1},
    "host empty": {"host": "", "pid": 1},
    "other machine, pid true": {"host": "other-pc", "pid": True},
    "a lock padded beyond the limit": b'{"host": "other-pc", "pid": 1}' + b" " * READ_LIMIT,
    "larger than a lock can be": b'{"host": "other-pc", "pid": 1, "user": "' + b"x" * READ_LIMIT + b'"}',
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_damaged_lock_names_nobody_and_is_replaced(brief: Path, content: object) -> None:
    write_lock(brief, content)
    lock = BriefLock(str(brief))
    assert lock.holder() is None
    assert lock.acquire() is None
    assert lock.held and ours(lock)
    assert lock.note == "Took over the damaged lock file."
    lock.release()
    assert not lock.file.exists()


def test_huge_lock_file_is_not_read_whole(brief: Path) -> None:
    file = lock_file(brief)
    with open(file, "wb") as handle:  # 64 GB, sparse: reading it whole would never end
        handle.truncate(64 * 2**30)
    lock = BriefLock(str(brief))
    assert lock.holder() is None
    assert lock.acquire() is None and ours(lock)
    lock.release()


def test_names_in_a_lock_cannot_fill_the_dialog(brief: Path) -> None:
    write_lock(brief, {"host": "pc\n\u202e\x1b[31m" + "h" * 500, "pid": 1, "user": "\t" * 50 + "Jane\x00"})
    holder = BriefLock(str(brief)).holder()
    assert holder is not None and not holder.this_computer
    assert holder.user == "Jane"
    assert holder.host.startswith("pc [31m") and len(holder.host) == 60 and holder.host.endswith("\u2026")
    assert holder.host.isprintable()


# --- processes: ended, reused numbers, running, another machine ---------------------------------------

def test_lock_of_an_ended_process_is_stale(brief: Path, ended_process: dict) -> None:
    write_lock(brief, {**ended_process, "since": "2026-01-01T09:00:00+00:00"})
    lock = BriefLock(str(brief))
    assert lock.holder() is None
    assert lock.acquire() is None and ours(lock)
    assert "left by colleague" in lock.note and "no longer runs" in lock.note


def test_lock_whose_number_was_given_to_another_process_is_stale(brief: Path, running_process: dict) -> None:
    write_lock(brief, {**running_process, "started": running_process["started"] + "0"})
    assert BriefLock(str(brief)).holder() is None
    write_lock(brief, {**running_process, "pid": os.getpid(), "started": "another-boot:1"})
    assert BriefLock(str(brief)).holder() is None  # our own number, but another process's start


def test_lock_of_a_running_process_is_held(brief: Path, running_process: dict) -> None:
    since = datetime.now(UTC) - timedelta(hours=2, minutes=5)
    write_lock(brief, {**running_process, "since": since.isoformat()})
    lock = BriefLock(str(brief))
    holder = lock.acquire()
    assert holder is not None and holder.this_computer and not holder.this_process
    assert holder.user == "colleague" and holder.host == HOST
    assert holder.age() == "2 hours ago"
    assert not lock.held and json.loads(lock.file.read_text())["pid"] == running_process["pid"]  # untouched
    old = {key: value for key, value in running_process.items() if key != "started"}
    write_lock(brief, old)  # written by a version that did not record the start: the number is all there is
    assert BriefLock(str(brief)).holder() is not None


def test_lock_of_another_machine_is_held_with_who_where_and_since(brief: Path) -> None:
    since = datetime.now(UTC) - timedelta(days=3, hours=1)
    write_lock(brief, {"user": "colleague", "host": "other-pc", "pid": 4242, "started": "x:1",
                       "since": since.isoformat()})
    holder = BriefLock(str(brief)).holder()
    assert holder is not None and not holder.this_computer
    local = since.astimezone()
    when = f"{local:%d %b %Y %H:%M}".lstrip("0")
    assert holder.describe() == f"colleague on other-pc, since {when} (3 days ago)"


@pytest.mark.parametrize(("since", "age"), [
    ("2026-01-01 09:00", None),  # the form earlier versions wrote: local time
    ((datetime.now(UTC) + timedelta(hours=5)).isoformat(), ""),  # that computer's clock is ahead
    ("0001-01-01T00:00:00+00:00", None),  # cannot be shown in local time: the file's time instead
    ("not a time", "just now"),  # the file's time: written just now
    (12, "just now"),
])
def test_since_of_any_form(brief: Path, since: object, age: str | None) -> None:
    write_lock(brief, {"user": "u", "host": "other-pc", "pid": 1, "since": since})
    holder = BriefLock(str(brief)).holder()
    assert holder is not None and holder.since is not None
    assert holder.describe().startswith("u on other-pc, since ")
    if age is not None:
        assert holder.age() == age


def test_our_own_number_with_no_window_holding_it_is_stale(brief: Path) -> None:
    write_lock(brief, {**processes.current(), "token": "a-window-long-gone"})
    assert BriefLock(str(brief)).holder() is None


# --- two windows of one process -------------------------------------------------------------------

def test_two_windows_of_one_process_see_each_others_lock(brief: Path) -> None:
    first, second = BriefLock(str(brief)), BriefLock(str(brief))
    assert first.acquire() is None and first.held
    holder = second.acquire()
    assert isinstance(holder, LockHolder) and holder.this_process
    assert holder.describe().startswith("you, in another Briefbook window, since ")
    assert not second.held and ours(first)
    assert second.acquire(take_over=True) is None and ours(second)
    assert second.note.startswith("Took over the lock of you, in another Briefbook window")
    first.release()  # the one it was taken from leaves the new holder's lock alone
    assert lock_file(brief).exists() and ours(second)
    assert first.holder() is not None
    second.release()
    assert not lock_file(brief).exists()


def test_release_leaves_a_lock_taken_over_by_another_machine(brief: Path) -> None:
    lock = BriefLock(str(brief))
    lock.acquire()
    other = write_lock(brief, {"user": "colleague", "host": "other-pc", "pid": 1})
    lock.release()
    assert json.loads(other.read_text())["host"] == "other-pc"


def test_open_anyway_replaces_the_lock_of_another_machine(brief: Path) -> None:
    write_lock(brief, {"user": "colleague", "host": "other-pc", "pid": 1})
    lock = BriefLock(str(brief))
    assert lock.acquire() is not None and not lock.held
    assert lock.acquire(take_over=True) is None and ours(lock)
    assert lock.note.startswith("Took over the lock of colleague on other-pc")


# --- what is in the lock's place is not a file -------------------------------------------------------

def test_a_link_in_the_locks_place_is_never_followed(brief: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    lock_file(brief).symlink_to(precious)
    lock = BriefLock(str(brief))
    assert lock.holder() is None
    assert lock.acquire(take_over=True) is None and not lock.held
    assert "is not a lock file" in lock.note
    lock.release()
    assert precious.read_text(encoding="utf-8") == "keep me" and lock_file(brief).is_symlink()


def test_a_dangling_link_is_not_followed_either(brief: Path, tmp_path: Path) -> None:
    lock_file(brief).symlink_to(tmp_path / "created-through-the-link")
    lock = BriefLock(str(brief))
    assert lock.acquire() is None and not lock.held
    assert not (tmp_path / "created-through-the-link").exists()


def test_a_folder_in_the_locks_place(brief: Path) -> None:
    lock_file(brief).mkdir()
    (lock_file(brief) / "inside").write_text("x", encoding="utf-8")
    lock = BriefLock(str(brief))
    assert lock.holder() is None and lock.acquire() is None and not lock.held
    lock.release()
    assert (lock_file(brief) / "inside").is_file()


def test_a_pipe_in_the_locks_place_does_not_hang(brief: Path) -> None:
    os.mkfifo(lock_file(brief))  # opening a pipe to read waits for a writer that never comes
    lock = BriefLock(str(brief))
    assert lock.holder() is None and lock.acquire() is None and not lock.held


def test_leaves_no_temporary_files(brief: Path, running_process: dict) -> None:
    lock = BriefLock(str(brief))
    lock.acquire()
    write_lock(brief, running_process)
    other = BriefLock(str(brief))
    other.acquire()
    other.acquire(take_over=True)
    other.release()
    assert sorted(p.name for p in brief.parent.iterdir()) == [brief.name]


# --- folders where no lock can be written, locks that cannot be read: as another user -------------------

AS_ANOTHER_USER = textwrap.dedent("""
    import json, os, sys
    from briefbook.document import processes
    from briefbook.document.lock import BriefLock
    processes.current()  # loads what it needs while the interpreter's own files can still be read
    if os.geteuid() == 0:  # root may write anywhere: give up its powers, as a user has none
        os.setgid(65534)
        os.setuid(65534)
    lock = BriefLock(sys.argv[1])
    holder = lock.acquire()
    print(json.dumps({"held": lock.held, "note": lock.note,
                      "holder": None if holder is None else holder.describe()}))
""")


def run_as_another_user(brief: Path) -> dict:
    """Acquire the lock in a process without root's powers (``nobody`` when the tests run as root)."""
    result = subprocess.run([sys.executable, "-c", AS_ANOTHER_USER, str(brief)], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)}, check=True)
    return json.loads(result.stdout)


@pytest.fixture
def shared_brief():
    """A brief in a folder another user may enter (pytest's own folders are the owner's only)."""
    folder = Path(tempfile.mkdtemp(prefix="briefbook-lock-"))
    folder.chmod(0o755)
    brief = folder / "shared.brief.yaml"
    brief.write_text("briefbook: 1\n", encoding="utf-8")
    brief.chmod(0o644)
    yield brief
    folder.chmod(0o755)
    shutil.rmtree(folder)


def test_a_folder_where_no_lock_can_be_written_is_not_an_error(shared_brief: Path) -> None:
    shared_brief.parent.chmod(0o555)
    outcome = run_as_another_user(shared_brief)
    assert outcome["held"] is False and outcome["holder"] is None
    assert outcome["note"].startswith("No lock written beside the brief (permission denied)")
    assert not lock_file(shared_brief).exists()


def test_a_lock_that_cannot_be_read_is_held_by_someone(shared_brief: Path) -> None:
    file = write_lock(shared_brief, {"user": "colleague", "host": "other-pc", "pid": 1})
    file.chmod(0o000)
    outcome = run_as_another_user(shared_brief)
    assert outcome["held"] is False
    assert outcome["holder"].startswith("someone on an unknown computer, since ")


# --- races: processes taking one lock at once ----------------------------------------------------------

RACER = textwrap.dedent("""
    import json, os, sys, time
    from briefbook.document.lock import BriefLock
    brief, go, done = sys.argv[1:4]
    lock = BriefLock(brief)
    while not os.path.exists(go):  # no sleep: the racers start within microseconds of each other
        pass
    holder = lock.acquire()
    print(json.dumps({"held": lock.held, "holder": None if holder is None else holder.describe()}), flush=True)
    while not os.path.exists(done):  # keep running, so the lock stays held until every racer has tried
        time.sleep(0.005)
    lock.release()
""")


def test_processes_racing_for_one_lock_one_wins(brief: Path, tmp_path: Path) -> None:
    rounds, racers = 4, 6
    for turn in range(rounds):
        go, done = tmp_path / f"go{turn}", tmp_path / f"done{turn}"
        children = [subprocess.Popen([sys.executable, "-c", RACER, str(brief), str(go), str(done)],
                                     stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
                    for _ in range(racers)]
        go.touch()
        try:
            outcomes = [json.loads(child.stdout.readline() or "null") for child in children]
        finally:
            done.touch()  # every racer ends, whatever happened
            for child in children:
                child.wait()
                child.stdout.close()
        assert sum(outcome["held"] for outcome in outcomes) == 1, outcomes
        assert all(o["holder"].startswith(f"{processes.current()['user']} on {HOST}") for o in outcomes
                   if not o["held"])
        assert not lock_file(brief).exists()
        assert sorted(p.name for p in brief.parent.iterdir()) == [brief.name]


# --- the document holds the lock and the read-only state -------------------------------------------------

def test_document_claims_then_shows_a_brief_read_only_and_saving_a_copy_makes_it_editable(qtbot, tmp_path) -> None:
    from briefbook.document import AppFolders, Document
    from briefbook.fileformat import read
    from briefbook.resources import sample_brief

    brief = tmp_path / "sample.brief.yaml"
    shutil.copy(sample_brief(), brief)
    write_lock(brief, {"user": "colleague", "host": "other-pc", "pid": 1})
    document = Document(AppFolders(tmp_path / "data"))
    seen: list[bool] = []
    document.readOnlyChanged.connect(seen.append)
    holder = document.claim(str(brief))
    assert holder is not None and holder.host == "other-pc"
    assert document.claim(str(brief), "read-only") is None
    document.replace(read(brief).brief, str(brief))
    assert document.read_only and seen == [True]
    assert json.loads(lock_file(brief).read_text())["host"] == "other-pc"
    copy = tmp_path / "copy.brief.yaml"
    document.save(str(copy))
    assert not document.read_only and seen == [True, False]
    assert json.loads(lock_file(copy).read_text())["pid"] == os.getpid()
    assert document.claim(str(brief), "anyway") is None
    assert json.loads(lock_file(brief).read_text())["pid"] == os.getpid()
    document.drop_claim()  # not opened after all: the colleague's lock is put back
    assert json.loads(lock_file(brief).read_text()) == {"user": "colleague", "host": "other-pc", "pid": 1}
    lock_file(brief).unlink()
    assert document.claim(str(brief)) is None and lock_file(brief).exists()
    document.drop_claim()  # a lock of our own, not opened: removed
    assert not lock_file(brief).exists()
    document.close()
    assert not lock_file(copy).exists()
