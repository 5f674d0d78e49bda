"""``briefbook check --stats``, run as a user runs it: the table of counts and its last line."""

from __future__ import annotations

import re

from test_cli import briefbook

from conftest import SAMPLE

TOTAL = re.compile(r"total: [\d,]+ words, [\d,]+ characters, about \d+ pages?")


def test_stats_of_the_sample_end_with_the_total() -> None:
    result = briefbook("check", "--stats", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert TOTAL.fullmatch(lines[-1]), lines[-1]
    assert lines[-1] == "total: 1,605 words, 11,038 characters, about 5 pages"
    header = next(index for index, line in enumerate(lines) if line.startswith("part "))
    assert lines[header].split() == ["part", "words", "characters", "pages"]
    names = [line[:52].strip() for line in lines[header + 1:-1]]
    assert names[0] == "Key takeaways"
    assert names[1] == "I. ALLIED DETERRENCE AND DEFENCE"
    assert names[-1] == "Footnotes (not in the total)"
    words = [int(line[52:].split()[0].replace(",", "")) for line in lines[header + 1:-2]]
    assert sum(words) == 1605  # the takeaways and the sections make the total


def test_budget_warnings_print_like_other_warnings(tmp_path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "  - title: SUPPORT FOR UKRAINE\n", "  - title: SUPPORT FOR UKRAINE\n    budget: {words: 300}\n")
    brief = tmp_path / "b.brief.yaml"
    brief.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    budget: {words: 300}") + 1
    result = briefbook("check", "--stats", str(brief))
    assert result.returncode == 0
    assert f"{brief}:{line}:21: warning: section II 'SUPPORT FOR UKRAINE' is 414 words; its budget is 300" \
        in result.stderr
    assert TOTAL.fullmatch(result.stdout.splitlines()[-1])


def test_stats_of_several_files_and_of_a_broken_one(tmp_path) -> None:
    broken = tmp_path / "broken.brief.yaml"
    broken.write_text("briefbook: 1\nsections: 5\n", encoding="utf-8")
    result = briefbook("check", "--stats", str(SAMPLE), str(broken))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.count("total: ") == 1  # a brief with errors has no counts
    assert any(line.startswith(f"{broken}: failed") for line in result.stdout.splitlines())
    assert "Checked 1 of 2 briefs; 1 failed:" in result.stdout
