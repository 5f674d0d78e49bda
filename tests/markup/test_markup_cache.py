"""The parse cache: the least recently used text goes first, and texts the brief no longer holds are forgotten."""

from __future__ import annotations

from briefbook.markup.cache import TextCache


def counting_cache(size: int) -> tuple[TextCache[str], list[str]]:
    computed: list[str] = []

    def compute(text: str) -> str:
        computed.append(text)
        return text.upper()

    return TextCache(compute, size), computed


def test_a_text_used_again_is_kept_and_the_least_recently_used_is_dropped():
    cache, computed = counting_cache(2)
    assert cache("a") == "A" and cache("b") == "B"
    cache("a")  # a is now the most recently used
    cache("c")  # so b goes
    assert len(cache) == 2
    computed.clear()
    cache("a")
    cache("c")
    assert computed == []
    cache("b")
    assert computed == ["b"]


def test_forget_drops_only_the_texts_named():
    cache, computed = counting_cache(10)
    for text in "abc":
        cache(text)
    cache.forget(["b", "unknown"])
    computed.clear()
    cache("a")
    cache("b")
    assert computed == ["b"]


def test_reading_many_more_texts_than_the_cache_holds_computes_each_once_per_pass():
    """A brief larger than the cache: every pass recomputes, but each text only once (no repeated scans)."""
    cache, computed = counting_cache(1000)
    texts = [f"text {n}" for n in range(5000)]
    for _ in range(3):
        for text in texts:
            cache(text)
    assert len(computed) == 15000
    assert len(cache) == 1000
