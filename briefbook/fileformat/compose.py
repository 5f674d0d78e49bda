"""YAML text → nodes, refusing every YAML feature a brief never needs.

PyYAML's own composer resolves aliases into shared nodes (so an "alias bomb" of a few
hundred bytes expands into billions of nodes on the walk), accepts any tag and keeps
the last of two equal keys. Briefbook therefore takes only the *event* stream from
the parser — libyaml's when present, which is fast and constructs nothing — and builds
the node tree here, where each refusal can be reported at its own line:

* anchors ``&x`` and aliases ``*x`` are refused (a brief never needs them, and they
  are how alias bombs work);
* any tag other than the standard scalar, sequence and mapping tags is refused, so
  ``!!python/object`` and custom tags never reach a constructor;
* a key given twice in one mapping is refused instead of silently overwriting;
* more than one document, or nesting deeper than any brief needs, stops the read.

Nothing here executes anything: events are plain data.
"""

from __future__ import annotations

from functools import cache

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from briefbook.problems import Problem, Severity
from briefbook.record import Record

#: The safe event parser: libyaml's when PyYAML was built with it.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"

_SCALAR_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL})

#: A level-3 section's grandchild bullet sits 12 collections deep; this is far beyond.
MAX_DEPTH = 40

#: After this many problems the file is clearly not a brief; stop reading it.
MAX_PROBLEMS = 50


@cache
def _resolver() -> Resolver:
    """YAML's rules for unquoted scalars, made on first use rather than when the module loads."""
    return Resolver()


@cache
def typed_starts() -> frozenset[str]:
    """First characters with which an unquoted scalar may be something other than text."""
    return frozenset(key for key in Resolver.yaml_implicit_resolvers if key)


def resolve_plain(value: str) -> str:
    """The tag YAML gives an unquoted scalar: ``2024`` is a number, ``yes`` a boolean, ``~`` nothing."""
    return _resolver().resolve(ScalarNode, value, (True, False))


#: A scalar's extent in the text as character indexes (end exclusive), and whether it
#: is a block scalar (``|`` or ``>``), whose first line holds only its indicator.
Span = tuple[int, int, bool]


class Composed(Record):
    """The node tree of a file (``None`` when it could not be read), the problems found and the scalars' spans."""

    __slots__ = FIELDS = ("root", "problems", "spans")

    def __init__(self, root: Node | None = None, problems: list[Problem] | None = None,
                 spans: list[Span] | None = None) -> None:
        self.root = root
        self.problems: list[Problem] = [] if problems is None else problems
        self.spans: list[Span] = [] if spans is None else spans


class _Stop(Exception):
    """Reading cannot usefully go on (too many problems, too deep, a second document)."""


def _at(mark, message: str) -> Problem:
    return Problem(Severity.ERROR, message, (), "", mark.line + 1, mark.column + 1)


def compose(text: str) -> Composed:
    """Build the node tree of ``text``; syntax errors and refusals become problems."""
    out = Composed()
    loader = Loader(text)
    try:
        _Composer(out).run(loader)
    except _Stop:
        pass
    except yaml.MarkedYAMLError as exc:
        out.problems.append(syntax_problem(exc, text))
    except yaml.YAMLError as exc:  # reader errors carry a position but no mark
        out.problems.append(Problem(Severity.ERROR, f"YAML error: {exc}", (), "", 1, 1))
    finally:
        loader.dispose()
    if out.problems:
        out.root = None
    return out


class _Composer:
    def __init__(self, out: Composed):
        self.out = out
        #: Open collections: the node, and for mappings the pending key and the keys seen.
        self.stack: list[tuple[Node, list, dict[str, int] | None]] = []
        self.documents = 0

    def problem(self, mark, message: str) -> None:
        problems = self.out.problems
        problems.append(_at(mark, message))
        if len(problems) >= MAX_PROBLEMS:
            problems.append(_at(mark, "too many problems; stopped reading here"))
            raise _Stop

    def run(self, loader) -> None:
        add_span = self.out.spans.append
        attach = self.attach
        typed = typed_starts()
        get_event = loader.get_event
        stack = self.stack
        while True:
            event = get_event()
            kind = type(event)
            if kind is ScalarEvent:  # the common case first, kept lean: briefs are mostly text
                value, start, end, style, tag = event.value, event.start_mark, event.end_mark, event.style, event.tag
                add_span((start.index, end.index, style == "|" or style == ">"))
                if tag is None:
                    plain = event.implicit[0]
                    tag = resolve_plain(value) if plain and (not value or value[0] in typed) else STR
                else:
                    tag = self.explicit_tag(event)
                if event.anchor is not None:
                    self.check_anchor(event)
                node = ScalarNode(tag, value, start, end, style)
                if stack and stack[-1][2] is None:  # an item of a list
                    stack[-1][0].value.append(node)
                else:
                    attach(node)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                self.open(event)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                node, _, _ = self.stack.pop()
                node.end_mark = event.end_mark
                if not self.stack:
                    self.out.root = node
            elif kind is AliasEvent:
                self.problem(event.start_mark, f"aliases (*{event.anchor}) are not allowed in a brief; "
                             "if this is text that starts with *, put the whole text in quotes")
                self.attach(ScalarNode(NULL, "", event.start_mark, event.end_mark))
            elif kind is DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    self.problem(event.start_mark, "a brief file holds one YAML document; "
                                 "remove this second document (from the '---' on)")
                    raise _Stop
            elif kind is StreamEndEvent:
                return

    def explicit_tag(self, event: ScalarEvent) -> str:
        tag = event.tag
        if tag == "!":
            return STR
        if tag not in _SCALAR_TAGS:
            self.problem(event.start_mark, f"the tag {_short(tag)} is not allowed in a brief; remove it")
            return STR
        return tag

    def check_anchor(self, event) -> None:
        if event.anchor is not None:
            self.problem(event.start_mark, f"anchors (&{event.anchor}) are not allowed in a brief; "
                         "write the text out in full where it is needed")

    def open(self, event) -> None:
        is_map = type(event) is MappingStartEvent
        expected = MAP if is_map else SEQ
        if event.tag not in (None, "!", expected):
            self.problem(event.start_mark, f"the tag {_short(event.tag)} is not allowed in a brief; remove it")
        self.check_anchor(event)
        if len(self.stack) >= MAX_DEPTH:
            self.problem(event.start_mark, f"lists and mappings are nested more than {MAX_DEPTH} deep here; "
                         "no brief needs that")
            raise _Stop
        cls = MappingNode if is_map else SequenceNode
        node = cls(expected, [], event.start_mark, event.end_mark, event.flow_style)
        self.attach(node)
        self.stack.append((node, [], {} if is_map else None))

    def attach(self, node: Node) -> None:
        if not self.stack:
            self.out.root = node
            return
        parent, pending, seen = self.stack[-1]
        if seen is None:
            parent.value.append(node)
        elif not pending:
            pending.append(node)
        else:
            key = pending.pop()
            if isinstance(key, ScalarNode):
                first = seen.get(key.value)
                if first is not None:
                    self.problem(key.start_mark, f"the key '{key.value}' is given twice in the same place "
                                 f"(first on line {first}); keep one")
                    return
                seen[key.value] = key.start_mark.line + 1
            parent.value.append((key, node))


def _short(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


_HINTS = (
    ("unexpected end of stream", "the file ends in the middle of something: it may be cut short, "
                                 "or a quote is not closed"),
    ("mapping values are not allowed", "a text containing ': ' must be put in quotes"),
    ("alphabetic or numeric character", "a text starting with *, & or ! must be put in quotes"),
    ("could not find expected ':'", "a text spanning several lines must be put in quotes or written "
                                    "as a block (key: |-)"),
    ("invalid Unicode character escape code", "an escape from \\ud800 to \\udfff stands for half of a "
                                              "character (a lone surrogate), which a brief cannot hold; write the "
                                              "character itself, or its whole code as \\U0001F600"),
    ("expected <block end>", "check the indentation of this line; a text that starts with a quote "
                             "character must be quoted as a whole"),
)

TAB_HINT = "a tab character cannot indent YAML; indent with spaces"


def syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> Problem:
    """A YAML syntax error, worded for someone editing the file by hand."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    message = f"YAML syntax error: {problem}"
    if exc.context:
        message += f" ({exc.context}"
        if exc.context_mark is not None and mark is not None and exc.context_mark.line != mark.line:
            message += f" that starts on line {exc.context_mark.line + 1}"
        message += ")"
    if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
        message += f"; {TAB_HINT}"
    else:
        for needle, hint in _HINTS:
            if needle in problem:
                message += f"; {hint}"
                break
    if mark is None:
        return Problem(Severity.ERROR, message, (), "", 1, 1)
    if "escape code" in problem:  # libyaml points after the "\u"; the analyst looks for the backslash
        column = _escape_start(text, mark.line, mark.column)
        return Problem(Severity.ERROR, message, (), "", mark.line + 1, column + 1)
    return _at(mark, message)


def _escape_start(text: str, line: int, column: int) -> int:
    """The column of the backslash of the escape that ``column`` lies in or just after."""
    for back in range(0, 3):
        if column - back >= 0 and _char_at(text, line, column - back) == "\\":
            return column - back
    return column


def _char_at(text: str, line: int, column: int) -> str:
    start = 0
    for _ in range(line):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    index = start + column
    return text[index] if index < len(text) else ""
