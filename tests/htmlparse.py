"""A small HTML reader for tests: the attributes of every tag, and the text inside some tags."""

from __future__ import annotations

from html.parser import HTMLParser

_TEXT_TAGS = ("title", "h1", "h2")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.texts: dict[str, list[str]] = {tag: [] for tag in _TEXT_TAGS}
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag in _TEXT_TAGS:
            self._open.append(tag)
            self.texts[tag].append("")

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        for tag in set(self._open):
            self.texts[tag][-1] += data


def parse(text: str) -> _Collector:
    collector = _Collector()
    collector.feed(text)
    return collector


def attrs(text: str, tag: str, **match: str) -> list[dict[str, str]]:
    """Attributes of every `tag` whose attributes include `match`."""
    return [a for t, a in parse(text).tags
            if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in match.items())]


def texts(text: str, tag: str) -> list[str]:
    """The text inside each `tag` (title, h1 or h2), white space folded."""
    return [" ".join(t.split()) for t in parse(text).texts[tag]]


def h1(text: str) -> list[str]:
    return texts(text, "h1")
