"""Benchmark inputs for the quotation check: a ×N brief with 20 generated sources of 50 pages.

The sources are made of sentences of the sample's own words (so they read like the
brief's material to the word index, not like random letters), about 3,000 characters
a page. The brief's quotations are planted in them, so the check has real work of
every kind: most are planted as written (verified), some with one word changed
(altered), and some are left out (not found). Which ones is decided by a seeded
random choice, the same on every run.

Every third section's title carries a reviewer's note, so that the editor's notes
are on too when keys are typed into this brief.

Like generate.py this works on the YAML data with PyYAML alone; the files it writes
are what ``briefbook source add`` would keep: the text in ``NAME.sources/`` beside the
brief and, in the brief, each source's title, address, date, file and checksum.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from generate import Inputs, _all_texts, _brief_yaml, _vocabulary

#: A quotation in the brief's typed text: curly or straight double quotes, markup removed later.
_QUOTED = re.compile(r"“([^”]{3,})”|\"([^\"]{3,})\"")
_MARKS = re.compile(r"\*\*|\*|\[\^[^\]]*\]")
CHARS_PER_PAGE = 3000


@dataclass(frozen=True)
class SourcedInputs:
    """A ×N brief with generated sources attached, and what was planted in them."""

    scale: int
    brief: Path
    sources: int
    pages: int
    characters: int
    planted: int
    altered: int
    left_out: int
    #: Reviewers' notes put on its sections' titles.
    notes: int = 0


def quotations_of(data: dict) -> list[str]:
    """The printed words of every double-quoted passage in the brief's texts, in order."""
    found: list[str] = []
    for text in _all_texts({k: v for k, v in data.items() if k != "sources"}):
        for match in _QUOTED.finditer(text):
            quoted = _MARKS.sub("", match.group(1) or match.group(2)).strip()
            if len(quoted.split()) >= 3:
                found.append(quoted)
    return found


def _sentence(rng: random.Random, vocabulary: list[str]) -> str:
    words = [rng.choice(vocabulary) for _ in range(rng.randint(8, 22))]
    return " ".join(words).capitalize() + "."


def _alter(passage: str, rng: random.Random, vocabulary: list[str]) -> str:
    words = passage.split()
    long_ones = [i for i, w in enumerate(words) if len(w) > 3] or [0]
    place = rng.choice(long_ones)
    words[place] = rng.choice([w for w in vocabulary if w != words[place].lower()])
    return " ".join(words)


def with_sources(inputs: Inputs, count: int = 20, pages: int = 50, seed: int = 13) -> SourcedInputs:
    """Write ``brief-xN-sourced.brief.yaml`` beside ``inputs.brief``, with ``count`` sources of ``pages`` pages."""
    data = yaml.safe_load(inputs.brief.read_text(encoding="utf-8"))
    vocabulary = _vocabulary(data)
    rng = random.Random(seed)
    quotations = quotations_of(data)
    chosen = {"planted": [], "altered": [], "left_out": []}
    by_source: list[list[str]] = [[] for _ in range(count)]
    for passage in quotations:
        roll = rng.random()
        kind = "planted" if roll < 0.7 else "altered" if roll < 0.85 else "left_out"
        chosen[kind].append(passage)
        if kind != "left_out":
            planted = passage if kind == "planted" else _alter(passage, rng, vocabulary)
            by_source[rng.randrange(count)].append(planted)
    name = inputs.brief.name.removesuffix(".brief.yaml") + "-sourced"
    brief = inputs.brief.with_name(f"{name}.brief.yaml")
    folder = brief.with_name(f"{name}.sources")
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    characters = 0
    for number in range(count):
        paragraphs: list[str] = []
        size = 0
        planted = list(by_source[number])
        target = pages * CHARS_PER_PAGE
        while size < target:
            sentences = [_sentence(rng, vocabulary) for _ in range(rng.randint(3, 7))]
            if planted and rng.random() < 0.3:
                sentences.insert(rng.randrange(len(sentences) + 1), f"He said, \"{planted.pop()}\"")
            paragraph = " ".join(sentences)
            paragraphs.append(paragraph)
            size += len(paragraph) + 2
        paragraphs += [f"She said, \"{p}\"" for p in planted]  # whatever did not fit in
        text = "\n\n".join(paragraphs) + "\n"
        data_bytes = text.encode("utf-8")
        path = folder / f"source-{number + 1:02d}.txt"
        path.write_bytes(data_bytes)
        characters += len(text)
        entries.append({
            "title": f"Generated source {number + 1}",
            "url": f"https://www.example.org/source-{number + 1}",
            "date": f"2024-10-{number + 1:02d}",
            "file": f"{folder.name}/{path.name}",
            "checksum": "sha256:" + hashlib.sha256(data_bytes).hexdigest(),
        })
    data["sources"] = entries
    notes = _add_notes(data)
    brief.write_text(_brief_yaml(data), encoding="utf-8")
    return SourcedInputs(inputs.scale, brief, count, pages, characters, len(chosen["planted"]),
                         len(chosen["altered"]), len(chosen["left_out"]), notes)


def _add_notes(data: dict, every: int = 3) -> int:
    """Put a reviewer's note on the title of every ``every``-th section, as a colleague's review would; how many."""
    notes = 0
    for index, section in enumerate(data.get("sections") or []):
        if index % every == 0:
            section["notes"] = [{"on": "title", "text": f"Is this heading still right? (review note {notes + 1})",
                                 "author": "A. Reviewer", "date": "2024-10-18T21:30:00Z"}]
            notes += 1
    return notes
