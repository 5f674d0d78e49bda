"""The main window's menus and toolbar: every command, with standard shortcuts and mnemonics.

Kept apart from :mod:`briefbook.app.main_window` so that the list of commands reads
in one place; the slots belong to the window, its file actions (``window.files``) and its
structure actions (``window.structure``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QSizePolicy, QStyle, QWidget


def redo_keys(platform: list[QKeySequence] | None = None) -> list[QKeySequence]:
    """Redo's keys: Ctrl+Shift+Z and Word's Ctrl+Y everywhere, then the platform's others.

    Linux desktops bind Redo to Ctrl+Shift+Z only (and Windows to Ctrl+Y first), so an
    analyst's Ctrl+Y did nothing; both are given on every platform, in the same order.
    """
    keys = [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
    for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo) if platform is None else platform:
        if key not in keys:
            keys.append(key)
    return keys


#: Qt's codes of keys beyond the keyboard's own (media, launch and "Save"/"Redo" keys) start here.
_SPECIAL_KEYS = 0x01000061


def typed(key: QKeySequence) -> bool:
    """Whether a shortcut is typed on the keyboard, not a keyboard's special "Save" or "Redo" key."""
    return key.count() > 0 and key[0].key().value < _SPECIAL_KEYS


def keys_text(action: QAction, most: int = 2) -> str:
    """The keys of ``action`` as people read them: its first ``most`` typed shortcuts, or the keys its text names."""
    shortcuts = [key for key in action.shortcuts() if typed(key)][:most]
    if shortcuts:
        return ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in shortcuts)
    text = action.text()
    return text.split("\t", 1)[1] if "\t" in text else ""


def _action(window, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
    action = QAction(text, window)
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)  # every binding the platform has
    elif isinstance(shortcut, list):
        action.setShortcuts(shortcut)
    elif shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    menu.addAction(action)
    window.addAction(action)
    return action


def build_menus(window) -> None:
    """The menu bar and toolbar; actions are kept on the window (``window.save_action``...)."""
    bar = window.menuBar()
    file = bar.addMenu("&File")
    Key = QKeySequence.StandardKey
    window.new_action = _action(window, file, "&New…", window.files.new_brief, Key.New, "Start a brief from a template")
    window.open_action = _action(window, file, "&Open…", window.files.open_dialog, Key.Open)
    window.new_book_action = _action(window, file, "New &Book…", window.book_actions.new_book,
                                     tip="Make a briefing book and open it in the Book panel")
    window.recent_menu = file.addMenu("Open &Recent")
    window.recent_menu.aboutToShow.connect(window.files.fill_recent_menu)
    window.import_action = _action(window, file, "&Import from Word…", window.import_actions.import_dialog,
                                   tip="Open a brief written in Word (.docx) as a new brief")
    file.addSeparator()
    window.save_action = _action(window, file, "&Save", window.files.save, Key.Save)
    window.save_as_action = _action(window, file, "Save &As…", window.files.save_as, Key.SaveAs)
    window.export_action = _action(window, file, "&Export to Word…", window.files.export_dialog, "Ctrl+E",
                                   "Write the brief as a Word document in the Assembly's format")
    window.export_pdf_action = _action(window, file, "Export to &PDF…", window.files.export_pdf_dialog,
                                       "Ctrl+Shift+E", "Write the brief as a PDF, laid out by LibreOffice")
    window.template_action = _action(window, file, "Export &Template…", window.files.choose_template,
                                     tip="Choose the Word document whose styles this brief is exported with")
    window.compare_saved_action = _action(window, file, "Compare with Sa&ved Version…",
                                          window.compare_actions.compare_with_saved,
                                          tip="Write a Word redline: this brief's changes since it was saved, tracked")
    window.compare_file_action = _action(window, file, "Co&mpare with File…", window.compare_actions.compare_with_file,
                                         tip="Write a Word redline: this brief's differences from another version")
    window.new_version_action = _action(window, file, "New &Language Version…", window.versions.new_language_version,
                                        tip="Write this brief's version in another language beside it, linked to it")
    file.addSeparator()
    sources = window.source_actions
    window.add_source_action = _action(window, file, "Add So&urce…", sources.add_source,
                                       tip="Keep a source's text with the brief (text, Markdown, HTML, Word, PDF)")
    file.addSeparator()
    _action(window, file, "&Close", window.close, Key.Close)
    _action(window, file, "&Quit", window.close, Key.Quit).setMenuRole(QAction.MenuRole.QuitRole)

    edit = bar.addMenu("&Edit")
    history = window.document.history
    window.undo_action = _action(window, edit, "&Undo", lambda: history.undo(), Key.Undo)
    window.redo_action = _action(window, edit, "&Redo", lambda: history.redo(), redo_keys())
    redo_shown = "\t" + keys_text(window.redo_action)  # a menu shows one shortcut: both keys are named

    def follow_history() -> None:
        """Undo and Redo name the step they would take back or do again, as Word's do."""
        for action, word, can, label, keys in (
                (window.undo_action, "&Undo", history.can_undo, history.undo_label, ""),
                (window.redo_action, "&Redo", history.can_redo, history.redo_label, redo_shown)):
            action.setEnabled(can())
            action.setText((f"{word} {label()}" if can() else word) + keys)

    window.document.historyChanged.connect(follow_history)
    follow_history()
    edit.addSeparator()
    #: Cut and Paste change the brief: disabled while it is read-only (Save stays: it saves a copy).
    window.text_change_actions = []
    for text, name, standard in (("Cu&t", "cut", Key.Cut), ("&Copy", "copy", Key.Copy),
                                 ("&Paste", "paste", Key.Paste), ("Select &All", "selectAll", Key.SelectAll)):
        action = _action(window, edit, text, lambda _=False, n=name: window.to_focus(n), standard)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the text fields handle the keys
        if name in ("cut", "paste"):
            window.text_change_actions.append(action)

    def follow_read_only(read_only: bool) -> None:
        for action in window.text_change_actions:
            action.setEnabled(not read_only)

    window.document.readOnlyChanged.connect(follow_read_only)
    edit.addSeparator()
    find = window.find
    window.find_action = _action(window, edit, "F&ind…", find.find_in_text, "Ctrl+F",
                                 "Find in the text being edited, every match highlighted")
    window.find_in_brief_action = _action(window, edit, "Find in &Brief…", find.find_in_brief, "Ctrl+Shift+F",
                                          "Find in every text of the brief: cover, sections, footnotes, sources")
    window.replace_action = _action(window, edit, "R&eplace…", find.replace, "Ctrl+H",
                                    "Replace in the whole brief; Replace All shows every change first")
    window.find_next_action = _action(window, edit, "Find &Next", lambda: find.step(1), "F3")
    window.find_previous_action = _action(window, edit, "Find Pre&vious", lambda: find.step(-1), "Shift+F3")
    window.document.readOnlyChanged.connect(lambda read_only: window.replace_action.setEnabled(not read_only))
    edit.addSeparator()

    def next_misspelled() -> None:
        from briefbook.app.spell_menu import next_unknown_in, spelling_target

        field = spelling_target(window.focusWidget(), window.editor)
        if not window.spell.available or not next_unknown_in(field, window.spell):
            window.statusBar().showMessage("No unknown words in this text." if window.spell.available
                                           else "Spelling is not checked: no dictionary is installed.", 5000)

    window.next_misspelled_action = _action(window, edit, "Next &Misspelled Word", next_misspelled, "F7",
                                            "Select the next word the spell checker does not know")
    edit.addSeparator()
    window.footnote_action = _action(window, edit, "Insert &Footnote…", lambda: window.structure.insert_footnote(),
                                     "Ctrl+Alt+F",
                                     "Insert a footnote reference at the cursor")
    window.quote_action = _action(window, edit, "&Quote from Source", lambda: sources.quote(False), "Ctrl+Shift+Q",
                                  "Insert the passage selected in the source pane, in quotation marks")
    window.cite_action = _action(window, edit, "Quote &with Citation", lambda: sources.quote(True), "Ctrl+Alt+Q",
                                 "Insert the passage and a footnote citing its source")

    section = bar.addMenu("&Section")
    structure = window.structure
    window.add_section_action = _action(window, section, "&Add Section", structure.add_section, "Ctrl+Shift+N")
    window.add_sub_action = _action(window, section, "Add S&ub-section", lambda: structure.add_section(child=True),
                                    "Ctrl+Shift+B")
    window.rename_action = _action(window, section, "Re&name Section", structure.rename_section, "F2")
    window.delete_section_action = _action(window, section, "&Delete Section", structure.delete_section,
                                           "Ctrl+Shift+Del")
    section.addSeparator()
    window.up_action = _action(window, section, "Move &Up", lambda: structure.move_section(-1), "Alt+Up")
    window.down_action = _action(window, section, "Move Do&wn", lambda: structure.move_section(1), "Alt+Down")
    window.promote_action = _action(window, section, "&Promote (Level Up)", lambda: structure.relevel(False),
                                    "Alt+Left")
    window.demote_action = _action(window, section, "D&emote (Level Down)", lambda: structure.relevel(True),
                                   "Alt+Right")
    section.addSeparator()
    window.mark_up_to_date_action = _action(window, section, "Mark Section Up to &Date", window.versions.mark_current,
                                            tip="Record that this translated section follows the other version's now")

    view = bar.addMenu("&View")
    window.preview_action = _action(window, view, "Show &Preview", window.set_preview_visible, "Ctrl+Shift+P")
    window.preview_action.setCheckable(True)
    window.preview_action.setChecked(True)
    problems = window.problems_dock.toggleViewAction()
    problems.setText("Show Pro&blems")
    problems.setShortcut(QKeySequence("Ctrl+Shift+M"))
    view.addAction(problems)
    window.source_pane_action = _action(window, view, "Show &Source Pane", sources.set_visible, "Ctrl+Shift+O",
                                        "The text of the brief's sources beside the editor, to quote from")
    window.source_pane_action.setCheckable(True)
    window.source_pane_action.setChecked(window.source_pane.isVisibleTo(window))
    window.other_version_action = _action(window, view, "Show Other &Version", window.versions.set_visible,
                                          "Ctrl+Shift+L", "The other language version's same section beside the editor")
    window.other_version_action.setCheckable(True)
    window.outline_counts_action = _action(window, view, "Show &Word Counts in Outline",
                                           window.counts.set_outline_counts,
                                           tip="Each section's words beside it in the outline, and its budget")
    window.outline_counts_action.setCheckable(True)
    window.outline_counts_action.setChecked(window.counts.outline_counts)
    window.notes_action = window.notes.dock.toggleViewAction()
    window.notes_action.setText("Show No&tes")
    window.notes_action.setStatusTip("Every reviewer's note of the brief, in print order")
    view.addAction(window.notes_action)
    view.addSeparator()
    _action(window, view, "Go to &Outline", lambda: window.outline.setFocus(), "Ctrl+1")
    _action(window, view, "Go to &Editor", window.pages.focus_editor, "Ctrl+2")
    _action(window, view, "Go to Pre&view", lambda: window.preview.setFocus(), "Ctrl+3")
    _action(window, view, "Go to So&urce", sources.focus_pane, "Ctrl+4")
    _action(window, view, "&Go to Notes", window.notes.focus_panel, "Ctrl+5")
    _action(window, view, "&Next Problem", window.next_problem, "F8")

    _build_format_menu(window, bar.addMenu("F&ormat"))
    review = bar.addMenu("&Review")
    notes = window.notes
    window.new_note_action = _action(window, review, "&New Note…", notes.new_note, "Ctrl+Alt+M",
                                     "A reviewer's note on the words selected (or the word at the cursor)")
    window.edit_note_action = _action(window, review, "&Edit Note…", lambda: notes.edit_note(),
                                      tip="Change the text of the note at the cursor or chosen in the notes panel")
    window.delete_note_action = _action(window, review, "&Delete Note", lambda: notes.delete_note(),
                                        tip="Delete the note at the cursor or chosen in the notes panel")
    review.addSeparator()
    window.next_note_action = _action(window, review, "Ne&xt Note", lambda: notes.step(1), "Ctrl+Alt+N",
                                      "Go to the next note's words")
    window.previous_note_action = _action(window, review, "Pre&vious Note", lambda: notes.step(-1), "Ctrl+Alt+P",
                                          "Go to the previous note's words")
    review.addSeparator()
    review.addAction(window.notes_action)
    _build_toolbar(window)
    help_menu = bar.addMenu("&Help")
    window.shortcuts_action = _action(window, help_menu, "&Keyboard Shortcuts", window.show_shortcuts, "Ctrl+/",
                                      "Every command's keys, and the editor's own")
    help_menu.addSeparator()
    _action(window, help_menu, "&About Briefbook", window.about)
    window.structure.update_actions()


def _build_format_menu(window, menu) -> None:
    """Bold, italic, link, footnote and bullet level: the editor's keys, found in a menu.

    They act on the body editor, and only while a body (the takeaways or a section) is shown
    and the brief can be changed. Tab and Shift+Tab stay the editor's own keys (a window
    shortcut would take Tab from every field); the menu names them after a tab.
    """
    editor = window.editor

    def on_editor(method):
        def run() -> None:
            focus = QApplication.focusWidget()
            if focus is not editor and isinstance(focus, (QLineEdit, QPlainTextEdit)):  # the section title, say
                window.statusBar().showMessage("Formatting applies to the body text: click in it first.", 5000)
                return
            editor.setFocus()
            method()
        return run

    window.bold_action = _action(window, menu, "&Bold", on_editor(editor.toggle_bold), "Ctrl+B",
                                 "Bold the selection or the word at the cursor (again: not bold)")
    window.italic_action = _action(window, menu, "&Italic", on_editor(editor.toggle_italic), "Ctrl+I",
                                   "Italicise the selection or the word at the cursor (again: not italic)")
    window.link_action = _action(window, menu, "&Link…", on_editor(editor.insert_link), "Ctrl+K",
                                 "Make the selection a link")
    menu.addSeparator()
    menu.addAction(window.footnote_action)
    window.existing_footnote_action = _action(window, menu, "Refer to &Existing Footnote…",
                                              lambda: window.structure.refer_to_footnote(),
                                              tip="Insert a reference to a footnote the brief already has")
    menu.addSeparator()
    window.indent_action = _action(window, menu, "Bullet Level &In\tTab", on_editor(lambda: editor.indent(+1)),
                                   tip="Nest the bullet one level deeper (or make the line a bullet)")
    window.outdent_action = _action(window, menu, "Bullet Level &Out\tShift+Tab",
                                    on_editor(lambda: editor.indent(-1)),
                                    tip="Bring the bullet one level back (a top-level one becomes a paragraph)")
    window.format_actions = [window.bold_action, window.italic_action, window.link_action,
                             window.existing_footnote_action, window.indent_action, window.outdent_action]

    def follow(*_args) -> None:
        from briefbook.app.pages import PAGE_BODY

        enabled = not window.document.read_only and window.pages.currentIndex() == PAGE_BODY
        for action in window.format_actions:
            action.setEnabled(enabled)

    window.pages.currentChanged.connect(follow)
    window.document.readOnlyChanged.connect(follow)
    follow()


def _build_toolbar(window) -> None:
    """The commands used all day, with their shortcuts in the tooltips."""
    bar = window.addToolBar("Main")
    bar.setObjectName("mainToolbar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    bar.setIconSize(bar.iconSize() * 0.75)
    icon = window.style().standardIcon
    P = QStyle.StandardPixmap
    for entry in (
        (window.new_action, P.SP_FileIcon, "New"), (window.open_action, P.SP_DialogOpenButton, "Open"),
        (window.save_action, P.SP_DialogSaveButton, "Save"), None,
        (window.undo_action, P.SP_ArrowBack, "Undo"), (window.redo_action, P.SP_ArrowForward, "Redo"), None,
        (window.add_section_action, P.SP_FileDialogNewFolder, "Add Section"),
        (window.up_action, P.SP_ArrowUp, "Up"), (window.down_action, P.SP_ArrowDown, "Down"),
        (window.promote_action, P.SP_ArrowLeft, "Promote"), (window.demote_action, P.SP_ArrowRight, "Demote"), None,
        (window.footnote_action, P.SP_FileDialogDetailedView, "Footnote"), None,
        (window.export_action, P.SP_DialogApplyButton, "Export to Word"),
    ):
        if entry is None:
            bar.addSeparator()
            continue
        action, pixmap, text = entry
        action.setIcon(icon(pixmap))
        action.setIconText(text)
        keys = keys_text(action)
        name = action.text().split("\t", 1)[0].replace("&", "").rstrip("…")
        action.setToolTip(f"{name} ({keys})" if keys else text)
        bar.addAction(action)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(spacer)
    window.preview_action.setIconText("Preview")
    bar.addAction(window.preview_action)
