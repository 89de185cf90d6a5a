"""A small HTML reader for tests: the attributes of every tag, and the text of headings."""

from __future__ import annotations

from html.parser import HTMLParser


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.h1: list[str] = []
        self._in_h1 = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag == "h1":
            self._in_h1 += 1
            self.h1.append("")

    def handle_endtag(self, tag):
        if tag == "h1" and self._in_h1:
            self._in_h1 -= 1

    def handle_data(self, data):
        if self._in_h1:
            self.h1[-1] += data


def parse(text: str) -> _Collector:
    collector = _Collector()
    collector.feed(text)
    return collector


def attrs(text: str, tag: str, **match: str) -> list[dict[str, str]]:
    """Attributes of every `tag` whose attributes include `match`."""
    return [a for t, a in parse(text).tags
            if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in match.items())]


def h1(text: str) -> list[str]:
    return [" ".join(h.split()) for h in parse(text).h1]
