"""Starting the editor: what must hold before the first window."""

from __future__ import annotations


def test_a_broken_languages_table_is_said_at_start_not_raised(tmp_path, monkeypatch, qapp) -> None:
    """The editor reads the table before any window: a broken one is a message naming its line, and no window."""
    from PySide6.QtWidgets import QMessageBox

    import briefbook.app as app_module
    import briefbook.languages as languages

    broken = tmp_path / "languages.yaml"
    broken.write_text("en:\n  names: {en: English}\n  proofing: en-GB\n  suffix: [E]\n", encoding="utf-8")
    said: list[str] = []
    monkeypatch.setattr(languages, "languages_file", lambda: broken)
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text: said.append(text)))
    languages.forget_languages()
    try:
        assert app_module.run(None) == 1
    finally:
        monkeypatch.undo()
        languages.forget_languages()
    assert len(said) == 1 and f"{broken}:4:11:" in said[0]
