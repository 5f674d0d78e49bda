"""The other language version in the editor: typing in the English version puts the French
section behind, the outline marks it, the pane beside the editor shows the English section,
and Mark Section Up to Date records it as one undo step."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import test_main_window
from test_main_window import select, type_at_end

from briefbook.fileformat import load
from briefbook.model.versions import Behind
from briefbook.resources import sample_brief
from briefbook.versions import new_language_version

dialogs, make_window = test_main_window.dialogs, test_main_window.make_window
settings_dir = test_main_window.settings_dir

TIP = "Changed in English since this French text was brought up to date"
SHOTS = Path("/tmp/shots-versions")


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    english = tmp_path / "briefs" / "182-SPE-24-E.brief.yaml"
    english.parent.mkdir()
    shutil.copy(sample_brief(), english)
    return english, new_language_version(english, "fr").path


def _open(make_window, path: Path):
    window = make_window()
    assert window.files.open_file(str(path), ask=False)
    return window


def test_typing_in_english_marks_the_french_section_behind(qtbot, make_window, pair) -> None:
    english_path, french_path = pair
    english = _open(make_window, english_path)
    french = _open(make_window, french_path)
    other = french.versions.other
    assert other.live and other.follows and other.behind() == {}
    english.activateWindow()
    qtbot.waitUntil(english.isActiveWindow)
    select(qtbot, english, ("sections", 1))
    type_at_end(qtbot, english, " More support.")
    qtbot.waitUntil(lambda: other.behind() == {("sections", 1): Behind.CHANGED}, timeout=3000)
    item = french.outline.item_for(("sections", 1))
    qtbot.waitUntil(lambda: TIP in item.toolTip(0))
    mark = french.versions.icon().cacheKey()
    assert item.icon(0).cacheKey() == mark
    assert french.outline.item_for(("sections", 0)).icon(0).cacheKey() != mark

    french.other_version_action.trigger()
    select(qtbot, french, ("sections", 1))
    qtbot.waitUntil(lambda: french.versions.pane.text.toPlainText().endswith("More support."))
    pane = french.versions.pane
    assert pane.title.text().startswith("II. SUPPORT FOR UKRAINE")
    assert TIP in pane.state.text() and pane.mark_button.isEnabled()
    SHOTS.mkdir(exist_ok=True)
    french.resize(1500, 820)
    qtbot.wait(50)
    french.grab().save(str(SHOTS / "side-by-side.png"))

    french.mark_up_to_date_action.trigger()
    qtbot.waitUntil(lambda: other.behind() == {})
    item = french.outline.item_for(("sections", 1))  # the outline was drawn again
    qtbot.waitUntil(lambda: item.icon(0).cacheKey() != mark and TIP not in item.toolTip(0))
    assert french.document.is_modified()
    french.undo_action.trigger()
    qtbot.waitUntil(lambda: other.behind() == {("sections", 1): Behind.CHANGED})
    french.redo_action.trigger()
    qtbot.waitUntil(lambda: other.behind() == {})
    assert french.files.save()
    assert load(french_path).sections[1].synced


def test_a_french_window_opened_first_follows_the_english_one_opened_after(qtbot, make_window, pair) -> None:
    english_path, french_path = pair
    french = _open(make_window, french_path)
    assert not french.versions.other.live and french.versions.other.brief is not None
    english = _open(make_window, english_path)
    assert french.versions.other.live
    select(qtbot, english, ("sections", 0))
    type_at_end(qtbot, english, " Again.")
    qtbot.waitUntil(lambda: ("sections", 0) in french.versions.other.behind(), timeout=3000)


def test_new_language_version_from_the_file_menu(qtbot, make_window, tmp_path: Path) -> None:
    english_path = tmp_path / "briefs" / "draft-E.brief.yaml"
    english_path.parent.mkdir()
    shutil.copy(sample_brief(), english_path)
    window = _open(make_window, english_path)
    asked: list[list[str]] = []
    window.versions.ask_language = lambda choices: asked.append(choices) or choices[0]
    window.new_version_action.trigger()
    assert asked == [["French (fr)"]]
    french = english_path.with_name("draft-F.brief.yaml")
    assert load(french).translation.file == "draft-E.brief.yaml"
    assert load(english_path).translation.file == "draft-F.brief.yaml"
    assert not window.document.is_modified()
    assert window.versions.pane.isVisible()
    select(qtbot, window, ("sections", 0))
    qtbot.waitUntil(lambda: "original" in window.versions.pane.state.text())
    assert "French version: draft-F.brief.yaml" in window.versions.pane.heading.text()
    assert not window.versions.pane.mark_button.isVisible()  # the original follows nothing
