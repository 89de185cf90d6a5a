"""A post's title and summary as readers see them: as plain text, or as HTML that shows it.

Every place that prints a title or summary outside the article page (share previews, feeds,
posters, the posters page) takes it from here, so each shows the same characters: entities
decoded once, `<` and `&` kept as characters, white space folded, NFC.
"""

from __future__ import annotations

import functools
import html
import re
import threading
import unicodedata
from html.parser import HTMLParser

import markdown

# Python-Markdown's own extensions, as the site uses them; the theme's own (pymdownx) are left
# out, so the same body always gives the same summary.
_EXTENSIONS = ("attr_list", "md_in_html", "admonition", "tables", "fenced_code")
# Blocks whose text may be a summary; headings, code, tables, admonitions and raw HTML are not.
_SUMMARY_BLOCKS = frozenset({"p", "blockquote", "ul", "ol", "dl"})
# Paragraphs that are the markers of constructs only the theme's extensions understand.
_MARKERS = ("???", "===", "///")
# Elements whose start or end is a break between words.
_BREAKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})
_HIDDEN = frozenset({"script", "style", "template", "noscript", "svg", "math"})


def fold(text: str) -> str:
    """`text` in NFC with every run of white space one space, none at either end."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def title_text(title: str) -> str:
    """The title as plain text, exactly as written: NFC, white space folded."""
    return fold(title)


def title_html(title: str) -> str:
    """The title as HTML text (element content or an attribute value), escaped once."""
    return html.escape(title_text(title), quote=True)


def summary_text(description: str | None, body: str) -> str:
    """The summary as plain text: the description as written if there is one, else the text
    of the first paragraph of the Markdown body, as a page shows it."""
    if description and description.strip():
        return fold(description)
    return body_summary(body)


@functools.lru_cache(maxsize=4096)
def body_summary(body: str) -> str:
    """The visible text of the first paragraph (or list, or quote) of the Markdown `body`.

    A long body is rendered only as far as needed: its first blocks (never cut inside a fenced
    code block) with every link reference definition, more of them while the first paragraph
    found is the last thing rendered and so may continue beyond the cut."""
    blocks = _split_blocks(body)
    references = "\n".join(line for line in body.splitlines() if _REFERENCE.match(line))
    count = 2
    while True:
        whole = count >= len(blocks)
        source = body if whole else "\n\n".join([*blocks[:count], references])
        found = [(tag, text) for tag, text in html_blocks(render_markdown(source)) if tag or text]
        for index, (tag, text) in enumerate(found):
            if tag in _SUMMARY_BLOCKS and text and not (tag == "p" and text.startswith(_MARKERS)):
                if whole or index < len(found) - 1:
                    return text
                break
        if whole:
            return ""
        count *= 2


_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def _split_blocks(body: str) -> list[str]:
    """`body` cut at its blank lines, except inside fenced code."""
    blocks: list[str] = []
    lines: list[str] = []
    fence = ""
    for line in body.splitlines():
        stripped = line.strip()
        if fence:
            if len(stripped) >= len(fence) and not stripped.strip(fence[0]):
                fence = ""  # the closing fence: as long as the opening one, nothing else
        elif mark := _FENCE.match(line):
            fence = mark[1]
        if not stripped and not fence:
            if lines:
                blocks.append("\n".join(lines))
                lines = []
            continue
        lines.append(line)
    if lines:
        blocks.append("\n".join(lines))
    return blocks


_renderer = markdown.Markdown(extensions=list(_EXTENSIONS), output_format="html")
_lock = threading.Lock()


def render_markdown(body: str) -> str:
    """`body` as HTML, by Python-Markdown with its own extensions only."""
    with _lock:
        return _renderer.reset().convert(body)


def html_text(fragment: str) -> str:
    """The visible text of an HTML fragment: entities decoded, element boundaries that break
    a line as spaces, white space folded, NFC."""
    return fold("".join(part for _, parts in _read(fragment) for part in parts))


def html_blocks(fragment: str) -> list[tuple[str, str]]:
    """Each top-level element of an HTML fragment (text outside any element as ""), with its
    visible text folded."""
    return [(tag, fold("".join(parts))) for tag, parts in _read(fragment)]


def _read(fragment: str) -> list[tuple[str, list[str]]]:
    reader = _Reader()
    reader.feed(fragment)
    reader.close()
    return reader.blocks


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, list[str]]] = []
        self._open: list[str] = []
        self._hidden = 0

    def _block(self) -> list[str]:
        if not self._open and (not self.blocks or self.blocks[-1][0]):
            self.blocks.append(("", []))  # text outside any element
        return self.blocks[-1][1]

    def handle_starttag(self, tag: str, attrs) -> None:
        if not self._open:
            self.blocks.append((tag, []))
        if tag in _BREAKS:
            self.blocks[-1][1].append(" ")
        if tag in _VOID:
            return
        self._open.append(tag)
        if tag in _HIDDEN:
            self._hidden += 1

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._open:
            return  # an end without a start: nothing to close
        while self._open:
            closed = self._open.pop()
            if closed in _HIDDEN:
                self._hidden -= 1
            if closed == tag:
                break
        if tag in _BREAKS and self.blocks:
            self.blocks[-1][1].append(" ")

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        if not self._open and not data.strip():
            return  # the line breaks between blocks
        self._block().append(data)
