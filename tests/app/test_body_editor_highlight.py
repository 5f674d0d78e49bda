"""The highlighter agrees with the inline parser the renderers use."""

from __future__ import annotations

import random

import pytest
from PySide6.QtGui import QColor, QFont, QPalette

from briefbook.app.body_editor import BodyEditor
from briefbook.app.highlighter import inline_spans
from briefbook.markup import FootnoteRef, Run, parse

PIECES = [
    "plain ", "**bold**", "*italic*", "***both***", "_under_", "[NATO](https://www.nato.int)",
    "[**bold link**](https://a.b/x \"title\")", "**[link in bold](http://x.y)**", "[^fn-1]", "\\*", "\\\\",
    "\\[", "2 * 3", "“quoted”", "[not a link]", "[bad](javascript:x)", "**unclosed", "a_b_c", "—", "Кириллица",
    "[x](http://a.b)text", "**a****b**", " ", "*", "]", "(", ")", "**", "\\", "[^", "<b>html</b>",
]


def expected_chars(text: str) -> list[tuple[str, bool, bool, bool]]:
    out = []
    for item in parse(text):
        if isinstance(item, Run):
            out.extend((ch, item.bold, item.italic, item.href is not None) for ch in item.text)
    return out


def span_chars(text: str) -> list[tuple[str, bool, bool, bool]]:
    spans = inline_spans(text)
    assert [s.start for s in spans] == [0] + [s.end for s in spans[:-1]]
    assert not spans or spans[-1].end == len(text)
    return [(text[i], s.bold, s.italic, s.link) for s in spans if s.role == "text" for i in range(s.start, s.end)]


@pytest.mark.parametrize("seed", range(400))
def test_printed_characters_and_their_formatting_match_the_parser(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 8)))
    assert span_chars(text) == expected_chars(text)
    refs = [item for item in parse(text) if isinstance(item, FootnoteRef)]
    footnotes = [text[s.start:s.end] for s in inline_spans(text) if s.role == "footnote"]
    assert footnotes == [f"[^{ref.id}]" for ref in refs]


def test_markup_characters_are_marked() -> None:
    text = "**Bold** and [link](https://x.y) and [^fn]"
    roles = {text[s.start:s.end]: s.role for s in inline_spans(text)}
    assert roles["**"] == "markup"
    assert roles["](https://x.y)"] == "markup"
    assert roles["[^fn]"] == "footnote"
    assert roles["Bold"] == "text"


def formats_of(editor: BodyEditor, line: int) -> list[tuple[int, int, QFont.Weight, bool, bool, QColor]]:
    block = editor.document().findBlockByNumber(line)
    return [(r.start, r.length, r.format.fontWeight(), r.format.fontItalic(), r.format.fontUnderline(),
             r.format.foreground().color()) for r in block.layout().formats()]


def test_editor_lines_are_highlighted(qtbot) -> None:
    editor = BodyEditor()
    qtbot.addWidget(editor)
    editor.set_body_text("## Focus of the Meetings\n\n- **Lead** then [link](https://x.y)[^fn]")
    heading = formats_of(editor, 0)
    assert any(weight == QFont.Weight.Bold and start == 3 for start, _, weight, *_ in heading)
    bullet = {editor.document().findBlockByNumber(2).text()[s: s + n]: (w, u, c)
              for s, n, w, _, u, c in formats_of(editor, 2)}
    palette = editor.palette()
    assert bullet["Lead"][0] == QFont.Weight.Bold
    assert bullet["link"][1] is True and bullet["link"][2] == palette.color(QPalette.ColorRole.Link)
    assert bullet["-"][2] == palette.color(QPalette.ColorRole.Accent)
    assert bullet["**"][2] not in (palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Link))


def test_palette_change_recolours(qtbot) -> None:
    editor = BodyEditor()
    qtbot.addWidget(editor)
    editor.set_body_text("[link](https://x.y)")
    edits = []
    editor.on_edit = edits.append
    palette = editor.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#66aaff"))
    editor.setPalette(palette)
    colours = {editor.body_text()[s: s + n]: c for s, n, *_, c in formats_of(editor, 0)}
    assert colours["link"] == QColor("#66aaff")
    assert edits == []  # a new look is not an edit
    assert colours["["] == QColor((0xee + 0x1e) // 2, (0xee + 0x1e) // 2, (0xee + 0x1e) // 2)


def test_a_typed_line_separator_keeps_the_rest_of_the_line_highlighted():
    from briefbook.app.highlighter import inline_spans

    spans = inline_spans("a\u2028**b** c")
    bold = [(s.start, s.end) for s in spans if s.bold]
    assert bold == [(4, 5)]
    assert [s.role for s in spans if s.start < 2] == ["text"]


def test_a_link_address_is_markup_however_its_letters_read():
    # The address holds the letters of the bold word after it; all of it is still markup.
    text = '[**bold link**](https://a.b/x "title")**bold**'
    printed = [text[s.start:s.end] for s in inline_spans(text) if s.role == "text"]
    assert printed == ["bold link", "bold"]


def test_underscore_emphasis_and_escapes_are_marked_exactly():
    text = "__x__ \\*y\\* _z_"
    roles = [(text[s.start:s.end], s.role) for s in inline_spans(text)]
    assert roles == [("__", "markup"), ("x", "text"), ("__", "markup"), (" ", "text"), ("\\", "markup"),
                     ("*y", "text"), ("\\", "markup"), ("* ", "text"), ("_", "markup"), ("z", "text"),
                     ("_", "markup")]
