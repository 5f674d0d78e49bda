"""Sections left for later: rendered when first read, and then the same as if rendered at once."""

from __future__ import annotations

import copy

import pytest

import briefbook.render.html as html
from briefbook.fileformat import load
from briefbook.model import Brief, Paragraph
from briefbook.render.html import Groups, HtmlRenderer

from conftest import SAMPLE


def long_brief(copies: int = 6) -> Brief:
    brief = load(SAMPLE)
    brief.sections = [copy.deepcopy(section) for _ in range(copies) for section in brief.sections]
    return brief


def as_values(groups) -> list:
    return [(key, [(f.key, f.html, f.blocks) for f in fragments]) for key, fragments in groups]


def waiting(groups: Groups) -> list[int]:
    return [number for number in range(len(groups)) if not groups.rendered(number)]


def test_sections_past_the_first_blocks_are_rendered_when_read():
    brief = long_brief()
    lazy = HtmlRenderer(first_blocks=30).groups(brief)
    eager = HtmlRenderer().groups(brief)
    later = waiting(lazy)
    assert later, "a long brief leaves sections for later"
    assert all(lazy.key(number)[0] in ("sections", "footnotes") for number in later)
    assert lazy.key(later[-1]) == ("footnotes",), "the footnotes, too, wait to be read"
    assert sum(f.blocks for _, fragments in lazy[:later[0]] for f in fragments) >= 30
    assert [lazy.key(number) for number in range(len(lazy))] == [key for key, _ in eager]
    assert waiting(eager) == [] and eager.all_rendered()
    assert as_values(lazy) == as_values(eager)
    assert lazy.all_rendered()


def test_a_short_brief_is_rendered_whole():
    groups = HtmlRenderer(first_blocks=10_000).groups(long_brief(1))
    assert groups.all_rendered()


def test_a_section_read_late_is_the_same_tuple_in_later_renders():
    renderer = HtmlRenderer(first_blocks=30)
    brief = long_brief()
    first = renderer.groups(brief)
    number = waiting(first)[-1]
    fragments = first[number][1]
    assert first[number][1] is fragments, "rendered once"
    again = renderer.groups(brief)
    assert again.rendered(number) and again[number][1] is fragments
    assert not again.rendered(number - 1), "a section not read stays for later across renders"


def test_typing_into_a_section_not_rendered_yet_renders_it_alone():
    renderer = HtmlRenderer(first_blocks=30)
    brief = long_brief()
    paragraph = Paragraph("Last words.")
    brief.sections[-1].body.append(paragraph)
    path = ("sections", len(brief.sections) - 1, "body", len(brief.sections[-1].body) - 1)
    before = renderer.groups(brief)
    number = [before.key(n) for n in range(len(before))].index(path[:2])
    assert not before.rendered(number) and not before.rendered(number - 1)
    paragraph.text += " Typed late."
    after = renderer.groups(brief, changed=path)
    assert after.rendered(number) and "Typed late." in "".join(f.html for f in after[number][1])
    assert not after.rendered(number - 1)
    assert as_values(after) == as_values(HtmlRenderer().groups(brief))


@pytest.mark.parametrize("read", ["all", "none"])
def test_renumbered_footnotes_render_no_more_fragments_than_at_once(monkeypatch, read):
    """Sections re-rendered for new footnote numbers reuse their unchanged fragments, read now or later."""
    made = []
    original = html.make_fragment
    monkeypatch.setattr(html, "make_fragment", lambda *args: made.append(args[0]) or original(*args))

    def renders(first_blocks: int | None) -> tuple[list, list]:
        brief = long_brief()
        renderer = HtmlRenderer(first_blocks=first_blocks)
        groups = renderer.groups(brief)
        if read == "all":
            list(groups)
        brief.footnotes["late"] = "A note cited late."
        brief.sections[-1].body.append(Paragraph("Cited late[^late]."))
        list(renderer.groups(brief))
        made.clear()
        brief.sections[0].body.append(Paragraph("Cited first[^late]."))  # every note after it renumbered
        result = as_values(renderer.groups(brief))
        return result, list(made)

    lazy, lazy_made = renders(30)
    eager, eager_made = renders(None)
    assert lazy == eager
    assert sorted(map(str, lazy_made)) == sorted(map(str, eager_made))
