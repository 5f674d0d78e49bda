"""RESULTS.md: what was measured, on what, against which target, and why a missed target is missed.

The report is written from scratch by every run. The analysis of a missed target —
what its profile shows and what would fix it — is written by people, in
bench/findings.md under a ``## <figure key>`` heading; a run includes the analysis
of each figure it finds missed, beside that run's own profile, so the two can be
compared and a stale analysis is noticed. The ``## always`` section is included in
every report.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from stats import Figure, fmt, summary

METHODS = """\
- **Inputs.** The sample brief (templates/samples/182-SPE-24-E.brief.yaml) at ×1, ×10 and ×100: cover and
  key takeaways once, the numbered sections repeated N times; copy 1 is the sample itself, later copies
  have words and numbers varied and footnote ids renamed (no text repeats, ×100 has 100 footnotes). The
  same content is written as pandoc Markdown (headings, nested bullets, bold, links, `[^n]` footnotes).
  Generated on each run into bench/work/ (git-ignored).
- **export ÷ pandoc.** `briefbook export FILE -o OUT.docx` and `pandoc -f markdown IN.md -o OUT.docx`
  as whole processes, one warm-up each, then interleaved pairs (alternating which goes first); the
  figure is each pair's time ratio.
- **export inside the editor.** In the editing-session process, with the window open on the brief:
  the window's `export_to(path)` (what the Export command runs after its file dialog), timed after the
  session's first export, which loads the Word exporter and is reported apart.
- **load, save.** In a fresh process, `briefbook.fileformat.load(path)` and `save(brief, path)` (atomic
  write with fsync) repeated; the first load, which imports the reader, is reported apart.
- **keystrokes.** In a fresh process the window is created as `briefbook.app.run` creates it, sized
  1400×900, the brief opened (and, for a long brief whose preview is drawn progressively, the
  preview complete), the middle section selected and the cursor put at the end of a bullet.
  Words are typed there: each key a `QKeyEvent` press and release posted to the editor, one key per
  120 ms and a 0.5 s pause after each word. An event filter on the editor's viewport catches the paint
  whose line holds the new character; one on the preview's viewport catches the paint after which the
  preview's document holds the new text. The filter lets the widget paint inside the filter and takes
  the time after it, so the figure runs from posting the key to the end of that paint. Spaces at the end
  of a text are not part of it, so space keys count for the editor only. The figure is the p95 of a
  session's keys; median and range are over sessions. As many sessions again type 20 keys into the
  middle section just after opening, without waiting for the preview; the p95 of each session's keys
  typed while the preview was still being drawn makes the "while the preview is still being drawn" rows.
- **5,000 keys into one bullet, everything on.** `python bench/probe_long.py` opens the window on the
  brief with its 20 sources and review notes (as the everything-on sessions below) and puts the cursor
  at the end of a bullet as the keystroke session does, and types 5,000 keys there (40 in the smoke
  run), timed the same way, at a faster pace so that it fits in about three minutes: one key per 30 ms,
  0.06 s after each word and 0.4 s after every 12th, so that the deferred checks run now and then as
  they do when a person stops at the end of a sentence. The latency rows are the p95 of the last 500
  keys (letter keys only for the preview), the median of three sessions; the note gives the p95 of the
  first 500 beside it, so that a product that slows down as the work grows shows it. Memory is read once
  the cursor is in place and again after typing, once 1 s of idle event loop has let the deferred work
  run and the typing has been merged into undo steps, each time after `gc.collect()` and
  `malloc_trim(0)`. The retained row is the Python memory still allocated, from `tracemalloc` started
  before the first key, without the benchmark's own allocations, divided by the keys typed; tracing
  slows typing several times over, so it is a pass of its own (after the first session) whose times are
  not used, and its profile lists the product lines that allocated what was kept. The resident row is
  the timed sessions' resident memory now (`/proc/self/statm`, not the peak), for comparison: it also
  counts Qt's C++ memory, and memory the allocators keep for reuse. The smoke run types 40 keys in one
  traced pass and judges none of these rows.
- **everything on.** The keystroke session again, on the brief with 20 generated sources of 50 pages
  attached (`sources_gen.py`: the brief's quotations planted in them, most as written, some altered,
  some left out) and a reviewer's note on every third section, with the quotation check, spell check,
  the Problems panel's checks, the counts, the notes, autosave and the watch on the file all running
  beside the typing. In the same sessions every turn of each of those background tasks is timed
  (`bench/pauses.py` wraps each task's turn method); a turn that belongs to opening the brief or to a
  command the user gave is left out. The "longest pause" row of a task is, for each session, its longest
  turn that began within 0.6 s after a key (the time the editor counts as typing), median over sessions;
  a task that ran only before the first key (a quick machine's spell check of the brief as it opens) is
  judged by its longest turn of all instead, which bounds what a key typed then would wait. The preview
  fill's row comes from the sessions typed just after opening (keystrokes, above): its chunks are short
  while keys come and longer once the reader stops (see `briefbook/app/preview.py`); its note gives each
  session's longest chunk of all.
- **check ÷ pandoc.** `briefbook check FILE` of the brief with its sources (its quotations checked
  against their stored texts) against `pandoc -o .docx` of the same content, interleaved pairs as for
  export.
- **find.** `python bench/probe_find.py`: finding every match of "the" in the brief as the find panel
  does after a change: the printed texts indexed, then searched, median of 15 (no Qt).
- **counts, autosave.** In `probe_io.py`: the brief's counts from nothing, and after a word typed into
  one section; autosave timed as the editor runs it, a word typed through the document controller and
  the event loop turned until the recovery file is written, the row being the longest turn of each.
- **quotation check.** `python bench/probe_quotes.py`: from the sources' stored texts read to every
  quotation classified, the index built in 2 ms turns as between keys (no Qt); one word of a quotation
  changed, the time to its new verdict.
- **PDF, long starter, book.** `briefbook export BRIEF -o x.pdf` as a whole process, interleaved with
  LibreOffice's conversion of the same DOCX alone, in Briefbook's private profile; the long starter's
  Word export, whose contents take their page numbers from two layouts; and a book of forty copies of
  the brief made with `briefbook book new` and exported to one Word document.
- **×1000.** About 4,000 pages: measured for load, save, export, check, find and the start only (typing
  into it is not), for the scaling curves of `scaling.png`, drawn with matplotlib, a dependency of the
  benchmark alone.
- **spell-checking the whole brief.** `python bench/probe_spell.py` puts every section's body of the
  brief into its first section (×100: about 8,000 lines, the worst an analyst can make by pasting a
  whole report into one section), opens it as the keystroke session does with the preview hidden and
  that section selected, and times from the start of the window's spell check (it opens the dictionary
  about 250 ms after the window is shown, then checks every text) to the highlighter's signal that no
  line waits for its underlines. Each background turn is timed (the p99 row; the turns are meant to
  stay within 2 ms). Meanwhile keys are typed into the section's first bullet, timed as in the
  keystroke session (editor only), and the same number once the check is done, for comparison. One
  process per session; at ×100 the check is over after a handful of keys, so four sessions are run
  and their keys pooled for the p95.
- **start to painted.** `python bench/probe_start.py` calls the product's `briefbook.app.run(path)`
  unchanged, with the window class replaced by a subclass that watches the preview's viewport and quits
  at its first paint with the brief loaded. Time from just before the parent starts the process (so the
  interpreter's own start counts) to the end of that paint. Fresh settings folder each time.
- **redline.** `python bench/probe_compare.py` loads the brief and a copy with 100 of its sections' texts,
  evenly spread, edited once each (a word replaced, a word deleted or a sentence added, in turn; made with
  PyYAML by `compare_bench.py`) and times `briefbook.redline.build_redline` — the comparison and the
  Word document with its tracked changes, in memory — after one warm-up; the comparison alone, the plain
  export of the copy and one whole `briefbook compare` process are reported beside it.
- **20 briefs in one command.** Twenty copies of the brief (and of its Markdown) in a folder: one
  `briefbook export A … T -o OUTDIR` process against twenty `pandoc -o .docx` processes run one after the
  other, the pair repeated, alternating which goes first; the figure is each pair's ratio.
- **import from Word.** `python bench/probe_import.py` exports the brief once and times
  `briefbook.wordimport.import_docx` of that document after one warm-up; the note says whether the brief
  saved from the import is the brief's own text byte for byte, and gives one whole `briefbook import`
  process.
- **peak memory.** `ru_maxrss` of the editing-session process after opening the brief and typing.
- **validity.** The ×100 export (×1 in the smoke run) is opened by python-docx and its footnotes part
  counted, read back by pandoc and its notes counted, and converted to PDF by LibreOffice, whose text
  (pdftotext) must contain every footnote's text. LibreOffice's own text export leaves footnotes out,
  hence the PDF.
"""


def _git(repo: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, timeout=30,
                              check=False)
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def revision(repo: Path) -> str:
    commit = _git(repo, "rev-parse", "--short", "HEAD")
    if not commit:
        return "unknown revision"
    changed = [line for line in _git(repo, "status", "--porcelain", "--untracked-files=no").splitlines() if line]
    return f"commit {commit}" + (f" with {len(changed)} uncommitted change(s) in tracked files" if changed else "")


def _target(figure: Figure) -> str:
    return "–" if figure.target is None else f"≤ {fmt(figure.target, figure.unit)}"


def table(figures: list[Figure]) -> str:
    rows = ["| figure | scale | target | median | min – max | runs | verdict |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for figure in sorted(figures, key=lambda f: (list(_ORDER).index(f.key), f.scale)):
        median, spread = summary(figure)
        rows.append(f"| {figure.label} | ×{figure.scale} | {_target(figure)} | {median} | {spread} | "
                    f"{len(figure.values)} | {figure.verdict()} |")
    return "\n".join(rows)


_ORDER = ("export_ratio", "export_whole", "pandoc_whole", "check_ratio", "export_editor", "export_editor_first",
          "load", "save", "autosave", "count", "recount",
          "key_editor", "key_preview", "key_editor_fill", "key_preview_fill", "long_editor", "long_preview",
          "long_memory", "long_rss", "start", "start_filled", "start_rss", "rss", "find_all")
_ORDER += ("spell_whole", "spell_turn", "spell_keys")
_ORDER += ("quote_check", "quote_turn", "quote_recheck", "key_editor_sources", "key_preview_sources",
           "rss_everything", "pause_fill", "pause_checks", "pause_quotes", "pause_spell", "pause_counts",
           "pause_autosave", "pause_watch", "pause_notes")
_ORDER += ("pdf_export", "pdf_soffice", "pdf_contents_docx")
_ORDER += ("compare", "import", "export_many", "export_book")


def findings(path: Path) -> dict[str, str]:
    """The analyses in findings.md, by figure key (``## key``) or figure and scale (``## key@100``)."""
    if not path.exists():
        return {}
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = found.setdefault(line[3:].split()[0], [])
        elif current is not None:
            current.append(line)
    return {key: "\n".join(lines).strip() for key, lines in found.items()}


def _verification(run) -> list[str]:
    if run.verification is None:
        return []
    scale, v = run.verification
    n = v.expected_footnotes
    lines = [f"## Is the ×{scale} export a valid document with all its footnotes?", "",
             f"**{'Yes' if v.passed else 'NO'}.** Checked on this run's `briefbook export` output "
             f"(bench/work/…/out/briefbook-x{scale}.docx); the brief has {n} printed footnote(s).", ""]
    lines.append(f"- python-docx: {'opens it' if v.docx_opens else 'could NOT open it'}; footnotes part holds "
                 f"{v.docx_footnotes} note(s) besides the separators; the body has {v.docx_references} reference(s).")
    if v.pandoc_footnotes >= 0:
        lines.append(f"- pandoc (`-f docx -t markdown`): reads {v.pandoc_footnotes} note(s).")
    if v.libreoffice_converted is None:
        lines.append("- LibreOffice: not installed here, not checked.")
    elif v.libreoffice_converted:
        lines.append(f"- LibreOffice (`soffice --headless --convert-to pdf`): converted in "
                     f"{v.libreoffice_seconds:.1f} s to {v.pdf_pages} pages; the PDF's text contains "
                     f"{v.footnotes_in_pdf} of the {n} footnote texts.")
    else:
        lines.append("- LibreOffice: could NOT convert it.")
    for missing in v.missing_in_pdf[:5]:
        lines.append(f"  - missing from the PDF text: {missing!r}")
    lines += [f"- {note}" for note in v.notes]
    return [*lines, ""]


def render(run, machine: dict[str, str], command: str, repo: Path, findings_path: Path) -> str:
    """The whole report as Markdown."""
    started = run.started.strftime("%Y-%m-%d %H:%M UTC")
    kind = f"{run.plan.name} run"
    if run.plan.name == "smoke":
        kind = ("smoke run (×1, one pass: it proves the benchmark works; its figures are indicative only on a "
                "shared machine and not judged against the targets)")
    lines = [
        "# Briefbook benchmark results", "",
        f"Measured {started} on {getattr(run, 'revision', '') or revision(repo)}; {kind}, "
        f"{run.seconds:.0f} s in all.", "",
        "Reproduce from the repository root, with the project installed (`pip install .`), pandoc and "
        "LibreOffice on the PATH:", "", "```", command, "```", "",
        "## Machine", "", "| | |", "| --- | --- |",
        *[f"| {key} | {value} |" for key, value in machine.items()], "",
        "The machine is shared: other work may have run during the measurement (see the load averages).", "",
        "## Results", "", table(run.figures), "",
    ]
    if run.plot:
        lines += [run.plot, ""]
    notes = [f for f in run.figures if f.note or f.error]
    if notes:
        lines += ["Notes:", ""]
        for figure in sorted(notes, key=lambda f: (list(_ORDER).index(f.key), f.scale)):
            text = "; ".join(t for t in (figure.note, f"**error:** {figure.error}" if figure.error else "") if t)
            lines.append(f"- {figure.label}, ×{figure.scale}: {text}")
        lines.append("")
    lines += _verification(run)
    missed = [f for f in run.figures if f.met is False]
    analyses = findings(findings_path)
    if analyses.get("always"):
        lines += ["## Observations beyond the table", "", analyses["always"], ""]
    if missed:
        lines += ["## Missed targets: causes and profiles", ""]
        shown: set[str] = set()
        for figure in sorted(missed, key=lambda f: (list(_ORDER).index(f.key), f.scale)):
            median, _ = summary(figure)
            lines += [f"### {figure.label}, ×{figure.scale}: {median} against {_target(figure)}", ""]
            name = f"{figure.key}@{figure.scale}" if f"{figure.key}@{figure.scale}" in analyses else figure.key
            analysis = analyses.get(name)
            if analysis and name not in shown:
                lines += [analysis, ""]
                shown.add(name)
            elif analysis:
                lines += ["(Cause as above.)", ""]
            else:
                lines += ["No written analysis of this figure yet; its profile follows.", ""]
            profile = run.profiles.get(f"{figure.key}@{figure.scale}")
            if profile:
                lines += ["Profile of this run:", "", "```", profile, "```", ""]
    lines += ["## How each figure is measured", "", METHODS]
    return "\n".join(lines)
