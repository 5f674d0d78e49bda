"""File ▸ Compare with Saved Version… and Compare with File…: the brief in the window, unsaved edits too."""

from __future__ import annotations

import io
import zipfile

import test_main_window
from lxml import etree
from test_main_window import select, type_at_end

from briefbook.app import compare_actions
from briefbook.model import Address

dialogs, make_window, sample = test_main_window.dialogs, test_main_window.make_window, test_main_window.sample
settings_dir, window = test_main_window.settings_dir, test_main_window.window

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def revisions(path) -> list[tuple[str, str]]:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return [(etree.QName(e).localname, "".join(e.itertext())) for e in root.iter(f"{{{W}}}ins", f"{{{W}}}del")]


def answer_dialogs(monkeypatch, *, old=None, target=None) -> list[str]:
    asked: list[str] = []

    def ask_old(parent, folder):
        asked.append(f"old:{folder}")
        return None if old is None else str(old)

    def ask_target(parent, suggested):
        asked.append(f"target:{suggested}")
        return None if target is None else str(target)

    monkeypatch.setattr(compare_actions, "ask_old_version", ask_old)
    monkeypatch.setattr(compare_actions, "ask_redline_path", ask_target)
    return asked


def test_compare_with_saved_version_tracks_the_unsaved_typing(qtbot, window, monkeypatch, sample, tmp_path) -> None:
    select(qtbot, window, Address.section(1))
    type_at_end(qtbot, window, " Allies agreed")
    target = tmp_path / "review.docx"
    asked = answer_dialogs(monkeypatch, target=target)
    window.compare_saved_action.trigger()
    assert asked == [f"target:{sample.parent / '182-SPE-24-E.redline.docx'}"]
    assert revisions(target) == [("ins", " Allies agreed")]
    message = window.statusBar().currentMessage()
    assert message == f"Redline written to {target} — 1 paragraph changed"
    assert window.document.is_modified()  # comparing saves nothing


def test_compare_with_file_takes_the_chosen_file_as_the_old_version(qtbot, window, monkeypatch, sample,
                                                                  tmp_path) -> None:
    earlier = tmp_path / "earlier.brief.yaml"
    earlier.write_text(sample.read_text(encoding="utf-8").replace("Further announcements are expected",
                                                                  "More announcements are expected"), encoding="utf-8")
    target = tmp_path / "against-earlier"
    asked = answer_dialogs(monkeypatch, old=earlier, target=target)
    window.compare_file_action.trigger()
    assert asked[0] == f"old:{sample.parent}"
    assert asked[1].endswith("182-SPE-24-E-vs-earlier.redline.docx")
    written = tmp_path / "against-earlier.docx"  # the extension added, as the export adds it
    assert window.compare_actions.last_redline == str(written)
    assert revisions(written) == [("del", "More"), ("ins", "Further")]


def test_a_broken_file_is_named_with_its_line_and_nothing_is_asked_or_written(qtbot, window, monkeypatch, dialogs,
                                                                              tmp_path) -> None:
    broken = tmp_path / "broken.brief.yaml"
    broken.write_text("briefbook: 1\nmeta: [\n", encoding="utf-8")
    asked = answer_dialogs(monkeypatch, old=broken, target=tmp_path / "never.docx")
    window.compare_file_action.trigger()
    assert [a.split(":")[0] for a in asked] == ["old"]
    message = dialogs.asked[-1]
    assert message.startswith("message:Cannot compare:") and f"{broken}:3:1: error: YAML syntax error" in message
    assert not (tmp_path / "never.docx").exists()


def test_an_unsaved_brief_has_no_saved_version_and_cancelling_writes_nothing(qtbot, make_window, monkeypatch,
                                                                            dialogs, sample, tmp_path) -> None:
    window = make_window()
    asked = answer_dialogs(monkeypatch, old=sample, target=None)
    window.compare_saved_action.trigger()
    assert dialogs.asked[-1].startswith("message:Nothing to compare with:")
    assert window.compare_file_action.isEnabled()
    window.compare_file_action.trigger()  # against the sample; the save dialog cancelled
    assert [a.split(":")[0] for a in asked] == ["old", "target"]
    assert asked[1].endswith("Untitled-vs-182-SPE-24-E.redline.docx")
    assert window.compare_actions.last_redline is None
