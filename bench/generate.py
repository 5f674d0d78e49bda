"""Benchmark inputs: the sample brief at ×N scale, and the same content as Markdown for pandoc.

Nothing here is committed as data: every run regenerates the inputs from the shipped
sample, so the figures always describe the sample as it is now. A ×N brief keeps the
sample's cover and key takeaways once and repeats its numbered sections N times. The
first copy is the sample exactly; every later copy has its words and numbers varied
and its footnote ids renamed, so that no text repeats (the inline parser caches by
text, and a benchmark of cache hits would flatter the editor) and a ×100 brief has
100 distinct footnotes.

The generator works on the YAML data with PyYAML alone, so it does not depend on the
code it measures; the Markdown writer mirrors what the DOCX export prints (cover
lines, title, numbered headings, nested bullets, bold, links, footnotes).
"""

from __future__ import annotations

import copy
import random
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefbook.model import section_label

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "templates" / "samples" / "182-SPE-24-E.brief.yaml"

#: Parts of inline markup that must survive variation untouched: link targets,
#: footnote references and backslash escapes.
_PROTECTED = re.compile(r"(\]\([^)]*\)|\[\^[^\]]*\]|\\.)")
_WORD = re.compile(r"[A-Za-z]{5,}")
_NUMBER = re.compile(r"\d+")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]]+)\]")


@dataclass(frozen=True)
class Inputs:
    """The files generated for one scale."""

    scale: int
    brief: Path
    markdown: Path
    sections: int
    footnotes: int


def _vocabulary(data: dict) -> list[str]:
    words: set[str] = set()
    for text in _all_texts(data):
        for segment in _PROTECTED.split(text)[::2]:
            words.update(w.lower() for w in _WORD.findall(segment))
    return sorted(words)


def _all_texts(node: object) -> list[str]:
    """Every string inside a YAML node (keys excluded), in document order."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [t for item in node for t in _all_texts(item)]
    if isinstance(node, dict):
        return [t for value in node.values() for t in _all_texts(value)]
    return []


def _map_texts(node: object, change: Callable[[str], str]) -> object:
    """A copy of ``node`` with every string value passed through ``change``."""
    if isinstance(node, str):
        return change(node)
    if isinstance(node, list):
        return [_map_texts(item, change) for item in node]
    if isinstance(node, dict):
        return {key: _map_texts(value, change) for key, value in node.items()}
    return node


def _same_case(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    if like[:1].isupper():
        return word.capitalize()
    return word


class _Varier:
    """Varies texts for copy ``k``: some words swapped for others of the sample, numbers shifted.

    Every varied text differs from all texts produced before it; when the random
    swaps happen to repeat an earlier text, more words are swapped.
    """

    def __init__(self, vocabulary: list[str], seed: int) -> None:
        self.vocabulary = vocabulary
        self.rng = random.Random(seed)
        self.seen: set[str] = set()

    def remember(self, text: str) -> None:
        self.seen.add(text)

    def vary(self, text: str, copy_number: int, rename: Callable[[str], str]) -> str:
        if not text.strip():
            return text
        text = _FOOTNOTE_REF.sub(lambda m: f"[^{rename(m.group(1))}]", text)
        for attempt in range(12):
            candidate = self._once(text, copy_number, share=0.25 + 0.1 * attempt)
            if candidate not in self.seen:
                break
        else:
            candidate = f"{candidate} ({copy_number})"
        self.seen.add(candidate)
        return candidate

    def _once(self, text: str, copy_number: int, share: float) -> str:
        parts = _PROTECTED.split(text)  # even indexes: free text; odd: protected markup
        places = [(i, m.start()) for i in range(0, len(parts), 2) for m in _WORD.finditer(parts[i])]
        chosen = {place for place in places if self.rng.random() < share}
        if places and not chosen:
            chosen.add(self.rng.choice(places))
        for index in range(0, len(parts), 2):

            def swap(match: re.Match[str], index: int = index) -> str:
                if (index, match.start()) not in chosen:
                    return match.group(0)
                return _same_case(self.rng.choice(self.vocabulary), match.group(0))

            segment = _WORD.sub(swap, parts[index])
            parts[index] = _NUMBER.sub(lambda m: str(int(m.group(0)) + copy_number - 1), segment)
        return "".join(parts)


def scaled_data(data: dict, scale: int, seed: int = 182) -> dict:
    """The brief's YAML data with its sections repeated ``scale`` times (copy 1 unchanged)."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    out = copy.deepcopy(data)
    sections = data.get("sections") or []
    footnotes: dict[str, str] = dict(data.get("footnotes") or {})
    varier = _Varier(_vocabulary(data), seed)
    for text in _all_texts(data):
        varier.remember(text)
    for copy_number in range(2, scale + 1):

        def rename(fid: str, n: int = copy_number) -> str:
            return f"{fid}-{n}"

        def change(text: str, n: int = copy_number, ren: Callable[[str], str] = rename) -> str:
            return varier.vary(text, n, ren)

        out["sections"].extend(_map_texts(copy.deepcopy(sections), change))
        for fid, text in (data.get("footnotes") or {}).items():
            footnotes[rename(fid)] = change(text)
    out["footnotes"] = footnotes
    return out


def _brief_yaml(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1 << 20, default_flow_style=False)


# --- Markdown for pandoc -------------------------------------------------------------------

def _md_bullets(items: list, depth: int, out: list[str]) -> None:
    indent = "    " * depth
    for item in items:
        if isinstance(item, list):  # the children of the bullet just written
            _md_bullets(item, depth + 1, out)
        else:
            out.append(f"{indent}- {_md_line(str(item))}")


def _md_line(text: str) -> str:
    """One text as a Markdown line: line breaks become hard breaks, as the DOCX export prints them."""
    return text.replace("\n", "\\\n")


def _md_blocks(blocks: list, out: list[str]) -> None:
    for block in blocks or []:
        if isinstance(block, str):
            out += [_md_line(block), ""]
        elif "heading" in block:
            out += [f"#### {_md_line(block['heading'])}", ""]
        elif "bullets" in block:
            _md_bullets(block["bullets"], 0, out)
            out.append("")


def _md_sections(sections: list, level: int, out: list[str]) -> None:
    for number, section in enumerate(sections or [], start=1):
        out += [f"{'#' * level} {section_label(level, number)} {_md_line(section['title'])}", ""]
        _md_blocks(section.get("body") or [], out)
        _md_sections(section.get("sections") or [], level + 1, out)


def markdown_for(data: dict) -> str:
    """The brief as pandoc Markdown: cover lines, title, takeaways, numbered sections, footnotes."""
    meta = data.get("meta") or {}
    out: list[str] = []
    for key in ("body", "event", "dates", "kind"):
        if meta.get(key):
            out += [_md_line(str(meta[key])), ""]
    reference = " | ".join(
        p for p in (meta.get("reference"), f"Original: {meta['original']}" if meta.get("original") else "",
                    meta.get("issued")) if p
    )
    if reference:
        out += [reference, ""]
    kind = meta.get("kind") or "Policy Brief"
    disclaimer = meta.get("disclaimer") or (
        f"This {kind} is presented for information only and does not represent the official view of the Assembly."
    )
    out += [f"*{disclaimer}*", "", f"**{_md_line(str(meta.get('title', '')))}**", ""]
    _md_blocks(data.get("takeaways") or [], out)
    _md_sections(data.get("sections") or [], 1, out)
    for fid, text in (data.get("footnotes") or {}).items():
        out += [f"[^{fid}]: {text}", ""]
    return "\n".join(out)


def generate(scale: int, folder: Path, sample: Path = SAMPLE) -> Inputs:
    """Write ``brief-xN.brief.yaml`` and ``brief-xN.md`` into ``folder``.

    The sample's sources folder (``NAME.sources/``) is copied beside them, so the generated
    brief's local source files resolve as the sample's do.
    """
    folder.mkdir(parents=True, exist_ok=True)
    data = yaml.safe_load(sample.read_text(encoding="utf-8"))
    scaled = scaled_data(data, scale)
    brief = folder / f"brief-x{scale}.brief.yaml"
    markdown = folder / f"brief-x{scale}.md"
    brief.write_text(_brief_yaml(scaled), encoding="utf-8")
    markdown.write_text(markdown_for(scaled), encoding="utf-8")
    for sources in (sample.parent / "sources", sample.with_name(sample.name.removesuffix(".brief.yaml") + ".sources")):
        if sources.is_dir() and not (folder / sources.name).exists():
            shutil.copytree(sources, folder / sources.name)
    return Inputs(scale, brief, markdown, len(scaled["sections"]), len(scaled["footnotes"]))


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Write the benchmark's generated inputs.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--scale", type=int, action="append", default=None)
    args = parser.parse_args()
    for n in args.scale or [1, 10, 100]:
        made = generate(n, args.folder)
        print(f"x{n}: {made.brief} ({made.sections} sections, {made.footnotes} footnotes), {made.markdown}")
