"""The Qt Widgets user interface of Briefbook."""
