"""PyYAML's non-printable pattern, seeded in its quick spelling: the same characters, and really used."""

from __future__ import annotations

import re
import subprocess
import sys

from briefbook import yamlpattern


def test_both_spellings_match_the_same_characters_over_all_of_unicode() -> None:
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    pyyaml = [match.start() for match in re.compile(yamlpattern.PYYAML_SPELLING, re.NOFLAG).finditer(everything)]
    quick = [match.start() for match in re.compile(yamlpattern.EXCLUDED).finditer(everything)]
    assert quick == pyyaml
    assert 0x07 in quick and 0xFEFF not in quick and 0x10FFFF not in quick and 0xD800 in quick


def _fresh(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.strip()


def test_pyyaml_imported_after_briefbook_uses_the_quick_spelling() -> None:
    code = "import briefbook, yaml; print(yaml.reader.Reader.NON_PRINTABLE.pattern == briefbook.yamlpattern.EXCLUDED)"
    assert _fresh(code) == "True"


def test_the_pure_python_reader_still_refuses_a_control_character() -> None:
    code = (
        "import briefbook, yaml\n"
        "try:\n"
        "    yaml.load('title: a\\x07b', Loader=yaml.SafeLoader)\n"
        "except yaml.reader.ReaderError as exc:\n"
        "    print(exc.character == 7, exc.position)\n"
        "print(yaml.load('title: caf\\u00e9 \\U0001F600', Loader=yaml.SafeLoader))\n"
    )
    assert _fresh(code).splitlines() == ["True 8", "{'title': 'café 😀'}"]


def test_nothing_is_seeded_once_pyyaml_is_imported() -> None:
    code = (
        "import re, sys, yaml\n"
        "from briefbook import yamlpattern\n"
        "key = (str, yamlpattern.PYYAML_SPELLING, 0)\n"
        "re.purge(); yamlpattern.seed(); print(key in re._cache)\n"
    )
    assert _fresh(code) == "False"
