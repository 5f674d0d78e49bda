"""Exports that need LibreOffice's layout, run without holding up the window: the PDF, and a Word
document whose contents get their page numbers.

The DOCX is built at once, as for any export (it takes a fraction of a second); the layout,
which takes seconds, runs in another process — :mod:`briefbook.render.paged.worker`,
started with ``QProcess`` — whose lines of output move the status bar's progress on.
Cancel ends that process, which stops LibreOffice on its way out; the target file is
written whole by the worker or not at all, so a cancelled export leaves it as it was.
No thread is used: Qt tells the window when the process writes or ends.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from briefbook.render.paged.limits import MAX_LAYOUTS, TIMEOUT_S

#: The longest the whole run may take (each layout has its own limit in the worker).
RUN_TIMEOUT_MS = int((MAX_LAYOUTS + 1) * TIMEOUT_S * 1000)

#: How long a cancelled worker has to stop LibreOffice before it is killed.
STOP_GRACE_MS = 5000


@dataclass
class LayoutOutcome:
    """How a run ended: ``ok``, ``cancelled``, or failed with ``message``; the notices it gave."""

    path: str
    kind: str  # "pdf" or "docx"
    ok: bool
    cancelled: bool = False
    message: str = ""
    notices: list[str] = field(default_factory=list)


class LayoutProgress(QWidget):
    """What the status bar shows while LibreOffice works: what is being made, a busy bar, and Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy: LibreOffice does not say how far it is
        self.bar.setMaximumWidth(120)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the export; the file is left as it was")
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        layout.addStretch(1)

    def say(self, text: str) -> None:
        """Show ``text`` whole: the status bar does not widen a label whose text grew while shown."""
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance(text) + 8)
        self.label.setText(text)


class LayoutRun(QObject):
    """One export through the layout worker at a time (see the module docstring)."""

    #: The run ended (written, failed or cancelled).
    ended = Signal(object)

    def __init__(self, progress: LayoutProgress, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.progress = progress
        self.progress.hide()
        self.progress.cancel_button.clicked.connect(self.cancel)
        self._process: QProcess | None = None
        self._work: tempfile.TemporaryDirectory | None = None
        self._outcome: LayoutOutcome | None = None
        self._pending = b""
        self._guard = QTimer(self, singleShot=True, interval=RUN_TIMEOUT_MS)
        self._guard.timeout.connect(self._too_long)
        self._kill = QTimer(self, singleShot=True, interval=STOP_GRACE_MS)
        self._kill.timeout.connect(self._kill_now)

    def busy(self) -> bool:
        return self._process is not None

    def start(self, docx: bytes, path: str, kind: str) -> None:
        """Lay ``docx`` out and write the ``kind`` ("pdf" or "docx") to ``path``; :attr:`ended` tells how it went."""
        assert not self.busy() and kind in ("pdf", "docx")
        self._work = tempfile.TemporaryDirectory(prefix="briefbook-export-")
        source = Path(self._work.name) / "brief.docx"
        source.write_bytes(docx)
        self._outcome = LayoutOutcome(path, kind, ok=False)
        self._pending = b""
        process = self._process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        process.readyReadStandardOutput.connect(self._read)
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._error)
        self._show("Making the PDF…" if kind == "pdf" else "Numbering the contents' pages…")
        process.start(sys.executable, ["-m", "briefbook.render.paged.worker", str(source), path, "--to", kind,
                                         "--stop-on-eof"])
        self._guard.start()

    def cancel(self) -> None:
        """Stop the run: the worker stops LibreOffice and ends; killed if it has not within a few seconds."""
        if self._process is None or self._outcome is None:
            return
        self._outcome.cancelled = True
        self.progress.say("Cancelling…")
        self.progress.cancel_button.setEnabled(False)
        self._process.closeWriteChannel()  # the worker's standing order to stop, where signals are not had
        self._process.terminate()
        self._kill.start()

    def _show(self, text: str) -> None:
        self.progress.say(text)
        self.progress.cancel_button.setEnabled(True)
        self.progress.show()

    def _read(self) -> None:
        assert self._process is not None and self._outcome is not None
        self._pending += bytes(self._process.readAllStandardOutput().data())
        *lines, self._pending = self._pending.split(b"\n")
        for raw in lines:
            line = raw.decode("utf-8", "replace").strip()
            if line.startswith("layout ") and not self._outcome.cancelled:
                what = "Making the PDF" if self._outcome.kind == "pdf" else "Numbering the contents' pages"
                number = line.split()[1]
                self.progress.say(f"{what}: LibreOffice lays the brief out"
                                            f"{'' if number == '1' else f' again ({number})'}…")
            elif line.startswith("notice "):
                self._outcome.notices.append(line[len("notice "):])

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        assert self._process is not None and self._outcome is not None
        self._read()
        error = bytes(self._process.readAllStandardError().data()).decode("utf-8", "replace").strip()
        outcome = self._outcome
        outcome.ok = not outcome.cancelled and status == QProcess.ExitStatus.NormalExit and code == 0
        if not outcome.ok and not outcome.cancelled and not outcome.message:
            lines = [line for line in error.splitlines() if line.strip()]
            outcome.message = lines[-1] if lines and code == 1 else (
                f"The export stopped before it was done (status {code}).")
        self._end(outcome)

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self._outcome is not None:
            self._outcome.message = f"The export could not be started: {self._process.errorString()}."
            self._end(self._outcome)

    def _too_long(self) -> None:
        if self._outcome is not None:
            self.cancel()
            self._outcome.cancelled = False
            self._outcome.message = "The export took too long and was stopped."

    def _kill_now(self) -> None:
        if self._process is not None:
            self._process.kill()

    def _end(self, outcome: LayoutOutcome) -> None:
        self._guard.stop()
        self._kill.stop()
        process, self._process, self._outcome = self._process, None, None
        if process is not None:
            process.deleteLater()
        if self._work is not None:
            self._work.cleanup()
            self._work = None
        self.progress.hide()
        self.ended.emit(outcome)

    def stop_for_exit(self) -> None:
        """At the window's closing: end the run now, LibreOffice with it (waits a few seconds at most)."""
        process = self._process
        if process is None:
            return
        self.cancel()
        if not process.waitForFinished(STOP_GRACE_MS):
            process.kill()
            process.waitForFinished(1000)


def pdf_name(docx_name: str) -> str:
    """The PDF name beside an export's suggested Word name."""
    stem, extension = os.path.splitext(docx_name)
    return (stem if extension.lower() == ".docx" else docx_name) + ".pdf"
