"""The main window's fixtures (a window with the sample open, dialogs that answer as told), for every window test."""

from test_main_window import dialogs, make_window, sample, settings_dir, window  # noqa: F401 - fixtures by name
