"""The preview's HTML: numbers, runs, links, footnotes, anchors naming model paths, escaping, fragments."""

from __future__ import annotations

import copy
import re
from html import escape as html_escape
from html import unescape

from hypothesis import given
from hypothesis import strategies as st

from briefbook.fileformat import load
from briefbook.markup import FootnoteRef, Run, parse
from briefbook.model import (
    Brief,
    Bullet,
    BulletList,
    Heading,
    Meta,
    Paragraph,
    Section,
    footnote_numbers,
    iter_sections,
    iter_texts,
)
from briefbook.render.html import HtmlRenderer, path_from_name, path_name, render_fragments, render_html
from briefbook.resources import starter_templates

from conftest import SAMPLE


def sample() -> Brief:
    return load(SAMPLE)


def anchor_names(html: str) -> list[str]:
    return [unescape(name) for name in re.findall(r'name="([^"]*)"', html)]


def test_sample_has_numbered_headings_in_order():
    brief = sample()
    html = render_html(brief)
    positions = []
    for entry in iter_sections(brief):
        heading = f"{entry.label}\t</span>"
        assert heading in html
        title_at = html.index(f'name="{path_name((*entry.path, "title"))}"')
        positions.append(title_at)
        assert html.index(heading, max(positions[:-1], default=0)) < title_at
    assert positions == sorted(positions)
    assert len(positions) == len(brief.sections) >= 5


def test_sample_bold_runs_and_link_come_through():
    brief = sample()
    html = render_html(brief)
    bold = [item.text for place in iter_texts(brief) for item in parse(place.text) if isinstance(item, Run)
            and item.bold]
    assert bold
    for text in bold:
        assert f"<b>{text.replace(chr(10), '<br>')}" in unescape(html)
    links = [item for text in brief.footnotes.values() for item in parse(text) if isinstance(item, Run) and item.href]
    assert links
    for link in links:
        assert f'class="hyperlink" href="{link.href}">{link.text}</a>' in html


def test_sample_footnote_number_links_to_its_footnote():
    brief = sample()
    numbers = footnote_numbers(brief)
    assert numbers
    fragments = render_fragments(brief)
    notes = [f for f in fragments if f.key[0] == "footnotes"]
    body = "".join(f.html for f in fragments if f.key[0] != "footnotes")
    for fid, number in numbers.items():
        ref = f'href="bb:footnotes/{fid}">{number}</a>'
        assert ref in body, "the reference in the text"
        note = next(f for f in notes if f.key == ("footnotes", fid))  # one fragment per footnote
        assert note.html.startswith(f'<p class="footnote-text"><a class="footnote-reference t-footnote-text" '
                                    f'name="footnotes/{fid}" {ref}'), "the number before the footnote's text"
        assert unescape(re.sub("<[^>]+>", "", brief.footnotes[fid].split("[")[0])) in unescape(note.html)
    assert notes[0].key == ("footnotes",) and notes[0].html.startswith('<p class="footnote-separator">')
    assert len(notes) == len(numbers) + 1
    assert fragments[-1].key == ("meta", "website") and brief.meta.website in fragments[-1].html
    assert fragments[-len(notes) - 1:-1] == notes


def test_footnotes_are_numbered_as_the_model_numbers_them():
    for path in [SAMPLE, *starter_templates().values()]:
        brief = load(path)
        html = "".join(f.html for f in render_fragments(brief) if f.key[0] != "footnotes")
        shown = [(fid, int(n)) for fid, n in re.findall(r'href="bb:footnotes/([^"]+)">(\d+)</a>', html)]
        numbers = footnote_numbers(brief)
        assert dict(shown) == numbers
        assert [fid for fid, _ in dict.fromkeys(shown)] == list(numbers)


def test_every_text_is_named_by_its_model_path():
    brief = sample()
    names = set(anchor_names(render_html(brief)))
    for place in iter_texts(brief):
        if place.text:
            assert path_name(place.path) in names
    for key in ("body", "event", "dates", "kind", "reference", "disclaimer", "website"):
        assert f"meta/{key}" in names
    assert len(anchor_names(render_html(brief))) == len(names), "each name once"


def test_path_names_round_trip():
    for path in [("sections", 0, "body", 2, "bullets", 1, "children", 0), ("meta", "title"),
                 ("footnotes", "12"), ("footnotes", "a.b-c")]:
        assert path_from_name(path_name(path)) == path
        assert path_from_name(f"bb:{path_name(path)}") == path


HOSTILE = """<script>alert("x")</script> & 'quoted' <b>not bold</b> &amp;"""


def hostile_brief() -> Brief:
    return Brief(
        meta=Meta(event=HOSTILE, title=f"**{HOSTILE}**", reference="<i>", website="<a href='x'>w</a>"),
        takeaways=[Paragraph(HOSTILE), BulletList([Bullet(HOSTILE, [Bullet(f"*{HOSTILE}*[^x]")])]),
                   Heading(HOSTILE)],
        sections=[Section(HOSTILE, [Paragraph('[link](https://example.org/?a="><script>x</script>)'),
                                    Paragraph("[and](https://example.org/?a=1&b='2')")])],
        footnotes={"x": HOSTILE},
    )


def test_hostile_text_is_escaped():
    html = render_html(hostile_brief())
    body = html[html.index("<body>"):]
    assert "<script" not in body
    assert "<b>not bold</b>" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quoted&#x27;" in body
    assert "&amp;amp;" in body
    hrefs = re.findall(r'href="([^"]*)"', body)
    assert "https://example.org/?a=1&amp;b=&#x27;2&#x27;" in hrefs
    assert all("<" not in href and ">" not in href for href in hrefs)
    tags = set(re.findall(r"</?([a-z]+)", body))
    assert tags <= {"body", "p", "a", "b", "i", "br", "ul", "li", "span", "hr", "html"}


def test_fragments_cover_the_brief_in_order_with_block_counts():
    brief = sample()
    brief.meta.toc = True
    fragments = render_fragments(brief)
    keys = [f.key for f in fragments]
    assert keys[:2] == [("meta",), ("meta", "title")]
    takeaways = [("takeaways", i) for i in range(len(brief.takeaways))]
    assert keys[2:2 + len(takeaways)] == takeaways
    assert keys[2 + len(takeaways)] == ("meta", "toc")
    notes = [("footnotes",)] + [("footnotes", fid) for fid in footnote_numbers(brief)]
    assert keys[-len(notes) - 1:] == [*notes, ("meta", "website")]
    expected_sections = []
    for entry in iter_sections(brief):
        expected_sections.append((*entry.path, "title"))
        expected_sections += [(*entry.path, "body", i) for i in range(len(entry.section.body))]
    assert keys[3 + len(takeaways):-len(notes) - 1] == expected_sections
    for fragment in fragments:
        paragraphs = len(re.findall(r"<(?:p|li|hr)\b", fragment.html))
        assert fragment.blocks == paragraphs > 0


def test_contents_list_every_heading_with_its_number():
    brief = load(starter_templates()["long-brief"])
    assert brief.meta.toc
    toc = next(f for f in render_fragments(brief) if f.key == ("meta", "toc"))
    entries = re.findall(r'<p class="toc-(\d)"><a class="t-toc-\d" href="bb:([^"]+)"><span[^>]*>([^\t]+)\t', toc.html)
    expected = [(str(min(e.level, 3)), path_name((*e.path, "title")), e.label) for e in iter_sections(brief)]
    assert entries == expected
    assert any(e.level == 3 for e in iter_sections(brief))


def test_renderer_re_renders_only_the_edited_fragment():
    brief = sample()
    renderer = HtmlRenderer()
    before = renderer.fragments(brief)
    bullets = brief.sections[1].body[0]
    assert isinstance(bullets, BulletList)
    bullets.items[0].text += " **and more**"
    after = renderer.fragments(brief)
    assert len(after) == len(before)
    changed = [a.key for a, b in zip(after, before, strict=True) if a is not b]
    assert changed == [("sections", 1, "body", 0)]
    assert "<b>and more</b>" in after[[f.key for f in after].index(changed[0])].html
    assert [f.html for f in after] == [f.html for f in render_fragments(brief)]


def test_a_new_first_reference_renumbers_the_fragments_that_cite():
    brief = sample()
    renderer = HtmlRenderer()
    before = {f.key: f for f in renderer.fragments(brief)}
    brief.footnotes["early"] = "An earlier note."
    brief.takeaways[0] = Paragraph(brief.takeaways[0].text + "[^early]")
    after = {f.key: f for f in renderer.fragments(brief)}
    citing = [key for key, f in after.items() if "bb:footnotes/" in f.html and key[0] != "footnotes"]
    assert ("takeaways", 0) in citing and len(citing) == 2
    for key in citing:
        assert after[key] is not before[key]
    old_note = next(key for key in after if key[0] == "footnotes" and key in before and len(key) == 2)
    assert after[old_note] is not before[old_note], "the note renumbered is drawn again"
    assert ">2</a>" in after[old_note].html
    assert 'href="bb:footnotes/early">1</a>' in after[("takeaways", 0)].html
    old_first = next(iter(footnote_numbers(sample())))
    other = next(key for key in citing if key != ("takeaways", 0))
    assert f'href="bb:footnotes/{old_first}">2</a>' in after[other].html
    assert [f.html for f in after.values()] == [f.html for f in render_fragments(brief)]


def test_a_moved_block_renders_with_its_new_path():
    brief = sample()
    renderer = HtmlRenderer()
    renderer.fragments(brief)
    moved = copy.deepcopy(brief)
    moved.takeaways.reverse()
    assert [f.html for f in renderer.fragments(moved)] == [f.html for f in render_fragments(moved)]


def test_empty_text_prints_nothing_but_a_heading_keeps_its_number():
    """The walk's policy, as docs/format.md has it: empty paragraphs, bullets and lists print nothing."""
    brief = Brief(takeaways=[Paragraph(""), BulletList([Bullet(" ", [Bullet("under an empty bullet")])]),
                             BulletList([]), Heading("  ")],
                  sections=[Section("")])
    fragments = {f.key: f for f in render_fragments(brief)}
    assert ("takeaways", 0) not in fragments and ("takeaways", 2) not in fragments
    assert ("takeaways", 3) not in fragments and ("meta", "title") not in fragments
    bullets = fragments[("takeaways", 1)]
    assert bullets.blocks == 1 and 'name="takeaways/1/bullets/0/children/0"' in bullets.html
    assert '<ul class="list-bullet"><ul class="list-bullet-2"><li class="list-bullet-2">' in bullets.html
    heading = fragments[("sections", 0, "title")]
    assert heading.blocks == 1 and "I.\t</span>" in heading.html
    assert "-qt-paragraph-type:empty" not in "".join(f.html for f in fragments.values())


def test_undefined_footnote_is_shown_not_dropped():
    brief = Brief(takeaways=[Paragraph("Text[^gone]")])
    notes = next(f for f in render_fragments(brief) if f.key == ("footnotes", "gone"))
    assert "gone" in notes.html and ">1</a>" in notes.html
    assert isinstance(parse("Text[^gone]")[-1], FootnoteRef)


@given(st.text(alphabet=st.sampled_from("ab &<>\"'é\u201c;#x")))
def test_the_preview_escapes_text_exactly_as_the_standard_library_does(text: str) -> None:
    """Its escape skips the replacements when nothing needs one; what it returns must not differ."""
    from briefbook.render.html_blocks import escape

    assert escape(text) == html_escape(text)


def test_every_role_has_its_css_class() -> None:
    from briefbook.render.house_style import css_class
    from briefbook.render.styles import Role

    assert css_class(Role.HEADING_1) == "heading-1"
    assert all(re.fullmatch(r"[a-z0-9-]+", css_class(role)) for role in Role)
