"""Links: where the ``[text](destination "title")`` of a text are, and the addresses they carry.

:class:`LinkFinder` finds every link of a text in linear time. A ``[`` starts a label
that the next unmatched ``]`` ends; the label is a link if a destination in
parentheses follows, and no label may hold another link or a footnote reference.
Labels are matched with one stack in one pass, and every bare destination is
measured in one sweep before any label asks for it, so no part of the text is read
again for every ``[`` before it (which would make the time grow with the square of
the text's length on a long paste of ``[b](`` fragments).
Reference links (``[text][ref]``) are not part of a brief's markup.

A brief's links end up in Word documents and HTML, both of which want an address
that is plain ASCII and safe to quote. CommonMark leaves the exact form to the
implementation; the form here is the one the product has always written (that of
markdown-it), so links saved by earlier versions render byte for byte the same:

- backslash escapes and HTML entity references in the destination are decoded;
- the address is split into protocol, host and the rest; a host with non-ASCII
  letters is written in its ``xn--`` (punycode) form;
- every character outside the URL-safe set is percent-encoded, keeping valid
  ``%XX`` escapes as typed.

Only http, https and mailto addresses are kept (:data:`ALLOWED_SCHEMES`); anything
else makes the link plain text, so a pasted ``javascript:`` address can never run.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from contextlib import suppress
from functools import cache
from string import ascii_letters, digits, hexdigits

#: Link targets a brief may carry; anything else is kept as plain text.
ALLOWED_SCHEMES = ("http://", "https://", "mailto:")

_UNESCAPE = re.compile(r'\\([!"#$%&\'()*+,\-./:;<=>?@[\\\]^_`{|}~])|&([a-z#][a-z0-9]{1,31});', re.IGNORECASE)
_DECIMAL = re.compile(r"#([0-9]{1,8})")
_HEXADECIMAL = re.compile(r"#x([a-f0-9]{1,8})", re.IGNORECASE)


def _valid_code_point(code: int) -> bool:
    """Whether a numeric entity may stand for ``code`` (no surrogates, non-characters or C0/C1 controls)."""
    return not (
        0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFF) in (0xFFFF, 0xFFFE)
        or 0x00 <= code <= 0x08 or code == 0x0B or 0x0E <= code <= 0x1F or 0x7F <= code <= 0x9F
        or code > 0x10FFFF)


@cache
def _entities() -> dict[str, str]:
    """HTML5 entity names (with or without ``;``), loaded only when an address holds one."""
    import html.entities

    return {name.rstrip(";"): chars for name, chars in html.entities.html5.items()}


def _unescape_match(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1)
    name = match.group(2)
    if name in _entities():
        return _entities()[name]
    number = _DECIMAL.fullmatch(name) or _HEXADECIMAL.fullmatch(name)
    if number:
        code = int(number.group(1), 10 if number.re is _DECIMAL else 16)
        if _valid_code_point(code):
            return chr(code)
    return match.group(0)


def unescape(text: str) -> str:
    """``text`` with backslash escapes and entity references decoded (a destination or title)."""
    if "\\" not in text and "&" not in text:
        return text
    return _UNESCAPE.sub(_unescape_match, text)


# -- splitting an address (the WHATWG-era "url.parse" rules, host-denoting slashes) --------

_PROTOCOL = re.compile(r"^([a-z0-9.+-]+:)", re.IGNORECASE)
_PORT = re.compile(r":[0-9]*$")
_DELIMITERS = ("<", ">", '"', "`", " ", "\r", "\n", "\t")
_NON_HOST = ("%", "/", "?", ";", "#", "'", "{", "}", "|", "\\", "^", "`", *_DELIMITERS)
_HOST_ENDING = ("/", "?", "#")
_HOST_PART = re.compile(r"^[+a-z0-9A-Z_-]{0,63}$")
_HOST_PART_START = re.compile(r"^([+a-z0-9A-Z_-]{0,63})(.*)$")
_SLASHED = frozenset({"http:", "https:", "ftp:", "gopher:", "file:"})
_HOSTLESS = frozenset({"javascript:"})
_LABEL_SEPARATORS = re.compile(r"[\x2E\u3002\uFF0E\uFF61]")
_NON_ASCII = re.compile(r"[^\0-\x7E]")


def _first(text: str, characters: tuple[str, ...]) -> int:
    found = [index for index in (text.find(ch) for ch in characters) if index != -1]
    return min(found) if found else -1


def _split(url: str) -> list[str | bool | None]:
    """``[protocol, slashes, auth, port, hostname, hash, search, pathname]`` of an address."""
    protocol = auth = port = hostname = fragment = search = pathname = None
    slashes = False
    rest = url.strip()
    match = _PROTOCOL.match(rest)
    lower = ""
    if match:
        protocol = match.group()
        lower = protocol.lower()
        rest = rest[len(protocol):]
    # Host-denoting slashes are always on, so this test is the one markdown-it makes.
    if rest.startswith("//") and protocol not in _HOSTLESS:
        rest = rest[2:]
        slashes = True
    if protocol not in _HOSTLESS and (slashes or (protocol and protocol not in _SLASHED)):
        end = _first(rest, _HOST_ENDING)
        at = rest.rfind("@") if end == -1 else rest.rfind("@", 0, end + 1)
        if at != -1:
            auth, rest = rest[:at], rest[at + 1:]
        end = _first(rest, _NON_HOST)
        if end == -1:
            end = len(rest)
        if end > 0 and rest[end - 1] == ":":
            end -= 1
        host, rest = rest[:end], rest[end:]
        port_match = _PORT.search(host)
        if port_match:
            if port_match.group() != ":":
                port = port_match.group()[1:]
            host = host[: -len(port_match.group())]
        hostname = host or ""
        ipv6 = hostname.startswith("[") and hostname.endswith("]")
        if not ipv6:
            parts = hostname.split(".")
            for index, part in enumerate(parts):
                if not part or _HOST_PART.search(part):
                    continue
                if _HOST_PART.search("".join("x" if ord(ch) > 127 else ch for ch in part)):
                    continue
                valid, not_host = parts[:index], parts[index + 1:]
                bit = _HOST_PART_START.search(part)
                if bit:
                    valid.append(bit.group(1))
                    not_host.insert(0, bit.group(2))
                if not_host:
                    rest = ".".join(not_host) + rest
                hostname = ".".join(valid)
                break
        if len(hostname) > 255:
            hostname = ""
        if ipv6:
            hostname = hostname[1:-1]
    hash_at = rest.find("#")
    if hash_at != -1:
        fragment, rest = rest[hash_at:], rest[:hash_at]
    question = rest.find("?")
    if question != -1:
        search, rest = rest[question:], rest[:question]
    if rest:
        pathname = rest
    if lower in _SLASHED and hostname and not pathname:
        pathname = ""
    return [protocol, slashes, auth, port, hostname, fragment, search, pathname]


def _join(parts: list) -> str:
    protocol, slashes, auth, port, hostname, fragment, search, pathname = parts
    host = f"[{hostname}]" if hostname and ":" in hostname else hostname or ""
    return "".join((protocol or "", "//" if slashes else "", f"{auth}@" if auth else "", host,
                    f":{port}" if port else "", pathname or "", search or "", fragment or ""))


_SAFE = frozenset(ascii_letters + digits + ";/?:@&=+$,-_.!~*'()#")


def percent_encode(text: str) -> str:
    """``text`` with every character outside the URL-safe set percent-encoded (``%XX`` kept)."""
    out: list[str] = []
    index, length = 0, len(text)
    while index < length:
        ch = text[index]
        if ch == "%" and index + 2 < length and text[index + 1] in hexdigits and text[index + 2] in hexdigits:
            out.append(text[index:index + 3])
            index += 3
            continue
        if ch in _SAFE:
            out.append(ch)
        elif ord(ch) < 128:
            out.append(f"%{ord(ch):02X}")
        elif 0xD800 <= ord(ch) <= 0xDFFF:
            out.append("%EF%BF%BD")
        else:
            out.append("".join(f"%{byte:02X}" for byte in ch.encode("utf-8", "surrogatepass")))
        index += 1
    return "".join(out)


def _punycode_host(host: str) -> str:
    """The host with non-ASCII labels in ``xn--`` form; in ``user@host`` only the host is a domain."""
    parts = host.split("@")
    prefix, domain = (parts[0] + "@", parts[1]) if len(parts) > 1 else ("", parts[0])
    labels = _LABEL_SEPARATORS.split(domain)
    return prefix + ".".join(
        "xn--" + codecs.encode(label, "punycode").decode() if _NON_ASCII.search(label) else label for label in labels)


def normalise_destination(url: str) -> str:
    """The address a link destination stands for, ready to be written out."""
    parts = _split(url)
    protocol, hostname = parts[0], parts[4]
    if hostname and (not protocol or protocol in ("http:", "https:", "mailto:")):
        with suppress(Exception):  # an unencodable host is kept as typed
            parts[4] = _punycode_host(hostname)
        hostname = parts[4]
    if not hostname or ":" not in hostname:
        return percent_encode(_join(parts))
    for index in (0, 2, 4, 5, 6, 7):
        if parts[index]:
            parts[index] = percent_encode(parts[index])
    return _join(parts)


def allowed(href: str) -> bool:
    """Whether a normalised address may be a brief's link."""
    return href.lower().startswith(ALLOWED_SCHEMES)


# -- finding the links of a text -------------------------------------------------------------

_LINK_SCAN = re.compile(r"[\[\]\\]")
_DESTINATION_START = re.compile(r"\]\([ \t\n]*")
# What a destination's scan reacts to: ``\`` before a space ends it, ``\x`` is skipped
# whole, parentheses nest, and a space or control character ends it.
_DESTINATION_EVENT = re.compile(r"\\(?= )|\\.|[()\x00-\x20\x7f]", re.DOTALL)


class LinkFinder:
    """Where the links of one (normalised) text are: ``links[start] = (label end, link end, address)``.

    ``footnote_end(pos)`` tells where a ``[^id]`` starting at ``pos`` ends (0 if none
    does): a footnote reference inside a label stops it from being a link label.
    """

    def __init__(self, src: str, footnote_end: Callable[[int], int]) -> None:
        self.src = src
        self.n = len(src)
        self.links: dict[int, tuple[int, int, str]] = {}
        self._footnote_end = footnote_end
        self._destinations = self._measure_destinations()
        self._find_links()

    def _find_links(self) -> None:
        """Match every link label in one pass over the tokens a label scan steps through.

        A ``[`` opens a label; a ``]`` closes the innermost open one, and that label is
        a link if a destination follows. A link or footnote reference inside an open
        label makes every open label fail (no links in links). Each label is therefore
        looked at once, however the brackets nest.
        """
        src, n = self.src, self.n
        open_labels: list[int] = []
        pos = 0
        while pos < n:
            match = _LINK_SCAN.search(src, pos)
            if match is None:
                return
            pos = match.start()
            ch = src[pos]
            if ch == "\\":
                pos += 2 if pos + 1 < n else 1
            elif ch == "[":
                footnote = self._footnote_end(pos)
                if footnote:
                    open_labels.clear()
                    pos = footnote
                else:
                    open_labels.append(pos)
                    pos += 1
            else:
                if open_labels:
                    opener = open_labels.pop()
                    tail = self._link_tail(pos)
                    if tail is not None:
                        self.links[opener] = (pos, *tail)
                        open_labels.clear()
                        pos = tail[0]
                        continue
                pos += 1

    def _measure_destinations(self) -> dict[int, int]:
        """End of the bare (not ``<…>``) destination starting after each ``](``, in one sweep.

        A destination ends at a space or control character, or at a ``)`` that closes
        no ``(`` of its own; it fails if its parentheses are unbalanced there or nest
        deeper than 32. Destinations still open are kept on a stack ordered by the
        nesting depth at which they started, so each is settled once.
        """
        src, n = self.src, self.n
        starts = [m.end() for m in _DESTINATION_START.finditer(src) if m.end() < n and src[m.end()] != "<"]
        ends: dict[int, int] = {}
        if not starts:
            return ends
        waiting: list[tuple[int, int]] = []  # (start, depth when it started); depths rise bottom to top
        bottom = depth = following = 0
        for event in _DESTINATION_EVENT.finditer(src, starts[0]):
            at, token = event.start(), event.group()
            while following < len(starts) and starts[following] <= at:
                waiting.append((starts[following], depth))
                following += 1
            if len(token) == 2:
                continue
            if token == "(":
                depth += 1
                while bottom < len(waiting) and depth - waiting[bottom][1] > 32:
                    bottom += 1
            elif token == ")":
                while len(waiting) > bottom and waiting[-1][1] == depth:
                    ends[waiting.pop()[0]] = at
                depth -= 1
            else:
                for start, level in waiting[bottom:]:
                    if level == depth:
                        ends[start] = at
                waiting.clear()
                bottom = depth = 0
                if following == len(starts):
                    return ends
        waiting.extend((start, depth) for start in starts[following:])
        for start, level in waiting[bottom:]:
            if level == depth:
                ends[start] = n
        return ends

    def _link_tail(self, close: int) -> tuple[int, str] | None:
        """End and address of the ``(destination "title")`` after the label ending at ``close``."""
        src, n = self.src, self.n
        pos = close + 1
        if pos >= n or src[pos] != "(":
            return None
        pos += 1
        while pos < n and src[pos] in " \t\n":
            pos += 1
        if pos >= n:
            return None
        start = pos
        if src[pos] == "<":
            end = self._angle_destination_end(pos)
            destination = src[start + 1:end - 1] if end else None
        else:
            end = self._destinations.get(pos, pos)
            destination = src[start:end] if end > start else None
        if destination is None:
            # An empty destination: "[text]()" is a link to nowhere.
            return (pos + 1, "") if src[pos] == ")" else None
        pos = end
        while pos < n and src[pos] in " \t\n":
            pos += 1
        if pos < n and pos != end:
            title_end = self._title_end(pos)
            if title_end:
                pos = title_end
                while pos < n and src[pos] in " \t\n":
                    pos += 1
        if pos >= n or src[pos] != ")":
            return None
        href = normalise_destination(unescape(destination))
        return (pos + 1, href) if allowed(href) else None

    def _angle_destination_end(self, pos: int) -> int:
        src, n = self.src, self.n
        pos += 1
        while pos < n:
            ch = src[pos]
            if ch in "\n<":
                return 0
            if ch == ">":
                return pos + 1
            pos += 2 if ch == "\\" and pos + 1 < n else 1
        return 0

    def _title_end(self, pos: int) -> int:
        src, n = self.src, self.n
        marker = src[pos]
        if marker not in "\"'(":
            return 0
        closer = ")" if marker == "(" else marker
        pos += 1
        while pos < n:
            ch = src[pos]
            if ch == closer:
                return pos + 1
            if ch == "(" and closer == ")":
                return 0
            pos += 2 if ch == "\\" and pos + 1 < n else 1
        return 0
