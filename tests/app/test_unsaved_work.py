"""The window and unsaved work: recovered autosaves offered with every choice, and changes on disk."""

from __future__ import annotations

import os
from pathlib import Path

import test_main_window
from test_main_window import TAKEAWAYS, select, type_at_end

from briefbook.fileformat import dumps, read

# the main window's fixtures: a window with the sample open, dialogs that answer as told
dialogs, make_window, sample = test_main_window.dialogs, test_main_window.make_window, test_main_window.sample
settings_dir, window = test_main_window.settings_dir, test_main_window.window


def crash_with_unsaved(qtbot, window, words: str) -> None:
    """Type, autosave, and end the session without deciding, as a crash would."""
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, words)
    window.document.autosave()
    window.document.history.set_clean()
    window.close()


def recovery_files(settings_dir: Path) -> list[Path]:
    return list((settings_dir / "recovery").glob("*.brief.yaml"))


def last_takeaway(window) -> str:
    return window.document.brief.takeaways[-1].items[-1].text


def test_keep_the_file_on_disk_deletes_the_autosave(qtbot, make_window, window, dialogs, sample,
                                                    settings_dir) -> None:
    crash_with_unsaved(qtbot, window, " lost on purpose")
    dialogs.recover = "keep"
    again = make_window()
    again.files.open_last(str(sample))
    assert "recover" in dialogs.asked and "lost on purpose" not in last_takeaway(again)
    assert recovery_files(settings_dir) == []
    assert not again.isWindowModified()


def test_keep_as_a_copy_writes_the_recovered_brief_beside_the_file(qtbot, make_window, window, dialogs, sample,
                                                                   settings_dir) -> None:
    crash_with_unsaved(qtbot, window, " worth a copy")
    dialogs.recover = "copy"
    again = make_window()
    again.files.open_last(str(sample))
    [copy] = [p for p in sample.parent.iterdir() if "(recovered " in p.name]
    assert copy.name.endswith(".brief.yaml")
    assert read(copy).brief.takeaways[-1].items[-1].text.endswith("worth a copy")
    assert "worth a copy" not in sample.read_text(encoding="utf-8")
    assert recovery_files(settings_dir) == []
    assert "Unsaved changes kept as" in again.statusBar().currentMessage()


def test_decide_later_offers_it_again_next_time(qtbot, make_window, window, dialogs, sample,
                                                settings_dir) -> None:
    crash_with_unsaved(qtbot, window, " not yet")
    dialogs.recover = "later"
    again = make_window()
    again.files.open_last(str(sample))
    assert "not yet" not in last_takeaway(again)
    again.close()
    dialogs.asked.clear()
    dialogs.recover = "restore"
    third = make_window()
    third.files.open_last(str(sample))
    assert "recover" in dialogs.asked and last_takeaway(third).endswith("not yet")


def test_an_autosave_identical_to_the_file_is_removed_without_asking(qtbot, make_window, window, dialogs,
                                                                      sample, settings_dir) -> None:
    crash_with_unsaved(qtbot, window, " saved elsewhere")
    [autosave] = recovery_files(settings_dir)
    sample.write_text(autosave.read_text(encoding="utf-8"), encoding="utf-8")
    again = make_window()
    again.files.open_last(str(sample))
    assert "recover" not in dialogs.asked and recovery_files(settings_dir) == []


def test_an_unmodified_brief_reloads_when_its_file_changes(qtbot, window, sample) -> None:
    brief = read(sample).brief
    brief.meta.title = "Changed by a colleague"
    with qtbot.waitSignal(window.document.diskChanged, timeout=5000):
        sample.write_text(dumps(brief), encoding="utf-8")
    assert window.document.brief.meta.title == "Changed by a colleague"
    assert "reloaded" in window.statusBar().currentMessage()
    assert not window.isWindowModified()
    window.document.history.undo()
    assert window.document.brief.meta.title != "Changed by a colleague" and window.isWindowModified()


def colleague_saves_while_i_type(qtbot, window, dialogs, sample, answer: str) -> None:
    """Unsaved typing in the window, then another program saves the brief with "Their title"."""
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " my words")
    theirs = read(sample).brief
    theirs.meta.title = "Their title"
    dialogs.disk_changed = answer
    with qtbot.waitSignal(window.document.diskChanged, timeout=5000):
        sample.write_text(dumps(theirs), encoding="utf-8")


def test_keep_mine_saves_their_version_as_a_copy_first(qtbot, window, dialogs, sample) -> None:
    colleague_saves_while_i_type(qtbot, window, dialogs, sample, answer="keep")
    assert "disk_changed" in dialogs.asked
    [copy] = [p for p in sample.parent.iterdir() if "(changed on disk " in p.name]
    assert read(copy).brief.meta.title == "Their title"
    assert window.files.save()
    assert last_takeaway(window).endswith("my words") and read(sample).brief.meta.title != "Their title"
    assert dialogs.asked.count("disk_changed") == 1  # the save did not ask again


def test_reload_theirs_and_undo_gives_mine_back(qtbot, window, dialogs, sample) -> None:
    colleague_saves_while_i_type(qtbot, window, dialogs, sample, answer="reload")
    assert window.document.brief.meta.title == "Their title"
    window.document.history.undo()
    assert last_takeaway(window).endswith("my words")


def test_a_save_that_finds_the_file_changed_asks_and_cancel_keeps_theirs(qtbot, window, dialogs, sample) -> None:
    select(qtbot, window, TAKEAWAYS)
    type_at_end(qtbot, window, " my words")
    theirs = read(sample).brief
    theirs.meta.title = "Their title"
    sample.write_text(dumps(theirs), encoding="utf-8")
    dialogs.disk_changed = "cancel"
    assert not window.files.save()  # at once, before any watcher has said a word
    assert "disk_changed" in dialogs.asked and read(sample).brief.meta.title == "Their title"
    assert window.isWindowModified()


def test_a_deleted_file_marks_the_brief_unsaved(qtbot, window, sample) -> None:
    with qtbot.waitSignal(window.document.diskChanged, timeout=5000):
        os.unlink(sample)
    assert window.isWindowModified() and "deleted or moved" in window.statusBar().currentMessage()
    assert window.files.save()
    assert read(sample).brief is not None


def test_at_start_the_unsaved_work_of_another_brief_is_offered_and_opens_it(qtbot, make_window, window, dialogs,
                                                                            sample, tmp_path) -> None:
    other = sample.with_name("other.brief.yaml")
    other.write_bytes(sample.read_bytes())
    assert window.files.open_file(str(other))
    crash_with_unsaved(qtbot, window, " in the other brief")  # its window ends without deciding
    dialogs.recover = "restore"
    again = make_window()
    again.files.open_last(str(sample))  # the brief asked for is not the one with unsaved work
    assert "recover" in dialogs.asked
    assert again.document.path == str(other) and last_takeaway(again).endswith("in the other brief")
    assert again.isWindowModified()


def test_at_start_the_unsaved_work_of_another_brief_can_wait(qtbot, make_window, window, dialogs, sample) -> None:
    other = sample.with_name("other.brief.yaml")
    other.write_bytes(sample.read_bytes())
    assert window.files.open_file(str(other))
    crash_with_unsaved(qtbot, window, " later")
    dialogs.recover = "later"
    again = make_window()
    again.files.open_last(str(sample))
    assert again.document.path == str(sample) and not again.isWindowModified()
    dialogs.asked.clear()
    dialogs.recover = "restore"
    assert again.files.open_file(str(other))  # offered when that brief is opened
    assert "recover" in dialogs.asked and last_takeaway(again).endswith(" later")
