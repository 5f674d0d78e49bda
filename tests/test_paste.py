"""Pasting from Word, web pages and PDFs into body text."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from test_paste_samples import WEB_HTML, WORD_HTML

from briefbook.model import Bullet, BulletList, Heading, Paragraph
from briefbook.model.bodytext import from_text
from briefbook.paste import html_to_text, join_pdf_lines, looks_like_pdf_text

REFERENCE = Path(__file__).resolve().parent / "data" / "reference" / "policy-brief-182-SPE-24-E.txt"


def test_word_clipboard_keeps_bold_links_and_list_levels() -> None:
    text = html_to_text(WORD_HTML)
    assert from_text(text) == [
        Paragraph("NATO Ministers of Defence convened in Brussels on 17-18 October, marking "
                  "**the first ministerial meeting following the Washington Summit** and "
                  "**Mark Rutte’s inaugural ministerial meeting** as NATO Secretary General."),
        BulletList([
            Bullet("**Allied deterrence and defence**", [
                Bullet("Implementation of NATO’s defence plans (\\*draft\\*)"),
                Bullet("Strengthening of *air and missile* defence, see the "
                       "[NATO press release](https://www.nato.int/cps/en/natohq/news_229705.htm)"),
            ]),
            Bullet("**Progress on support for Ukraine** — “shoulder-to-shoulder”"),
        ]),
    ]
    # Nothing of Word's furniture leaks through.
    for leak in ("mso", "Symbol", "·", "Calibri", "o ", "[1]", "image001", "font", "\u00a0"):
        assert leak not in text


def test_web_fragment() -> None:
    text = html_to_text(WEB_HTML)
    blocks = from_text(text)
    assert blocks[0] == Heading("Focus of the meetings")
    assert blocks[1] == Paragraph("Ministers discussed **deterrence**, *support for Ukraine* and a dangerous link.")
    assert blocks[2] == BulletList([
        Bullet("First point with **weight 700**", [
            Bullet("Nested [mail](mailto:press@nato-pa.int)"),
            Bullet("Second nested", [Bullet("Third level")]),
        ]),
        Bullet("Second point [see annex]"),
    ])
    # Table cells become paragraphs; a Google Docs wrapper <b style="font-weight:normal"> is not bold.
    assert [b.text for b in blocks[3:]] == [
        "Country", "Amount", "Australia", "USD 245 million", "Not bold", "Controlchar and tab here"]
    assert "alert" not in text and "javascript" not in text


@pytest.mark.parametrize("html", [
    "", "<", "<<<>>>", "<b><i><a href='http://x'>unclosed", "</p></ul></li>", "<![CDATA[x", "<!--",
    "<ul>" * 2000 + "<li>deep", "<p style='font-weight:'>empty style value</p>", "&#0;&#xD800;&bogus;",
    "<a href='https://a.b/(x) y'>parens</a>", "<script>never</script>ends", "\x00\x1b[31mred",
])
def test_hostile_html_never_raises(html: str) -> None:
    text = html_to_text(html)
    assert isinstance(text, str)
    from_text(text)
    assert "\x00" not in text and "\x1b" not in text


def test_link_with_parentheses_and_spaces_stays_one_link() -> None:
    assert html_to_text("<a href='https://a.b/(x) y'>parens</a>") == "[parens](https://a.b/%28x%29%20y)"


def test_markup_characters_in_pasted_words_stay_literal() -> None:
    assert html_to_text("<p>2 * 3 and [^note] and **not bold** and a_b_c</p>") == (
        "2 \\* 3 and \\[^note\\] and \\*\\*not bold\\*\\* and a_b_c")
    assert html_to_text("<p>- not a list</p>") == "\\- not a list"


def test_formatting_markup_cannot_express_is_dropped_not_garbled() -> None:
    # A bold run ending in a quote right before a letter cannot close in CommonMark.
    assert html_to_text("<p><b>“quoted”</b>s tail</p>") == "“quoted”s tail"
    assert html_to_text("<p><b>bold</b> plain</p>") == "**bold** plain"
    assert html_to_text("<p><b><i> both </i></b></p>") == "***both***"


def test_paragraphs_inside_list_items_stay_bullets() -> None:
    # LibreOffice and Google Docs put a <p> inside each <li>.
    html = ('<ul><li><p style="margin-bottom: 0cm"><b>Lead</b> text</p><p>second paragraph</p>'
            '<ul><li><p>child</p></li></ul></li><li><p dir="ltr"><span>next</span></p></li></ul><p>After.</p>')
    assert from_text(html_to_text(html)) == [
        BulletList([Bullet("**Lead** text second paragraph", [Bullet("child")]), Bullet("next")]),
        Paragraph("After."),
    ]


def test_bullet_glyph_paragraphs_become_bullets() -> None:
    assert from_text(html_to_text("<p>• first</p><p>◦ second</p><p>• third</p>")) == [
        BulletList([Bullet("first", [Bullet("second")]), Bullet("third")])]


def test_reference_pdf_text_mends_the_page_break_split_bullet() -> None:
    source = REFERENCE.read_text(encoding="utf-8")
    chunk = source[source.index("Establishment of a new NATO command"):source.index("Financial pledge")]
    assert "assistance and\n\ntraining for Ukraine" in chunk
    blocks = from_text(join_pdf_lines(chunk))
    assert blocks[0] == Paragraph(
        "Establishment of a new NATO command to coordinate security assistance and training for Ukraine")
    assert isinstance(blocks[1], BulletList)
    first, second = blocks[1].items
    assert first.text.endswith("international security assistance and training for Ukraine. He highlighted "
                               "his recent visit to Wiesbaden, Germany, where the new command is being set up.")
    assert second.text.startswith("**The command is expected")
    assert len(blocks) == 2


def _as_pdf_copy(text: str, width: int = 88) -> str:
    """The reference text as a PDF viewer copies it: bold gone, glyph bullets, lines wrapped."""
    lines = []
    for line in text.split("\n"):
        plain = line.replace("**", "")
        if plain.lstrip().startswith("- "):
            indent = " " * (len(plain) - len(plain.lstrip()))
            lines.extend(textwrap.wrap("• " + plain.lstrip()[2:], width, initial_indent=indent,
                                       subsequent_indent=indent + "  "))
        elif plain.strip():
            lines.extend(textwrap.wrap(plain, width))
        else:
            lines.append("")
    return "\n".join(lines)


def test_wrapped_pdf_copy_is_joined_into_the_original_items() -> None:
    source = REFERENCE.read_text(encoding="utf-8")
    chunk = source[source.index("Financial pledge"):source.index("III. DEEPENING")]
    pdf = _as_pdf_copy(chunk)
    assert looks_like_pdf_text(pdf)
    expected = from_text(chunk.replace("**", "").replace("\n - ", "\n  - "))
    assert from_text(join_pdf_lines(pdf)) == expected
    assert any(isinstance(b, BulletList) and b.items[2].children for b in expected)


def test_hyphenated_line_ends() -> None:
    assert join_pdf_lines("Strengthening the Alliance's defen-\nce and deterrence posture") == (
        "Strengthening the Alliance's defence and deterrence posture")
    # A compound keeps its hyphen; so does a word the text also spells hyphenated.
    assert join_pdf_lines("including additional air-to-\nground munitions for the front") == (
        "including additional air-to-ground munitions for the front")
    assert join_pdf_lines("a well-known fact and a well-\nknown pattern of the last decade") == (
        "a well-known fact and a well-known pattern of the last decade")
    assert join_pdf_lines("Soft\u00ad\nhyphen words") == "Softhyphen words"


def test_paragraph_breaks_headings_numbers_and_page_numbers() -> None:
    text = "\n".join([
        "Additional notes",
        "The first paragraph runs over two lines and its first line is long enough to wrap",
        "here.",
        "",
        "3",
        "",
        "1. first numbered point",
        "2) second numbered point",
        "– dash point",
    ])
    assert from_text(join_pdf_lines(text)) == [
        Paragraph("Additional notes"),
        Paragraph("The first paragraph runs over two lines and its first line is long enough to wrap here."),
        BulletList([Bullet("first numbered point"), Bullet("second numbered point"), Bullet("dash point")]),
    ]


def test_typed_text_does_not_look_like_pdf() -> None:
    typed = "Opening paragraph.\n\n- **Lead**\n  - child\n- another point\n\n## Heading\n\nClosing."
    assert not looks_like_pdf_text(typed)
    assert not looks_like_pdf_text("one line")
    assert looks_like_pdf_text("Ministers agreed to continue increasing\nsurveillance, sharing information and\n"
                               "coordinating responses to violations.")


def test_pdf_joining_never_raises_and_drops_control_characters() -> None:
    assert join_pdf_lines("") == ""
    assert join_pdf_lines("\x00\x07bell\r\nline") == "bell line"
    assert join_pdf_lines("\f\f\n\n") == ""
